"""Take a file's bytes safely: only a regular file (never a device, pipe, socket or directory,
whatever a symlink points at), never more than the size limit, never a wait on a writer."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from minutes.readers.errors import UnreadableDocument
from minutes.readers.limits import MB

_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a pipe"),
    (stat.S_ISCHR, "a device"),
    (stat.S_ISBLK, "a device"),
    (stat.S_ISSOCK, "a socket"),
)


def read_regular_file(path: Path, max_bytes: int) -> bytes:
    """The bytes of ``path``. Opened without blocking (a pipe with no writer does not hang),
    checked to be a regular file by the open descriptor (a symlink swapped after a check
    changes nothing), and read no further than ``max_bytes`` (a file that grows is refused)."""
    flags = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0)
    try:
        descriptor = os.open(path, flags)
    except OSError as error:
        raise UnreadableDocument(f"{path.name}: cannot be read ({error.strerror})") from None
    try:
        mode = os.fstat(descriptor)
        if not stat.S_ISREG(mode.st_mode):
            kind = next((name for test, name in _KINDS if test(mode.st_mode)), "a special file")
            raise UnreadableDocument(f"{path.name}: is {kind}, not a regular file; not read")
        if mode.st_size > max_bytes:
            raise over_size(path.name, mode.st_size, max_bytes)
        os.set_blocking(descriptor, True)
        chunks: list[bytes] = []
        taken = 0
        while chunk := os.read(descriptor, min(1 * MB, max_bytes + 1 - taken)):
            chunks.append(chunk)
            taken += len(chunk)
            if taken > max_bytes:
                raise over_size(path.name, taken, max_bytes)
    except OSError as error:
        raise UnreadableDocument(f"{path.name}: cannot be read ({error.strerror})") from None
    finally:
        os.close(descriptor)
    return b"".join(chunks)


def over_size(name: str, size: int, max_bytes: int) -> UnreadableDocument:
    return UnreadableDocument(
        f"{name}: {size / MB:.1f} MB is over the {max_bytes / MB:g} MB limit for one document"
    )
