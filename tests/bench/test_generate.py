import io
import itertools
import random

import pytest

from bench.generate import SOCIAL_SHARE, decp_document, eforms_notices, siret
from detection.detect import detect
from referential.siret import is_valid_siret
from sources.reader import parse_document
from sources.records import NoticeRecord

pytestmark = pytest.mark.no_django_db


def _records(documents) -> list[NoticeRecord]:
    results = []
    for document in documents:
        results += parse_document(lambda document=document: io.BytesIO(document), "generated")
    assert all(isinstance(result, NoticeRecord) for result in results), results
    return results


def test_generation_is_deterministic():
    assert list(eforms_notices(5, seed=7)) == list(eforms_notices(5, seed=7))
    assert decp_document(20, seed=7) == decp_document(20, seed=7)
    assert decp_document(20, seed=7) != decp_document(20, seed=8)


def test_generated_sirets_are_valid():
    rng = random.Random(1)
    assert all(is_valid_siret(siret(rng)) for _ in range(200))


@pytest.mark.parametrize(
    "documents", [list(eforms_notices(300)), [decp_document(1000)]], ids=["eforms", "decp"]
)
def test_generated_data_parses_cleanly_with_a_realistic_share_of_social_notices(documents):
    records = _records(documents)
    share = sum(1 for record in records if detect(record)) / len(records)
    assert abs(share - SOCIAL_SHARE) < 0.06
    assert all(record.buyer.siret and record.departements and record.cpv for record in records)


def test_generated_eforms_notices_have_several_lots():
    records = _records(itertools.islice(eforms_notices(50), 50))
    assert max(len(record.lots) for record in records) > 1
