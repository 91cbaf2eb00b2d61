"""Which format a file is in, from its first bytes (never from its name).

Files arrive renamed, extracted from archives or downloaded as `records.json`; only the content
is trustworthy. XML is recognised by its root element (eForms roots by namespace, BOAMP v230 by
`ANNONCE`, DECP by `marches`), JSON by the first telling key in the head (`"idweb"` for BOAMP,
`"marches"` for DECP, `"ocid"` for OCDS): the key that comes first wins, because nested values
of one format may quote a key of another.
"""

from __future__ import annotations

import enum
import re

from sources.eforms import ROOT_KINDS


class Format(enum.StrEnum):
    EFORMS = "eforms"
    BOAMP = "boamp"
    DECP = "decp"
    OCDS = "ocds"
    UNKNOWN = "unknown"


_UTF8_BOM = b"\xef\xbb\xbf"
_ROOT_TAG = re.compile(r"<([A-Za-z_][\w.\-]*:)?([A-Za-z_][\w.\-]*)([^>]*)>", re.DOTALL)
_SKIPPED = re.compile(r"<\?.*?\?>|<!--.*?-->|<!DOCTYPE(?:[^\[>]|\[.*?\])*>|\s+", re.DOTALL)
_XMLNS = re.compile(r"""xmlns(?::([\w.\-]+))?\s*=\s*["']([^"']*)["']""")
_JSON_KEYS = {b'"idweb"': Format.BOAMP, b'"marches"': Format.DECP, b'"ocid"': Format.OCDS}
_EFORMS_ROOTS = {namespace.rsplit(":", 1)[1].removesuffix("-2") for namespace in ROOT_KINDS}


def _decoded(head: bytes) -> str:
    """The head as text: UTF-16 with or without BOM (NUL bytes give it away), else UTF-8."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return head.decode("utf-16", errors="replace")
    if len(head) >= 2 and head[0] == 0:
        return head.decode("utf-16-be", errors="replace")
    if len(head) >= 2 and head[1] == 0:
        return head.decode("utf-16-le", errors="replace")
    return head.removeprefix(_UTF8_BOM).decode("utf-8", errors="replace")


def looks_like_xml(head: bytes) -> bool:
    return _decoded(head[:256]).lstrip().startswith("<")


def _xml_format(text: str) -> Format:
    position = 0
    while match := _SKIPPED.match(text, position):
        if match.end() == position:
            break
        position = match.end()
    root = _ROOT_TAG.match(text, position)
    if root is None:
        return Format.UNKNOWN
    prefix, name, attributes = (root.group(1) or "").rstrip(":"), root.group(2), root.group(3)
    namespaces = {found.group(1) or "": found.group(2) for found in _XMLNS.finditer(attributes)}
    namespace = namespaces.get(prefix, "")
    if name in _EFORMS_ROOTS and namespace.endswith(f":{name}-2"):
        return Format.EFORMS
    if name == "ANNONCE":
        return Format.BOAMP
    if name == "marches":
        return Format.DECP
    return Format.UNKNOWN


def detect_format(head: bytes) -> Format:
    """The format of a document from its first bytes (`sources.streams.HEAD_BYTES` are enough)."""
    text = _decoded(head).lstrip()
    if text.startswith("<"):
        return _xml_format(text)
    if not text.startswith(("{", "[")):
        return Format.UNKNOWN
    data = text.encode("utf-8")
    found = [(position, fmt) for key, fmt in _JSON_KEYS.items() if (position := data.find(key)) >= 0]
    return min(found)[1] if found else Format.UNKNOWN
