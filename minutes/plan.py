"""The forward plan: items the minutes put on a future meeting's agenda.

What counts (one rule per sentence, tried in this order):

1. a lead-in naming a month, ending with ":" and followed by a list ("the items that would be
   presented in March's 2023 CSP:") - every list entry;
2. "X ... postponed / deferred / carried forward to March 2022 board" - X, the noun phrase
   before the verb; "Carry item forward to December 2021" - the agenda item's own title;
3. "add X to March CSP" / "add X on forward plan for March CSP" - X;
4. "update the forward plan with X (replacing Y) for March 2024" - X;
5. "requested X at the March 2024 CSP" - X;
6. "X to be presented to the CSP board in March 2024" - X;
7. "bring back X to the December meeting" - X.

A month without a year is the first such month after the meeting. Only months after the
meeting's month count. A bare "update" / "update from Katie Jones" is named after the agenda
item it was raised under ("CSP Board and Structure Review update", lead Katie Jones); a
one-word title ("Strategy") gets the agenda item in brackets.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

from minutes.model import ParsedPlanItem
from minutes.owners import owner_names
from minutes.text import capitalise, split_sentences, strip_list, tidy
from minutes.when import MONTH_REF, MONTHS, month_after, month_label

_MEETING_WORDS = frozenset(
    [
        "csp",
        "board",
        "boards",
        "meeting",
        "meetings",
        "committee",
        "partnership",
        "agenda",
        "panel",
        "forum",
    ]
)
_LIST_LEAD = re.compile(r"\b(?:items?|agenda|forward plan|presented|next meeting)\b", re.I)
_POSTPONED = re.compile(
    r"\b(?:postponed|deferred|carried (?:forward|over)|moved|rescheduled|pushed back)\b", re.I
)
_CARRY_ITEM = re.compile(
    r"\b(?:carry|carried|defer|deferred|move|moved) +(?:this +|the +)?item +(?:forward|over)?",
    re.I,
)
_ADD = re.compile(r"^(?:to +)?add +", re.I)
_PLAN_WITH = re.compile(r"\bforward plan +with +", re.I)
_REQUESTED = re.compile(r"\brequested +", re.I)
_PRESENTED = re.compile(
    r" +to be +(?:presented|brought|taken|considered|discussed|reported|tabled)\b", re.I
)
_BRING_BACK = re.compile(r"\bbring +(?:back +|forward +)?", re.I)
_GENERIC = re.compile(
    r"^(?:an? +|the +)?(?P<kind>updates?|reports?|presentations?|papers?|briefings?)"
    r"(?: +from +(?P<lead>.+))?$",
    re.I,
)
_LED_BY = re.compile(r"\b(?:led|presented) by +(?P<lead>[^,.;()]{2,60})", re.I)
_REPLACING = re.compile(r" +(?:replacing|instead of|in place of) +", re.I)
_AUXILIARIES = frozenset(
    [
        "to",
        "be",
        "is",
        "are",
        "was",
        "were",
        "has",
        "have",
        "been",
        "being",
        "should",
        "will",
        "would",
    ]
)
_CONNECTORS = frozenset(["to", "the", "on", "for", "at", "in", "onto", "into", "of", "next"])
_PHRASE_LOWER = frozenset(
    [
        "and",
        "of",
        "for",
        "on",
        "in",
        "update",
        "updates",
        "report",
        "review",
        "presentation",
        "plan",
        "strategy",
        "item",
        "paper",
        "briefing",
        "profile",
    ]
)
_DETERMINERS = frozenset(["the", "a", "an", "this", "that", "these", "those"])
_MAX_SENTENCE = 400


class PlanCollector:
    """Collects plan items for one document, de-duplicated by month and title."""

    def __init__(self, base: date | None, warnings: list[str]) -> None:
        self.base = base
        self.warnings = warnings
        self.items: list[ParsedPlanItem] = []
        self._seen: set[tuple[str, str]] = set()

    def month(self, found: re.Match, what: str) -> str | None:
        number = MONTHS[found.group("month")]
        year = int(found.group("year")) if found.group("year") else None
        if self.base is None:
            if year is None:
                self._warn(
                    f'forward plan: "{what}" for {found.group("month")} not recorded: '
                    "the year is unknown (no meeting date)"
                )
                return None
            return f"{year:04d}-{number:02d}"
        month = month_after(number, year, self.base)
        return month if month > f"{self.base:%Y-%m}" else None

    def _warn(self, message: str) -> None:
        if message not in self.warnings:
            self.warnings.append(message)

    def add(self, month: str, title: str, lead: str | None, quote: str) -> None:
        title = capitalise(tidy(title))
        key = (month, " ".join(re.sub(r"[^\w ]", " ", title.casefold()).split()))
        if title and key not in self._seen:
            self._seen.add(key)
            self.items.append(ParsedPlanItem(month, title, lead, quote[:500]))

    def from_lines(self, lines: list[str], item_title: str | None) -> None:
        """Rule 1 over an item's lines, then the sentence rules over each paragraph."""
        index = 0
        while index < len(lines):
            line = lines[index]
            index += 1
            if not line:
                continue
            if line.endswith(":") and _LIST_LEAD.search(line):
                found = _month_ref(line)
                month = self.month(found, line) if found else None
                if month:
                    while index < len(lines) and (not lines[index] or strip_list(lines[index])[1]):
                        if lines[index]:
                            self.add(month, strip_list(lines[index])[0], None, line)
                        index += 1
                    continue
            for sentence in split_sentences(strip_list(line)[0]):
                self.from_sentence(sentence, item_title)

    def from_sentence(self, sentence: str, item_title: str | None) -> None:
        # Every rule needs a month to put the item in: most sentences are dismissed here.
        if len(sentence) > _MAX_SENTENCE or not MONTH_REF.search(sentence):
            return
        for rule in _RULES:
            result = rule(sentence, item_title)
            if result is None:
                continue
            title, ref, lead = result
            if title is None:
                month = self.month(ref, sentence)
                if month:
                    self._warn(
                        f"forward plan: an untitled item is carried forward to "
                        f"{month_label(month)} ({month}); add it by hand"
                    )
                return
            title, lead = _name_generic(title, lead, item_title)
            month = self.month(ref, title)
            if month and title:
                self.add(month, title, lead, sentence)
            return


def _month_ref(text: str, start: int = 0) -> re.Match | None:
    return MONTH_REF.search(text, start)


def _meeting_ref(text: str, start: int = 0) -> re.Match | None:
    """A month naming a meeting: followed by a meeting word or preceded by "board in"."""
    for found in MONTH_REF.finditer(text, start):
        after = text[found.end() :].split()[:2]
        before = text[: found.start()].split()[-3:]
        if any(w.lower().strip(".,:;") in _MEETING_WORDS for w in after) or any(
            w.lower() in _MEETING_WORDS for w in before
        ):
            return found
    return None


def _trim_object(text: str) -> str:
    """ "update from Katie Jones on forward plan for" -> "update from Katie Jones"."""
    tokens = text.split()
    while tokens:
        last = tokens[-1].lower().strip(",")
        if last in _CONNECTORS:
            tokens.pop()
        elif [t.lower() for t in tokens[-2:]] == ["forward", "plan"]:
            del tokens[-2:]
        elif last in _MEETING_WORDS and len(tokens) > 1 and tokens[-2].lower() in _CONNECTORS:
            tokens.pop()
        else:
            break
    while tokens and tokens[0].lower() in _DETERMINERS:
        tokens.pop(0)
    return " ".join(tokens)


def _noun_phrase_before(text: str) -> str:
    """The noun phrase ending ``text``: "... and the Family Drug and Alcohol Court update"."""
    tokens = text.split()
    while tokens and tokens[-1].lower() in _AUXILIARIES:
        tokens.pop()
    phrase: list[str] = []
    for token in reversed(tokens):
        if token.lower() in _DETERMINERS or not (
            token[0].isupper() or token[0].isdigit() or token.lower() in _PHRASE_LOWER
        ):
            break
        phrase.insert(0, token)
    while phrase and phrase[0].lower() in ("and", "of", "for", "on", "in"):
        phrase.pop(0)
    return " ".join(phrase)


def _lead_after(sentence: str, start: int) -> str | None:
    found = _LED_BY.search(sentence, start)
    names = owner_names(found.group("lead")) if found else None
    return names[0] if names else None


def _name_generic(title: str, lead: str | None, item_title: str | None) -> tuple[str, str | None]:
    generic = _GENERIC.match(title)
    if generic and item_title:
        names = owner_names(generic.group("lead")) if generic.group("lead") else None
        kind = generic.group("kind").lower().rstrip("s")
        return f"{item_title} {kind}", lead or (names[0] if names else None)
    if len(title.split()) == 1 and item_title:
        return f"{capitalise(title)} ({item_title})", lead
    return title, lead


Rule = Callable[[str, str | None], "tuple[str | None, re.Match, str | None] | None"]


def _postponed(sentence: str, item_title: str | None):
    carry = _CARRY_ITEM.search(sentence)
    if carry:
        ref = _month_ref(sentence, carry.end())
        return (item_title, ref, None) if ref else None
    verb = _POSTPONED.search(sentence)
    if not verb:
        return None
    ref = _month_ref(sentence, verb.end())
    title = _noun_phrase_before(sentence[: verb.start()])
    return (title, ref, None) if ref and title else None


def _added(sentence: str, item_title: str | None):
    start = _ADD.match(sentence)
    ref = _meeting_ref(sentence) if start else None
    if not ref or ref.start() < start.end():
        return None
    title = _trim_object(sentence[start.end() : ref.start()])
    return (title, ref, _lead_after(sentence, ref.end())) if title else None


def _plan_with(sentence: str, item_title: str | None):
    start = _PLAN_WITH.search(sentence)
    ref = _month_ref(sentence, start.end()) if start else None
    if not ref:
        return None
    obj = sentence[start.end() : ref.start()]
    replacing = _REPLACING.search(obj)
    title = _trim_object(obj[: replacing.start()] if replacing else obj)
    return (title, ref, _lead_after(sentence, ref.end())) if title else None


def _requested(sentence: str, item_title: str | None):
    start = _REQUESTED.search(sentence)
    ref = _meeting_ref(sentence, start.end()) if start else None
    if not ref:
        return None
    title = _trim_object(sentence[start.end() : ref.start()])
    return (title, ref, _lead_after(sentence, ref.end())) if title else None


def _presented(sentence: str, item_title: str | None):
    verb = _PRESENTED.search(sentence)
    ref = _meeting_ref(sentence, verb.end()) if verb else None
    if not ref:
        return None
    subject = sentence[: verb.start()].split()
    if not subject or len(subject) > 8:
        return None
    title = _trim_object(" ".join(subject))
    return (title, ref, _lead_after(sentence, ref.end())) if title else None


def _bring_back(sentence: str, item_title: str | None):
    verb = _BRING_BACK.search(sentence)
    ref = _meeting_ref(sentence, verb.end()) if verb else None
    if not ref:
        return None
    obj = sentence[verb.end() : ref.start()]
    cut = obj.find(" to ")
    title = _trim_object(obj[:cut] if cut > 0 else obj)
    return (title, ref, _lead_after(sentence, ref.end())) if title else None


_RULES: tuple[Rule, ...] = (_postponed, _added, _plan_with, _requested, _presented, _bring_back)
