from datetime import date
from decimal import Decimal

import pytest

from ui.formatting import format_date, format_euros, format_hours, format_percent

pytestmark = pytest.mark.no_django_db

NBSP = "\xa0"


def test_amounts_are_grouped_by_thousands_with_no_break_spaces():
    assert format_euros(1000000) == f"1{NBSP}000{NBSP}000{NBSP}€"
    assert format_euros(Decimal("220000.50"), decimals=2) == f"220{NBSP}000,50{NBSP}€"
    assert format_euros(-1500) == f"-1{NBSP}500{NBSP}€"
    assert format_euros(None) == "—"


def test_hours_and_percentages_use_french_decimals():
    assert format_hours(4630) == f"4{NBSP}630{NBSP}h"
    assert format_hours(Decimal("12.5")) == f"12,5{NBSP}h"
    assert format_percent(Decimal("128.611")) == f"128,6{NBSP}%"


def test_dates_are_day_month_year():
    assert format_date(date(2026, 11, 23)) == "23/11/2026"
