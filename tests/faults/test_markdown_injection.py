"""Markdown from one user or document is shown to others as written, never as a live link,
an image, raw HTML or emphasis: every card and text reply, the reminders and the digest.

Each string Clerk sends (a message's text and summary, every text, fact and title of its cards)
is rendered with a CommonMark renderer, as Teams would, and the HTML is checked."""

from __future__ import annotations

from datetime import date

import pytest
from botbuilder.schema import Activity
from markdown_it import MarkdownIt

from board.model import Actor
from bot.markdown import md, plain
from tests.bot.test_reminders import scheduler, talk_over_http  # noqa: F401  (fixture)
from tests.builders import add_action, add_item, add_meeting, add_people

PHISH = "[Board papers - sign in to view](https://evil.example/login)"
NOTE = "done, see <https://evil.example/note> and ![x](https://evil.example/pixel.png)"
NAME = "Eve **Urgent** Mallory"
HOSTILE = [
    PHISH,
    NOTE,
    "<img src=x onerror=alert(1)> `code` _under_ ~~gone~~ | a | b |",
    "# Heading\n- listed\n1. numbered\n> quoted",
]
RICH = "[link=https://evil.example/t]Board papers[/link] [bold red]now[/bold red]"
RENDERER = MarkdownIt("commonmark")
# Not shown as markdown: button data, addresses (the recipient's own display name), and the
# buttons of suggestions, which Teams shows as plain text.
SKIPPED = {"data", "verb", "type", "contentType", "id", "from", "recipient", "conversation",
           "buttons", "suggestedActions", "serviceUrl", "channelId"}


def strings(found: object) -> list[str]:
    """Every string in a sent activity (texts, facts, titles, summaries), recursively."""
    if isinstance(found, str):
        return [found]
    if isinstance(found, dict):
        return [s for key, value in found.items() if key not in SKIPPED for s in strings(value)]
    if isinstance(found, list):
        return [s for value in found for s in strings(value)]
    return []


def live_markup(sent: list[dict]) -> list[str]:
    """The strings that a markdown renderer turns into a link, image, HTML or heading, with
    the user's words in them."""
    bad = []
    for text in (s for activity in sent for s in strings(activity)):
        html = RENDERER.render(text)
        if any(tag in html for tag in ("<a ", "<img", "<h1", "<code>code", "<blockquote",
                                       "<em>Urgent", "<strong>Urgent", "<li>listed")):
            bad.append(text)
    return bad


@pytest.fixture
def hostile(make_app):
    """A board whose actions, owners, plan, meetings, agenda and notes all hold markdown."""
    app = make_app(admins=["Jade Hodgson"], today=date(2024, 3, 14))
    ids = add_people(app, "Jade Hodgson", "Chris Lyons", NAME)
    app.clerk.seed_admins()  # Jade: an admin, so linked by the secretariat, not by her name
    app.clerk.link_identity(ids["Jade Hodgson"], "aad-jade", Actor.command_line())
    held = add_meeting(app, date(2023, 12, 6), chair=PHISH, venue=PHISH)
    add_meeting(app, date(2024, 3, 20), status="scheduled", time=PHISH, venue=PHISH)
    add_action(app, "Share the app with schools", ["Jade Hodgson"], meeting_id=held)  # 1
    add_action(app, PHISH, ["Chris Lyons"], meeting_id=held)  # 2
    for text in HOSTILE:  # 3 to 6
        add_action(app, text, ["Jade Hodgson", NAME], meeting_id=held)
    add_action(app, PHISH, [PHISH], meeting_id=held)  # 7: an owner named as a role
    add_action(app, RICH, ["Jade Hodgson"], meeting_id=held)  # 8
    jade = Actor.of(app.clerk.resolve_person("Jade Hodgson"), "chat")
    app.clerk.add_plan_item(PHISH, "2024-03", jade, lead=NAME)
    app.clerk.add_plan_item("Knife crime " + HOSTILE[2], "2024-03", jade)
    add_item(app, held, PHISH, "The knife crime figures, see " + PHISH)
    app.clerk.close_action(3, jade, NOTE)
    app.clerk.set_due_date(4, "1 March", jade)  # overdue: in the digest
    return app


def test_md_shows_any_text_as_written():
    for text in HOSTILE + [NAME, "a\\b", "1) first", "  - indented", "O'Brien & co. 3.5"]:
        assert plain(md(text, 10_000)) == text
        assert "<a " not in RENDERER.render(md(text)) and "<img" not in RENDERER.render(md(text))


async def test_no_reply_or_card_makes_user_text_live(hostile, bot_for):
    bot = bot_for(hostile)
    sent: list[dict] = []
    jade = bot("Jade Hodgson")
    for text in ["help", "my actions", "open actions", "overdue actions", "show action 3",
                 "show action 7", f"actions for {NAME}", "what's on March agenda",
                 "forward plan", "agenda", "last minutes", "minutes from December 2023",
                 "next meeting", "search knife crime", "close action 6 - " + NOTE,
                 "close action 2", "no", "reopen action 3", "close action 99 " + PHISH,
                 f"actions for {PHISH}", "add " + PHISH + " to the June forward plan",
                 "minutes from " + PHISH]:
        sent += [a.serialize() for a in await jade.send(Activity(type="message", text=text))]
    eve = bot(NAME, aad="aad-eve")  # linked by name: the greeting repeats it
    sent += [a.serialize() for a in await eve.send(Activity(type="message", text="my actions"))]
    stranger = bot(PHISH, aad="aad-stranger")
    sent += [a.serialize() for a in await stranger.send(Activity(type="message", text="hi"))]
    shown = "\n".join(s for a in sent for s in strings(a))
    assert "evil.example/login" in shown and "Urgent" in shown  # the text is there, as text
    assert live_markup(sent) == [], "\n".join(live_markup(sent))


async def test_reminders_and_digest_show_user_text_as_text(hostile, connector, scheduler):  # noqa: F811
    await talk_over_http(hostile, connector, "Jade Hodgson", "Chris Lyons")
    report = await scheduler(hostile).run_once()
    assert "digest:Jade Hodgson" in report.sent
    sent = [body for _, _, body in connector.requests]
    assert any("evil.example/login" in s for b in sent for s in strings(b))
    assert live_markup(sent) == [], "\n".join(live_markup(sent))


def test_the_cli_prints_user_text_as_written(hostile, clerk_cli):
    """The terminal's markup (Rich: "[link=…]" makes a hyperlink) is not read in user text."""
    for args in [("close", "8", "--as", "Jade Hodgson", "--note", RICH), ("show", "8"),
                 ("actions", "--status", "all"), ("actions", "--owner", "Jade", "--status", "all"),
                 ("audit", "--action", "8")]:
        code, out, _ = clerk_cli(*args, today="2024-03-14")
        shown = "".join(out.split())  # tables wrap long cells
        assert code == 0 and "".join(RICH.split()) in shown, (args, out)


@pytest.fixture
def bot_for():
    from botbuilder.core import PrivateConversationState

    from bot.handler import ClerkBot
    from storage.bot_state import SqlStorage
    from storage.outbox import Outbox
    from tests.bot.conftest import Conversation

    def make(app):
        state = PrivateConversationState(SqlStorage(app.db))
        bot = ClerkBot(app.clerk, state, Outbox(app.db), "https://clerk.example")

        def open_as(name: str, aad: str | None = None) -> Conversation:
            return Conversation(bot, name, aad or "aad-" + name.split()[0].lower())

        return open_as

    return make
