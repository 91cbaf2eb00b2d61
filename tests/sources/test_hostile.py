"""Hostile and broken inputs: each gives a named rejection, never an exception, never a leak."""

import io
import json
from pathlib import Path

import pytest

from sources import boamp, decp, eforms, ocds
from sources.fields import MAX_FIELD_CHARS
from sources.reader import iter_path
from sources.records import NoticeRecord, Rejection
from tests.samples import sample_bytes

pytestmark = pytest.mark.no_django_db

EFORMS_HEAD = (
    b'<ContractNotice xmlns="urn:oasis:names:specification:ubl:schema:xsd:ContractNotice-2" '
    b'xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">'
)


def results_for(tmp_path: Path, name: str, data: bytes) -> list:
    path = tmp_path / name
    path.write_bytes(data)
    return [result for _, result in iter_path(path)]


def single_rejection(tmp_path: Path, data: bytes, name: str = "input.bin") -> Rejection:
    (result,) = results_for(tmp_path, name, data)
    assert isinstance(result, Rejection), result
    return result


def test_external_entity_is_refused_and_the_file_never_read(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-CONTENT")
    data = (
        f'<?xml version="1.0"?><!DOCTYPE ContractNotice [<!ENTITY x SYSTEM "file://{secret}">]>'.encode()
        + EFORMS_HEAD
        + b"<cbc:ID>&x;</cbc:ID></ContractNotice>"
    )
    results = results_for(tmp_path, "xxe.xml", data)
    assert [result.reason for result in results if isinstance(result, Rejection)][0] == "doctype_forbidden"
    assert "TOP-SECRET" not in repr(results)


def test_passwd_entity_never_appears_in_any_output(tmp_path):
    data = b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><r>&x;</r>'
    rejection = single_rejection(tmp_path, data, "passwd.xml")
    assert rejection.reason == "doctype_forbidden"
    assert "root:" not in rejection.message


def test_billion_laughs_is_refused_quickly(tmp_path):
    levels = ['<!ENTITY a0 "lol">'] + [f'<!ENTITY a{i} "{f"&a{i - 1};" * 10}">' for i in range(1, 12)]
    data = f'<?xml version="1.0"?><!DOCTYPE lolz [{"".join(levels)}]>'.encode() + EFORMS_HEAD
    data += b"<cbc:ID>&a11;</cbc:ID></ContractNotice>"
    assert single_rejection(tmp_path, data, "lol.xml").reason == "doctype_forbidden"


def test_doctype_hidden_after_the_first_record_of_a_stream_is_refused():
    data = b"<marches><!DOCTYPE x><marche><id>1</id></marche></marches>"
    results = list(decp.parse_xml(lambda: io.BytesIO(data), "late.xml"))
    assert [result.reason for result in results] == ["xml_malformed"]


def test_plain_doctype_is_refused_in_every_xml_format():
    doctype = b"<!DOCTYPE ANNONCE>"
    annonce = doctype + sample_bytes("boamp/boamp-v230_16-186394_paris.xml").split(b"?>", 1)[1]
    (result,) = boamp.parse_xml(annonce, "x.xml")
    assert result.reason == "doctype_forbidden"
    notice = sample_bytes("eforms/sdk_pin-cfc-social_24.xml").replace(b"?>", b"?><!DOCTYPE x>", 1)
    (result,) = eforms.parse(notice, "x.xml")
    assert result.reason == "doctype_forbidden"


def test_truncated_xml_is_malformed_with_lxml_message():
    data = sample_bytes("eforms/sdk_cn_24_FRA_comments.xml")[:5000]
    (result,) = eforms.parse(data, "cut.xml")
    assert result.reason == "xml_malformed"
    assert "line" in result.message


def test_latin1_bytes_declared_utf8_are_an_encoding_error():
    data = '<?xml version="1.0" encoding="UTF-8"?><ANNONCE><DONNEES>Société</DONNEES></ANNONCE>'.encode(
        "latin-1"
    )
    (result,) = boamp.parse_xml(data, "latin.xml")
    assert result.reason == "xml_encoding"


def test_utf16_without_bom_is_an_encoding_error(tmp_path):
    data = "<marches><marche><id>1</id></marche></marches>".encode("utf-16-le")
    assert single_rejection(tmp_path, data, "utf16.xml").reason == "xml_encoding"


def test_invalid_json_is_named(tmp_path):
    assert single_rejection(tmp_path, b"{not json at all", "bad.json").reason == "invalid_json"


def test_truncated_json_document_is_invalid_json():
    data = sample_bytes("ocds/ocds_from-eforms_106286-2024_release.json")[:-300]
    (result,) = ocds.parse(data, "cut.json")
    assert result.reason == "invalid_json"


def test_ten_thousand_nested_arrays_are_too_deep_in_a_document():
    data = b'{"idweb": "1", "objet": ' + b"[" * 10_000 + b"]" * 10_000 + b"}"
    (result,) = boamp.parse_json(data, "deep.json")
    assert result.reason == "too_deep"


def test_ten_thousand_nested_arrays_are_too_deep_in_a_streamed_record(tmp_path):
    nested = "[" * 10_000 + "]" * 10_000
    data = (
        '{"marches": [{"id": "1", "acheteur": {"id": "1"}, "objet": "x", "extra": ' + nested + "}]}"
    ).encode()
    assert single_rejection(tmp_path, data, "deep.json").reason == "too_deep"


def test_huge_field_is_rejected_and_the_next_record_kept(tmp_path):
    huge = {"id": "1", "acheteur": {"id": "21690123100011"}, "objet": "x" * (MAX_FIELD_CHARS + 1)}
    good = {"id": "2", "acheteur": {"id": "21690123100011"}, "objet": "Travaux"}
    results = results_for(tmp_path, "huge.json", json.dumps({"marches": [huge, good]}).encode())
    assert [getattr(result, "reason", None) for result in results] == ["field_too_large", None]


def test_huge_xml_text_field_is_rejected():
    data = sample_bytes("eforms/sdk_pin-cfc-social_24.xml").replace(
        b"Lot description text", b"y" * (MAX_FIELD_CHARS + 1)
    )
    (result,) = eforms.parse(data, "huge.xml")
    assert result.reason == "field_too_large"


@pytest.mark.parametrize(
    ("record", "reason"),
    [
        ({"objet": "Travaux", "nomacheteur": "Ville"}, "missing_identifier"),
        ({"idweb": "26-1", "objet": "Travaux"}, "missing_buyer"),
        ({"idweb": "26-1", "nomacheteur": "Ville"}, "missing_title"),
        ({"idweb": "26-1", "nomacheteur": "Ville", "objet": ["a", "list"]}, "wrong_type"),
        ({"idweb": "26-1", "nomacheteur": "Ville", "objet": "x", "donnees": "{not json"}, "invalid_json"),
        ({"idweb": "26-1", "nomacheteur": "Ville", "objet": "x", "donnees": 12}, "wrong_type"),
    ],
)
def test_boamp_records_missing_required_fields_or_with_wrong_types_are_named(record, reason):
    good = {"idweb": "26-2", "nomacheteur": "Ville", "objet": "Travaux"}
    results = list(boamp.parse_json(json.dumps([record, good]).encode(), "list.json"))
    assert results[0].reason == reason
    assert isinstance(results[1], NoticeRecord)


@pytest.mark.parametrize(
    ("release", "reason"),
    [
        ({"ocid": "o", "buyer": {"name": "B"}, "tender": {"title": "T"}}, "missing_identifier"),
        ({"ocid": "o", "id": "1", "tender": {"title": "T"}}, "missing_buyer"),
        ({"ocid": "o", "id": "1", "buyer": {"name": "B"}}, "missing_title"),
        ({"ocid": "o", "id": "1", "buyer": {"name": "B"}, "tender": "T"}, "wrong_type"),
        (
            {
                "ocid": "o",
                "id": "1",
                "buyer": {"name": "B"},
                "tender": {"title": "T", "value": {"amount": "x"}},
            },
            "wrong_type",
        ),
    ],
)
def test_ocds_releases_with_missing_fields_or_wrong_types_are_named(release, reason):
    good = {"ocid": "o", "id": "2", "buyer": {"name": "B"}, "tender": {"title": "T"}}
    results = list(ocds.parse(json.dumps({"releases": [release, good]}).encode(), "package.json"))
    assert results[0].reason == reason
    assert isinstance(results[1], NoticeRecord)


def test_decp_object_where_text_expected_is_wrong_type():
    data = json.dumps({"marches": [{"id": {"x": 1}, "acheteur": {"id": "1"}, "objet": "x"}]}).encode()
    (result,) = decp.parse_json(lambda: io.BytesIO(data), "t.json")
    assert result.reason == "wrong_type"
