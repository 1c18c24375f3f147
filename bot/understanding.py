"""What a message names, before deciding what it asks: a pure reading of the text.

``read(text)`` strips what carries no meaning for Clerk (greetings, @mentions, polite
wrappers, "pls", "thanks", trailing "?") and finds the things a message names: action numbers
("action 12", "#12", "no. 12", "action ten"), full dates (UK day-first: "7/12/2022", "9th
December 2020"), months ("June", "Sept 2023", "December's"), which meeting ("next", "last"),
and the words Clerk does not know (``rest``: a person's name or a topic). The router then
decides the intent from cue words over ``words``.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field, replace
from datetime import date

from rapidfuzz import fuzz, process

from board.dates import month_number

MAX_INPUT = 2000  # longer messages are cut: no command is that long, and regexes stay cheap

_MENTION = re.compile(r"<at>.*?</at>|@\w+", re.I)
_GREETING = re.compile(
    r"^(?:(?:hi|hello|hey|hiya|heya|yo|morning|afternoon|evening|good (?:morning|afternoon|"
    r"evening|day)|dear|greetings|ok|okay|right|so|um+|er+|quick question|question)"
    r"(?: there| all| team| clerk| again)?\b[\s,!.:;-]*)+",
    re.I,
)
_ADDRESS = re.compile(r"^clerk\b[\s,!.:;-]*|[\s,]+clerk[\s,!.?]*$", re.I)
# Polite wrappers at the start: what is left is the request itself.
_WRAPPER = re.compile(
    r"^(?:(?:please|pls|plz|kindly|just|can|could|would|will|may) (?:you |i |we )?"
    r"(?:please |pls |kindly |just )?"
    r"(?:(?:let me know|tell me|show me|give me|remind me|check|see|have|get|look up|find out|"
    r"see|know)\b ?)?|"
    r"(?:i'?d|i would|i want to|i wanted to|i need to|i'd like to|do you know|any idea|"
    r"let me know|tell me|show me|give me|remind me|send me|email me|get me|pull up|share)"
    r"(?: (?:like to|love to|to))?"
    r"(?: (?:see|know|check|have|get))?\b ?|is there any chance you could )+",
    re.I,
)
_POLITE = re.compile(
    r"\b(?:please|pls|plz|kindly|thanks(?: a lot| very much| so much)?|thank you(?: very much)?"
    r"|thx|ta|cheers|many thanks)\b[.!,]*",
    re.I,
)

# How people shorten words in chat, written out before anything else reads the message.
_CHAT_WORDS = {"u": "you", "ur": "your", "r": "are", "ya": "you", "wot": "what", "wat": "what",
               "mtg": "meeting", "mtgs": "meetings", "mins": "minutes", "nxt": "next",
               "thx": "thanks", "ty": "thanks", "tx": "thanks", "plz": "please", "pls": "please",
               "pleas": "please", "wk": "week", "fwd": "forward", "b4": "before",
               "abt": "about", "re:": "about"}
_CHAT_SPEAK = re.compile(r"(?<![\w'])(?:" + "|".join(map(re.escape, _CHAT_WORDS)) + r")(?![\w'])",
                         re.I)

NUMBER_WORDS = {
    word: n
    for n, word in enumerate(
        [
            "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
            "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
            "eighteen", "nineteen", "twenty"
        ]
    )
}
NUMBER_WORDS.update({"thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
                     "eighty": 80, "ninety": 90})
_TENS = r"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
_SMALL = r"(?:one|two|three|four|five|six|seven|eight|nine)"
_ANY_NUMBER_WORD = "|".join(sorted(NUMBER_WORDS, key=len, reverse=True))
_NUMBER_WORD = rf"(?:{_TENS}(?:[ -]{_SMALL})?|{_ANY_NUMBER_WORD})"
_ORDINAL = r"(?:st|nd|rd|th)"
_MONTH_WORD = r"[a-z]{3,9}\.?"

# Full dates: "7/12/2022", "07-12-22", "2022-12-07", "9th December 2020", "December 9th, 2020".
_DMY = re.compile(r"\b(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})\b")
_ISO = re.compile(r"\b(\d{4})-(\d{1,2})-(\d{1,2})\b")
_DAY_MONTH = re.compile(
    rf"\b(\d{{1,2}}){_ORDINAL}?(?: of)? ({_MONTH_WORD})(?:,? (\d{{4}}))?\b", re.I
)
_MONTH_DAY = re.compile(rf"\b({_MONTH_WORD}) (\d{{1,2}}){_ORDINAL}?(?:,? (\d{{4}}))?\b", re.I)
_ISO_MONTH = re.compile(r"\b(\d{4})-(\d{1,2})\b")
_MONTH_YEAR = re.compile(rf"\b({_MONTH_WORD})(?:'s|s')?(?: '?(\d{{4}}|\d{{2}}))?(?=\W|$)", re.I)

# An action number: "action 12", "#12", "no. 12", "number 12", "action ten", or a bare 12.
_ACTION_NUMBER = re.compile(
    rf"(?:\b(?:action|item|no\.?|number|num)\s*#?\s*|#\s*)([0-9]+|{_NUMBER_WORD})\b"
    rf"|\b([0-9]+)\b",  # every digit: a number too big is refused, never cut
    re.I,
)
_NEXT = re.compile(
    r"\b(?:next|upcoming|forthcoming|following|soon|(?:meeting|board|csp)s? coming up)\b", re.I)
_LAST = re.compile(r"\b(?:last|latest|previous|recent|most recent|prior)\b", re.I)

_CONTRACTIONS = frozenset({"what's", "where's", "when's", "who's", "how's", "it's", "that's",
                           "there's", "let's", "here's"})
_MONTH_ASKED = re.compile(
    r"\b(?:forward plan|agenda|plan)\s+(?:for|in)\s+(?:the\s+)?([a-z]{2,9})\.?$", re.I)
_NOT_MONTHS = frozenset({"next", "last", "meeting", "board", "me", "us", "it", "this", "that",
                         "today", "now", "the", "csp", "latest"})
# Words that may be months only where a month fits ("may I", "march on" are not months).
_MONTH_LIKE_WORDS = {"may", "march"}


@dataclass(frozen=True)
class Reading:
    """What one message names. ``text`` keeps the user's case (for notes, titles and names);
    ``words`` are lower case, possessives cut ("angie's" -> "angie")."""

    text: str
    words: tuple[str, ...]
    number: int | None = None
    number_span: tuple[int, int] | None = None  # where the number is in ``text``
    day: date | None = None
    month: str | None = None  # as typed ("June", "Sept 2023", "2023-06")
    which: str | None = None  # "next" or "last" when a meeting is called that
    spans: tuple[tuple[int, int], ...] = field(default=())  # dates, months, numbers in ``text``
    corrected: frozenset[str] = frozenset()  # words of ``text`` read as a near-miss of a cue
    said: str = ""  # the message as typed, only spaced and trimmed (ids, addresses intact)

    def has(self, *phrases: str) -> bool:
        """Whether any of the words or multi-word phrases occurs in the message."""
        padded = f" {' '.join(self.words)} "
        return any(f" {p} " in padded for p in phrases)


def clean(text: str) -> str:
    """The request itself: no mention, greeting, polite wrapper, thanks or trailing "?"."""
    text = text[:MAX_INPUT].replace("\u2019", "'").replace("\u2018", "'")
    text = re.sub(r"[\u2013\u2014]", "-", text)
    text = _MENTION.sub(" ", text)
    text = _CHAT_SPEAK.sub(lambda m: _CHAT_WORDS[m.group(0).lower()], text)
    text = " ".join(text.split())
    for _ in range(3):  # "hi Clerk, could you please ..." peels in a few rounds
        before = text
        text = _GREETING.sub("", text)
        text = _ADDRESS.sub("", text).strip(" ,")
        text = _WRAPPER.sub("", text)
        text = _POLITE.sub("", text)
        text = " ".join(text.split()).strip(" ,;")
        if text == before:
            break
    return re.sub(r"[\s!?.,;:]+$", "", text)


def _number(token: str) -> int | None:
    token = token.lower().replace("-", " ")
    if token.isdigit():
        return int(token)
    parts = token.split()
    if all(p in NUMBER_WORDS for p in parts):
        return sum(NUMBER_WORDS[p] for p in parts)
    return None


def _year(text: str | None, default: int | None = None) -> int | None:
    if not text:
        return default
    value = int(text)
    return value + 2000 if value < 100 else value


def _safe_date(year: int | None, month: int | None, day: int) -> date | None:
    if year is None or month is None:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _find_day(text: str) -> tuple[date | None, tuple[int, int] | None]:
    """A full date (UK day-first) and where it is, or (None, None)."""
    for pattern, order in ((_ISO, "ymd"), (_DMY, "dmy")):
        found = pattern.search(text)
        if found:
            parts = dict(zip(order, found.groups(), strict=True))
            day = _safe_date(_year(parts["y"]), int(parts["m"]), int(parts["d"]))
            if day:
                return day, found.span()
    for pattern, day_group, month_group in ((_DAY_MONTH, 1, 2), (_MONTH_DAY, 2, 1)):
        for found in pattern.finditer(text):
            month = month_number(found.group(month_group).rstrip("."))
            year = _year(found.group(3))
            if month and year:
                day = _safe_date(year, month, int(found.group(day_group)))
                if day:
                    return day, found.span()
    return None, None


def _is_month_word(word: str, before: str, after: str) -> bool:
    lower = word.lower().rstrip(".")
    if lower in _MONTH_LIKE_WORDS:
        # "May I ...", "may we ..." are not months; "in May", "May's minutes", "May 2024" are.
        return not re.match(r"\s*(?:i|we|you|be|have|need)\b", after, re.I) and bool(
            word[0].isupper()
            or re.search(r"\b(?:in|for|from|of|on|the|at|plan|agenda|minutes|until|by|since)\s*$",
                         before, re.I)
            or re.match(r"\s*(?:'s|\d|agenda|meeting|board|minutes|csp|plan|forward)", after, re.I)
        )
    return month_number(lower) is not None and (
        lower in _MONTH_NAMES or len(lower) >= 5 and lower[:3] in _MONTH_PREFIXES
    )


_MONTH_NAMES = {m.lower() for m in calendar.month_name[1:]} | {
    m.lower() for m in calendar.month_abbr[1:]} | {"sept"}
_MONTH_PREFIXES = {m[:3] for m in _MONTH_NAMES}


Span = tuple[int, int]


def _find_month(text: str, taken: list[Span]) -> tuple[str | None, Span | None]:
    for pattern, month_group in ((_DAY_MONTH, 2), (_MONTH_DAY, 1)):  # "9th December"
        for found in pattern.finditer(text):
            word = found.group(month_group)
            if not _inside(found.span(), taken) and word.lower().rstrip(".") in _MONTH_NAMES:
                return word.rstrip("."), found.span()
    iso = _ISO_MONTH.search(text)
    if iso and 1 <= int(iso.group(2)) <= 12 and not _inside(iso.span(), taken):
        return iso.group(0), iso.span()
    for found in _MONTH_YEAR.finditer(text):
        if _inside(found.span(), taken):
            continue
        word = found.group(1)
        if _is_month_word(word, text[: found.start()], text[found.end(1):]):
            month = word.rstrip(".")
            return (f"{month} {found.group(2)}" if found.group(2) else month), found.span()
    asked = _MONTH_ASKED.search(text)  # "forward plan for Ju": meant as a month, even if wrong
    if asked and not _inside(asked.span(1), taken) and asked.group(1).lower() not in _NOT_MONTHS:
        return asked.group(1), asked.span(1)
    return None, None


def _inside(span: tuple[int, int], taken: list[tuple[int, int]]) -> bool:
    return any(start < span[1] and span[0] < end for start, end in taken)


def _find_number(text: str, taken: list[Span]) -> tuple[int | None, Span | None]:
    """The action number: a marked one ("action 12", "#12") before a bare one ("close 12")."""
    marked, bare = None, None
    for found in _ACTION_NUMBER.finditer(text):
        if _inside(found.span(), taken):
            continue
        if found.group(1) and marked is None:
            marked = (_number(found.group(1)), found.span())
        elif found.group(2) and bare is None:
            bare = (int(found.group(2)), found.span())
    return marked or bare or (None, None)


def as_typed(text: str) -> str:
    """The message with nothing taken out of it (``clean`` reads "@example" as a mention):
    single spaces, straight apostrophes, no "please" around it or end punctuation."""
    text = " ".join(text[:MAX_INPUT].replace("\u2019", "'").replace("\u2018", "'").split())
    text = re.sub(r"^(?:(?:please|pls|clerk),? )+|(?:,? (?:please|pls|thanks))+$", "", text,
                  flags=re.I)
    return re.sub(r"[\s!?.,;]+$", "", text)


def _which(text: str) -> str | None:
    """Which meeting the text calls it: "next", "last" or neither."""
    return "next" if _NEXT.search(text) else "last" if _LAST.search(text) else None


def read(text: str) -> Reading:
    value = clean(text)
    taken: list[tuple[int, int]] = []
    day, day_span = _find_day(value)
    if day_span:
        taken.append(day_span)
    month, month_span = _find_month(value, taken)
    if month_span:
        taken.append(month_span)
    number, number_span = _find_number(value, taken)
    if number_span:
        taken.append(number_span)
    which = _which(value)
    words = tuple(
        w if w in _CONTRACTIONS else w.removesuffix("'s").removesuffix("'")
        for w in re.findall(r"[a-z0-9#][a-z0-9#'-]*", value.lower())
    )
    return Reading(value, words, number, number_span, day, month, which, tuple(taken),
                   said=as_typed(text))


# Typos ------------------------------------------------------------------------------------
def corrected(reading: Reading, vocabulary: frozenset[str]) -> Reading:
    """The same message with words that are near-misses of Clerk's vocabulary corrected
    ("acions" -> "actions"); words already known, short words and numbers are left alone."""
    known = sorted(vocabulary)
    named = {w.lower() for start, end in reading.spans
             for w in re.findall(r"[a-z]+", reading.text[start:end], re.I)}
    words, fixed = [], set()
    for word in reading.words:
        if len(word) >= 3 and word.isalpha() and word not in vocabulary and word not in named:
            found = process.extractOne(word, known, scorer=fuzz.ratio, score_cutoff=75)
            if found:
                fixed.add(word)
                word = found[0]
        words.append(word)
    return replace(reading, words=tuple(words), corrected=frozenset(fixed),
                   which=reading.which or _which(" ".join(words)))
