import io
import json

import pytest
from django.core.management import CommandError, call_command
from django.db import OperationalError

from bench.generate import decp_document
from detection.enums import Category
from notices.models import ImportIssue, Notice
from tests.notices.test_services import MIXED_DECP, SAMPLE_FILES

CATEGORIES = {category.value for category in Category}


def _inspect(path) -> list[dict]:
    out = io.StringIO()
    call_command("inspect", str(path), "--json", stdout=out, stderr=io.StringIO())
    return [json.loads(line) for line in out.getvalue().splitlines()]


def _assert_documented_shape(item: dict) -> None:
    assert {"source", "source_id", "kind", "title", "published", "departments", "value"} <= item.keys()
    assert item["buyer"].keys() >= {"name", "siret"}
    assert all(len(code) == 8 and code.isdigit() for code in item["cpv"])
    assert all(lot.keys() >= {"id", "title", "cpv"} for lot in item["lots"])
    for consideration in item["social"]:
        assert consideration.keys() >= {"category", "lot", "evidence", "legal_basis", "hours", "percent"}
        assert consideration["category"] in CATEGORIES
        assert consideration["lot"] is None or consideration["lot"] in {lot["id"] for lot in item["lots"]}


@pytest.mark.no_django_db
@pytest.mark.parametrize("relative", SAMPLE_FILES, ids=str)
def test_inspect_prints_the_documented_fields_of_every_sample_without_a_database(shared_samples, relative):
    items = _inspect(shared_samples / relative)
    assert items
    for item in items:
        assert not item.get("rejected"), item
        _assert_documented_shape(item)


@pytest.mark.no_django_db
def test_inspect_shows_the_reserved_lot_of_the_social_eforms_sample(shared_samples):
    (item,) = _inspect(shared_samples / "eforms/sdk_pin-cfc-social_24.xml")
    assert item["published"] == "2023-05-26"
    assert {(entry["category"], entry["lot"]) for entry in item["social"]} == {
        ("reserved_disability", "LOT-0001")
    }


@pytest.mark.no_django_db
def test_inspect_reads_decp_social_considerations_with_their_legal_basis(shared_samples):
    items = _inspect(shared_samples / "decp/decp-v2_official-examples_marches_concessions.json")
    categories = {entry["category"] for item in items for entry in item["social"]}
    assert {"execution_condition", "award_criterion"} <= categories


@pytest.mark.no_django_db
def test_inspect_lists_rejections_with_their_reason(tmp_path):
    (tmp_path / "mixed.json").write_bytes(MIXED_DECP)
    reasons = [item["reason"] for item in _inspect(tmp_path) if item.get("rejected")]
    assert reasons == ["missing_title", "missing_identifier"]


def test_ingest_prints_the_summary_line(tmp_path):
    (tmp_path / "mixed.json").write_bytes(MIXED_DECP)
    out = io.StringIO()
    call_command("ingest", str(tmp_path), "--batch-size", "1", stdout=out, stderr=io.StringIO())
    assert out.getvalue().strip() == "inserted=2 updated=0 unchanged=0 rejected=2"
    assert ImportIssue.objects.count() == 2


def test_ingest_refuses_a_missing_path_before_writing_anything(tmp_path):
    with pytest.raises(CommandError, match="introuvable"):
        call_command("ingest", str(tmp_path / "absent"), stdout=io.StringIO(), stderr=io.StringIO())
    assert not Notice.objects.exists()


def test_ingest_with_a_forced_format_reads_that_format(tmp_path):
    (tmp_path / "decp.json").write_bytes(decp_document(3))
    out = io.StringIO()
    call_command("ingest", str(tmp_path), "--format", "decp", stdout=out, stderr=io.StringIO())
    assert out.getvalue().strip() == "inserted=3 updated=0 unchanged=0 rejected=0"


def test_ingest_exits_with_a_clear_message_when_the_database_is_down(tmp_path, monkeypatch):
    def database_down(*args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr("notices.management.commands.ingest.ingest", database_down)
    (tmp_path / "decp.json").write_bytes(decp_document(1))
    with pytest.raises(CommandError, match="indisponible"):
        call_command("ingest", str(tmp_path), stdout=io.StringIO(), stderr=io.StringIO())
