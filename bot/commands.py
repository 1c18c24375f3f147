"""Each chat command: a router result and the caller in, a ``Reply`` out.

Synchronous and free of Bot Framework types: the handler runs ``Commands.run`` in a worker
thread (the one seam between the async bot and the services). Which method runs a command, who
may run it and whether it changes the record are declared once, in ``bot.registry``. Errors the
services raise (``ClerkError``) become their one-line message; nothing was changed in that
case. Commands that need more turns return a ``StartDialog`` for the handler to begin.
"""

from __future__ import annotations

import mimetypes
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from rapidfuzz import fuzz, process

from board import wording
from board.corrections import ONLY_SECRETARIAT, Corrections
from board.dates import month_candidates, month_label, month_of
from board.errors import AmbiguousName, ClerkError, PermissionDenied
from board.model import ActionView, Actor, MeetingView, PersonView
from board.services import Clerk
from bot import cards, replies
from bot.correction_commands import CorrectionCommands
from bot.markdown import md
from bot.registry import BY_NAME, COMMANDS, EVERYONE, SECRETARIAT, help_lines, phrase
from bot.replies import Reply
from bot.router import Ambiguous, Match, NoMatch
from exports.tracker import ACTION_FORMATS, PLAN_FORMATS, export_actions, export_plan


@dataclass(frozen=True)
class StartDialog:
    """Hand over to a multi-turn dialog, with only simple values as its options."""

    dialog: str
    options: dict = field(default_factory=dict)


Outcome = Reply | StartDialog

# (file name, content type, bytes, who) -> a link where the file can be downloaded
Publish = Callable[[str, str, bytes, str], str]
_FORMATS = {"excel": "xlsx", "word": "docx"}
# What a no-match may suggest: commands that only read, said without naming anything.
_SAFE_SUGGESTIONS = [said for c in COMMANDS
                     if not c.writes and c.permission != SECRETARIAT
                     and (said := phrase(c.name, {}, example=False))]
CONFIRM_GUESS = "confirm_guess"
_SECRETARIAT_WHAT = {"link": "link people to their Teams accounts",
                     "unlink": "unlink people",
                     "admin_add": "change who is an admin",
                     "admin_remove": "change who is an admin",
                     "email": "record people's emails",
                     "export": "export the action log and forward plan"}


def safe_suggestion(no_match: NoMatch) -> str | None:
    """The closest command that only reads: "show action N" when the message named a number,
    else a command that needs no arguments. Never one that changes the record."""
    if no_match.number is not None:
        return f"show action {no_match.number}"
    found = process.extractOne(no_match.text.lower(), _SAFE_SUGGESTIONS, scorer=fuzz.ratio,
                               score_cutoff=60)
    return found[0] if found else None


class Commands:
    def __init__(self, clerk: Clerk, publish: Publish | None = None) -> None:
        self.clerk = clerk
        self.publish = publish
        # The secretariat's corrections, one handler each, named as the registry's commands.
        self.corrections = CorrectionCommands(Corrections(clerk)).table()

    def __getattr__(self, name: str) -> Callable[[Match, PersonView], Reply]:
        """A correction's handler, found like the other commands' methods."""
        corrections = self.__dict__.get("corrections", {})
        if name in corrections:
            return corrections[name]
        raise AttributeError(name)

    def run(self, routed: Match | Ambiguous | NoMatch, caller: PersonView | None,
            display_name: str | None = None) -> Outcome:
        """``caller`` is None for a Teams user Clerk could not match to a person (called
        ``display_name`` in Teams): they may ask everything the registry opens to everyone,
        and are told the secretariat can link them for the rest."""
        if isinstance(routed, NoMatch):
            return replies.no_match(safe_suggestion(routed))
        if isinstance(routed, Ambiguous):
            return self.ask_which(routed)
        command = BY_NAME[routed.command]
        if caller is None and command.permission != EVERYONE:
            return replies.not_linked(display_name)
        if command.permission == SECRETARIAT and not self.clerk.is_admin(caller):
            if command.name in self.corrections:
                return Reply(md(ONLY_SECRETARIAT))
            return replies.secretariat_only(_SECRETARIAT_WHAT.get(command.name, command.name))
        if command.writes and routed.guessed:  # a typo corrected into a change: ask first
            said = phrase(command.name, routed.args) or command.example
            return StartDialog(CONFIRM_GUESS, {"command": command.name, "args": routed.args,
                                               "question": replies.confirm_guess(said)})
        try:
            return getattr(self, command.method)(routed, caller)
        except AmbiguousName as error:
            return replies.ambiguous_name(error.name, [c.name for c in error.candidates])
        except ClerkError as error:
            return Reply(md(error))

    def ask_which(self, routed: Ambiguous) -> Reply:
        reads, writes = [], []
        for option in routed.options:
            said = phrase(option.command, option.args)
            if said:
                (writes if BY_NAME[option.command].writes else reads).append(said)
        return replies.which_reading(reads, writes)

    def help(self, match: Match, caller: PersonView) -> Reply:
        return replies.help_reply(caller.name if caller else None, help_lines())

    # actions ------------------------------------------------------------------------------
    def can_close(self, caller: PersonView | None) -> Callable[[ActionView], bool]:
        if caller is None:
            return lambda action: False
        admin = self.clerk.is_admin(caller)
        return lambda action: admin or caller.id in action.owner_ids

    def _list(self, view: str, caller: PersonView,
              person: PersonView | None) -> tuple[list[ActionView], tuple[str, str]]:
        kind, _, arg = view.partition(":")
        if kind == "person":
            person = person or self.clerk.person(int(arg))
            return self.clerk.actions(owner_id=person.id), replies.person_actions_titles(
                person.name)
        if kind == "personoverdue":
            person = person or self.clerk.person(int(arg))
            return self.clerk.overdue(owner_id=person.id), replies.person_overdue_titles(
                person.name)
        if kind == "mine":
            return self.clerk.actions(owner_id=caller.id), replies.ACTION_LISTS["mine"]
        if kind == "myoverdue":
            return self.clerk.overdue(owner_id=caller.id), replies.ACTION_LISTS["my_overdue"]
        if kind == "overdue":
            return self.clerk.overdue(), replies.ACTION_LISTS["overdue"]
        if kind == "meeting":
            meeting = self.clerk.last_meeting(day=date.fromisoformat(arg))
            return list(meeting.actions), replies.meeting_actions_titles(meeting.date,
                                                                         meeting.day_known)
        return self.clerk.actions(), replies.ACTION_LISTS["open"]

    def actions_view(self, view: str, caller: PersonView, notice: str | None = None,
                     person: PersonView | None = None, start: int = 0) -> Reply:
        """A list of actions as a card, one page from row ``start``. ``view`` says which
        list, so a button press can rebuild the same card: "mine", "open", "overdue",
        "myoverdue", "person:<id>", "personoverdue:<id>", "meeting:<date>" or "show:<n>".
        ``notice`` is markdown. ``person``: the person of a person view, when the caller has
        just read them."""
        kind, _, arg = view.partition(":")
        if kind == "show":
            return self.show_number(int(arg), caller, notice)
        found, (title, empty) = self._list(view, caller, person)
        title = f"{title} ({len(found)})" if found else title
        today = self.clerk.today()
        lines = [replies.action_line(a.number, a.text, a.owners, _late(a, today))
                 for a in found[start:start + cards.MAX_ROWS]]
        text = "\n".join(filter(None, [notice, title + ":" if found else empty, *lines]))
        card = cards.actions_card(title, found, view=view, can_close=self.can_close(caller),
                                  notice=notice, empty=empty, start=start, today=today)
        return Reply(text, card)

    def my_actions(self, match: Match, caller: PersonView) -> Reply:
        return self.actions_view("mine", caller)

    def open_actions(self, match: Match, caller: PersonView) -> Reply:
        return self.actions_view("open", caller)

    def overdue(self, match: Match, caller: PersonView) -> Reply:
        if "name" in match.args:
            person = self.clerk.resolve_person(match.args["name"])
            return self.actions_view(f"personoverdue:{person.id}", caller, person=person)
        return self.actions_view("myoverdue" if "owner" in match.args else "overdue", caller)

    def actions_for(self, match: Match, caller: PersonView) -> Reply:
        person = self.clerk.resolve_person(match.args["name"])
        if caller is not None and person.id == caller.id:
            return self.actions_view("mine", caller)
        return self.actions_view(f"person:{person.id}", caller, person=person)

    def meeting_actions(self, match: Match, caller: PersonView) -> Reply:
        meeting = self.meeting_of(match.args)
        return self.actions_view(f"meeting:{meeting.date.isoformat()}", caller)

    def show(self, match: Match, caller: PersonView) -> Reply:
        return self.show_number(int(match.args["number"]), caller)

    def show_number(self, number: int, caller: PersonView, notice: str | None = None) -> Reply:
        action = self.clerk.action(number, latest_events=cards.MAX_ROWS)
        owners = ", ".join(action.owners) or "no owner named"
        state = action.status
        if _late(action, self.clerk.today()):
            state = "open, overdue"
        text = replies.action_summary(number, state, owners, action.text)
        card = cards.action_card(action, can_close=self.can_close(caller)(action),
                                 today=self.clerk.today())
        if notice:
            card["body"].insert(1, cards.line(notice, color="Good"))
            text = f"{notice}\n{text}"
        return Reply(text, card)

    def close(self, match: Match, caller: PersonView) -> Outcome:
        if "number" not in match.args:  # "close action": which one?
            mine = self.clerk.actions(owner_id=caller.id)
            return replies.which_to_close([(a.number, a.text) for a in mine[:cards.MAX_ROWS]])
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
        return replies.due_set(number, done.due_date)

    def cant_write(self, match: Match, caller: PersonView) -> Reply:
        number = match.args.get("number")
        return replies.cant_write(int(number) if number else None)

    # forward plan -------------------------------------------------------------------------
    def which_month(self, month: str, again: Callable[[str], str]) -> Reply | None:
        """When a month could be several ("Ju"), ask which, with a button for each."""
        try:
            self.clerk.month(month)
        except ClerkError:
            names = month_candidates(month)
            if len(names) > 1:
                return replies.which_month(month, names, [again(name) for name in names])
        return None

    def plan(self, match: Match, caller: PersonView) -> Reply:
        month = match.args.get("month")
        ask = month and self.which_month(month, lambda m: f"what's on {m} agenda")
        if ask:
            return ask
        if month:
            target, meeting, items = self.clerk.meeting_plan(month)
            title, empty = replies.plan_titles(month_label(target), meeting and meeting.date,
                                               in_month=bool(meeting and month_of(
                                                   meeting.date) == target))
            sections = [(None, items)]
        else:  # the whole plan from this month on, under each meeting's month
            _, items = self.clerk.plan()
            title, empty = replies.plan_titles(None)
            sections = [(month_label(m), [i for i in items if i.month == m])
                        for m in dict.fromkeys(i.month for i in items)]
        text = "\n".join([f"{title}:" if items else empty,
                          *(f"• {label + ': ' if label else ''}{md(i.title)}"
                            for label, section in sections for i in section)][:cards.MAX_ROWS + 1])
        return Reply(text, cards.plan_card(title, sections, empty))

    def plan_next(self, match: Match, caller: PersonView) -> Reply:
        meeting, items = self.clerk.plan_for_next_meeting()
        if meeting is None:
            return Reply(replies.NO_NEXT_AGENDA)
        title, empty = replies.plan_next_titles(meeting.date)
        text = "\n".join([f"{title}:" if items else empty,
                          *(f"• {md(i.title)}" for i in items[:cards.MAX_ROWS])])
        return Reply(text, cards.plan_card(title, [(None, items)], empty))

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
        return replies.plan_added(month_label(item.month), item.title)

    # meetings -----------------------------------------------------------------------------
    def meeting_of(self, args: dict[str, str]) -> MeetingView:
        """The held meeting a message means: on a date, in a month, or the last one."""
        if "date" in args:
            return self.clerk.last_meeting(day=date.fromisoformat(args["date"]))
        return self.clerk.last_meeting(args.get("month"))

    def minutes_reply(self, meeting: MeetingView) -> Reply:
        items = [f"{i.title}{' (restricted)' if i.restricted else ''}" for i in meeting.items]
        text = replies.minutes_summary(meeting.date, meeting.day_known, meeting.chair, items,
                                       len(meeting.actions))
        return Reply(text, cards.minutes_card(meeting, today=self.clerk.today()))

    def last_minutes(self, match: Match, caller: PersonView) -> Reply:
        return self.minutes_reply(self.clerk.last_meeting())

    def minutes_from(self, match: Match, caller: PersonView) -> Reply:
        return self.minutes_reply(self.meeting_of(match.args))

    def chair(self, match: Match, caller: PersonView) -> Reply:
        if match.args.get("which") == "next" or not match.args:
            upcoming = self.clerk.next_meeting()
            if upcoming is not None and (upcoming.chair or match.args):
                return replies.chaired(upcoming.date, True, upcoming.chair, upcoming=True)
        meeting = self.meeting_of({k: v for k, v in match.args.items() if k != "which"})
        return replies.chaired(meeting.date, meeting.day_known, meeting.chair, upcoming=False)

    def next_meeting(self, match: Match, caller: PersonView) -> Reply:
        """The next meeting, or the meeting of a month ("where are we meeting in April?")."""
        if "month" in match.args:
            target, meeting, items = self.clerk.meeting_plan(match.args["month"])
            if meeting is None or month_of(meeting.date) != target:
                return Reply(replies.no_meeting_in(month_label(target),
                                                   meeting and meeting.date))
            heading = replies.meeting_in(month_label(target))
            which = f"The {month_label(target)} meeting"
        else:
            meeting, items = self.clerk.plan_for_next_meeting()
            if meeting is None:
                return Reply(replies.NO_NEXT_MEETING)
            heading, which = replies.NEXT_MEETING, "The next meeting"
        text = replies.next_meeting(meeting.date, meeting.time, meeting.venue, meeting.chair,
                                    [i.title for i in items], which)
        return Reply(text, cards.next_meeting_card(meeting, items, heading))

    def search(self, match: Match, caller: PersonView) -> Reply:
        query = match.args["query"]
        hits = self.clerk.search(query)
        if not hits:
            return replies.nothing_found(query)
        title = replies.search_title(query, len(hits))
        lines = [f"• {cards.on_day(h.meeting_date)}: {md(h.item_title)} — "
                 f"{cards.snippet(h.snippet)}" for h in hits]
        return Reply("\n".join([title + ":", *lines]), cards.search_card(title, hits))

    # secretariat (the registry lets only admins here; the services check again) ---------
    def link(self, match: Match, caller: PersonView) -> Reply:
        person = self.clerk.resolve_person(match.args["name"])
        self.clerk.link_identity(person.id, match.args["identity"], Actor.of(caller, "chat"))
        return replies.linked_by_secretariat(person.name, match.args["identity"])

    def unlink(self, match: Match, caller: PersonView) -> Reply:
        person = self.clerk.unlink_identity(match.args["name"], Actor.of(caller, "chat"))
        return replies.unlinked(person.name)

    def admin_add(self, match: Match, caller: PersonView) -> Reply:
        person = self.clerk.set_admin(match.args["name"], True, Actor.of(caller, "chat"))
        return replies.admin_changed(person.name, True)

    def admin_remove(self, match: Match, caller: PersonView) -> Reply:
        person = self.clerk.set_admin(match.args["name"], False, Actor.of(caller, "chat"))
        return replies.admin_changed(person.name, False)

    def email(self, match: Match, caller: PersonView) -> Reply:
        person = self.clerk.record_email(match.args["name"], match.args["email"],
                                         Actor.of(caller, "chat"))
        return replies.email_recorded(person.name, person.email or "")

    def upload_minutes(self, match: Match, caller: PersonView | None) -> Reply:
        """How to load minutes from Teams (the secretariat), or who may."""
        return Reply(replies.HOW_TO_UPLOAD if self.clerk.is_admin(caller)
                     else replies.UPLOAD_SECRETARIAT_ONLY)

    def export(self, match: Match, caller: PersonView) -> Reply:
        """The tracker spreadsheet or the forward plan as a file, for the secretariat."""
        if self.publish is None:
            return replies.secretariat_only(_SECRETARIAT_WHAT["export"])
        plan = match.args["what"] in ("forward plan", "plan")
        fmt = match.args.get("format", "xlsx").lower()
        fmt = _FORMATS.get(fmt, fmt)
        allowed = PLAN_FORMATS if plan else ACTION_FORMATS
        if fmt not in allowed:
            return replies.export_formats(allowed, fmt)
        today = self.clerk.today()
        if plan:
            made = export_plan(self.clerk.plan()[1], fmt, today)
        else:
            made = export_actions(self.clerk.tracker(), fmt, today)
        kind = mimetypes.guess_type(made.file_name)[0] or "application/octet-stream"
        url = self.publish(made.file_name, kind, made.data, caller.name)
        return replies.exported("forward plan" if plan else "action tracker", made.file_name, url)


def _late(action: ActionView, today: date) -> bool:
    return bool(action.is_open and action.due_date and action.due_date < today)

