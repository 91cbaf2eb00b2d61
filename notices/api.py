"""Public read API over notices: the `/veille/` search and the notice page as JSON.

Filters are the page's (validated by the same `SearchForm`); the endpoints are public and
rate-limited per client address (`config.throttling`): past the rate, a 429 with Retry-After.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from django.http import HttpRequest
from ninja import Query, Router, Schema, Status

from config.throttling import PublicRateThrottle
from notices.detail import notice_detail, source_url
from notices.enums import SearchSort
from notices.forms import SearchForm
from notices.models import Notice
from notices.search import COUNT_CAP, PAGE_SIZE, SearchTooBroad, search_notices

router = Router(tags=["avis"], throttle=[PublicRateThrottle()])


class SearchFilters(Schema):
    """Query parameters; lists repeat the parameter (`?categories=a&categories=b`)."""

    q: str = ""
    categories: list[str] = []
    kinds: list[str] = []
    regions: list[str] = []
    departements: list[str] = []
    cpv_divisions: list[str] = []
    published_from: date | None = None
    published_to: date | None = None
    value_min: Decimal | None = None
    value_max: Decimal | None = None
    buyer: str = ""
    sort: SearchSort = SearchSort.DATE
    page: int = 1


class BuyerOut(Schema):
    name: str
    siret: str | None


class NoticeSummaryOut(Schema):
    id: int
    source: str
    source_id: str
    kind: str
    title: str
    buyer: BuyerOut
    published_on: date | None
    deadline_at: datetime | None
    value_amount: Decimal | None
    departement: str
    region: str
    cpv_main: str
    social_categories: list[str]
    url: str


class FacetValueOut(Schema):
    value: str
    label: str
    count: int
    selected: bool


class FacetOut(Schema):
    name: str
    label: str
    values: list[FacetValueOut]


class SearchOut(Schema):
    total: int
    total_is_capped: bool
    count_cap: int
    page: int
    page_count: int
    page_size: int
    ranked_window: int | None
    facets_too_broad: bool
    results: list[NoticeSummaryOut]
    facets: list[FacetOut]


class LotOut(Schema):
    lot_id: str
    title: str
    cpv_codes: list[str]
    value_amount: Decimal | None
    departements: list[str]


class HolderOut(Schema):
    name: str = ""
    siret: str | None = None


class AwardOut(Schema):
    contract_id: str
    lot_ids: list[str]
    holders: list[HolderOut]
    amount: Decimal | None
    notified_on: date | None
    duration_months: int | None


class LegalOut(Schema):
    article: str
    title: str
    allows: str
    older: str
    legifrance_url: str
    cited: bool


class EvidenceOut(Schema):
    kind: str
    field: str
    path: str
    text: str
    start: int | None
    end: int | None
    code_meaning: str | None


class ConsiderationOut(Schema):
    category: str
    category_label: str
    lot: str | None
    evidence: EvidenceOut
    legal_basis: str
    cited_reference: str
    legal: LegalOut | None
    hours: int | None
    percent: Decimal | None
    confidence: float
    detector_version: int


class CpvOut(Schema):
    code: str
    label: str


class NoticeOut(NoticeSummaryOut):
    description: str
    procedure: str
    duration_months: int | None
    cpv: list[CpvOut]
    departements: list[str]
    source_url: str
    lots: list[LotOut]
    awards: list[AwardOut]
    considerations: list[ConsiderationOut]


class ErrorOut(Schema):
    detail: str
    errors: dict[str, list[str]] = {}


def _summary(notice: Notice) -> dict:
    return {
        "id": notice.pk,
        "source": notice.source,
        "source_id": notice.source_id,
        "kind": notice.kind,
        "title": notice.title,
        "buyer": {"name": notice.buyer.name, "siret": notice.buyer.siret},
        "published_on": notice.published_on,
        "deadline_at": notice.deadline_at,
        "value_amount": notice.value_amount,
        "departement": notice.departement,
        "region": notice.region,
        "cpv_main": notice.cpv_main,
        "social_categories": notice.social_categories,
        "url": source_url(notice),
    }


@router.get("/", response={200: SearchOut, 422: ErrorOut, 503: ErrorOut}, summary="Rechercher des avis")
def search(request: HttpRequest, filters: Query[SearchFilters]):
    form = SearchForm(request.GET)
    if not form.is_valid():
        errors = {name: [str(error) for error in messages] for name, messages in form.errors.items()}
        return Status(422, {"detail": "Paramètres de recherche invalides.", "errors": errors})
    try:
        result = search_notices(form.to_params())
    except SearchTooBroad as too_broad:
        return Status(503, {"detail": str(too_broad.message)})
    return {
        "total": min(result.total, COUNT_CAP),
        "total_is_capped": result.total_is_capped,
        "count_cap": COUNT_CAP,
        "page": result.page,
        "page_count": result.page_count,
        "page_size": PAGE_SIZE,
        "ranked_window": result.ranked_window,
        "facets_too_broad": result.facets_too_broad,
        "results": [_summary(notice) for notice in result.notices],
        "facets": result.facets,
    }


@router.get("/{notice_id}", response={200: NoticeOut}, summary="Lire un avis")
def notice(request: HttpRequest, notice_id: int):
    detail = notice_detail(notice_id)
    notice = detail.notice
    considerations = []
    for shown in detail.considerations:
        consideration = shown.consideration
        legal = shown.legal
        considerations.append(
            {
                "category": consideration.category,
                "category_label": shown.category_label,
                "lot": consideration.lot_id,
                "evidence": {
                    "kind": consideration.evidence_kind,
                    "field": shown.evidence.field,
                    "path": consideration.evidence_path,
                    "text": consideration.evidence_text,
                    "start": consideration.evidence_start,
                    "end": consideration.evidence_end,
                    "code_meaning": shown.evidence.code_meaning,
                },
                "legal_basis": consideration.legal_basis,
                "cited_reference": consideration.cited_reference,
                "legal": legal
                and {
                    "article": legal.article,
                    "title": str(legal.title),
                    "allows": str(legal.allows),
                    "older": str(legal.older),
                    "legifrance_url": legal.legifrance_url,
                    "cited": shown.legal_is_cited,
                },
                "hours": consideration.hours,
                "percent": consideration.percent,
                "confidence": consideration.confidence,
                "detector_version": consideration.detector_version,
            }
        )
    return {
        **_summary(notice),
        "description": notice.description,
        "procedure": notice.procedure,
        "duration_months": notice.duration_months,
        "cpv": [{"code": item.code, "label": item.label} for item in detail.cpv],
        "departements": notice.departements,
        "source_url": detail.source_url,
        "lots": [
            {
                "lot_id": lot.lot_id,
                "title": lot.title,
                "cpv_codes": lot.cpv_codes,
                "value_amount": lot.value_amount,
                "departements": lot.departements,
            }
            for lot in notice.lots.all()
        ],
        "awards": list(notice.awards.all()),
        "considerations": considerations,
    }
