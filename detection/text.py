"""Text preparation shared by the rules: folding, masking and sentence segments.

Every transformation here keeps the length of the text, so an offset found in the folded or
masked copy is an offset in the original: evidence spans are always cut from the original text.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

# Characters that buyers (and word processors) use for an apostrophe, a hyphen or a space.
_APOSTROPHES = "\u2019\u2018\u02bc\u00b4`"
_HYPHENS = "\u2010\u2011\u2012\u2013\u2014\u2212"
_SPACES = "\u00a0\u202f\u2007\u2009\u200a\t"


def _fold_char(char: str) -> str:
    if char in _APOSTROPHES:
        return "'"
    if char in _HYPHENS:
        return "-"
    if char in _SPACES:
        return " "
    base = unicodedata.normalize("NFD", char)[0]
    lower = base.lower()
    return lower if len(lower) == 1 else base


# Latin scripts, punctuation and spaces: everything the rules can match. Beyond, characters are
# kept as they are (no rule reads CJK); `str.translate` is ten times faster than a loop.
_FOLD_TABLE = {code: _fold_char(chr(code)) for code in range(0x3000)}


def fold(text: str) -> str:
    """Lower-case, strip accents and unify apostrophes, hyphens and spaces, one char per char.

    Rules are written against this form ("marche reserve"), so "MARCHE RESERVE", "Marché
    réservé" and "marché réservé" all match the same pattern.
    """
    return text.translate(_FOLD_TABLE)


def mask(folded: str, spans: Iterable[tuple[int, int]]) -> str:
    """Blank the given spans so that no positive rule can match inside them."""
    chars = list(folded)
    for start, end in spans:
        chars[start:end] = " " * (end - start)
    return "".join(chars)


@dataclass(frozen=True, slots=True)
class Segment:
    start: int
    end: int


# A sentence ends at ".", "!" or "?" followed by a capital, a digit or a bullet (with or without
# a space: BOAMP often glues sentences, "dans le CCAP.Nombre d'heures"); a ";", a newline or a
# bullet always ends a segment, so that the items of a list ("lot 1 : 120 h ; lot 2 : 80 h") are
# read one by one.
_BOUNDARY = re.compile(r"[.!?](?=\s+[A-ZÀ-Ý0-9•\-–«\"(]|[A-ZÀ-Ý])|[;\n\r•]")
# "L. 2112-2", "art. 14", "n°. 3", "R. 2152-7": a full stop after these is not a sentence end.
_ABBREVIATION = re.compile(r"(?:\b[A-Za-z]|\bart|\bArt|\bno|\bNo|\bn°|\bcf|\bal|\bOrd|\bMme|\bM)$")


def segments(text: str) -> list[Segment]:
    """Split a text into sentences or list items, as offsets."""
    result: list[Segment] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        if match.group() == "." and _ABBREVIATION.search(text, 0, match.start()):
            continue
        end = match.end()
        if text[start:end].strip():
            result.append(Segment(start, end))
        start = end
    if text[start:].strip():
        result.append(Segment(start, len(text)))
    return result
