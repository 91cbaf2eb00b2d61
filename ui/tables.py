"""Tables of figures shared by pages, charts and exports (CSV, XLSX, PDF).

A `ReportTable` holds raw values (numbers, dates, text) and says, per column, what kind of
figure each one is; every output then formats the same values its own way: French display
strings on pages and in PDF, typed cells with number formats in XLSX, French decimals in CSV.
A cell whose value was withheld (a count of people under the small-cell threshold, shown as
"< 5") is carried as its display string, whatever the column kind.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import StrEnum

from ui.formatting import format_date, format_euros, format_hours, format_percent, group_thousands

Number = int | float | Decimal
Cell = Number | date | str | None


class ColumnKind(StrEnum):
    TEXT = "text"
    COUNT = "count"
    HOURS = "hours"
    EUROS = "euros"
    PERCENT = "percent"
    DATE = "date"

    @classmethod
    def numeric(cls) -> frozenset[ColumnKind]:
        return frozenset({cls.COUNT, cls.HOURS, cls.EUROS, cls.PERCENT})


@dataclass(frozen=True)
class Column:
    label: str
    kind: ColumnKind = ColumnKind.TEXT

    @property
    def is_numeric(self) -> bool:
        return self.kind in ColumnKind.numeric()


@dataclass(frozen=True)
class DisplayCell:
    text: str
    is_numeric: bool


@dataclass(frozen=True)
class ReportTable:
    """One table of a report: `rows` are tuples of raw cells in the order of `columns`."""

    title: str
    columns: tuple[Column, ...]
    rows: tuple[tuple[Cell, ...], ...] = field(default_factory=tuple)

    def __post_init__(self) -> None:
        width = len(self.columns)
        if any(len(row) != width for row in self.rows):
            raise ValueError(f"Every row of {self.title!r} needs {width} cells.")

    def display_rows(self) -> list[list[DisplayCell]]:
        """The rows as French display strings, numbers flagged for right alignment (pages, PDF)."""
        return [
            [
                DisplayCell(format_cell(value, column.kind), column.is_numeric)
                for value, column in zip(row, self.columns, strict=True)
            ]
            for row in self.rows
        ]


def is_withheld(value: Cell) -> bool:
    """A string in a numeric column is a withheld figure ("< 5"), never a number to compute with."""
    return isinstance(value, str)


def format_cell(value: Cell, kind: ColumnKind) -> str:
    """French display string of one cell: "1 200 h", "1 000 000 €", "23/11/2026", "< 5"."""
    if value is None:
        return "—"
    if isinstance(value, str):
        return value
    if kind == ColumnKind.COUNT:
        return group_thousands(value)
    if kind == ColumnKind.HOURS:
        return format_hours(value)
    if kind == ColumnKind.EUROS:
        return format_euros(value)
    if kind == ColumnKind.PERCENT:
        return format_percent(value)
    if kind == ColumnKind.DATE and isinstance(value, date):
        return format_date(value)
    return str(value)
