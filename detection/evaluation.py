"""Measure the detector on a labelled corpus: precision, recall and F1 per category and overall.

The corpus is JSON Lines (`tests/detection/corpus/*.jsonl`), one case per line:
`{"id", "language", "text" | "notice", "expected": [{"category", "lot", "legal_basis",
"hours", "percent"}], "note"}`. A `notice` is a small structure (`texts`, `signals`, `lots`
with their own `texts`, `signals`, `award_criteria`) turned into a `NoticeRecord` here, so the
corpus never depends on a parser.

A detected consideration is a true positive when the case expects its (category, lot); legal
basis, hours and share of hours are then compared separately (`attributes`), so that a wrong
hour count does not hide a right detection, nor the reverse.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from detection.considerations import Consideration
from detection.detect import detect, detect_text
from detection.enums import Category
from sources.records import AwardCriterion, Lot, NoticeKind, NoticeRecord, Party, Signal, Source, TextField

# Targets of issue 4: overall precision and recall, and a floor for every category.
TARGET_PRECISION = 0.97
TARGET_RECALL = 0.95
TARGET_CATEGORY_FLOOR = 0.90


@dataclass(frozen=True, slots=True)
class Expected:
    category: Category
    lot: str | None = None
    legal_basis: str | None = None
    hours: int | None = None
    percent: Decimal | None = None


@dataclass(frozen=True, slots=True)
class Case:
    id: str
    language: str | None
    expected: tuple[Expected, ...]
    note: str = ""
    text: str | None = None
    record: NoticeRecord | None = None


@dataclass
class Score:
    true_positives: int = 0
    false_positives: int = 0
    false_negatives: int = 0

    @property
    def precision(self) -> float:
        found = self.true_positives + self.false_positives
        return self.true_positives / found if found else 1.0

    @property
    def recall(self) -> float:
        expected = self.true_positives + self.false_negatives
        return self.true_positives / expected if expected else 1.0

    @property
    def f1(self) -> float:
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0

    @property
    def support(self) -> int:
        return self.true_positives + self.false_negatives


@dataclass(frozen=True, slots=True)
class Error:
    case_id: str
    kind: str  # "false_positive", "false_negative", "attribute"
    detail: str


@dataclass
class Report:
    cases: int = 0
    categories: dict[Category, Score] = field(default_factory=lambda: {c: Score() for c in Category})
    attributes_checked: int = 0
    attributes_right: int = 0
    errors: list[Error] = field(default_factory=list)

    @property
    def overall(self) -> Score:
        return Score(
            sum(s.true_positives for s in self.categories.values()),
            sum(s.false_positives for s in self.categories.values()),
            sum(s.false_negatives for s in self.categories.values()),
        )

    @property
    def attribute_accuracy(self) -> float:
        return self.attributes_right / self.attributes_checked if self.attributes_checked else 1.0

    def meets_targets(self) -> bool:
        overall = self.overall
        return (
            overall.precision >= TARGET_PRECISION
            and overall.recall >= TARGET_RECALL
            and all(
                score.precision >= TARGET_CATEGORY_FLOOR and score.recall >= TARGET_CATEGORY_FLOOR
                for score in self.categories.values()
                if score.support or score.false_positives
            )
        )


def load_corpus(directory: Path) -> list[Case]:
    """Every case of every `*.jsonl` file of `directory`, in file then line order."""
    cases = []
    for path in sorted(directory.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                cases.append(case_from_dict(json.loads(line)))
    return cases


def case_from_dict(data: dict) -> Case:
    expected = tuple(
        Expected(
            category=Category(item["category"]),
            lot=item.get("lot"),
            legal_basis=item.get("legal_basis"),
            hours=item.get("hours"),
            percent=Decimal(str(item["percent"])) if item.get("percent") is not None else None,
        )
        for item in data["expected"]
    )
    notice = data.get("notice")
    return Case(
        id=data["id"],
        language=data.get("language"),
        expected=expected,
        note=data.get("note", ""),
        text=data.get("text"),
        record=record_from_notice(data["id"], notice, data.get("language")) if notice is not None else None,
    )


def record_from_notice(case_id: str, notice: dict, language: str | None) -> NoticeRecord:
    """A `NoticeRecord` holding only what detection reads."""
    return NoticeRecord(
        source=Source.TED,
        source_id=case_id,
        kind=NoticeKind.CONTRACT_NOTICE,
        title="",
        buyer=Party(name=""),
        language=language,
        texts=_texts(notice.get("texts", ()), language),
        signals=_signals(notice.get("signals", ())),
        award_criteria=_criteria(notice.get("award_criteria", ())),
        lots=tuple(
            Lot(
                lot_id=lot["lot_id"],
                texts=_texts(lot.get("texts", ()), language),
                signals=_signals(lot.get("signals", ())),
                award_criteria=_criteria(lot.get("award_criteria", ())),
            )
            for lot in notice.get("lots", ())
        ),
    )


def _texts(items: Iterable[dict], language: str | None) -> tuple[TextField, ...]:
    return tuple(TextField(item["path"], item["text"], item.get("language", language)) for item in items)


def _signals(items: Iterable[dict]) -> tuple[Signal, ...]:
    return tuple(Signal(item["path"], item["code"]) for item in items)


def _criteria(items: Iterable[dict]) -> tuple[AwardCriterion, ...]:
    return tuple(
        AwardCriterion(
            type=item.get("type"),
            name=item.get("name"),
            description=item.get("description"),
            weight=Decimal(str(item["weight"])) if item.get("weight") is not None else None,
        )
        for item in items
    )


def run_case(case: Case) -> list[Consideration]:
    if case.record is not None:
        return detect(case.record)
    return detect_text(case.text or "", language=case.language)


def evaluate(cases: Iterable[Case], detector: Callable[[Case], list[Consideration]] = run_case) -> Report:
    report = Report()
    for case in cases:
        report.cases += 1
        found = {(c.category, c.lot_id): c for c in detector(case)}
        expected = {(e.category, e.lot): e for e in case.expected}
        for key, consideration in found.items():
            score = report.categories[key[0]]
            if key not in expected:
                score.false_positives += 1
                report.errors.append(Error(case.id, "false_positive", _describe(consideration)))
                continue
            score.true_positives += 1
            report.attributes_checked += 1
            if _attributes(consideration) == _attributes(expected[key]):
                report.attributes_right += 1
            else:
                detail = f"{_describe(consideration)} expected {_attributes(expected[key])}"
                report.errors.append(Error(case.id, "attribute", detail))
        for key, item in expected.items():
            if key not in found:
                report.categories[key[0]].false_negatives += 1
                report.errors.append(
                    Error(case.id, "false_negative", f"{item.category.value} lot={item.lot}")
                )
    return report


def _attributes(item: Consideration | Expected) -> tuple[str | None, int | None, Decimal | None]:
    percent = item.percent.normalize() if item.percent is not None else None
    return (item.legal_basis, item.hours, percent)


def _describe(consideration: Consideration) -> str:
    return (
        f"{consideration.category.value} lot={consideration.lot_id} {_attributes(consideration)}"
        f" «{consideration.evidence.text}»"
    )


_HEADER = "category                 support   TP   FP   FN precision  recall     F1"


def _row(name: str, score: Score) -> str:
    return (
        f"{name:<24} {score.support:>7} {score.true_positives:>4} {score.false_positives:>4}"
        f" {score.false_negatives:>4} {score.precision:>9.3f} {score.recall:>7.3f} {score.f1:>6.3f}"
    )


def format_report(report: Report) -> str:
    """A plain table, one line per category then the overall line."""
    lines = [_HEADER]
    lines += [_row(category.value, score) for category, score in report.categories.items()]
    lines.append(_row("overall", report.overall))
    lines.append(
        f"{report.cases} cases; legal basis, hours and share right on {report.attributes_right}"
        f"/{report.attributes_checked} detections ({report.attribute_accuracy:.3f})"
    )
    lines.append(
        f"targets: precision >= {TARGET_PRECISION}, recall >= {TARGET_RECALL}, every category >= "
        f"{TARGET_CATEGORY_FLOOR}: {'met' if report.meets_targets() else 'NOT met'}"
    )
    return "\n".join(lines)
