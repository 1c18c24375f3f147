"""How much of a document a reader will take on: bytes, unpacked size, elements, nesting, pages,
characters and time. A file over any limit is refused with one line saying which; nothing is
read past a limit first."""

from __future__ import annotations

import time
from dataclasses import dataclass

from minutes.readers.errors import UnreadableDocument

MB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    max_bytes: int = 25 * MB
    # Word: the parts of the zip package once unpacked, their number, and the XML elements of
    # the body (a small .docx can hold hundreds of megabytes of XML).
    max_unpacked_bytes: int = 64 * MB
    max_package_parts: int = 2_000
    max_elements: int = 1_500_000
    # HTML elements open inside one another (libxml2 stops at 256, as here).
    max_depth: int = 256
    max_pages: int = 400
    # Characters of text in the document as read.
    max_chars: int = 4_000_000
    # Wall-clock seconds for reading one document.
    seconds: float = 60.0


DEFAULT_LIMITS = Limits()


class Budget:
    """The time left to read one document; ``check()`` in every loop that a file can make long."""

    def __init__(self, name: str, seconds: float) -> None:
        self.name = name
        self.seconds = seconds
        self._deadline = time.monotonic() + seconds

    def left(self) -> float:
        return self._deadline - time.monotonic()

    def check(self) -> None:
        if time.monotonic() > self._deadline:
            raise too_slow(self.name, self.seconds)


def too_slow(name: str, seconds: float) -> UnreadableDocument:
    return UnreadableDocument(
        f"{name}: reading took longer than {seconds:g} s, the limit for one document"
    )


def too_many_chars(name: str, limits: Limits) -> UnreadableDocument:
    return UnreadableDocument(
        f"{name}: more than {limits.max_chars:,} characters of text, the limit for one document"
    )
