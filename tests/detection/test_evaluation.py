"""The labelled corpus and the evaluation that measures the detector on it."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from detection.considerations import Consideration, Evidence
from detection.enums import Category, EvidenceKind
from detection.evaluation import Case, Expected, evaluate, format_report, load_corpus, run_case

pytestmark = pytest.mark.no_django_db

CORPUS = Path(__file__).resolve().parent / "corpus"


@pytest.fixture(scope="module")
def corpus() -> list[Case]:
    return load_corpus(CORPUS)


def test_corpus_has_at_least_200_cases_with_unique_ids(corpus):
    ids = [case.id for case in corpus]
    assert len(ids) >= 200
    assert len(set(ids)) == len(ids)


def test_corpus_covers_every_category_negatives_lots_and_both_languages(corpus):
    categories = Counter(item.category for case in corpus for item in case.expected)
    assert set(categories) == set(Category)
    assert sum(1 for case in corpus if not case.expected) >= 50
    assert any(item.lot for case in corpus for item in case.expected)
    assert {case.language for case in corpus} == {"fr", "en"}


def test_detector_meets_the_targets_on_the_corpus(corpus):
    report = evaluate(corpus)

    assert report.meets_targets(), format_report(report) + "\n" + "\n".join(map(str, report.errors))


_HARD_NEGATIVES = [case for case in load_corpus(CORPUS) if not case.expected]


@pytest.mark.parametrize("case", _HARD_NEGATIVES, ids=lambda case: case.id)
def test_hard_negative_yields_no_consideration(case: Case):
    assert [c.as_dict() for c in run_case(case)] == [], case.note


def _found(category: Category, lot: str | None = None) -> Consideration:
    return Consideration(category, Evidence(EvidenceKind.FIELD, "x", "y"), lot_id=lot)


def test_evaluation_counts_true_false_positives_and_misses_per_category_and_lot():
    cases = [
        Case("a", "fr", (Expected(Category.EXECUTION_CONDITION), Expected(Category.RESERVED_ESS, lot="2"))),
        Case("b", "fr", ()),
    ]
    detections = {
        "a": [_found(Category.EXECUTION_CONDITION), _found(Category.RESERVED_ESS, lot="1")],
        "b": [_found(Category.SOCIAL_OTHER)],
    }

    report = evaluate(cases, detector=lambda case: detections[case.id])

    overall = report.overall
    assert (overall.true_positives, overall.false_positives, overall.false_negatives) == (1, 2, 1)
    assert report.categories[Category.RESERVED_ESS].recall == 0.0
    assert report.categories[Category.EXECUTION_CONDITION].f1 == 1.0
    assert not report.meets_targets()


def test_evaluation_checks_hours_apart_from_detection():
    cases = [Case("a", "fr", (Expected(Category.EXECUTION_CONDITION, hours=350),))]

    report = evaluate(cases, detector=lambda case: [_found(Category.EXECUTION_CONDITION)])

    assert report.overall.precision == 1.0
    assert (report.attributes_right, report.attributes_checked) == (0, 1)
