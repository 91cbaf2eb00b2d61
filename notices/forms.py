"""The search form: one validation for the `/veille/` page and `GET /api/notices/`."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from notices.enums import SearchSort
from notices.search import SearchParams, facet_labels

MAX_PAGE = 10_000


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Mots-clés"), required=False, max_length=200)
    categories = forms.MultipleChoiceField(required=False)
    kinds = forms.MultipleChoiceField(required=False)
    regions = forms.MultipleChoiceField(required=False)
    departements = forms.MultipleChoiceField(required=False)
    cpv_divisions = forms.MultipleChoiceField(required=False)
    published_from = forms.DateField(
        label=_("Publié à partir du"), required=False, help_text=_("Format : jj/mm/aaaa")
    )
    published_to = forms.DateField(
        label=_("Publié jusqu'au"), required=False, help_text=_("Format : jj/mm/aaaa")
    )
    value_min = forms.DecimalField(label=_("Valeur minimale (€)"), required=False, min_value=0, max_digits=16)
    value_max = forms.DecimalField(label=_("Valeur maximale (€)"), required=False, min_value=0, max_digits=16)
    buyer = forms.CharField(
        label=_("Acheteur"), required=False, max_length=200, help_text=_("Nom ou SIRET de l'acheteur")
    )
    sort = forms.ChoiceField(label=_("Trier par"), choices=SearchSort.choices, required=False)
    page = forms.IntegerField(required=False, min_value=1, max_value=MAX_PAGE)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for name, (label, labels) in facet_labels().items():
            self.fields[name].label = label
            self.fields[name].choices = list(labels.items())

    def clean(self) -> dict:
        data = super().clean()
        start, end = data.get("published_from"), data.get("published_to")
        if start and end and start > end:
            self.add_error("published_to", _("La date de fin précède la date de début."))
        low, high = data.get("value_min"), data.get("value_max")
        if low is not None and high is not None and low > high:
            self.add_error("value_max", _("La valeur maximale est inférieure à la valeur minimale."))
        return data

    def to_params(self) -> SearchParams:
        """The validated search; call after `is_valid()` returned True."""
        data = self.cleaned_data
        return SearchParams(
            q=data["q"].strip(),
            categories=tuple(data["categories"]),
            regions=tuple(data["regions"]),
            departements=tuple(data["departements"]),
            cpv_divisions=tuple(data["cpv_divisions"]),
            kinds=tuple(data["kinds"]),
            published_from=data["published_from"],
            published_to=data["published_to"],
            value_min=data["value_min"],
            value_max=data["value_max"],
            buyer=data["buyer"].strip(),
            sort=SearchSort(data["sort"] or SearchSort.DATE),
            page=data["page"] or 1,
        )
