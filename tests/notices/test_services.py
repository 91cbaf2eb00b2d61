import gzip
import io
import zipfile
from pathlib import Path

import pytest
from django.contrib.postgres.search import SearchQuery
from django.db import connection

from bench.generate import decp_document, eforms_notices
from detection.detect import DETECTOR_VERSION
from detection.enums import Category
from notices.demo import DEMO_DECP, DEMO_EFORMS, load_demo
from notices.enums import IngestStatus, NoticeKind
from notices.models import Buyer, ImportIssue, IngestRun, Notice, SocialConsideration
from notices.services import ingest, redetect
from notices.vectors import SEARCH_CONFIG
from tests.notices.dump import canonical_dump
from tests.samples import SAMPLES

SAMPLE_FILES = sorted(
    path.relative_to(SAMPLES) for path in SAMPLES.glob("*/*") if path.suffix in (".xml", ".json")
)
MIXED_DECP = b"""{"marches": {"marche": [
 {"id": "GOOD1", "acheteur": {"id": "21330063500017"}, "objet": "Nettoyage des \xc3\xa9coles",
  "codeCPV": "90911200", "montant": 1000,
  "considerationsSociales": {"considerationSociale": ["Clause sociale"]}},
 {"id": "NOTITLE", "acheteur": {"id": "21330063500017"}, "codeCPV": "90911200", "montant": 5},
 {"acheteur": {"id": "21330063500017"}, "objet": "sans identifiant"},
 {"id": "GOOD2", "acheteur": {"id": "21330063500017"}, "objet": "Espaces verts", "montant": 7500}
]}}"""
DOCTYPE = b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>'


def _eforms(tmp_path: Path, name: str, document: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(document)
    return path


@pytest.mark.parametrize("relative", SAMPLE_FILES, ids=str)
def test_every_shared_sample_ingests_without_rejection(shared_samples, relative):
    summary = ingest([shared_samples / relative])
    assert (summary.inserted, summary.rejected) != (0, 0)
    assert summary.rejected == 0, list(ImportIssue.objects.values_list("reason", "message"))
    assert Notice.objects.count() == summary.inserted


def test_reingesting_the_samples_leaves_the_database_identical(shared_samples):
    first = ingest([shared_samples])
    before = canonical_dump()
    second = ingest([shared_samples])
    assert canonical_dump() == before
    assert (second.inserted, second.updated, second.unchanged) == (0, 0, first.inserted)


def test_hostile_inputs_become_named_issues_and_good_records_are_kept(tmp_path):
    (tmp_path / "mixed.json").write_bytes(MIXED_DECP)
    (tmp_path / "evil.xml").write_bytes(DOCTYPE)
    summary = ingest([tmp_path], batch_size=2)
    assert (summary.inserted, summary.rejected) == (2, 3)
    issues = set(ImportIssue.objects.values_list("location", "record_id", "reason"))
    assert issues == {
        (str(tmp_path / "evil.xml"), "", "doctype_forbidden"),
        (f"{tmp_path / 'mixed.json'}#marches.marche.item[1]", "21330063500017/NOTITLE", "missing_title"),
        (f"{tmp_path / 'mixed.json'}#marches.marche.item[2]", "", "missing_identifier"),
    }
    assert IngestRun.objects.get().status == IngestStatus.COMPLETED


def test_a_stored_notice_gets_its_buyer_lots_and_considerations(tmp_path):
    (tmp_path / "mixed.json").write_bytes(MIXED_DECP)
    ingest([tmp_path])
    notice = Notice.objects.get(source_id="21330063500017/GOOD1")
    assert notice.kind == NoticeKind.CONTRACT_DATA
    assert notice.buyer == Buyer.objects.get(siret="21330063500017")
    assert notice.has_social
    assert notice.social_categories
    assert set(notice.considerations.values_list("detector_version", flat=True)) == {DETECTOR_VERSION}
    assert notice.raw.startswith(b"{")


def test_a_newer_version_supersedes_and_an_older_one_never_overwrites(tmp_path):
    original = next(eforms_notices(1))
    newer = original.replace(b"<cbc:VersionID>01<", b"<cbc:VersionID>02<")
    ingest([_eforms(tmp_path, "v1.xml", original)])
    summary = ingest([_eforms(tmp_path, "v2.xml", newer)])
    assert (summary.inserted, summary.updated) == (0, 1)
    assert Notice.objects.get().version == "02"
    stale = ingest([tmp_path / "v1.xml"])
    assert (stale.updated, stale.unchanged) == (0, 1)
    assert Notice.objects.get().version == "02"


def test_a_changed_notice_replaces_its_considerations(tmp_path):
    path = tmp_path / "decp.json"
    path.write_bytes(MIXED_DECP)
    ingest([path])
    path.write_bytes(MIXED_DECP.replace(b'["Clause sociale"]', b'["Pas de consid\xc3\xa9ration sociale"]'))
    summary = ingest([path])
    assert summary.updated == 1
    notice = Notice.objects.get(source_id="21330063500017/GOOD1")
    assert not notice.has_social
    assert not SocialConsideration.objects.filter(notice=notice).exists()


def test_the_same_notice_twice_in_one_batch_is_stored_once(tmp_path):
    document = next(eforms_notices(1))
    summary = ingest([_eforms(tmp_path, "a.xml", document), _eforms(tmp_path, "b.xml", document)])
    assert (summary.inserted, summary.unchanged) == (1, 1)


def test_the_run_counts_follow_the_batches(tmp_path):
    (tmp_path / "decp.json").write_bytes(decp_document(25))
    seen = []
    summary = ingest([tmp_path], batch_size=10, progress=seen.append)
    run = IngestRun.objects.get(pk=summary.run_id)
    assert (run.inserted, run.status) == (25, IngestStatus.COMPLETED)
    assert seen == [10, 10, 5]


def test_notices_are_found_by_french_full_text_whatever_the_accents(tmp_path):
    (tmp_path / "decp.json").write_bytes(MIXED_DECP)
    ingest([tmp_path])
    if connection.vendor == "postgresql":
        query = SearchQuery("ÉCOLE nettoyage", config=SEARCH_CONFIG, search_type="websearch")
        found = Notice.objects.filter(search_vector=query)
    else:
        found = Notice.objects.filter(search_text__icontains="ecoles")
    assert [notice.source_id for notice in found] == ["21330063500017/GOOD1"]


def test_a_reserved_consideration_is_stored_with_its_category(tmp_path):
    reserved = MIXED_DECP.replace(b'["Clause sociale"]', b'["March\xc3\xa9 r\xc3\xa9serv\xc3\xa9"]')
    (tmp_path / "decp.json").write_bytes(reserved)
    ingest([tmp_path])
    categories = set(SocialConsideration.objects.values_list("category", flat=True))
    assert categories & {category.value for category in Category.reserved()}


def test_redetect_restores_what_ingest_detected(shared_samples):
    ingest([shared_samples])
    expected = canonical_dump()
    SocialConsideration.objects.all().delete()
    Notice.objects.update(detector_version=0, has_social=False, social_categories=[])
    summary = redetect(only_outdated=True, batch_size=7)
    assert summary.failed == 0
    assert summary.notices == Notice.objects.count()
    assert summary.changed == Notice.objects.with_social_consideration().count()
    assert canonical_dump() == expected


def test_redetect_only_outdated_skips_notices_read_by_the_current_detector(tmp_path):
    (tmp_path / "decp.json").write_bytes(decp_document(5))
    ingest([tmp_path])
    Notice.objects.filter(pk=Notice.objects.order_by("pk").first().pk).update(detector_version=0)
    assert redetect(only_outdated=True).notices == 1
    assert not Notice.objects.detected_before(DETECTOR_VERSION).exists()


def test_a_detector_failure_rejects_the_record_not_the_batch(tmp_path, monkeypatch):
    def failing_on_good2(record):
        if record.source_id.endswith("GOOD2"):
            raise ValueError("boom")
        return []

    monkeypatch.setattr("notices.services.detect", failing_on_good2)
    (tmp_path / "mixed.json").write_bytes(MIXED_DECP)
    summary = ingest([tmp_path])
    assert (summary.inserted, summary.rejected) == (1, 3)
    issue = ImportIssue.objects.get(reason="detection_failed")
    assert issue.record_id == "21330063500017/GOOD2"


def test_the_demo_loads_notices_once():
    load_demo(io.StringIO())
    count = Notice.objects.count()
    assert count == DEMO_EFORMS + DEMO_DECP
    assert Notice.objects.with_social_consideration().exists()
    load_demo(io.StringIO())
    assert Notice.objects.count() == count


def test_archives_are_ingested_like_folders(tmp_path):
    archive = tmp_path / "notices.zip"
    with zipfile.ZipFile(archive, "w") as members:
        for index, document in enumerate(eforms_notices(3)):
            members.writestr(f"eforms/{index}.xml", document)
    (tmp_path / "decp.json.gz").write_bytes(gzip.compress(decp_document(4)))
    summary = ingest([archive, tmp_path / "decp.json.gz"])
    assert (summary.inserted, summary.rejected) == (7, 0)


def test_a_symbolic_link_out_of_the_input_folder_is_never_followed(tmp_path):
    secret = tmp_path / "secret.json"
    secret.write_bytes(decp_document(2))
    folder = tmp_path / "input"
    folder.mkdir()
    (folder / "decp.json").write_bytes(decp_document(1, seed=5))
    (folder / "link.json").symlink_to(secret)
    summary = ingest([folder])
    assert (summary.inserted, summary.rejected) == (1, 1)
    assert ImportIssue.objects.get().reason == "symlink_outside"
