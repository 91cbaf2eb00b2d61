"""Writers turning report tables into downloadable files: CSV, XLSX and PDF.

- CSV follows what French spreadsheet users open by double-click: UTF-8 with a byte-order mark
  (without it Excel reads the accents as Latin-1), ";" as separator, "," as decimal mark, dates
  "23/11/2026". Several tables follow one another, each under its title, a blank line between.
- XLSX keeps numbers as numbers (one sheet per table, bold header row, number formats), so the
  figures can be summed again; a withheld count ("< 5") stays text.
- PDF (reportlab) is the printable bilan: a title, facts, paragraphs, tables and charts drawn
  from the same layout as the SVG on the page, with page numbers and the date of edition.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from xml.sax.saxutils import escape

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from reportlab.graphics.shapes import Drawing, Group, String
from reportlab.graphics.shapes import Rect as PdfRect
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import cm
from reportlab.lib.utils import simpleSplit
from reportlab.platypus import ListFlowable, LongTable, Paragraph, SimpleDocTemplate, Spacer, TableStyle

from ui.charts import TEXT, Chart, Rect, layout
from ui.formatting import format_date
from ui.tables import Cell, ColumnKind, ReportTable, is_withheld

CSV_BOM = "\ufeff"

XLSX_FORMATS = {
    ColumnKind.COUNT: "#,##0",
    ColumnKind.HOURS: "#,##0.##",
    ColumnKind.EUROS: '#,##0 "€"',
    ColumnKind.PERCENT: "0.0%",
    ColumnKind.DATE: "DD/MM/YYYY",
}


def csv_cell(value: Cell) -> str:
    """One CSV cell: French decimal comma, day/month/year dates, no thousands separator."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("oui") if value else _("non")
    if isinstance(value, Decimal):
        return f"{value.normalize():f}".replace(".", ",")
    if isinstance(value, int | float):
        return str(value).replace(".", ",")
    if isinstance(value, date):
        return format_date(value)
    return str(value)


def to_csv(tables: Sequence[ReportTable]) -> bytes:
    buffer = io.StringIO()
    buffer.write(CSV_BOM)
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    for index, table in enumerate(tables):
        if index:
            writer.writerow([])
        writer.writerow([table.title])
        writer.writerow([column.label for column in table.columns])
        writer.writerows([csv_cell(value) for value in row] for row in table.rows)
    return buffer.getvalue().encode("utf-8")


def _sheet_title(title: str, taken: set[str]) -> str:
    """Excel sheet names: at most 31 characters, none of []:*?/\\, unique in the workbook."""
    cleaned = "".join(" " if char in "[]:*?/\\" else char for char in title).strip() or _("Tableau")
    candidate, number = cleaned[:31], 2
    while candidate.lower() in taken:
        suffix = f" ({number})"
        candidate, number = cleaned[: 31 - len(suffix)] + suffix, number + 1
    taken.add(candidate.lower())
    return candidate


def to_xlsx(tables: Sequence[ReportTable]) -> bytes:
    workbook = Workbook()
    workbook.remove(workbook.active)
    taken: set[str] = set()
    for table in tables:
        sheet = workbook.create_sheet(_sheet_title(table.title, taken))
        sheet.append([column.label for column in table.columns])
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in table.rows:
            sheet.append(
                [
                    float(value) / 100
                    if column.kind == ColumnKind.PERCENT and not is_withheld(value) and value is not None
                    else float(value)
                    if isinstance(value, Decimal)
                    else value
                    for value, column in zip(row, table.columns, strict=True)
                ]
            )
        for position, column in enumerate(table.columns, start=1):
            letter = get_column_letter(position)
            sheet.column_dimensions[letter].width = max(12, min(60, len(column.label) + 4))
            number_format = XLSX_FORMATS.get(column.kind)
            if number_format:
                for (cell,) in sheet.iter_rows(min_row=2, min_col=position, max_col=position):
                    cell.number_format = number_format
        sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# --- PDF ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Heading:
    text: str


@dataclass(frozen=True)
class Prose:
    text: str


@dataclass(frozen=True)
class Bullets:
    items: tuple[str, ...]


@dataclass(frozen=True)
class Facts:
    """Label / value pairs ("Donneur d'ordre : Communauté urbaine de Bordeaux")."""

    pairs: tuple[tuple[str, str], ...]


Block = Heading | Prose | Bullets | Facts | ReportTable | Chart

GRID = colors.HexColor("#dddddd")
HEADER_BACKGROUND = colors.HexColor("#f6f6f6")


def chart_drawing(chart: Chart, width: float) -> Drawing:
    """The chart's layout drawn with reportlab graphics, scaled to `width` points."""
    drawn = layout(chart)
    scale = width / drawn.width
    group = Group()
    for shape in drawn.shapes:
        if isinstance(shape, Rect):
            group.add(
                PdfRect(
                    shape.x,
                    drawn.height - shape.y - shape.height,
                    shape.width,
                    shape.height,
                    fillColor=colors.HexColor(shape.fill),
                    strokeColor=None,
                )
            )
        else:
            group.add(
                String(
                    shape.x,
                    drawn.height - shape.y,
                    shape.text,
                    textAnchor=shape.anchor,
                    fontName="Helvetica-Bold" if shape.bold else "Helvetica",
                    fontSize=11,
                    fillColor=colors.HexColor(TEXT),
                )
            )
    group.transform = (scale, 0, 0, scale, 0, 0)
    drawing = Drawing(width, drawn.height * scale)
    drawing.add(group)
    return drawing


NUMBER_WIDTH = 1.6 * cm


def column_widths(table: ReportTable, width: float) -> list[float]:
    """Fixed widths (figures narrow, text sharing the rest): reportlab then skips measuring every
    cell, which is most of the time a long table takes."""
    numeric = sum(column.is_numeric for column in table.columns)
    text = len(table.columns) - numeric
    text_width = max(NUMBER_WIDTH, (width - numeric * NUMBER_WIDTH) / text) if text else NUMBER_WIDTH
    number_width = NUMBER_WIDTH if text else width / numeric
    return [number_width if column.is_numeric else text_width for column in table.columns]


CELL_FONT_SIZE = 8
CELL_PADDING = 6


def _pdf_table(table: ReportTable, styles, width: float) -> list:
    """Body cells are plain strings wrapped beforehand (`simpleSplit`): a Paragraph per cell
    costs ten times more, and a territory's bilan has thousands of cells."""
    widths = column_widths(table, width)
    cell_style = styles["BodyText"].clone("cell", fontSize=CELL_FONT_SIZE, leading=CELL_FONT_SIZE + 2)
    header = [Paragraph(f"<b>{escape(column.label)}</b>", cell_style) for column in table.columns]
    body = [
        [
            "\n".join(simpleSplit(cell.text, "Helvetica", CELL_FONT_SIZE, column_width - CELL_PADDING))
            for cell, column_width in zip(row, widths, strict=True)
        ]
        for row in table.display_rows()
    ]
    grid = LongTable([header, *body], colWidths=widths, repeatRows=1, hAlign="LEFT")
    commands = [
        ("GRID", (0, 0), (-1, -1), 0.5, GRID),
        ("BACKGROUND", (0, 0), (-1, 0), HEADER_BACKGROUND),
        ("FONTSIZE", (0, 0), (-1, -1), CELL_FONT_SIZE),
        ("LEADING", (0, 0), (-1, -1), CELL_FONT_SIZE + 2),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ]
    for position, column in enumerate(table.columns):
        if column.is_numeric:
            commands.append(("ALIGN", (position, 0), (position, -1), "RIGHT"))
    grid.setStyle(TableStyle(commands))
    return [Paragraph(escape(table.title), styles["Heading4"]), grid, Spacer(1, 0.4 * cm)]


def _flowables(blocks: Iterable[Block], styles, width: float) -> list:
    flowables: list = []
    for block in blocks:
        if isinstance(block, Heading):
            flowables.append(Paragraph(escape(block.text), styles["Heading2"]))
        elif isinstance(block, Prose):
            flowables.append(Paragraph(escape(block.text), styles["BodyText"]))
        elif isinstance(block, Bullets):
            items = [Paragraph(escape(item), styles["BodyText"]) for item in block.items]
            flowables.append(ListFlowable(items, bulletType="bullet", start="•", leftIndent=12))
        elif isinstance(block, Facts):
            flowables.extend(
                Paragraph(f"<b>{escape(label)} :</b> {escape(value)}", styles["BodyText"])
                for label, value in block.pairs
            )
        elif isinstance(block, ReportTable):
            flowables.extend(_pdf_table(block, styles, width))
        else:
            flowables.extend(
                [Paragraph(escape(block.title), styles["Heading4"]), chart_drawing(block, width)]
            )
            flowables.append(Spacer(1, 0.3 * cm))
    return flowables


def to_pdf(*, title: str, blocks: Sequence[Block], edited_on: date | None = None) -> bytes:
    """An A4 document: `title`, then each block in order; every page is numbered and dated."""
    edited_on = edited_on or timezone.localdate()
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        title=title,
        author="Clausier",
        leftMargin=2 * cm,
        rightMargin=2 * cm,
        topMargin=2 * cm,
        bottomMargin=2 * cm,
    )
    footer = _("Clausier — édité le %(date)s") % {"date": format_date(edited_on)}

    def number_page(canvas, doc) -> None:
        canvas.saveState()
        canvas.setFont("Helvetica", 8)
        canvas.drawString(2 * cm, 1.2 * cm, footer)
        canvas.drawRightString(A4[0] - 2 * cm, 1.2 * cm, _("Page %(number)d") % {"number": doc.page})
        canvas.restoreState()

    styles = getSampleStyleSheet()
    story = [Paragraph(escape(title), styles["Title"]), *_flowables(blocks, styles, document.width)]
    document.build(story, onFirstPage=number_page, onLaterPages=number_page)
    return buffer.getvalue()
