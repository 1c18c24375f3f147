"""Every chat command, declared once: how people ask for it, what runs it, who may, and how
help and the Teams command menu show it.

A command's ``readings`` say what a message must contain to mean it: ``cues`` (each a group
of words or phrases, one of which must occur; a group starting with "^" must open the
message), ``needs`` (what the message must name: an action number, a month, a person...),
``never`` (words that rule the reading out) and ``forbids`` (things named that rule it out).
Commands that take values verbatim (a Teams id, an email address, a person's name to change)
also declare ``shapes``: the exact forms of such a message, whose named groups are the
arguments; a reading that needs "shape" fits only a message of one of those forms.
The router scores every reading; ``validate`` checks the wiring when Clerk starts.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

EVERYONE, MEMBER, SECRETARIAT = "everyone", "member", "secretariat"

# Cue groups shared by several commands ------------------------------------------------------
MINE = "my|mine|me|i|myself|i've|i'm"
ACTION_NOUNS = "action|actions|action log|action tracker|tracker|actions log|action list"
ACTIONISH = (f"{ACTION_NOUNS}|task|tasks|to-do|todo|to-dos|todos|to do|owe|plate|outstanding|"
             "assigned|pending|down for|on the hook|responsible for|jobs|got on|got left|"
             "still open|open|still to do|left to do|chase|chasing|got|list|asked to do|"
             "working on|busy with|sitting with|with me|on me|against|assigned to|given to")
LATE = ("overdue|late|past due|behind|slipped|overrun|past their due date|past deadline|"
        "past the deadline|missed|running late|out of date|lapsed|behind schedule|"
        "past its deadline|past their deadline|past its due date|past due date|beyond")
PLAN = ("agenda|forward plan|plan|planned|coming up|upcoming items|lined up|on the cards|"
        "programme|work programme|scheduled|planning|fwd plan|agendas|plans|discussing|"
        "covering|talking about at|cover|items for|items on|item for|come to|coming to|"
        "due to come|going to|happening at|going on at|due at|due for")
MEETING = ("meeting|meet|board|csp|session|meetings|boards|cspb|partnership|get together|"
           "getting together|meet up|convene|gathering|next one|meeting|meeting's")
MINUTES = ("minutes|what happened|was decided|were decided|decisions|notes|record|attended|"
           "attendance|was there|were there|present|apologies|summary|report of")
SEARCH = "search|find|look up|lookup|look for|grep|searching"
TALKED = ("talk|talked|discuss|discussed|discussion|discussions|mention|mentioned|mentions|"
          "say|said|decide|decided|agree|agreed|cover|covered|anything about|ever|"
          "conversation|conversations|come up|came up|bring up|brought up|note about|minuted|"
          "raised|remember|recall|info|information|details")
CLOSE_VERBS = ("close|complete|finish|tick off|sign off|tick|mark off|mark as done|"
               "mark complete|mark as complete|mark it complete|mark it done|closing|completing")
DONE = "done|completed|finished|closed|complete|signed off|ticked off|sorted|dealt with"
REOPEN = ("reopen|re-open|open again|not done|undo|incomplete|not complete|not finished|"
          "uncomplete|unclose|not completed|reinstate|reactivate")
WRITES_UNSUPPORTED = ("^new|^add|^create|^raise|^edit|^change|^update|^amend|^rename|^delete|"
                      "^remove|^assign|^reassign|^modify|^rewrite|^correct|^log|^record|^give")
DUE = "due|deadline|due date|target date"
CHAIR = "chair|chaired|chairing|chairs|chairman|chairwoman|chairperson|led|leading|in the chair"


# Pieces of the exact forms (``shapes``) of the secretariat's corrections.
_NUM = r"#?(?P<number>[0-9]+)"  # every digit: a number too big is refused, never cut
_NOTE = r"(?:\s*(?:[-:,;]|\bwith note\b|\bnote\b)?\s*(?P<note>.+))?"
_MONTH = (
    r"(?P<month>(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]{0,6}\.?(?: '?\d{2,4})?"
    r"|\d{4}-\d{1,2})"
)
_ANY_MONTH = r"(?P<month>[a-z]+\.?(?: '?\d{2,4})?|\d{4}-\d{1,2})"
_TO_MONTH = _MONTH.replace("?P<month>", "?P<to>")


@dataclass(frozen=True)
class Understand:
    """One way of asking for a command."""

    cues: tuple[str, ...] = ()
    needs: tuple[str, ...] = ()
    never: str = ""
    forbids: tuple[str, ...] = ()
    bonus: float = 0.0


@dataclass(frozen=True)
class MenuEntry:
    title: str
    description: str


@dataclass(frozen=True)
class Command:
    name: str
    example: str  # a message that must route to this command (checked at start)
    readings: tuple[Understand, ...]
    help: str | None = None  # the help line; None keeps it out of help
    menu: MenuEntry | None = None
    permission: str = EVERYONE
    writes: bool = False  # changes the record: never run on a guess
    dialog: str | None = None  # the dialog the command may start
    asks: tuple[str, ...] = ()  # what the command asks for when the message did not say
    handler: str = ""  # the method of ``bot.commands.Commands``; the name when empty
    phrasings: tuple[str, ...] = ()  # how Clerk writes it back; the first whose fields are known
    shapes: tuple[str, ...] = ()  # regexes for messages taken verbatim (named groups: args)

    @property
    def method(self) -> str:
        return self.handler or self.name


def phrase(command: str, args: dict[str, str], *, example: bool = True) -> str | None:
    """A router match written back as a message ("show action 4"), for buttons and questions;
    None when no phrasing can say it with the arguments given. ``example``: fall back to the
    command's example (which may name an action or a person of its own)."""
    values = dict(args)
    values["meeting"] = (
        f"the {args['which']} meeting" if "which" in args
        else args.get("date") or args.get("month") or ""
    )
    values["date_or_month"] = args.get("date") or args.get("month") or ""
    spec = BY_NAME[command]
    for template in (*spec.phrasings, *([spec.example] if example else [])):
        fields = re.findall(r"{(\w+)}", template)
        if all(values.get(f) for f in fields):
            return template.format(**{f: values[f] for f in fields})
    return None


def _u(*cues: str, needs: Iterable[str] = (), never: str = "", forbids: Iterable[str] = (),
       bonus: float = 0.0) -> Understand:
    return Understand(tuple(cues), tuple(needs), never, tuple(forbids), bonus)


def _correction(name: str, example: str, *, shapes: tuple[str, ...],
                help: str | None = None) -> Command:
    """A secretariat's correction of the record: understood only in one of its exact
    ``shapes``, and a shape outranks every cue-word reading."""
    return Command(name, example, (_u(needs=("shape",), bonus=3),), help=help,
                   permission=SECRETARIAT, writes=True, shapes=shapes)


COMMANDS: tuple[Command, ...] = (
    Command(
        "help", "help",
        (_u("help|commands|what can you do|how do i use|how does this work|what do you do|"
            "what can clerk do|what does clerk do|who are you|what are you|can i ask|"
            "what sort of things|what sorts of things|what kind of things|what do you know|"
            "instructions|guide|how to use|options|menu|what can i ask|start|get started"),),
        menu=MenuEntry("help", "What Clerk can do"), phrasings=("help",),
    ),
    Command(
        "my_actions", "my actions",
        (_u(MINE, ACTIONISH, never=LATE + "|" + DONE, forbids=("name", "number"), bonus=0.5),),
        help="your open actions, with a Mark complete button",
        menu=MenuEntry("my actions", "Your open actions and when they are due"),
        permission=MEMBER, phrasings=("my actions",),
    ),
    Command(
        "actions_for", "actions for Chris Lyons",
        (_u(ACTIONISH, needs=("name",), never=LATE + "|" + MINE,
            forbids=("number", "month", "day")),),
        help="someone else's open actions (also: what's Chris got outstanding?)",
        phrasings=("actions for {name}",),
    ),
    Command(
        "open_actions", "open actions",
        (_u(ACTION_NOUNS + "|outstanding|still open",
            never=LATE + "|" + MINE + "|" + CLOSE_VERBS + "|" + REOPEN,
            forbids=("name", "number", "month", "day", "which")),),
        help="every open action on the board", phrasings=("open actions",),
    ),
    Command(
        "overdue", "overdue actions",
        (_u(LATE, forbids=("number",)),),
        help="open actions past their due date (also: anything late for me?)",
        phrasings=("overdue actions for {name}", "overdue actions"),
    ),
    Command(
        "meeting_actions", "actions from the last meeting",
        (_u(ACTION_NOUNS, "from|raised|came|came out|agreed|at|arising|arose|set|out of|in",
            needs=("meeting",), never=LATE + "|" + MINE, forbids=("number",)),),
        help="the actions a meeting raised (last, or a month or date)",
        phrasings=("actions from {meeting}",),
    ),
    Command(
        "show", "show action 4",
        (_u(needs=("number",),
            never=f"{CLOSE_VERBS}|{DONE}|{REOPEN}|{WRITES_UNSUPPORTED.replace('^', '')}|set"),
         _u("show|view|see|details|detail|history|who has|who owns|whose|status|about|info|"
            "tell|look|progress|when|update on|update|what|^is|^has|^was|^did|story|happened",
            needs=("number",),
            never=f"{CLOSE_VERBS}|{REOPEN}", bonus=0.5)),
        help="one action and its history (also: who has action 31?)",
        phrasings=("show action {number}",),
    ),
    Command(
        "close", "close action 4 - letter sent",
        (_u(CLOSE_VERBS, never=REOPEN + "|" + DUE, bonus=0.5),
         _u(DONE, needs=("number",),
            never=REOPEN + "|" + DUE + "|when|what|whose|who|^is|^was|^has|^did|^are")),
        help="mark it complete, with an optional note",
        phrasings=("close action {number} - {note}", "close action {number}", "close action"),
        menu=MenuEntry("close action", "Close one of your actions: close action 4 - letter sent"),
        permission=MEMBER, writes=True, dialog="confirm_close", asks=("number",),
    ),
    Command(
        "reopen", "reopen action 4",
        (_u(REOPEN, needs=("number",)),),
        help="undo a close",
        phrasings=("reopen action {number}",),
        permission=MEMBER, writes=True,
    ),
    Command(
        "due", "set due date of action 4 to 15 March",
        (_u(DUE, needs=("number", "when"), never="when is|what is|when's|what's|whens|whats",
            bonus=0.5),),
        help="give an action a deadline",
        phrasings=("set due date of action {number} to {when}",),
        permission=MEMBER, writes=True,
    ),
    Command(
        "plan", "what's on March agenda",
        (_u(PLAN + "|what's on|whats on|what is on",
            never="add|put|include|pencil|plate|my|mine|" + ACTION_NOUNS,
            forbids=("which", "number", "name")),
         _u("happening|going on|on in|coming up", needs=("month",), forbids=("number",))),
        help="the forward plan for a month (also: what's coming up in June?)",
        phrasings=("what's on {month} agenda", "forward plan"),
        menu=MenuEntry("what's on", "The forward plan for a month: what's on March agenda"),
    ),
    Command(
        "plan_next", "agenda for the next meeting",
        (_u(PLAN, needs=("next",),
            never="add|put|include|pencil|meeting coming up|board coming up|csp coming up",
            forbids=("number",), bonus=0.5),
         _u("agenda", never="add|put|include|pencil|" + MINUTES,
            forbids=("month", "day", "number", "name", "which"), bonus=0.5)),
        phrasings=("agenda for the next meeting",),
    ),
    Command(
        "add_plan", "add CCTV update to the June forward plan",
        (_u("^add|^put|^include|^pencil|^schedule|^can we add|^we need|^please add",
            "agenda|forward plan|plan|fwd plan", forbids=("number",), bonus=1),),
        help="add an item (or just: add to forward plan)",
        phrasings=("add {title} to the {month} forward plan", "add {title} to the forward plan",
                   "add to forward plan"),
        menu=MenuEntry("add to forward plan", "add CCTV update to the June forward plan"),
        permission=MEMBER, writes=True, dialog="add_plan_item", asks=("title", "month"),
    ),
    Command(
        "last_minutes", "last minutes",
        (_u(MINUTES, never=TALKED + "|about|regarding|" + SEARCH,
            forbids=("month", "day", "number", "name")),
         _u("how did|what about|recap|was decided|were decided|who was at|who came|"
            "who attended|who was there|decide|decided|agree|agreed|discuss|discussed|"
            "came out of|came out|outcome|outcomes|happened|went on|go on|took place",
            "last|latest|previous|recent",
            never="about|regarding|" + SEARCH, forbids=("month", "day", "number", "name")),
         _u(MINUTES, TALKED, forbids=("topic", "month", "day", "number", "name"))),
        help="the latest meeting: attendees, decisions and actions",
        menu=MenuEntry("last minutes", "Decisions and actions from the last meeting"),
        phrasings=("last minutes",),
    ),
    Command(
        "minutes_from", "minutes from March 2023",
        (_u(MINUTES + "|meeting|board|csp", needs=("date",),
            never=TALKED + "|about|regarding|" + CHAIR + "|" + ACTION_NOUNS + "|" + PLAN
            + "|where are|where is|where's|what time|when is|when's|where will",
            forbids=("number",)),
         _u(TALKED + "|happened", needs=("date",), never=CHAIR + "|" + ACTION_NOUNS + "|" + PLAN,
            forbids=("number", "topic"))),
        help="the minutes of a month or a day: minutes of 7/12/2022",
        phrasings=("minutes of {date_or_month}",),
    ),
    Command(
        "chair", "who chaired the last meeting",
        (_u(CHAIR, forbids=("number",)),),
        help="who chaired a meeting (or chairs the next one)",
        phrasings=("who chaired {meeting}",),
    ),
    Command(
        "next_meeting", "next meeting",
        (_u(MEETING, needs=("next",),
            never=PLAN.replace("coming up|", "") + "|" + CHAIR + "|" + ACTION_NOUNS,
            forbids=("month", "day", "number")),
         _u("when|where|what time|venue|location|date|time|when's|where's|whens|wheres",
            MEETING,
            never=PLAN + "|" + CHAIR + "|" + MINUTES + "|last|latest|previous|" + ACTION_NOUNS,
            forbids=("day", "number", "name"))),
        help="when, where, who chairs, and what is planned (also: where are we meeting in April?)",
        menu=MenuEntry("next meeting", "When and where the board meets next"),
        phrasings=("where is the {month} meeting", "next meeting"),
    ),
    Command(
        "search", "search knife crime",
        (_u(SEARCH, needs=("topic",), bonus=1),
         _u(TALKED, needs=("topic",), never="^add|^put|" + DUE + "|" + ACTION_NOUNS,
            forbids=("number",), bonus=0.5),
         _u(MINUTES, "about|regarding|concerning|on the subject of|say|said|mention|"
            "anything on|anything about|something on|stuff on|stuff about",
            needs=("topic",), forbids=("number",), bonus=1)),
        help="find what the minutes said (also: did we ever talk about CCTV?)",
        phrasings=("search {query}",),
    ),
    Command(
        "export", "export actions",
        (_u("^export|^download", needs=("what",)),),
        help="the action tracker or forward plan as a file (secretariat)",
        phrasings=("export {what} as {format}", "export {what}"),
        permission=SECRETARIAT,
    ),
    Command(
        "link", "link 6f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0 to Jade Hodgson",
        (_u("^link", needs=("shape",), bonus=2),),
        help="link someone to their Teams account (secretariat)",
        permission=SECRETARIAT, writes=True, phrasings=("link {identity} to {name}",),
        shapes=(r"link (?P<identity>[\w:.@-]{3,100}) (?:to|as|with) (?P<name>.+)",),
    ),
    Command(
        "unlink", "unlink Sam Patel",
        (_u("^unlink", needs=("shape",), bonus=2),),
        help="undo someone's link to a Teams account (secretariat)",
        permission=SECRETARIAT, writes=True, phrasings=("unlink {name}",),
        shapes=(r"unlink (?P<name>.+)",),
    ),
    Command(
        "admin_add", "make Sam Patel an admin",
        (_u("^make|^add", "admin|secretariat", needs=("shape",), bonus=2),),
        help="give someone the secretariat's rights (secretariat)",
        permission=SECRETARIAT, writes=True, phrasings=("make {name} an admin",),
        shapes=(r"make (?P<name>.+?) (?:an? )?(?:admin|member of the secretariat)",
                r"add (?P<name>.+?) (?:as|to) (?:an? |the )?(?:admins?|secretariat)"),
    ),
    Command(
        "admin_remove", "remove Sam Patel as admin",
        (_u("^remove|^drop", "admin|admins|secretariat", needs=("shape",), bonus=2),),
        help="take the secretariat's rights away (secretariat)",
        permission=SECRETARIAT, writes=True, phrasings=("remove {name} as admin",),
        shapes=(r"(?:remove|drop) (?P<name>.+?) (?:as|from) (?:an? |the )?"
                r"(?:admins?|secretariat)",
                r"(?:remove|drop) admin (?P<name>.+)"),
    ),
    Command(
        "email", "set email of Sam Patel to sam@example.org",
        (_u("email", needs=("shape",), bonus=2),),
        help="the address that links someone when they first write (secretariat)",
        permission=SECRETARIAT, writes=True, phrasings=("set email of {name} to {email}",),
        shapes=(r"(?:set|record) (?:the )?email (?:address )?(?:of|for) (?P<name>.+?) (?:to|as) "
                r"(?P<email>\S+@\S+)",
                r"(?P<name>.+?)'s email(?: address)? is (?P<email>\S+@\S+)"),
    ),
    Command(
        "upload_minutes", "upload minutes",
        (_u("^upload|^load|^add|^send|^ingest|^import|^publish|^how", "minutes",
            needs=("shape",), bonus=2),),
        phrasings=("upload minutes",),
        shapes=(r"(?:how (?:do|can) i )?(?:upload|load|add|send|ingest|import|publish)"
                r"(?: the| new| some)?(?: latest)? minutes(?: (?:to|into|in|on) "
                r"(?:clerk|teams|you|the bot))?",),
    ),
    _correction(
        "action_add", "add action for Chris Lyons: send the survey results by 15 March",
        help="secretariat: correct the record (also assign, withdraw, merge; send me minutes "
             "as a file to load them)",
        shapes=(r"(?:add|new|raise) (?:an |a new |a )?action (?:for|to) (?P<owners>.+?)"
                r"(?:\s*:\s*|\s+-\s+)(?P<text>.+)",),
    ),
    _correction(
        "action_edit", "change action 4 to send the final report",
        shapes=(rf"(?:change|edit|reword|correct|update) (?:the )?(?:text of |wording of )?"
                rf"action {_NUM}(?: text| wording)? to (?:say |read )?(?P<text>.+)",
                rf"action {_NUM} should (?:read|say) (?P<text>.+)"),
    ),
    _correction(
        "action_assign", "assign action 4 to Chris Lyons",
        shapes=(rf"(?:(?:re-?)?assign|give|hand over)(?: action)? {_NUM} to (?P<owners>.+)",),
    ),
    _correction(
        "action_add_owner", "add Chris Lyons to action 4",
        shapes=(rf"add (?P<name>.+?) (?:as (?:an? )?(?:co-?)?owner )?(?:to|of|on) action {_NUM}",),
    ),
    _correction(
        "action_remove_owner", "remove Chris Lyons from action 4",
        shapes=(rf"(?:remove|take) (?P<name>.+?) (?:as (?:an? )?owner )?(?:from|off) "
                rf"action {_NUM}",),
    ),
    _correction(
        "action_withdraw", "withdraw action 4 - not an action",
        # "delete 4" alone could mean anything numbered: only "withdraw" may leave out "action".
        shapes=(rf"(?:withdraw(?: action)?|(?:delete|remove|strike out) action) {_NUM}{_NOTE}",),
    ),
    _correction(
        "action_merge", "merge action 5 into action 3",
        shapes=(r"merge (?:action )?#?(?P<number>\d{1,7}) (?:into|with|and) (?:action )?#?"
                r"(?P<into>\d{1,7})",),
    ),
    _correction(
        "meeting_set", "move the next meeting to 27 March",
        shapes=(r"(?:set|move|change|reschedule|put) (?:the )?next (?:meeting|board|csp)"
                r"(?: meeting)? (?:to|on|for) (?P<when>.+)",
                r"(?:the )?next (?:meeting|board|csp)(?: meeting)? is (?:now )?(?:on|moved to) "
                r"(?P<when>.+)"),
    ),
    _correction(
        "meeting_cancel", "cancel the next meeting",
        shapes=(r"cancel (?:the )?next (?:meeting|board|csp)(?: meeting)?",),
    ),
    _correction(
        "plan_remove", "remove CCTV update from the June forward plan",
        shapes=(rf"(?:remove|delete|drop|take) (?P<title>.+?) (?:from|off) (?:the )?{_MONTH}"
                r"(?: board| csp| meeting)?'?s? (?:forward plan|agenda|plan)",
                r"(?:remove|delete|drop|take) (?P<title>.+?) (?:from|off) (?:the )?"
                rf"(?:forward plan|agenda)(?: for (?:the )?{_ANY_MONTH})?"),
    ),
    _correction(
        "plan_rename", "rename CCTV update on the forward plan to CCTV review",
        shapes=(rf"rename (?P<title>.+?) on (?:the )?{_MONTH} (?:forward plan|agenda) to "
                r"(?P<new>.+)",
                r"rename (?P<title>.+?) on (?:the )?(?:forward plan|agenda)"
                rf"(?: for (?:the )?{_MONTH})? to (?P<new>.+)",
                r"rename (?:the )?(?:forward plan )?item (?P<title>.+?) to (?P<new>.+)"),
    ),
    _correction(
        "plan_move", "move CCTV update from June to July",
        shapes=(rf"move (?P<title>.+?) (?:on the forward plan )?from (?:the )?{_MONTH} to "
                rf"(?:the )?{_TO_MONTH}(?: forward plan| agenda| meeting| board| csp)?",
                r"move (?P<title>.+?) (?:on the forward plan )?to (?:the )?"
                rf"{_TO_MONTH}(?: forward plan| agenda| meeting| board| csp)?"),
    ),
    Command(
        "cant_write", "edit action 24",
        (_u(WRITES_UNSUPPORTED, "action|actions|owner|owners|text|wording",
            never="agenda|forward plan|plan|fwd plan", bonus=1),),
    ),
)

BY_NAME: dict[str, Command] = {command.name: command for command in COMMANDS}


class RegistryError(RuntimeError):
    """The commands are wired wrongly: found when Clerk starts, never at a user's message."""


@dataclass
class Check:
    """What ``validate`` compares the registry with."""

    handlers: object  # the object whose methods run the commands
    dialogs: set[str] = field(default_factory=set)
    route: Callable[[str], object] | None = None


def validate(check: Check, commands: Iterable[Command] = COMMANDS) -> None:
    """Every command has a handler, every dialog it may start exists, its example routes to
    it, and every Teams menu entry is understood as its command. RegistryError otherwise."""
    problems: list[str] = []
    seen: set[str] = set()
    for command in commands:
        if command.name in seen:
            problems.append(f"{command.name}: declared twice")
        seen.add(command.name)
        if not callable(getattr(check.handlers, command.method, None)):
            problems.append(f"{command.name}: no handler {command.method!r}")
        if command.dialog and command.dialog not in check.dialogs:
            problems.append(f"{command.name}: no dialog {command.dialog!r}")
        if command.permission not in (EVERYONE, MEMBER, SECRETARIAT):
            problems.append(f"{command.name}: unknown permission {command.permission!r}")
        if not command.readings:
            problems.append(f"{command.name}: no way of asking for it")
        if any("shape" in u.needs for u in command.readings) != bool(command.shapes):
            problems.append(f"{command.name}: a reading needs a shape, or shapes go unused")
        if check.route is None:
            continue
        for text in filter(None, [command.example, command.menu and command.menu.title]):
            routed = check.route(text)
            if getattr(routed, "command", None) != command.name:
                problems.append(f"{command.name}: {text!r} is understood as {routed!r}")
    if problems:
        raise RegistryError("Clerk's commands are wired wrongly:\n" + "\n".join(problems))


def menu_entries(commands: Iterable[Command] = COMMANDS) -> list[dict[str, str]]:
    """The Teams command menu (manifest ``commandLists``), in the registry's order."""
    return [{"title": c.menu.title, "description": c.menu.description}
            for c in commands if c.menu is not None]


def help_lines(commands: Iterable[Command] = COMMANDS) -> list[tuple[str, str]]:
    return [(c.example, c.help) for c in commands if c.help]
