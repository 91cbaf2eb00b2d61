"""The one place where XML is parsed: lxml hardened against hostile documents.

Every parser of an XML format goes through `parse_document` (whole documents: eForms notices,
BOAMP v230 files) or `iter_elements` (streams: DECP XML). The parser never resolves entities,
never loads a DTD, never touches the network and keeps libxml2's default size limits
(`huge_tree=False`). A DOCTYPE has no use in any of the public-procurement formats read here and
is the carrier of every entity attack (XXE, billion laughs), so a document carrying one is
refused outright with `doctype_forbidden`, before any of its content is used. lxml >= 6.1 is
required because earlier `iterparse` could read local files through the DTD.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import IO, Any

from lxml import etree

from sources.reasons import Reason, RecordError

MAX_DOCUMENT_BYTES = 64 * 1024 * 1024
"""Largest single XML document read whole (an eForms notice with 100 lots is about 2 MB)."""

# Per-text caps: libxml2 refuses text nodes over 10 MB without `huge_tree`, and every text a
# parser keeps goes through `sources.fields.text`, capped at `MAX_FIELD_CHARS`.

_PARSER_OPTIONS = {
    "resolve_entities": False,
    "no_network": True,
    "load_dtd": False,
    "huge_tree": False,
    "remove_comments": True,
    "remove_pis": True,
}


def _parser() -> etree.XMLParser:
    return etree.XMLParser(**_PARSER_OPTIONS)


def _syntax_rejection(error: etree.XMLSyntaxError) -> RecordError:
    message = str(error)
    lowered = message.lower()
    if "encoding" in lowered or "char 0x0" in lowered or "utf-8" in lowered or "utf-16" in lowered:
        return RecordError(Reason.XML_ENCODING, f"the bytes do not match the declared encoding: {message}")
    return RecordError(Reason.XML_MALFORMED, message or "the XML document is not well formed")


def _refuse_doctype(tree: etree._ElementTree) -> None:
    docinfo = tree.docinfo
    if docinfo.doctype or docinfo.internalDTD is not None or docinfo.externalDTD is not None:
        raise RecordError(
            Reason.DOCTYPE_FORBIDDEN, "the document declares a DOCTYPE, which is never accepted"
        )


_DOCTYPE_MARKERS = tuple("<!DOCTYPE".encode(codec) for codec in ("utf-8", "utf-16-le", "utf-16-be"))
_PROLOG_BYTES = 64 * 1024


def _refuse_doctype_bytes(data: bytes) -> None:
    """Refuse a DOCTYPE seen in the prolog before libxml2 reads its internal subset at all."""
    prolog = data[:_PROLOG_BYTES]
    if any(marker in prolog for marker in _DOCTYPE_MARKERS):
        raise RecordError(
            Reason.DOCTYPE_FORBIDDEN, "the document declares a DOCTYPE, which is never accepted"
        )


def parse_document(data: bytes) -> etree._Element:
    """The root element of a whole XML document, or a `RecordError` naming why it is refused."""
    _refuse_doctype_bytes(data)
    if len(data) > MAX_DOCUMENT_BYTES:
        raise RecordError(
            Reason.FILE_TOO_LARGE, f"XML document of {len(data)} bytes (limit {MAX_DOCUMENT_BYTES})"
        )
    try:
        root = etree.fromstring(data, _parser())
    except etree.XMLSyntaxError as error:
        raise _syntax_rejection(error) from None
    if root is None:
        raise RecordError(Reason.XML_MALFORMED, "the XML document is empty")
    _refuse_doctype(root.getroottree())
    return root


def iter_elements(stream: IO[bytes], tag: str | tuple[str, ...]) -> Iterator[etree._Element]:
    """Yield each complete element named `tag` (local name, any namespace) from a stream.

    The caller reads the element during the iteration; it is cleared right after, together
    with the siblings already read, so memory stays flat on gigabyte files. The DOCTYPE check
    runs on the first start event, before any record is yielded.
    """
    names = {tag} if isinstance(tag, str) else set(tag)
    events = etree.iterparse(stream, events=("start", "end"), **_PARSER_OPTIONS)
    checked = False
    try:
        for event, element in events:
            if event == "start":
                if not checked:
                    _refuse_doctype(element.getroottree())
                    checked = True
                continue
            if etree.QName(element).localname not in names:
                continue
            yield element
            element.clear(keep_tail=False)
            parent = element.getparent()
            if parent is not None:
                while element.getprevious() is not None:
                    del parent[0]
    except etree.XMLSyntaxError as error:
        raise _syntax_rejection(error) from None


def local_name(element: etree._Element) -> str:
    tag = element.tag
    if not isinstance(tag, str):
        return ""
    return tag.rpartition("}")[2]


def element_value(element: etree._Element) -> Any:
    """An element as the JSON shape XML-to-JSON converters give it (DECP, BOAMP v230).

    A leaf becomes its stripped text (None when empty, so `<MARCHE_RESERVE_NON/>` is a key with
    no value, as in BOAMP's own JSON); repeated children become a list; attributes are dropped.
    """
    children = [child for child in element if isinstance(child.tag, str)]
    if not children:
        return (element.text or "").strip() or None
    value: dict[str, Any] = {}
    repeated: set[str] = set()
    for child in children:
        key = local_name(child)
        converted = element_value(child)
        if key not in value:
            value[key] = converted
        elif key in repeated:
            value[key].append(converted)
        else:
            value[key] = [value[key], converted]
            repeated.add(key)
    return value
