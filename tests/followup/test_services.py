import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from followup.enums import DeclarationStatus, HoursSource
from followup.services import (
    balance,
    ineligible_hours,
    is_at_risk,
    penalty,
    pro_rata_target,
    realised_hours,
    record_hours,
    return_declaration,
    shortfall,
    submit_declaration,
    suppress_small_counts,
    transfer_hours,
    validate_declaration,
)
from tests.followup.factories import (
    CommitmentFactory,
    ContractFactory,
    EligibilityFactory,
    HoursEntryFactory,
    PlacementFactory,
)

JANUARY = datetime.date(2025, 1, 1)


def _two_commitments_of_one_company():
    first = CommitmentFactory()
    second = CommitmentFactory(company=first.company)
    return first, second


def test_realised_hours_are_validated_entries_plus_transfers_in_minus_out():
    source, target = _two_commitments_of_one_company()
    HoursEntryFactory(placement=PlacementFactory(commitment=source, eligible=True), hours=Decimal(100))
    HoursEntryFactory(placement=PlacementFactory(commitment=target, eligible=True), hours=Decimal(20))

    transfer_hours(from_commitment=source, to_commitment=target, hours=Decimal(30), reason="Mutualisation")

    assert realised_hours(source) == 70
    assert realised_hours(target) == 50


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    entries=st.lists(st.integers(min_value=0, max_value=300), min_size=1, max_size=4),
    shares=st.lists(st.integers(min_value=1, max_value=100), max_size=3),
)
def test_balances_always_reconcile_and_pooling_keeps_the_company_total(entries, shares):
    source, target = _two_commitments_of_one_company()
    placement = PlacementFactory(commitment=source, eligible=True)
    for index, hours in enumerate(entries):
        HoursEntryFactory(placement=placement, month=datetime.date(2025, index + 1, 1), hours=Decimal(hours))
    total = Decimal(sum(entries))
    for share in shares:
        hours = (realised_hours(source) * share / 100).quantize(Decimal("0.01"))
        if hours > 0:
            transfer_hours(from_commitment=source, to_commitment=target, hours=hours, reason="Parcours")

    for commitment in (source, target):
        b = balance(commitment, on=JANUARY)
        assert b.realised == b.counted_entries + b.transfers_in - b.transfers_out
    assert realised_hours(source) + realised_hours(target) == total
    assert realised_hours(source) >= 0


def test_pooling_between_two_companies_is_refused_in_french():
    source, other_company = CommitmentFactory(), CommitmentFactory()
    HoursEntryFactory(placement=PlacementFactory(commitment=source, eligible=True), hours=Decimal(100))

    with pytest.raises(ValidationError, match="même entreprise"):
        transfer_hours(from_commitment=source, to_commitment=other_company, hours=Decimal(10), reason="Essai")


def test_pooling_more_than_the_realised_hours_is_refused():
    source, target = _two_commitments_of_one_company()
    HoursEntryFactory(placement=PlacementFactory(commitment=source, eligible=True), hours=Decimal(10))

    with pytest.raises(ValidationError, match="Seules les heures réalisées"):
        transfer_hours(from_commitment=source, to_commitment=target, hours=Decimal(11), reason="Essai")


def test_pooling_needs_a_reason():
    source, target = _two_commitments_of_one_company()
    HoursEntryFactory(placement=PlacementFactory(commitment=source, eligible=True), hours=Decimal(10))

    with pytest.raises(ValidationError, match="motif"):
        transfer_hours(from_commitment=source, to_commitment=target, hours=Decimal(5), reason="  ")


def test_hours_outside_the_eligibility_window_are_flagged_and_excluded():
    placement = PlacementFactory()
    EligibilityFactory(
        participant=placement.participant,
        valid_from=datetime.date(2025, 1, 15),
        valid_to=datetime.date(2025, 2, 10),
    )
    for month in (datetime.date(2024, 12, 1), JANUARY, datetime.date(2025, 2, 1), datetime.date(2025, 3, 1)):
        HoursEntryFactory(placement=placement, month=month, hours=Decimal(10))

    assert realised_hours(placement.commitment) == 20
    assert ineligible_hours(placement.commitment) == 20


def test_hours_of_a_participant_without_eligibility_do_not_count():
    entry = HoursEntryFactory(placement=PlacementFactory(eligible=False), hours=Decimal(35))

    assert realised_hours(entry.placement.commitment) == 0
    assert ineligible_hours(entry.placement.commitment) == 35


def test_an_expired_eligibility_does_not_cover_later_months():
    placement = PlacementFactory()
    EligibilityFactory(participant=placement.participant, expired=True)
    HoursEntryFactory(placement=placement, hours=Decimal(35))

    assert realised_hours(placement.commitment) == 0


def test_hours_of_a_placement_that_does_not_count_are_left_out():
    placement = PlacementFactory(eligible=True, is_counted=False)
    HoursEntryFactory(placement=placement, hours=Decimal(35))

    assert realised_hours(placement.commitment) == 0


def test_nothing_counts_until_the_facilitator_validates(django_user_model):
    placement = PlacementFactory(eligible=True)
    company_user = django_user_model.objects.create_user("salarie")
    entry = record_hours(placement=placement, month=JANUARY, hours=Decimal(35), source=HoursSource.ONLINE)
    declaration = entry.declaration
    assert realised_hours(placement.commitment) == 0

    submit_declaration(declaration=declaration, by=company_user)
    assert realised_hours(placement.commitment) == 0
    assert balance(placement.commitment, on=JANUARY).pending == 35

    validate_declaration(declaration=declaration, by=company_user)
    assert realised_hours(placement.commitment) == 35


def test_a_returned_declaration_does_not_count_and_can_be_corrected():
    placement = PlacementFactory(eligible=True)
    entry = record_hours(placement=placement, month=JANUARY, hours=Decimal(35), source=HoursSource.ONLINE)
    submit_declaration(declaration=entry.declaration, by=None)

    returned = return_declaration(
        declaration=entry.declaration, by=None, comment="Bulletins de paie manquants"
    )
    record_hours(placement=placement, month=JANUARY, hours=Decimal(5), source=HoursSource.ONLINE)

    assert returned.status == DeclarationStatus.RETURNED
    assert realised_hours(placement.commitment) == 0


def test_returning_a_declaration_needs_a_comment():
    entry = HoursEntryFactory(pending=True)

    with pytest.raises(ValidationError, match="corriger"):
        return_declaration(declaration=entry.declaration, by=None, comment="")


def test_a_company_cannot_change_a_submitted_month():
    entry = HoursEntryFactory(pending=True)

    with pytest.raises(ValidationError, match="déjà transmise"):
        record_hours(placement=entry.placement, month=JANUARY, hours=Decimal(1), source=HoursSource.ONLINE)


def test_only_a_submitted_declaration_can_be_validated():
    entry = record_hours(
        placement=PlacementFactory(eligible=True), month=JANUARY, hours=Decimal(1), source="online"
    )

    with pytest.raises(ValidationError, match="transmise"):
        validate_declaration(declaration=entry.declaration, by=None)


def test_subcontracting_amount_is_converted_at_the_stated_rate():
    placement = PlacementFactory(subcontracting=True, eligible=True)

    entry = record_hours(
        placement=placement,
        month=datetime.date(2025, 1, 17),
        invoiced_amount=Decimal("3000"),
        hourly_rate=Decimal("24"),
        source=HoursSource.MANUAL,
        by_facilitator=True,
    )

    assert entry.hours == Decimal("125.00")
    assert entry.month == JANUARY


def test_a_direct_hire_cannot_be_declared_as_an_amount():
    with pytest.raises(ValidationError, match="montant facturé"):
        record_hours(
            placement=PlacementFactory(eligible=True),
            month=JANUARY,
            invoiced_amount=Decimal("3000"),
            hourly_rate=Decimal("24"),
            source=HoursSource.MANUAL,
        )


def test_recording_hours_moves_the_participants_last_activity():
    placement = PlacementFactory(eligible=True)

    record_hours(placement=placement, month=datetime.date(2026, 3, 1), hours=Decimal(7), source="manual")

    placement.participant.refresh_from_db()
    assert placement.participant.last_activity_on == datetime.date(2026, 3, 1)


def test_pro_rata_target_follows_the_elapsed_duration():
    commitment = CommitmentFactory(
        contract=ContractFactory(notified_on=JANUARY, duration_months=12), planned_hours=Decimal(1200)
    )

    assert pro_rata_target(commitment, on=datetime.date(2024, 6, 1)) == 0
    # 73 days of 365 elapsed: a fifth of the duration.
    assert pro_rata_target(commitment, on=datetime.date(2025, 3, 15)) == Decimal("240.00")
    assert pro_rata_target(commitment, on=datetime.date(2027, 1, 1)) == 1200


def test_a_commitment_behind_its_pro_rata_target_is_at_risk():
    commitment = CommitmentFactory(contract=ContractFactory(notified_on=JANUARY, duration_months=12))
    HoursEntryFactory(placement=PlacementFactory(commitment=commitment, eligible=True), hours=Decimal(100))
    a_fifth_in = datetime.date(2025, 3, 15)

    assert shortfall(commitment, on=a_fifth_in) == 140
    assert is_at_risk(commitment, on=a_fifth_in)
    assert not is_at_risk(commitment, on=datetime.date(2025, 1, 20))


def test_penalty_is_owed_only_at_the_end_for_missing_hours():
    contract = ContractFactory(notified_on=JANUARY, duration_months=12, penalty_per_missing_hour=Decimal(30))
    commitment = CommitmentFactory(contract=contract, planned_hours=Decimal(1200))
    HoursEntryFactory(placement=PlacementFactory(commitment=commitment, eligible=True), hours=Decimal(1000))

    assert penalty(commitment, on=datetime.date(2025, 12, 1)) is None
    assert penalty(commitment, on=datetime.date(2026, 1, 1)) == Decimal("6000.00")


def test_no_penalty_when_the_contract_sets_none():
    commitment = CommitmentFactory(contract=ContractFactory(penalty_per_missing_hour=None))

    assert penalty(commitment, on=datetime.date(2030, 1, 1)) is None


@pytest.mark.no_django_db
def test_counts_under_five_are_hidden():
    assert suppress_small_counts({"femmes": 12, "hommes": 7, "non renseigné": 0}) == {
        "femmes": 12,
        "hommes": 7,
        "non renseigné": 0,
    }
    assert suppress_small_counts({"a": 3, "b": 4, "c": 9}) == {"a": None, "b": None, "c": 9}


@pytest.mark.no_django_db
def test_a_single_hidden_cell_drags_the_smallest_other_with_it():
    assert suppress_small_counts({"a": 2, "b": 8, "c": 20}) == {"a": None, "b": None, "c": 20}
