"""Restricted agenda items never leak (every chat command, the CLI, every export), and the
audit log: `clerk audit --action N` shows who, what, when, from where; events are append-only."""

from __future__ import annotations

import io
import json
import zipfile
from datetime import date

import pytest
from botbuilder.schema import Activity
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from bot.router import COMMANDS
from storage.models import ActionEvent
from tests.bot.test_router import PHRASINGS
from tests.builders import add_item
from tests.faults.conftest import count

SECRET = "ZEBRA-7741-CONFIDENTIAL"


@pytest.fixture
def secret_board(board):
    from storage.models import Meeting

    with board.uow() as repo:
        meeting = repo.session.query(Meeting).order_by(Meeting.date).first().id
    add_item(board, meeting, "Named individual case review",
             f"Discussion of {SECRET}: knife crime, CCTV, ASB, schools, March.", restricted=True)
    return board


def test_the_services_never_hand_out_a_restricted_items_text(secret_board):
    """The first layer: what the services return (the cards add a second)."""
    views = [secret_board.clerk.last_meeting(), *secret_board.clerk.meetings()]
    items = [i for view in views for i in view.items if i.restricted]
    assert items and all(i.text == "" for i in items)
    assert SECRET not in repr(views)


def _unzipped(data: bytes) -> str:
    """Text of a file; the XML inside an xlsx/docx (zip) too, so a leak cannot hide there."""
    if data[:2] == b"PK":
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return "".join(archive.read(n).decode("utf-8", "replace") for n in archive.namelist())
    return data.decode("utf-8", "replace")


async def test_no_chat_command_returns_a_restricted_items_text(secret_board, talk):
    said = [p for p, _, _ in PHRASINGS] + [c.example for c in COMMANDS] + [
        "search zebra", "search ZEBRA-7741", "search knife crime", "what did we decide about CCTV",
        "minutes from December 2023", "last minutes", "export actions as csv",
        "export the forward plan as docx", "export actions", "show action 1"]
    seen = 0
    for i, phrase in enumerate(said):  # each in its own chat, so no dialog swallows the next
        jade = talk("Jade Hodgson", conversation=f"a:restricted-{i}")
        replies = await jade.send(Activity(type="message", text=phrase))
        for reply in replies:
            assert SECRET not in json.dumps(reply.serialize()), phrase
            seen += 1
    assert seen >= len(said)
    with secret_board.uow() as repo:  # every file published for download
        rows = repo.session.execute(text("SELECT * FROM published_files")).mappings().all()
    assert len(rows) >= 2, [r for r in said if "export" in r]  # the exports really ran
    for row in rows:
        for value in row.values():
            if isinstance(value, bytes):
                assert SECRET not in _unzipped(value)
    # The control: the secret really is in the database, and the title is shown.
    with secret_board.uow() as repo:
        assert repo.session.execute(
            text("SELECT count(*) FROM agenda_items WHERE text LIKE :s"), {"s": f"%{SECRET}%"}
        ).scalar() == 1
    last = await talk("Jade Hodgson", conversation="a:control").say("last minutes")
    assert "Named individual case review" in last


def test_no_cli_command_or_export_returns_a_restricted_items_text(
    secret_board, clerk_cli, tmp_path
):
    runs = [("actions", "--status", "all"), ("show", "1"), ("audit",), ("meetings",),
            ("search", "zebra"), ("search", "ZEBRA-7741"), ("search", "knife", "crime"),
            ("plan", "list"), ("people", "list"), ("remind", "--dry-run")]
    for fmt in ("csv", "json", "xlsx"):
        runs.append(("export", "actions", "--format", fmt, "--out", str(tmp_path / f"a.{fmt}")))
    for fmt in ("csv", "docx", "xlsx"):
        runs.append(("export", "plan", "--format", fmt, "--out", str(tmp_path / f"p.{fmt}")))
    for args in runs:
        _, out, err = clerk_cli(*args)
        assert SECRET not in out + err, args
    files = list(tmp_path.glob("[ap].*"))
    assert len(files) == 6
    for path in files:
        assert SECRET not in _unzipped(path.read_bytes()), path.name


def test_audit_shows_who_what_when_and_from_where(board, clerk_cli):
    assert clerk_cli("close", "1", "--as", "Jade Hodgson", "--note", "letter sent")[0] == 0
    code, out, err = clerk_cli("audit", "--action", "1")
    output = out + err
    assert code == 0
    assert "Jade Hodgson" in output and "closed" in output and "cli" in output
    assert date.today().isoformat() in output  # when (the close happened today)
    _, out, err = clerk_cli("audit", "--action", "2")
    other = out + err
    assert "letter sent" not in other and "closed" not in other


@pytest.mark.parametrize("statement", ["UPDATE action_events SET actor = 'Someone else'",
                                       "DELETE FROM action_events"])
def test_events_are_append_only(board, statement):
    before = count(board, ActionEvent)
    assert before > 0
    with pytest.raises(DBAPIError, match="append-only"), board.db.engine.begin() as conn:
        conn.execute(text(statement))
    assert count(board, ActionEvent) == before
    with board.uow() as repo:
        assert "Someone else" not in {e.actor for e in repo.session.query(ActionEvent)}
