"""Walk files, folders, `.zip` and `.gz` archives and parse every document found.

`iter_path` is the entry point of `clausier inspect` and of the ingest service: it yields
`(location, NoticeRecord | Rejection)` and never raises on bad input, so one broken record,
file or archive member is reported and the batch goes on.

Safety rules, each with a named rejection: archive members are streamed, never extracted, and
a member whose name would escape the archive (`../`, absolute paths) is refused; the number
of members, their declared and actual uncompressed size and their compression ratio are capped
(zip bombs, gzip bombs); inside a folder, symbolic links whose target lies outside the folder
are not followed, so a prepared folder cannot make the importer read `/etc` or a secrets file.
"""

from __future__ import annotations

import gzip
import os
import zipfile
from collections.abc import Iterator
from pathlib import Path, PurePosixPath
from typing import IO

from sources import boamp, decp, eforms, jsonsafe, ocds, xmlsafe
from sources.detect import Format, detect_format, looks_like_xml
from sources.reasons import Reason, RecordError
from sources.records import ParseResult, Rejection
from sources.streams import BoundedReader, Opener, read_capped, read_head

MAX_ARCHIVE_MEMBERS = 10_000
MAX_MEMBER_BYTES = 8 * 1024**3
"""Largest uncompressed member or gzip content (a full DECP history is about 3 GB)."""
MAX_ARCHIVE_BYTES = 32 * 1024**3
MAX_COMPRESSION_RATIO = 200
"""Public-procurement JSON and XML compress 10 to 40 times; 200 leaves room and stops bombs."""
RATIO_FLOOR_BYTES = 1024 * 1024
"""Small files may compress better than the ratio (a run of spaces): the ratio applies above this."""

_ZIP_MAGIC = b"PK\x03\x04"
_EMPTY_ZIP_MAGIC = b"PK\x05\x06"
_GZIP_MAGIC = b"\x1f\x8b"


def _decompressed_limit(compressed_size: int) -> int:
    return min(MAX_MEMBER_BYTES, max(RATIO_FLOOR_BYTES, compressed_size * MAX_COMPRESSION_RATIO))


def _unknown(head: bytes, open_stream: Opener, location: str) -> Iterator[ParseResult]:
    """An unrecognised document: parse it anyway for the sharper reason (DOCTYPE, bad syntax)."""
    try:
        if looks_like_xml(head):
            xmlsafe.parse_document(read_capped(open_stream, xmlsafe.MAX_DOCUMENT_BYTES))
        elif head.lstrip()[:1] in (b"{", b"["):
            jsonsafe.loads(read_capped(open_stream, jsonsafe.MAX_DOCUMENT_BYTES))
    except RecordError as error:
        yield error.rejection(location)
        return
    yield Rejection(
        Reason.UNKNOWN_FORMAT.value, "not an eForms, BOAMP, DECP or OCDS document", None, location
    )


def parse_document(open_stream: Opener, location: str, format: str = "auto") -> Iterator[ParseResult]:
    """Parse one (already decompressed) document, whichever its format."""
    try:
        head = read_head(open_stream)
        chosen = detect_format(head) if format == "auto" else Format(format)
        is_xml = looks_like_xml(head)
        if chosen is Format.DECP:
            yield from (decp.parse_xml if is_xml else decp.parse_json)(open_stream, location)
        elif chosen is Format.BOAMP and not is_xml:
            yield from boamp.parse_stream(open_stream, location)
        elif chosen is Format.OCDS:
            yield from ocds.parse_stream(open_stream, location)
        elif chosen is Format.UNKNOWN:
            yield from _unknown(head, open_stream, location)
        else:  # whole XML documents: an eForms notice, a BOAMP v230 notice
            data = read_capped(open_stream, xmlsafe.MAX_DOCUMENT_BYTES)
            yield from (eforms.parse if chosen is Format.EFORMS else boamp.parse_xml)(data, location)
    except RecordError as error:
        yield error.rejection(location)
    except OSError as error:
        yield Rejection(Reason.UNREADABLE.value, str(error), None, location)


def _unsafe_member(name: str) -> bool:
    if name.startswith(("/", "\\")) or "\\" in name or (len(name) > 1 and name[1] == ":"):
        return True
    return ".." in PurePosixPath(name).parts


def _iter_zip(path: Path, location: str, format: str) -> Iterator[tuple[str, ParseResult]]:
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as error:
        yield location, Rejection(Reason.ARCHIVE_CORRUPT.value, str(error), None, location)
        return
    with archive:
        members = [info for info in archive.infolist() if not info.is_dir()]
        if len(members) > MAX_ARCHIVE_MEMBERS:
            message = f"{len(members)} members (limit {MAX_ARCHIVE_MEMBERS})"
            yield location, Rejection(Reason.ARCHIVE_TOO_MANY_MEMBERS.value, message, None, location)
            return
        total = 0
        for info in members:
            where = f"{location}!{info.filename}"
            total += info.file_size
            if _unsafe_member(info.filename):
                message = "member path escapes the archive"
                yield where, Rejection(Reason.UNSAFE_PATH.value, message, None, where)
                continue
            limit = _decompressed_limit(info.compress_size)
            if info.file_size > limit or total > MAX_ARCHIVE_BYTES:
                message = f"declares {info.file_size} bytes from {info.compress_size} (decompression bomb?)"
                yield where, Rejection(Reason.ARCHIVE_TOO_LARGE.value, message, None, where)
                continue

            def open_member(
                info: zipfile.ZipInfo = info, limit: int = limit, where: str = where
            ) -> IO[bytes]:
                try:
                    return BoundedReader(archive.open(info), limit, where)
                except (zipfile.BadZipFile, NotImplementedError, RuntimeError, ValueError) as error:
                    # Broken local header, encrypted member, unknown compression method.
                    raise RecordError(Reason.ARCHIVE_CORRUPT, f"{where}: {error}") from None

            for result in _parse_maybe_gzip(open_member, where, format, info.compress_size):
                yield where, result


def _parse_maybe_gzip(open_stream: Opener, location: str, format: str, size: int) -> Iterator[ParseResult]:
    try:
        with open_stream() as stream:
            magic = stream.read(4)
    except RecordError as error:
        yield error.rejection(location)
        return
    if magic.startswith(_GZIP_MAGIC):

        def open_gzip() -> IO[bytes]:
            compressed = open_stream()
            limit = _decompressed_limit(size)
            return BoundedReader(gzip.GzipFile(fileobj=compressed), limit, location, underlying=compressed)

        yield from parse_document(open_gzip, location, format)
    elif magic.startswith((_ZIP_MAGIC, _EMPTY_ZIP_MAGIC)):
        yield Rejection(
            Reason.UNSUPPORTED_DOCUMENT.value, "archives inside archives are not read", None, location
        )
    else:
        yield from parse_document(open_stream, location, format)


def _iter_file(path: Path, location: str, format: str) -> Iterator[tuple[str, ParseResult]]:
    try:
        with open(path, "rb") as handle:
            magic = handle.read(4)
    except OSError as error:
        yield location, Rejection(Reason.UNREADABLE.value, str(error), None, location)
        return
    if magic.startswith((_ZIP_MAGIC, _EMPTY_ZIP_MAGIC)):
        yield from _iter_zip(path, location, format)
        return

    def open_file() -> IO[bytes]:
        return open(path, "rb")

    for result in _parse_maybe_gzip(open_file, location, format, path.stat().st_size):
        yield location, result


def _inside(target: Path, root: Path) -> bool:
    return target == root or root in target.parents


def _iter_folder(root: Path, format: str) -> Iterator[tuple[str, ParseResult]]:
    real_root = root.resolve()
    for folder, subfolders, files in os.walk(root, followlinks=False):
        subfolders.sort()
        for name in sorted(subfolders):
            candidate = Path(folder) / name
            if candidate.is_symlink() and not _inside(candidate.resolve(), real_root):
                where = str(candidate)
                message = "symbolic link to a folder outside the input folder"
                yield where, Rejection(Reason.SYMLINK_OUTSIDE.value, message, None, where)
        for name in sorted(files):
            candidate = Path(folder) / name
            where = str(candidate)
            if candidate.is_symlink():
                target = candidate.resolve()
                if not _inside(target, real_root):
                    message = "symbolic link to a file outside the input folder"
                    yield where, Rejection(Reason.SYMLINK_OUTSIDE.value, message, None, where)
                    continue
            if not candidate.is_file():
                message = "not a regular file (device, pipe or dangling link)"
                yield where, Rejection(Reason.UNREADABLE.value, message, None, where)
                continue
            yield from _iter_file(candidate, where, format)


def iter_path(path: str | os.PathLike[str], format: str = "auto") -> Iterator[tuple[str, ParseResult]]:
    """Every record and rejection found under `path` (a file, a folder, a .zip or a .gz).

    `format` forces a parser ("eforms", "boamp", "decp", "ocds"); "auto" detects it per document.
    """
    if format != "auto":
        Format(format)  # an unknown name is a caller's mistake, not bad data: let it raise
    root = Path(path)
    if root.is_dir():
        yield from _iter_folder(root, format)
    elif root.is_file():
        yield from _iter_file(root, str(root), format)
    else:
        where = str(root)
        yield where, Rejection(Reason.UNREADABLE.value, "no such file or folder", None, where)
