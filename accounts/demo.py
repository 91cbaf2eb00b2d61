"""Demo organisations and users (one per role), shared by every app's demo data.

Each app may have a `demo.py` with `load_demo(stdout)`; `clausier demo` calls them in the
order of INSTALLED_APPS, so this module runs first and the others can rely on its users.
Everything is created with update_or_create: running the demo twice changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TextIO

from django.contrib.auth import get_user_model
from django.db import transaction

from accounts.enums import OrganisationKind, Role
from accounts.models import Membership, Organisation

DEMO_PASSWORD = "clausier-demo"


@dataclass(frozen=True)
class DemoAccount:
    username: str
    first_name: str
    last_name: str
    organisation: str
    kind: OrganisationKind
    role: Role
    departement: str
    siret: str = ""


DEMO_ACCOUNTS = (
    DemoAccount(
        "acheteur",
        "Camille",
        "Durand",
        "Communauté urbaine de Bordeaux",
        OrganisationKind.BUYER,
        Role.BUYER,
        "33",
    ),
    DemoAccount(
        "facilitateur",
        "Anne",
        "Martin",
        "PLIE Pau-Pyrénées",
        OrganisationKind.FACILITATOR,
        Role.FACILITATOR,
        "64",
    ),
    DemoAccount("entreprise", "Paul", "Bernard", "Test SA", OrganisationKind.COMPANY, Role.COMPANY, "33"),
    DemoAccount(
        "structure",
        "Nadia",
        "Petit",
        "Sud-Ouest Intérim Insertion (ETTI)",
        OrganisationKind.SUPPLIER,
        Role.SUPPLIER,
        "64",
    ),
    DemoAccount(
        "observateur",
        "Luc",
        "Moreau",
        "DREETS Nouvelle-Aquitaine",
        OrganisationKind.STATE,
        Role.OBSERVER,
        "33",
    ),
)


def demo_organisation(username: str) -> Organisation:
    """The organisation of a demo account (after `load_demo`)."""
    account = next(account for account in DEMO_ACCOUNTS if account.username == username)
    return Organisation.objects.get(name=account.organisation, kind=account.kind)


@transaction.atomic
def load_demo(stdout: TextIO) -> None:
    user_model = get_user_model()
    for account in DEMO_ACCOUNTS:
        organisation, _created = Organisation.objects.update_or_create(
            name=account.organisation,
            kind=account.kind,
            defaults={"departement": account.departement, "siret": account.siret},
        )
        user, _created = user_model.objects.update_or_create(
            username=account.username,
            defaults={
                "first_name": account.first_name,
                "last_name": account.last_name,
                "email": f"{account.username}@demo.clausier.local",
            },
        )
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
        Membership.objects.get_or_create(user=user, organisation=organisation, role=account.role)
    admin, _created = user_model.objects.update_or_create(
        username="admin",
        defaults={"is_staff": True, "is_superuser": True, "email": "admin@demo.clausier.local"},
    )
    admin.set_password(DEMO_PASSWORD)
    admin.save(update_fields=["password"])
    stdout.write(f"Comptes de démonstration : {len(DEMO_ACCOUNTS) + 1} (mot de passe « {DEMO_PASSWORD} »).\n")
