"""Who may run which command: the permissions declared in the registry, enforced in one place."""

from __future__ import annotations

from bot.commands import Commands
from bot.router import route


def test_someone_clerk_cannot_match_may_ask_all_but_their_own_actions(board):
    """The commands' permissions: a caller Clerk could not match (None) gets every answer that
    is not about "my" actions, and is told why for those."""
    commands = Commands(board.clerk)
    assert "next meeting" in commands.run(route("where's the next meeting?"), None).text
    assert "Open actions (" in commands.run(route("open actions"), None).text
    assert "[Mark complete]" not in str(commands.run(route("open actions"), None).card)
    for mine in ("my actions", "close action 1", "add CCTV to the June plan",
                 "make Zed an admin", "unlink Sam Patel", "set email of Sam Patel to s@x.org"):
        seen = commands.run(route(mine), None, "Zed").text
        assert "I can't tell which member of the board \"Zed\" is yet" in seen, mine
    assert board.clerk.action(1).status == "open"
    assert board.clerk.resolve_person("Sam Patel").email is None


def test_the_secretariat_commands_refuse_members(board):
    commands = Commands(board.clerk)
    sam = board.clerk.resolve_person("Sam Patel")
    assert "Only the secretariat can link" in commands.run(
        route("link aad-x to Chris Lyons"), sam).text
    assert "Only the secretariat can export" in commands.run(route("export actions"), sam).text
    refusals = {"unlink Chris Lyons": "unlink people",
                "make Sam Patel an admin": "change who is an admin",
                "remove Jade Hodgson as admin": "change who is an admin",
                "set email of Sam Patel to sam@example.org": "record people's emails"}
    for asked, what in refusals.items():
        assert commands.run(route(asked), sam).text == f"Only the secretariat can {what}.", asked
    assert board.clerk.resolve_person("Sam Patel").email is None
    assert not board.clerk.is_admin(board.clerk.resolve_person("Sam Patel"))


def test_clerk_refuses_to_start_with_a_command_that_has_no_handler(board, monkeypatch):
    import pytest
    from botbuilder.core import PrivateConversationState

    from bot.handler import ClerkBot
    from bot.registry import RegistryError
    from storage.bot_state import SqlStorage
    from storage.outbox import Outbox

    monkeypatch.delattr(Commands, "meeting_actions")
    with pytest.raises(RegistryError, match="meeting_actions: no handler"):
        ClerkBot(board.clerk, PrivateConversationState(SqlStorage(board.db)), Outbox(board.db),
                 "https://clerk.example")
