"""Property tests: whatever the bytes or the field values, every parser yields records or named
rejections and never raises."""

import gzip
import io
import json
import tempfile
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sources import boamp, decp, eforms, ocds
from sources.detect import detect_format
from sources.reader import iter_path, parse_document
from sources.reasons import Reason
from sources.records import NoticeRecord, Rejection
from tests.samples import sample_bytes

pytestmark = pytest.mark.no_django_db

REASONS = {reason.value for reason in Reason}
FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

PARSERS = {
    "eforms": lambda data: eforms.parse(data, "p"),
    "boamp-json": lambda data: boamp.parse_json(data, "p"),
    "boamp-xml": lambda data: boamp.parse_xml(data, "p"),
    "ocds": lambda data: ocds.parse(data, "p"),
    "decp-json": lambda data: decp.parse_json(lambda: io.BytesIO(data), "p"),
    "decp-xml": lambda data: decp.parse_xml(lambda: io.BytesIO(data), "p"),
    "auto": lambda data: parse_document(lambda: io.BytesIO(data), "p"),
}

SAMPLES = {
    "eforms": "eforms/ted_2024-OJS017-00047522_FRA_cn.xml",
    "boamp-json": "boamp/boamp-ods_26-7113.json",
    "boamp-xml": "boamp/boamp-v230_16-186394_paris.xml",
    "ocds": "ocds/ocds_from-eforms_106286-2024_release.json",
    "decp-json": "decp/decp-2022_decp-processing_test.json",
    "decp-xml": "decp/decp-2019_e-marchespublics_extract.json",
    "auto": "eforms/sdk_cn_24_maximal.xml",
}

JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=12,
)


def assert_only_results(results) -> list:
    results = list(results)
    for result in results:
        assert isinstance(result, (NoticeRecord, Rejection))
        if isinstance(result, Rejection):
            assert result.reason in REASONS
    return results


@pytest.mark.parametrize("parser", sorted(PARSERS))
@FAST
@given(data=st.binary(max_size=3000))
def test_arbitrary_bytes_never_raise(parser, data):
    assert_only_results(PARSERS[parser](data))
    detect_format(data)


@pytest.mark.parametrize("parser", sorted(PARSERS))
@FAST
@given(
    edits=st.lists(st.tuples(st.floats(0, 1), st.binary(max_size=8)), min_size=1, max_size=6),
    cut=st.floats(0, 1),
)
def test_mutated_samples_never_raise(parser, edits, cut):
    data = bytearray(sample_bytes(SAMPLES[parser]))
    for position, replacement in edits:
        start = int(position * (len(data) - 1))
        data[start : start + len(replacement)] = replacement
    if cut < 0.3:
        data = data[: int(len(data) * cut / 0.3)]
    assert_only_results(PARSERS[parser](bytes(data)))


DECP_KEYS = ["id", "acheteur", "objet", "montant", "dureeMois", "codeCPV", "lieuExecution", "titulaires",
             "modifications", "considerationsSociales", "dateNotification"]  # fmt: skip


@FAST
@given(key=st.sampled_from(DECP_KEYS), value=JSON_VALUES)
def test_decp_record_with_any_value_in_any_field_is_a_record_or_a_named_rejection(key, value):
    contract = {"id": "1", "acheteur": {"id": "21690123100011"}, "objet": "Travaux", key: value}
    data = json.dumps({"marches": [contract, {**contract, key: "ok", "id": "2"}]}).encode()
    results = assert_only_results(decp.parse_json(lambda: io.BytesIO(data), "p"))
    assert len(results) == 2


BOAMP_KEYS = ["idweb", "objet", "nomacheteur", "criteres", "donnees", "gestion", "code_departement",
              "dateparution", "datelimitereponse", "nature"]  # fmt: skip


@FAST
@given(key=st.sampled_from(BOAMP_KEYS), value=JSON_VALUES)
def test_boamp_record_with_any_value_in_any_field_is_a_record_or_a_named_rejection(key, value):
    record = json.loads(sample_bytes("boamp/boamp-ods_26-7113.json"))
    record[key] = value
    (result,) = assert_only_results(boamp.parse_json(json.dumps(record).encode(), "p"))


OCDS_PATHS = ["tender", "buyer", "parties", "awards", "tender.lots", "tender.items", "tender.value"]


@FAST
@given(path=st.sampled_from(OCDS_PATHS), value=JSON_VALUES)
def test_ocds_release_with_any_value_in_any_field_is_a_record_or_a_named_rejection(path, value):
    release = json.loads(sample_bytes("ocds/ocds_from-eforms_106286-2024_release.json"))
    *parents, last = path.split(".")
    target = release
    for parent in parents:
        target = target[parent]
    target[last] = value
    (result,) = assert_only_results(ocds.parse(json.dumps(release).encode(), "p"))


@FAST
@given(
    magic=st.sampled_from([b"PK\x03\x04", b"PK\x05\x06", b"\x1f\x8b\x08\x00"]), data=st.binary(max_size=2000)
)
def test_broken_archives_never_raise(magic, data):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "archive.bin"
        path.write_bytes(magic + data)
        assert_only_results(result for _, result in iter_path(path))


@FAST
@given(cut=st.integers(min_value=0, max_value=4000), flips=st.lists(st.integers(0, 4000), max_size=4))
def test_damaged_real_archives_never_raise(cut, flips):
    raw = io.BytesIO()
    with zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("a.json", sample_bytes("decp/decp-2019_e-marchespublics_extract.json"))
        archive.writestr("b.xml.gz", gzip.compress(sample_bytes("eforms/sdk_pin-cfc-social_24.xml")))
    data = bytearray(raw.getvalue())
    for position in flips:
        data[position % len(data)] ^= 0xFF
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "damaged.zip"
        path.write_bytes(bytes(data[: max(cut, 4)] if cut < len(data) else data))
        assert_only_results(result for _, result in iter_path(path))
