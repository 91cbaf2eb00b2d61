"""Real public notices (shared samples) that state no social consideration in their texts.

Read from the `shared` folder beside the repository, never copied into it; skipped when absent.
"""

from __future__ import annotations

import pytest
from lxml import etree

from detection.detect import detect, detect_text
from detection.enums import Category
from sources.reader import iter_path
from sources.records import NoticeRecord
from tests.samples import sample

pytestmark = pytest.mark.no_django_db


@pytest.mark.parametrize(
    "name",
    [
        "eforms/ted_2024-OJS017-00047522_FRA_cn.xml",  # the OETH sentence, no social code
        "boamp/boamp-v230_16-186063_logements-sociaux.xml",  # "logements sociaux" as the object
        "boamp/boamp-v230_16-186394_paris.xml",  # "se réserve la possibilité", environmental flag only
    ],
)
def test_real_notice_without_social_consideration_yields_none_from_its_texts(name: str):
    path = sample(name)
    tree = etree.parse(str(path))
    texts = [text.strip() for text in tree.xpath("//text()") if text.strip()]

    assert [c.as_dict() for text in texts for c in detect_text(text)] == []


_DIS, _ESS, _OTHER = Category.RESERVED_DISABILITY, Category.RESERVED_ESS, Category.SOCIAL_OTHER
_EXEC, _AWARD = Category.EXECUTION_CONDITION, Category.AWARD_CRITERION


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("boamp/boamp-ods_26-7113.json", {(_OTHER, None)}),
        ("boamp/boamp-ods_26-7319.json", set()),
        ("boamp/boamp-v230_16-186063_logements-sociaux.xml", set()),
        ("boamp/boamp-v230_16-186394_paris.xml", set()),
        ("decp/decp-v2_official-examples_marches_concessions.json", {(_EXEC, None), (_AWARD, None)}),
        ("eforms/sdk_cn_24_FRA_comments.xml", set()),
        ("eforms/sdk_cn_24_maximal.xml", {(_ESS, "LOT-0001"), (_DIS, "LOT-0001"), (_DIS, "LOT-0002")}),
        ("eforms/sdk_pin-cfc-social_24.xml", {(_DIS, "LOT-0001")}),
        ("eforms/ted_106286-2024_NOR_pin-cfc.xml", {(_DIS, "LOT-0000")}),
        ("eforms/ted_2024-OJS017-00047522_FRA_cn.xml", set()),
        ("eforms/ted_650276-2023_ITA_cn.xml", {(_OTHER, "LOT-0001"), (_OTHER, "LOT-0002")}),
        ("ocds/ocds_from-eforms_106286-2024_release.json", {(_DIS, "LOT-0000")}),
    ],
)
def test_records_parsed_from_real_samples_give_the_expected_considerations(name: str, expected: set):
    """Runs the `sources` parsers too: a renamed signal path on either side fails here."""
    path = sample(name)
    found = set()
    for _, record in iter_path(path):
        assert isinstance(record, NoticeRecord), record
        found |= {(consideration.category, consideration.lot_id) for consideration in detect(record)}

    assert found == expected
