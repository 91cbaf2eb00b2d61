"""The figures of a bilan: hours planned and realised, people, modalities, outcomes, penalties.

A bilan is about a `Subject` (a contract, an operation, a buyer or a territory, narrowed to what
its reader may see) and a period (one calendar year, or the whole life of the contracts).
Hours are summed in SQL once per placement (`placement_hours`: the entries' eligibility is
checked in one pass), and every figure is read from those rows plus a handful of grouped
queries: about a dozen queries whatever the size of the subject, so that a territory-year of
500 contracts and 5,000 participants stays within the 2 s of DESIGN.md section 7
(`python -m bench.reports`).

What counts is decided once, by the follow-up core: `HoursEntry.objects.counted()` (validated
declaration, valid eligibility, counted placement) and the reconciliation
`realised = counted entries + transfers in − transfers out` of `followup.services.realised_hours`,
here summed for all commitments at once instead of three queries per commitment (the tests
check that both give the same figures). People are the unique participants with counted
hours in the period.
"""

from __future__ import annotations

import datetime
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import NamedTuple

from django.db.models import Q, QuerySet, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from followup.enums import (
    AgeBand,
    ContractType,
    DeclarationStatus,
    Gender,
    Modality,
    OutcomeMoment,
    PublicCategory,
    Situation,
)
from followup.models import (
    Commitment,
    Contract,
    Eligibility,
    HoursEntry,
    Outcome,
    Participant,
    Transfer,
)
from followup.reports.subjects import Subject
from followup.services import SMALL_CELL_THRESHOLD, elapsed_share, suppress_small_counts
from ui.formatting import format_hours, format_percent

WITHHELD = f"< {SMALL_CELL_THRESHOLD}"
"""How a count of people under the small-cell threshold is shown outside the facilitator's scope."""

ZERO = Decimal(0)
TENTH = Decimal("0.1")
CENT = Decimal("0.01")

PeopleCount = int | str  # a count of people, or WITHHELD


@dataclass(frozen=True)
class CommitmentLine:
    """One company's hours on one contract, reconciled: realised = entries + in − out."""

    contract_id: int
    contract_reference: str
    company: str
    role: str
    planned: Decimal
    entries: Decimal
    transfers_in: Decimal
    transfers_out: Decimal
    ineligible: Decimal
    pending: Decimal

    @property
    def realised(self) -> Decimal:
        return self.entries + self.transfers_in - self.transfers_out


@dataclass(frozen=True)
class ContractLine:
    reference: str
    title: str
    planned: Decimal
    realised: Decimal


@dataclass(frozen=True)
class CompanyLine:
    """A company's hours over all its commitments in the bilan: pooling moves hours between
    them, so this is the figure that tells whether the company kept its word overall."""

    company: str
    planned: Decimal
    realised: Decimal


@dataclass(frozen=True)
class PenaltyLine:
    contract_reference: str
    company: str
    missing_hours: Decimal
    per_hour: Decimal
    amount: Decimal


@dataclass(frozen=True)
class Breakdown:
    """Counts of people (or hours) per category: (stable value, French label, figure)."""

    rows: tuple[tuple[str, str, PeopleCount | Decimal], ...]

    def as_dict(self) -> dict[str, PeopleCount | Decimal]:
        return {value: figure for value, _label, figure in self.rows}


@dataclass(frozen=True)
class Report:
    subject: Subject
    year: int | None
    is_suppressed: bool
    planned_hours: Decimal
    realised_hours: Decimal
    ineligible_hours: Decimal
    pending_hours: Decimal
    transfers_in: Decimal
    transfers_out: Decimal
    participants: PeopleCount
    hours_by_modality: Breakdown
    people_by_gender: Breakdown
    people_by_age_band: Breakdown
    people_by_category: Breakdown
    people_by_modality: Breakdown
    people_by_contract_type: Breakdown
    outcomes_at_exit: Breakdown
    outcomes_at_six_months: Breakdown
    contracts: tuple[ContractLine, ...]
    commitments: tuple[CommitmentLine, ...]
    companies: tuple[CompanyLine, ...]
    penalties: tuple[PenaltyLine, ...]
    explanation: str
    findings: tuple[str, ...]

    @property
    def rate(self) -> Decimal | None:
        """Realised hours as a percentage of planned hours, one decimal (None when none planned)."""
        if not self.planned_hours:
            return None
        return (self.realised_hours * 100 / self.planned_hours).quantize(TENTH, ROUND_HALF_UP)

    @property
    def penalty_total(self) -> Decimal:
        return sum((line.amount for line in self.penalties), ZERO)


# --- Hours ----------------------------------------------------------------------------------


class PlacementHours(NamedTuple):
    """Validated hours of one placement, split by eligibility, with what the bilan needs of the
    placement and of its participant."""

    participant: int
    commitment: int
    modality: str
    contract_type: str
    is_counted: bool
    is_eligible: bool
    gender: str
    birth_year: int | None
    age_band: str
    hours: Decimal

    @property
    def counts(self) -> bool:
        """The core's `HoursEntry.objects.counted()`: validated, eligible, of a counted placement."""
        return self.is_counted and self.is_eligible


def placement_hours(entries: QuerySet) -> list[PlacementHours]:
    """One query over the entries, their eligibility checked once (`with_eligibility()`) and
    summed per placement: every hours and people figure of the bilan is read from these rows
    (at most one or two per placement), instead of one pass over the entries per figure."""
    rows = (
        entries.validated()
        .with_eligibility()
        .order_by()
        .values_list(
            "placement__participant",
            "placement__commitment",
            "placement__modality",
            "placement__contract_type",
            "placement__is_counted",
            "is_eligible",
            "placement__participant__gender",
            "placement__participant__birth_year",
            "placement__participant__age_band",
            "placement",
        )
        .annotate(total=Sum("hours"))
    )
    return [PlacementHours(*row[:9], row[10] or ZERO) for row in rows]


def _sums(queryset: QuerySet, key: str) -> dict[int, Decimal]:
    rows = queryset.order_by().values_list(key).annotate(total=Sum("hours"))
    return {pk: total or ZERO for pk, total in rows}


def _year_share(contract: Contract, year: int) -> Decimal:
    """Share of the contract's duration that falls in `year` (the core's linear schedule)."""
    start, end = datetime.date(year, 1, 1), datetime.date(year + 1, 1, 1)
    return elapsed_share(contract, on=end) - elapsed_share(contract, on=start)


def commitment_lines(
    commitments: QuerySet, entries: QuerySet, rows: list[PlacementHours], year: int | None
) -> list[CommitmentLine]:
    """Per-commitment balances in four queries besides `rows`, whatever the number of commitments."""
    counted: dict[int, Decimal] = defaultdict(Decimal)
    ineligible: dict[int, Decimal] = defaultdict(Decimal)
    for row in rows:
        if row.counts:
            counted[row.commitment] += row.hours
        elif row.is_counted:
            ineligible[row.commitment] += row.hours
    transfers = Transfer.objects.all() if year is None else Transfer.objects.filter(created_at__year=year)
    pending = _sums(entries.exclude(declaration__status=DeclarationStatus.VALIDATED), "placement__commitment")
    hours_in = _sums(transfers.filter(to_commitment__in=commitments.values("pk")), "to_commitment")
    hours_out = _sums(transfers.filter(from_commitment__in=commitments.values("pk")), "from_commitment")
    ordered = commitments.select_related("contract", "company").order_by(
        "contract__reference", "company__name"
    )
    return [
        CommitmentLine(
            contract_id=commitment.contract_id,
            contract_reference=commitment.contract.reference,
            company=commitment.company.name,
            role=commitment.get_role_display(),
            planned=commitment.planned_hours,
            entries=counted.get(commitment.pk, ZERO),
            transfers_in=hours_in.get(commitment.pk, ZERO),
            transfers_out=hours_out.get(commitment.pk, ZERO),
            ineligible=ineligible.get(commitment.pk, ZERO),
            pending=pending.get(commitment.pk, ZERO),
        )
        for commitment in ordered
    ]


def contract_lines(subject: Subject, lines: list[CommitmentLine], year: int | None) -> list[ContractLine]:
    """Planned vs realised per contract. A whole contract plans its own hours (spread over the
    year for a yearly bilan); a contract seen as a company plans its commitment's hours."""
    whole = set(subject.contracts.values_list("pk", flat=True))
    by_contract: dict[int, list[CommitmentLine]] = defaultdict(list)
    for line in lines:
        by_contract[line.contract_id].append(line)
    contracts = Contract.objects.filter(Q(pk__in=whole) | Q(pk__in=by_contract)).order_by("reference")
    result = []
    for contract in contracts:
        own = by_contract.get(contract.pk, [])
        planned = contract.planned_hours if contract.pk in whole else sum((x.planned for x in own), ZERO)
        if year is not None:
            planned = (planned * _year_share(contract, year)).quantize(CENT, ROUND_HALF_UP)
        realised = sum((line.realised for line in own), ZERO)
        result.append(ContractLine(contract.reference, contract.title, planned, realised))
    return result


def company_lines(lines: list[CommitmentLine]) -> list[CompanyLine]:
    planned: dict[str, Decimal] = defaultdict(Decimal)
    realised: dict[str, Decimal] = defaultdict(Decimal)
    for line in lines:
        planned[line.company] += line.planned
        realised[line.company] += line.realised
    return [CompanyLine(company, planned[company], realised[company]) for company in sorted(planned)]


def penalty_lines(subject: Subject, *, on: datetime.date) -> list[PenaltyLine]:
    """Penalties for hours missing at the end of each ended contract that sets an amount per
    missing hour: the rule of `followup.services.penalty`, on whole-life balances."""
    candidates = subject.commitments().filter(contract__penalty_per_missing_hour__isnull=False)
    ended = [c for c in candidates.select_related("contract") if on >= c.contract.ends_on]
    if not ended:
        return []
    rates = {commitment.contract_id: commitment.contract.penalty_per_missing_hour for commitment in ended}
    commitments = Commitment.objects.filter(pk__in=[commitment.pk for commitment in ended])
    entries = HoursEntry.objects.filter(placement__commitment__in=commitments.values("pk"))
    result = []
    for line in commitment_lines(commitments, entries, placement_hours(entries), None):
        missing = max(ZERO, line.planned - line.realised)
        if missing:
            per_hour = rates[line.contract_id]
            amount = (missing * per_hour).quantize(CENT, ROUND_HALF_UP)
            result.append(PenaltyLine(line.contract_reference, line.company, missing, per_hour, amount))
    return result


# --- People ---------------------------------------------------------------------------------


def _breakdown(
    counts: Mapping[str, int], labels: Mapping[str, str], *, suppress: bool, order: Iterable[str]
) -> Breakdown:
    """Non-zero counts in the order of the enum; under the threshold withheld when `suppress`."""
    counts = {value: counts[value] for value in order if counts.get(value)}
    shown: Mapping[str, int | None] = suppress_small_counts(counts) if suppress else counts
    return Breakdown(
        tuple(
            (value, str(labels[value]), WITHHELD if figure is None else figure)
            for value, figure in shown.items()
        )
    )


def age_bands(people: Iterable[PlacementHours], on: datetime.date) -> dict[str, int]:
    """People per age band on `on`, with the core's rule (`Participant.age_band_on`), run once
    per distinct birth year rather than once per person."""
    pairs = Counter((person.birth_year, person.age_band) for person in people)
    counts: dict[str, int] = defaultdict(int)
    for (birth_year, band), count in pairs.items():
        counts[Participant(birth_year=birth_year, age_band=band).age_band_on(on).value] += count
    return counts


def _distinct(pairs: Iterable[tuple[str, int]]) -> Counter:
    """Count people once per category from (category, participant) pairs."""
    return Counter(category for category, _participant in set(pairs))


def _eligibilities_in(year: int | None) -> QuerySet:
    if year is None:
        return Eligibility.objects.all()
    return Eligibility.objects.filter(
        Q(valid_to__isnull=True) | Q(valid_to__gte=datetime.date(year, 1, 1)),
        valid_from__lte=datetime.date(year, 12, 31),
    )


@dataclass(frozen=True)
class People:
    """Unique participants with counted hours, and their breakdowns (unsuppressed)."""

    total: int
    hours_by_modality: dict[str, Decimal]
    by_modality: Counter
    by_contract_type: Counter
    by_gender: Counter
    by_age_band: dict[str, int]
    by_category: Counter
    outcomes: dict[str, Counter]


def count_people(
    rows: list[PlacementHours], commitments: QuerySet, year: int | None, on: datetime.date
) -> People:
    """People of the bilan from the placement rows, plus two queries (eligibility, outcomes)."""
    counted = [row for row in rows if row.counts]
    people = {row.participant: row for row in counted}
    hours_by_modality: dict[str, Decimal] = defaultdict(Decimal)
    for row in counted:
        hours_by_modality[row.modality] += row.hours
    categories = (
        _eligibilities_in(year)
        .filter(participant__placements__commitment__in=commitments.values("pk"))
        .values_list("category", "participant")
    )
    outcomes: dict[str, Counter] = defaultdict(Counter)
    observed = Outcome.objects.filter(placement__commitment__in=commitments.values("pk")).values_list(
        "moment", "situation", "placement__participant"
    )
    for moment, situation, participant in set(observed):
        if participant in people:
            outcomes[moment][situation] += 1
    return People(
        total=len(people),
        hours_by_modality=hours_by_modality,
        by_modality=_distinct((row.modality, row.participant) for row in counted),
        by_contract_type=_distinct((row.contract_type, row.participant) for row in counted),
        by_gender=Counter(person.gender for person in people.values()),
        by_age_band=age_bands(people.values(), on),
        by_category=_distinct((category, pk) for category, pk in categories if pk in people),
        outcomes=outcomes,
    )


# --- The report -----------------------------------------------------------------------------


def compute_report(
    subject: Subject, *, year: int | None = None, suppress: bool = False, on: datetime.date | None = None
) -> Report:
    """The bilan of `subject` for `year` (None: the whole life of its contracts).

    With `suppress`, for readers outside the facilitators of the contracts, every count of
    people under `SMALL_CELL_THRESHOLD` is withheld (hours are not personal data and stay).
    `on` is the day penalties are judged (today by default).
    """
    return _compute(subject, year=year, suppress=suppress, on=on)


def _compute(subject: Subject, *, year: int | None, suppress: bool, on: datetime.date | None) -> Report:
    on = on or timezone.localdate()
    commitments = subject.commitments()
    entries = HoursEntry.objects.filter(placement__commitment__in=commitments.values("pk"))
    if year is not None:
        entries = entries.filter(month__year=year)
    rows = placement_hours(entries)
    lines = commitment_lines(commitments, entries, rows, year)
    contracts = contract_lines(subject, lines, year)
    reference_day = datetime.date(year, 1, 1) if year else _first_notification(subject, lines)
    people = count_people(rows, commitments, year, reference_day)
    planned = sum((line.planned for line in contracts), ZERO)
    realised = sum((line.realised for line in contracts), ZERO)
    totals = {
        name: sum((getattr(line, name) for line in lines), ZERO)
        for name in ("ineligible", "pending", "transfers_in", "transfers_out")
    }

    def breakdown(counts: Mapping[str, int], enum) -> Breakdown:
        return _breakdown(counts, dict(enum.choices), suppress=suppress, order=enum.values)

    return Report(
        subject=subject,
        year=year,
        is_suppressed=suppress,
        planned_hours=planned,
        realised_hours=realised,
        ineligible_hours=totals["ineligible"],
        pending_hours=totals["pending"],
        transfers_in=totals["transfers_in"],
        transfers_out=totals["transfers_out"],
        participants=WITHHELD if suppress and 0 < people.total < SMALL_CELL_THRESHOLD else people.total,
        hours_by_modality=_breakdown(
            people.hours_by_modality, dict(Modality.choices), suppress=False, order=Modality.values
        ),
        people_by_gender=breakdown(people.by_gender, Gender),
        people_by_age_band=breakdown(people.by_age_band, AgeBand),
        people_by_category=breakdown(people.by_category, PublicCategory),
        people_by_modality=breakdown(people.by_modality, Modality),
        people_by_contract_type=breakdown(people.by_contract_type, ContractType),
        outcomes_at_exit=breakdown(people.outcomes[OutcomeMoment.EXIT], Situation),
        outcomes_at_six_months=breakdown(people.outcomes[OutcomeMoment.SIX_MONTHS], Situation),
        contracts=tuple(contracts),
        commitments=tuple(lines),
        companies=tuple(company_lines(lines)),
        penalties=tuple(penalty_lines(subject, on=on)),
        explanation=subject.contract.difference_explanation if subject.contract else "",
        findings=tuple(findings(planned=planned, realised=realised, **totals)),
    )


def _first_notification(subject: Subject, lines: list[CommitmentLine]) -> datetime.date:
    """Ages of a whole-life bilan are taken when the clause started: the first notification."""
    first = (
        Contract.objects.filter(
            Q(pk__in=subject.contracts.values("pk")) | Q(pk__in=[line.contract_id for line in lines])
        )
        .order_by("notified_on")
        .values_list("notified_on", flat=True)
        .first()
    )
    return first or timezone.localdate()


def findings(
    *,
    planned: Decimal,
    realised: Decimal,
    ineligible: Decimal,
    pending: Decimal,
    transfers_in: Decimal,
    transfers_out: Decimal,
) -> list[str]:
    """The difference between planned and realised hours, explained by what the figures show."""
    sentences = []
    difference = realised - planned
    rate = format_percent(realised * 100 / planned) if planned else None
    if planned and difference > 0:
        sentences.append(
            _("Heures réalisées supérieures de %(hours)s aux heures prévues (%(rate)s de l'objectif).")
            % {"hours": format_hours(difference), "rate": rate}
        )
    elif planned and difference < 0:
        sentences.append(
            _("Il manque %(hours)s pour atteindre les heures prévues (%(rate)s de l'objectif).")
            % {"hours": format_hours(-difference), "rate": rate}
        )
    elif planned:
        sentences.append(_("Heures prévues exactement atteintes."))
    if transfers_in or transfers_out:
        sentences.append(
            _("Mutualisation : %(in)s reçues d'autres contrats, %(out)s cédées à d'autres contrats.")
            % {"in": format_hours(transfers_in), "out": format_hours(transfers_out)}
        )
    if ineligible:
        sentences.append(
            _("%(hours)s déclarées hors période d'éligibilité ne sont pas comptées.")
            % {"hours": format_hours(ineligible)}
        )
    if pending:
        sentences.append(_("%(hours)s déclarées restent à valider.") % {"hours": format_hours(pending)})
    return sentences
