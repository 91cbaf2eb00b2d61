from datetime import date

import pytest

from followup.forms import MonthField

pytestmark = pytest.mark.no_django_db


def test_a_prefilled_month_is_shown_as_typed_and_submits_unchanged():
    field = MonthField(label="Mois")

    shown = field.widget.format_value(date(2026, 2, 1))

    assert shown == "02/2026"
    assert field.clean(shown) == date(2026, 2, 1)


@pytest.mark.parametrize("typed", ["02/2026", "2026-02"])
def test_a_month_is_read_in_both_spellings(typed):
    assert MonthField(label="Mois").clean(typed) == date(2026, 2, 1)
