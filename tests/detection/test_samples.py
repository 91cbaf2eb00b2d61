"""Real public notices (shared samples) that state no social consideration in their texts.

Read from the `shared` folder beside the repository, never copied into it; skipped when absent.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from detection.detect import detect_text

pytestmark = pytest.mark.no_django_db

SAMPLES = Path(__file__).resolve().parents[3] / "shared" / "samples"


@pytest.mark.parametrize(
    "name",
    [
        "eforms/ted_2024-OJS017-00047522_FRA_cn.xml",  # the OETH sentence, no social code
        "boamp/boamp-v230_16-186063_logements-sociaux.xml",  # "logements sociaux" as the object
        "boamp/boamp-v230_16-186394_paris.xml",  # "se réserve la possibilité", environmental flag only
    ],
)
def test_real_notice_without_social_consideration_yields_none_from_its_texts(name: str):
    path = SAMPLES / name
    if not path.is_file():
        pytest.skip(f"{path} is not present")
    tree = etree.parse(str(path))
    texts = [text.strip() for text in tree.xpath("//text()") if text.strip()]

    assert [c.as_dict() for text in texts for c in detect_text(text)] == []
