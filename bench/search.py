"""Search latency over a generated corpus of notices (DESIGN.md section 7 targets).

Generates `--notices N` notices in the configured database straight away (PostgreSQL `COPY`,
`bulk_create` elsewhere: parsing and ingest are measured by the other benchmarks), with the
vocabulary of `bench.generate` (same CPV, buyers, clause texts, one notice in five with a social
consideration), computes the search vectors in SQL in batches, then times `search_notices` on a
fixed list of realistic French queries and prints p50 / p95 per kind of query:

- newest first: text or filters, sorted by date;
- ranked narrow: relevance over queries matching up to 10,000 notices;
- ranked broad: relevance over queries matching more (only the most recent are ranked);
- facet counts: the five facet aggregates of a search.

Bench notices have source ids "bench-search-<n>" and live in the configured database (migrated
first): a second run with the same or a smaller N reuses them, `--drop` deletes them. Run:
`make bench SEARCH_ARGS="--notices 1000000"` or `python -m bench.search --notices 1000000`.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import time
import zlib
from collections.abc import Callable, Iterator
from datetime import date, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING

import django
import orjson

if TYPE_CHECKING:
    from notices.search import SearchParams

PREFIX = "bench-search-"
BATCH = 20_000
CATEGORIES = ("execution_condition", "award_criterion", "reserved_inclusion", "reserved_disability")
NEWEST = ["clause sociale", "nettoyage", "espaces verts insertion", "restauration scolaire", "travaux"]
NARROW = [
    "gardiennage insertion",
    "restauration scolaire réservé",
    "transport de personnes",
    "maîtrise d'œuvre",
]
BROAD = ["travaux", "marché", "services", "insertion", "commune"]
FILTERS = [
    {"categories": ("execution_condition",)},
    {"regions": ("75",), "kinds": ("contract_notice",)},
    {"cpv_divisions": ("45",), "published_from": date(2026, 1, 1)},
    {"departements": ("33", "64"), "value_min": Decimal("216000")},
]


def _setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    django.setup()


def _rows(start: int, count: int, seed: int, buyers: list[int]) -> Iterator[tuple[dict, str | None, int]]:
    """(notice fields, social category or None, hours) for bench notices start..start+count-1."""
    from bench import generate
    from detection.text import fold
    from referential.territories import departements

    places = [info for info in departements().values() if info.nuts3]
    rng = random.Random(seed + start)
    for number in range(start, start + count):
        cpv, what = rng.choice(generate.CPV)
        place = rng.choice(places)
        buyer = rng.choice(buyers)
        city = rng.choice(generate.CITIES)
        category = rng.choice(CATEGORIES) if rng.random() < generate.SOCIAL_SHARE else None
        hours = rng.randrange(35, 2000)
        description = generate.FILLER.format(what=what.lower(), buyer=f"la ville de {city}")
        if category == "execution_condition":
            description += " " + generate.CLAUSE.format(hours=hours)
        elif category in ("reserved_inclusion", "reserved_disability"):
            description += " " + generate.RESERVED
        elif category == "award_criterion":
            description += " " + generate.CRITERION + "."
        title = f"{what} — {city} ({place.name})"
        fields = {
            "source": "decp",
            "source_id": f"{PREFIX}{number}",
            "kind": rng.choice(("contract_notice", "contract_notice", "award", "contract_data")),
            "title": title,
            "description": description,
            "buyer_id": buyer,
            "published_on": date(2020, 1, 1) + timedelta(days=rng.randrange(2557)),
            "value_amount": Decimal(rng.randrange(5, 20_000) * 1000),
            "value_currency": "EUR",
            "cpv_main": cpv,
            "cpv_codes": [cpv],
            "cpv_division": cpv[:2],
            "departements": [place.code],
            "departement": place.code,
            "region": place.region_code,
            "content_hash": f"{number:064x}",
            "raw_compressed": zlib.compress(b"{}"),
            "has_social": category is not None,
            "social_categories": [category] if category else [],
            "search_text": fold(f"{title} {description}"),
        }
        yield fields, category, hours


def _buyers(count: int = 300) -> list[int]:
    from bench import generate
    from notices.models import Buyer

    rng = random.Random(2026)
    for number in range(count):
        name = f"{rng.choice(generate.BUYER_KINDS)} {rng.choice(generate.CITIES)} {number}"
        Buyer.objects.get_or_create(
            key=f"name:{PREFIX}{number}", defaults={"name": name, "departement": "33"}
        )
    return list(Buyer.objects.filter(key__startswith=f"name:{PREFIX}").values_list("pk", flat=True))


def _consideration(notice_id: int, category: str, hours: int) -> dict:
    return {
        "notice_id": notice_id,
        "category": category,
        "evidence_kind": "text",
        "evidence_path": "description",
        "evidence_text": "clause sociale d'insertion",
        "legal_basis": "L2112-2",
        "cited_reference": "",
        "hours": hours,
        "confidence": 0.9,
        "detector_version": 1,
    }


def _copy(model, rows: list[dict]) -> None:
    """PostgreSQL COPY of `rows` (dicts of column values) into the table of `model`."""
    from django.db import connection

    columns = list(rows[0])
    statement = f"COPY {model._meta.db_table} ({', '.join(columns)}) FROM STDIN"
    with connection.cursor() as cursor, cursor.cursor.copy(statement) as copy:
        for row in rows:
            copy.write_row([orjson.dumps(v).decode() if isinstance(v, list) else v for v in row.values()])


def _insert(start: int, count: int, seed: int, buyers: list[int]) -> None:
    """One batch: notices, their considerations and their search vectors, in one transaction."""
    from django.db import connection, transaction
    from django.utils import timezone

    from notices.models import Notice, SocialConsideration
    from notices.vectors import refresh_search_vectors

    rows = list(_rows(start, count, seed, buyers))
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                sequence = "pg_get_serial_sequence('notices_notice', 'id')"
                cursor.execute(f"SELECT nextval({sequence}) FROM generate_series(1, %s)", [count])
                ids = [row[0] for row in cursor.fetchall()]
            now = timezone.now()
            extra = {"version": "", "version_key": "", "procedure_id": "", "procedure": "", "url": ""}
            extra |= {"language": "fr", "detector_version": 1, "created_at": now, "updated_at": now}
            _copy(
                Notice, [{"id": pk, **fields, **extra} for pk, (fields, _, _) in zip(ids, rows, strict=True)]
            )
        else:
            notices = Notice.objects.bulk_create([Notice(**fields) for fields, _, _ in rows], batch_size=5000)
            ids = [notice.pk for notice in notices]
        considerations = [
            _consideration(pk, category, hours)
            for pk, (_, category, hours) in zip(ids, rows, strict=True)
            if category
        ]
        if connection.vendor == "postgresql":
            _copy(SocialConsideration, considerations)
        else:
            SocialConsideration.objects.bulk_create([SocialConsideration(**row) for row in considerations])
        refresh_search_vectors(ids)


def _no_timeout() -> None:
    """Bulk writes and deletes run without the statement timeout meant for web requests."""
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET statement_timeout = 0")


def _restore_timeout() -> None:
    """Searches are measured under the configured statement timeout."""
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("RESET statement_timeout")


def drop_corpus() -> int:
    """Delete the bench notices (and what hangs on them) and buyers; return how many notices."""
    from django.db import connection

    _no_timeout()
    bench = "SELECT id FROM notices_notice WHERE source_id LIKE %s"
    pattern = [f"{PREFIX}%"]
    with connection.cursor() as cursor:
        for table in ("notices_socialconsideration", "notices_lot", "notices_award"):
            cursor.execute(f"DELETE FROM {table} WHERE notice_id IN ({bench})", pattern)
        cursor.execute("DELETE FROM notices_notice WHERE source_id LIKE %s", pattern)
        deleted = cursor.rowcount
        cursor.execute("DELETE FROM notices_buyer WHERE key LIKE %s", [f"name:{PREFIX}%"])
    return deleted


def ensure_corpus(size: int, seed: int = 2026) -> int:
    """Make sure `size` bench notices exist; return how many were generated now."""
    from django.db import connection

    from notices.models import Notice

    _no_timeout()
    existing = Notice.objects.filter(source_id__startswith=PREFIX).count()
    if existing >= size:
        _restore_timeout()
        return 0
    buyers = _buyers()
    started = time.perf_counter()
    for start in range(existing, size, BATCH):
        count = min(BATCH, size - start)
        _insert(start, count, seed, buyers)
        done = start + count - existing
        rate = done / (time.perf_counter() - started)
        print(f"\r  generated {start + count:>9} / {size} ({rate:,.0f} notices/s)", end="", flush=True)
    print()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE notices_notice")  # visibility map: index-only counts
            cursor.execute("VACUUM ANALYZE notices_socialconsideration")
    _restore_timeout()
    return size - existing


def _time(run: Callable[[], object], repeat: int) -> list[float]:
    run()  # warm the caches once
    timings = []
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        timings.append((time.perf_counter() - started) * 1000)
    return timings


def _percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def _cases() -> list[tuple[str, float, list[tuple[SearchParams, Callable]]]]:
    """(kind, target p95 in ms, [(search, function timed)]) for each kind of query."""
    from notices.enums import SearchSort
    from notices.search import SearchParams, search_facets, search_notices

    def page(params: SearchParams) -> object:
        return search_notices(params, with_facets=False)

    ranked = SearchSort.RELEVANCE
    return [
        ("newest first (text)", 50, [(SearchParams(q=q), page) for q in NEWEST]),
        ("newest first (filters)", 50, [(SearchParams(**f), page) for f in FILTERS]),
        ("ranked narrow", 50, [(SearchParams(q=q, sort=ranked), page) for q in NARROW]),
        ("ranked broad", 100, [(SearchParams(q=q, sort=ranked), page) for q in BROAD]),
        (
            "facet counts",
            150,
            [(SearchParams(q=q), search_facets) for q in ["", *NARROW[:2], *BROAD[:2]]]
            + [(SearchParams(**f), search_facets) for f in FILTERS[:2]],
        ),
    ]


def measure(repeat: int) -> list[tuple[str, float | None, float | None, float, str]]:
    """(kind, p50 ms, p95 ms, target p95 ms, note) per kind of query; None when all timed out."""
    from notices.search import SearchTooBroad, search_notices

    lines = []
    for label, target, cases in _cases():
        timings: list[float] = []
        matches = []
        timeouts = 0
        for params, run in cases:
            try:
                timings += _time(lambda run=run, params=params: run(params), repeat)
                matches.append(search_notices(params, with_facets=False).total)
            except SearchTooBroad:
                timeouts += 1
        note = f"matches {min(matches, default=0):,}–{max(matches, default=0):,}" if matches else ""
        if timeouts:
            note += f" {timeouts}/{len(cases)} queries timed out (500 ms)"
        if timings:
            lines.append((label, statistics.median(timings), _percentile(timings, 0.95), target, note))
        else:
            lines.append((label, None, None, target, note))
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--notices", type=int, default=50_000, help="corpus size (default 50 000)")
    parser.add_argument("--repeat", type=int, default=10, help="timed runs per query")
    parser.add_argument("--drop", action="store_true", help="delete the bench notices and stop")
    args = parser.parse_args()
    _setup()
    from django.core.management import call_command
    from django.db import connection

    from notices.models import Notice

    if args.drop:
        print(f"deleted {drop_corpus()} bench notices")
        return
    call_command("migrate", verbosity=0)
    print(f"search benchmark on {connection.vendor}, corpus of {args.notices:,} bench notices")
    ensure_corpus(args.notices)
    _no_timeout()
    total = Notice.objects.count()
    _restore_timeout()
    print(f"{total:,} notices searched, {args.repeat} runs per query\n")
    print(f"{'query kind':<24}{'p50 ms':>9}{'p95 ms':>9}{'target':>9}  ok  note")
    for label, p50, p95, target, note in measure(args.repeat):
        if p95 is None:
            print(f"{label:<24}{'—':>9}{'—':>9}{target:>9.0f}  NO  {note}")
        else:
            verdict = "yes" if p95 <= target else "NO"
            print(f"{label:<24}{p50:>9.1f}{p95:>9.1f}{target:>9.0f}  {verdict:<3} {note}")


if __name__ == "__main__":
    main()
