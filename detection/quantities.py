"""Hours and shares of hours stated with an insertion clause, and lots named in a sentence.

All functions read folded text (`detection.text.fold`: no-break spaces are plain spaces there)
between `start` and `end`, and return positions so that a quantity can be tied to the lot named
just before it ("lot 1 : 120 heures ; lot 2 : 80 heures").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

# "1 200", "1.200", "1,200" (English), "350": thousands groups of exactly three digits.
_NUMBER = r"(?<![\d.,])(?P<number>\d{1,3}(?:[ .,]\d{3})+|\d+)(?![.,]?\d)"
# "350 heures", "350 h", "75h", "1,200 hours"; not a rate ("5h par tranche de 10 000 €").
_HOURS = re.compile(
    _NUMBER + r"\s?(?:(?:integration|insertion)\s+)?(?:heures?|h|hours?|hrs?)\b"
    r"(?!(?:\s+d'insertion|\s+de\s+travail)?\s*(?:par\s+tranche|par\s+\d|/\s*\d|par\s+(?:k|m)?€|pour\s+\d))"
)
# "350 et 210 heures": the first numbers of a list share the unit of the last one.
_HOURS_LISTED = re.compile(
    _NUMBER + r"(?=(?:\s*(?:,|et|and)\s*\d{1,3}(?:[ .,]\d{3})*)+\s?(?:heures?|h|hours?)\b)"
)
# "Heures de travail consacrées à l'insertion : 280."
_HOURS_AFTER_LABEL = re.compile(r"\bheures?\b[^.;:\d]{0,60}:\s*" + _NUMBER + r"(?!\s*(?:%|€|euros?|h\b))")
# "5 % des heures", "7 % du nombre total d'heures", "5 % of the hours worked".
_PERCENT = re.compile(
    r"(?<![\d.,])(?P<number>\d{1,2}(?:[.,]\d{1,2})?)\s?%\s*(?:du\s+nombre\s+(?:total\s+)?d'heures|des\s+heures"
    r"|du\s+volume\s+(?:d'heures|horaire)|du\s+temps\s+de\s+travail|de\s+la\s+main[\s-]d'(?:œ|oe)uvre"
    r"|de\s+l'effectif|of\s+the\s+(?:\w+\s+)?hours|of\s+(?:working\s+)?hours)"
)
_LOTS = re.compile(
    r"\blots?\s*(?:n\s?[o°]\.?\s*|numeros?\s*)?(?P<list>\d{1,3}\b(?:\s*\([^()]{0,40}\))?"
    r"(?:\s*(?:,|et|and|a|to|ou|or)\s*(?:n\s?[o°]\.?\s*)?\d{1,3}\b(?:\s*\([^()]{0,40}\))?)*)"
)
_LIST_PART = re.compile(
    r"(?P<first>\d{1,3})(?:\s*\([^()]*\))?(?:\s*(?:a|to)\s*(?:n\s?[o°]\.?\s*)?(?P<last>\d{1,3}))?"
)
_MAX_RANGE = 200  # "lots 1 à 4": a range longer than this is a misreading, not a list of lots


@dataclass(frozen=True, slots=True)
class Quantity:
    position: int
    value: int | Decimal


@dataclass(frozen=True, slots=True)
class LotMention:
    start: int
    end: int
    numbers: tuple[int, ...]


def _integer(raw: str) -> int:
    return int(re.sub(r"[ .,]", "", raw))


def find_hours(folded: str, start: int, end: int) -> list[Quantity]:
    """Numbers of hours, in order of position."""
    found = {m.start(): _integer(m["number"]) for m in _HOURS.finditer(folded, start, end)}
    for match in (
        *_HOURS_LISTED.finditer(folded, start, end),
        *_HOURS_AFTER_LABEL.finditer(folded, start, end),
    ):
        found.setdefault(match.start("number"), _integer(match["number"]))
    return [Quantity(position, value) for position, value in sorted(found.items()) if value > 0]


def find_percents(folded: str, start: int, end: int) -> list[Quantity]:
    """Shares of working hours ("5 % des heures"), never award weights."""
    return [
        Quantity(m.start(), Decimal(m["number"].replace(",", ".")))
        for m in _PERCENT.finditer(folded, start, end)
    ]


def find_lots(folded: str, start: int, end: int) -> list[LotMention]:
    """Lots named in the text: "lot 3", "lots no 1, 2, 4", "lots 1 à 4 et 6"."""
    mentions = []
    for match in _LOTS.finditer(folded, start, end):
        numbers: list[int] = []
        for part in _LIST_PART.finditer(match["list"]):
            first = int(part["first"])
            last = int(part["last"]) if part["last"] else first
            if first <= last <= first + _MAX_RANGE:
                numbers.extend(range(first, last + 1))
            else:
                numbers.append(first)
        mentions.append(LotMention(match.start(), match.end(), tuple(dict.fromkeys(numbers))))
    return mentions


def lot_number(lot_id: str) -> int | None:
    """The number in a lot identifier: "LOT-0002" -> 2, "3" -> 3."""
    digits = re.findall(r"\d+", lot_id)
    return int(digits[-1]) if digits else None
