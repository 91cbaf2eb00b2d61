from datetime import date
from decimal import Decimal

import pytest
from django.template.loader import render_to_string
from lxml import html

from ui.charts import BarChart
from ui.tables import Column, ColumnKind, ReportTable, format_cell

NBSP = "\xa0"


def hours_table() -> ReportTable:
    return ReportTable(
        title="Heures par contrat",
        columns=(
            Column("Contrat"),
            Column("Heures", ColumnKind.HOURS),
            Column("Personnes", ColumnKind.COUNT),
        ),
        rows=(("Lot 1", Decimal("393.5"), 2), ("Lot 2 <b>", 570, "< 5")),
    )


@pytest.mark.no_django_db
@pytest.mark.parametrize(
    ("value", "kind", "expected"),
    [
        (1200, ColumnKind.COUNT, f"1{NBSP}200"),
        (Decimal("12.5"), ColumnKind.HOURS, f"12,5{NBSP}h"),
        (1000000, ColumnKind.EUROS, f"1{NBSP}000{NBSP}000{NBSP}€"),
        (Decimal("128.6"), ColumnKind.PERCENT, f"128,6{NBSP}%"),
        (date(2010, 7, 1), ColumnKind.DATE, "01/07/2010"),
        ("< 5", ColumnKind.COUNT, "< 5"),
        (None, ColumnKind.HOURS, "—"),
    ],
)
def test_cells_are_formatted_the_french_way(value, kind, expected):
    assert format_cell(value, kind) == expected


@pytest.mark.no_django_db
def test_rows_must_have_one_cell_per_column():
    with pytest.raises(ValueError, match="needs 2 cells"):
        ReportTable(title="T", columns=(Column("A"), Column("B")), rows=(("x",),))


def test_table_include_renders_a_dsfr_table_with_caption_and_scoped_headers():
    markup = render_to_string("ui/table.html", {"table": hours_table()})
    document = html.fromstring(markup)
    assert "#}" not in markup
    assert document.xpath("//table/caption")[0].text_content().strip() == "Heures par contrat"
    assert {th.get("scope") for th in document.xpath("//thead//th")} == {"col"}
    assert [th.text_content() for th in document.xpath("//tbody//th[@scope='row']")] == ["Lot 1", "Lot 2 <b>"]
    assert "Lot 2 &lt;b&gt;" in markup
    assert [td.text_content() for td in document.xpath("//tbody/tr[1]/td")] == [f"393,5{NBSP}h", "2"]
    assert document.xpath("//tbody/tr[2]/td")[1].text_content() == "< 5"


def test_every_chart_is_rendered_with_its_data_table():
    chart = BarChart(
        slug="gender", title="Personnes par sexe", description="Par sexe.", bars=(("Femmes", 3),)
    )
    document = html.fromstring(render_to_string("ui/chart_with_table.html", {"chart": chart}))
    assert document.xpath("//figure/*[local-name()='svg'][@role='img']")
    assert document.xpath("//figure/figcaption")[0].text_content() == "Par sexe."
    assert document.xpath("//table/caption")[0].text_content().strip() == "Personnes par sexe"
