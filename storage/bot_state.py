"""Bot Framework state (conversation and dialog state) kept in the board's database.

``SqlStorage`` implements botbuilder's ``Storage`` over the ``bot_state`` table, so every bot
process sees the same conversations. Each row carries an integer version: ``read`` returns it
as the item's ``e_tag`` and ``write`` only replaces a row whose version still matches (one
conditional UPDATE, so the check is atomic in the database). Two turns that loaded the same
state therefore cannot silently overwrite each other: the second gets ``StateConflict``. An
e_tag of ``"*"`` or none at all overwrites, as in botbuilder's ``MemoryStorage``.

Values are stored as JSON via jsonpickle, like botbuilder's own Cosmos DB and Blob storages,
because the dialog stack (``DialogState``, prompt options) is made of objects, not plain dicts.
A ``StoreItem`` is stored as its public attributes and comes back as a dict.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterable
from typing import Any

from botbuilder.core import Storage
from jsonpickle.pickler import Pickler
from jsonpickle.unpickler import Unpickler
from sqlalchemy import bindparam, delete, func, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from storage.db import Database
from storage.models import BotState

TABLE = BotState.__table__
# Built once (every turn reads its dialog state): each read only binds its keys.
READ = select(TABLE.c.key, TABLE.c.data, TABLE.c.etag).where(
    TABLE.c.key.in_(bindparam("keys", expanding=True)))
UNCONDITIONAL = (None, "*")


class StateConflict(Exception):
    """The stored item changed since it was read (its e_tag no longer matches)."""

    def __init__(self, key: str, e_tag: object) -> None:
        super().__init__(f"bot state {key!r} was changed by another turn (expected e_tag {e_tag})")
        self.key = key


class SqlStorage(Storage):
    def __init__(self, db: Database) -> None:
        self.db = db

    async def read(self, keys: Iterable[str]) -> dict[str, dict[str, Any]]:
        keys = list(keys or [])
        return await asyncio.to_thread(self._read, keys) if keys else {}

    async def write(self, changes: dict[str, Any]) -> None:
        if changes is None:
            raise TypeError("SqlStorage.write(): changes are required")
        items = {key: _document(value) for key, value in changes.items()}
        if not items:
            return
        versions = await asyncio.to_thread(self._write, items)
        for key, value in changes.items():  # so a second save in the same turn is not stale
            if isinstance(value, dict):
                value["e_tag"] = str(versions[key])
            else:
                value.e_tag = str(versions[key])

    async def delete(self, keys: Iterable[str]) -> None:
        keys = list(keys or [])
        if keys:
            await asyncio.to_thread(self._delete, keys)

    def _read(self, keys: list[str]) -> dict[str, dict[str, Any]]:
        with self.db.transaction(read=True) as session:
            rows = session.execute(READ, {"keys": keys}).all()
        return {key: stored_item(data, etag) for key, data, etag in rows}

    def _write(self, items: dict[str, tuple[dict, object]]) -> dict[str, int]:
        with self.db.transaction() as session:  # all the changes, or none of them
            return {key: _put(session, key, data, e_tag) for key, (data, e_tag) in items.items()}

    def _delete(self, keys: list[str]) -> None:
        with self.db.transaction() as session:
            session.execute(delete(TABLE).where(TABLE.c.key.in_(keys)))


def stored_item(data: dict, etag: int) -> dict[str, Any]:
    """A stored row as ``read`` returns it: the item, with its version as the e_tag."""
    return {**Unpickler().restore(data), "e_tag": str(etag)}


def _document(value: Any) -> tuple[dict, object]:
    """The JSON to store for a dict or StoreItem, and the e_tag it was read with."""
    fields = dict(value) if isinstance(value, dict) else {
        name: field for name, field in vars(value).items() if not name.startswith("_")
    }
    e_tag = fields.pop("e_tag", None)
    if e_tag == "":
        raise ValueError("SqlStorage.write(): e_tag is empty")
    return Pickler().flatten(fields), e_tag


def _put(session: Session, key: str, data: dict, e_tag: object) -> int:
    """Store one item and return its new version; StateConflict if e_tag is stale."""
    for _ in range(3):
        query = update(TABLE).where(TABLE.c.key == key)
        if e_tag not in UNCONDITIONAL:
            version = int(e_tag) if str(e_tag).isdigit() else -1
            query = query.where(TABLE.c.etag == version)
        values = {"data": data, "etag": TABLE.c.etag + 1, "updated_at": func.now()}
        updated = session.execute(query.values(values).returning(TABLE.c.etag)).scalar()
        if updated is not None:
            return updated
        try:  # no row, or a row with another version: only a new row may be inserted
            with session.begin_nested():
                session.execute(insert(TABLE).values(key=key, data=data, etag=1))
            return 1
        except IntegrityError:
            if e_tag not in UNCONDITIONAL:
                raise StateConflict(key, e_tag) from None
    raise StateConflict(key, e_tag)
