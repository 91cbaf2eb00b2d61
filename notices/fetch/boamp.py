"""BOAMP open data (DILA) through the OpenDataSoft Explore API v2.1, one day at a time.

`GET .../datasets/boamp/records?where=dateparution=date'YYYY-MM-DD'&order_by=idweb&limit=100&offset=N`:
the API refuses `offset + limit` beyond 10,000, and BOAMP publishes well under that per day, so
each day is paged on its own. Every page is saved as served (`{"total_count", "results"}`): the
BOAMP parser reads API pages as they are.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import orjson

from notices.fetch.http import PoliteClient

RECORDS_URL = "https://boamp-datadila.opendatasoft.com/api/explore/v2.1/catalog/datasets/boamp/records"
PAGE_SIZE = 100
MAX_WINDOW = 10_000


def fetch(client: PoliteClient, *, since: date, until: date, output: Path) -> list[Path]:
    folder = output / "boamp"
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    day = since
    while day <= until:
        offset = 0
        while offset + PAGE_SIZE <= MAX_WINDOW:
            params = {
                "where": f"dateparution=date'{day.isoformat()}'",
                "order_by": "idweb",
                "limit": PAGE_SIZE,
                "offset": offset,
            }
            page = client.request("GET", RECORDS_URL, params=params).json()
            if not page.get("results"):
                break
            path = folder / f"boamp-{day.isoformat()}-{offset // PAGE_SIZE:03d}.json"
            path.write_bytes(orjson.dumps(page))
            written.append(path)
            offset += PAGE_SIZE
            if offset >= page.get("total_count", 0):
                break
        day += timedelta(days=1)
    return written
