"""The one place where JSON is read: orjson for documents, ijson (C backend) for streams.

Single records (one BOAMP record, one OCDS release, the JSON embedded in BOAMP's `donnees`)
are decoded whole by orjson, which refuses invalid UTF-8 and nesting deeper than 1024.
Collections (DECP files of several gigabytes, BOAMP exports, OCDS packages) are streamed item
by item through ijson's `yajl2_c` backend, which builds each record in C: `collection` finds
where the items are and `stream_records` turns each into a record or a rejection. The
pure-Python ijson backend is about 18 times slower, which turns a 15-minute DECP history load
into hours: importing this module fails loudly instead. Every record then passes
`checked_canonical` (depth and text size), because ijson accepts any nesting and neither
library limits the length of a string.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from decimal import Decimal
from typing import IO, Any

import ijson
import orjson

from sources.fields import MAX_DEPTH, MAX_FIELD_CHARS
from sources.reasons import Reason, RecordError
from sources.records import NoticeRecord, ParseResult
from sources.streams import Opener, read_capped

if ijson.backend != "yajl2_c":
    raise ImportError(
        f"ijson uses its {ijson.backend!r} backend; the C backend 'yajl2_c' is required "
        "(reinstall ijson from a wheel for this platform, or install libyajl2 and rebuild it)"
    )

MAX_DOCUMENT_BYTES = 256 * 1024 * 1024
"""Largest JSON document decoded whole; collections of records are streamed instead."""

_BOM = b"\xef\xbb\xbf"


def loads(data: bytes) -> Any:
    """The decoded document, or a `RecordError` (`invalid_json`, `too_deep`, `file_too_large`)."""
    if len(data) > MAX_DOCUMENT_BYTES:
        raise RecordError(
            Reason.FILE_TOO_LARGE, f"JSON document of {len(data)} bytes (limit {MAX_DOCUMENT_BYTES})"
        )
    try:
        return orjson.loads(data)
    except orjson.JSONDecodeError as error:
        message = str(error)
        if "depth" in message or "recursion" in message:
            raise RecordError(Reason.TOO_DEEP, f"JSON nesting too deep: {message}") from None
        raise RecordError(Reason.INVALID_JSON, message) from None


_NON_FINITE = re.compile(rb"([:\[,]\s*)-?(?:NaN|Infinity)\b")
_CARRY_BYTES = 32


class NonFiniteAsNull:
    """A read-only stream that turns bare `NaN` / `Infinity` values into `null`.

    Consolidated DECP files written by pandas contain `"concessionnaires": NaN`, which no JSON
    parser accepts; a whole year of records must not be lost to it. The replacement runs on
    byte chunks at C speed, and only on chunks that contain the tokens. Chunks are cut just
    before a `,` or `:` so that a token is never split from the delimiter that precedes it.
    """

    def __init__(self, stream: IO[bytes]) -> None:
        self._stream = stream
        self._carry = b""

    def read(self, size: int = -1) -> bytes:
        if size == 0:
            return b""  # ijson probes the stream type with read(0)
        buffer = self._carry
        want = max(size, 2 * _CARRY_BYTES) if size and size > 0 else -1
        while True:
            chunk = self._stream.read(want)
            buffer += chunk
            if not chunk or want < 0:
                self._carry = b""
                return self._fix(buffer)
            limit = len(buffer) - _CARRY_BYTES
            cut = max(buffer.rfind(b",", 0, limit), buffer.rfind(b":", 0, limit)) if limit > 0 else -1
            if cut > 0:
                self._carry = buffer[cut:]
                return self._fix(buffer[:cut])

    @staticmethod
    def _fix(data: bytes) -> bytes:
        if b"NaN" in data or b"Infinity" in data:
            return _NON_FINITE.sub(rb"\1null", data)
        return data


def read_document(open_stream: Opener) -> Any:
    """A whole JSON document (one record, one release), decoded under the size cap."""
    return loads(read_capped(open_stream, MAX_DOCUMENT_BYTES))


def collection(head: bytes, *keys: str) -> tuple[str, bytes] | None:
    """Where a JSON file keeps its records, judged from its first bytes.

    ("", b"[") for a top-level array; (key, b"[" or b"{") for whichever of `keys` comes first
    with its value opening in the head; None when the file is one object without such a key.
    A key inside an embedded JSON string (BOAMP `donnees`) is escaped and never matches.
    """
    if head.removeprefix(_BOM).lstrip().startswith(b"["):
        return "", b"["
    found = []
    for key in keys:
        match = re.search(rb'"%s"\s*:\s*([\[{])' % re.escape(key.encode()), head)
        if match:
            found.append((match.start(), key, match.group(1)))
    if not found:
        return None
    _, key, opening = min(found)
    return key, opening


def enclose(prefix: str, raw: bytes) -> bytes:
    """The JSON document that holds `raw` alone at `prefix` ("marches.marche.item" gives
    `{"marches":{"marche":[raw]}}`): a streamed record's `raw` is then a complete file of its
    format, which `sources.reader.parse_document` reads back into the same record."""
    for part in reversed(prefix.split(".")):
        raw = b"[" + raw + b"]" if part == "item" else b'{"' + part.encode() + b'":' + raw + b"}"
    return raw


def stream_records(
    open_stream: Opener,
    prefix: str,
    location: str,
    build: Callable[[Any, bytes], NoticeRecord],
    record_id: Callable[[Any], str | None],
    *,
    enclosed: bool = True,
) -> Iterator[ParseResult]:
    """Build a record from each item under `prefix` and its `raw` bytes (checked for depth and
    size first): the item enclosed in its collection, or the item alone when not `enclosed`.
    A bad item is a rejection and the stream goes on; a syntax error ends it after the good
    items already yielded."""
    with open_stream() as stream:
        index = -1
        try:
            for index, item in enumerate(iter_items(stream, prefix)):
                try:
                    raw = checked_canonical(item)
                    yield build(item, enclose(prefix, raw) if enclosed else raw)
                except RecordError as error:
                    yield error.rejection(f"{location}#{prefix}[{index}]", record_id(item))
        except RecordError as error:
            yield error.rejection(f"{location}#{prefix}[{index + 1}]")


def iter_items(stream: IO[bytes], prefix: str) -> Iterator[Any]:
    """Each value under `prefix` (ijson syntax, e.g. "marches.marche.item").

    Decimals are exact and integers unbounded: with `use_float=True` yajl refuses any integer
    beyond 64 bits, and one such value would end the file. A syntax error after some records
    raises `invalid_json` once the good records before it have been yielded.
    """
    try:
        yield from ijson.items(NonFiniteAsNull(stream), prefix)
    except ijson.JSONError as error:
        message = str(error).strip()
        raise RecordError(Reason.INVALID_JSON, " ".join(message.split())[:300]) from None
    except UnicodeDecodeError as error:
        raise RecordError(Reason.INVALID_JSON, f"the text is not valid UTF-8: {error}") from None


def _walk_limits(value: Any, path: str) -> None:
    """The exact check of depth and text size, iterative on purpose: a recursive walk would
    itself fail on the 10 000-level arrays it exists to refuse."""
    stack: list[tuple[Any, int]] = [(value, 1)]
    while stack:
        current, depth = stack.pop()
        if isinstance(current, (dict, list)):
            if depth > MAX_DEPTH:
                raise RecordError(Reason.TOO_DEEP, f"{path}: nesting deeper than {MAX_DEPTH} levels")
            children = current.values() if isinstance(current, dict) else current
            stack.extend((child, depth + 1) for child in children)
        elif isinstance(current, str) and len(current) > MAX_FIELD_CHARS:
            raise RecordError(
                Reason.FIELD_TOO_LARGE,
                f"{path}: a text of {len(current)} characters (limit {MAX_FIELD_CHARS})",
            )


def _exact_number(value: Any) -> str:
    if isinstance(value, Decimal):
        return str(value)
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")


def checked_canonical(value: Any, path: str = "record") -> bytes:
    """Sorted-key JSON bytes of a record (its content hash basis), once its size is checked.

    The serialiser does the cheap part of the check: orjson refuses nesting deeper than 254
    levels, and a record whose serialisation is shorter than `MAX_FIELD_CHARS` cannot hold a
    longer text. Only the rare records that fail either test pay for the exact Python walk
    (a third of the parse time when it ran on every DECP record).
    """
    try:
        raw = orjson.dumps(value, option=orjson.OPT_SORT_KEYS, default=_exact_number)
    except orjson.JSONEncodeError:
        _walk_limits(value, path)
        # Integers beyond 64 bits: rare enough for the slow encoder, which has no such limit.
        raw = json.dumps(
            value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str
        ).encode()
    if len(raw) > MAX_FIELD_CHARS:
        _walk_limits(value, path)
    return raw
