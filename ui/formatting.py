"""French display formats, for templates, exports and e-mails alike.

Amounts are written "1 000 000 €", hours "1 200 h", dates "23/11/2026", with a no-break
space as the thousands separator so that a number never breaks across lines.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal

NBSP = "\xa0"


def group_thousands(value: int | float | Decimal, decimals: int = 0) -> str:
    """12345.6 -> "12 345,6" (decimals digits, French separators)."""
    quantum = Decimal(1).scaleb(-decimals)
    number = Decimal(str(value)).quantize(quantum, rounding=ROUND_HALF_UP)
    sign = "-" if number < 0 else ""
    integer, _, fraction = f"{abs(number):f}".partition(".")
    groups = []
    while integer:
        groups.insert(0, integer[-3:])
        integer = integer[:-3]
    text = NBSP.join(groups) or "0"
    return f"{sign}{text},{fraction}" if fraction else f"{sign}{text}"


def format_euros(value: int | float | Decimal | None, decimals: int = 0) -> str:
    if value is None:
        return "—"
    return f"{group_thousands(value, decimals)}{NBSP}€"


def format_hours(value: int | float | Decimal | None) -> str:
    if value is None:
        return "—"
    decimals = 0 if Decimal(str(value)) == Decimal(str(value)).to_integral_value() else 1
    return f"{group_thousands(value, decimals)}{NBSP}h"


def format_percent(value: int | float | Decimal | None, decimals: int = 1) -> str:
    if value is None:
        return "—"
    return f"{group_thousands(value, decimals)}{NBSP}%"


def format_date(value: date | datetime | None) -> str:
    if value is None:
        return "—"
    return value.strftime("%d/%m/%Y")
