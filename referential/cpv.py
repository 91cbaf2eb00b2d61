"""CPV 2008 (Common Procurement Vocabulary) from the shipped file (pure: no database).

Codes are stored and compared as their 8 digits without the check digit ("45000000"): that is
how eForms writes them, and DECP writes them both ways.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache

from referential.territories import DATA_DIR


@dataclass(frozen=True, slots=True)
class CpvEntry:
    code: str  # 8 digits
    check_digit: str
    label_fr: str
    label_en: str

    @property
    def division(self) -> str:
        """The first two digits: the 45 divisions used as a facet ("45" = construction work)."""
        return self.code[:2]


def normalise_cpv(value: str | None) -> str | None:
    """ "45000000-7", "45000000", " 45000000 " -> "45000000"; anything else -> None."""
    if not value:
        return None
    code = value.strip().split("-")[0].strip()
    return code if len(code) == 8 and code.isdigit() else None


@cache
def cpv_entries() -> dict[str, CpvEntry]:
    with open(DATA_DIR / "cpv-2008.csv", encoding="utf-8", newline="") as handle:
        rows = csv.DictReader(handle, delimiter=";")
        entries = {}
        for row in rows:
            code, check_digit = row["code"].split("-")
            entries[code] = CpvEntry(code, check_digit, row["label_fr"], row["label_en"])
    return entries


def cpv_label(code: str, language: str = "fr") -> str | None:
    entry = cpv_entries().get(code)
    if entry is None:
        return None
    return entry.label_en if language == "en" else entry.label_fr


def divisions() -> dict[str, str]:
    """Division code -> French label (the "XX000000" entries)."""
    return {code[:2]: entry.label_fr for code, entry in cpv_entries().items() if code.endswith("000000")}
