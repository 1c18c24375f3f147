"""What Clerk says: the reply type and every fixed sentence, in one place."""

from __future__ import annotations

from dataclasses import dataclass, field

from bot.cards import Card, help_card
from bot.markdown import md

UNAVAILABLE = "I can't reach the board's records right now, nothing was changed."
EMPTY = "I didn't catch that. Type **help** to see what I can do."
IGNORED_CARD = "That button belongs to an old card; nothing was changed."
ERROR = "Sorry, something went wrong on my side; nothing was changed."


@dataclass(frozen=True)
class Reply:
    """A message: text (the fallback when there is a card), an optional Adaptive Card, and
    suggested next messages shown as buttons."""

    text: str
    card: Card | None = None
    suggestions: tuple[str, ...] = field(default=())


HELP = [
    ("my actions", "your open actions, with a Mark complete button"),
    ("actions for Chris Lyons", "someone else's open actions"),
    ("open actions", "every open action on the board"),
    ("overdue actions", "open actions past their due date"),
    ("show action 4", "one action and its history"),
    ("close action 4 - letter sent", "mark it complete, with an optional note"),
    ("reopen action 4", "undo a close"),
    ("set due date of action 4 to 15 March", "give an action a deadline"),
    ("what's on March agenda", "the forward plan for a meeting"),
    ("add CCTV update to the June forward plan", "add an item (or just: add to forward plan)"),
    ("last minutes", "the latest meeting; or: minutes from December 2023"),
    ("next meeting", "when, where, and what is planned"),
    ("search knife crime", "find what the minutes said"),
    ("add action for NAME: what by when", "secretariat: correct the record (also assign, "
     "withdraw, merge; send me minutes as a file to load them)"),
]


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


def help_reply(name: str | None = None) -> Reply:
    hello = f"Hello {md(name.split()[0])}! " if name and name.split() else ""
    title = f"{hello}I'm Clerk: I keep the board's action log, forward plan and minutes."
    text = title + "\n\nTry:\n" + "\n".join(f"- **{c}**: {what}" for c, what in HELP)
    return Reply(text, help_card(title, HELP))


def no_match(suggestion: str | None) -> Reply:
    if suggestion and "NAME" in suggestion:  # an example to adapt, not a message to send
        return Reply(f'I\'m not sure what you mean. Did you mean "{suggestion}"? Type **help** '
                     "for all commands.", suggestions=("help",))
    if suggestion:
        return Reply(
            f'I\'m not sure what you mean. Did you mean "{suggestion}"? Type **help** for all '
            "commands.",
            suggestions=(suggestion, "help"),
        )
    return Reply("I'm not sure what you mean. Type **help** to see what I can do.",
                 suggestions=("help",))


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


def secretariat_notices(notices: list[str]) -> Reply:
    """What the secretariat should know about who is who, sent to each admin."""
    return Reply("For the secretariat:\n" + "\n".join(f"- {md(text)}" for text in notices))


def linked(name: str) -> str:
    return f"Thanks, I'll know you as {md(name)} from now on."

