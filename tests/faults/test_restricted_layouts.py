"""Restricted items in the layouts real minutes use (issue 13 finding 2), each document with its
own invented secret: the secret never reaches `clerk extract`, the stored agenda, any chat
command, search, CLI command or export. The public items around the restricted one stay public.
"""

from __future__ import annotations

import json

import pytest
from botbuilder.schema import Activity
from sqlalchemy import text

from bot.router import COMMANDS
from tests.bot.test_router import PHRASINGS
from tests.faults.test_restricted_and_audit import _unzipped

HEAD = (
    "Minutes of the Community Safety Partnership Board\n{day}\n\n"
    "Present: Jade Hodgson (Chair)\n\n"
)
BODY = (
    "The board discussed {secret} at length.\n\n"
    "ACTION: Chris Lyons to brief the panel on {secret}\n\n"
    "Jade Hodgson to add {secret} review to the March forward plan.\n\n"
)
# name -> (document, title of the public item that follows the restricted one, or None when
# the layout gives no heading of the restricted item's level before the end)
LAYOUTS: dict[str, tuple[str, str | None]] = {
    "prefix, numbered": (
        "1. Welcome\n\nThe chair welcomed members.\n\n2. RESTRICTED: Case review\n\n" + BODY
        + "3. Any Other Business\n\nNone.\n",
        "Any Other Business",
    ),
    "prefix, un-numbered, several paragraphs and a subheading": (
        "Welcome\n\nThe chair welcomed members.\n\n\nRestricted item: Case review\n\n" + BODY
        + "\nBackground\n\nMore about {secret} here.\n\n\nAny Other Business\n\nNone.\n",
        "Any Other Business",
    ),
    "exempt information, dash": (
        "Welcome\n\nThe chair welcomed members.\n\nExempt information - Case review\n\n" + BODY
        + "Any Other Business\n\nNone.\n",
        "Any Other Business",
    ),
    "confidential item": (
        "Welcome\n\nThe chair welcomed members.\n\nConfidential item: Case review\n\n" + BODY
        + "Further Details\n\nStill about {secret}.\n\nAny Other Business\n\nNone.\n",
        "Any Other Business",
    ),
    "part 2 (exempt), numbered": (
        "1. Welcome\n\nThe chair welcomed members.\n\n2. Part 2 (exempt): Case review\n\n" + BODY
        + "Subheading\n\nMore on {secret}.\n\n3. Any Other Business\n\nNone.\n",
        "Any Other Business",
    ),
    "suffix in brackets": (
        "Welcome\n\nThe chair welcomed members.\n\nCase review (restricted)\n\n" + BODY
        + "Any Other Business\n\nNone.\n",
        "Any Other Business",
    ),
    "suffix after a dash, capitals": (
        "WELCOME\n\nThe chair welcomed members.\n\nCASE REVIEW - CONFIDENTIAL\n\n" + BODY
        + "ANY OTHER BUSINESS\n\nNone.\n",
        "Any Other Business",  # capitals are shown in Title Case
    ),
    "not for publication, Markdown with a subheading": (
        "## Welcome\n\nThe chair welcomed members.\n\n## NOT FOR PUBLICATION: Case review\n\n"
        + BODY + "### Detail\n\nMore on {secret}.\n\n## Any Other Business\n\nNone.\n",
        "Any Other Business",
    ),
    "Schedule 12A notice on the line after the heading": (
        "1. Welcome\n\nThe chair welcomed members.\n\n2. Case review\n\nThis item is exempt "
        "under paragraph 3 of Part 1 of Schedule 12A to the Local Government Act 1972.\n\n"
        + BODY + "3. Any Other Business\n\nNone.\n",
        "Any Other Business",
    ),
    "Part II, un-numbered": (
        "Welcome\n\nThe chair welcomed members.\n\nPart II - Case review\n\n" + BODY
        + "Any Other Business\n\nNone.\n",
        "Any Other Business",
    ),
    "private session": (
        "Welcome\n\nThe chair welcomed members.\n\nPrivate session: Case review\n\n" + BODY
        + "Any Other Business\n\nNone.\n",
        "Any Other Business",
    ),
    "press and public excluded for the following item": (
        "1. Welcome\n\nThe chair welcomed members.\n\n2. Exclusion of the Press and Public\n\n"
        "RESOLVED that the press and public be excluded for the following item.\n\n"
        "3. Case review\n\n" + BODY,
        None,
    ),
    "restricted heading, then no heading of its level": (
        "Welcome\n\nThe chair welcomed members.\n\nRESTRICTED: Case review\n\n" + BODY
        + "Next Steps\n\nThe rest of {secret}.\n",
        None,
    ),
}


def _secret(index: int) -> str:
    return f"ZEBRA{index:02d}SECRET"


def _document(index: int, name: str) -> str:
    body, _ = LAYOUTS[name]
    day = f"{index + 1} March 2023"
    return (HEAD + body).format(day=day, secret=_secret(index))


@pytest.mark.parametrize("name", sorted(LAYOUTS))
def test_clerk_extract_never_shows_a_restricted_items_text(name, clerk_cli, tmp_path):
    index = sorted(LAYOUTS).index(name)
    path = tmp_path / "minutes.txt"
    path.write_text(_document(index, name))
    code, out, err = clerk_cli("extract", str(path))
    assert code == 0, err
    assert _secret(index) not in out + err
    got = json.loads(out)
    titles = {i["title"]: i["restricted"] for i in got["agenda_items"]}
    assert any(titles.values()), titles  # the item is listed, by its title only
    assert titles.get("Welcome") is False
    _, follows = LAYOUTS[name]
    if follows:
        assert titles.get(follows) is False, titles  # the next item of its level is public
    else:
        assert any("restricted" in w for w in got["warnings"]), got["warnings"]


@pytest.fixture
def restricted_board(board, clerk_cli, tmp_path):
    paths = []
    for index, name in enumerate(sorted(LAYOUTS)):
        path = tmp_path / f"minutes-{index:02d}.txt"
        path.write_text(_document(index, name))
        paths.append(str(path))
    code, _, err = clerk_cli("ingest", *paths)
    assert code == 0, err
    with board.uow() as repo:  # the control: every document really was stored
        stored = repo.session.execute(text("SELECT text FROM documents")).scalars().all()
    assert all(any(_secret(i) in t for t in stored) for i in range(len(LAYOUTS)))
    return board


def _assert_no_secret(value: str, where) -> None:
    for index in range(len(LAYOUTS)):
        assert _secret(index) not in value, (where, index)


async def test_no_chat_command_shows_a_restricted_items_text(restricted_board, talk):
    said = [p for p, _, _ in PHRASINGS] + [c.example for c in COMMANDS] + [
        "search zebra", "search case review", "search brief the panel", "last minutes",
        "minutes from March 2023", "forward plan", "what's on March agenda", "open actions",
        "actions for Chris Lyons", "export actions as csv", "export the forward plan as docx",
    ]
    for i, phrase in enumerate(said):
        jade = talk("Jade Hodgson", conversation=f"a:restricted-layouts-{i}")
        for reply in await jade.send(Activity(type="message", text=phrase)):
            _assert_no_secret(json.dumps(reply.serialize()), phrase)
    with restricted_board.uow() as repo:
        rows = repo.session.execute(text("SELECT * FROM published_files")).mappings().all()
        items = repo.session.execute(text("SELECT title, text FROM agenda_items")).all()
    assert len(rows) >= 2
    for row in rows:
        for value in row.values():
            if isinstance(value, bytes):
                _assert_no_secret(_unzipped(value), "published file")
    for title, body in items:
        _assert_no_secret(f"{title} {body}", title)


def test_no_cli_command_or_export_shows_a_restricted_items_text(
    restricted_board, clerk_cli, tmp_path
):
    runs = [("actions", "--status", "all"), ("meetings",), ("search", "zebra"),
            ("search", "case", "review"), ("plan", "list"), ("audit",), ("remind", "--dry-run")]
    for fmt in ("csv", "json", "xlsx"):
        runs.append(("export", "actions", "--format", fmt, "--out", str(tmp_path / f"a.{fmt}")))
    for fmt in ("csv", "docx", "xlsx"):
        runs.append(("export", "plan", "--format", fmt, "--out", str(tmp_path / f"p.{fmt}")))
    for args in runs:
        code, out, err = clerk_cli(*args)
        _assert_no_secret(out + err, args)
    for path in tmp_path.glob("[ap].*"):
        _assert_no_secret(_unzipped(path.read_bytes()), path.name)
