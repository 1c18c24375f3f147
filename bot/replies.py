"""What Clerk says: the reply type and every sentence shown to users, in one place.

Commands, dialogs and the handler call these small functions; none of them writes a sentence
of its own. Text from users and documents goes through ``md`` (escaped for Teams markdown)
wherever it is shown; action texts from minutes start with a capital (``cards.capital``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from bot.cards import Card, capital, help_card, on_day
from bot.markdown import md

UNAVAILABLE = "I can't reach the board's records right now, nothing was changed."
EMPTY = "I didn't catch that. Type **help** to see what I can do."
IGNORED_CARD = "That button belongs to an old card; nothing was changed."
ERROR = "Sorry, something went wrong on my side; nothing was changed."
UNKNOWN_CALLER = "I don't know who you are yet: send me a message first."


@dataclass(frozen=True)
class Reply:
    """A message: text (the fallback when there is a card), an optional Adaptive Card, and
    suggested next messages shown as buttons."""

    text: str
    card: Card | None = None
    suggestions: tuple[str, ...] = field(default=())


def long_day(value: date) -> str:
    return f"{value:%A} {value.day} {value:%B %Y}"


UPLOAD_IN_PERSONAL_CHAT = (
    "To load minutes, send the file to me in a personal chat (open a chat with Clerk and attach "
    "it there). Nothing was recorded."
)
HOW_TO_UPLOAD = (
    "Attach the minutes (a Word, PDF, text or web page file) to a message here, in our personal "
    "chat. I'll show you what I read, for you to check and fix, and nothing is recorded until "
    "you press Publish."
)
UPLOAD_SECRETARIAT_ONLY = (
    "Only the secretariat can load minutes: please send the file to the board's secretariat. "
    "Nothing was recorded."
)


def upload_not_a_file(name: str) -> str:
    return (f'I can only read minutes attached as a file (docx, pdf, txt, md or html), and '
            f'"{md(name)}" is not one. Nothing was recorded.')


def download_failed(name: str, why: str) -> str:
    return f'I could not get "{md(name)}": {why}. Nothing was recorded; please try again.'


def upload_too_slow(name: str) -> str:
    return (f'Reading "{md(name)}" took too long, so I stopped. Nothing was recorded; try the '
            "minutes in another format (Word or text).")


# help, greetings and not understanding ------------------------------------------------------
def help_reply(name: str | None, lines: list[tuple[str, str]]) -> Reply:
    hello = f"Hello {md(name.split()[0])}! " if name and name.split() else ""
    title = f"{hello}I'm Clerk: I keep the board's action log, forward plan and minutes."
    text = title + "\n\nTry:\n" + "\n".join(f"- **{c}**: {what}" for c, what in lines)
    return Reply(text, help_card(title, lines))


def no_match(suggestion: str | None) -> Reply:
    """Not understood. ``suggestion`` is only ever a message that reads, never one that
    changes the record."""
    if suggestion:
        return Reply(f'I\'m not sure what you mean. Did you mean "{suggestion}"? Type **help** '
                     "for all commands.", suggestions=(suggestion, "help"))
    return Reply("I'm not sure what you mean. Type **help** to see what I can do.",
                 suggestions=("help",))


def which_reading(reads: Iterable[str], writes: Iterable[str]) -> Reply:
    """Two readings fit equally: buttons for the ones that only read, the others to type."""
    reads, writes = list(reads), list(writes)
    text = "I can read that more than one way. Which did you mean?"
    if writes:
        text += " To change the record, type it out: " + "; ".join(f"**{md(w)}**" for w in writes)
        text += "."
    return Reply(text, suggestions=(*reads, "help"))


def confirm_guess(phrasing: str) -> str:
    return f'Did you mean "{md(phrasing)}"? Nothing is changed until you say yes.'


def guess_declined() -> str:
    return "OK, nothing was changed."


def left_dialog(what: str, then: str | None = None) -> str:
    """A dialog the user walked away from ("cancel", "help" or a new command). ``then``,
    the new command as typed, is markdown (the caller escapes it)."""
    if then:
        return f"I've stopped {what}; nothing was changed. Now: {then}"
    return f"OK, I've stopped {what}; nothing was changed."


# permissions and people ---------------------------------------------------------------------
def secretariat_only(what: str) -> Reply:
    return Reply(f"Only the secretariat can {what}.")


def ambiguous_name(name: str, candidates: Iterable[str]) -> Reply:
    return Reply(f'"{md(name)}" could be several people. Which one did you mean?',
                 suggestions=tuple(f"actions for {c}" for c in candidates))


def not_linked(display_name: str | None) -> Reply:
    """For a member Clerk cannot match to a person (the secretariat is told how to link
    them; the member is not shown ids or commands they cannot use)."""
    who = f'"{md(display_name)}"' if display_name else "your Teams name"
    return Reply(
        f"I can't tell which member of the board {who} is yet, so I can't show or change "
        "your own actions. I've told the secretariat, who can link your Teams account to "
        "your name in the minutes. Meanwhile you can ask about the **next meeting**, the "
        "**forward plan**, **open actions**, or **search** the minutes.",
        suggestions=("next meeting", "open actions", "help"),
    )


WHICH_ARE_YOU = "Which of these are you?"
PICK_A_NAME = "Please pick one of the names, or type **cancel**."


def secretariat_notices(notices: list[str]) -> Reply:
    """What the secretariat should know about who is who, sent to each admin."""
    return Reply("For the secretariat:\n" + "\n".join(f"- {md(text)}" for text in notices))


def linked(name: str) -> str:
    return f"Thanks, I'll know you as {md(name)} from now on."


def linked_by_secretariat(name: str, identity: str) -> Reply:
    return Reply(f"Linked {md(name)} to Teams user {md(identity)}.")


def unlinked(name: str) -> Reply:
    return Reply(f"{md(name)} is no longer linked to a Teams user.")


def admin_changed(name: str, admin: bool) -> Reply:
    return Reply(f"{md(name)} is {'now' if admin else 'no longer'} an admin.")


def email_recorded(name: str, email: str) -> Reply:
    return Reply(f"Recorded {md(email)} for {md(name)}.")


# actions ------------------------------------------------------------------------------------
ACTION_LISTS = {
    "mine": ("Your open actions", "You have no open actions. 🎉"),
    "open": ("Open actions", "The board has no open actions."),
    "overdue": ("Overdue actions", "No open action is past its due date."),
    "my_overdue": ("Your overdue actions", "None of your actions is past its due date."),
}


def person_actions_titles(name: str) -> tuple[str, str]:
    return f"Open actions for {md(name)}", f"{md(name)} has no open actions."


def person_overdue_titles(name: str) -> tuple[str, str]:
    return (f"Overdue actions for {md(name)}",
            f"None of {md(name)}'s actions is past its due date.")


def meeting_actions_titles(when: date, known: bool) -> tuple[str, str]:
    return (f"Actions from the meeting of {on_day(when, known)}",
            "That meeting raised no actions.")


def action_line(number: int, text: str, owners: Iterable[str], overdue: bool) -> str:
    late = " (overdue)" if overdue else ""
    return f"{number}. {capital(md(text))} ({md(', '.join(owners)) or 'no owner'}){late}"


def action_summary(number: int, state: str, owners: str, text: str) -> str:
    return f"Action {number} ({state}, {md(owners)}): {capital(md(text))}"


def due_set(number: int, due: date) -> Reply:
    return Reply(f"Action {number} is now due {long_day(due)}.")


def which_to_close(numbers: list[tuple[int, str]]) -> Reply:
    if not numbers:
        return Reply("Which action? You have no open actions; type **close action** and its "
                     "number, e.g. close action 4.")
    lines = "\n".join(f"- {n}\\. {capital(md(t))}" for n, t in numbers)
    return Reply(f"Which action should I close? Your open actions:\n{lines}\n"
                 "Or type **close action** and its number.",
                 suggestions=tuple(f"close action {n}" for n, _ in numbers))


def confirm_close_for(number: int, text: str, owners: str) -> str:
    return (f"Action {number} ({capital(md(text))}) belongs to {md(owners) or 'nobody named'}. "
            "Close it on their behalf?")


def stays_open(number: int) -> str:
    return f"OK, action {number} stays open."


def cant_write(number: int | None) -> Reply:
    """A change to actions not in one of the forms Clerk takes (creating, editing,
    reassigning): how the secretariat's corrections are written."""
    text = ("I couldn't read that as a change I can make. Actions come from the minutes; the "
            "secretariat corrects them in chat, e.g. **change action 4 to \\<new wording\\>**, "
            "**assign action 4 to \\<name\\>**, **add action for \\<name\\>: \\<what\\>** or "
            "**withdraw action 4**. An action's owner can close or reopen it, or set its due date.")
    look = (f"show action {number}",) if number is not None else ("my actions",)
    return Reply(text, suggestions=(*look, "help"))


# forward plan and meetings --------------------------------------------------------------------
def plan_titles(month_label: str | None, meeting: date | None = None,
                in_month: bool = False) -> tuple[str, str]:
    """Title and empty-plan sentence. ``meeting``: the meeting the items go to - in that
    month (``in_month``) or, when the month has none, the next one after it."""
    if month_label is None:
        return "Forward plan", "Nothing is on the forward plan from this month on."
    if meeting and in_month:
        title = f"Forward plan: {month_label} (meeting on {on_day(meeting)})"
    elif meeting:
        title = f"Forward plan: {month_label} (no meeting that month; next is {on_day(meeting)})"
    else:
        title = f"Forward plan: {month_label}"
    return title, f"Nothing is on the forward plan for {month_label} yet."


def plan_next_titles(when: date) -> tuple[str, str]:
    return (f"Forward plan: next meeting, {on_day(when)}",
            "Nothing is on the forward plan for that meeting yet.")


NO_NEXT_AGENDA = "No next meeting is scheduled yet, so there is no agenda to show."
NO_NEXT_MEETING = "No next meeting is in the minutes yet."
NEXT_MEETING = "Next meeting"


def meeting_in(month_label: str) -> str:
    return f"Meeting in {month_label}"


def no_meeting_in(month_label: str, later: date | None) -> str:
    after = f" The next one after it is on {on_day(later)}." if later else ""
    return f"No meeting in {month_label} is in the minutes.{after}"


def which_month(month: str, names: list[str], again: list[str]) -> Reply:
    return Reply(f'"{md(month)}" could be {" or ".join(names)}. Which did you mean?',
                 suggestions=tuple(again))


def plan_added(month_label: str, title: str) -> Reply:
    return Reply(f"Added to the forward plan for {month_label}: {md(title)}.")


ASK_PLAN_TITLE = "What should go on the forward plan? (Or type **cancel**.)"
RETRY_PLAN_TITLE = "Please type the item's title, or **cancel**."
ASK_PLAN_MONTH = "For which meeting? Give a month, e.g. March or 2024-06. (Or type **cancel**.)"


RETRY_PLAN_MONTH = ('That is not a month I recognise; try "March" or "2024-06", or type '
                    "**cancel** to stop.")

# What each dialog is doing, for the sentence that says it was left.
DIALOG_DOINGS = {
    "add_plan_item": "adding to the forward plan",
    "confirm_close": "closing that action",
    "confirm_guess": "that change",
    "choose_person": "asking who you are",
}


def next_meeting(when: date, time: str | None, venue: str | None, chair: str | None,
                 items: list[str], which: str = "The next meeting") -> str:
    text = f"{which} is on {long_day(when)}"
    text += f", {md(time)}" if time else ""
    text += f" at {md(venue)}" if venue else ""
    text += "."
    if chair:
        text += f" Chair: {md(chair)}."
    if items:
        text += " On the forward plan: " + "; ".join(md(i) for i in items[:25]) + "."
    return text


def minutes_summary(when: date, known: bool, chair: str | None, items: list[str],
                    actions: int) -> str:
    lines = [f"Minutes of {on_day(when, known)}" + (f", chaired by {md(chair)}" if chair else "")
             + "."]
    lines += [f"• {md(i)}" for i in items[:25]]
    lines.append(f"{actions} actions raised.")
    return "\n".join(lines)


def chaired(when: date, known: bool, chair: str | None, upcoming: bool) -> Reply:
    if chair is None:
        return Reply(f"The minutes don't say who {'chairs' if upcoming else 'chaired'} the "
                     f"meeting of {on_day(when, known)}.")
    verb = "is to chair" if upcoming else "chaired"
    return Reply(f"{md(chair)} {verb} the meeting of {on_day(when, known)}.")


def no_minutes(when: str | None, board: str) -> str:
    return f"I have no minutes{f' from {when}' if when else ''} for the {board} yet."


# search ---------------------------------------------------------------------------------------
def nothing_found(query: str) -> Reply:
    return Reply(f'Nothing in the minutes mentions "{md(query)}".')


def search_title(query: str, count: int) -> str:
    return f'{count} {"item mentions" if count == 1 else "items mention"} "{md(query)}"'


# exports --------------------------------------------------------------------------------------
def export_formats(allowed: Iterable[str], fmt: str) -> Reply:
    return Reply(f"That can be exported as {', '.join(allowed)}, not {md(fmt)}.")


def exported(what: str, file_name: str, url: str) -> Reply:
    return Reply(f"Here is the {what}: [{file_name}]({url}) (the link works for 24 hours).")
