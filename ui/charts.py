"""Accessible bar charts drawn on the server, with no JavaScript.

A chart is data (`BarChart`, `PairedBarChart`); `layout()` turns it into positioned rectangles
and texts once, and each medium draws that layout: `render_svg()` here for pages, the PDF writer
in `ui/exports.py` with reportlab graphics. The SVG is built with lxml, so every label is escaped
and the markup is always well-formed XML.

Accessibility (RGAA 1.1, 1.3 and 3.3; WCAG 1.4.11): the SVG has `role="img"`, is named by its
own `<title>` and described by its `<desc>`; every value is written as text next to its bar (colour is never
the only carrier of meaning); bar colours from the DSFR palette reach at least 3:1 against the
white background; and every chart is shown beside a data table holding the same figures
(`chart.table()`, rendered by the `ui/chart_with_table.html` include).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from lxml import etree

from ui.tables import Cell, Column, ColumnKind, ReportTable, format_cell, is_withheld

SVG_NS = "http://www.w3.org/2000/svg"

# DSFR palette: blue-france-sun-113 (main series), blue-france-main-525 (second series),
# grey-50-1000 (text). Both bar colours are >= 3:1 against white (tested).
PRIMARY = "#000091"
SECONDARY = "#6a6af4"
TEXT = "#161616"
BACKGROUND = "#ffffff"

WIDTH = 720
LABEL_WIDTH = 240
VALUE_WIDTH = 200
BAR_AREA = WIDTH - LABEL_WIDTH - VALUE_WIDTH
ROW_HEIGHT = 28
BAR_HEIGHT = 18
PAIR_BAR_HEIGHT = 14
TOP = 12
LEGEND_HEIGHT = 26
FONT_SIZE = 12
LABEL_MAX_CHARS = 32


@dataclass(frozen=True)
class BarChart:
    """One value per category, drawn as horizontal bars (people by gender, hours by modality)."""

    slug: str
    title: str
    description: str
    bars: tuple[tuple[str, Cell], ...]
    value_kind: ColumnKind = ColumnKind.COUNT
    label_heading: str = ""
    value_heading: str = ""

    def table(self) -> ReportTable:
        return ReportTable(
            title=self.title,
            columns=(
                Column(self.label_heading or _("Catégorie")),
                Column(self.value_heading or _("Valeur"), self.value_kind),
            ),
            rows=tuple((label, value) for label, value in self.bars),
        )

    def svg(self) -> SafeString:
        return render_svg(self)


@dataclass(frozen=True)
class PairedBarChart:
    """Two values per category side by side: planned vs realised hours, per contract or company."""

    slug: str
    title: str
    description: str
    groups: tuple[tuple[str, Cell, Cell], ...]
    series: tuple[str, str] = ("", "")
    value_kind: ColumnKind = ColumnKind.HOURS
    label_heading: str = ""

    @property
    def series_labels(self) -> tuple[str, str]:
        first, second = self.series
        return (first or _("Heures prévues"), second or _("Heures réalisées"))

    def table(self) -> ReportTable:
        first, second = self.series_labels
        return ReportTable(
            title=self.title,
            columns=(
                Column(self.label_heading or _("Catégorie")),
                Column(first, self.value_kind),
                Column(second, self.value_kind),
            ),
            rows=tuple(self.groups),
        )

    def svg(self) -> SafeString:
        return render_svg(self)


Chart = BarChart | PairedBarChart


@dataclass(frozen=True)
class Rect:
    x: float
    y: float
    width: float
    height: float
    fill: str


@dataclass(frozen=True)
class Text:
    x: float
    y: float
    text: str
    anchor: str = "start"
    bold: bool = False


@dataclass(frozen=True)
class Layout:
    """Shapes in SVG coordinates: origin at the top left, y growing downwards."""

    width: float
    height: float
    shapes: tuple[Rect | Text, ...]


def _number(value: Cell) -> float:
    if value is None or is_withheld(value) or not isinstance(value, int | float | Decimal):
        return 0.0
    return max(float(value), 0.0)


def _short(label: str) -> str:
    return label if len(label) <= LABEL_MAX_CHARS else label[: LABEL_MAX_CHARS - 1] + "…"


def _bar(y: float, height: float, value: Cell, scale: float, fill: str, kind: ColumnKind, prefix: str):
    width = _number(value) * scale
    text = format_cell(value, kind)
    return (
        Rect(LABEL_WIDTH, y, width, height, fill),
        Text(LABEL_WIDTH + width + 6, y + height - 3, f"{prefix}{text}"),
    )


def _scale(values: list[Cell]) -> float:
    largest = max((_number(value) for value in values), default=0.0)
    return BAR_AREA / largest if largest else 0.0


def layout(chart: Chart) -> Layout:
    """Positions of every bar and text. Bar lengths are proportional to the values, the
    largest filling the bar area; withheld or missing values draw no bar but keep their text."""
    if isinstance(chart, BarChart):
        return _layout_bars(chart)
    return _layout_pairs(chart)


def _layout_bars(chart: BarChart) -> Layout:
    scale = _scale([value for _label, value in chart.bars])
    shapes: list[Rect | Text] = []
    for index, (label, value) in enumerate(chart.bars):
        y = TOP + index * ROW_HEIGHT
        shapes.append(Text(LABEL_WIDTH - 8, y + BAR_HEIGHT - 4, _short(label), anchor="end"))
        shapes.extend(_bar(y, BAR_HEIGHT, value, scale, PRIMARY, chart.value_kind, ""))
    height = TOP * 2 + max(len(chart.bars), 1) * ROW_HEIGHT
    return Layout(WIDTH, height, tuple(shapes))


def _layout_pairs(chart: PairedBarChart) -> Layout:
    scale = _scale([value for _label, *values in chart.groups for value in values])
    first, second = chart.series_labels
    shapes: list[Rect | Text] = [
        Rect(LABEL_WIDTH, TOP, 12, 12, SECONDARY),
        Text(LABEL_WIDTH + 18, TOP + 11, first),
        Rect(LABEL_WIDTH + 200, TOP, 12, 12, PRIMARY),
        Text(LABEL_WIDTH + 218, TOP + 11, second),
    ]
    group_height = 2 * PAIR_BAR_HEIGHT + 14
    for index, (label, planned, realised) in enumerate(chart.groups):
        y = TOP + LEGEND_HEIGHT + index * group_height
        shapes.append(Text(LABEL_WIDTH - 8, y + PAIR_BAR_HEIGHT + 4, _short(label), anchor="end", bold=True))
        shapes.extend(_bar(y, PAIR_BAR_HEIGHT, planned, scale, SECONDARY, chart.value_kind, f"{first} : "))
        shapes.extend(
            _bar(
                y + PAIR_BAR_HEIGHT + 2,
                PAIR_BAR_HEIGHT,
                realised,
                scale,
                PRIMARY,
                chart.value_kind,
                f"{second} : ",
            )
        )
    height = TOP * 2 + LEGEND_HEIGHT + max(len(chart.groups), 1) * group_height
    return Layout(WIDTH, height, tuple(shapes))


def _element(parent, tag: str, **attributes) -> etree._Element:
    return etree.SubElement(
        parent, f"{{{SVG_NS}}}{tag}", {k.replace("_", "-"): str(v) for k, v in attributes.items()}
    )


def render_svg(chart: Chart) -> SafeString:
    """The chart as inline SVG markup, named by its title and described by its description."""
    drawing = layout(chart)
    title_id, desc_id = f"{chart.slug}-title", f"{chart.slug}-desc"
    root = etree.Element(
        f"{{{SVG_NS}}}svg",
        {
            "viewBox": f"0 0 {drawing.width:g} {drawing.height:g}",
            "width": "100%",
            "style": f"max-width: {drawing.width:g}px",
            "role": "img",
            "aria-labelledby": title_id,
            "aria-describedby": desc_id,
            "class": "clausier-chart",
            "font-family": "Marianne, arial, sans-serif",
            "font-size": str(FONT_SIZE),
        },
        nsmap={None: SVG_NS},
    )
    _element(root, "title", id=title_id).text = chart.title
    _element(root, "desc", id=desc_id).text = chart.description
    _element(root, "rect", x=0, y=0, width=drawing.width, height=drawing.height, fill=BACKGROUND)
    for shape in drawing.shapes:
        if isinstance(shape, Rect):
            _element(
                root,
                "rect",
                x=f"{shape.x:g}",
                y=f"{shape.y:g}",
                width=f"{shape.width:.2f}",
                height=f"{shape.height:g}",
                fill=shape.fill,
            )
        else:
            text = _element(
                root,
                "text",
                x=f"{shape.x:.2f}",
                y=f"{shape.y:g}",
                fill=TEXT,
                text_anchor=shape.anchor,
                font_weight="bold" if shape.bold else "normal",
            )
            text.text = shape.text
    return mark_safe(etree.tostring(root, encoding="unicode"))  # built and escaped by lxml


def contrast_ratio(foreground: str, background: str = BACKGROUND) -> float:
    """WCAG 2.1 contrast ratio between two "#rrggbb" colours."""

    def luminance(colour: str) -> float:
        channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    lighter, darker = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)
