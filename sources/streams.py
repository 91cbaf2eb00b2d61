"""Byte streams as the parsers receive them: re-openable, bounded, read whole only under a cap.

Parsers take an `Opener` (a function returning a fresh binary stream) rather than a stream,
because a streamed format may need more than one pass (DECP 2022 keeps contracts and
concessions in two arrays) and because the same document may come from a file, a zip member
or a gzip stream.
"""

from __future__ import annotations

import zipfile
import zlib
from collections.abc import Callable
from typing import IO

from sources.reasons import Reason, RecordError

Opener = Callable[[], IO[bytes]]

HEAD_BYTES = 64 * 1024
"""How much of a document is read to tell its format and where its records are."""


def read_head(open_stream: Opener) -> bytes:
    with open_stream() as stream:
        return stream.read(HEAD_BYTES)


def read_capped(open_stream: Opener, limit: int) -> bytes:
    """The whole content, or `file_too_large` without reading more than `limit` + 1 bytes."""
    with open_stream() as stream:
        data = stream.read(limit + 1)
    if len(data) > limit:
        raise RecordError(Reason.FILE_TOO_LARGE, f"document larger than {limit} bytes")
    return data


class BoundedReader:
    """A binary stream that refuses to yield more than `limit` bytes (decompression bombs)."""

    def __init__(self, stream: IO[bytes], limit: int, what: str, underlying: IO[bytes] | None = None) -> None:
        self._stream = stream
        self._underlying = underlying
        self._limit = limit
        self._what = what
        self._count = 0

    def read(self, size: int = -1) -> bytes:
        try:
            data = self._stream.read(size)
        except (OSError, EOFError, zlib.error, zipfile.BadZipFile) as error:
            raise RecordError(Reason.ARCHIVE_CORRUPT, f"{self._what}: {error}") from None
        self._count += len(data)
        if self._count > self._limit:
            raise RecordError(
                Reason.ARCHIVE_TOO_LARGE,
                f"{self._what} expands beyond {self._limit} bytes (decompression bomb?)",
            )
        return data

    def __enter__(self) -> BoundedReader:
        return self

    def close(self) -> None:
        self._stream.close()
        if self._underlying is not None:
            self._underlying.close()

    def __exit__(self, *exc_info: object) -> None:
        self.close()
