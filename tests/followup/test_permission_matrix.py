"""Role × endpoint × organisation: side A owns the objects, every other member tries to reach them."""

from decimal import Decimal

import pytest
from django.urls import reverse

from accounts.enums import OrganisationKind
from followup.permissions import participants_for_user
from tests.followup.factories import CommitmentFactory, ContractFactory, HoursEntryFactory, PlacementFactory

F, B, C, S, STATE = (
    OrganisationKind.FACILITATOR,
    OrganisationKind.BUYER,
    OrganisationKind.COMPANY,
    OrganisationKind.SUPPLIER,
    OrganisationKind.STATE,
)
EVERYONE = [(kind, side) for kind in (F, B, C, S, STATE) for side in ("A", "B")]


@pytest.fixture
def side_a(cast):
    contract = ContractFactory(facilitator=cast(F, "A").organisation, buyer=cast(B, "A").organisation)
    commitment = CommitmentFactory(contract=contract, company=cast(C, "A").organisation)
    co_contractor = CommitmentFactory(contract=contract)
    placement = PlacementFactory(commitment=commitment, eligible=True)
    entry = HoursEntryFactory(placement=placement, hours=Decimal(35), pending=True)
    return {
        "contract": contract.pk,
        "commitment": commitment,
        "co_contractor": co_contractor,
        "participant": placement.participant.pk,
        "placement": placement.pk,
        "declaration": entry.declaration.pk,
    }


# Who gets 200 on each page of side A; everyone else gets 404 (its existence is private).
READ_MATRIX = {
    ("followup:contract", "contract"): {(F, "A"), (B, "A"), (C, "A")},
    ("followup:participant", "participant"): {(F, "A")},
    ("followup:eligibility_create", "participant"): {(F, "A")},
    ("followup:placement_create", "participant"): {(F, "A")},
    ("followup:hours_create", "placement"): {(F, "A")},
    ("followup:outcome_create", "placement"): {(F, "A")},
    ("followup:declaration", "declaration"): {(F, "A"), (C, "A")},
}

# Pages that change a contract: visible but not writable answers 403.
WRITE_MATRIX = {
    "followup:commitment_create": ({(F, "A")}, {(B, "A"), (C, "A")}),
    "followup:jobsheet_create": ({(F, "A")}, {(B, "A"), (C, "A")}),
    "followup:transfer_create": ({(F, "A")}, {(B, "A"), (C, "A")}),
}


@pytest.mark.parametrize(("url_name", "key"), list(READ_MATRIX))
@pytest.mark.parametrize(("kind", "side"), EVERYONE)
def test_read_matrix(client, cast, side_a, url_name, key, kind, side):
    client.force_login(cast(kind, side).user)

    response = client.get(reverse(url_name, args=[side_a[key]]))

    assert response.status_code == (200 if (kind, side) in READ_MATRIX[(url_name, key)] else 404)


@pytest.mark.parametrize("url_name", list(WRITE_MATRIX))
@pytest.mark.parametrize(("kind", "side"), EVERYONE)
def test_write_matrix(client, cast, side_a, url_name, kind, side):
    allowed, forbidden = WRITE_MATRIX[url_name]
    client.force_login(cast(kind, side).user)

    response = client.get(reverse(url_name, args=[side_a["contract"]]))

    expected = 200 if (kind, side) in allowed else 403 if (kind, side) in forbidden else 404
    assert response.status_code == expected


@pytest.mark.parametrize(("url_name", "key"), [*READ_MATRIX, ("followup:commitment_create", "contract")])
def test_anonymous_is_sent_to_login(client, side_a, url_name, key):
    response = client.get(reverse(url_name, args=[side_a[key]]))

    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


@pytest.mark.parametrize(
    "url_name", ["followup:participants", "followup:import", "followup:declaration_open"]
)
def test_anonymous_is_sent_to_login_from_area_pages(client, url_name):
    assert client.get(reverse(url_name)).status_code == 302


def test_anonymous_visitor_sees_the_area_landing_page_and_no_contract(client, side_a):
    page = client.get(reverse("followup:index")).content.decode()

    assert reverse("accounts:login") in page
    assert "TEST-" not in page


def test_facilitator_of_b_gets_404_on_a_participant(client, cast, side_a):
    client.force_login(cast(F, "B").user)

    assert client.get(reverse("followup:participant", args=[side_a["participant"]])).status_code == 404


@pytest.mark.parametrize(("kind", "side"), [(k, s) for k, s in EVERYONE if (k, s) != (F, "A")])
def test_only_the_contracts_facilitators_list_its_participants(cast, side_a, kind, side):
    assert not participants_for_user(cast(kind, side).user).filter(pk=side_a["participant"]).exists()


@pytest.mark.parametrize(("kind", "side"), EVERYONE)
def test_participant_codes_never_appear_on_the_contract_page_outside_the_facilitators(
    client, cast, side_a, kind, side
):
    client.force_login(cast(kind, side).user)
    from followup.models import Participant

    code = Participant.objects.get(pk=side_a["participant"]).code
    page = client.get(reverse("followup:contract", args=[side_a["contract"]])).content.decode()

    assert (code in page) == ((kind, side) == (F, "A"))


def test_company_sees_only_its_own_commitment_on_a_shared_contract(client, cast, side_a):
    client.force_login(cast(C, "A").user)

    page = client.get(reverse("followup:contract", args=[side_a["contract"]])).content.decode()

    assert side_a["commitment"].company.name in page
    assert side_a["co_contractor"].company.name not in page


def test_company_of_b_cannot_declare_on_a_commitment(client, cast, side_a):
    client.force_login(cast(C, "B").user)

    response = client.post(
        reverse("followup:declaration_open"), {"commitment": side_a["commitment"].pk, "month": "02/2025"}
    )

    assert response.status_code == 400


@pytest.mark.parametrize("kind", [B, S, STATE])
def test_roles_without_follow_up_data_cannot_import(client, cast, kind):
    client.force_login(cast(kind, "A").user)

    assert client.get(reverse("followup:import")).status_code == 403
