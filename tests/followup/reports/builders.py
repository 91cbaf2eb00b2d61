"""Small follow-up chains for bilan tests, on the core's factories."""

from __future__ import annotations

import datetime
from decimal import Decimal

from followup.enums import DeclarationStatus
from followup.models import Declaration, HoursEntry, Placement
from tests.followup.factories import DeclarationFactory, HoursEntryFactory


def hours(
    placement: Placement,
    month: datetime.date,
    amount: int | str,
    *,
    status: DeclarationStatus = DeclarationStatus.VALIDATED,
) -> HoursEntry:
    """`amount` hours of `placement` in `month`, in the company's declaration of that month."""
    commitment = placement.commitment
    declaration = Declaration.objects.filter(
        contract=commitment.contract, company=commitment.company, month=month
    ).first() or DeclarationFactory(
        contract=commitment.contract, company=commitment.company, month=month, status=status
    )
    return HoursEntryFactory(placement=placement, month=month, hours=Decimal(amount), declaration=declaration)
