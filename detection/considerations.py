"""What detection returns: social considerations with their evidence.

A `Consideration` is a plain frozen value: storage (`notices/`), `clausier inspect` and the
API serialise it with `Consideration.as_dict()`.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from detection.enums import Category, EvidenceKind


@dataclass(frozen=True, slots=True)
class Evidence:
    """Why a consideration was found.

    For a structured signal: `kind=FIELD`, `path` the field ("BT-71-Lot"), `text` the code
    ("res-ws"). For free text: `kind=TEXT`, `path` the text field, `start`/`end` offsets of the
    matched span in that field's text, and `text` the span itself.
    """

    kind: EvidenceKind
    path: str
    text: str
    start: int | None = None
    end: int | None = None

    def as_dict(self) -> dict:
        return {
            "kind": self.kind.value,
            "path": self.path,
            "text": self.text,
            "start": self.start,
            "end": self.end,
        }


@dataclass(frozen=True, slots=True)
class Consideration:
    category: Category
    evidence: Evidence
    lot_id: str | None = None  # None: the whole notice
    legal_basis: str | None = None  # current CCP article, normalised ("L2112-2")
    cited_reference: str | None = None  # the reference as written ("CMP art. 14")
    hours: int | None = None
    percent: Decimal | None = None
    confidence: float = 1.0

    def as_dict(self) -> dict:
        return {
            "category": self.category.value,
            "lot": self.lot_id,
            "evidence": self.evidence.as_dict(),
            "legal_basis": self.legal_basis,
            "cited_reference": self.cited_reference,
            "hours": self.hours,
            "percent": float(self.percent) if self.percent is not None else None,
            "confidence": self.confidence,
        }
