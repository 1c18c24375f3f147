"""Read, parse and store documents: the one path for the CLI, the demo and the benchmark.

Reading and parsing a document needs nothing from the database, so for several documents it
runs in worker processes, a few documents ahead, while this process stores the ones already
parsed. Storing stays here, one document per transaction and in the order given, because
each document's actions are matched against those stored before it.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from datetime import date
from pathlib import Path

from board.errors import ClerkError
from minutes.loader import LoadSummary, MissingMeetingDate, load_minutes
from minutes.model import NotMinutes
from minutes.prepared import Prepared, prepare
from minutes.readers import UnreadableDocument
from storage.uow import UnitOfWork

# What makes one document fail without stopping the others.
DOCUMENT_ERRORS = (UnreadableDocument, NotMinutes, MissingMeetingDate, ClerkError, OSError)


def store(uow: UnitOfWork, document: Prepared, *, board: str,
          meeting_date: date | None = None, replace: bool = False) -> LoadSummary:
    """One document, one transaction: it goes in whole or not at all."""
    with uow() as repo:
        return load_minutes(
            repo,
            board=board,
            parsed=document.parsed,
            file_name=document.path.name,
            file_format=document.file_format,
            data=document.data,
            text=document.text,
            meeting_date=meeting_date,
            replace=replace,
        )


def ingest_file(
    uow: UnitOfWork, path: Path, *, board: str, meeting_date: date | None = None,
    replace: bool = False,
) -> LoadSummary:
    return store(uow, prepare(path, meeting_date), board=board, meeting_date=meeting_date,
                 replace=replace)


def ingest_files(
    uow: UnitOfWork,
    paths: Iterable[Path],
    *,
    board: str,
    meeting_date: date | None = None,
    workers: int | None = None,
    replace: bool = False,
) -> Iterator[tuple[Path, LoadSummary | Exception]]:
    """Each document's summary, or the DOCUMENT_ERRORS error that kept it out, in the order
    given. ``workers``: reading and parsing processes (default: one core fewer than the
    machine has, at least one); 0 reads and parses in this process. ``replace``: a
    document may replace the meeting another document was read for (see ``load_minutes``).

    The workers are forked here, at the call, before the caller starts any thread of its
    own (a progress bar): a fork copies only the calling thread, so a lock another thread
    held would stay locked in the child. Forked, they start at once with everything already
    imported (a fresh interpreter would import Clerk again: a second or two)."""
    paths = list(paths)
    if workers is None:
        workers = max(1, (os.cpu_count() or 1) - 1)
    if workers == 0 or len(paths) < 2:
        return (
            (path, _outcome(lambda p=path: ingest_file(uow, p, board=board,
                                                       meeting_date=meeting_date,
                                                       replace=replace)))
            for path in paths
        )
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("fork"))
    pool.submit(os.getpid).result()  # with fork, the first task starts every worker
    return _pipeline(pool, uow, paths, board, meeting_date, replace, ahead_by=2 * workers)


def _pipeline(pool: ProcessPoolExecutor, uow: UnitOfWork, paths: list[Path], board: str,
              meeting_date: date | None, replace: bool, ahead_by: int):
    with pool:
        ahead: deque[tuple[Path, Future]] = deque()
        for path in paths:  # keep a few documents parsed ahead of the one being stored
            ahead.append((path, pool.submit(prepare, path, meeting_date)))
            if len(ahead) > ahead_by:
                yield _stored(uow, *ahead.popleft(), board, meeting_date, replace)
        while ahead:
            yield _stored(uow, *ahead.popleft(), board, meeting_date, replace)


def _stored(uow: UnitOfWork, path: Path, parsing: Future, board: str,
            meeting_date: date | None, replace: bool) -> tuple[Path, LoadSummary | Exception]:
    return path, _outcome(lambda: store(uow, parsing.result(), board=board,
                                        meeting_date=meeting_date, replace=replace))


def _outcome(work) -> LoadSummary | Exception:
    try:
        return work()
    except DOCUMENT_ERRORS as error:
        return error
