"""Reading back the text of the PDFs reportlab writes, without poppler or pypdf.

reportlab compresses each content stream with Flate and wraps it in ASCII85; text is drawn
with `(...) Tj` in WinAnsi (cp1252), octal escapes for non-ASCII bytes. Enough for tests that
check which words and figures a page holds.
"""

from __future__ import annotations

import base64
import re
import zlib

STREAM = re.compile(rb"/Filter \[ /ASCII85Decode /FlateDecode \].*?stream\r?\n(.*?)endstream", re.S)
STRING = re.compile(rb"\(((?:\\.|[^\\)])*)\)")


def _unescape(raw: bytes) -> str:
    out = bytearray()
    index = 0
    while index < len(raw):
        byte = raw[index]
        if byte == ord("\\"):
            octal = re.match(rb"[0-7]{1,3}", raw[index + 1 : index + 4])
            if octal:
                out.append(int(octal.group(), 8))
                index += 1 + len(octal.group())
                continue
            out.append(raw[index + 1])
            index += 2
            continue
        out.append(byte)
        index += 1
    return out.decode("cp1252")


def pdf_pages(data: bytes) -> int:
    return len(re.findall(rb"/Type /Page\b", data))


def pdf_text(data: bytes) -> str:
    """Every string drawn in the document, one per line, in stream order."""
    strings = []
    for encoded in STREAM.findall(data):
        ascii85 = encoded.strip().removeprefix(b"<~").removesuffix(b"~>")
        content = zlib.decompress(base64.a85decode(ascii85))
        strings.extend(_unescape(match) for match in STRING.findall(content))
    return "\n".join(strings)
