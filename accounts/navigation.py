"""The header menus: the five public areas, and each role's own shortcuts."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from accounts.enums import Role


@dataclass(frozen=True)
class MenuItem:
    label: str
    url_name: str
    description: str = ""

    @property
    def url(self) -> str:
        return reverse(self.url_name)


# The five areas of the product, in the order of the main navigation.
AREAS = (
    MenuItem(_("Veille"), "notices:search", _("Avis de marché avec clause sociale ou réservés, alertes")),
    MenuItem(
        _("Annuaire"), "directory:index", _("SIAE, GEIQ, EA et ESAT près du lieu d'exécution, sur une carte")
    ),
    MenuItem(_("Acheteurs"), "buyers:index", _("Calibrage des heures, rédaction de la clause, conformité")),
    MenuItem(
        _("Suivi des clauses"), "followup:index", _("Contrats, heures par modalité, mutualisation, bilans")
    ),
    MenuItem(_("Observatoire"), "observatory:index", _("Part des marchés avec une considération sociale")),
)

# What each role comes to do first (DESIGN.md section 1), shown under "Mon espace".
ROLE_SHORTCUTS: dict[Role, tuple[MenuItem, ...]] = {
    Role.ADMIN: (
        MenuItem(_("Journal d'audit"), "accounts:audit"),
        MenuItem(_("Administration"), "admin:index"),
    ),
    Role.BUYER: (
        MenuItem(_("Calibrer une clause"), "buyers:index"),
        MenuItem(_("Contrats suivis"), "followup:index"),
    ),
    Role.FACILITATOR: (
        MenuItem(_("Contrats et heures d'insertion"), "followup:index"),
        MenuItem(_("Journal d'audit"), "accounts:audit"),
    ),
    Role.COMPANY: (MenuItem(_("Déclarer mes heures"), "followup:index"),),
    Role.SUPPLIER: (
        MenuItem(_("Marchés pour ma structure"), "notices:search"),
        MenuItem(_("Ma fiche dans l'annuaire"), "directory:index"),
    ),
    Role.OBSERVER: (MenuItem(_("Tableaux de bord"), "observatory:index"),),
}


# What the platform's operators (staff) come to do: feed the notices, administer.
STAFF_SHORTCUTS = (
    MenuItem(_("Imports d'avis"), "imports:index"),
    MenuItem(_("Administration"), "admin:index"),
)


def shortcuts_for(roles: set[Role], *, is_staff: bool = False) -> list[MenuItem]:
    """The shortcuts of all `roles`, each once, in the order of `Role`, then staff tools."""
    items: list[MenuItem] = []
    for role in Role:
        if role in roles:
            items.extend(item for item in ROLE_SHORTCUTS[role] if item not in items)
    if is_staff:
        items.extend(item for item in STAFF_SHORTCUTS if item not in items)
    return items
