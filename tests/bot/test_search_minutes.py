"""Search over the real minutes: the KCPO item of the September 2021 board, asked in chat."""

from __future__ import annotations

from botbuilder.core import PrivateConversationState

from bot.handler import ClerkBot
from minutes.ingest import ingest_file
from storage.bot_state import SqlStorage
from storage.outbox import Outbox
from tests.bot.conftest import Conversation
from tests.conftest import SAMPLES


async def test_what_did_we_decide_about_kcpos(app):
    ingest_file(app.uow, SAMPLES / "lbbd-csp-2021-09.txt", board=app.clerk.board)
    ingest_file(app.uow, SAMPLES / "lbbd-csp-2023-12-06.md", board=app.clerk.board)
    bot = ClerkBot(app.clerk, PrivateConversationState(SqlStorage(app.db)), Outbox(app.db),
                   "https://clerk.example")
    seen = await Conversation(bot, "Jade Hodgson", "aad-jade").say(
        "what did we decide about KCPOs")
    assert '1 item mentions "KCPOs"' in seen
    assert "James Rush update the board on the Knife Crime" in seen
    assert "Meeting of 1 September 2021" in seen and "[Open these minutes]" in seen
    assert "Knife Crime Prevention Orders (KCPOs)" in seen
    assert "December 2023" not in seen


async def test_a_meeting_whose_day_is_unknown_is_shown_by_its_month(app):
    """Minutes that give only the month: no "raised 1 Sep 2021" that the minutes never said."""
    ingest_file(app.uow, SAMPLES / "lbbd-csp-2021-09.txt", board=app.clerk.board)
    bot = ClerkBot(app.clerk, PrivateConversationState(SqlStorage(app.db)), Outbox(app.db),
                   "https://clerk.example")
    jade = Conversation(bot, "Jade Hodgson", "aad-jade")
    seen = await jade.say("minutes from September 2021")
    assert "Minutes of September 2021" in seen and "(the minutes give no day)" in seen
    assert "1 Sep" not in seen and "01 Sep" not in seen
    seen = await jade.say("open actions")
    assert "raised Sep 2021" in seen and "1 Sep" not in seen
    assert "Raised: September 2021" in await jade.say("show action 1")
