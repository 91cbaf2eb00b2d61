import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from accounts.enums import AuditAction, OrganisationKind
from accounts.models import AuditEvent
from followup.enums import DeclarationStatus
from followup.imports import COLUMNS
from followup.models import Contract, Declaration, HoursEntry, Participant, Transfer
from followup.services import realised_hours
from tests.followup.factories import CommitmentFactory, ContractFactory, HoursEntryFactory, PlacementFactory


@pytest.fixture
def contract(cast):
    return ContractFactory(
        reference="MARCHE-A",
        facilitator=cast(OrganisationKind.FACILITATOR, "A").organisation,
        buyer=cast(OrganisationKind.BUYER, "A").organisation,
        notified_on=datetime.date(2025, 1, 1),
    )


@pytest.fixture
def commitment(cast, contract):
    company = cast(OrganisationKind.COMPANY, "A").organisation
    company.siret = "73282932000074"
    company.save()
    return CommitmentFactory(contract=contract, company=company, planned_hours=Decimal(1200))


@pytest.fixture
def placement(commitment):
    return PlacementFactory(commitment=commitment, participant__code="P-A-1", eligible=True)


def _login(client, cast, kind, side="A"):
    client.force_login(cast(kind, side).user)


def test_facilitator_home_lists_contracts_at_risk(client, cast, placement):
    _login(client, cast, OrganisationKind.FACILITATOR)

    page = client.get(reverse("followup:index")).content.decode()

    assert "MARCHE-A" in page
    assert "en retard" in page


def test_company_home_shows_its_balance(client, cast, placement):
    HoursEntryFactory(placement=placement, hours=Decimal(35))
    _login(client, cast, OrganisationKind.COMPANY)

    page = client.get(reverse("followup:index")).content.decode()

    assert "Mes engagements et mon solde" in page
    assert "<td>35\xa0h</td>" in page


def test_facilitator_creates_a_contract_then_adds_a_company(client, cast):
    _login(client, cast, OrganisationKind.FACILITATOR)
    response = client.post(
        reverse("followup:contract_create"),
        {
            "reference": "NOUVEAU-1",
            "title": "Nettoyage des écoles",
            "buyer": cast(OrganisationKind.BUYER, "A").organisation.pk,
            "facilitator": cast(OrganisationKind.FACILITATOR, "A").organisation.pk,
            "mechanism": "execution_condition",
            "notified_on": "01/03/2026",
            "duration_months": "12",
            "planned_hours": "500",
        },
    )
    contract = Contract.objects.get(reference="NOUVEAU-1")
    assert response.status_code == 302

    client.post(
        reverse("followup:commitment_create", args=[contract.pk]),
        {
            "company": cast(OrganisationKind.COMPANY, "A").organisation.pk,
            "role": "holder",
            "planned_hours": "500",
        },
    )

    assert contract.commitments.get().planned_hours == 500
    assert (
        "Nettoyage des écoles"
        in client.get(reverse("followup:contract", args=[contract.pk])).content.decode()
    )


def test_reading_a_participant_is_audited(client, cast, placement):
    _login(client, cast, OrganisationKind.FACILITATOR)

    response = client.get(reverse("followup:participant", args=[placement.participant.pk]))

    assert response.status_code == 200
    event = AuditEvent.objects.get(action=AuditAction.READ, object_id=str(placement.participant.pk))
    assert event.actor == cast(OrganisationKind.FACILITATOR, "A").user


def test_creating_a_participant_and_its_eligibility_is_audited(client, cast):
    _login(client, cast, OrganisationKind.FACILITATOR)
    client.post(
        reverse("followup:participant_create"),
        {
            "facilitator": cast(OrganisationKind.FACILITATOR, "A").organisation.pk,
            "code": "NEW-1",
            "birth_year": "1990",
            "gender": "female",
        },
    )
    participant = Participant.objects.get(code="NEW-1")
    client.post(
        reverse("followup:eligibility_create", args=[participant.pk]),
        {"category": "rsa", "evidence_type": "caf", "valid_from": "01/01/2026"},
    )

    actions = set(AuditEvent.objects.filter(object_id=str(participant.pk)).values_list("action", flat=True))
    assert {AuditAction.CREATE, AuditAction.UPDATE} <= actions
    assert participant.eligibilities.get().category == "rsa"


def test_company_declares_online_and_facilitator_validates(client, cast, placement):
    _login(client, cast, OrganisationKind.COMPANY)
    response = client.post(
        reverse("followup:declaration_open"), {"commitment": placement.commitment.pk, "month": "02/2025"}
    )
    declaration = Declaration.objects.get()
    assert response.url == reverse("followup:declaration", args=[declaration.pk])
    client.post(response.url, {"placement": placement.pk, "month": "02/2025", "hours": "40"})
    client.post(reverse("followup:declaration_submit", args=[declaration.pk]))
    assert realised_hours(placement.commitment) == 0

    _login(client, cast, OrganisationKind.FACILITATOR)
    client.post(reverse("followup:declaration_review", args=[declaration.pk]), {"decision": "validated"})

    declaration.refresh_from_db()
    assert declaration.status == DeclarationStatus.VALIDATED
    assert realised_hours(placement.commitment) == 40


def test_facilitator_returns_a_declaration_with_a_comment(client, cast, placement):
    entry = HoursEntryFactory(placement=placement, pending=True)
    _login(client, cast, OrganisationKind.FACILITATOR)

    client.post(
        reverse("followup:declaration_review", args=[entry.declaration.pk]),
        {"decision": "returned", "comment": "Joindre les bulletins"},
    )

    entry.declaration.refresh_from_db()
    assert entry.declaration.status == DeclarationStatus.RETURNED
    assert entry.declaration.comment == "Joindre les bulletins"


def test_company_cannot_review_its_own_declaration(client, cast, placement):
    entry = HoursEntryFactory(placement=placement, pending=True)
    _login(client, cast, OrganisationKind.COMPANY)

    response = client.post(
        reverse("followup:declaration_review", args=[entry.declaration.pk]), {"decision": "validated"}
    )

    assert response.status_code == 403


def test_import_page_previews_then_commits(client, cast, placement):
    _login(client, cast, OrganisationKind.FACILITATOR)
    data = (";".join(COLUMNS) + "\nMARCHE-A;73282932000074;P-A-1;direct_hire;01/2025;35;;\n").encode()
    from django.core.files.uploadedfile import SimpleUploadedFile

    preview = client.post(reverse("followup:import"), {"file": SimpleUploadedFile("h.csv", data)})
    assert "1 ligne(s) à importer" in preview.content.decode()
    assert not HoursEntry.objects.exists()

    client.post(reverse("followup:import"), {"confirm": "1"})

    assert realised_hours(placement.commitment) == 35


@pytest.mark.parametrize("extension", ["csv", "xlsx"])
def test_templates_download(client, cast, extension):
    _login(client, cast, OrganisationKind.COMPANY)

    response = client.get(reverse("followup:import_template", args=[extension]))

    assert response.status_code == 200
    assert f"modele-heures-insertion.{extension}" in response["Content-Disposition"]


def test_facilitator_pools_hours_between_two_contracts_of_a_company(client, cast, placement):
    HoursEntryFactory(placement=placement, hours=Decimal(100))
    other = CommitmentFactory(
        company=placement.commitment.company,
        contract=ContractFactory(facilitator=placement.commitment.contract.facilitator),
    )
    _login(client, cast, OrganisationKind.FACILITATOR)

    client.post(
        reverse("followup:transfer_create", args=[placement.commitment.contract.pk]),
        {
            "from_commitment": placement.commitment.pk,
            "to_commitment": other.pk,
            "hours": "30",
            "reason": "Parcours",
        },
    )

    assert Transfer.objects.get().hours == 30
    assert realised_hours(other) == 30


def test_contract_page_links_to_its_bilan_and_the_facilitator_to_its_fiche(client, cast, contract):
    _login(client, cast, OrganisationKind.FACILITATOR)
    page = client.get(reverse("followup:contract", args=[contract.pk])).content.decode()

    bilan = reverse("followup:reports:report", args=["contrat", "MARCHE-A"])
    assert f'href="{bilan}"' in page
    assert f'href="{reverse("followup:reports:sheet", args=["MARCHE-A"])}"' in page
    assert client.get(bilan).status_code == 200


def test_buyer_sees_the_bilan_link_but_not_the_fiche(client, cast, contract):
    _login(client, cast, OrganisationKind.BUYER)
    page = client.get(reverse("followup:contract", args=[contract.pk])).content.decode()

    assert reverse("followup:reports:report", args=["contrat", "MARCHE-A"]) in page
    assert reverse("followup:reports:sheet", args=["MARCHE-A"]) not in page
