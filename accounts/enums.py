"""Kinds of organisations, roles of their members, audited actions."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class OrganisationKind(models.TextChoices):
    BUYER = "buyer", _("Acheteur public")
    FACILITATOR = "facilitator", _("Facilitateur (PLIE, Maison de l'emploi…)")
    COMPANY = "company", _("Entreprise attributaire")
    SUPPLIER = "supplier", _("Structure inclusive (SIAE, GEIQ, EA, ESAT)")
    STATE = "state", _("Service de l'État, observatoire")


class Role(models.TextChoices):
    ADMIN = "admin", _("Administrateur")
    BUYER = "buyer", _("Acheteur")
    FACILITATOR = "facilitator", _("Facilitateur")
    COMPANY = "company", _("Entreprise")
    SUPPLIER = "supplier", _("Structure inclusive")
    OBSERVER = "observer", _("Observateur")

    @classmethod
    def followup_roles(cls) -> frozenset["Role"]:
        """Roles that work in the clause follow-up area (Suivi des clauses)."""
        return frozenset({cls.ADMIN, cls.FACILITATOR, cls.BUYER, cls.COMPANY})


# The role a member gets by default in each kind of organisation.
DEFAULT_ROLE_FOR_KIND = {
    OrganisationKind.BUYER: Role.BUYER,
    OrganisationKind.FACILITATOR: Role.FACILITATOR,
    OrganisationKind.COMPANY: Role.COMPANY,
    OrganisationKind.SUPPLIER: Role.SUPPLIER,
    OrganisationKind.STATE: Role.OBSERVER,
}


class AuditAction(models.TextChoices):
    READ = "read", _("Consultation")
    CREATE = "create", _("Création")
    UPDATE = "update", _("Modification")
    DELETE = "delete", _("Suppression")
    EXPORT = "export", _("Export")
    ANONYMISE = "anonymise", _("Anonymisation")
