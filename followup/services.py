"""Writes across the follow-up models, and the rules that read hours.

Writes (`record_hours`, `transfer_hours`, the declaration workflow) are atomic, take keyword-only
arguments and return the object. Rules (`realised_hours`, `pro_rata_target`, `shortfall`,
`penalty`, `suppress_small_counts`) are the one place where views, reports, e-mails and the API
get these figures.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.audit import record_access
from accounts.enums import AuditAction
from accounts.models import Organisation
from followup.enums import DeclarationStatus, HoursSource, Modality, OutcomeMoment, Situation
from followup.models import (
    Commitment,
    Contract,
    Declaration,
    Eligibility,
    HoursEntry,
    Outcome,
    Participant,
    Placement,
    Transfer,
)

CENT = Decimal("0.01")

SMALL_CELL_THRESHOLD = 5
"""Counts of people below this are hidden in aggregates shown outside the facilitator's scope.

Statistical-secrecy practice (INSEE and the SSM hide cells of fewer than 5 individuals so that
nobody can be recognised); not a CNIL rule as such (DOMAIN.md 4.3), but the product's promise.
"""

AT_RISK_RATIO = Decimal("0.9")
"""A commitment is "at risk" when its realised hours fall below 90 % of the pro-rata target.

Local follow-up practice, not a legal rule: a small lag is normal (monthly declarations arrive
late), a lag of more than a tenth of the elapsed target calls for the facilitator.
"""


def first_of_month(day: datetime.date) -> datetime.date:
    return day.replace(day=1)


# --- Rules ----------------------------------------------------------------------------------


def transfers_in(commitment: Commitment) -> Decimal:
    return commitment.transfers_in.aggregate(total=Sum("hours"))["total"] or Decimal(0)


def transfers_out(commitment: Commitment) -> Decimal:
    return commitment.transfers_out.aggregate(total=Sum("hours"))["total"] or Decimal(0)


def counted_hours(commitment: Commitment) -> Decimal:
    """Hours of the commitment's own entries that count (see `realised_hours`)."""
    return HoursEntry.objects.filter(placement__commitment=commitment).counted().total()


def realised_hours(commitment: Commitment) -> Decimal:
    """Validated hours of eligible people, plus hours pooled in, minus hours pooled out.

    Hours count only once the facilitator has validated the month's declaration, only while the
    participant holds a valid eligibility (DOMAIN.md 3.3: "person outside eligibility: not
    counted") and only for placements that count. Hours outside eligibility are not lost: they
    are flagged (`ineligible_hours`) so that the facilitator can fix the eligibility record.
    Runs three queries.
    """
    return counted_hours(commitment) + transfers_in(commitment) - transfers_out(commitment)


def ineligible_hours(commitment: Commitment) -> Decimal:
    """Validated hours recorded outside any eligibility window: shown, flagged, never counted."""
    return (
        HoursEntry.objects.filter(placement__commitment=commitment, placement__is_counted=True)
        .validated()
        .ineligible()
        .total()
    )


def pending_hours(commitment: Commitment) -> Decimal:
    """Hours declared but not validated yet (draft, submitted or returned declarations)."""
    return (
        HoursEntry.objects.filter(placement__commitment=commitment)
        .exclude(declaration__status=DeclarationStatus.VALIDATED)
        .total()
    )


def elapsed_share(contract: Contract, *, on: datetime.date) -> Decimal:
    """Share of the contract's duration elapsed on `on`, between 0 and 1 (by days)."""
    total_days = (contract.ends_on - contract.notified_on).days
    elapsed_days = (on - contract.notified_on).days
    return min(Decimal(1), max(Decimal(0), Decimal(elapsed_days) / Decimal(total_days)))


def pro_rata_target(commitment: Commitment, *, on: datetime.date) -> Decimal:
    """Hours the company should have realised on `on` if it performed the clause evenly.

    A linear schedule from notification to the end of the duration: the clause rarely states a
    schedule, and the linear target is the usual yardstick of facilitators' shortfall watch.
    """
    return (commitment.planned_hours * elapsed_share(commitment.contract, on=on)).quantize(
        CENT, ROUND_HALF_UP
    )


def shortfall(commitment: Commitment, *, on: datetime.date) -> Decimal:
    """Hours missing against the pro-rata target on `on` (zero when on or ahead of schedule)."""
    return max(Decimal(0), pro_rata_target(commitment, on=on) - realised_hours(commitment))


def is_at_risk(commitment: Commitment, *, on: datetime.date) -> bool:
    """True when realised hours are below `AT_RISK_RATIO` of the pro-rata target."""
    return _falls_short(realised_hours(commitment), pro_rata_target(commitment, on=on))


def _falls_short(realised: Decimal, target: Decimal) -> bool:
    return target > 0 and realised < target * AT_RISK_RATIO


def penalty(commitment: Commitment, *, on: datetime.date) -> Decimal | None:
    """Penalty owed for hours missing at the end of the contract, or None when none applies.

    Clause models provide penalties for non-performance (DOMAIN.md 3.3); the usual form is an
    amount per missing hour, set per contract. Nothing is owed before the contract ends, nor
    when the contract sets no amount.
    """
    contract = commitment.contract
    if contract.penalty_per_missing_hour is None or on < contract.ends_on:
        return None
    missing = max(Decimal(0), commitment.planned_hours - realised_hours(commitment))
    return (missing * contract.penalty_per_missing_hour).quantize(CENT, ROUND_HALF_UP)


@dataclass(frozen=True)
class Balance:
    """A commitment's hours, reconciled: realised = counted entries + transfers in − out."""

    commitment: Commitment
    planned: Decimal
    counted_entries: Decimal
    transfers_in: Decimal
    transfers_out: Decimal
    realised: Decimal
    ineligible: Decimal
    pending: Decimal
    target: Decimal
    at_risk: bool

    @property
    def rate(self) -> Decimal | None:
        """Realised / planned, or None when nothing was planned."""
        return self.realised / self.planned if self.planned else None


def balance(commitment: Commitment, *, on: datetime.date) -> Balance:
    counted_entries = counted_hours(commitment)
    hours_in, hours_out = transfers_in(commitment), transfers_out(commitment)
    realised = counted_entries + hours_in - hours_out
    target = pro_rata_target(commitment, on=on)
    return Balance(
        commitment=commitment,
        planned=commitment.planned_hours,
        counted_entries=counted_entries,
        transfers_in=hours_in,
        transfers_out=hours_out,
        realised=realised,
        ineligible=ineligible_hours(commitment),
        pending=pending_hours(commitment),
        target=target,
        at_risk=_falls_short(realised, target),
    )


def commitments_at_risk(commitments: Iterable[Commitment], *, on: datetime.date) -> list[Balance]:
    """Balances of the commitments at risk on `on`, among contracts still running then."""
    balances = (balance(commitment, on=on) for commitment in commitments)
    return [b for b in balances if b.at_risk and b.commitment.contract.notified_on <= on]


def suppress_small_counts(counts: Mapping[str, int]) -> dict[str, int | None]:
    """`counts` with every cell of 1 to `SMALL_CELL_THRESHOLD` − 1 people replaced by None.

    When exactly one cell is hidden, the smallest other non-zero cell is hidden too (secondary
    suppression): otherwise the hidden one could be recovered from a published total.
    """
    hidden = {key for key, count in counts.items() if 0 < count < SMALL_CELL_THRESHOLD}
    if len(hidden) == 1:
        others = [(count, key) for key, count in counts.items() if count > 0 and key not in hidden]
        if others:
            hidden.add(min(others)[1])
    return {key: None if key in hidden else count for key, count in counts.items()}


# --- Writes ---------------------------------------------------------------------------------


def declaration_for(*, contract: Contract, company, month: datetime.date) -> Declaration:
    declaration, _created = Declaration.objects.get_or_create(
        contract=contract, company=company, month=first_of_month(month)
    )
    return declaration


def converted_hours(*, invoiced_amount: Decimal, hourly_rate: Decimal) -> Decimal:
    """An invoiced amount (HT) turned into hours at the rate stated in the tender documents."""
    if hourly_rate <= 0:
        raise ValidationError(_("Le taux horaire de conversion doit être strictement positif."))
    return (invoiced_amount / hourly_rate).quantize(CENT, ROUND_HALF_UP)


@transaction.atomic
def record_hours(
    *,
    placement: Placement,
    month: datetime.date,
    hours: Decimal | None = None,
    invoiced_amount: Decimal | None = None,
    hourly_rate: Decimal | None = None,
    source: HoursSource,
    by=None,
    by_facilitator: bool = False,
    source_file_hash: str = "",
    source_row: int | None = None,
) -> HoursEntry:
    """Add hours of `placement` for `month` to the company's declaration of that month.

    Either `hours`, or an `invoiced_amount` with its `hourly_rate` (subcontracting and
    co-contracting only). A company may only add to a draft or returned declaration. A
    facilitator may add to any, and their entry validates the month: they are the ones who
    check, so what they record (by hand or from a spreadsheet) counts at once.
    """
    month = first_of_month(month)
    commitment = placement.commitment
    declaration = declaration_for(contract=commitment.contract, company=commitment.company, month=month)
    if not by_facilitator and not declaration.is_editable:
        raise ValidationError(_("La déclaration de ce mois est déjà transmise : elle ne peut plus changer."))
    if invoiced_amount is not None:
        if placement.modality not in Modality.converted_from_amount():
            raise ValidationError(
                _("Seules la sous-traitance et la cotraitance se déclarent en montant facturé.")
            )
        if hourly_rate is None:
            raise ValidationError(_("Un montant facturé s'accompagne du taux horaire de conversion."))
        hours = converted_hours(invoiced_amount=invoiced_amount, hourly_rate=hourly_rate)
    if hours is None or hours < 0:
        raise ValidationError(_("Indiquez un nombre d'heures positif ou un montant facturé."))
    entry = HoursEntry.objects.create(
        placement=placement,
        declaration=declaration,
        month=month,
        hours=hours,
        invoiced_amount=invoiced_amount,
        hourly_rate=hourly_rate if invoiced_amount is not None else None,
        source=source,
        source_file_hash=source_file_hash,
        source_row=source_row,
        created_by=by,
    )
    if by_facilitator and declaration.status != DeclarationStatus.VALIDATED:
        declaration.status = DeclarationStatus.VALIDATED
        declaration.reviewed_by = by
        declaration.reviewed_at = timezone.now()
        declaration.save(update_fields=["status", "reviewed_by", "reviewed_at"])
    participant = placement.participant
    if participant.last_activity_on < month:
        participant.last_activity_on = month
        participant.save(update_fields=["last_activity_on"])
    return entry


@transaction.atomic
def transfer_hours(
    *, from_commitment: Commitment, to_commitment: Commitment, hours: Decimal, reason: str, by=None
) -> Transfer:
    """Pool `hours` realised on one commitment into another commitment of the same company.

    Only hours already realised (and not already pooled away) may move, so that the two
    balances still reconcile with the entries behind them.
    """
    if from_commitment.company_id != to_commitment.company_id:
        raise ValidationError(_("Les heures ne se mutualisent qu'entre contrats d'une même entreprise."))
    if from_commitment.pk == to_commitment.pk:
        raise ValidationError(_("Les heures se mutualisent entre deux contrats différents."))
    if hours <= 0:
        raise ValidationError(_("Le nombre d'heures mutualisées doit être positif."))
    if not reason.strip():
        raise ValidationError(_("Le motif de la mutualisation est obligatoire."))
    Commitment.objects.select_for_update().filter(pk__in=[from_commitment.pk, to_commitment.pk]).exists()
    available = realised_hours(from_commitment)
    if hours > available:
        raise ValidationError(
            _("Seules les heures réalisées se mutualisent : %(available)s h disponibles.")
            % {"available": available}
        )
    return Transfer.objects.create(
        from_commitment=from_commitment,
        to_commitment=to_commitment,
        hours=hours,
        reason=reason,
        created_by=by,
    )


def _review(declaration: Declaration, *, status: DeclarationStatus, by, comment: str) -> Declaration:
    if declaration.status != DeclarationStatus.SUBMITTED:
        raise ValidationError(_("Seule une déclaration transmise peut être validée ou renvoyée."))
    declaration.status = status
    declaration.comment = comment
    declaration.reviewed_by = by
    declaration.reviewed_at = timezone.now()
    declaration.save(update_fields=["status", "comment", "reviewed_by", "reviewed_at"])
    return declaration


@transaction.atomic
def submit_declaration(*, declaration: Declaration, by) -> Declaration:
    """The company sends its month to the facilitator; it can no longer change it."""
    if not declaration.is_editable:
        raise ValidationError(_("Cette déclaration est déjà transmise."))
    declaration.status = DeclarationStatus.SUBMITTED
    declaration.submitted_by = by
    declaration.submitted_at = timezone.now()
    declaration.save(update_fields=["status", "submitted_by", "submitted_at"])
    return declaration


@transaction.atomic
def validate_declaration(*, declaration: Declaration, by, comment: str = "") -> Declaration:
    """The facilitator accepts the month: from now on its hours count."""
    return _review(declaration, status=DeclarationStatus.VALIDATED, by=by, comment=comment)


@transaction.atomic
def return_declaration(*, declaration: Declaration, by, comment: str) -> Declaration:
    """The facilitator sends the month back for correction, saying why."""
    if not comment.strip():
        raise ValidationError(_("Dites à l'entreprise ce qu'elle doit corriger."))
    return _review(declaration, status=DeclarationStatus.RETURNED, by=by, comment=comment)


# --- Participants (personal data: every change is audited in the same transaction) ----------


def _audit(participant: Participant, *, by, action: AuditAction, **details) -> None:
    record_access(actor=by, action=action, obj=participant, organisation=participant.facilitator, **details)


@transaction.atomic
def register_participant(*, facilitator: Organisation, code: str, by, **fields) -> Participant:
    """Create a participant under a pseudonymous code; the identity stays outside Clausier."""
    participant = Participant.objects.create(
        facilitator=facilitator, code=code, last_activity_on=timezone.localdate(), **fields
    )
    _audit(participant, by=by, action=AuditAction.CREATE)
    return participant


@transaction.atomic
def add_eligibility(*, participant: Participant, by, **fields) -> Eligibility:
    eligibility = Eligibility.objects.create(participant=participant, **fields)
    _audit(participant, by=by, action=AuditAction.UPDATE, eligibility=eligibility.category)
    return eligibility


@transaction.atomic
def place_participant(*, participant: Participant, commitment: Commitment, by, **fields) -> Placement:
    """Place a participant on a commitment of a contract facilitated by the participant's organisation."""
    if commitment.contract.facilitator_id != participant.facilitator_id:
        raise ValidationError(_("Ce participant n'est pas suivi par le facilitateur de ce contrat."))
    placement = Placement.objects.create(participant=participant, commitment=commitment, **fields)
    _audit(participant, by=by, action=AuditAction.UPDATE, placement=placement.pk)
    return placement


@transaction.atomic
def record_outcome(
    *, placement: Placement, moment: OutcomeMoment, situation: Situation, observed_on, by
) -> Outcome:
    outcome, _created = Outcome.objects.update_or_create(
        placement=placement, moment=moment, defaults={"situation": situation, "observed_on": observed_on}
    )
    _audit(placement.participant, by=by, action=AuditAction.UPDATE, outcome=moment)
    return outcome
