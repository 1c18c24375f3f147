"""Unit of work: one transaction, handed to the services as a Repository."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy.exc import DBAPIError, OperationalError

from board.errors import Unavailable
from storage.db import Database
from storage.repository import NameIndexCache, Repository


class UnitOfWork:
    """Callable the services use: ``with uow() as repo: ...`` commits on success, rolls
    back on any error, and turns a lost database into ``Unavailable``."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self.names = NameIndexCache()
        self.boards: dict[str, int] = {}  # boards are never deleted: their ids never change

    @contextmanager
    def __call__(self, *, read: bool = False) -> Iterator[Repository]:
        """``read``: the unit of work only reads (see ``Database.transaction``)."""
        try:
            with self.db.transaction(read=read) as session:
                yield Repository(session, self.names, self.boards)
        except (OperationalError, DBAPIError) as error:
            if is_connection_error(error):
                raise Unavailable(
                    "I can't reach the board's records right now, nothing was changed."
                ) from error
            raise


def is_connection_error(error: DBAPIError) -> bool:
    if error.connection_invalidated:
        return True
    text = str(error.orig).lower()
    return any(
        phrase in text
        for phrase in ("connection", "could not connect", "server closed", "terminating", "timeout")
    )
