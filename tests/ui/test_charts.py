from decimal import Decimal

import pytest
from lxml import etree

from ui.charts import (
    BAR_AREA,
    PRIMARY,
    SECONDARY,
    SVG_NS,
    TEXT,
    BarChart,
    PairedBarChart,
    Rect,
    contrast_ratio,
    layout,
)
from ui.tables import ColumnKind

pytestmark = pytest.mark.no_django_db

NBSP = "\xa0"
NS = {"svg": SVG_NS}


def gender_chart(**overrides) -> BarChart:
    values = {
        "slug": "by-gender",
        "title": "Personnes par sexe",
        "description": "Nombre de personnes bénéficiaires par sexe.",
        "bars": (("Femmes", 20), ("Hommes", 10)),
    }
    return BarChart(**(values | overrides))


def hours_chart() -> PairedBarChart:
    return PairedBarChart(
        slug="hours",
        title="Heures prévues et réalisées",
        description="Heures d'insertion par lot.",
        groups=(("Lot 1", 385, 393), ("Lot 2", 700, Decimal("570"))),
    )


def parse(svg: str) -> etree._Element:
    return etree.fromstring(svg.encode())


def bars(chart) -> list[Rect]:
    return [shape for shape in layout(chart).shapes if isinstance(shape, Rect) and shape.height > 12]


def test_svg_is_well_formed_xml_named_by_its_title_and_described_by_its_description():
    root = parse(gender_chart().svg())
    assert root.tag == f"{{{SVG_NS}}}svg"
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "by-gender-title"
    assert root.get("aria-describedby") == "by-gender-desc"
    assert root.find("svg:title", NS).get("id") == "by-gender-title"
    assert root.find("svg:title", NS).text == "Personnes par sexe"
    assert root.find("svg:desc", NS).text == "Nombre de personnes bénéficiaires par sexe."


def test_bar_lengths_are_proportional_to_values():
    first, second = bars(gender_chart())
    assert first.width == pytest.approx(BAR_AREA)
    assert second.width == pytest.approx(BAR_AREA / 2)


def test_paired_bars_share_one_scale():
    planned_1, realised_1, planned_2, realised_2 = bars(hours_chart())
    assert planned_2.width == pytest.approx(BAR_AREA)
    assert planned_1.width / planned_2.width == pytest.approx(385 / 700)
    assert realised_2.width / planned_2.width == pytest.approx(570 / 700)
    assert (planned_1.fill, realised_1.fill) == (SECONDARY, PRIMARY)


def test_values_are_written_as_french_figures_beside_bars():
    texts = [text.text for text in parse(hours_chart().svg()).iter(f"{{{SVG_NS}}}text")]
    assert f"Heures prévues : 385{NBSP}h" in texts
    assert f"Heures réalisées : 570{NBSP}h" in texts
    big = parse(gender_chart(bars=(("Total", 4630),), value_kind=ColumnKind.HOURS).svg())
    assert f"4{NBSP}630{NBSP}h" in [text.text for text in big.iter(f"{{{SVG_NS}}}text")]


def test_labels_are_escaped():
    chart = gender_chart(title="<script>alert(1)</script>", bars=(("A & B <i>", 3),))
    svg = chart.svg()
    assert "<script>" not in svg
    assert "&lt;script&gt;" in svg
    assert "A &amp; B &lt;i&gt;" in svg
    parse(svg)


def test_withheld_and_zero_values_draw_no_bar_but_keep_their_text():
    chart = gender_chart(bars=(("Femmes", "< 5"), ("Hommes", 0)))
    assert [bar.width for bar in bars(chart)] == [0, 0]
    texts = [text.text for text in parse(chart.svg()).iter(f"{{{SVG_NS}}}text")]
    assert "< 5" in texts


def test_long_labels_are_shortened_in_the_chart_but_whole_in_its_table():
    label = "Demandeur d'emploi de longue durée inscrit depuis plus de douze mois"
    chart = gender_chart(bars=((label, 7),))
    texts = [text.text for text in parse(chart.svg()).iter(f"{{{SVG_NS}}}text")]
    assert label not in texts
    assert any(text.endswith("…") for text in texts)
    assert chart.table().rows == ((label, 7),)


@pytest.mark.parametrize("colour", [PRIMARY, SECONDARY])
def test_bar_colours_contrast_at_least_three_to_one_with_the_background(colour):
    assert contrast_ratio(colour) >= 3


def test_text_colour_contrasts_at_least_four_and_a_half_to_one():
    assert contrast_ratio(TEXT) >= 4.5


def test_chart_table_holds_the_same_figures_with_headings():
    table = hours_chart().table()
    assert [column.label for column in table.columns] == ["Catégorie", "Heures prévues", "Heures réalisées"]
    assert table.rows == (("Lot 1", 385, 393), ("Lot 2", 700, Decimal("570")))
