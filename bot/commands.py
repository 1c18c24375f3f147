"""Each chat command: a router ``Match`` and the caller in, a ``Reply`` out.

Synchronous and free of Bot Framework types: the handler runs ``Commands.run`` in a worker
thread (the one seam between the async bot and the services). Errors the services raise
(``ClerkError``) become their one-line message; nothing was changed in that case. Commands
that need more turns return a ``StartDialog`` for the handler to begin.
"""

from __future__ import annotations

import mimetypes
from collections.abc import Callable
from dataclasses import dataclass, field

from board import wording
from board.corrections import Corrections
from board.dates import month_candidates, month_label
from board.errors import AmbiguousName, ClerkError, PermissionDenied
from board.model import ActionView, Actor, PersonView
from board.services import Clerk
from bot import cards
from bot.correction_commands import CorrectionCommands
from bot.markdown import md
from bot.replies import (
    HOW_TO_UPLOAD,
    UPLOAD_SECRETARIAT_ONLY,
    Reply,
    help_reply,
    no_match,
    not_linked,
)
from bot.router import Match, NoMatch
from exports.tracker import ACTION_FORMATS, PLAN_FORMATS, export_actions, export_plan


@dataclass(frozen=True)
class StartDialog:
    """Hand over to a multi-turn dialog, with only simple values as its options."""

    dialog: str
    options: dict = field(default_factory=dict)


Outcome = Reply | StartDialog

# What a member Clerk cannot match to a person may still ask: nothing about "my" actions,
# nothing that changes the record.
GUEST_COMMANDS = frozenset({"help", "open_actions", "overdue", "actions_for", "show", "plan",
                            "plan_next", "last_minutes", "minutes_from", "next_meeting",
                            "search"})


# (file name, content type, bytes, who) -> a link where the file can be downloaded
Publish = Callable[[str, str, bytes, str], str]
_FORMATS = {"excel": "xlsx", "word": "docx"}


class Commands:
    def __init__(self, clerk: Clerk, publish: Publish | None = None) -> None:
        self.clerk = clerk
        self.publish = publish
        self._table: dict[str, Callable[[Match, PersonView], Outcome]] = {
            "help": lambda m, p: help_reply(p.name),
            "my_actions": lambda m, p: self.actions_view("mine", p),
            "open_actions": lambda m, p: self.actions_view("open", p),
            "overdue": self.overdue,
            "actions_for": self.actions_for,
            "show": lambda m, p: self.show(int(m.args["number"]), p),
            "close": self.close,
            "reopen": self.reopen,
            "due": self.due,
            "plan": self.plan,
            "plan_next": self.plan_next,
            "add_plan": self.add_plan,
            "last_minutes": lambda m, p: self.minutes(None),
            "minutes_from": lambda m, p: self.minutes(m.args["month"]),
            "next_meeting": self.next_meeting,
            "search": self.search,
            "link": self.link,
            "unlink": self.unlink,
            "admin_add": lambda m, p: self.set_admin(m, p, True),
            "admin_remove": lambda m, p: self.set_admin(m, p, False),
            "email": self.record_email,
            "export": self.export,
            "upload_minutes": lambda m, p: Reply(
                HOW_TO_UPLOAD if self.clerk.is_admin(p) else UPLOAD_SECRETARIAT_ONLY),
            **CorrectionCommands(Corrections(clerk)).table(),
        }

    def run_unlinked(self, routed: Match | NoMatch, display_name: str | None) -> Outcome:
        """A member Clerk has not linked to a person: anything not about "my" actions or a
        change, as a guest (who owns nothing and may change nothing)."""
        if isinstance(routed, Match) and routed.command not in GUEST_COMMANDS:
            return not_linked(display_name)
        return self.run(routed, PersonView(id=0, name=display_name or "there"))

    def run(self, routed: Match | NoMatch, caller: PersonView) -> Outcome:
        if isinstance(routed, NoMatch):
            return no_match(routed.suggestion)
        try:
            return self._table[routed.command](routed, caller)
        except AmbiguousName as error:
            return Reply(
                f'"{md(error.name)}" could be several people. Which one did you mean?',
                suggestions=tuple(f"actions for {c.name}" for c in error.candidates),
            )
        except ClerkError as error:
            return Reply(md(error))

    # actions ------------------------------------------------------------------------------
    def can_close(self, caller: PersonView) -> Callable[[ActionView], bool]:
        admin = self.clerk.is_admin(caller)
        return lambda action: admin or caller.id in action.owner_ids

    def actions_view(self, view: str, caller: PersonView, notice: str | None = None,
                     person: PersonView | None = None, start: int = 0) -> Reply:
        """A list of actions as a card, one page from row ``start``. ``view`` says which list,
        so a button press can rebuild the same card: "mine", "open", "person:<id>",
        "overdue" or "show:<n>". ``notice`` is markdown. ``person``: the person of a
        "person:<id>" view, when the caller has just read them."""
        kind, _, arg = view.partition(":")
        if kind == "show":
            return self.show(int(arg), caller, notice)
        if kind == "mine":
            found = self.clerk.actions(owner_id=caller.id)
            title, empty = "Your open actions", "You have no open actions. 🎉"
        elif kind == "person":
            person = person or self.clerk.person(int(arg))
            found = self.clerk.actions(owner_id=person.id)
            name = md(person.name)
            title, empty = f"Open actions for {name}", f"{name} has no open actions."
        elif kind == "overdue":
            found = self.clerk.overdue()
            title, empty = "Overdue actions", "No open action is past its due date."
        else:
            found = self.clerk.actions()
            title, empty = "Open actions", "The board has no open actions."
        title = f"{title} ({len(found)})" if found else title
        lines = [f"{a.number}. {md(a.text)} ({md(', '.join(a.owners)) or 'no owner'})"
                 for a in found[start:start + cards.MAX_ROWS]]
        text = "\n".join(filter(None, [notice, title + ":" if found else empty, *lines]))
        card = cards.actions_card(title, found, view=view, can_close=self.can_close(caller),
                                  notice=notice, empty=empty, start=start)
        return Reply(text, card)

    def overdue(self, match: Match, caller: PersonView) -> Reply:
        return self.actions_view("overdue", caller)

    def actions_for(self, match: Match, caller: PersonView) -> Reply:
        person = self.clerk.resolve_person(match.args["name"])
        return self.actions_view(f"person:{person.id}", caller, person=person)

    def show(self, number: int, caller: PersonView, notice: str | None = None) -> Reply:
        action = self.clerk.action(number, latest_events=cards.MAX_ROWS)
        owners = md(", ".join(action.owners)) or "no owner named"
        text = f"Action {number} ({action.status}, {owners}): {md(action.text)}"
        card = cards.action_card(action, can_close=self.can_close(caller)(action))
        if notice:
            card["body"].insert(1, cards.line(notice, color="Good"))
            text = f"{notice}\n{text}"
        return Reply(text, card)

    def close(self, match: Match, caller: PersonView) -> Outcome:
        number, note = int(match.args["number"]), match.args.get("note")
        action = self.clerk.action(number)
        if caller.id not in action.owner_ids and self.clerk.is_admin(caller) and action.is_open:
            return StartDialog(
                "confirm_close",
                {"number": number, "note": note, "owners": ", ".join(action.owners),
                 "text": action.text},
            )
        return self.close_now(number, caller, note)

    def close_now(self, number: int, caller: PersonView, note: str | None = None) -> Reply:
        try:
            done = self.clerk.close_action(number, Actor.of(caller, "chat"), note)
        except PermissionDenied as error:
            return Reply(md(error))
        return Reply(wording.closed(done, md))

    def reopen(self, match: Match, caller: PersonView) -> Reply:
        number = int(match.args["number"])
        done = self.clerk.reopen_action(number, Actor.of(caller, "chat"), match.args.get("note"))
        return Reply(wording.reopened(done, md))

    def due(self, match: Match, caller: PersonView) -> Reply:
        number = int(match.args["number"])
        done = self.clerk.set_due_date(number, match.args["when"], Actor.of(caller, "chat"))
        return Reply(f"Action {number} is now due {done.due_date:%A %d %B %Y}.")

    # forward plan -------------------------------------------------------------------------
    def which_month(self, month: str, again: Callable[[str], str]) -> Reply | None:
        """When a month could be several ("Ju"), ask which, with a button for each."""
        try:
            self.clerk.month(month)
        except ClerkError:
            names = month_candidates(month)
            if len(names) > 1:
                return Reply(f'"{md(month)}" could be {" or ".join(names)}. Which did you mean?',
                             suggestions=tuple(again(name) for name in names))
        return None

    def plan(self, match: Match, caller: PersonView) -> Reply:
        month = match.args.get("month")
        ask = month and self.which_month(month, lambda m: f"what's on {m} agenda")
        if ask:
            return ask
        target, items = self.clerk.plan(month)
        if target is None:  # the whole plan from this month on, each item with its meeting
            title, empty = "Forward plan", "Nothing is on the forward plan from this month on."
            entries = [(f"{month_label(i.month)}: {md(i.title)}", i.lead and md(i.lead))
                       for i in items]
        else:
            title = f"Forward plan: {month_label(target)}"
            empty = f"Nothing is on the forward plan for {month_label(target)} yet."
            entries = [(md(i.title), i.lead and md(i.lead)) for i in items]
        text = "\n".join([f"{title}:" if items else empty,
                          *(f"• {e}" for e, _ in entries[:cards.MAX_ROWS])])
        return Reply(text, cards.plan_card(title, entries, empty))

    def plan_next(self, match: Match, caller: PersonView) -> Reply:
        meeting, items = self.clerk.plan_for_next_meeting()
        if meeting is None:
            return Reply("No next meeting is scheduled yet, so there is no agenda to show.")
        title = f"Forward plan: next meeting, {meeting.date:%d %B %Y}"
        empty = "Nothing is on the forward plan for that meeting yet."
        entries = [(md(i.title), i.lead and md(i.lead)) for i in items]
        text = "\n".join([f"{title}:" if items else empty,
                          *(f"• {e}" for e, _ in entries[:cards.MAX_ROWS])])
        return Reply(text, cards.plan_card(title, entries, empty))

    def add_plan(self, match: Match, caller: PersonView) -> Outcome:
        title, month = match.args.get("title"), match.args.get("month")
        if not title or not month:
            return StartDialog("add_plan_item", {"title": title, "month": month})
        return self.add_plan_now(title, month, caller)

    def add_plan_now(self, title: str, month: str, caller: PersonView) -> Reply:
        ask = self.which_month(month, lambda m: f"add {title} to the {m} forward plan")
        if ask:
            return ask
        try:
            item = self.clerk.add_plan_item(title, month, Actor.of(caller, "chat"))
        except ClerkError as error:
            return Reply(md(error))
        return Reply(f"Added to the forward plan for {month_label(item.month)}: {md(item.title)}.")

    # meetings -----------------------------------------------------------------------------
    def minutes(self, month: str | None) -> Reply:
        meeting = self.clerk.last_meeting(month)
        items = [f"{md(i.title)}{' (restricted)' if i.restricted else ''}"
                 for i in meeting.items[:cards.MAX_ROWS]]
        text = "\n".join(
            [
                f"Minutes of {meeting.date:%d %B %Y}" + (f", chaired by {md(meeting.chair)}"
                                                         if meeting.chair else "") + ".",
                *(f"• {i}" for i in items),
                f"{len(meeting.actions)} actions raised.",
            ]
        )
        return Reply(text, cards.minutes_card(meeting))

    def next_meeting(self, match: Match, caller: PersonView) -> Reply:
        meeting, items = self.clerk.plan_for_next_meeting()
        if meeting is None:
            return Reply("No next meeting is in the minutes yet.")
        where = f" at {md(meeting.venue)}" if meeting.venue else ""
        time = f", {md(meeting.time)}" if meeting.time else ""
        text = f"The next meeting is on {meeting.date:%A %d %B %Y}{time}{where}."
        if items:
            titles = "; ".join(md(i.title) for i in items[:cards.MAX_ROWS])
            text += f" On the forward plan: {titles}."
        return Reply(text, cards.next_meeting_card(meeting, items))

    def search(self, match: Match, caller: PersonView) -> Reply:
        hits = self.clerk.search(match.args["query"])
        if not hits:
            return Reply(f'Nothing in the minutes mentions "{md(match.args["query"])}".')
        lines = [f"**{h.meeting_date:%d %B %Y}: {md(h.item_title)}**\n{_snippet(h.snippet)}"
                 for h in hits]
        return Reply("\n\n".join(lines))

    # people (the services refuse anyone but the secretariat) -------------------------------
    def link(self, match: Match, caller: PersonView) -> Reply:
        person = self.clerk.resolve_person(match.args["name"])
        self.clerk.link_identity(person.id, match.args["identity"], Actor.of(caller, "chat"))
        return Reply(f"Linked {md(person.name)} to Teams user {md(match.args['identity'])}.")

    def unlink(self, match: Match, caller: PersonView) -> Reply:
        person = self.clerk.unlink_identity(match.args["name"], Actor.of(caller, "chat"))
        return Reply(f"{md(person.name)} is no longer linked to a Teams user.")

    def set_admin(self, match: Match, caller: PersonView, value: bool) -> Reply:
        person = self.clerk.set_admin(match.args["name"], value, Actor.of(caller, "chat"))
        return Reply(f"{md(person.name)} is {'now' if value else 'no longer'} an admin.")

    def record_email(self, match: Match, caller: PersonView) -> Reply:
        person = self.clerk.record_email(match.args["name"], match.args["email"],
                                         Actor.of(caller, "chat"))
        return Reply(f"Recorded {md(person.email)} for {md(person.name)}.")

    def export(self, match: Match, caller: PersonView) -> Reply:
        """The tracker spreadsheet or the forward plan as a file, for the secretariat."""
        if not self.clerk.is_admin(caller) or self.publish is None:
            return Reply("Only the secretariat can export the action log and forward plan.")
        plan = match.args["what"] in ("forward plan", "plan")
        fmt = match.args.get("format", "xlsx").lower()
        fmt = _FORMATS.get(fmt, fmt)
        allowed = PLAN_FORMATS if plan else ACTION_FORMATS
        if fmt not in allowed:
            return Reply(f"That can be exported as {', '.join(allowed)}, not {md(fmt)}.")
        today = self.clerk.today()
        if plan:
            made = export_plan(self.clerk.plan()[1], fmt, today)
        else:
            made = export_actions(self.clerk.tracker(), fmt, today)
        kind = mimetypes.guess_type(made.file_name)[0] or "application/octet-stream"
        url = self.publish(made.file_name, kind, made.data, caller.name)
        what = "forward plan" if plan else "action tracker"
        return Reply(f"Here is the {what}: [{made.file_name}]({url}) (the link works for 24 "
                     "hours).")


def _snippet(snippet: str) -> str:
    """A search snippet from the minutes, escaped, keeping the search's **bold** on the
    matching words (the parts between its markers)."""
    return "**".join(md(part) for part in snippet.split("**"))
