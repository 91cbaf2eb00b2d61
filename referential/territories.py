"""French territories from the shipped reference files (pure: no database).

Parsers use these lookups to turn whatever a source gives (NUTS-3 code, postcode, INSEE
commune code, département number without its leading zero) into an INSEE département code.
The same files feed the `Region` / `Departement` tables (`clausier load-referential`).
Data: INSEE COG 2026 and La Poste postcodes (Licence Ouverte), NUTS 2024 from the eForms SDK
(CC BY 4.0); credits in `referential/data/SOURCES.md`.
"""

from __future__ import annotations

import csv
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"


@dataclass(frozen=True, slots=True)
class DepartementInfo:
    code: str  # "01", "2A", "974"
    name: str
    region_code: str
    region_name: str
    nuts3: str | None


def _read(name: str) -> list[dict[str, str]]:
    with open(DATA_DIR / name, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter=";"))


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(char for char in decomposed if char.isalnum())


@cache
def departements() -> dict[str, DepartementInfo]:
    """All 101 départements by INSEE code, with their NUTS-3 code.

    The NUTS-3 list carries French names only, so codes are joined on the folded name (each
    of the 101 NUTS-3 names matches exactly one département; a test holds that).
    """
    nuts_by_name = {_fold(row["label"]): row["code"] for row in _read("nuts-fr.csv") if row["level"] == "3"}
    return {
        row["code"]: DepartementInfo(
            code=row["code"],
            name=row["name"],
            region_code=row["region"],
            region_name=row["region_name"],
            nuts3=nuts_by_name.get(_fold(row["name"])),
        )
        for row in _read("departements.csv")
    }


@cache
def _departement_by_nuts3() -> dict[str, str]:
    return {info.nuts3: code for code, info in departements().items() if info.nuts3}


@cache
def _departements_by_postcode() -> dict[str, frozenset[str]]:
    """Postcode -> départements of the communes it serves (a few postcodes straddle two)."""
    mapping: dict[str, set[str]] = {}
    for row in _read("communes.csv"):
        for postcode in row["postcodes"].split("|"):
            mapping.setdefault(postcode, set()).add(row["departement"])
    return {postcode: frozenset(codes) for postcode, codes in mapping.items()}


def departement_for_nuts(nuts: str | None) -> str | None:
    """INSEE département of a NUTS-3 code ("FR101" -> "75"); None for NUTS 1-2 or unknown."""
    if not nuts:
        return None
    return _departement_by_nuts3().get(nuts.strip().upper())


def departement_for_postcode(postcode: str | None) -> str | None:
    """Département of a French postcode, or None when unknown.

    The postcode table is authoritative (it knows that 97133 is Saint-Barthélemy, outside the
    101 départements, and that Corsican 20xxx codes split into 2A and 2B). When a postcode
    serves communes of two départements, the one whose number starts the postcode wins.
    """
    if not postcode:
        return None
    postcode = postcode.strip().replace(" ", "")
    if len(postcode) == 4 and postcode.isdigit():
        postcode = "0" + postcode  # spreadsheets drop the leading zero
    codes = _departements_by_postcode().get(postcode)
    if not codes:
        return None
    if len(codes) == 1:
        return next(iter(codes))
    for code in sorted(codes):
        if postcode.startswith(code):
            return code
    return sorted(codes)[0]


def normalise_departement(code: str | int | None) -> str | None:
    """An INSEE département code from the ways sources write it ("2" -> "02", "2a" -> "2A")."""
    if code is None:
        return None
    text = str(code).strip().upper()
    if text.isdigit() and len(text) == 1:
        text = "0" + text
    return text if text in departements() else None


def departement_for_commune(insee_code: str | None) -> str | None:
    """Département of an INSEE commune code ("33063" -> "33", "97411" -> "974", "2A004" -> "2A")."""
    if not insee_code:
        return None
    code = insee_code.strip().upper()
    prefix = code[:3] if code.startswith("97") else code[:2]
    return prefix if prefix in departements() else None
