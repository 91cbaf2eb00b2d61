import datetime

import pytest

from accounts.enums import AuditAction, OrganisationKind
from accounts.models import AuditEvent
from followup.reports.compute import WITHHELD
from tests.followup.factories import CommitmentFactory, ContractFactory, PlacementFactory
from tests.followup.reports.builders import hours

FACILITATOR, BUYER = OrganisationKind.FACILITATOR, OrganisationKind.BUYER


@pytest.fixture
def contract(cast):
    contract = ContractFactory(
        reference="API-1", buyer=cast(BUYER).organisation, facilitator=cast(FACILITATOR).organisation
    )
    hours(
        PlacementFactory(commitment=CommitmentFactory(contract=contract), eligible=True),
        datetime.date(2025, 1, 1),
        35,
    )
    return contract


def test_facilitator_reads_the_bilan_over_the_api_and_the_read_is_logged(client, cast, contract):
    client.force_login(cast(FACILITATOR).user)

    data = client.get("/api/suivi/bilans/contract/API-1/", {"year": 2025}).json()

    assert (data["planned_hours"], data["realised_hours"], data["participants"]) == (1200, 35, 1)
    assert data["year"] == 2025
    assert AuditEvent.objects.filter(action=AuditAction.EXPORT, details__format="api").count() == 1


def test_buyer_reads_withheld_counts_over_the_api(client, cast, contract):
    client.force_login(cast(BUYER).user)

    assert client.get("/api/suivi/bilans/contract/API-1/").json()["participants"] == WITHHELD


@pytest.mark.parametrize("url", ["/api/suivi/bilans/contract/API-1/", "/api/suivi/bilans/nope/API-1/"])
def test_outsiders_get_404_over_the_api(client, cast, contract, url):
    client.force_login(cast(FACILITATOR, "B").user)

    assert client.get(url).status_code == 404


def test_anonymous_callers_are_refused(client, contract):
    assert client.get("/api/suivi/bilans/contract/API-1/").status_code == 401
