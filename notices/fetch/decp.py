"""DECP consolidated files from data.gouv.fr (dataset API, then the files themselves).

`GET /api/1/datasets/<dataset>/` lists the resources; every JSON resource modified since the
given date is downloaded, streamed to disk (files reach gigabytes) into `<name>.part`, renamed
once complete. An interrupted download resumes with an HTTP `Range` request when the server
answers 206, and starts again when it answers 200.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path, PurePosixPath
from urllib.parse import urlparse

from notices.fetch.http import PoliteClient

DATASET_URL = "https://www.data.gouv.fr/api/1/datasets/{dataset}/"
DATASET = "donnees-essentielles-de-la-commande-publique-fichiers-consolides"
CHUNK = 1024 * 1024


def fetch(client: PoliteClient, *, since: date, output: Path, dataset: str = DATASET) -> list[Path]:
    folder = output / "decp"
    folder.mkdir(parents=True, exist_ok=True)
    resources = client.request("GET", DATASET_URL.format(dataset=dataset)).json().get("resources", [])
    written = []
    for resource in resources:
        modified = (resource.get("last_modified") or "")[:10]
        if (resource.get("format") or "").lower() != "json" or modified < since.isoformat():
            continue
        name = PurePosixPath(urlparse(resource["url"]).path).name or f"{resource['id']}.json"
        written.append(download(client, resource["url"], folder / name))
    return written


def download(client: PoliteClient, url: str, path: Path) -> Path:
    partial = path.with_name(path.name + ".part")
    done = partial.stat().st_size if partial.exists() else 0
    headers = {"Range": f"bytes={done}-"} if done else {}
    response = client.stream("GET", url, headers=headers)
    try:
        mode = "ab" if response.status_code == 206 else "wb"
        with open(partial, mode) as handle:
            for chunk in response.iter_bytes(CHUNK):
                handle.write(chunk)
    finally:
        response.close()
    partial.replace(path)
    return path
