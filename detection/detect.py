"""From a normalised notice to its social considerations (DESIGN.md section 3).

Pure: a `NoticeRecord` (or a text) in, `Consideration`s out; no database, no settings.

How it works:

1. Every structured code is looked up in `rules.SIGNAL_RULES`.
2. Every text (record and lot texts, titles, descriptions, award criteria) is folded, its
   negatives (`rules.NEGATIVES`) are blanked out, and each sentence is read with
   `rules.RULES` and `legal.find_references` (see `rules.py` for what each role does).
3. Findings are consolidated: a reservation whose kind is unknown takes the kind stated
   elsewhere in its scope (else `rules.DEFAULT_RESERVED`); a `social_other` flag gives way to
   any more specific consideration of its scope or of the notice; then one consideration per
   category and scope keeps the strongest evidence and borrows hours, share of hours and legal
   basis from the others.

Scope: a lot's text or code gives that lot; a notice text that names lots of the record
("réserver le lot 2", "lot 3 : 70 heures") gives those lots, else the notice.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from decimal import Decimal

from detection import paths
from detection.considerations import Consideration, Evidence
from detection.enums import Category, EvidenceKind
from detection.legal import Context, Reference, find_references
from detection.quantities import Quantity, find_hours, find_lots, find_percents, lot_number
from detection.rules import (
    AWARD_CONTEXT_REACH,
    DEFAULT_RESERVED,
    DEFAULT_RESERVED_CONFIDENCE,
    NEGATIVES,
    RULES,
    SIGNAL_RULES,
    TRIGGER,
    Role,
    Rule,
)
from detection.text import Segment, fold, mask, segments
from sources.records import AwardCriterion, Lot, NoticeRecord, Signal, TextField

# Bump when rules, tables or consolidation change: storage keeps it with every consideration so
# that `redetect` knows which notices were read by an older detector.
DETECTOR_VERSION = 6

_RESERVED = frozenset(Category.reserved())
_LEGAL_BASIS_CONFIDENCE = 0.05  # a cited article of the right kind makes a finding surer
_REFERENCE_CONFIDENCE = 0.8  # a reference needing context, in a social sentence
_RESERVATION_CONFIDENCE = 0.9
_SIGNALS = {(rule.path, fold(rule.code)): rule for rule in SIGNAL_RULES}
_CODE_SEPARATORS = re.compile(r"[,;|]")


@dataclass(frozen=True, slots=True)
class _Finding:
    """A consideration before consolidation; several `categories` = reserved, kind unknown."""

    categories: frozenset[Category]
    evidence: Evidence
    lot_id: str | None
    confidence: float
    references: tuple[Reference, ...] = ()
    hours: int | None = None
    percent: Decimal | None = None


@dataclass(frozen=True, slots=True)
class _Hit:
    rule: Rule
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class _Span:
    categories: frozenset[Category]
    start: int
    end: int
    confidence: float


def detect_text(
    text: str, *, path: str = "text", lot_id: str | None = None, language: str | None = None
) -> list[Consideration]:
    """Considerations stated in one free text.

    `language` is accepted as sources give it, but the rules read French and English alike
    (TED publishes translations), so it does not change the result.
    """
    return _consolidate(_text_findings(TextField(path, text, language), lot_id=lot_id, lots={}))


def detect(record: NoticeRecord) -> list[Consideration]:
    """Considerations of a notice and its lots, one per category and scope."""
    lots = {number: lot.lot_id for lot in record.lots if (number := lot_number(lot.lot_id)) is not None}
    findings: list[_Finding] = []
    for text_field in _texts(record.texts, record.title, record.description):
        findings += _text_findings(text_field, lot_id=None, lots=lots)
    findings += _criteria_findings(
        record.award_criteria,
        None,
        paths.NOTICE_AWARD_CRITERION_NAME,
        paths.NOTICE_AWARD_CRITERION_DESCRIPTION,
    )
    findings += _signal_findings(record.signals, None)
    for lot in record.lots:
        findings += _lot_findings(lot)
    return _consolidate(findings)


def _lot_findings(lot: Lot) -> list[_Finding]:
    findings: list[_Finding] = []
    for text_field in _texts(lot.texts, lot.title, lot.description):
        findings += _text_findings(text_field, lot_id=lot.lot_id, lots={})
    findings += _criteria_findings(
        lot.award_criteria, lot.lot_id, paths.AWARD_CRITERION_NAME, paths.AWARD_CRITERION_DESCRIPTION
    )
    findings += _signal_findings(lot.signals, lot.lot_id)
    return findings


def _texts(texts: Iterable[TextField], title: str | None, description: str | None) -> Iterator[TextField]:
    """The texts to read; the title and description too unless a parser already gave them."""
    seen = set()
    for text_field in (
        *texts,
        TextField(paths.TITLE, title or ""),
        TextField(paths.DESCRIPTION, description or ""),
    ):
        if text_field.text.strip() and text_field.text not in seen:
            seen.add(text_field.text)
            yield text_field


def _criteria_findings(
    criteria: Iterable[AwardCriterion], lot_id: str | None, name_path: str, description_path: str
) -> list[_Finding]:
    """A criterion whose name or description is social is a social award criterion (R2152-7)."""
    findings: list[_Finding] = []
    for criterion in criteria:
        for path, value in ((name_path, criterion.name), (description_path, criterion.description)):
            if value:
                findings += _text_findings(TextField(path, value), lot_id=lot_id, lots={}, as_criterion=True)
    return findings


def _signal_findings(signals: Iterable[Signal], lot_id: str | None) -> list[_Finding]:
    findings = []
    for signal in signals:
        path = paths.signal_path(signal.path)
        for code in _codes(path, signal.code):
            rule = _SIGNALS.get((path, fold(code)))
            if rule is not None:
                evidence = Evidence(EvidenceKind.FIELD, signal.path, signal.code)
                findings.append(_Finding(rule.categories, evidence, lot_id, rule.confidence))
    return findings


def _codes(path: str | None, code: str) -> list[str]:
    """The code, or its parts when a consolidation flattened a list ("Clause sociale, Critère social")."""
    code = code.strip()
    if (path, fold(code)) in _SIGNALS:
        return [code]
    return [part.strip() for part in _CODE_SEPARATORS.split(code) if part.strip()]


def _text_findings(
    text_field: TextField, *, lot_id: str | None, lots: dict[int, str], as_criterion: bool = False
) -> list[_Finding]:
    text = text_field.text
    folded = fold(text)
    if not TRIGGER.search(folded):
        return []
    negatives = [match.span() for negative in NEGATIVES for match in negative.regex.finditer(folded)]
    masked = mask(folded, negatives)
    references = [
        reference
        for reference in find_references(text, folded)
        if not any(start < reference.end and reference.start < end for start, end in negatives)
    ]
    findings: list[_Finding] = []
    clause: list[int] = []  # indexes of the previous sentence's execution conditions
    for segment in segments(text):
        hits = [
            _Hit(rule, match.start(), match.end())
            for rule in RULES
            for match in rule.regex.finditer(masked, segment.start, segment.end)
        ]
        segment_references = tuple(r for r in references if segment.start <= r.start < segment.end)
        spans = _classify(hits, segment_references, masked)
        if as_criterion:
            spans = [replace(span, categories=frozenset({Category.AWARD_CRITERION})) for span in spans]
        quantities = _Quantities(masked, segment)
        if spans:
            new = list(_scoped(spans, text_field, segment, quantities, segment_references, lot_id, lots))
            clause = [
                len(findings) + i for i, f in enumerate(new) if f.categories == {Category.EXECUTION_CONDITION}
            ]
            findings += new
        elif clause and (quantities.hours or quantities.percents):
            findings += _continued(findings, clause, quantities, lot_id, lots)
            clause = []
        else:
            clause = []
    return findings


class _Quantities:
    """Hours and shares of hours of one sentence, and the lots of the record it names."""

    def __init__(self, masked: str, segment: Segment) -> None:
        self.masked = masked
        self.segment = segment
        self.hours = find_hours(masked, segment.start, segment.end)
        self.percents = find_percents(masked, segment.start, segment.end)

    def scopes(self, lot_id: str | None, lots: dict[int, str]) -> list[tuple[str | None, int, int]]:
        """(lot, start, end) for each lot of the record named here, else the text's own scope."""
        windows = _lot_windows(self.masked, self.segment, lots, self.hours) if lot_id is None else []
        return windows or [(lot_id, self.segment.start, self.segment.end)]

    def attach(self, finding: _Finding, start: int, end: int) -> _Finding:
        """The finding with the quantities of its stretch, keeping those it already has."""
        hours = _first(self.hours, start, end, self.segment.start)
        percent = _first(self.percents, start, end, self.segment.start)
        return replace(
            finding,
            hours=finding.hours if finding.hours is not None else hours,
            percent=finding.percent if finding.percent is not None else percent,
        )


def _continued(
    findings: list[_Finding],
    clause: list[int],
    quantities: _Quantities,
    lot_id: str | None,
    lots: dict[int, str],
) -> list[_Finding]:
    """A sentence with quantities but no wording continues the clause before it.

    "Clause sociale. Volume : 420 heures." fills the clause's hours; "lot 1 : 120 heures
    d'insertion ; lot 2 : 80 heures." gives lot 2 its own execution condition.
    """
    scopes = quantities.scopes(lot_id, lots)
    if scopes[0][0] == lot_id:
        for index in clause:
            findings[index] = quantities.attach(findings[index], *scopes[0][1:])
        return []
    template = replace(findings[clause[0]], hours=None, percent=None)
    return [quantities.attach(replace(template, lot_id=scope), start, end) for scope, start, end in scopes]


def _classify(hits: list[_Hit], references: tuple[Reference, ...], masked: str) -> list[_Span]:
    """What one sentence says, from its rule hits and legal references."""
    spans = _reservations(hits, references)
    reserved = bool(spans)
    award_anchors = [
        hit
        for hit in hits
        if hit.rule.role is Role.AWARD_CONTEXT
        or (hit.rule.role is Role.FIXED and hit.rule.category is Category.AWARD_CRITERION)
    ]
    object_context = any(
        hit.rule.role is Role.OBJECT_CONTEXT
        or (hit.rule.role is Role.FIXED and hit.rule.category is Category.INSERTION_OBJECT)
        for hit in hits
    )
    holder_context = any(hit.rule.role is Role.HOLDER_CONTEXT for hit in hits)
    for hit in hits:
        if hit.rule.role is Role.FIXED:
            spans.append(_Span(frozenset({hit.rule.category}), hit.start, hit.end, hit.rule.confidence))
        elif hit.rule.role in (Role.INSERTION, Role.TOPIC) and not reserved:
            if any(_criterion_of(hit, anchor, masked) for anchor in award_anchors):
                category = Category.AWARD_CRITERION
            elif object_context:
                category = Category.INSERTION_OBJECT
            elif hit.rule.role is Role.INSERTION or holder_context:
                category = hit.rule.category
            else:
                continue
            spans.append(_Span(frozenset({category}), hit.start, hit.end, hit.rule.confidence))
    spoken = {Context.SOCIAL} if any(hit.rule.role is Role.SOCIAL_CONTEXT for hit in hits) else set()
    if any(hit.rule.role in (Role.FIXED, Role.INSERTION, Role.TOPIC) for hit in hits):
        spoken |= {Context.SOCIAL, Context.INSERTION}
    for reference in references:
        if reference.article.context in spoken:
            for category, _ in reference.article.bases:
                spans.append(
                    _Span(frozenset({category}), reference.start, reference.end, _REFERENCE_CONFIDENCE)
                )
    return spans


def _reservations(hits: list[_Hit], references: tuple[Reference, ...]) -> list[_Span]:
    """Reserved contracts in one sentence, one span per kind of beneficiary.

    Anchors are the reservation wording and the reserved articles (L2113-12 to L2113-16,
    CMP art. 15, ordonnance art. 36-37). Kinds come from those articles, from the beneficiary
    wording, and from the articles defining beneficiaries (C. trav. L5132-4...). With anchors but
    no kind, only a standalone anchor ("marché réservé", "article 36") still counts.
    """
    anchors = [(hit.start, hit.end, hit.rule.standalone) for hit in hits if hit.rule.role is Role.RESERVATION]
    anchors += [(reference.start, reference.end, True) for reference in references if reference.article.emits]
    if not anchors:
        return []
    kinds: dict[Category, tuple[int, int]] = {}
    for reference in references:
        for candidates in reference.article.emits:
            if len(candidates) == 1:
                kinds.setdefault(next(iter(candidates)), (reference.start, reference.end))
    for hit in hits:
        if hit.rule.role is Role.BENEFICIARY:
            kinds.setdefault(hit.rule.category, (hit.start, hit.end))
    for reference in references:
        if not reference.article.emits:
            for category, _ in reference.article.bases:
                if category in _RESERVED:
                    kinds.setdefault(category, (reference.start, reference.end))
    start, end, _ = min(anchors)
    if kinds:
        return [
            _Span(frozenset({kind}), min(start, kind_start), max(end, kind_end), _RESERVATION_CONFIDENCE)
            for kind, (kind_start, kind_end) in kinds.items()
        ]
    if any(standalone for _, _, standalone in anchors):
        return [_Span(_RESERVED, start, end, _RESERVATION_CONFIDENCE)]
    return []


def _criterion_of(hit: _Hit, anchor: _Hit, masked: str) -> bool:
    """Whether a criterion word makes `hit` an award criterion.

    Before the hit, within reach ("Critère n° 3 : nombre d'heures d'insertion"); after it, only
    within the same phrase ("clauses sociales qui seront notées"), not past a comma or a colon
    ("une clause sociale, critère : prix 100 %").
    """
    if anchor.end <= hit.start:
        return hit.start - anchor.end <= AWARD_CONTEXT_REACH
    if anchor.start >= hit.end:
        between = masked[hit.end : anchor.start]
        return len(between) <= AWARD_CONTEXT_REACH and not re.search(r"[,:]", between)
    return True


def _scoped(
    spans: list[_Span],
    text_field: TextField,
    segment: Segment,
    quantities: _Quantities,
    references: tuple[Reference, ...],
    lot_id: str | None,
    lots: dict[int, str],
) -> Iterator[_Finding]:
    """Findings of one sentence, for each lot it names (with that lot's hours), or its own scope."""
    scopes = quantities.scopes(lot_id, lots)
    for span in spans:
        evidence = Evidence(
            EvidenceKind.TEXT, text_field.path, text_field.text[span.start : span.end], span.start, span.end
        )
        for scope, start, end in scopes:
            finding = _Finding(span.categories, evidence, scope, span.confidence, references)
            if span.categories == {Category.EXECUTION_CONDITION}:
                finding = quantities.attach(finding, start, end)
            yield finding


def _lot_windows(
    masked: str, segment: Segment, lots: dict[int, str], hours: list[Quantity]
) -> list[tuple[str, int, int]]:
    """Lots of the record named in a sentence, each with the stretch of text about it.

    A stretch runs from the lot's mention to the next mention ("lot 1 : 120 heures ; lot 2 :
    80 heures"), or, when the sentence gives hours before naming any lot ("400 heures pour le
    lot 1 et 150 heures pour le lot 3"), from the previous mention to the lot's own. When one
    mention names as many lots as its stretch gives hours ("lots 1 et 2 : respectivement 350 et
    210 heures"), each lot's stretch starts at its own number of hours.
    """
    mentions = [
        (mention, [lots[number] for number in mention.numbers if number in lots])
        for mention in find_lots(masked, segment.start, segment.end)
    ]
    mentions = [(mention, lot_ids) for mention, lot_ids in mentions if lot_ids]
    windows: dict[str, tuple[str, int, int]] = {}
    hours_first = bool(mentions and hours) and hours[0].position < mentions[0][0].start
    for index, (mention, lot_ids) in enumerate(mentions):
        if hours_first:
            start = mentions[index - 1][0].end if index else segment.start
            windows.update(
                {lot_id: (lot_id, start, mention.end) for lot_id in lot_ids if lot_id not in windows}
            )
            continue
        end = mentions[index + 1][0].start if index + 1 < len(mentions) else segment.end
        starts = [quantity.position for quantity in hours if mention.start <= quantity.position < end]
        if len(lot_ids) < 2 or len(starts) != len(lot_ids):
            starts = [mention.start] * len(lot_ids)
        for lot_id, start in zip(lot_ids, starts, strict=True):
            windows.setdefault(lot_id, (lot_id, start, end))
    return list(windows.values())


def _first(quantities: list[Quantity], start: int, end: int, segment_start: int) -> int | Decimal | None:
    """The first quantity in the lot's stretch, else the first one before any lot is named."""
    for quantity in quantities:
        if start <= quantity.position < end:
            return quantity.value
    for quantity in quantities:
        if segment_start <= quantity.position < start:
            return quantity.value
    return None


def _consolidate(findings: list[_Finding]) -> list[Consideration]:
    findings = _drop_vague_social(_resolve_reservations(findings))
    groups: dict[tuple[Category, str | None], list[_Finding]] = defaultdict(list)
    for finding in findings:
        groups[(next(iter(finding.categories)), finding.lot_id)].append(finding)
    order = list(Category)
    considerations = [
        _merge(category, lot_id, group)
        for (category, lot_id), group in sorted(
            groups.items(),
            key=lambda item: (item[0][1] is not None, item[0][1] or "", order.index(item[0][0])),
        )
    ]
    return considerations


def _resolve_reservations(findings: list[_Finding]) -> list[_Finding]:
    """Give a kind to reservations that did not state it.

    The kind comes from the same scope, else (for a lot) from the notice; a notice-level
    reservation of unknown kind whose kind is stated on lots is explained by them and dropped.
    Otherwise `DEFAULT_RESERVED` applies, with a confidence saying it is a default.
    """
    decided = [finding for finding in findings if len(finding.categories) == 1]
    resolved = list(decided)
    for finding in findings:
        if len(finding.categories) == 1:
            continue
        kinds = _kinds(decided, finding, finding.lot_id)
        if not kinds and finding.lot_id is not None:
            kinds = _kinds(decided, finding, None)
        if kinds:
            resolved += [replace(finding, categories=frozenset({kind})) for kind in sorted(kinds)]
        elif finding.lot_id is None and any(
            decided_finding.categories <= finding.categories for decided_finding in decided
        ):
            continue
        else:
            confidence = min(finding.confidence, DEFAULT_RESERVED_CONFIDENCE)
            resolved.append(replace(finding, categories=frozenset({DEFAULT_RESERVED}), confidence=confidence))
    return resolved


def _kinds(decided: list[_Finding], finding: _Finding, lot_id: str | None) -> set[Category]:
    return {
        category
        for other in decided
        if other.lot_id == lot_id
        for category in other.categories
        if category in finding.categories
    }


def _drop_vague_social(findings: list[_Finding]) -> list[_Finding]:
    """`social_other` says "something social": drop it where something more precise is known."""
    precise_scopes = {f.lot_id for f in findings if f.categories != {Category.SOCIAL_OTHER}}

    def explained(finding: _Finding) -> bool:
        if finding.lot_id is None:
            return bool(precise_scopes)
        return finding.lot_id in precise_scopes or None in precise_scopes

    return [f for f in findings if f.categories != {Category.SOCIAL_OTHER} or not explained(f)]


def _merge(category: Category, lot_id: str | None, group: list[_Finding]) -> Consideration:
    """One consideration from the findings of a category and scope: strongest evidence first."""
    ranked = sorted(
        group,
        key=lambda f: (f.confidence, f.evidence.kind is EvidenceKind.FIELD, len(f.evidence.text)),
        reverse=True,
    )
    best = ranked[0]
    reference = next(
        (
            reference
            for finding in ranked
            for reference in finding.references
            if reference.article.basis_for(category)
        ),
        None,
    )
    confidence = best.confidence
    if reference is not None:
        confidence = min(1.0, confidence + _LEGAL_BASIS_CONFIDENCE)
    return Consideration(
        category=category,
        evidence=best.evidence,
        lot_id=lot_id,
        legal_basis=reference.article.basis_for(category) if reference else None,
        cited_reference=reference.cited if reference else None,
        hours=next((f.hours for f in ranked if f.hours is not None), None),
        percent=next((f.percent for f in ranked if f.percent is not None), None),
        confidence=round(confidence, 2),
    )
