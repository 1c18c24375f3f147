"""Minutes uploaded in Teams: the turn that receives the file, and the review card's buttons.

    file in a personal chat (secretariat) --download, read--> review card
    review card --Fix/Drop/Add/date--> the card again, changed
                --Publish--> on the record; owners told (if chosen) --Discard--> nothing kept

Anywhere else, or from anyone else, Clerk says what to do instead and keeps nothing.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass

from botbuilder.core import TurnContext
from botbuilder.schema import ConversationReference

from board.corrections import secretariat_only
from board.errors import ClerkError
from board.model import Actor, PersonView
from bot import replies
from bot.cards import capital
from bot.markdown import md
from bot.replies import Reply
from bot.review_card import finished_card, review_card
from bot.uploads import Downloader, DownloadFailed, OfferedFile
from minutes.review import Drafts, Published, readable_suffix
from storage.outbox import Outbox

log = logging.getLogger(__name__)
READ_TIMEOUT = 60.0  # reading and parsing one document, at most


@dataclass(frozen=True)
class Notice:
    """A message for one person's personal chat."""

    person_id: int
    text: str


class Review:
    def __init__(self, drafts: Drafts, outbox: Outbox, downloader: Downloader,
                 app_id: str = "") -> None:
        self.drafts = drafts
        self.outbox = outbox
        self.downloader = downloader
        self.app_id = app_id

    async def upload(self, context: TurnContext, caller: PersonView, offered: OfferedFile) -> Reply:
        """The reply to a file: the review card, or why not (nothing kept then)."""
        kind = context.activity.conversation.conversation_type if (
            context.activity.conversation) else None
        if kind not in (None, "personal"):
            return Reply(replies.UPLOAD_IN_PERSONAL_CHAT)
        actor = Actor.of(caller, "chat")
        try:
            secretariat_only(self.drafts.clerk, actor)
        except ClerkError:
            return Reply(replies.UPLOAD_SECRETARIAT_ONLY)
        if offered.url is None:
            return Reply(replies.upload_not_a_file(offered.name))
        try:
            readable_suffix(offered.name)
        except ClerkError as error:
            return Reply(md(error))
        try:
            data = await self.downloader.fetch(offered.url)
        except DownloadFailed as error:
            return Reply(replies.download_failed(offered.name, str(error)))
        try:
            draft = await asyncio.wait_for(
                asyncio.to_thread(self.drafts.create, offered.name, data, actor), READ_TIMEOUT)
        except TimeoutError:
            return Reply(replies.upload_too_slow(offered.name))
        except ClerkError as error:  # not readable as minutes
            return Reply(md(error))
        return Reply(f"Review the minutes: {md(draft.file_name)}", review_card(draft))

    async def press(self, context: TurnContext, caller: PersonView, data: dict) -> Reply:
        """A button of a review card: the card to show in its place."""
        try:
            reply, notices = await asyncio.to_thread(self._press, caller, data)
        except ClerkError as error:
            return Reply(md(error))
        if notices:
            await self._notify(context, notices)
        return reply

    def _press(self, caller: PersonView, data: dict) -> tuple[Reply, list[Notice]]:
        draft_id, op = str(data.get("draft", "")), str(data.get("op", ""))
        actor = Actor.of(caller, "card")
        if op == "publish":
            done = self.drafts.publish(draft_id, actor)
            notify = str(data.get("notify", "true")).lower() == "true"
            return _published(done), (_notices(done) if notify else [])
        if op == "discard":
            draft = self.drafts.discard(draft_id, actor)
            text = f"Discarded the minutes {md(draft.file_name)}; nothing was recorded."
            return Reply(text, finished_card("Minutes discarded", [text])), []
        item = data.get("item")
        item = int(item) if isinstance(item, int | str) and str(item).isdigit() else None
        suffix = "new" if op == "add" else str(item)
        values = {name: str(data.get(f"{name}_{suffix}") or "")
                  for name in ("owners", "text", "status")}
        values["date"] = str(data.get("date") or "")
        version = int(data["version"]) if str(data.get("version", "")).isdigit() else -1
        try:
            draft = self.drafts.fix(draft_id, version, actor, op, item, **values)
            notice = "✓ Changed. Nothing is on the record until you press Publish."
        except ClerkError as error:
            draft, notice = self.drafts.view(draft_id), f"⚠ {md(error)}"
            if draft.status != "open":
                return Reply(md(error)), []
        return Reply(notice, review_card(draft, notice)), []

    async def _notify(self, context: TurnContext, notices: list[Notice]) -> None:
        chats = await asyncio.to_thread(self.outbox.personal_references,
                                        [n.person_id for n in notices])
        for notice in notices:
            reference = chats.get(notice.person_id)
            if reference is None:
                continue

            async def send(turn: TurnContext, text: str = notice.text) -> None:
                await turn.send_activity(text)

            try:
                await context.adapter.continue_conversation(
                    ConversationReference().deserialize(reference), send, self.app_id)
            except Exception:  # noqa: BLE001  (one unreachable owner does not stop the rest)
                log.warning("could not tell person %s of a new action", notice.person_id,
                            exc_info=True)


def _published(done: Published) -> Reply:
    s = done.summary
    lines = [f"Meeting of {s.meeting_date:%A %d %B %Y}: {s.actions_new} new actions, "
             f"{s.actions_updated} updated, {s.actions_unchanged} unchanged; "
             f"{s.plan_items_new} forward plan items added."]
    lines += [md(change) for change in s.changes]
    title = "Minutes published"
    return Reply(f"{title}. {lines[0]}", finished_card(title, lines))


def _notices(done: Published) -> list[Notice]:
    when = f"{done.summary.meeting_date:%d %B %Y}"
    return [Notice(person_id, f"You have a new action from the minutes of {when}: "
                              f"{action.number}. {md(capital(action.text))}")
            for action in done.new_actions if action.is_open
            for person_id in action.owner_ids]
