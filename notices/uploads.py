"""Files uploaded for import: stored under MEDIA_ROOT, then ingested by a background task."""

from __future__ import annotations

import uuid
from pathlib import Path

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.utils.text import get_valid_filename

from notices.tasks import ingest_files


def upload_dir() -> Path:
    return Path(settings.MEDIA_ROOT) / "imports"


def save_upload(upload: UploadedFile) -> Path:
    """Write the upload to a fresh folder of its own; the name is sanitised, never trusted."""
    folder = upload_dir() / uuid.uuid4().hex
    folder.mkdir(parents=True)
    path = folder / (get_valid_filename(Path(upload.name or "import").name) or "import")
    with open(path, "wb") as destination:
        for chunk in upload.chunks():
            destination.write(chunk)
    return path


def enqueue_ingest(upload: UploadedFile, *, format: str) -> str:
    """Store the file and queue its ingest; returns the task result id to follow it."""
    path = save_upload(upload)
    return ingest_files.enqueue(paths=[str(path)], format=format).id
