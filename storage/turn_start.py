"""A turn's first visit to the database, in one round trip: record the activity against
redelivery (``processed_activities``), find the person the Teams identity is linked to, and
read the conversation's dialog state.

Every turn needs all three before it can do anything, so asking for them separately cost two
extra round trips (and on PostgreSQL two extra statements for the server) per message. On
PostgreSQL it is one statement, the record being a data-modifying CTE; on SQLite, which has
no such thing, three statements in one short transaction, in process.

On PostgreSQL the record commits without waiting for its WAL to reach the disk
(``synchronous_commit`` off for this statement's transaction only), so a turn that only reads
never waits for an fsync. That loses nothing that matters: a turn that changes anything
commits its change synchronously afterwards, which flushes the WAL written before it, this
record included; only a server crash within a fraction of a second of a read-only turn can
forget that turn's record, and then a redelivery of it would be answered a second time.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from botbuilder.core import PrivateConversationState, TurnContext
from botbuilder.core.bot_state import CachedBotState
from sqlalchemy import JSON, Boolean, Integer, String, text
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from board.model import PersonView
from storage.bot_state import READ as READ_STATE
from storage.bot_state import stored_item
from storage.db import Database
from storage.models import ProcessedActivity
from storage.repository import Repository, person_view

# Where the bot keeps this turn's TurnStart in ``TurnContext.turn_state``.
TURN_START = "clerk.turn_start"

_CLAIM_SQLITE = sqlite_insert(ProcessedActivity.__table__).on_conflict_do_nothing()
POSTGRES_STATEMENT = text("""
    WITH claim AS (
        INSERT INTO processed_activities (conversation_id, activity_id)
        VALUES (:conversation_id, :activity_id)
        ON CONFLICT DO NOTHING
        RETURNING 1
    )
    SELECT EXISTS (SELECT FROM claim) AS claimed,
           p.id, p.display_name, p.title, p.organisation, p.aliases, p.is_admin,
           p.aad_object_id, p.email, s.data, s.etag
    FROM (SELECT set_config('synchronous_commit', 'off', true)) AS relaxed
    LEFT JOIN people AS p ON p.aad_object_id = :aad
    LEFT JOIN bot_state AS s ON s.key = :state_key
""").columns(claimed=Boolean, id=Integer, display_name=String, title=String,
             organisation=String, aliases=JSON, is_admin=Boolean, aad_object_id=String,
             email=String, data=JSON, etag=Integer)


@dataclass(frozen=True)
class TurnStart:
    claimed: bool  # False: this activity was handled (or is being handled) already
    person: PersonView | None  # whom the Teams identity is linked to, if anyone
    state_key: str | None
    state: dict[str, Any] | None  # the stored state item (with its e_tag), if there is one


def start_turn(db: Database, conversation_id: str, activity_id: str, aad: str,
               state_key: str | None) -> TurnStart:
    claim = {"conversation_id": conversation_id, "activity_id": activity_id}
    if db.engine.dialect.name == "postgresql":
        # One statement, atomic by itself: no BEGIN/COMMIT around it (Database.transaction).
        with db.transaction(one_statement=True) as session:
            row = session.execute(POSTGRES_STATEMENT,
                                  {**claim, "aad": aad, "state_key": state_key or ""}).one()
        claimed = row.claimed
        person = person_view(row) if row.id is not None else None  # a person's columns
        stored = (row.data, row.etag) if row.etag is not None else None
    else:
        with db.transaction() as session:
            claimed = session.execute(_CLAIM_SQLITE, claim).rowcount == 1
            person = Repository(session).person_by_identity(aad)
            found = session.execute(READ_STATE, {"keys": [state_key or ""]}).one_or_none()
            stored = (found.data, found.etag) if found else None
    return TurnStart(
        claimed=bool(claimed),
        person=person,
        state_key=state_key,
        state=stored_item(*stored) if state_key and stored else None,
    )


class PrefetchedConversationState(PrivateConversationState):
    """botbuilder's PrivateConversationState (per user, per conversation), loaded from the
    turn's TurnStart when it has one instead of with a read of its own. (Stock botbuilder
    also reads again at every property access while the state is empty; this does not.)"""

    async def load(self, turn_context: TurnContext, force: bool = False) -> None:
        started = turn_context.turn_state.get(TURN_START)
        if (not force and isinstance(started, TurnStart) and started.state_key is not None
                and started.state_key == self.key_of(turn_context)):
            if self.get_cached_state(turn_context) is None:
                turn_context.turn_state[self._context_service_key] = CachedBotState(
                    started.state)
            return
        await super().load(turn_context, force)

    def key_of(self, turn_context: TurnContext) -> str | None:
        """The storage key of this turn's state; None when the activity cannot have one."""
        try:
            return self.get_storage_key(turn_context)
        except Exception:  # noqa: BLE001  (botbuilder raises a bare Exception for these)
            return None
