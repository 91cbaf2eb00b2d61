import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from sources.management.commands.inspect import Command
from tests.samples import sample

pytestmark = pytest.mark.no_django_db


def run_inspect(*args: str) -> tuple[list[str], str]:
    out, err = StringIO(), StringIO()
    call_command(Command(), *args, stdout=out, stderr=err)
    return out.getvalue().splitlines(), err.getvalue()


def test_inspect_json_prints_one_line_per_notice_with_social_considerations():
    lines, summary = run_inspect(str(sample("eforms/ted_106286-2024_NOR_pin-cfc.xml")), "--json")
    (notice,) = [json.loads(line) for line in lines]
    assert notice["source"] == "ted"
    assert [(entry["category"], entry["lot"]) for entry in notice["social"]] == [
        ("reserved_disability", "LOT-0000")
    ]
    assert summary.strip() == "1 avis, 0 rejet(s)."


def test_inspect_reports_rejections_and_forced_format(tmp_path):
    path = tmp_path / "a.json"
    path.write_bytes(b'{"marches": []}')
    lines, summary = run_inspect(str(path), "--json", "--format", "ocds")
    assert json.loads(lines[0])["reason"] == "unsupported_document"
    assert summary.strip() == "0 avis, 1 rejet(s)."


def test_inspect_without_json_prints_a_readable_line():
    lines, _ = run_inspect(str(sample("decp/decp-v2_official-examples_marches_concessions.json")))
    assert lines[0].startswith("decp 21750001630066/TEST2022 [contract_data]")
    assert "award_criterion, execution_condition" in lines[0]


def test_inspect_of_a_missing_path_fails(tmp_path):
    with pytest.raises(CommandError):
        run_inspect(str(tmp_path / "nope"))
