"""Read a minutes document: .txt, .md, .docx, .doc, .pdf, .html/.htm.

``read_structured`` gives a ``Document``: for Word, PDF and HTML its blocks (headings,
paragraphs, list items, tables) and ``text`` = ``render_text(blocks)``; for plain text and
Markdown the text as written (the parser finds its structure). ``read_document`` and
``read_document_data`` give that text for callers that want text only.

Every file is bounded (``Limits``): a regular file only, its size, its unpacked size and
element count (Word), nesting (HTML), pages and characters (PDF), and the time spent on it.
Anything unreadable or over a limit raises ``UnreadableDocument`` with a one-line reason.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from minutes.document import Document
from minutes.readers.errors import UnreadableDocument
from minutes.readers.isolation import run_isolated
from minutes.readers.legacy_word import read_doc
from minutes.readers.limits import DEFAULT_LIMITS, Budget, Limits, too_many_chars
from minutes.readers.pdf import read_pdf
from minutes.readers.plain import read_plain
from minutes.readers.source import over_size, read_regular_file
from minutes.readers.web import read_html
from minutes.readers.word import read_docx

__all__ = [
    "FORMATS",
    "MAX_BYTES",
    "Limits",
    "UnreadableDocument",
    "read_document",
    "read_document_data",
    "read_structured",
    "read_structured_data",
    "read_structured_bytes",
]

FORMATS = {
    ".txt": "txt",
    ".text": "txt",
    ".md": "md",
    ".markdown": "md",
    ".docx": "docx",
    ".doc": "doc",
    ".pdf": "pdf",
    ".html": "html",
    ".htm": "html",
}
MAX_BYTES = DEFAULT_LIMITS.max_bytes

Reader = Callable[[bytes, str, Limits, Budget], Document]
_READERS: dict[str, Reader] = {
    "docx": read_docx,
    "doc": read_doc,
    "pdf": read_pdf,
    "html": read_html,
}
# Readers whose time goes inside a library, bounded by running them in a child process.
_ISOLATED = frozenset(["pdf"])


def read_document(path: Path, *, max_bytes: int = MAX_BYTES) -> tuple[str, str]:
    """(text, format) where format is "txt", "md", "docx", "doc", "pdf" or "html"."""
    _, text, file_format = read_document_data(path, max_bytes=max_bytes)
    return text, file_format


def read_document_data(path: Path, *, max_bytes: int = MAX_BYTES) -> tuple[bytes, str, str]:
    """(the file's bytes, text, format): the bytes as read, for a digest of exactly what the
    text came from."""
    limits = DEFAULT_LIMITS if max_bytes == MAX_BYTES else Limits(max_bytes=max_bytes)
    data, document = _read(Path(path), limits)
    return data, document.text, document.format


def read_structured(path: Path, *, limits: Limits = DEFAULT_LIMITS) -> Document:
    """The document's blocks and text."""
    return _read(Path(path), limits)[1]


def read_structured_data(path: Path, *, limits: Limits = DEFAULT_LIMITS) -> tuple[bytes, Document]:
    """(the file's bytes, its blocks and text): the bytes for a digest of what was read."""
    return _read(Path(path), limits)


def read_structured_bytes(data: bytes, name: str, *,
                          limits: Limits = DEFAULT_LIMITS) -> Document:
    """The same for bytes already in hand (an upload); ``name`` gives the format."""
    file_format = _format(name)
    if len(data) > limits.max_bytes:
        raise over_size(name, len(data), limits.max_bytes)
    return _parse(data, name, file_format, limits)


def _read(path: Path, limits: Limits) -> tuple[bytes, Document]:
    file_format = _format(path.name)
    data = read_regular_file(path, limits.max_bytes)
    return data, _parse(data, path.name, file_format, limits)


def _format(name: str) -> str:
    suffix = Path(name).suffix
    file_format = FORMATS.get(suffix.lower())
    if file_format is None:
        supported = ", ".join(sorted(FORMATS))
        raise UnreadableDocument(
            f"{name}: unsupported file type {suffix or '(none)'!r}; use {supported}"
        )
    return file_format


def _parse(data: bytes, name: str, file_format: str, limits: Limits) -> Document:
    if not data:
        raise UnreadableDocument(f"{name}: the file is empty")
    reader = _READERS.get(file_format)
    if reader is None:
        document = read_plain(data, name, file_format)
    elif file_format in _ISOLATED:
        document = run_isolated(
            lambda: reader(data, name, limits, Budget(name, limits.seconds)),
            name,
            limits.seconds,
        )
    else:
        document = reader(data, name, limits, Budget(name, limits.seconds))
    if not document.text.strip():
        hint = " (a scanned PDF needs OCR first)" if file_format == "pdf" else ""
        raise UnreadableDocument(f"{name}: no text found{hint}")
    if len(document.text) > limits.max_chars:
        raise too_many_chars(name, limits)
    return document
