"""TED (Tenders Electronic Daily) Search API v3: French notices published in a date range.

The search (`POST /v3/notices/search`, expert query, `paginationMode` ITERATION with
`iterationNextToken`) lists publication numbers; each notice's eForms XML is then downloaded
from its `links.xml.MUL` address. Files already on disk are not downloaded again, so an
interrupted fetch resumes where it stopped.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from notices.fetch.http import PoliteClient

SEARCH_URL = "https://api.ted.europa.eu/v3/notices/search"
NOTICE_XML_URL = "https://ted.europa.eu/en/notice/{number}/xml"
PAGE_SIZE = 250


def query(since: date, until: date | None) -> str:
    """Expert query: French buyers, published in [since, until]."""
    parts = [f"publication-date>={since:%Y%m%d}"]
    if until:
        parts.append(f"publication-date<={until:%Y%m%d}")
    return " AND ".join([*parts, "buyer-country=FRA"])


def fetch(client: PoliteClient, *, since: date, until: date | None, output: Path) -> list[Path]:
    folder = output / "ted"
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    token = None
    while True:
        body = {
            "query": query(since, until),
            "fields": ["publication-number", "publication-date", "links"],
            "limit": PAGE_SIZE,
            "paginationMode": "ITERATION",
            "iterationNextToken": token,
        }
        page = client.request("POST", SEARCH_URL, json=body).json()
        for notice in page.get("notices", []):
            number = notice["publication-number"]
            path = folder / f"{number}.xml"
            if not path.exists():
                url = notice.get("links", {}).get("xml", {}).get("MUL") or NOTICE_XML_URL.format(
                    number=number
                )
                path.write_bytes(client.request("GET", url).content)
            written.append(path)
        token = page.get("iterationNextToken")
        if not token or not page.get("notices"):
            return written
