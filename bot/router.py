"""Text -> what the user asked for. A pure function over one registry of commands.

``route(text)`` returns a ``Match`` (a command and its arguments), or ``NoMatch`` with the
closest command to suggest. Each command has a few anchored patterns over normalised text.
Patterns are tried on the text as typed; only when none matches are the words corrected for
typos ("acions" -> "actions") against the commands' vocabulary and tried again, so names and
titles are never "corrected" when the text already made sense.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

MAX_INPUT = 2000  # longer messages are cut: no command is that long, and regexes stay cheap


@dataclass(frozen=True)
class Match:
    command: str
    args: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class NoMatch:
    text: str
    suggestion: str | None  # an example of the closest command, when one is close enough


@dataclass(frozen=True)
class Command:
    name: str
    example: str
    patterns: tuple[re.Pattern[str], ...]


_NUM = r"#?(?P<number>[0-9]+)"  # every digit: a number too big is refused, never cut
_NOTE = r"(?:\s*(?:[-:,;]|\bwith note\b|\bnote\b)?\s*(?P<note>.+))?"
_MONTH = (
    r"(?P<month>(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]{0,6}\.?(?: '?\d{2,4})?"
    r"|\d{4}-\d{1,2})"
)
# After "forward plan for", any word is meant as a month: a wrong one gets the month's error.
_ANY_MONTH = r"(?P<month>[a-z]+\.?(?: '?\d{2,4})?|\d{4}-\d{1,2})"
_TO_MONTH = _MONTH.replace("?P<month>", "?P<to>")
_WHATS = r"(?:what'?s|what is|what are|whats|show(?: me)?|list|tell me)"
_MINE = r"(?:my|mine|me|i)"


def _c(name: str, example: str, *patterns: str) -> Command:
    return Command(name, example, tuple(re.compile(rf"^(?:{p})$", re.I) for p in patterns))


COMMANDS: tuple[Command, ...] = (
    _c("help", "help", r"help|\?|what can you do|commands|how do i use (?:you|this|clerk)",
       r"hi|hello|hey|start"),
    _c("my_actions", "my actions",
       rf"(?:{_WHATS} )?{_MINE} (?:open |outstanding |current )?(?:actions?|tasks?)",
       r"what do i owe|what (?:actions )?do i (?:owe|have(?: open)?)|what'?s on my plate",
       r"(?:show|list) (?:me )?my (?:open )?actions|actions for me|my action list",
       r"what am i (?:on the hook for|down for|owed)"),
    _c("open_actions", "open actions",
       r"(?:(?:show|list) )?(?:all |the )?(?:open |outstanding )?actions(?: log)?",
       r"(?:show |list )?(?:all |the )?(?:open|outstanding) actions(?: for the board)?",
       r"action log|action tracker|board actions"),
    _c("overdue", "overdue actions", r"(?:show |list |what are )?(?:the )?overdue actions?",
       r"what(?:'s| is) overdue"),
    _c("actions_for", "actions for NAME",
       r"(?:show |list )?(?:open )?actions (?:for|of|owned by|assigned to) (?P<name>.+)",
       r"(?:show |list )?(?P<name>.+?)'s? (?:open )?actions",
       r"what does (?P<name>.+?) owe"),
    _c("show", "show action 4",
       rf"(?:show|view|details of|detail|what is|what'?s|open|info on) (?:action )?{_NUM}",
       rf"action {_NUM}(?: details)?"),
    _c("close", "close action 4 - letter sent",
       rf"(?:close|complete|finish|done|tick off|clear)(?: action)? {_NUM}{_NOTE}",
       rf"(?:mark|set)(?: action)? {_NUM}(?: as)? (?:complete|completed|done|closed|finished)"
       rf"{_NOTE}",
       rf"action {_NUM} (?:is )?(?:done|complete|completed|closed|finished){_NOTE}"),
    _c("reopen", "reopen action 4",
       rf"(?:reopen|re-open|undo close|open again)(?: action)? {_NUM}{_NOTE}",
       rf"(?:mark|set)(?: action)? {_NUM}(?: as)? (?:open|not done|incomplete){_NOTE}"),
    _c("due", "set due date of action 4 to 15 March",
       rf"set (?:the )?(?:due date|deadline) (?:of|for) (?:action )?{_NUM} to (?P<when>.+)",
       rf"(?:action )?{_NUM} (?:is )?due (?P<when>.+)"),
    _c("upload_minutes", "upload minutes",
       r"(?:how (?:do|can) i )?(?:upload|load|add|send|ingest|import|publish)(?: the| new| some)?"
       r"(?: latest)? minutes(?: (?:to|into|in|on) (?:clerk|teams|you|the bot))?"),
    _c("action_add", "add action for Chris Lyons: send the survey results by 15 March",
       r"(?:add|new|raise) (?:an |a new |a )?action (?:for|to) (?P<owners>.+?)"
       r"(?:\s*:\s*|\s+-\s+)(?P<text>.+)"),
    _c("action_edit", "change action 4 to send the final report",
       rf"(?:change|edit|reword|correct|update) (?:the )?(?:text of |wording of )?action {_NUM}"
       r"(?: text| wording)? to (?:say |read )?(?P<text>.+)",
       rf"action {_NUM} should (?:read|say) (?P<text>.+)"),
    _c("action_assign", "assign action 4 to Chris Lyons",
       rf"(?:(?:re-?)?assign|give|hand over)(?: action)? {_NUM} to (?P<owners>.+)"),
    _c("action_add_owner", "add Chris Lyons to action 4",
       rf"add (?P<name>.+?) (?:as (?:an? )?(?:co-?)?owner )?(?:to|of|on) action {_NUM}"),
    _c("action_remove_owner", "remove Chris Lyons from action 4",
       rf"(?:remove|take) (?P<name>.+?) (?:as (?:an? )?owner )?(?:from|off) action {_NUM}"),
    _c("action_withdraw", "withdraw action 4 - not an action",
       rf"(?:withdraw|delete|remove|strike out)(?: action)? {_NUM}{_NOTE}"),
    _c("action_merge", "merge action 5 into action 3",
       r"merge (?:action )?#?(?P<number>\d{1,7}) (?:into|with|and) (?:action )?#?"
       r"(?P<into>\d{1,7})"),
    _c("meeting_set", "move the next meeting to 27 March",
       r"(?:set|move|change|reschedule|put) (?:the )?next (?:meeting|board|csp)(?: meeting)?"
       r" (?:to|on|for) (?P<when>.+)",
       r"(?:the )?next (?:meeting|board|csp)(?: meeting)? is (?:now )?(?:on|moved to) "
       r"(?P<when>.+)"),
    _c("meeting_cancel", "cancel the next meeting",
       r"cancel (?:the )?next (?:meeting|board|csp)(?: meeting)?"),
    _c("plan_remove", "remove CCTV update from the June forward plan",
       rf"(?:remove|delete|drop|take) (?P<title>.+?) (?:from|off) (?:the )?{_MONTH}"
       r"(?: board| csp| meeting)?'?s? (?:forward plan|agenda|plan)",
       r"(?:remove|delete|drop|take) (?P<title>.+?) (?:from|off) (?:the )?(?:forward plan|agenda)"
       rf"(?: for (?:the )?{_ANY_MONTH})?"),
    _c("plan_rename", "rename CCTV update on the forward plan to CCTV review",
       rf"rename (?P<title>.+?) on (?:the )?{_MONTH} (?:forward plan|agenda) to (?P<new>.+)",
       r"rename (?P<title>.+?) on (?:the )?(?:forward plan|agenda)"
       rf"(?: for (?:the )?{_MONTH})? to (?P<new>.+)",
       r"rename (?:the )?(?:forward plan )?item (?P<title>.+?) to (?P<new>.+)"),
    _c("plan_move", "move CCTV update from June to July",
       rf"move (?P<title>.+?) (?:on the forward plan )?from (?:the )?{_MONTH} to (?:the )?"
       rf"{_TO_MONTH}(?: forward plan| agenda| meeting| board| csp)?",
       r"move (?P<title>.+?) (?:on the forward plan )?to (?:the )?"
       rf"{_TO_MONTH}(?: forward plan| agenda| meeting| board| csp)?"),
    _c("plan_next", "agenda for the next meeting",
       rf"(?:{_WHATS} )?(?:on )?(?:the )?(?:agenda|forward plan) for (?:the )?next "
       r"(?:meeting|board)",
       rf"(?:{_WHATS} )?(?:on )?(?:the )?next (?:meeting'?s? |board'?s? )?(?:agenda|forward plan)",
       rf"(?:{_WHATS} )?(?:on )?(?:the )?agenda"),
    _c("plan", "what's on March agenda",
       rf"(?:{_WHATS} )?(?:on )?(?:the )?{_MONTH}(?: board| csp| meeting)?'?s? "
       r"(?:agenda|forward plan|plan)",
       rf"(?:{_WHATS} )?(?:on )?(?:the )?(?:agenda|forward plan|plan) (?:for|in) (?:the )?"
       rf"{_ANY_MONTH}(?: board| csp| meeting)?",
       r"(?:show |list )?(?:the )?forward plan"),
    _c("add_plan", "add CCTV update to the June forward plan",
       rf"(?:add|put) (?P<title>.+?) (?:to|on|onto) (?:the )?{_MONTH}"
       r"(?: board| csp| meeting)?'?s? (?:forward plan|agenda|plan)",
       r"(?:add|put) (?P<title>.+?) (?:to|on|onto) (?:the )?(?:forward plan|agenda) "
       rf"(?:for|in) (?:the )?{_ANY_MONTH}(?: board| csp| meeting)?",
       r"(?:add|put) (?P<title>.+?) (?:to|on|onto) (?:the )?forward plan",
       r"add (?:an item )?to (?:the )?forward plan|add (?:a )?forward plan item|add to agenda"),
    _c("last_minutes", "last minutes",
       r"(?:show |what did )?(?:the )?(?:last|latest|recent|previous) (?:meeting'?s? )?minutes",
       r"minutes(?: of| from)? (?:the )?(?:last|latest|previous) meeting",
       r"what happened at the (?:last|latest) (?:meeting|board)|minutes"),
    _c("minutes_from", "minutes from March 2023",
       rf"(?:show )?(?:the )?minutes (?:from|of|for) (?:the )?{_MONTH}(?: meeting| board)?",
       rf"(?:show )?(?:the )?{_MONTH}(?: meeting| board)?'?s? minutes"),
    _c("next_meeting", "next meeting",
       r"(?:when(?:'s| is) )?(?:the )?next (?:meeting|board|csp)(?: meeting)?",
       r"when do we (?:next )?meet(?: next)?|when is the board"),
    _c("search", "search knife crime",
       r"(?:search|find|look up|lookup)(?: the minutes)?(?: for)? (?P<query>.+)",
       r"what did we (?:decide|say|agree|discuss) (?:about|on) (?P<query>.+)"),
    _c("export", "export actions",
       r"export (?:the )?(?P<what>actions|action log|action tracker|tracker|forward plan|plan)"
       r"(?: (?:as|to|in) (?P<format>xlsx|excel|csv|json|docx|word))?"),
    _c("link", "link <teams id> to NAME",
       r"link (?P<identity>[\w:.@-]{3,100}) (?:to|as|with) (?P<name>.+)"),
    _c("unlink", "unlink NAME", r"unlink (?P<name>.+)"),
    _c("admin_add", "make NAME an admin",
       r"make (?P<name>.+?) (?:an? )?(?:admin|member of the secretariat)",
       r"add (?P<name>.+?) as (?:an? )?admin"),
    _c("admin_remove", "remove NAME as admin",
       r"(?:remove|drop) (?P<name>.+?) (?:as|from) (?:an? |the )?admins?",
       r"(?:remove|drop) admin (?P<name>.+)"),
    _c("email", "set email of NAME to name@example.org",
       r"(?:set|record) (?:the )?email (?:address )?(?:of|for) (?P<name>.+?) (?:to|as) "
       r"(?P<email>\S+@\S+)",
       r"(?P<name>.+?)'s email(?: address)? is (?P<email>\S+@\S+)"),
)

_BY_NAME = {command.name: command for command in COMMANDS}
_VOCABULARY = sorted(
    {w for c in COMMANDS for w in re.findall(r"[a-z]{3,}", c.example)}
    | {"actions", "action", "close", "reopen", "agenda", "forward", "minutes", "meeting",
       "complete", "overdue", "search", "export", "latest", "outstanding", "help", "next"}
)


def example(command: str) -> str:
    return _BY_NAME[command].example


def normalise(text: str) -> str:
    """Straight apostrophes, single spaces, no trailing punctuation (case is kept for notes
    and titles; patterns ignore it)."""
    text = text[:MAX_INPUT].replace("\u2019", "'").replace("\u2018", "'")
    text = re.sub(r"[\u2013\u2014]", "-", text)
    text = re.sub(r"[!?.]+$", "", " ".join(text.split()))
    return re.sub(
        r"^(?:please |can you |could you |clerk,? )+|(?: please| thanks)+$", "", text, flags=re.I
    )


def _correct(text: str) -> str:
    words = []
    for word in text.split(" "):
        if len(word) >= 3 and word.isalpha() and word.lower() not in _VOCABULARY:
            found = process.extractOne(
                word.lower(), _VOCABULARY, scorer=fuzz.ratio, score_cutoff=75
            )
            word = found[0] if found else word
        words.append(word)
    return " ".join(words)


def _first(text: str) -> Match | None:
    for command in COMMANDS:
        for pattern in command.patterns:
            found = pattern.match(text)
            if found:
                args = {k: v.strip() for k, v in found.groupdict().items() if v and v.strip()}
                return Match(command.name, args)
    return None


def route(text: str) -> Match | NoMatch:
    value = normalise(text)
    if not value:
        return NoMatch(value, None)
    match = _first(value)
    if match is None:
        corrected = _correct(value)
        if corrected != value:
            match = _first(corrected)
    if match is not None:
        return match
    found = process.extractOne(
        value.lower(), [c.example.lower() for c in COMMANDS], scorer=fuzz.WRatio, score_cutoff=60
    )
    return NoMatch(value, COMMANDS[found[2]].example if found else None)
