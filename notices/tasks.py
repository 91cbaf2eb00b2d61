"""Background tasks of the notices app (django-tasks; `clausier db_worker` runs them)."""

from __future__ import annotations

import dataclasses

from django_tasks import task

from notices.services import ingest


@task()
def ingest_files(paths: list[str], format: str) -> dict[str, int]:
    """Ingest files uploaded from the imports page; the IngestRun row shows the progress."""
    return dataclasses.asdict(ingest(paths, format=format))
