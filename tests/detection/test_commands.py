"""`clausier detect` and `clausier evaluate-detector`."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

pytestmark = pytest.mark.no_django_db


def _run(*args: str, **options) -> str:
    out = StringIO()
    call_command(*args, stdout=out, **options)
    return out.getvalue()


def test_detect_prints_considerations_as_json():
    output = _run("detect", "--text", "Marché réservé aux SIAE (article L. 2113-13 du CCP).", "--json")

    (consideration,) = json.loads(output)
    assert consideration["category"] == "reserved_inclusion"
    assert consideration["legal_basis"] == "L2113-13"


def test_detect_reads_standard_input_without_text():
    output = _run("detect", "--json", stdin=StringIO("Clause d'insertion : 1 200 heures."))

    assert json.loads(output)[0]["hours"] == 1200


def test_detect_prints_a_french_summary_by_default():
    output = _run("detect", "--text", "Pas de clause sociale.")

    assert "0 considération(s) sociale(s)" in output


def test_detect_refuses_an_empty_text():
    with pytest.raises(CommandError, match="Aucun texte"):
        _run("detect", "--text", "  ")


def test_evaluate_detector_prints_the_table_and_meets_the_targets():
    output = _run("evaluate_detector")

    assert "execution_condition" in output
    assert "overall" in output
    assert "NOT met" not in output


def test_evaluate_detector_fails_below_target(tmp_path):
    case = {
        "id": "x",
        "language": "fr",
        "text": "Texte sans rien.",
        "expected": [{"category": "award_criterion"}],
    }
    (tmp_path / "cases.jsonl").write_text(json.dumps(case), encoding="utf-8")

    with pytest.raises(CommandError, match="non atteints"):
        _run("evaluate_detector", "--corpus", str(tmp_path))


def test_evaluate_detector_fails_on_a_missing_corpus(tmp_path):
    with pytest.raises(CommandError, match="Aucun cas"):
        _run("evaluate_detector", "--corpus", str(tmp_path / "absent"))
