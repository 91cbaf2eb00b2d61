"""A canonical view of every stored notice, to prove that two runs left the same database.

Surrogate ids, timestamps, the compressed payload (its `content_hash` stands for it) and
import bookkeeping (runs, issues) are left out: PostgreSQL
sequences are not rolled back with a killed transaction, so ids may differ while the data
does not. Rows are keyed by their natural keys instead.
"""

from __future__ import annotations

from typing import Any

from django.db.models import F

from notices.models import Award, Buyer, Lot, Notice, SocialConsideration

_SKIPPED = {"id", "created_at", "updated_at", "notice", "buyer", "raw_compressed"}


def _values(model, *order: str, **renamed: str) -> list[dict[str, Any]]:
    names = [field.name for field in model._meta.concrete_fields if field.name not in _SKIPPED]
    rows = model.objects.order_by(*order).values(*names, **{key: F(path) for key, path in renamed.items()})
    return [{key: str(value) for key, value in row.items()} for row in rows]


def canonical_dump() -> dict[str, list[dict[str, Any]]]:
    notice_key = {"notice_source": "notice__source", "notice_source_id": "notice__source_id"}
    return {
        "buyers": _values(Buyer, "key"),
        "notices": _values(Notice, "source", "source_id", buyer_key="buyer__key"),
        "lots": _values(Lot, "notice__source", "notice__source_id", "position", **notice_key),
        "awards": _values(Award, "notice__source", "notice__source_id", "position", **notice_key),
        "considerations": _values(
            SocialConsideration,
            "notice__source",
            "notice__source_id",
            "lot_id",
            "category",
            "evidence_path",
            **notice_key,
        ),
    }
