"""Can the board's records be written? ``/healthz`` asks this, not only "can they be
reached": a read-only SQLite file or a full disk answers every read and fails every change."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import insert, update
from sqlalchemy.exc import DBAPIError, IntegrityError

from board.errors import Unavailable
from storage.db import Database
from storage.models import Lease
from storage.uow import is_connection_error

HEARTBEAT = "clerk:healthz"  # a row in leases that only this check writes


def database_health(db: Database) -> str:
    """"ok", "unreachable" (no answer), "busy" (the writer lock was not free in time) or
    "not writable" (it answers but refuses to store anything)."""
    now = datetime.now(UTC)
    try:
        with db.transaction() as session:
            written = session.execute(
                update(Lease).where(Lease.name == HEARTBEAT).values(expires_at=now)
            ).rowcount
            if not written:
                session.execute(insert(Lease).values(name=HEARTBEAT, holder="healthz",
                                                     expires_at=now))
    except IntegrityError:
        return "ok"  # another check inserted the row first: the database took a write
    except Unavailable:
        return "busy"
    except DBAPIError as error:
        return "unreachable" if is_connection_error(error) else "not writable"
    return "ok"
