from decimal import Decimal

import pytest

from accounts.enums import OrganisationKind
from followup.enums import DeclarationStatus
from tests.followup.factories import CommitmentFactory, ContractFactory, HoursEntryFactory, PlacementFactory


@pytest.fixture
def entry(cast):
    contract = ContractFactory(
        reference="API-1", facilitator=cast(OrganisationKind.FACILITATOR, "A").organisation
    )
    commitment = CommitmentFactory(
        contract=contract, company=cast(OrganisationKind.COMPANY, "A").organisation
    )
    return HoursEntryFactory(
        placement=PlacementFactory(commitment=commitment, eligible=True), hours=Decimal(35), pending=True
    )


def test_balances_need_a_login(client, entry):
    assert client.get("/api/suivi/soldes/").status_code == 401


def test_company_reads_its_reconciled_balance(client, cast, entry):
    client.force_login(cast(OrganisationKind.COMPANY, "A").user)

    [row] = client.get("/api/suivi/soldes/").json()

    assert row["contract"] == "API-1"
    assert Decimal(row["pending_hours"]) == 35
    assert Decimal(row["realised_hours"]) == 0


def test_other_company_sees_no_balance(client, cast, entry):
    client.force_login(cast(OrganisationKind.COMPANY, "B").user)

    assert client.get("/api/suivi/soldes/").json() == []


def test_facilitator_validates_through_the_api(client, cast, entry):
    client.force_login(cast(OrganisationKind.FACILITATOR, "A").user)

    response = client.post(f"/api/suivi/declarations/{entry.declaration.pk}/valider")

    assert response.status_code == 200
    assert response.json()["status"] == DeclarationStatus.VALIDATED
    [row] = client.get("/api/suivi/soldes/").json()
    assert Decimal(row["realised_hours"]) == 35


@pytest.mark.parametrize(("kind", "side", "status"), [("company", "A", 403), ("facilitator", "B", 404)])
def test_only_the_contracts_facilitator_validates(client, cast, entry, kind, side, status):
    client.force_login(cast(OrganisationKind(kind), side).user)

    assert client.post(f"/api/suivi/declarations/{entry.declaration.pk}/valider").status_code == status


def test_validating_twice_is_a_french_400(client, cast, entry):
    client.force_login(cast(OrganisationKind.FACILITATOR, "A").user)
    client.post(f"/api/suivi/declarations/{entry.declaration.pk}/valider")

    response = client.post(f"/api/suivi/declarations/{entry.declaration.pk}/valider")

    assert response.status_code == 400
    assert "transmise" in response.json()["detail"]


def test_company_submits_its_month_through_the_api(client, cast, entry):
    entry.declaration.status = DeclarationStatus.DRAFT
    entry.declaration.save()
    client.force_login(cast(OrganisationKind.COMPANY, "A").user)

    response = client.post(f"/api/suivi/declarations/{entry.declaration.pk}/transmettre")

    assert response.json()["status"] == DeclarationStatus.SUBMITTED
