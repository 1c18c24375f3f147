"""How long each stored text may be: read from the models' column types, in one place, so
input is checked against the columns before it is written (a value too long for PostgreSQL
would otherwise fail the whole turn as if the database were down)."""

from __future__ import annotations

from sqlalchemy.orm import InstrumentedAttribute

from board.errors import InvalidInput
from storage.models import (
    BotState,
    ConversationRef,
    Person,
    ProcessedActivity,
)


def length(column: InstrumentedAttribute) -> int:
    """The column's maximum length in characters."""
    return column.property.columns[0].type.length


TEAMS_ID = min(length(Person.aad_object_id), length(ConversationRef.aad_object_id))
EMAIL = length(Person.email)
CONVERSATION_ID = min(length(ConversationRef.conversation_id),
                      length(ProcessedActivity.conversation_id))
ACTIVITY_ID = length(ProcessedActivity.activity_id)
SERVICE_URL = length(ConversationRef.service_url)
STATE_KEY = length(BotState.key)


def check(value: str | None, limit: int, what: str) -> None:
    """InvalidInput, with a sentence fit for a user, when ``value`` is longer than ``limit``."""
    if value is not None and len(value) > limit:
        raise InvalidInput(f"That {what} is too long ({len(value)} characters; at most {limit}).")


def activity_problem(body: dict) -> str | None:
    """Why an incoming activity cannot be stored (an id longer than its column), or None."""
    sender = body.get("from") or {}
    conversation = body.get("conversation") or {}
    state_key = (f"{body.get('channelId') or ''}/conversations/{conversation.get('id') or ''}"
                 f"/users/{sender.get('id') or ''}")  # botbuilder's per-user state key
    for value, limit, what in (
        (sender.get("aadObjectId"), TEAMS_ID, "Teams user id (aadObjectId)"),
        (conversation.get("id"), CONVERSATION_ID, "conversation id"),
        (body.get("id"), ACTIVITY_ID, "activity id"),
        (body.get("serviceUrl"), SERVICE_URL, "serviceUrl"),
        (state_key, STATE_KEY, "conversation and user id"),
    ):
        if isinstance(value, str) and len(value) > limit:
            return f"the activity's {what} is longer than Clerk stores ({limit} characters)"
    return None
