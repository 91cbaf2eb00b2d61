"""Hours, shares of hours and lot numbers stated in sentences."""

from __future__ import annotations

from decimal import Decimal

import pytest

from detection.quantities import find_hours, find_lots, find_percents, lot_number
from detection.text import fold

pytestmark = pytest.mark.no_django_db


def _hours(text: str) -> list[int]:
    folded = fold(text)
    return [quantity.value for quantity in find_hours(folded, 0, len(folded))]


def _percents(text: str) -> list[Decimal]:
    folded = fold(text)
    return [quantity.value for quantity in find_percents(folded, 0, len(folded))]


@pytest.mark.parametrize(
    ("text", "hours"),
    [
        ("1 200 heures", 1200),
        ("1\u202f200 heures", 1200),
        ("1\u00a0200 heures", 1200),
        ("1.500 heures de travail", 1500),
        ("350 h", 350),
        ("75h d'insertion", 75),
        ("2 100 heures pour l'ensemble de l'opération", 2100),
        ("Integration clause of 1,200 hours", 1200),
        ("Heures de travail consacrées à l'insertion : 280.", 280),
        ("à hauteur de 100 heures", 100),
    ],
)
def test_hours_are_read_as_an_integer(text: str, hours: int):
    assert _hours(text) == [hours]


def test_hours_listed_before_their_unit_are_each_read():
    assert _hours("respectivement 350 et 210 heures") == [350, 210]
    assert _hours("100, 200 and 300 hours") == [100, 200, 300]


@pytest.mark.parametrize(
    "text",
    [
        "5h par tranche de 10 000 € HT",
        "5h d'insertion par tranche de 10 000 € HT",
        "délai de 1,5 jours",
        "10 000 € HT",
    ],
)
def test_rates_and_amounts_are_not_hours(text: str):
    assert _hours(text) == []


@pytest.mark.parametrize(
    ("text", "percent"),
    [
        ("5 % des heures", Decimal("5")),
        ("5\u00a0% des heures travaillées", Decimal("5")),
        ("7 % du nombre total d'heures de main d'œuvre", Decimal("7")),
        ("3 % du nombre d'heures de travail", Decimal("3")),
        ("7,5 % des heures", Decimal("7.5")),
        ("5 % of the hours worked", Decimal("5")),
        ("10 % de la main-d'œuvre", Decimal("10")),
    ],
)
def test_share_of_hours_is_read(text: str, percent: Decimal):
    assert _percents(text) == [percent]


@pytest.mark.parametrize("text", ["valeur technique 40 %", "dont 30 % au bénéfice de jeunes", "TVA 20 %"])
def test_weights_and_other_percentages_are_not_a_share_of_hours(text: str):
    assert _percents(text) == []


@pytest.mark.parametrize(
    ("text", "numbers"),
    [
        ("le lot 3 plâtrerie", (3,)),
        ("lots no 1, 2, 4", (1, 2, 4)),
        ("les lots 1 à 3 et 6", (1, 2, 3, 6)),
        ("le lot n° 2", (2,)),
        ("lots 1 and 3", (1, 3)),
        ("Lot 1 – 120 heures", (1,)),
    ],
)
def test_lots_named_in_a_sentence_are_listed(text: str, numbers: tuple[int, ...]):
    folded = fold(text)
    assert [mention.numbers for mention in find_lots(folded, 0, len(folded))] == [numbers]


@pytest.mark.parametrize(("lot_id", "number"), [("LOT-0002", 2), ("3", 3), ("Lot 12", 12), ("UNIQUE", None)])
def test_lot_number_is_read_from_the_identifier(lot_id: str, number: int | None):
    assert lot_number(lot_id) == number
