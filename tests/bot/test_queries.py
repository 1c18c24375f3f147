"""Queries per turn do not grow with the size of the action log (no N+1): a whole turn,
through the bot pipeline, counted with a SQLAlchemy event listener."""

from __future__ import annotations

from contextlib import contextmanager

import pytest
from sqlalchemy import event

from tests.builders import add_action


@contextmanager
def statements(engine):
    seen: list[str] = []

    def record(conn, cursor, statement, *args) -> None:
        if not statement.lstrip().upper().startswith(("BEGIN", "COMMIT", "ROLLBACK")):
            seen.append(statement)

    event.listen(engine, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", record)


@pytest.mark.parametrize("text", ["my actions", "actions for Chris Lyons"])
async def test_queries_per_turn_do_not_grow_with_the_actions(board, talk, text):
    jade = talk("Jade Hodgson")
    await jade.say("help")  # first contact: linking and the conversation reference
    await jade.say(text)  # the name index is rebuilt once after the link changed a person

    async def count() -> int:
        with statements(board.db.engine) as seen:
            reply = await jade.say(text)
        assert "open actions" in reply.lower()
        return len(seen)

    few = await count()
    for n in range(40):
        owners = ["Jade Hodgson", "Chris Lyons"] if n % 2 else ["Chris Lyons", "Board members"]
        add_action(board, f"Follow up item {n}", owners)
    many = await count()
    assert many == few
    assert few <= 12

