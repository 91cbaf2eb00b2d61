"""One notice as the notice page and `GET /api/notices/{id}` show it: labels resolved, evidence
highlighted, legal bases explained. Three queries (notice with buyer, lots, awards,
considerations) and one parse of the stored record."""

from __future__ import annotations

from dataclasses import dataclass

from django.shortcuts import get_object_or_404

from detection.enums import Category
from notices.enums import Source
from notices.evidence import ShownEvidence, field_texts, show
from notices.legal import LegalBasis, explain
from notices.models import Notice, SocialConsideration
from referential.cpv import cpv_label
from referential.territories import departements

# Where a notice can be read at its source when the record gave no address.
SOURCE_URLS = {
    Source.TED: "https://ted.europa.eu/fr/notice/-/detail/{source_id}",
    Source.BOAMP: "https://www.boamp.fr/pages/avis/?q=idweb:{source_id}",
}


@dataclass(frozen=True, slots=True)
class Labelled:
    code: str
    label: str


@dataclass(frozen=True, slots=True)
class ShownConsideration:
    consideration: SocialConsideration
    category_label: str
    evidence: ShownEvidence
    legal: LegalBasis | None
    legal_is_cited: bool  # False: the usual basis of the category, not cited by the notice


@dataclass(frozen=True, slots=True)
class NoticeDetail:
    notice: Notice
    cpv: list[Labelled]
    places: list[Labelled]
    considerations: list[ShownConsideration]
    source_url: str


def cpv_labels(codes: list[str]) -> list[Labelled]:
    return [Labelled(code, cpv_label(code) or "") for code in codes]


def place_labels(codes: list[str]) -> list[Labelled]:
    known = departements()
    return [Labelled(code, known[code].name if code in known else "") for code in codes]


def source_url(notice: Notice) -> str:
    if notice.url:
        return notice.url
    pattern = SOURCE_URLS.get(notice.source)
    return pattern.format(source_id=notice.source_id) if pattern else ""


def notice_detail(pk: int) -> NoticeDetail:
    """The notice `pk` ready to show; raises Http404 when it does not exist (notices are public)."""
    notice = get_object_or_404(
        Notice.objects.select_related("buyer").prefetch_related("lots", "awards", "considerations"), pk=pk
    )
    texts = field_texts(notice)
    considerations = [
        ShownConsideration(
            consideration=consideration,
            category_label=Category(consideration.category).label,
            evidence=show(consideration, texts),
            legal=explain(consideration.legal_basis, consideration.category),
            legal_is_cited=bool(consideration.legal_basis),
        )
        for consideration in notice.considerations.all()
    ]
    codes = list(notice.cpv_codes) or ([notice.cpv_main] if notice.cpv_main else [])
    return NoticeDetail(
        notice=notice,
        cpv=cpv_labels(codes),
        places=place_labels(
            list(notice.departements) or ([notice.departement] if notice.departement else [])
        ),
        considerations=considerations,
        source_url=source_url(notice),
    )
