"""What full-text search reads: `Notice.search_vector` (PostgreSQL) and `Notice.search_text`.

The French vector (unaccent + stemming) costs more than the insert itself (DESIGN.md section 7),
so it is computed by one UPDATE per batch of notices, in the database, from the stored columns:
never per row, never in Python. SQLite has no such thing: `search_text` holds the folded text
(`detection.text.fold`: lower case, no accents, same length) that the fallback search matches
with `icontains`; fold the query the same way.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from django.db import connection

from detection.text import fold

SEARCH_CONFIG = "clausier_fr"
"""The text search configuration created by migration `notices.0002_postgres_search`."""

_REFRESH_SQL = f"""
UPDATE notices_notice AS notice SET search_vector =
    setweight(to_tsvector('{SEARCH_CONFIG}', notice.title), 'A')
    || setweight(to_tsvector('{SEARCH_CONFIG}', buyer.name || ' ' || coalesce(
        (SELECT string_agg(lot.title, ' ') FROM notices_lot AS lot WHERE lot.notice_id = notice.id), ''
    )), 'B')
    || setweight(to_tsvector('{SEARCH_CONFIG}', notice.description || ' ' || coalesce(
        (SELECT string_agg(consideration.evidence_text, ' ')
         FROM notices_socialconsideration AS consideration WHERE consideration.notice_id = notice.id), ''
    )), 'C')
FROM notices_buyer AS buyer
WHERE buyer.id = notice.buyer_id AND notice.id = ANY(%s)
"""


def uses_search_vector() -> bool:
    return connection.vendor == "postgresql"


def refresh_search_vectors(notice_ids: Sequence[int]) -> None:
    """Recompute the weighted vectors of these notices (title A, buyer and lots B, description
    and evidence C) in one statement; a no-op outside PostgreSQL."""
    if notice_ids and uses_search_vector():
        with connection.cursor() as cursor:
            cursor.execute(_REFRESH_SQL, [list(notice_ids)])


def search_text(title: str, buyer: str, description: str, more: Iterable[str]) -> str:
    """The folded text the SQLite fallback searches (the same parts as the vector)."""
    return fold(" ".join([title, buyer, description, *more]))
