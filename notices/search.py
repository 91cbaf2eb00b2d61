"""Searching stored notices: full text, facets, sort and pagination (the `/veille/` page and API).

PostgreSQL matches `Notice.search_vector` (GIN index, `clausier_fr` configuration: French
stemming after `unaccent`) with a `websearch` query, so "clause sociale" finds "clauses
sociales" and "reserve" finds "réservé". SQLite, used in development, matches every folded term
in `Notice.search_text` and sorts relevance by date.

Costs are bounded for a million notices (DESIGN.md section 7):
- relevance ranks only the `RANK_WINDOW` most recent matches (the UI says so), since ranking
  every match of a broad query reads all their vectors;
- counts stop at `COUNT_CAP`; above it the facets are counted over the `COUNT_CAP` most recent
  matches and shown as such;
- each facet is one aggregate query over the filtered set without that facet's own filter, so
  checking a box never hides its neighbours;
- a runaway query hits the statement timeout (PostgreSQL `statement_timeout`, a progress
  handler on SQLite) and becomes `SearchTooBroad`, shown in French.
"""

from __future__ import annotations

import contextlib
import json
import math
import time
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import OperationalError, connection, models, transaction
from django.db.models import Count, F, Q
from django.utils.translation import gettext_lazy as _

from detection.enums import Category
from detection.text import fold
from notices.enums import NoticeKind, SearchSort
from notices.models import Notice, SocialConsideration
from notices.vectors import SEARCH_CONFIG
from referential.cpv import divisions
from referential.territories import departements

PAGE_SIZE = 20
# Ranking reads the vector of every candidate: over a million notices, 10,000 candidates took
# 400-570 ms and 2,000 took 50-135 ms (bench.search, loaded 2-core machine).
RANK_WINDOW = 2_000
COUNT_CAP = 50_000
# Planner estimates of text matches are good to a factor of about two: above this many times
# COUNT_CAP, the exact capped count is skipped.
ESTIMATE_MARGIN = 4
# SQLite has no statement timeout: the same budget as PostgreSQL's default, checked by a
# progress handler (DATABASE_STATEMENT_TIMEOUT_MS in config/settings.py).
SQLITE_TIMEOUT_SECONDS = 0.5
# PostgreSQL's SQLSTATE for a statement cancelled by statement_timeout.
QUERY_CANCELED = "57014"
SEARCH_WORK_MEM = "32MB"


class SearchTooBroad(Exception):
    """The search took longer than the database allows; the user should narrow it."""

    message = _("Recherche trop large, précisez-la (ajoutez un mot, un territoire ou une période).")


@dataclass(frozen=True, slots=True)
class SearchParams:
    """A validated search (built by `notices.forms.SearchForm` from a page or API query)."""

    q: str = ""
    categories: tuple[str, ...] = ()
    regions: tuple[str, ...] = ()
    departements: tuple[str, ...] = ()
    cpv_divisions: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    published_from: date | None = None
    published_to: date | None = None
    value_min: Decimal | None = None
    value_max: Decimal | None = None
    buyer: str = ""
    sort: SearchSort = SearchSort.DATE
    page: int = 1

    @property
    def ranked(self) -> bool:
        return self.sort == SearchSort.RELEVANCE and bool(self.q.strip())


@dataclass(frozen=True, slots=True)
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool


@dataclass(frozen=True, slots=True)
class Facet:
    name: str  # the query parameter it filters
    label: str
    values: list[FacetValue]


@dataclass(slots=True)
class SearchResult:
    params: SearchParams
    notices: list[Notice]
    total: int  # capped at COUNT_CAP + 1
    facets: list[Facet] = field(default_factory=list)
    page: int = 1
    page_count: int = 0
    ranked_window: int | None = None  # set when relevance covered only the most recent matches
    facets_too_broad: bool = False  # the facet counts took too long: results are shown without

    @property
    def total_is_capped(self) -> bool:
        return self.total > COUNT_CAP

    @property
    def facets_are_partial(self) -> bool:
        """Facet counts cover only the `COUNT_CAP` most recent matches."""
        return self.total_is_capped


# --- Filters ---------------------------------------------------------------------------------


def _text_filter(queryset: models.QuerySet, q: str) -> models.QuerySet:
    if not q.strip():
        return queryset
    if connection.vendor == "postgresql":
        query = SearchQuery(q, config=SEARCH_CONFIG, search_type="websearch")
        return queryset.filter(search_vector=query)
    for term in fold(q).split():
        term = term.strip("\"'()+-")
        if term and term not in ("or", "ou"):
            queryset = queryset.filter(search_text__contains=term)
    return queryset


def _buyer_filter(buyer: str) -> Q:
    digits = buyer.replace(" ", "")
    if digits.isdigit() and len(digits) in (9, 14):
        return Q(buyer__siret__startswith=digits)
    return Q(buyer__name__icontains=buyer.strip())


def _facet_filters(params: SearchParams) -> dict[str, Q]:
    """One Q per facet, keyed by the facet's parameter name; an empty selection filters nothing."""
    filters = {
        "categories": Q(pk__in=_with_categories(params.categories)) if params.categories else Q(),
        "regions": Q(region__in=params.regions) if params.regions else Q(),
        "departements": Q(departement__in=params.departements) if params.departements else Q(),
        "cpv_divisions": Q(cpv_division__in=params.cpv_divisions) if params.cpv_divisions else Q(),
        "kinds": Q(kind__in=params.kinds) if params.kinds else Q(),
    }
    return filters


def _with_categories(categories: tuple[str, ...]) -> models.QuerySet:
    return SocialConsideration.objects.filter(category__in=categories).values("notice_id")


def _other_filters(params: SearchParams) -> Q:
    condition = Q()
    if params.published_from:
        condition &= Q(published_on__gte=params.published_from)
    if params.published_to:
        condition &= Q(published_on__lte=params.published_to)
    if params.value_min is not None:
        condition &= Q(value_amount__gte=params.value_min)
    if params.value_max is not None:
        condition &= Q(value_amount__lte=params.value_max)
    if params.buyer.strip():
        condition &= _buyer_filter(params.buyer)
    return condition


def _matching(params: SearchParams, base: models.QuerySet, without: str | None = None) -> models.QuerySet:
    """Notices matching `params`, ignoring the facet named `without` (for that facet's counts)."""
    queryset = _text_filter(base.filter(_other_filters(params)), params.q)
    for name, condition in _facet_filters(params).items():
        if name != without:
            queryset = queryset.filter(condition)
    return queryset


# --- Facets ----------------------------------------------------------------------------------


def _capped(queryset: models.QuerySet, capped: bool) -> models.QuerySet:
    """The set itself, or only its `COUNT_CAP` most recent notices when it is too large."""
    if not capped:
        return queryset
    return Notice.objects.filter(pk__in=queryset.newest_first().values("pk")[:COUNT_CAP])


# Facet parameter -> the Notice column it counts; "categories" counts social considerations.
FACET_COLUMNS = {
    "kinds": "kind",
    "regions": "region",
    "departements": "departement",
    "cpv_divisions": "cpv_division",
}


def _counts(queryset: models.QuerySet, column: str) -> dict[str, int]:
    rows = queryset.order_by().values(column).annotate(count=Count("pk")).values_list(column, "count")
    return {value: count for value, count in rows if value}


def _category_counts(queryset: models.QuerySet) -> dict[str, int]:
    rows = (
        SocialConsideration.objects.filter(notice__in=queryset.values("pk"))
        .order_by()
        .values("category")
        .annotate(count=Count("notice", distinct=True))
        .values_list("category", "count")
    )
    return dict(rows)


def _counts_of(queryset: models.QuerySet, name: str) -> dict[str, int]:
    """The counts of one facet over `queryset`, in one aggregate query."""
    if name == "categories":
        return _category_counts(queryset)
    return _counts(queryset, FACET_COLUMNS[name])


def _one_pass_counts(queryset: models.QuerySet, names: list[str]) -> dict[str, dict[str, int]]:
    """PostgreSQL: the counts of several facets over one set, read once (a materialised CTE).

    Categories come from the denormalised `social_categories` of each notice, which the ingest
    keeps equal to its considerations' categories.
    """
    columns = [FACET_COLUMNS[name] for name in names if name in FACET_COLUMNS]
    inner, params = queryset.order_by().values("pk", *columns, "social_categories").query.sql_with_params()
    parts = [f"SELECT %s, {column}, count(*) FROM matching GROUP BY {column}" for column in columns]
    part_params = [name for name in names if name in FACET_COLUMNS]
    if "categories" in names:
        parts.append(
            "SELECT %s, category, count(*) FROM matching, "
            "jsonb_array_elements_text(matching.social_categories) AS category GROUP BY category"
        )
        part_params.append("categories")
    sql = f"WITH matching AS MATERIALIZED ({inner}) " + " UNION ALL ".join(parts)
    counts: dict[str, dict[str, int]] = {name: {} for name in names}
    with connection.cursor() as cursor:
        cursor.execute(sql, (*params, *part_params))
        for name, value, count in cursor.fetchall():
            if value:
                counts[name][value] = count
    return counts


def _facet_counts(params: SearchParams, base: models.QuerySet, capped: bool) -> dict[str, dict[str, int]]:
    """Counts of every facet, each over the search without its own selection.

    Facets with nothing selected share the same set: PostgreSQL counts them in one pass over
    it; a facet with a selection gets its own pass. Elsewhere, one aggregate query per facet.
    """
    names = list(facet_labels())
    if connection.vendor != "postgresql":
        return {
            name: _counts_of(_capped(_matching(params, base, without=name), capped), name) for name in names
        }
    selected = [name for name in names if getattr(params, name)]
    shared = [name for name in names if name not in selected]
    counts = _one_pass_counts(_capped(_matching(params, base), capped), shared) if shared else {}
    for name in selected:
        counts |= _one_pass_counts(_capped(_matching(params, base, without=name), capped), [name])
    return counts


def _facet(name: str, label: str, counts: dict[str, int], labels: dict[str, str], selected) -> Facet:
    """Values in `labels` order; zero-count values only when selected (to uncheck them)."""
    values = [
        FacetValue(value, str(text), counts.get(value, 0), value in selected)
        for value, text in labels.items()
        if counts.get(value) or value in selected
    ]
    return Facet(name, str(label), values)


def facet_labels() -> dict[str, tuple[str, dict[str, str]]]:
    """Facet parameter -> (French title, value -> label), in display order."""
    departement_labels = {code: f"{code} — {info.name}" for code, info in departements().items()}
    region_labels = {info.region_code: info.region_name for info in departements().values()}
    return {
        "categories": (
            _("Type de considération sociale"),
            {value: str(label) for value, label in Category.choices()},
        ),
        "kinds": (_("Type d'avis"), {value: str(label) for value, label in NoticeKind.choices}),
        "regions": (_("Région"), dict(sorted(region_labels.items(), key=lambda item: item[1]))),
        "departements": (_("Département"), departement_labels),
        "cpv_divisions": (
            _("Secteur (division CPV)"),
            {code: f"{code} — {label}" for code, label in sorted(divisions().items())},
        ),
    }


def _facets(params: SearchParams, base: models.QuerySet, capped: bool) -> list[Facet]:
    counts = _facet_counts(params, base, capped)
    return [
        _facet(name, label, counts[name], labels, set(getattr(params, name)))
        for name, (label, labels) in facet_labels().items()
    ]


# --- Count ----------------------------------------------------------------------------------


def _count(matching: models.QuerySet) -> int:
    """The number of matches, exact up to `COUNT_CAP` (`COUNT_CAP + 1` means "more").

    Counting even a capped 50,000 matches reads them all (300 to 800 ms over a million notices),
    so on PostgreSQL a search the planner expects to match `ESTIMATE_MARGIN` times more is
    reported as "more" without counting.
    """
    if connection.vendor == "postgresql" and _estimated_rows(matching) > ESTIMATE_MARGIN * COUNT_CAP:
        return COUNT_CAP + 1
    return matching.order_by()[: COUNT_CAP + 1].count()


def _estimated_rows(queryset: models.QuerySet) -> int:
    """PostgreSQL's estimate of the rows of `queryset` (EXPLAIN, no execution: about 1 ms)."""
    sql, params = queryset.order_by().values("pk").query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (FORMAT JSON) {sql}", params)
        plan = cursor.fetchone()[0]
    plan = json.loads(plan) if isinstance(plan, str) else plan
    return int(plan[0]["Plan"]["Plan Rows"])


# --- Timeout ---------------------------------------------------------------------------------


@contextlib.contextmanager
def _time_limit() -> Iterator[None]:
    """Turn the database's cancellation of a slow search into `SearchTooBroad`.

    A savepoint keeps the surrounding transaction usable after PostgreSQL cancels a statement.
    """
    try:
        with transaction.atomic(), _sqlite_deadline():
            if connection.vendor == "postgresql":
                with connection.cursor() as cursor:
                    # Exact bitmaps for broad matches (the 4 MB default makes them lossy and
                    # every heap row is then checked again); released with the savepoint.
                    cursor.execute(f"SET LOCAL work_mem = '{SEARCH_WORK_MEM}'")
            yield
    except OperationalError as error:
        cause = error.__cause__
        if getattr(cause, "sqlstate", None) == QUERY_CANCELED or "interrupted" in str(error):
            raise SearchTooBroad from error
        raise


@contextlib.contextmanager
def _sqlite_deadline() -> Iterator[None]:
    if connection.vendor != "sqlite":
        yield
        return
    connection.ensure_connection()
    deadline = time.monotonic() + SQLITE_TIMEOUT_SECONDS
    connection.connection.set_progress_handler(lambda: int(time.monotonic() > deadline), 200)
    try:
        yield
    finally:
        connection.connection.set_progress_handler(None, 0)


# --- Search ----------------------------------------------------------------------------------


def search_notices(
    params: SearchParams, *, with_facets: bool = True, queryset: models.QuerySet | None = None
) -> SearchResult:
    """Run a search: one capped count, one page of notices, then the facet counts.

    `queryset` narrows the notices searched (default: all). Raises `SearchTooBroad` when the
    database cancels the count or the page for taking too long; when only the facet counts do,
    the results come without them (`facets_too_broad`).
    """
    base = Notice.objects.all() if queryset is None else queryset
    with _time_limit():
        matching = _matching(params, base)
        total = _count(matching)
        capped = total > COUNT_CAP
        page_count = math.ceil(min(total, COUNT_CAP) / PAGE_SIZE)
        ranked_window = None
        if params.ranked:
            if total > RANK_WINDOW:
                ranked_window = RANK_WINDOW
                page_count = min(page_count, RANK_WINDOW // PAGE_SIZE)
            ordered = _ranked(matching, params.q, windowed=ranked_window is not None)
        else:
            ordered = matching.newest_first()
        page = min(max(params.page, 1), max(page_count, 1))
        start = (page - 1) * PAGE_SIZE
        notices = list(ordered.select_related("buyer")[start : start + PAGE_SIZE])
    facets, facets_too_broad = [], False
    if with_facets:
        try:
            with _time_limit():
                facets = _facets(params, base, capped)
        except SearchTooBroad:
            facets_too_broad = True
    return SearchResult(
        params=replace(params, page=page),
        notices=notices,
        total=total,
        facets=facets,
        page=page,
        page_count=page_count,
        ranked_window=ranked_window,
        facets_too_broad=facets_too_broad,
    )


def search_facets(params: SearchParams, *, queryset: models.QuerySet | None = None) -> list[Facet]:
    """The facets of a search alone: one capped count, then one aggregate per facet."""
    base = Notice.objects.all() if queryset is None else queryset
    with _time_limit():
        return _facets(params, base, _count(_matching(params, base)) > COUNT_CAP)


def _ranked(matching: models.QuerySet, q: str, *, windowed: bool) -> models.QuerySet:
    """Most relevant first; ties (and SQLite, which cannot rank) newest first."""
    newest = (F("published_on").desc(nulls_last=True), "-id")
    if connection.vendor != "postgresql":
        return matching.order_by(*newest)
    if windowed:
        matching = Notice.objects.filter(pk__in=matching.newest_first().values("pk")[:RANK_WINDOW])
    query = SearchQuery(q, config=SEARCH_CONFIG, search_type="websearch")
    return matching.annotate(rank=SearchRank(F("search_vector"), query)).order_by("-rank", *newest)
