"""The Teams activity handler: strip the mention, find the caller, continue a dialog or route.

A turn reads: identify the Teams user -> continue their dialog if one is active -> else route
the text and run the command in a worker thread -> send the reply (a card with a text
fallback). Card buttons arrive as an ``adaptiveCard/action`` invoke (Action.Execute; answered
with the refreshed card, which Teams swaps in place) or as a message with a ``value``
(Action.Submit; the card is updated through the connector).
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import replace

from botbuilder.core import (
    CardFactory,
    MessageFactory,
    PrivateConversationState,
    TurnContext,
)
from botbuilder.core.teams import TeamsActivityHandler, TeamsInfo
from botbuilder.dialogs import DialogSet, DialogTurnStatus
from botbuilder.schema import (
    Activity,
    ActivityTypes,
    AdaptiveCardInvokeResponse,
    AdaptiveCardInvokeValue,
    Attachment,
    CardAction,
    ChannelAccount,
    HeroCard,
)

from board import wording
from board.errors import ClerkError
from board.identity import Ambiguous, Known
from board.model import Actor, PersonView, TeamsUser
from board.services import Clerk
from bot import cards, replies
from bot.commands import Commands, StartDialog
from bot.markdown import md
from bot.registry import Check, help_lines, validate
from bot.replies import Reply
from bot.review import Review
from bot.review_card import VERB as REVIEW_VERB
from bot.router import Match, route
from bot.uploads import Downloader, offered_file
from dialogs.add_plan_item import AddPlanItemDialog
from dialogs.caller import CALLER_KEY
from dialogs.choose_person import CHOOSE_PERSON, ChoosePersonDialog
from dialogs.confirm_close import ConfirmCloseDialog
from dialogs.confirm_guess import ConfirmGuessDialog
from dialogs.leaving import leaving
from minutes.review import Drafts
from storage.outbox import Outbox
from storage.turn_start import TURN_START, TurnStart

log = logging.getLogger(__name__)
ADAPTIVE = "application/vnd.microsoft.card.adaptive"
ROSTER_TIMEOUT = 5.0  # seconds to wait for the Bot Connector's roster on first contact


class SentCard(Attachment):
    """An Adaptive Card attached to a reply. botbuilder deep-copies every activity it sends
    (a copy of every value of the card: about 0.4 ms for a 20-row one); a card is finished
    once attached and never changed, so its "copy" is itself. An Attachment to all else."""

    def __deepcopy__(self, memo: dict) -> SentCard:
        return self


def to_activity(reply: Reply) -> Activity:
    """A reply as a Teams message: the card with its text as fallback and notification
    summary, or plain text; suggestions as buttons that send the suggested text."""
    if reply.card is not None:
        activity = MessageFactory.attachment(
            SentCard(content_type=ADAPTIVE, content=reply.card)
        )
        activity.summary = reply.text[:200]
    else:
        activity = MessageFactory.text(reply.text)
    if reply.suggestions:
        buttons = [CardAction(type="imBack", title=s, value=s) for s in reply.suggestions]
        activity.attachments = [*(activity.attachments or []),
                                CardFactory.hero_card(HeroCard(buttons=buttons))]
    return activity


class ClerkBot(TeamsActivityHandler):
    def __init__(
        self, clerk: Clerk, state: PrivateConversationState, outbox: Outbox, public_url: str,
        *, downloader: Downloader | None = None, app_id: str = "",
    ) -> None:
        self.clerk = clerk
        self.outbox = outbox
        self.public_url = public_url.rstrip("/")
        self.commands = Commands(clerk, self._publish)
        self.review = Review(Drafts(clerk), outbox, downloader or Downloader(), app_id)
        self.state = state  # per user per conversation: two people's dialogs never cross
        self._remembered: set[tuple[str, str]] = set()  # references this process has stored
        self.dialogs = DialogSet(state.create_property("dialog_state"))
        flows = [ChoosePersonDialog(clerk), ConfirmCloseDialog(self.commands),
                 AddPlanItemDialog(self.commands), ConfirmGuessDialog(self.commands)]
        for flow in flows:
            self.dialogs.add(flow)
        # Bad wiring fails here, when Clerk starts, not at somebody's message.
        validate(Check(self.commands, {flow.id for flow in flows}, route))

    async def on_turn(self, turn_context: TurnContext) -> None:
        await self._remember(turn_context.activity)
        await super().on_turn(turn_context)
        await self.state.save_changes(turn_context)

    async def _remember(self, activity: Activity) -> None:
        """Keep where each user can be reached, for reminders (stored once per process)."""
        user, conversation = activity.from_property, activity.conversation
        aad = user.aad_object_id if user else None
        if not aad or conversation is None or (aad, conversation.id) in self._remembered:
            return
        reference = TurnContext.get_conversation_reference(activity).serialize()
        await asyncio.to_thread(self.outbox.remember, aad, reference)
        self._remembered.add((aad, conversation.id))

    def _publish(self, file_name: str, content_type: str, data: bytes, who: str) -> str:
        token = self.outbox.publish(file_name, content_type, data, who)
        return f"{self.public_url}/files/{token}/{file_name}"

    # identity ---------------------------------------------------------------------------
    async def _identify(self, context: TurnContext):
        """The caller (board/identity.py has the rules). Only the Teams identity and the
        roster's email or UPN for it are trusted; the display name only proposes."""
        started = context.turn_state.get(TURN_START)
        user = _teams_user(context.activity)
        if isinstance(started, TurnStart) and started.person is not None:
            found = Known(started.person)  # read with the turn's first round trip
        elif (person := await asyncio.to_thread(self.clerk.person_for_identity,
                                                user.aad_object_id)) is not None:
            found = Known(person)
        else:
            user = replace(user, roster_emails=await _roster_emails(context))
            found = await asyncio.to_thread(self.clerk.identify, user)
        if isinstance(found, Known):
            context.turn_state[CALLER_KEY] = found.person.id
        return found

    # messages ---------------------------------------------------------------------------
    async def on_message_activity(self, turn_context: TurnContext) -> None:
        try:
            await self._on_message(turn_context)
        except ClerkError as error:  # e.g. the database is unreachable
            await turn_context.send_activity(md(error))

    async def _on_message(self, context: TurnContext) -> None:
        activity = context.activity
        # In group chats and channels the text starts with "<at>Clerk</at>": gone before any
        # dialog or the router sees it.
        activity.text = (TurnContext.remove_recipient_mention(activity) or "").strip()
        typed = _typed_by_button(activity.value)
        if typed is not None:  # a card button that says a message ("Open these minutes")
            activity.text, activity.value = typed, None
        found = await self._identify(context)
        if isinstance(found, Known) and isinstance(activity.value, dict):
            await self._on_submit(context, found.person, activity.value)
            return
        offered = offered_file(activity.attachments)
        if isinstance(found, Known) and offered is not None:  # minutes to review
            reply = await self.review.upload(context, found.person, offered)
            await context.send_activity(to_activity(reply))
            return
        dialog = await self.dialogs.create_context(context)
        then: Match | None = None
        if dialog.active_dialog is not None:
            left = leaving(activity.text)
            if left is None:
                result = await dialog.continue_dialog()
                if result.status != DialogTurnStatus.Empty:
                    return
            else:
                doing = replies.DIALOG_DOINGS.get(dialog.active_dialog.id, "that")
                await dialog.cancel_all_dialogs()
                if left.then is None:
                    await context.send_activity(replies.left_dialog(doing))
                    return
                await context.send_activity(replies.left_dialog(doing, md(activity.text)))
                then = left.then
        if isinstance(found, Ambiguous):
            user = _teams_user(activity)
            options = {
                "candidates": [{"id": c.person_id, "name": c.name} for c in found.candidates],
                "display_name": user.display_name,
                "aad": user.aad_object_id,
                "tenant": user.tenant,
            }
            await dialog.begin_dialog(CHOOSE_PERSON, options)
            return
        if not isinstance(found, Known):  # read-only commands, as the registry allows
            outcome = await asyncio.to_thread(self.commands.run, then or route(activity.text),
                                              None, activity.from_property.name)
            await context.send_activity(to_activity(outcome))
            return
        if found.newly_linked:
            await context.send_activity(replies.linked(found.person.name))
        text = activity.text
        if not text:
            await context.send_activity(replies.EMPTY)
            return
        outcome = await asyncio.to_thread(self.commands.run, then or route(text), found.person)
        if isinstance(outcome, StartDialog):
            await dialog.begin_dialog(outcome.dialog, outcome.options)
        else:
            await context.send_activity(to_activity(outcome))

    # card buttons ------------------------------------------------------------------------
    def _press(self, caller: PersonView, data: dict) -> Reply | None:
        """A button press: "Mark complete" closes, then rebuilds the same view with what
        happened on top (also when nothing could change: an old card, someone else's
        action); "Show more" shows the list's next page. None, with nothing changed, for data
        that is not exactly one of Clerk's buttons."""
        press = cards.read_press(data)
        if press is None:
            return None
        notice = None
        if press.verb == cards.CLOSE_VERB:
            try:
                done = self.clerk.close_action(press.action, Actor.of(caller, "card"), press.note)
                notice = "✓ " + wording.closed(done, md)
            except ClerkError as error:
                notice = md(error)
        try:
            return self.commands.actions_view(press.view, caller, notice, start=press.start)
        except ClerkError as error:
            return Reply(notice or md(error))

    async def _on_submit(self, context: TurnContext, caller: PersonView, data: dict) -> None:
        if data.get("verb") == REVIEW_VERB:
            reply = await self.review.press(context, caller, data)
        else:
            reply = await asyncio.to_thread(self._press, caller, data)
        if reply is None:
            await context.send_activity(replies.IGNORED_CARD)
            return
        if reply.card is not None and context.activity.reply_to_id:
            update = to_activity(reply)
            update.id = context.activity.reply_to_id
            try:
                await context.update_activity(update)
            except Exception:  # noqa: BLE001  (a client that cannot update gets the text below)
                log.warning("could not update card %s", update.id, exc_info=True)
        await context.send_activity(reply.text.splitlines()[0])

    async def on_adaptive_card_invoke(
        self, turn_context: TurnContext, invoke_value: AdaptiveCardInvokeValue
    ) -> AdaptiveCardInvokeResponse:
        action = invoke_value.action
        if not isinstance(action, dict):  # botbuilder leaves it a dict; be safe either way
            action = {"verb": getattr(action, "verb", None), "data": getattr(action, "data", None)}
        data = {"verb": action.get("verb"), **(action.get("data") or {})}
        try:
            found = await self._identify(turn_context)
        except ClerkError as error:
            return _card_response(Reply(md(error)))
        if not isinstance(found, Known):
            return _card_response(Reply(replies.UNKNOWN_CALLER))
        if data.get("verb") == REVIEW_VERB:
            return _card_response(await self.review.press(turn_context, found.person, data))
        reply = await asyncio.to_thread(self._press, found.person, data)
        return _card_response(reply or Reply(replies.IGNORED_CARD))

    # installation -----------------------------------------------------------------------
    async def on_members_added_activity(self, members_added, turn_context: TurnContext) -> None:
        bot_id = turn_context.activity.recipient.id if turn_context.activity.recipient else None
        if any(member.id == bot_id for member in members_added):
            await turn_context.send_activity(to_activity(replies.help_reply(None, help_lines())))

    async def on_unrecognized_activity_type(self, turn_context: TurnContext) -> None:
        if turn_context.activity.type not in (ActivityTypes.installation_update,):
            log.debug("ignored activity type %s", turn_context.activity.type)


def _typed_by_button(value: object) -> str | None:
    """The message an Action.Submit with ``msteams.imBack`` stands for. Teams sends it as
    typed text; other clients (the Agents Playground) send the data, which means the same."""
    if not isinstance(value, dict) or not isinstance(value.get("msteams"), dict):
        return None
    said = value["msteams"].get("value") if value["msteams"].get("type") == "imBack" else None
    return said.strip()[:500] if isinstance(said, str) and said.strip() else None


def _teams_user(activity: Activity) -> TeamsUser:
    user: ChannelAccount = activity.from_property
    channel = activity.channel_data if isinstance(activity.channel_data, dict) else {}
    tenant = (channel.get("tenant") or {}).get("id") if isinstance(channel.get("tenant"),
                                                                   dict) else None
    conversation = activity.conversation
    return TeamsUser(user.aad_object_id or user.id, user.name,
                     tenant or (conversation.tenant_id if conversation else None))


async def _roster_emails(context: TurnContext) -> tuple[str, ...]:
    """The email and UPN the Bot Connector's roster gives for the caller (TeamsInfo), or
    nothing when it cannot say (not Teams, no connector, a slow or failing answer)."""
    if context.activity.channel_id != "msteams":
        return ()
    try:
        member = await asyncio.wait_for(
            TeamsInfo.get_member(context, context.activity.from_property.id), ROSTER_TIMEOUT)
    except Exception:  # noqa: BLE001  (without the roster, the display name only proposes)
        log.info("no roster entry for %s", context.activity.from_property.id, exc_info=True)
        return ()
    return tuple(a for a in (getattr(member, "email", None),
                             getattr(member, "user_principal_name", None)) if a)


def _card_response(reply: Reply) -> AdaptiveCardInvokeResponse:
    """The card Teams shows in place of the pressed one (a one-line card for a message)."""
    card = reply.card or cards.card([cards.line(reply.text)], fallback=reply.text)
    return AdaptiveCardInvokeResponse(status_code=200, type=ADAPTIVE, value=card)
