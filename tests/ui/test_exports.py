import csv
import io
from datetime import date
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from tests.ui.pdf import pdf_pages, pdf_text
from ui.charts import PairedBarChart
from ui.exports import Bullets, Facts, Heading, Prose, to_csv, to_pdf, to_xlsx
from ui.tables import Column, ColumnKind, ReportTable

pytestmark = pytest.mark.no_django_db

NBSP = "\xa0"


def tables() -> list[ReportTable]:
    return [
        ReportTable(
            title="Heures par contrat",
            columns=(
                Column("Contrat"),
                Column("Heures prévues", ColumnKind.HOURS),
                Column("Heures réalisées", ColumnKind.HOURS),
                Column("Taux", ColumnKind.PERCENT),
                Column("Notifié le", ColumnKind.DATE),
                Column("Montant", ColumnKind.EUROS),
            ),
            rows=(
                ("Lot 1", Decimal("385.00"), Decimal("393.50"), Decimal("102.2"), date(2010, 7, 1), 220000),
            ),
        ),
        ReportTable(
            title="Personnes par sexe",
            columns=(Column("Sexe"), Column("Personnes", ColumnKind.COUNT)),
            rows=(("Femmes", 12), ("Hommes", "< 5")),
        ),
    ]


def test_csv_starts_with_a_bom_and_uses_semicolons_and_decimal_commas():
    data = to_csv(tables())
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == ["Heures par contrat"]
    assert rows[1][:3] == ["Contrat", "Heures prévues", "Heures réalisées"]
    assert rows[2] == ["Lot 1", "385", "393,5", "102,2", "01/07/2010", "220000"]
    assert rows[3] == []
    assert rows[4:] == [["Personnes par sexe"], ["Sexe", "Personnes"], ["Femmes", "12"], ["Hommes", "< 5"]]


def test_xlsx_has_one_sheet_per_table_with_bold_headers_and_typed_numbers():
    workbook = load_workbook(io.BytesIO(to_xlsx(tables())))
    assert workbook.sheetnames == ["Heures par contrat", "Personnes par sexe"]
    sheet = workbook["Heures par contrat"]
    assert sheet["A1"].value == "Contrat"
    assert sheet["A1"].font.bold
    assert [sheet.cell(2, column).value for column in (2, 3)] == [385, 393.5]
    assert sheet["D2"].value == pytest.approx(1.022)
    assert sheet["D2"].number_format == "0.0%"
    assert sheet["E2"].value.date() == date(2010, 7, 1)
    assert workbook["Personnes par sexe"]["B3"].value == "< 5"


def test_xlsx_sheet_names_are_cut_cleaned_and_unique():
    long = "Personnes par catégorie de public / situation à l'entrée"
    same = [ReportTable(title=long, columns=(Column("A"),), rows=()) for _ in range(2)]
    names = load_workbook(io.BytesIO(to_xlsx(same))).sheetnames
    assert all(len(name) <= 31 and "/" not in name for name in names)
    assert len(set(names)) == 2


def test_pdf_holds_title_blocks_figures_chart_and_page_numbers():
    chart = PairedBarChart(
        slug="hours",
        title="Heures prévues et réalisées",
        description="Par lot.",
        groups=(("Lot 1", 385, 393),),
    )
    data = to_pdf(
        title="Bilan de la clause",
        blocks=[
            Heading("Le marché"),
            Facts((("Donneur d'ordre", "Conseil général de la Gironde"),)),
            Prose("Mutualisation des heures avec d'autres marchés en cours."),
            Bullets(("Partenariat avec Pôle Emploi",)),
            *tables(),
            chart,
        ],
        edited_on=date(2026, 11, 25),
    )
    assert data.startswith(b"%PDF-")
    assert data.rstrip().endswith(b"%%EOF")
    assert pdf_pages(data) == 1
    text = pdf_text(data)
    for expected in (
        "Bilan de la clause",
        "Conseil général de la Gironde",
        "Partenariat avec Pôle Emploi",
        f"393,5{NBSP}h",
        f"220{NBSP}000{NBSP}€",
        "01/07/2010",
        f"Heures réalisées : 393{NBSP}h",
        "Clausier — édité le 25/11/2026",
        "Page 1",
    ):
        assert expected.replace(NBSP, " ") in text.replace(NBSP, " ")
