from decimal import Decimal
from io import StringIO

import pytest

from accounts.demo import load_demo as load_accounts_demo
from followup.demo import load_demo, monthly_split
from followup.models import Commitment, Contract, HoursEntry, Participant
from followup.services import realised_hours


@pytest.fixture
def demo():
    load_accounts_demo(StringIO())
    load_demo(StringIO())


def _realised(reference: str) -> Decimal:
    return sum(
        (
            realised_hours(commitment)
            for commitment in Commitment.objects.filter(contract__reference=reference)
        ),
        Decimal(0),
    )


def _people(reference: str) -> int:
    return (
        Participant.objects.filter(placements__commitment__contract__reference=reference).distinct().count()
    )


@pytest.mark.parametrize(
    ("reference", "planned", "realised", "people"),
    [
        ("DEMO-BORDEAUX-EMD", 3600, 4630, 30),
        ("DEMO-GIRONDE-LOT1", 385, 393, 1),
        ("DEMO-GIRONDE-LOT2", 700, 570, 2),
        ("DEMO-HVO-LOGISTIQUE", 35, 70, 1),
        ("DEMO-PAU-MOE", 875, 903, 2),
    ],
)
def test_demo_contract_reproduces_the_case_study_figures(demo, reference, planned, realised, people):
    contract = Contract.objects.get(reference=reference)

    assert contract.planned_hours == planned
    assert _realised(reference) == realised
    assert _people(reference) == people


def test_gironde_firm_pools_to_the_published_total(demo):
    commitments = Commitment.objects.filter(company__name="Cabinet CERCEAU")

    assert sum(c.planned_hours for c in commitments) == 1115
    assert sum(realised_hours(c) for c in commitments) == 1185


def test_gironde_case_has_three_people(demo):
    gironde = Participant.objects.filter(
        placements__commitment__contract__buyer__name="Conseil général de la Gironde"
    )

    assert gironde.distinct().count() == 3


def test_haut_val_d_oise_participant_was_over_fifty(demo):
    participant = Participant.objects.get(placements__commitment__contract__reference="DEMO-HVO-LOGISTIQUE")

    assert 2011 - participant.birth_year >= 50


def test_demo_facilitator_follows_every_demo_contract(demo):
    from django.contrib.auth import get_user_model

    from followup.permissions import contracts_for_user

    user = get_user_model().objects.get(username="facilitateur")

    assert set(contracts_for_user(user).values_list("reference", flat=True)) >= {
        "DEMO-BORDEAUX-EMD",
        "DEMO-GIRONDE-LOT1",
        "DEMO-GIRONDE-LOT2",
        "DEMO-HVO-LOGISTIQUE",
        "DEMO-PAU-MOE",
    }


def test_demo_company_user_holds_the_bordeaux_contract(demo):
    from django.contrib.auth import get_user_model

    from followup.permissions import contracts_for_user

    user = get_user_model().objects.get(username="entreprise")

    assert list(contracts_for_user(user).values_list("reference", flat=True)) == ["DEMO-BORDEAUX-EMD"]


def test_loading_the_demo_twice_changes_nothing(demo):
    counts = (Contract.objects.count(), Participant.objects.count(), HoursEntry.objects.count())

    load_demo(StringIO())

    assert (Contract.objects.count(), Participant.objects.count(), HoursEntry.objects.count()) == counts
    assert _realised("DEMO-BORDEAUX-EMD") == 4630


@pytest.mark.no_django_db
def test_monthly_split_keeps_the_total():
    assert monthly_split(155, 3) == [52, 52, 51]
    assert sum(monthly_split(393, 6)) == 393
