"""Forms of the follow-up pages. Choices of organisations are always limited to the user's scope."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.enums import OrganisationKind
from accounts.models import Organisation
from accounts.permissions import organisation_ids
from followup.enums import DeclarationStatus, OutcomeMoment, Situation
from followup.models import (
    Commitment,
    Contract,
    Eligibility,
    JobSheet,
    Operation,
    Participant,
    Placement,
    Proof,
    Referral,
)
from followup.permissions import FACILITATOR_ROLES

DATE_INPUT = forms.DateInput(attrs={"placeholder": "jj/mm/aaaa"})
MONTH_FORMATS = ["%m/%Y", "%Y-%m"]


def facilitator_organisations(user):
    return Organisation.objects.filter(
        pk__in=organisation_ids(user, FACILITATOR_ROLES), kind=OrganisationKind.FACILITATOR
    )


class MonthField(forms.DateField):
    """A month typed "MM/AAAA" (or "AAAA-MM"), stored as its first day."""

    input_formats = MONTH_FORMATS

    def __init__(self, **kwargs):
        # Rendered the way it is typed, so that a pre-filled month submits as it is.
        super().__init__(widget=forms.DateInput(format="%m/%Y", attrs={"placeholder": "mm/aaaa"}), **kwargs)


class OperationForm(forms.ModelForm):
    class Meta:
        model = Operation
        fields = ["reference", "name", "buyer", "facilitator", "description"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["buyer"].queryset = Organisation.objects.filter(kind=OrganisationKind.BUYER)
        self.fields["facilitator"].queryset = facilitator_organisations(user)


class ContractForm(forms.ModelForm):
    class Meta:
        model = Contract
        fields = [
            "reference",
            "title",
            "buyer",
            "facilitator",
            "operation",
            "lots",
            "mechanism",
            "legal_basis",
            "notified_on",
            "duration_months",
            "amount",
            "planned_hours",
            "penalty_per_missing_hour",
            "departement",
            "perimeter",
            "clause_manager",
            "notice_source",
            "notice_source_id",
        ]
        widgets = {"notified_on": DATE_INPUT}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        facilitators = facilitator_organisations(user)
        self.fields["buyer"].queryset = Organisation.objects.filter(kind=OrganisationKind.BUYER)
        self.fields["facilitator"].queryset = facilitators
        self.fields["operation"].queryset = Operation.objects.filter(facilitator__in=facilitators)


class CommitmentForm(forms.ModelForm):
    class Meta:
        model = Commitment
        fields = ["company", "role", "planned_hours"]

    def __init__(self, *args, contract: Contract, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.contract = contract
        self.fields["company"].queryset = Organisation.objects.filter(kind=OrganisationKind.COMPANY)


class JobSheetForm(forms.ModelForm):
    class Meta:
        model = JobSheet
        fields = [
            "commitment",
            "title",
            "tasks",
            "skills",
            "hours",
            "starts_on",
            "ends_on",
            "place",
            "is_shared",
        ]
        widgets = {"starts_on": DATE_INPUT, "ends_on": DATE_INPUT}

    def __init__(self, *args, contract: Contract, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["commitment"].queryset = contract.commitments.select_related("company")


class TransferForm(forms.Form):
    from_commitment = forms.ModelChoiceField(
        label=_("Depuis l'engagement"), queryset=Commitment.objects.none()
    )
    to_commitment = forms.ModelChoiceField(label=_("Vers l'engagement"), queryset=Commitment.objects.none())
    hours = forms.DecimalField(label=_("Heures"), min_value=0, decimal_places=2)
    reason = forms.CharField(label=_("Motif"), widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, commitments, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["from_commitment"].queryset = commitments
        self.fields["to_commitment"].queryset = commitments


class ReferralForm(forms.ModelForm):
    """A candidate positioned on a job sheet, among the participants of the contract's facilitator."""

    class Meta:
        model = Referral
        fields = ["participant", "prescriber", "referred_on", "status"]
        widgets = {"referred_on": DATE_INPUT}

    def __init__(self, *args, job_sheet, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.job_sheet = job_sheet
        self.fields["participant"].queryset = Participant.objects.filter(
            facilitator=job_sheet.commitment.contract.facilitator, is_anonymised=False
        )
        self.fields["participant"].label_from_instance = lambda participant: participant.code


class ParticipantForm(forms.ModelForm):
    class Meta:
        model = Participant
        fields = ["facilitator", "code", "birth_year", "gender", "commune", "departement", "prescriber"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["facilitator"].queryset = facilitator_organisations(user)


class EligibilityForm(forms.ModelForm):
    class Meta:
        model = Eligibility
        fields = ["category", "evidence_type", "valid_from", "valid_to"]
        widgets = {"valid_from": DATE_INPUT, "valid_to": DATE_INPUT}


class PlacementForm(forms.ModelForm):
    class Meta:
        model = Placement
        fields = [
            "commitment",
            "modality",
            "contract_type",
            "provider_siret",
            "provider_kind",
            "provider_name",
            "started_on",
            "ended_on",
            "is_counted",
        ]
        widgets = {"started_on": DATE_INPUT, "ended_on": DATE_INPUT}

    def __init__(self, *args, participant: Participant, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.participant = participant
        self.fields["commitment"].queryset = Commitment.objects.filter(
            contract__facilitator=participant.facilitator
        ).select_related("contract", "company")


class OutcomeForm(forms.Form):
    moment = forms.ChoiceField(label=_("Moment"), choices=OutcomeMoment.choices)
    situation = forms.ChoiceField(label=_("Situation"), choices=Situation.choices)
    observed_on = forms.DateField(label=_("Constatée le"), widget=DATE_INPUT)


class HoursForm(forms.Form):
    """Hours of one placement in one month, or an invoiced amount and its conversion rate."""

    placement = forms.ModelChoiceField(label=_("Mise en emploi"), queryset=Placement.objects.none())
    month = MonthField(label=_("Mois"))
    hours = forms.DecimalField(label=_("Heures"), required=False, min_value=0, decimal_places=2)
    invoiced_amount = forms.DecimalField(
        label=_("Montant facturé HT (€)"), required=False, min_value=0, decimal_places=2
    )
    hourly_rate = forms.DecimalField(
        label=_("Taux horaire de conversion (€)"), required=False, decimal_places=2
    )

    def __init__(self, *args, placements, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["placement"].queryset = placements
        self.fields["placement"].label_from_instance = lambda placement: (
            f"{placement.participant.code} — {placement.commitment.contract.reference} — "
            f"{placement.get_modality_display()}"
        )


class DeclarationOpenForm(forms.Form):
    commitment = forms.ModelChoiceField(label=_("Contrat"), queryset=Commitment.objects.none())
    month = MonthField(label=_("Mois déclaré"))

    def __init__(self, *args, commitments, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["commitment"].queryset = commitments
        self.fields["commitment"].label_from_instance = lambda c: (
            f"{c.contract.reference} — {c.contract.title}"
        )


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Décision"),
        choices=[(DeclarationStatus.VALIDATED, _("Valider")), (DeclarationStatus.RETURNED, _("Renvoyer"))],
    )
    comment = forms.CharField(
        label=_("Commentaire"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class ProofForm(forms.ModelForm):
    class Meta:
        model = Proof
        fields = ["file"]


class ImportForm(forms.Form):
    file = forms.FileField(label=_("Fichier CSV ou XLSX"), help_text=_("Colonnes du modèle téléchargeable."))
