"""Admins kept in the database (CLERK_ADMINS only seeds them), changed only by the
secretariat and audited; display names as organisations write them; members Clerk cannot
match; the audit tables refuse TRUNCATE; ids longer than their columns are refused clearly."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from board.model import Actor, TeamsUser
from storage import limits
from tests.builders import add_people
from tests.faults.conftest import activity, footprint


async def test_admins_are_changed_in_chat_by_the_secretariat_only_and_audited(talk, board):
    sam = talk("Sam Patel")
    seen = await sam.say("make Sam Patel an admin")
    assert "Only the secretariat can change who is an admin." in seen
    assert not board.clerk.is_admin(board.clerk.resolve_person("Sam Patel"))
    jade = talk("Jade Hodgson")
    assert "Sam Patel is now an admin." in await jade.say("make Sam Patel an admin")
    assert board.clerk.is_admin(board.clerk.resolve_person("Sam Patel"))
    assert "Sam Patel is no longer an admin." in await jade.say("remove Sam Patel as admin")
    assert "can't remove yourself" in await jade.say("remove Jade Hodgson as admin")
    kinds = [(e.kind, e.actor, e.source, e.old, e.new)
             for e in board.clerk.identity_audit("Sam Patel")]
    assert ("admin", "Jade Hodgson", "chat", "no", "yes") in kinds
    assert ("not admin", "Jade Hodgson", "chat", "yes", "no") in kinds


def test_clerk_admins_only_seeds_and_the_cli_changes_admins(make_app, clerk_cli, monkeypatch):
    app = make_app()
    add_people(app, "Jade Hodgson", "Stuart Bell")
    monkeypatch.setenv("CLERK_ADMINS", "Jade Hodgson")
    code, seen, _ = clerk_cli("people", "list")
    assert code == 0 and "Jade Hodgson" in seen
    assert app.clerk.resolve_person("Jade Hodgson").is_admin  # seeded
    assert clerk_cli("people", "admin", "add", "Stuart Bell")[0] == 0
    assert clerk_cli("people", "admin", "remove", "Jade Hodgson")[0] == 0
    # Still in CLERK_ADMINS, but the secretariat removed her: the database decides.
    code, seen, _ = clerk_cli("people", "list")
    jade_row = next(line for line in seen.splitlines() if "Jade Hodgson" in line)
    stuart_row = next(line for line in seen.splitlines() if "Stuart Bell" in line)
    assert "yes" not in jade_row and "yes" in stuart_row
    code, seen, _ = clerk_cli("people", "audit")
    assert "not admin" in seen and "CLERK_ADMINS" in seen and "command line" in seen


@pytest.mark.parametrize("display", ["Jones, Katie", "Katie Jones (LBBD)", "Katie Jones - LBBD",
                                     "Cllr Katie Jones", "DS Katie Jones", "Dr Katie Jones [EXT]",
                                     "Jones, Katie (Metropolitan Police)"])
def test_display_names_as_organisations_write_them_propose_the_person(app, display):
    add_people(app, "Katie Jones", "Sam Patel")
    found = app.clerk.identify(TeamsUser("aad-katie", display))
    assert found.person.name == "Katie Jones" and found.newly_linked
    (event,) = app.clerk.identity_audit("Katie Jones")
    assert (event.kind, event.source, event.actor, event.new) == (
        "linked", "display name", display, "aad-katie")


async def test_a_member_clerk_cannot_match_can_still_read_but_not_act(talk, board):
    zed = talk("Zed Unknown", aad="aad-zed")
    assert "Wednesday 20 March 2024" in await zed.say("next meeting")
    seen = await zed.say("open actions")
    assert "Open actions (4)" in seen and "[Mark complete]" not in seen
    assert "Nothing in the minutes" in await zed.say("search knife crime")
    for change in ("close action 1", "my actions", "add CCTV to the June forward plan",
                   "make Zed Unknown an admin"):
        seen = await zed.say(change)
        assert "I can't tell which member of the board" in seen, change
        assert "aad-zed" not in seen and "clerk " not in seen
    assert board.clerk.action(1).status == "open" and board.clerk.plan()[1] == []


def test_the_audit_tables_refuse_update_delete_and_truncate(board):
    board.clerk.set_admin("Sam Patel", True, Actor.command_line())
    postgres = board.db.engine.dialect.name == "postgresql"
    statements = ["UPDATE identity_events SET actor = 'x'", "DELETE FROM identity_events",
                  "UPDATE action_events SET actor = 'x'", "DELETE FROM action_events"]
    if postgres:
        statements += ["TRUNCATE action_events CASCADE", "TRUNCATE identity_events CASCADE"]
    for statement in statements:
        with pytest.raises(Exception, match="append-only"), board.db.engine.begin() as conn:
            conn.execute(text(statement))
    assert [e.kind for e in board.clerk.identity_audit("Sam Patel")] == ["admin"]
    assert len(board.clerk.audit()) == 4  # the four actions' "created" events


async def test_ids_longer_than_their_columns_get_a_clear_refusal(board, connector, talk,
                                                                 clerk_cli):
    from aiohttp.test_utils import TestClient, TestServer

    from bot.app import create_app
    from bot.config import Settings

    long_id = "x" * 80
    async with TestClient(TestServer(create_app(board, Settings(reminder_interval=0)),
                                     host="127.0.0.1")) as http:
        before = footprint(board)
        too_long = activity(text="my actions", serviceUrl=connector.url)
        too_long["from"]["aadObjectId"] = long_id
        answer = await http.post("/api/messages", json=too_long)
        assert answer.status == 400
        assert "Teams user id (aadObjectId) is longer than Clerk stores (64" in (
            await answer.json())["error"]
        long_conversation = activity(text="my actions", serviceUrl=connector.url)
        long_conversation["conversation"]["id"] = "a:" + "c" * limits.CONVERSATION_ID
        answer = await http.post("/api/messages", json=long_conversation)
        assert answer.status == 400 and "conversation id" in (await answer.json())["error"]
        assert footprint(board) == before and connector.requests == []
    seen = await talk("Jade Hodgson").say(f"link {long_id} to Sam Patel")
    assert "That Teams user id is too long (80 characters; at most 64)." in seen
    code, _, said = clerk_cli("people", "link", "Sam Patel", "--aad-object-id", long_id)
    assert code == 1 and said.startswith("error: That Teams user id is too long")
    assert board.clerk.resolve_person("Sam Patel").aad_object_id is None
