"""The turn's first round trip: the redelivery record, the caller and the dialog state."""

import pytest

from board.model import Actor
from storage.bot_state import SqlStorage
from storage.turn_start import POSTGRES_STATEMENT, start_turn
from tests.builders import add_people

STATE_KEY = "msteams/conversations/a:1/users/29:jade/"


def test_an_activity_is_claimed_once(app):
    first = start_turn(app.db, "a:1", "activity-1", "aad-jade", STATE_KEY)
    again = start_turn(app.db, "a:1", "activity-1", "aad-jade", STATE_KEY)
    other = start_turn(app.db, "a:1", "activity-2", "aad-jade", STATE_KEY)
    assert (first.claimed, again.claimed, other.claimed) == (True, False, True)


def test_it_finds_the_linked_person_and_nobody_for_an_unknown_identity(app):
    ids = add_people(app, "Jade Hodgson", "Chris Lyons")
    app.clerk.record_email("Jade Hodgson", "jade@example.org", Actor.command_line())
    app.clerk.link_identity(ids["Jade Hodgson"], "aad-jade", Actor.command_line())
    linked = start_turn(app.db, "a:1", "activity-1", "aad-jade", STATE_KEY).person
    stranger = start_turn(app.db, "a:1", "activity-2", "aad-nobody", STATE_KEY).person
    assert linked == app.clerk.person_for_identity("aad-jade")
    assert (linked.name, linked.email, linked.aad_object_id) == (
        "Jade Hodgson", "jade@example.org", "aad-jade")
    assert stranger is None


async def test_it_reads_the_stored_state_as_the_storage_would(app):
    storage = SqlStorage(app.db)
    assert start_turn(app.db, "a:1", "activity-1", "aad-jade", STATE_KEY).state is None
    await storage.write({STATE_KEY: {"dialog_state": {"step": 2}}})
    started = start_turn(app.db, "a:1", "activity-2", "aad-jade", STATE_KEY)
    assert started.state == (await storage.read([STATE_KEY]))[STATE_KEY]
    assert started.state == {"dialog_state": {"step": 2}, "e_tag": "1"}
    assert start_turn(app.db, "a:1", "activity-3", "aad-jade", None).state is None


def test_on_postgresql_the_record_alone_skips_the_wait_for_the_disk(app):
    """synchronous_commit is off for the turn start's own transaction only: a later
    transaction (closing an action, say) commits synchronously, and flushes the record too."""
    if app.db.engine.dialect.name != "postgresql":
        pytest.skip("SQLite's WAL commits never wait for an fsync (synchronous=NORMAL)")
    params = {"conversation_id": "a:1", "activity_id": "activity-1", "aad": "aad-jade",
              "state_key": STATE_KEY}
    with app.db.engine.connect() as conn:
        with conn.begin():
            assert conn.execute(POSTGRES_STATEMENT, params).one().claimed
            assert conn.exec_driver_sql("SHOW synchronous_commit").scalar() == "off"
        assert conn.exec_driver_sql("SHOW synchronous_commit").scalar() == "on"
