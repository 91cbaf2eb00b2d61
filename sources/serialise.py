"""Plain-JSON views of records and rejections (`clausier inspect --json`, one object per line).

Keys are stable API: `source`, `source_id`, `kind`, `title`, `buyer`, `published` (ISO date),
`cpv` (8 digits, main first), `departments`, `value`, `lots`, `awards`... The caller adds
`social` from the detection package; this module knows nothing of detection.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from sources.records import Award, Lot, Money, NoticeRecord, Party, Rejection, Signal


def _number(amount: Decimal) -> int | float:
    """A JSON number: integral amounts stay integers, others become floats (cents are exact)."""
    return int(amount) if amount == amount.to_integral_value() else float(amount)


def _money(value: Money | None) -> dict[str, Any] | None:
    return None if value is None else {"amount": _number(value.amount), "currency": value.currency}


def _party(party: Party) -> dict[str, Any]:
    return {"name": party.name or None, "siret": party.siret, "identifier": party.identifier}


def _signals(signals: tuple[Signal, ...]) -> list[dict[str, str]]:
    return [{"path": signal.path, "code": signal.code} for signal in signals]


def _lot(lot: Lot) -> dict[str, Any]:
    return {
        "id": lot.lot_id,
        "title": lot.title,
        "cpv": list(lot.cpv),
        "departments": sorted({place.departement for place in lot.places if place.departement}),
        "value": _money(lot.value),
        "signals": _signals(lot.signals),
    }


def _award(award: Award) -> dict[str, Any]:
    return {
        "contract_id": award.contract_id,
        "lot_ids": list(award.lot_ids),
        "holders": [_party(holder) for holder in award.holders],
        "amount": _money(award.amount),
        "notified_on": award.notified_on.isoformat() if award.notified_on else None,
        "duration_months": award.duration_months,
        "modification_count": award.modification_count,
    }


def record_to_dict(record: NoticeRecord) -> dict[str, Any]:
    return {
        "source": record.source.value,
        "source_id": record.source_id,
        "version": record.version,
        "procedure_id": record.procedure_id,
        "kind": record.kind.value,
        "title": record.title,
        "buyer": _party(record.buyer),
        "published": record.published_on.isoformat() if record.published_on else None,
        "deadline": record.deadline_at.isoformat() if record.deadline_at else None,
        "procedure": record.procedure,
        "cpv": list(record.cpv),
        "departments": list(record.departements),
        "value": _money(record.value),
        "duration_months": record.duration_months,
        "lots": [_lot(lot) for lot in record.lots],
        "awards": [_award(award) for award in record.awards],
        "signals": _signals(record.signals),
        "url": record.url,
        "language": record.language,
    }


def rejection_to_dict(rejection: Rejection) -> dict[str, Any]:
    return {
        "rejected": True,
        "reason": rejection.reason,
        "message": rejection.message,
        "record_id": rejection.record_id,
        "location": rejection.location,
    }
