"""Showing why a social consideration was found: the text span highlighted in its field, or the
structured field and code explained in French.

Text evidence stores the span and its offsets in one field of the record (`detection` reads
`title`, `description` and the parsers' `texts`, e.g. eForms BT-70 performance terms). The
field's whole text is read back from the stored record (`Notice.raw`, parsed again with
`sources`), or from the notice's own title and description; when the offsets no longer match
that text, the span is shown alone rather than a wrong passage.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from detection import paths
from detection.paths import signal_path
from notices.enums import EvidenceKind
from notices.models import Notice, SocialConsideration
from sources.reader import parse_document
from sources.records import NoticeRecord

# Field (as `detection.paths.signal_path` names it) -> French name.
FIELD_NAMES = {
    paths.STRATEGIC_PROCUREMENT: _("Marché stratégique (eForms BT-06)"),
    paths.SOCIAL_OBJECTIVE: _("Objectif social (eForms BT-775)"),
    paths.RESERVED_PARTICIPATION: _("Participation réservée (eForms BT-71)"),
    paths.RESERVED_EXECUTION: _("Exécution réservée (eForms BT-736)"),
    paths.DECP_SOCIAL_CONSIDERATIONS: _("Considérations sociales (DECP)"),
    paths.BOAMP_CRITERIA: _("Critères (BOAMP)"),
    paths.BOAMP_RESERVATION: _("Réservation du marché (BOAMP)"),
    paths.BOAMP_RESERVED: _("Marché réservé (BOAMP)"),
    paths.BOAMP_RESERVED_YES: _("Marché réservé, bénéficiaires (BOAMP)"),
    paths.OCDS_RESERVED_PARTICIPATION: _("Participation réservée (OCDS)"),
    paths.OCDS_RESERVED_EXECUTION: _("Exécution réservée (OCDS)"),
    paths.OCDS_SUSTAINABILITY_GOAL: _("Objectif de durabilité (OCDS)"),
    paths.PERFORMANCE_TERMS: _("Conditions d'exécution (eForms BT-70)"),
    paths.AWARD_CRITERION_NAME: _("Nom du critère d'attribution (eForms BT-734)"),
    paths.AWARD_CRITERION_DESCRIPTION: _("Description du critère d'attribution (eForms BT-540)"),
    paths.NOTICE_AWARD_CRITERION_NAME: _("Nom du critère d'attribution"),
    paths.NOTICE_AWARD_CRITERION_DESCRIPTION: _("Description du critère d'attribution"),
    paths.TITLE: _("Objet"),
    paths.DESCRIPTION: _("Description"),
}

# Codes of the structured fields (eForms codelists, DECP and BOAMP values), folded to lower case.
CODE_MEANINGS = {
    "soc-obj": _("réalisation d'objectifs sociaux"),
    "opp": _(
        "possibilités d'emploi des chômeurs de longue durée, des personnes défavorisées ou handicapées "
        "(insertion)"
    ),
    "acc-all": _("accessibilité pour tous"),
    "et-eq": _("égalité des ethnies"),
    "gen-eq": _("égalité entre les femmes et les hommes"),
    "hum-right": _("respect des droits humains dans la chaîne d'approvisionnement"),
    "work-cond": _("conditions de travail équitables"),
    "other": _("autre objectif social"),
    "res-ws": _(
        "réservé aux ateliers protégés et aux opérateurs dont l'objet principal est l'intégration sociale "
        "et professionnelle de personnes handicapées ou défavorisées"
    ),
    "res-pub-ser": _("réservé aux organisations poursuivant une mission de service public (ESS)"),
    "yes": _("exécution réservée aux ateliers protégés (emplois protégés)"),
    "clause sociale": _("le marché comporte une clause sociale"),
    "critère social": _("le marché comporte un critère d'attribution social"),
    "marché réservé": _("le marché est réservé"),
    "concession réservée": _("la concession est réservée"),
    "social": _("objectif social"),
    "social.disadvantagedemploymentopportunities": _("emploi des personnes défavorisées (insertion)"),
}


@dataclass(frozen=True, slots=True)
class ShownEvidence:
    """Evidence ready for a template: `html` is escaped text with the span in <mark>."""

    field: str
    html: SafeString
    is_field: bool = False
    code_meaning: str | None = None


def highlight(text: str, start: int, end: int) -> SafeString:
    """`text` escaped, with `text[start:end]` wrapped in <mark class="clausier-evidence">."""
    return mark_safe(  # every part is escaped
        f'{escape(text[:start])}<mark class="clausier-evidence">{escape(text[start:end])}</mark>'
        f"{escape(text[end:])}"
    )


def field_name(path: str) -> str:
    return str(FIELD_NAMES.get(signal_path(path) or path, path))


def _record(notice: Notice) -> NoticeRecord | None:
    """The stored record parsed again (one parse per notice page), or None when unreadable."""
    raw = notice.raw
    if not raw:
        return None
    for result in parse_document(lambda: io.BytesIO(raw), f"notice {notice.pk}"):
        if isinstance(result, NoticeRecord):
            return result
    return None


FieldTexts = dict[tuple[str | None, str], list[str]]


def _criteria_texts(criteria, name_path: str, description_path: str) -> dict[str, list[str]]:
    """Award criteria: several share one path (BT-734 names, BT-540 descriptions)."""
    return {
        name_path: [criterion.name for criterion in criteria if criterion.name],
        description_path: [criterion.description for criterion in criteria if criterion.description],
    }


def _add(texts: FieldTexts, lot_id: str | None, by_path: dict[str, list[str]]) -> None:
    for path, candidates in by_path.items():
        texts.setdefault((lot_id, path), []).extend(text for text in candidates if text)


def field_texts(notice: Notice) -> FieldTexts:
    """(lot id or None, field path) -> the texts of that field (several for award criteria),
    for the notice and its lots, as detection read them."""
    texts: FieldTexts = {}
    record = _record(notice)
    if record is not None:
        _add(texts, None, {paths.TITLE: [record.title], paths.DESCRIPTION: [record.description or ""]})
        for field in record.texts:
            _add(texts, None, {field.path: [field.text]})
        _add(
            texts,
            None,
            _criteria_texts(
                record.award_criteria,
                paths.NOTICE_AWARD_CRITERION_NAME,
                paths.NOTICE_AWARD_CRITERION_DESCRIPTION,
            ),
        )
        for lot in record.lots:
            _add(
                texts,
                lot.lot_id,
                {paths.TITLE: [lot.title or ""], paths.DESCRIPTION: [lot.description or ""]},
            )
            for field in lot.texts:
                _add(texts, lot.lot_id, {field.path: [field.text]})
            _add(
                texts,
                lot.lot_id,
                _criteria_texts(
                    lot.award_criteria, paths.AWARD_CRITERION_NAME, paths.AWARD_CRITERION_DESCRIPTION
                ),
            )
    _add(texts, None, {paths.TITLE: [notice.title], paths.DESCRIPTION: [notice.description]})
    return texts


def show(consideration: SocialConsideration, texts: FieldTexts) -> ShownEvidence:
    """The evidence of `consideration` for display, given the texts of its notice (`field_texts`):
    the first text of its field whose `start:end` is the stored span, else the span alone."""
    name = field_name(consideration.evidence_path)
    span = consideration.evidence_text
    if consideration.evidence_kind == EvidenceKind.FIELD:
        meaning = CODE_MEANINGS.get(span.strip().lower())
        code = mark_safe(f"<code>{escape(span)}</code>")  # escaped
        return ShownEvidence(name, code, is_field=True, code_meaning=str(meaning) if meaning else None)
    start, end = consideration.evidence_start, consideration.evidence_end
    if start is not None and end is not None:
        for key in ((consideration.lot_id, consideration.evidence_path), (None, consideration.evidence_path)):
            for text in texts.get(key, ()):
                if text[start:end] == span:
                    return ShownEvidence(name, highlight(text, start, end))
    return ShownEvidence(name, highlight(span, 0, len(span)))
