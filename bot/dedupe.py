"""Idempotent turns: Teams may deliver the same activity twice (a retry after a timeout, a
second instance). ``Dedupe`` is a botbuilder middleware that records each (conversation id,
activity id) in ``processed_activities`` *before* the turn runs; the primary key makes the
insert the decision, atomically in the database and across every bot process. A duplicate
insert means the activity was (or is being) handled: the turn is skipped, so nothing changes
and no second reply is sent. If the turn itself fails, the record is removed again so a
redelivery can try once more (the services are transactional, so the failed turn changed
nothing, and a close is a conditional update, so a retry cannot close twice).

The record is the turn's first round trip to the database, so the same round trip also finds
who the user is and reads their dialog state (``storage/turn_start.py``); the handler and the
conversation state take them from ``TurnContext.turn_state`` instead of asking again.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable

from botbuilder.core import InvokeResponse, Middleware, TurnContext
from botbuilder.schema import Activity, ActivityTypes
from sqlalchemy import delete

from storage.db import Database
from storage.models import ProcessedActivity
from storage.turn_start import TURN_START, PrefetchedConversationState, start_turn

log = logging.getLogger(__name__)
TABLE = ProcessedActivity.__table__
ALREADY_HANDLED = "This was already handled; nothing was changed."


class Dedupe(Middleware):
    def __init__(self, db: Database, state: PrefetchedConversationState | None = None) -> None:
        self.db = db
        self.state = state  # the conversation state to read with the record, if any

    async def on_turn(self, context: TurnContext, logic: Callable[[], Awaitable]) -> None:
        activity = context.activity
        key = _key(activity)
        if key is None:  # nothing to recognise a redelivery by
            await logic()
            return
        user = activity.from_property
        state_key = self.state.key_of(context) if self.state is not None else None
        aad = (user.aad_object_id or user.id or "") if user else ""
        started = await asyncio.to_thread(start_turn, self.db, *key, aad, state_key)
        if not started.claimed:
            log.info("skipped a duplicate activity %s in %s", key[1], key[0])
            if activity.type == ActivityTypes.invoke:  # an invoke must still be answered
                await context.send_activity(_invoke_answer())
            return
        context.turn_state[TURN_START] = started
        try:
            await logic()
        except BaseException:
            try:
                await asyncio.to_thread(self._release, *key)
            except Exception:  # noqa: BLE001  (e.g. the database is what failed)
                log.warning("could not release activity %s", key[1], exc_info=True)
            raise

    def _release(self, conversation_id: str, activity_id: str) -> None:
        with self.db.transaction() as session:
            session.execute(delete(TABLE).where(TABLE.c.conversation_id == conversation_id,
                                                TABLE.c.activity_id == activity_id))


def _key(activity: Activity) -> tuple[str, str] | None:
    conversation = activity.conversation.id if activity.conversation else None
    if not activity.id or not conversation:
        return None
    return conversation[:500], activity.id[:200]


def _invoke_answer() -> Activity:
    body = {"statusCode": 200, "type": "application/vnd.microsoft.activity.message",
            "value": ALREADY_HANDLED}
    return Activity(type=ActivityTypes.invoke_response, value=InvokeResponse(status=200, body=body))

