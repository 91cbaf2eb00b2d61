"""Every rule fires on its own example; every negative example yields nothing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from detection.detect import detect, detect_text
from detection.enums import Category
from detection.legal import find_references
from detection.rules import (
    DEFAULT_RESERVED,
    NEGATIVES,
    RULES,
    SIGNAL_RULES,
    TRIGGER,
    Negative,
    Role,
    Rule,
    SignalRule,
)
from detection.text import fold
from tests.detection.records import notice_with_signals

pytestmark = pytest.mark.no_django_db


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.name)
def test_rule_pattern_matches_its_example(rule: Rule):
    assert rule.regex.search(fold(rule.example)), rule.example


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.name)
def test_rule_example_is_detected_in_the_rule_category(rule: Rule):
    categories = {consideration.category for consideration in detect_text(rule.example)}
    assert rule.category in categories, (rule.example, categories)


@pytest.mark.parametrize("negative", NEGATIVES, ids=lambda negative: negative.name)
def test_negative_pattern_matches_its_example(negative: Negative):
    assert negative.regex.search(fold(negative.example)), negative.example


@pytest.mark.parametrize("negative", NEGATIVES, ids=lambda negative: negative.name)
def test_negative_example_yields_no_consideration(negative: Negative):
    assert detect_text(negative.example) == []


def test_rule_and_negative_names_are_unique():
    names = [rule.name for rule in RULES] + [negative.name for negative in NEGATIVES]
    assert len(names) == len(set(names))


@pytest.mark.parametrize("signal_rule", SIGNAL_RULES, ids=lambda rule: f"{rule.path}={rule.code}")
def test_signal_rule_gives_its_category_or_the_default_reservation(signal_rule: SignalRule):
    considerations = detect(notice_with_signals((signal_rule.path, signal_rule.code)))

    expected = next(iter(signal_rule.categories)) if len(signal_rule.categories) == 1 else DEFAULT_RESERVED
    assert [consideration.category for consideration in considerations] == [expected]


def test_every_category_has_a_text_rule():
    assert {rule.category for rule in RULES} == set(Category)


_GIVING = {Role.FIXED, Role.INSERTION, Role.TOPIC, Role.RESERVATION, Role.SOCIAL_CONTEXT}
_CORPUS_TEXTS = [
    json.loads(line).get("text") or ""
    for path in sorted((Path(__file__).resolve().parent / "corpus").glob("*.jsonl"))
    for line in path.read_text(encoding="utf-8").splitlines()
]


# Words from every rule's example, to build sentences the rules may read.
_WORDS = sorted({word for rule in RULES for word in rule.example.split()})


def _can_give(folded: str) -> bool:
    return bool(find_references(folded)) or any(
        rule.regex.search(folded) for rule in RULES if rule.role in _GIVING
    )


def test_every_text_a_rule_or_reference_reads_passes_the_trigger():
    texts = [rule.example for rule in RULES] + [negative.example for negative in NEGATIVES] + _CORPUS_TEXTS
    missed = [text for text in texts if _can_give(fold(text)) and not TRIGGER.search(fold(text))]

    assert missed == []


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_WORDS), max_size=25).map(" ".join))
def test_generated_text_a_rule_reads_passes_the_trigger(text: str):
    folded = fold(text)
    if _can_give(folded):
        assert TRIGGER.search(folded)
