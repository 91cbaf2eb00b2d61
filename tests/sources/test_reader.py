import gzip
import io
import json
import os
import zipfile

import pytest

from sources import reader
from sources.reader import iter_path
from sources.records import NoticeRecord, Rejection
from tests.samples import SAMPLES, sample, sample_bytes
from tests.sources.test_decp import DECP_XML
from tests.sources.test_ocds import RELEASE

pytestmark = pytest.mark.no_django_db


def contracts(*ids: str) -> bytes:
    records = [
        {"id": value, "acheteur": {"id": "21690123100011"}, "objet": f"Marché {value}"} for value in ids
    ]
    return json.dumps({"marches": records}).encode()


def outcomes(path) -> list[tuple[str, str]]:
    """(location, source_id or rejection reason) for everything under `path`."""
    return [
        (location, result.source_id if isinstance(result, NoticeRecord) else result.reason)
        for location, result in iter_path(path)
    ]


def test_every_shared_sample_is_read_from_its_folder_without_rejection():
    sample("eforms")
    for folder in ("eforms", "boamp", "decp", "ocds"):
        results = [result for location, result in iter_path(SAMPLES / folder) if not location.endswith(".md")]
        assert results
        assert all(isinstance(result, NoticeRecord) for result in results), folder


def test_format_is_detected_from_content_whatever_the_file_name(tmp_path):
    (tmp_path / "notice.json").write_bytes(sample_bytes("eforms/ted_650276-2023_ITA_cn.xml"))
    (tmp_path / "contracts.xml").write_bytes(contracts("1"))
    assert sorted(result.source.value for _, result in iter_path(tmp_path)) == ["decp", "ted"]


def test_forced_format_is_used(tmp_path):
    path = tmp_path / "a.json"
    path.write_bytes(contracts("1"))
    ((_, result),) = iter_path(path, format="ocds")
    assert result.reason == "unsupported_document"


def test_gzip_file_is_streamed(tmp_path):
    path = tmp_path / "decp.json.gz"
    path.write_bytes(gzip.compress(contracts("1", "2")))
    assert outcomes(path) == [(str(path), "21690123100011/1"), (str(path), "21690123100011/2")]


def test_zip_members_are_read_with_their_location(tmp_path):
    path = tmp_path / "bundle.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("dir/decp.json", contracts("1"))
        archive.writestr("notice.xml", sample_bytes("eforms/sdk_pin-cfc-social_24.xml"))
        archive.writestr("decp.json.gz", gzip.compress(contracts("2")))
        archive.writestr("readme.txt", b"hello")
    assert outcomes(path) == [
        (f"{path}!dir/decp.json", "21690123100011/1"),
        (f"{path}!notice.xml", "b9bcefc5-2065-4884-a723-c9d39c5c640f"),
        (f"{path}!decp.json.gz", "21690123100011/2"),
        (f"{path}!readme.txt", "unknown_format"),
    ]


def test_zip_member_escaping_with_dot_dot_is_refused_and_the_others_read(tmp_path):
    path = tmp_path / "evil.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("../../etc/cron.d/evil.json", contracts("x"))
        archive.writestr("/absolute.json", contracts("y"))
        archive.writestr("good.json", contracts("1"))
    assert [outcome for _, outcome in outcomes(path)] == ["unsafe_path", "unsafe_path", "21690123100011/1"]


def test_zip_bomb_is_refused_by_its_ratio(tmp_path):
    path = tmp_path / "bomb.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("bomb.json", b" " * (20 * 1024 * 1024))
        archive.writestr("good.json", contracts("1"))
    assert [outcome for _, outcome in outcomes(path)] == ["archive_too_large", "21690123100011/1"]


def test_gzip_bomb_is_stopped_while_reading(tmp_path, monkeypatch):
    monkeypatch.setattr(reader, "RATIO_FLOOR_BYTES", 1024)
    path = tmp_path / "bomb.json.gz"
    path.write_bytes(gzip.compress(b'{"marches": [' + b" " * (5 * 1024 * 1024) + b"]}"))
    assert [outcome for _, outcome in outcomes(path)] == ["archive_too_large"]


def test_zip_member_lying_about_its_size_cannot_exceed_it(tmp_path):
    raw = io.BytesIO()
    with zipfile.ZipFile(raw, "w", zipfile.ZIP_STORED) as archive:
        archive.writestr("a.json", contracts("1", "2", "3"))
    path = tmp_path / "liar.zip"
    path.write_bytes(raw.getvalue())
    with zipfile.ZipFile(path) as archive:
        declared = archive.getinfo("a.json").file_size
    assert declared == len(contracts("1", "2", "3"))
    assert [outcome for _, outcome in outcomes(path)] == [f"21690123100011/{i}" for i in "123"]


def test_too_many_members_are_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(reader, "MAX_ARCHIVE_MEMBERS", 3)
    path = tmp_path / "many.zip"
    with zipfile.ZipFile(path, "w") as archive:
        for index in range(4):
            archive.writestr(f"{index}.json", contracts(str(index)))
    assert [outcome for _, outcome in outcomes(path)] == ["archive_too_many_members"]


def test_nested_zip_is_not_opened(tmp_path):
    inner = io.BytesIO()
    with zipfile.ZipFile(inner, "w") as archive:
        archive.writestr("a.json", contracts("1"))
    path = tmp_path / "outer.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("inner.zip", inner.getvalue())
    assert [outcome for _, outcome in outcomes(path)] == ["unsupported_document"]


def test_corrupt_zip_is_named(tmp_path):
    path = tmp_path / "broken.zip"
    path.write_bytes(b"PK\x03\x04" + b"\x00" * 64)
    assert [outcome for _, outcome in outcomes(path)] == ["archive_corrupt"]


def test_symlink_escaping_the_folder_is_not_followed(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.json").write_bytes(contracts("secret"))
    folder = tmp_path / "input"
    folder.mkdir()
    (folder / "good.json").write_bytes(contracts("1"))
    os.symlink(outside / "secret.json", folder / "link.json")
    os.symlink(outside, folder / "linked-folder")
    found = outcomes(folder)
    assert sorted(outcome for _, outcome in found) == [
        "21690123100011/1",
        "symlink_outside",
        "symlink_outside",
    ]
    assert not any("secret" in outcome for _, outcome in found)


def test_symlink_inside_the_folder_is_followed(tmp_path):
    (tmp_path / "a.json").write_bytes(contracts("1"))
    os.symlink(tmp_path / "a.json", tmp_path / "b.json")
    assert [outcome for _, outcome in outcomes(tmp_path)] == ["21690123100011/1", "21690123100011/1"]


def test_missing_path_is_a_rejection_not_an_exception(tmp_path):
    assert [outcome for _, outcome in outcomes(tmp_path / "nope")] == ["unreadable"]


def test_unknown_format_name_is_a_programming_error(tmp_path):
    with pytest.raises(ValueError, match="pdf"):
        list(iter_path(tmp_path, format="pdf"))


def test_a_bad_file_does_not_stop_the_folder(tmp_path):
    (tmp_path / "1-bad.json").write_bytes(b"{broken")
    (tmp_path / "2-good.json").write_bytes(contracts("1"))
    results = [result for _, result in iter_path(tmp_path)]
    assert isinstance(results[0], Rejection)
    assert results[0].reason == "invalid_json"
    assert isinstance(results[1], NoticeRecord)


def test_named_pipe_in_the_folder_is_skipped_without_blocking(tmp_path):
    os.mkfifo(tmp_path / "pipe.json")
    (tmp_path / "z.json").write_bytes(contracts("1"))
    assert [outcome for _, outcome in outcomes(tmp_path)] == ["unreadable", "21690123100011/1"]


def test_zip_member_with_a_broken_header_or_encryption_is_named_and_the_others_read(tmp_path):
    raw = io.BytesIO()
    with zipfile.ZipFile(raw, "w") as archive:
        archive.writestr("a-good.json", contracts("1"))
        archive.writestr("b-broken.json", contracts("x"))
        archive.writestr("c-secret.json", contracts("y"))
        broken = archive.getinfo("b-broken.json").header_offset
    data = bytearray(raw.getvalue())
    data[broken : broken + 4] = b"PK\x00\x00"  # local header signature
    central = data.rindex(b"c-secret.json") - 46  # the central directory entry of that member
    data[central + 8] |= 0x01  # its "encrypted" flag
    path = tmp_path / "mixed.zip"
    path.write_bytes(bytes(data))
    assert [outcome for _, outcome in outcomes(path)] == [
        "21690123100011/1",
        "archive_corrupt",
        "archive_corrupt",
    ]


def reparsed(record: NoticeRecord) -> list:
    """The record read back from its raw bytes, as storage does: a DECP JSON contract is put
    back in the collection it came from (contracts or concessions)."""
    documents = [record.raw]
    if record.source.value == "decp" and record.raw.startswith(b"{"):
        documents = [
            b'{"marches":{"%s":[%s]}}' % (key, record.raw) for key in (b"marche", b"contrat-concession")
        ]
    for document in documents:
        results = list(reader.parse_document(lambda document=document: io.BytesIO(document), "raw"))
        if results == [record]:
            return results
    return results


def test_every_sample_record_raw_reads_back_into_the_same_record():
    sample("eforms")
    records = [result for _, result in iter_path(SAMPLES) if isinstance(result, NoticeRecord)]
    assert len(records) == 25
    for record in records:
        assert reparsed(record) == [record], record.source_id


def test_streamed_records_raw_reads_back_into_the_same_record(tmp_path):
    (tmp_path / "decp.xml").write_bytes(DECP_XML)
    (tmp_path / "records.json").write_bytes(
        json.dumps({"records": [{"ocid": "o", "compiledRelease": RELEASE}]}).encode()
    )
    boamp_export = {
        "records": [{"record": {"fields": json.loads(sample_bytes("boamp/boamp-ods_26-7113.json"))}}]
    }
    (tmp_path / "boamp.json").write_bytes(json.dumps(boamp_export).encode())
    (tmp_path / "bare.json").write_bytes(contracts("1", "2"))
    records = [result for _, result in iter_path(tmp_path) if isinstance(result, NoticeRecord)]
    assert len(records) == 6  # 2 + 1 rejected in decp.xml, 1, 1, 2
    for record in records:
        assert reparsed(record) == [record], record.source_id
