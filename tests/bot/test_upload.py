"""Minutes uploaded in Teams, through the real HTTP endpoint: the file comes from a fake
download server on 127.0.0.1 (as Teams' downloadUrl would), the review card's buttons are
Action.Execute invokes, and what the owner then sees is asked as that owner."""

from __future__ import annotations

import asyncio
import copy
import json
from pathlib import Path

import pytest
from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer
from sqlalchemy import func, select

from bot.app import create_app
from bot.chat import render
from bot.config import Settings
from bot.uploads import FILE_INFO
from storage.models import Action, ActionEvent, Document, MinutesDraft
from tests.bot.conftest import serving

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "teams"
JADE = {"id": "29:jade", "name": "Jade Hodgson", "aadObjectId": "aad-jade"}
SAM = {"id": "29:sam", "name": "Sam Patel", "aadObjectId": "aad-sam"}
MINUTES = """# Community Safety Partnership

Wednesday, 7 February 2024

**Present:** Stuart Bell (Chair), Chris Lyons, Sam Patel

## 1. Minutes of the last meeting

**ACTION: Chris Lyons to publish the night-time economy review.**

**ACTION: Pat Quinlan to circulate the hate crime figures.**

## 2. Date of next meeting

The next meeting will be held on Wednesday 15 May 2024.
"""


def _activity(name: str, who: dict, **changes) -> dict:
    activity = json.loads((FIXTURES / f"{name}.json").read_text())
    activity["from"] = copy.deepcopy(who)
    activity["id"] = f"{name}-{id(changes)}-{len(str(changes))}"
    activity.update(changes)
    return activity


def upload(url: str, name: str = "minutes-feb.md", who: dict = JADE, **changes) -> dict:
    return _activity("02-personal-message-hello", who, text="", deliveryMode="expectReplies",
                     attachments=[{"contentType": FILE_INFO, "name": name,
                                   "content": {"downloadUrl": url, "uniqueId": "f1",
                                               "fileType": name.rsplit(".", 1)[-1]}}],
                     **changes)


def press(card: dict, op: str, who: dict = JADE, item: int | None = None, **inputs) -> dict:
    """The invoke Teams sends when a review card's button is pressed: the button's data and
    every input of the card."""
    (button,) = [b for b in _buttons(card) if b["data"]["op"] == op
                 and b["data"].get("item") == item]
    activity = _activity("06-personal-card-execute-invoke", who)
    activity["value"]["action"] = {"type": "Action.Execute", "verb": button["verb"],
                                   "data": {**button["data"], **inputs}}
    return activity


def _buttons(node):
    if isinstance(node, dict):
        if node.get("type") == "Action.Execute":
            yield node
        for value in node.values():
            yield from _buttons(value)
    elif isinstance(node, list):
        for value in node:
            yield from _buttons(value)


class Files:
    """What the download links answer: the minutes, a huge file, a failure, a hang."""

    def __init__(self) -> None:
        self.bodies = {"minutes-feb.md": MINUTES.encode(), "scan.pdf": b"%PDF-1.4 not really",
                       "big.md": b"x" * (64 * 1024 + 1)}
        self.app = web.Application()
        self.app.router.add_get("/{name}", self.serve)

    async def serve(self, request: web.Request) -> web.StreamResponse:
        name = request.match_info["name"]
        if name == "hang.md":
            await asyncio.sleep(30)
        if name not in self.bodies:
            return web.Response(status=500)
        return web.Response(body=self.bodies[name])


@pytest.fixture
async def files():
    async with serving(Files()) as fake:
        yield fake


@pytest.fixture
async def client(board):
    settings = Settings(reminder_interval=0, max_upload_bytes=64 * 1024, download_timeout=1.0)
    async with TestClient(TestServer(create_app(board, settings), host="127.0.0.1")) as http:
        yield http


async def post(client, activity: dict) -> dict:
    response = await client.post("/api/messages", json=activity)
    assert response.status == 200, await response.text()
    return await response.json()


def rows(app, model) -> int:
    with app.uow() as repo:
        return repo.session.scalar(select(func.count()).select_from(model))


def record(app) -> tuple[int, int, int]:
    return rows(app, Action), rows(app, ActionEvent), rows(app, Document)


async def review(client, files) -> dict:
    body = await post(client, upload(f"{files.url}/minutes-feb.md"))
    (reply,) = body["activities"]
    return reply["attachments"][0]["content"]


async def test_upload_review_fix_an_owner_publish_and_the_owner_sees_the_action(
        client, board, files):
    before = record(board)
    card = await review(client, files)
    text = render({"attachments": [{"contentType": "application/vnd.microsoft.card.adaptive",
                                    "content": card}]})
    assert "Review the minutes: minutes-feb.md" in text
    assert "Wednesday 07 February 2024" in text and "Wednesday 15 May 2024" in text
    assert "Publish the night-time economy review" in text
    assert "⚠ Pat Quinlan (unknown: will be added as a new person)" in text
    assert record(board) == before  # nothing on the record yet
    # The secretariat gives the second action to someone Clerk knows.
    body = await post(client, press(card, "owners", item=1, owners_1="Sam Patel"))
    card = body["value"]
    fixed = json.dumps(card, ensure_ascii=False)
    assert "Pat Quinlan" not in fixed and "✓ Changed." in fixed
    assert record(board) == before
    body = await post(client, press(card, "publish", notify="false"))
    assert "Minutes published" in json.dumps(body["value"], ensure_ascii=False)
    assert "2 new actions" in json.dumps(body["value"], ensure_ascii=False)
    mine = await post(client, _activity("02-personal-message-hello", SAM, text="my actions",
                                        deliveryMode="expectReplies"))
    seen = "\n".join(render(a) for a in mine["activities"])
    assert "Circulate the hate crime figures" in seen
    assert record(board)[2] == before[2] + 1
    from board.corrections import Corrections

    (published,) = Corrections(board.clerk).record_events()
    assert (published.subject, published.kind, published.actor, published.source,
            published.new_value) == ("minutes", "published", "Jade Hodgson", "card",
                                     "2024-02-07: minutes-feb.md")


async def test_publishing_twice_publishes_once(client, board, files):
    card = await review(client, files)
    first, second = await asyncio.gather(post(client, press(card, "publish", notify="false")),
                                         post(client, press(card, "publish", notify="false")))
    said = [json.dumps(b["value"], ensure_ascii=False) for b in (first, second)]
    (other,) = [c for c in said if "Minutes published" not in c]
    assert "These minutes were already published; nothing was changed." in other
    assert rows(board, Document) == 1


async def test_discard_writes_nothing(client, board, files):
    before = record(board)
    card = await review(client, files)
    body = await post(client, press(card, "discard"))
    assert "nothing was recorded" in json.dumps(body["value"], ensure_ascii=False)
    assert record(board) == before
    body = await post(client, press(card, "publish"))
    assert "were discarded" in json.dumps(body["value"], ensure_ascii=False)
    assert record(board) == before


async def test_a_non_admins_upload_is_refused_and_writes_nothing(client, board, files):
    before = record(board)
    body = await post(client, upload(f"{files.url}/minutes-feb.md", who=SAM))
    seen = "\n".join(render(a) for a in body["activities"])
    assert "Only the secretariat can load minutes" in seen
    assert record(board) == before and rows(board, MinutesDraft) == 0


async def test_an_upload_in_a_group_chat_says_where_to_send_it(client, board, files):
    activity = upload(f"{files.url}/minutes-feb.md")
    activity["conversation"] = {"id": "19:group@thread.v2", "conversationType": "groupChat",
                                "isGroup": True, "tenantId": activity["conversation"]["tenantId"]}
    body = await post(client, activity)
    assert "send the file to me in a personal chat" in render(body["activities"][0])
    assert rows(board, MinutesDraft) == 0


@pytest.mark.parametrize(("name", "said"), [
    ("big.md", 'I could not get "big.md": it is over the 0.0625 MB limit.'),
    ("hang.md", 'I could not get "hang.md": the download took longer than 1 seconds.'),
    ("gone.md", 'I could not get "gone.md": the download failed (HTTP 500).'),
    ("scan.pdf", 'I could not read "scan.pdf"'),
    ("notes.exe", '"notes.exe" is not a minutes file I can read'),
])
async def test_bad_files_get_a_clear_reply_and_change_nothing(client, board, files, name, said):
    before = record(board)
    body = await post(client, upload(f"{files.url}/{name}", name=name))
    seen = "\n".join(render(a) for a in body["activities"])
    assert said in seen and "Nothing was" in seen
    assert record(board) == before and rows(board, MinutesDraft) == 0


async def test_a_link_that_is_not_https_is_refused(board, files):
    settings = Settings(APP_ID="", reminder_interval=0)
    from bot.uploads import Downloader, DownloadFailed

    with pytest.raises(DownloadFailed, match="not a secure Teams link"):
        await Downloader().fetch(f"{files.url}/minutes-feb.md")  # loopback not allowed
    with pytest.raises(DownloadFailed, match="not a secure Teams link"):
        await Downloader(allow_loopback=True).fetch("http://files.example/minutes.md")
    with pytest.raises(DownloadFailed, match="not a secure Teams link"):
        await Downloader().fetch("https://[::1/minutes.md")
    assert settings.anonymous


async def test_every_fix_before_publishing(client, board, files):
    card = await review(client, files)
    for op, item, inputs in [
        ("text", 0, {"text_0": "publish the revised night-time economy review"}),
        ("status", 0, {"status_0": "completed"}),
        ("drop", 1, {}),
        ("add", None, {"owners_new": "Chris Lyons, Sam Patel", "text_new": "book the venue"}),
        ("date", None, {"date": "2024-02-08"}),
    ]:
        body = await post(client, press(card, op, item=item, **inputs))
        card = body["value"]
        assert "✓ Changed." in json.dumps(card, ensure_ascii=False), op
    assert rows(board, Action) == 4  # still only the board's own
    await post(client, press(card, "publish", notify="false"))
    meeting = board.clerk.last_meeting()
    assert meeting.date.isoformat() == "2024-02-08"
    assert [(a.text, a.status, a.owners) for a in meeting.actions] == [
        ("publish the revised night-time economy review", "completed", ("Chris Lyons",)),
        ("book the venue", "open", ("Chris Lyons", "Sam Patel")),
    ]
    assert "Pat Quinlan" not in [p.name for p in board.clerk.people()]


async def test_a_stale_card_changes_nothing(client, board, files):
    card = await review(client, files)
    await post(client, press(card, "drop", item=1))
    body = await post(client, press(card, "drop", item=0))  # the card before that drop
    said = json.dumps(body["value"], ensure_ascii=False)
    assert "⚠ Someone changed this draft meanwhile; here it is as it is now." in said
    assert "Publish the night-time economy review" in said


async def test_the_draft_survives_a_restart(board, files):
    settings = Settings(reminder_interval=0)
    async with TestClient(TestServer(create_app(board, settings), host="127.0.0.1")) as first:
        card = await review(first, files)
    # Another process (or the same after a restart) publishes it.
    async with TestClient(TestServer(create_app(board, settings), host="127.0.0.1")) as second:
        body = await post(second, press(card, "publish", notify="false"))
    assert "Minutes published" in json.dumps(body["value"])
    assert board.clerk.last_meeting().date.isoformat() == "2024-02-07"


async def chris_has_talked_to_clerk(client, connector) -> None:
    """Chris's personal chat with Clerk, where Clerk can reach him later."""
    chris = _activity("02-personal-message-hello", {"id": "29:chris", "name": "Chris Lyons",
                                                    "aadObjectId": "aad-chris"},
                      text="help", serviceUrl=connector.url,
                      conversation={"id": "a:chris", "conversationType": "personal"})
    assert (await client.post("/api/messages", json=chris)).status == 201
    connector.requests.clear()


async def test_owners_of_new_actions_are_told_in_their_personal_chat(client, board, files,
                                                                      connector):
    await chris_has_talked_to_clerk(client, connector)
    card = await review(client, files)
    await post(client, press(card, "publish", notify="true"))
    told = {path.split("/")[3]: render(body) for _, path, body in connector.requests}
    assert told == {"a:chris": "You have a new action from the minutes of 07 February 2024: "
                               "5. Publish the night-time economy review"}


async def test_owners_are_not_told_when_the_secretariat_says_not_to(client, board, files,
                                                                     connector):
    await chris_has_talked_to_clerk(client, connector)
    card = await review(client, files)
    await post(client, press(card, "publish", notify="false"))
    assert connector.requests == []


def test_an_action_the_parser_doubts_is_flagged_with_its_quote():
    from datetime import date

    from bot.review_card import review_card
    from minutes.review import DraftAction, DraftView, Owner

    doubtful = DraftAction(0, "note the figures", (Owner("Board", None, None),), "open", None,
                           "The board noted the figures.", doubtful=True, new=True)
    draft = DraftView("d1", 1, "open", "m.md", date(2024, 2, 7), None, (doubtful,), (), (), ())
    text = json.dumps(review_card(draft), ensure_ascii=False)
    assert "⚠ Not sure this is an action. The minutes say: “The board noted the figures.”" in text
    sure = DraftView("d1", 1, "open", "m.md", date(2024, 2, 7), None,
                     (DraftAction(0, "note the figures", (), "open", None, "q", False, True),),
                     (), (), ())
    assert "Not sure" not in json.dumps(review_card(sure), ensure_ascii=False)


async def test_corrected_minutes_for_a_loaded_meeting_say_so_and_revise_it(client, board, files):
    card = await review(client, files)
    await post(client, press(card, "publish", notify="false"))
    actions = rows(board, Action)
    files.bodies["minutes-feb.md"] = MINUTES.replace("night-time economy review",
                                                     "night-time economy review in full").encode()
    card = await review(client, files)
    said = json.dumps(card, ensure_ascii=False)
    assert "These minutes are for a meeting already loaded" in said
    await post(client, press(card, "publish", notify="false"))
    assert rows(board, Action) == actions  # revised, not added again
    assert board.clerk.action(5).text == "publish the night-time economy review in full"
