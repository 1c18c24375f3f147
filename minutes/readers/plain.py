"""Plain text and Markdown: decoded as they are; the parser finds their structure."""

from __future__ import annotations

import re

from minutes.document import Document
from minutes.readers.errors import UnreadableDocument

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ufffe\uffff]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")
_PRINTABLE_SHARE = 0.95


def read_plain(data: bytes, name: str, file_format: str) -> Document:
    return Document(file_format, decode(data, name))


def decode(data: bytes, name: str) -> str:
    """UTF-8 (or UTF-16 with a byte-order mark), else Windows-1252; never binary."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            raise UnreadableDocument(f"{name}: not valid UTF-16 text") from None
    elif b"\x00" in data:
        raise UnreadableDocument(f"{name}: binary content, not text")
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            try:
                text = data.decode("cp1252")
            except UnicodeDecodeError:
                raise UnreadableDocument(
                    f"{name}: not text in UTF-8 or Windows-1252 encoding"
                ) from None
    sample = text[:200_000]
    if sample and 1 - len(_CONTROL.findall(sample)) / len(sample) < _PRINTABLE_SHARE:
        raise UnreadableDocument(f"{name}: mostly non-printable characters, not text")
    if _SURROGATE.search(sample):
        raise UnreadableDocument(f"{name}: invalid characters, not text")
    return text
