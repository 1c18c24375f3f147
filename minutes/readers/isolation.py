"""Run a reader in a child process that is killed when the document's time is up.

Some readers spend their time inside a library (a PDF's content streams are decoded and laid
out by pdfminer) where no check of ours can run; a forked child with a deadline bounds them
whatever the file holds, and its memory is capped so a hostile file fails alone.
"""

from __future__ import annotations

import os
import pickle
import resource
import select
import signal
import time
from collections.abc import Callable
from typing import TypeVar

from minutes.readers.errors import UnreadableDocument
from minutes.readers.limits import too_slow

T = TypeVar("T")
# Address space for the child: far above what reading any real minutes needs.
MEMORY_BYTES = 3 * 1024**3


def run_isolated(work: Callable[[], T], name: str, seconds: float) -> T:
    """``work()`` in a forked child; its result, its ``UnreadableDocument``, or a refusal
    when it runs past ``seconds``, runs out of memory or dies."""
    reader, writer = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns into the caller's code
        status = 0
        try:
            os.close(reader)
            resource.setrlimit(resource.RLIMIT_AS, (MEMORY_BYTES, MEMORY_BYTES))
            try:
                outcome = ("ok", work())
            except UnreadableDocument as error:
                outcome = ("refused", str(error))
            except MemoryError:
                outcome = ("refused", f"{name}: needs more memory than one document may use")
            with os.fdopen(writer, "wb") as out:
                out.write(pickle.dumps(outcome))
        except BaseException:
            status = 1
        finally:
            os._exit(status)
    os.close(writer)
    try:
        payload = _collect(reader, pid, name, seconds)
    finally:
        os.close(reader)
    if not payload:
        raise UnreadableDocument(f"{name}: the reader stopped without a result; not read")
    kind, value = pickle.loads(payload)
    if kind == "refused":
        raise UnreadableDocument(value)
    return value


def _collect(reader: int, pid: int, name: str, seconds: float) -> bytes:
    deadline = time.monotonic() + seconds
    chunks: list[bytes] = []
    try:
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise too_slow(name, seconds)
            ready, _, _ = select.select([reader], [], [], left)
            if not ready:
                continue
            chunk = os.read(reader, 1 << 20)
            if not chunk:
                return b"".join(chunks)
            chunks.append(chunk)
    except BaseException:
        os.kill(pid, signal.SIGKILL)
        raise
    finally:
        os.waitpid(pid, 0)
