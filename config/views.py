"""Pages that belong to no single app: the home page and the areas still to open."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

# Areas whose app has not landed yet show what they will offer (DESIGN.md section 1).
UPCOMING_AREAS = {
    "directory": (
        _("Annuaire des structures inclusives"),
        _(
            "Trouver les SIAE, GEIQ, entreprises adaptées et ESAT proches d'un lieu d'exécution, "
            "par métier et par périmètre d'intervention, sur une carte."
        ),
    ),
    "buyers": (
        _("Boîte à outils des acheteurs"),
        _(
            "Calibrer les heures d'insertion d'un marché, choisir le bon mécanisme juridique, "
            "rédiger la clause et vérifier la conformité à l'obligation de considération sociale."
        ),
    ),
    "observatory": (
        _("Observatoire des considérations sociales"),
        _(
            "Mesurer la part des marchés comportant une considération sociale par année, territoire, "
            "acheteur et secteur, à partir des données essentielles de la commande publique."
        ),
    ),
}


def home(request: HttpRequest) -> HttpResponse:
    return render(request, "pages/home.html")


def upcoming_area(request: HttpRequest, area: str) -> HttpResponse:
    title, description = UPCOMING_AREAS[area]
    return render(request, "pages/upcoming.html", {"title": title, "description": description})
