"""The shape of an incoming activity, checked before botbuilder or any handler sees it: a field
of the wrong type is one clear 400, never a 500 with a traceback deep in a handler. Only the
shape is checked here (types, nesting, timestamps); what the fields mean is the handlers'."""

from __future__ import annotations

from datetime import datetime

MAX_DEPTH = 32  # Teams activities nest about 6 deep; cards in ``value`` a few more
REQUIRED_OBJECTS = ("from", "conversation")
OBJECTS = ("recipient", "channelData", "relatesTo")
LISTS_OF_OBJECTS = ("entities", "attachments", "membersAdded", "membersRemoved",
                    "reactionsAdded", "reactionsRemoved")
STRINGS = ("type", "id", "text", "serviceUrl", "channelId", "replyToId", "locale", "name",
           "deliveryMode", "textFormat", "summary", "inputHint", "action", "topicName")
TIMES = ("timestamp", "localTimestamp")
ACCOUNT_STRINGS = ("id", "name", "aadObjectId", "role", "tenantId")


def problem_with(body: object) -> str | None:
    """What is wrong with the activity, in words fit for the 400 (naming the field, never
    quoting its value); None if it may be handed on."""
    if not isinstance(body, dict):
        return "the body must be a JSON object (an activity)"
    if _depth(body) > MAX_DEPTH:
        return f"the activity is nested more than {MAX_DEPTH} levels deep"
    if not isinstance(body.get("type"), str) or not body["type"]:
        return "the activity has no type"
    for key in REQUIRED_OBJECTS:
        if not isinstance(body.get(key), dict) or not body[key].get("id"):
            return f"the activity has no {key}"
    for key in STRINGS + TIMES:
        if body.get(key) is not None and not isinstance(body[key], str):
            return f"{key} must be a string"
    for key in TIMES:
        if body.get(key) is not None and not _is_time(body[key]):
            return f"{key} is not a date and time"
    for key in REQUIRED_OBJECTS + OBJECTS:
        if body.get(key) is not None and not isinstance(body[key], dict):
            return f"{key} must be an object"
    for key in LISTS_OF_OBJECTS:
        found = body.get(key)
        if found is not None and not (
            isinstance(found, list) and all(isinstance(item, dict) for item in found)
        ):
            return f"{key} must be a list of objects"
    accounts = [body[key] for key in ("from", "recipient", "conversation") if body.get(key)]
    accounts += [m for key in ("membersAdded", "membersRemoved") for m in body.get(key) or []]
    for account in accounts:
        if any(account.get(k) is not None and not isinstance(account[k], str)
               for k in ACCOUNT_STRINGS):
            return "an account's id, name and aadObjectId must be strings"
    return None


def _depth(value: object) -> int:
    """How deeply lists and objects nest (iterative: a hostile body cannot overflow it)."""
    deepest = 0
    stack = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict | list):
            deepest = max(deepest, depth)
            if depth > MAX_DEPTH:
                return depth
            children = item.values() if isinstance(item, dict) else item
            stack.extend((child, depth + 1) for child in children)
    return deepest


def _is_time(value: str) -> bool:
    try:
        datetime.fromisoformat(value)
    except ValueError:
        return False
    return True
