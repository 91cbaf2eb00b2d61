import datetime
from decimal import Decimal

import pytest

from followup.enums import AgeBand, DeclarationStatus, Gender, Modality, PublicCategory
from followup.reports.compute import WITHHELD, compute_report
from followup.reports.enums import Scope
from followup.reports.subjects import find_subject
from followup.services import transfer_hours
from tests.followup.factories import (
    CommitmentFactory,
    ContractFactory,
    EligibilityFactory,
    ParticipantFactory,
    PlacementFactory,
)
from tests.followup.reports.builders import hours

JAN, FEB, MAR = (datetime.date(2025, month, 1) for month in (1, 2, 3))


def contract_report(contract, **options):
    return compute_report(find_subject(Scope.CONTRACT, contract.reference), **options)


def test_hours_outside_eligibility_are_flagged_and_left_out_of_the_realised_total():
    placement = PlacementFactory()
    EligibilityFactory(participant=placement.participant, valid_from=FEB, valid_to=FEB)
    for month in (JAN, FEB, MAR):
        hours(placement, month, 10)

    report = contract_report(placement.commitment.contract)

    assert (report.realised_hours, report.ineligible_hours) == (10, 20)
    assert "20\xa0h déclarées hors période d'éligibilité ne sont pas comptées." in report.findings


def test_hours_count_only_once_the_declaration_is_validated():
    placement = PlacementFactory(eligible=True)
    hours(placement, JAN, 35)
    hours(placement, FEB, 7, status=DeclarationStatus.SUBMITTED)

    report = contract_report(placement.commitment.contract)

    assert (report.realised_hours, report.pending_hours) == (35, 7)
    assert report.participants == 1


def test_pooled_hours_reconcile_on_both_contracts_and_leave_the_company_total_unchanged():
    source = PlacementFactory(eligible=True)
    hours(source, JAN, 100)
    first = source.commitment
    second = CommitmentFactory(
        company=first.company,
        contract=ContractFactory(buyer=first.contract.buyer, facilitator=first.contract.facilitator),
    )
    transfer_hours(from_commitment=first, to_commitment=second, hours=Decimal(30), reason="Mutualisation")

    (from_line,) = contract_report(first.contract).commitments
    (to_line,) = contract_report(second.contract).commitments
    buyer = compute_report(find_subject(Scope.BUYER, str(first.contract.buyer_id)))

    assert (from_line.entries, from_line.transfers_out, from_line.realised) == (100, 30, 70)
    assert (to_line.entries, to_line.transfers_in, to_line.realised) == (0, 30, 30)
    assert {line.company: line.realised for line in buyer.companies} == {first.company.name: 100}
    assert (buyer.transfers_in, buyer.transfers_out, buyer.realised_hours) == (30, 30, 100)


def test_a_person_with_several_placements_counts_once():
    placement = PlacementFactory(eligible=True)
    other = PlacementFactory(
        commitment=placement.commitment,
        participant=placement.participant,
        modality=Modality.TRAINING,
        provider_kind="training_body",
        started_on=FEB,
    )
    hours(placement, JAN, 10)
    hours(other, FEB, 10)

    report = contract_report(placement.commitment.contract)

    assert report.participants == 1
    assert report.people_by_modality.as_dict() == {Modality.DIRECT_HIRE: 1, Modality.TRAINING: 1}
    assert report.people_by_gender.as_dict() == {Gender.FEMALE: 1}
    assert report.hours_by_modality.as_dict() == {Modality.DIRECT_HIRE: 10, Modality.TRAINING: 10}


def test_a_yearly_bilan_counts_the_hours_of_that_year_against_its_share_of_planned_hours():
    contract = ContractFactory(notified_on=datetime.date(2024, 7, 1), duration_months=12, planned_hours=1200)
    placement = PlacementFactory(commitment=CommitmentFactory(contract=contract), eligible=True)
    hours(placement, datetime.date(2024, 12, 1), 50)
    hours(placement, JAN, 70)

    report = contract_report(contract, year=2025)

    assert report.realised_hours == 70
    assert report.planned_hours == pytest.approx(Decimal(1200) * 181 / 365, abs=Decimal("0.01"))
    assert contract_report(contract).realised_hours == 120


def test_age_bands_are_taken_at_the_start_of_the_year():
    commitment = CommitmentFactory()
    for birth_year in (2000, 1999, 1975):
        placement = PlacementFactory(
            commitment=commitment, participant=ParticipantFactory(birth_year=birth_year), eligible=True
        )
        hours(placement, JAN, 10)

    report = contract_report(commitment.contract, year=2025)

    assert report.people_by_age_band.as_dict() == {
        AgeBand.UNDER_26: 1,
        AgeBand.FROM_26_TO_49: 1,
        AgeBand.FROM_50: 1,
    }


def test_public_categories_count_people_under_each_category_they_hold():
    placement = PlacementFactory(eligible=True)
    EligibilityFactory(participant=placement.participant, category=PublicCategory.RSA)
    hours(placement, JAN, 10)

    report = contract_report(placement.commitment.contract)

    assert report.people_by_category.as_dict() == {
        PublicCategory.LONG_TERM_JOB_SEEKER: 1,
        PublicCategory.RSA: 1,
    }


def test_small_counts_of_people_are_withheld_but_hours_stay():
    commitment = CommitmentFactory()
    for index in range(7):
        gender = Gender.MALE if index < 2 else Gender.FEMALE
        placement = PlacementFactory(
            commitment=commitment, participant=ParticipantFactory(gender=gender), eligible=True
        )
        hours(placement, JAN, 10)

    full = contract_report(commitment.contract)
    withheld = contract_report(commitment.contract, suppress=True)

    assert full.people_by_gender.as_dict() == {Gender.FEMALE: 5, Gender.MALE: 2}
    # 2 men are withheld, and so are the 5 women: 7 − 5 would give the 2 away.
    assert withheld.people_by_gender.as_dict() == {Gender.FEMALE: WITHHELD, Gender.MALE: WITHHELD}
    assert withheld.participants == 7
    assert withheld.realised_hours == full.realised_hours == 70


def test_a_total_under_five_people_is_withheld():
    placement = PlacementFactory(eligible=True)
    hours(placement, JAN, 10)

    assert contract_report(placement.commitment.contract, suppress=True).participants == WITHHELD


def test_penalty_charges_missing_hours_once_the_contract_has_ended():
    contract = ContractFactory(planned_hours=100, penalty_per_missing_hour=Decimal("50"))
    placement = PlacementFactory(
        commitment=CommitmentFactory(contract=contract, planned_hours=100), eligible=True
    )
    hours(placement, JAN, 60)

    during = contract_report(contract, on=datetime.date(2025, 6, 1))
    after = contract_report(contract, on=datetime.date(2026, 1, 1))

    assert during.penalties == ()
    (line,) = after.penalties
    assert (line.missing_hours, line.per_hour, line.amount) == (40, 50, 2000)


def test_difference_is_explained_by_the_contract_and_by_the_figures():
    contract = ContractFactory(planned_hours=10, difference_explanation="Mission prolongée.")
    placement = PlacementFactory(commitment=CommitmentFactory(contract=contract), eligible=True)
    hours(placement, JAN, 20)

    report = contract_report(contract)

    assert report.explanation == "Mission prolongée."
    assert (
        report.findings[0]
        == "Heures réalisées supérieures de 10\xa0h aux heures prévues (200,0\xa0% de l'objectif)."
    )


def test_query_count_does_not_grow_with_the_number_of_contracts(django_assert_max_num_queries):
    facilitator = ContractFactory().facilitator
    for _index in range(8):
        commitment = CommitmentFactory(contract=ContractFactory(facilitator=facilitator, departement="64"))
        hours(PlacementFactory(commitment=commitment, eligible=True), JAN, 10)
    subject = find_subject(Scope.TERRITORY, "64")

    with django_assert_max_num_queries(20):
        report = compute_report(subject)

    assert (report.participants, report.realised_hours) == (8, 80)


@pytest.mark.parametrize(
    ("scope", "ref"),
    [(Scope.CONTRACT, "NOPE"), (Scope.OPERATION, "999"), (Scope.BUYER, "x"), (Scope.TERRITORY, "00")],
)
def test_unknown_subjects_are_lookup_errors(scope, ref):
    with pytest.raises(LookupError):
        find_subject(scope, ref)
