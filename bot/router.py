"""Text -> what the user asked for: ``Match``, ``Ambiguous`` or ``NoMatch``. A pure function.

First ``bot.understanding.read`` finds what the message names (numbers, dates, months, which
meeting) and strips greetings and politeness; then every reading of every command in
``bot.registry`` is scored on its cue words and on what it needs named. The best wins; two
equally good readings of different commands are ``Ambiguous`` (the user is asked). Only when
nothing fits are near-miss words corrected ("acions" -> "actions"); a command found that way is
``guessed``, and a guessed command that changes data is only ever confirmed, never run.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from bot import registry
from bot.registry import COMMANDS, Command, Understand
from bot.understanding import MAX_INPUT, NUMBER_WORDS, Reading, corrected, read

__all__ = ["MAX_INPUT", "Ambiguous", "Match", "NoMatch", "route"]


@dataclass(frozen=True)
class Match:
    command: str
    args: dict[str, str] = field(default_factory=dict)
    guessed: bool = False  # found only after correcting typos


@dataclass(frozen=True)
class Ambiguous:
    """Two readings fit equally well: ask which was meant."""

    text: str
    options: tuple[Match, ...]


@dataclass(frozen=True)
class NoMatch:
    text: str
    number: int | None = None  # an action number the message named, for a safe suggestion


_STOPWORDS = frozenset(
    [
        "a", "an", "the", "is", "are", "was", "were", "be", "been", "being", "am", "do", "does",
        "did", "doing", "have", "has", "had", "having", "got", "get", "gets", "getting", "what",
        "what's", "whats", "which", "who", "whom", "whose", "when", "where", "why", "how", "any",
        "anything", "something", "everything", "all", "some", "that", "this", "these", "those",
        "there", "here", "it", "its", "it's", "of", "for", "to", "from", "in", "on", "at", "by",
        "with", "as", "into", "onto", "up", "out", "over", "again", "then", "and", "or", "but",
        "if", "so", "than", "too", "very", "can", "could", "would", "should", "will", "shall",
        "might", "must", "just", "only", "also", "still", "yet", "now", "not", "no", "you", "your",
        "yours", "we", "we've", "we're", "our", "ours", "us", "they", "them", "their", "he", "she",
        "his", "her", "him", "hers", "there's", "where's", "when's", "who's", "how's", "is", "it",
        "okay", "ok", "hey", "hi", "hello", "clerk", "please", "pls", "thanks", "one", "ones",
        "currently", "right", "now", "moment", "today", "week", "month", "year", "soon", "else",
        "other", "list", "show", "tell", "give", "let", "know", "need", "want", "like", "see",
        "look", "check", "lot", "lots", "much", "many", "new", "open", "status", "items", "item",
        "number", "no", "yes", "about", "regarding", "next", "last", "latest", "previous",
        "upcoming", "recent", "forthcoming", "following", "owned", "owns", "xlsx", "excel", "csv",
        "json", "docx", "word", "time", "been", "asked", "ask", "supposed", "meant", "whole",
        "full", "entire", "every", "anyone", "anybody", "someone", "somebody", "side", "desk",
        "end", "part"
    ]
)
_CUE_WORDS = frozenset(
    word
    for command in COMMANDS
    for reading in command.readings
    for group in (*reading.cues, reading.never)
    for phrase in group.split("|")
    for word in re.findall(r"[a-z0-9'-]+", phrase)
)
VOCABULARY = _CUE_WORDS | _STOPWORDS | frozenset(NUMBER_WORDS)
_SORTED_VOCABULARY = sorted(VOCABULARY)
_NAME_LIKE = frozenset({"mark", "will", "chase", "grace", "faith", "hope", "bill", "pat",
                        "rob", "jack", "frank", "ray", "dawn", "joy", "holly", "rose", "sam"})
_TOKEN = re.compile(r"[A-Za-z][A-Za-z'-]*")
_AFTER_FOR = re.compile(r"\b(?:for|of|by|to|with|owned by|assigned to)\s+$", re.I)
_FILLER_TITLES = re.compile(r"^(?:an? )?(?:item|thing|something|new item|entry)$", re.I)
_TOPIC_MARKER = re.compile(
    r"\b(?:about|regarding|concerning|re:?|on the subject of|around|on)\s+(?P<topic>.+)$", re.I)
_SEARCH_VERB = re.compile(
    r"\b(?:search|find|look up|lookup|look for|grep)\b(?:\s+(?:the|all|our|in the)?\s*minutes)?"
    r"(?:\s*:)?(?:\s+(?:for|on))?\s+(?P<topic>.+)$", re.I)
_TOPIC_TAIL = re.compile(
    r"(?:\s+(?:in|at|from|during|over)\s+(?:the |any |our |a |all |past )?(?:minutes|meetings?|"
    r"boards?|csps?|past|last \w+|year)\b.*|\s+(?:ever|before|at all|recently|yet))+$", re.I)
_TOPIC_HEAD = re.compile(
    r"^(?:(?:anything|something|stuff|things|mentions?|references?|discussions?|about|"
    r"regarding|concerning|on)(?: (?:on|about|of|to|regarding))?\s+)+", re.I)
_TOPIC_BREAK = re.compile(r"\s+-\s+|[,;?]\s*|\s+(?:can|could|would|will) you\b", re.I)
_PRONOUN = re.compile(r"^(?:it|that|this|them|those|anything|something)\W*$", re.I)
_TITLE = re.compile(
    r"^(?:can we |could we |please |we need to |i'?d like to )?(?:add|put|include|pencil in|"
    r"pencil|schedule)\s+(?P<title>.+?)\s+(?:to|on|onto|in|into|for)\s+(?:the\s+)?(?:[\w'.]+\s+)?"
    r"(?:\d{4}\s+)?(?:forward plan|fwd plan|agenda|plan)\b", re.I)
_TITLE_AFTER_COLON = re.compile(r"(?:forward plan|agenda|plan)\s*[:-]\s*(?P<title>.+)$", re.I)
_WHEN = re.compile(
    r"\b(?:due date|deadline|target date|due)\b"
    r"(?:\s+(?:of|for|on)\s+(?:action\s*#?\s*|#\s*|no\.?\s*)(?:\d+|[a-z]+(?:-[a-z]+)?))?"
    r"(?:\s+(?:to|as|is|will be|should be|=|:|-))?\s*(?P<when>.*)$", re.I)
_NOTE_AFTER = re.compile(r"^\s*(?:[-:,;]|with (?:a |the )?note:?|note:?|because|as)?\s*", re.I)
_NOTE_MARK = re.compile(r"^\s*(?:[-:;.?!]|with (?:a |the )?note:?|note:?)\s*", re.I)
_STATUS_WORDS = re.compile(
    r"^(?:(?:as|is|now|has been|was|it|off|to|can be|could be|should be|needs to be|needs|"
    r"to be|be)\s+)*(?:done|complete|completed|closed|finished|not done|incomplete|open|"
    r"signed off|ticked off|sorted|reopening|reopened|re-opening|closing)\b\s*", re.I)
_NO_NOTE = re.compile(
    r"^(?:for me|for us|now|then|today|off|it|(?:please )?(?:close|reopen|re-open|complete|"
    r"mark|tick) (?:it|this|that|off)(?: off| as done| complete| please)?)$", re.I)
_SHAPES = {c.name: tuple(re.compile(rf"^(?:{shape})$", re.I) for shape in c.shapes)
           for c in COMMANDS if c.shapes}
_EXPORT = re.compile(
    r"\b(?P<what>action log|action tracker|actions|tracker|forward plan|plan)\b"
    r"(?: (?:as|to|in|into) (?:an? )?(?P<format>xlsx|excel|csv|json|docx|word))?", re.I)


class _Slots:
    """What a message names, worked out once per message and only when a reading asks."""

    def __init__(self, reading: Reading) -> None:
        self.reading = reading
        self._cache: dict[str, dict[str, str] | None] = {}

    def get(self, slot: str) -> dict[str, str] | None:
        if slot not in self._cache:
            self._cache[slot] = getattr(self, f"_{slot}")()
        return self._cache[slot]

    # what a reading may need ------------------------------------------------------------
    def _number(self):
        n = self.reading.number
        return {"number": str(n)} if n is not None else None

    def _month(self):
        return {"month": self.reading.month} if self.reading.month else None

    def _day(self):
        day = self.reading.day
        return {"date": day.isoformat()} if day else None

    def _date(self):
        return self._day() or self._month()

    def _which(self):
        return {"which": self.reading.which} if self.reading.which else None

    def _next(self):
        return {"which": "next"} if self.reading.which == "next" else None

    def _meeting(self):
        return self._date() or self._which()

    def _owner(self):
        return {"owner": "me"} if self.reading.has(*registry.MINE.split("|")) else None

    def _rest(self, people_only: bool = False) -> list[str]:
        """The words Clerk does not know, as typed: a person's name or a topic.
        ``people_only``: only those written as a name is (capitalised, possessive, or after
        "for", "of", "by", "to", "with"), so a stray lower-case word rules out nothing."""
        text, words = self.reading.text, []
        for found in _TOKEN.finditer(text):
            if any(s <= found.start() < e for s, e in self.reading.spans):
                continue
            token = found.group(0).strip("'-")
            possessive = re.search(r"'s?$", token) is not None
            base = re.sub(r"'s?$", "", token)
            lower = base.lower()
            if (lower in VOCABULARY or lower in self.reading.corrected) and not (
                possessive and lower in _NAME_LIKE
            ):
                continue
            if base and (not people_only or possessive or base[0].isupper()
                         or _AFTER_FOR.search(text[: found.start()])):
                words.append(base)
        return words

    def _person(self):
        """Someone the message names (for readings that must not be about a person)."""
        words = self._rest(people_only=True)
        return {"name": " ".join(words)} if words else None

    def _name(self):
        words = self._rest()
        return {"name": " ".join(words)} if words and len(words) <= 5 else None

    def _topic(self):
        text = self.reading.text
        found = [f for f in (_SEARCH_VERB.search(text), _TOPIC_MARKER.search(text))
                 if f and not _PRONOUN.match(f.group("topic"))]
        topic = found[0].group("topic") if found else " ".join(self._rest())
        topic = _TOPIC_BREAK.split(topic)[0]
        topic = _TOPIC_TAIL.sub("", topic).strip(" '\"?.,")
        topic = _TOPIC_HEAD.sub("", topic)
        topic = re.sub(r"^(?:the|a|an)\s+", "", topic, flags=re.I)
        named = [self.reading.text[start:end] for start, end in self.reading.spans]
        left = topic
        for part in named:  # a date or a number is what to look in, not what to look for
            left = left.replace(part, " ")
        return {"query": topic} if re.search(r"[^\W\d]", re.sub(
            r"\b(?:of|the|on|in|at)\b", "", left, flags=re.I)) else None

    def _title(self):
        text = self.reading.text
        found = _TITLE.search(text) or _TITLE_AFTER_COLON.search(text)
        if not found:
            return None
        title = found.group("title").strip(" :-'\"")
        return None if not title or _FILLER_TITLES.match(title) else {"title": title}

    def _when(self):
        found = _WHEN.search(self.reading.text)
        when = found.group("when").strip() if found else ""
        return {"when": when} if re.search(r"[a-z0-9]", when, re.I) else None

    def _note(self):
        span = self.reading.number_span
        if span is None:
            return None
        rest = self.reading.text[span[1]:]
        marked = _NOTE_MARK.match(rest)
        if marked:  # "close 4 - done per Chris": all after the mark is the note
            rest = rest[marked.end():].strip()
            rest = "" if _STATUS_WORDS.fullmatch(rest + " ") else rest
        else:  # "action 4 is done, letter sent": the status words are not the note
            rest = _STATUS_WORDS.sub("", rest.strip()).strip()
            rest = _NOTE_AFTER.sub("", rest, count=1).strip()
        return {"note": rest} if rest and not _NO_NOTE.match(rest) else None

    def shape(self, command: str) -> dict[str, str] | None:
        """The arguments of a message of one of the command's exact forms, as typed."""
        key = f"shape:{command}"
        if key not in self._cache:
            found = next((m for p in _SHAPES.get(command, ()) if (m := p.match(self.reading.said))),
                         None)
            self._cache[key] = None if found is None else {
                k: v.strip() for k, v in found.groupdict().items() if v and v.strip()}
        return self._cache[key]

    def _what(self):
        found = _EXPORT.search(self.reading.text)
        if not found:
            return None
        args = {"what": found.group("what").lower()}
        if found.group("format"):
            args["format"] = found.group("format").lower()
        return args


# What each command is handed, from what the message named.
TAKES: dict[str, tuple[str, ...]] = {
    "actions_for": ("name",),
    "overdue": ("owner", "person"),
    "meeting_actions": ("meeting",),
    "show": ("number",),
    "close": ("number", "note"),
    "reopen": ("number", "note"),
    "due": ("number", "when"),
    "plan": ("month",),
    "add_plan": ("title", "month"),
    "minutes_from": ("date",),
    "chair": ("meeting",),
    "search": ("topic",),
    "next_meeting": ("month",),
    "export": ("what",),
    "cant_write": ("number",),
}


def _cue(group: str, reading: Reading) -> bool:
    for phrase in group.split("|"):
        if phrase.startswith("^"):
            if reading.words[: len(phrase[1:].split())] == tuple(phrase[1:].split()):
                return True
        elif reading.has(phrase):
            return True
    return False


def _score(command: Command, understand: Understand, reading: Reading, slots: _Slots):
    if understand.never and _cue(understand.never, reading):
        return None
    if not all(_cue(group, reading) for group in understand.cues):
        return None
    needs = list(understand.needs)
    if any((slots.shape(command.name) if n == "shape" else slots.get(n)) is None
           for n in needs):
        return None
    forbids = ["person" if f == "name" else f for f in understand.forbids]
    if any(slots.get(f) is not None for f in forbids):
        return None
    score = len(understand.cues) + len(needs) + understand.bonus
    if "name" in needs and _doubtful_name(slots.get("name")["name"], slots.reading.text):
        score -= 1  # "a rundown of the action log": ask rather than look for "rundown"
    return score


def _doubtful_name(name: str, text: str) -> bool:
    """One lower-case word, not possessive and not after "for"/"of"/"by": maybe not a name."""
    if " " in name or not name.islower():
        return False
    return not re.search(rf"(?:\b(?:for|of|by|to|with)\s+{re.escape(name)}|{re.escape(name)}'s?)",
                         text, re.I)


def _args(command: Command, slots: _Slots) -> dict[str, str]:
    args: dict[str, str] = dict(slots.shape(command.name) or {}) if command.shapes else {}
    for slot in TAKES.get(command.name, ()):
        args.update(slots.get(slot) or {})
    return args


@dataclass(frozen=True)
class _Found:
    result: Match | Ambiguous
    score: float


def _best(reading: Reading, guessed: bool) -> _Found | None:
    slots = _Slots(reading)
    scored: list[tuple[float, Command]] = []
    for command in COMMANDS:
        scores = [s for u in command.readings
                  if (s := _score(command, u, reading, slots)) is not None]
        if scores:
            scored.append((max(scores), command))
    if not scored:
        return None
    scored.sort(key=lambda pair: -pair[0])
    best = [command for score, command in scored if score == scored[0][0]]
    matches = tuple(Match(c.name, _args(c, slots), guessed) for c in best)
    result = matches[0] if len(matches) == 1 else Ambiguous(reading.text, matches)
    return _Found(result, scored[0][0])


def _names_a_typo(result: Match | Ambiguous, typos: frozenset[str], text: str) -> bool:
    """Whether a reading took a misspelt cue word for a name or topic ("ovredue actions").
    Capitalised words are taken as names as typed ("Chirs", "Stuart")."""
    options = result.options if isinstance(result, Ambiguous) else (result,)
    words = {w for option in options for value in option.args.values()
             for w in value.split() if w.islower()} & typos
    return any(_clear_typo(word) for word in words)


def _clear_typo(word: str) -> bool:
    """A long word one slip away from a cue word and starting like it: a typo, not a name."""
    if len(word) < 5:
        return False
    found = process.extractOne(word, _SORTED_VOCABULARY, scorer=fuzz.ratio, score_cutoff=85)
    return found is not None and found[0][0] == word[0]


def route(text: str) -> Match | Ambiguous | NoMatch:
    if not text or not text.strip():
        return NoMatch("")
    reading = read(text)
    if not reading.words:
        # Only a greeting, a mention or thanks: say hello with what Clerk can do.
        return Match("help") if re.search(r"[a-z]", text, re.I) else NoMatch(reading.text)
    found = _best(reading, guessed=False)
    fixed = corrected(reading, VOCABULARY)
    if fixed.words != reading.words:
        guess = _best(fixed, guessed=True)
        if guess is not None and (found is None or guess.score > found.score
                                  or _names_a_typo(found.result, fixed.corrected, reading.text)):
            found = guess
    return found.result if found is not None else NoMatch(reading.text, reading.number)
