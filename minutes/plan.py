"""The forward plan: items the minutes put on a future meeting's agenda.

Finders (``minutes.plan_finders``) propose candidates, each with the finder's name and its
evidence; this module decides. A candidate is kept when its confidence (the finder's base plus
its evidence) reaches ``THRESHOLD``; its meeting becomes a month "YYYY-MM" - a month without a
year is the first such month after the meeting, and only months after the meeting's count - or,
for "the next meeting", the next meeting's month when the minutes give its date, else "next".
A vague subject ("it", "a report", "update from Katie Jones") is named after the agenda item it
was raised under; a one-word title ("Strategy") gets the agenda item in brackets.
"""

from __future__ import annotations

import re
from datetime import date

from minutes.model import NEXT_MEETING, ParsedPlanItem
from minutes.owners import owner_names
from minutes.plan_finders import (
    SENTENCE_FINDERS,
    PlanCandidate,
    When,
    any_ref,
    next_ref,
)
from minutes.text import capitalise, heading_level, split_sentences, strip_list, tidy
from minutes.when import MONTH_REF, month_after, month_label

THRESHOLD = 0.5
_BASE = {
    "listed": 0.6,
    "postponed": 0.6,
    "added": 0.7,
    "plan_with": 0.75,
    "requested": 0.6,
    "reported_back": 0.55,
    "bring_back": 0.55,
    "meeting_includes": 0.6,
    "next_agenda": 0.6,
    "kept_on_agenda": 0.55,
    "for_next_meeting": 0.5,
    "next_meeting_agenda": 0.6,
    "decided_next_time": 0.55,
    "update_next_meeting": 0.55,
}
_WEIGHTS = {"verb": 0.15, "meeting": 0.1, "list": 0.1, "standing": 0.0, "vague": -0.15}
_LIST_LEAD = re.compile(
    r"\b(?:items?|agenda|forward plan|presented|next meeting|future meetings?|work programme"
    r"|topics)\b",
    re.I,
)
# A heading or lead-in whose list entries are agenda items of a later meeting.
_PLAN_HEADING = re.compile(
    r"\b(?:items?|topics?|business|matters)\s+(?:for|to be (?:considered|discussed) at)\s+"
    r"(?:the\s+)?(?:next|future|forthcoming|subsequent)\s+(?:\w+\s+)?meetings?\b"
    r"|\bagenda\s+(?:items?\s+)?for\s+(?:the\s+)?(?:next|future)\s+(?:\w+\s+)?meetings?\b"
    r"|\b(?:standing|standard|regular)\s+(?:agenda\s+)?items\b",
    re.I,
)
_STANDING = re.compile(r"\b(?:standing|standard|regular)\b", re.I)
_GENERIC = re.compile(
    r"^(?:an? +|the +)?(?P<kind>updates?|reports?|presentations?|papers?|briefings?)"
    r"(?: +from +(?P<lead>.+))?$",
    re.I,
)
_CHECKBOX = re.compile(r"^\s*\[[ xX\u2713\u2714]?\]\s*")
_RUN_IN = re.compile(r"^([A-Z][\w'\u2019&/ -]{2,40}):\s+\S")
_RUN_IN_MARKER = re.compile(
    r"(?:actions?|resolved|notes?|decisions?|updates?|response|agreed|outcome|minutes?"
    r"|action by|actioned|done|status|proposed|seconded|present|apologies|chair)",
    re.I,
)
_MAX_SENTENCE = 400
_QUICK = re.compile(r"\b(?:next|subsequent|following|agenda)\b|\bmeeting in\b", re.I)


class PlanCollector:
    """Collects plan items for one document, de-duplicated by month and title."""

    def __init__(
        self, base: date | None, warnings: list[str], next_meeting: date | None = None
    ) -> None:
        self.base = base
        self.next_meeting = next_meeting
        self.warnings = warnings
        self.items: list[ParsedPlanItem] = []
        self._seen: set[tuple[str, str]] = set()

    def _warn(self, message: str) -> None:
        if message not in self.warnings:
            self.warnings.append(message)

    def month(self, when: When, what: str) -> str | None:
        """ "YYYY-MM" or "next" for the meeting meant; None when it is not a later meeting."""
        if when.is_next:
            if when.day is not None and when.day.year:
                return f"{when.day.year:04d}-{when.day.month:02d}"
            if self.next_meeting is not None:
                return f"{self.next_meeting:%Y-%m}"
            return NEXT_MEETING
        if self.base is None:
            if when.year is None:
                self._warn(
                    f'forward plan: "{what}" for {when.text} not recorded: '
                    "the year is unknown (no meeting date)"
                )
                return None
            return f"{when.year:04d}-{when.month:02d}"
        month = month_after(when.month, when.year, self.base)
        return month if month > f"{self.base:%Y-%m}" else None

    def consider(self, candidate: PlanCandidate, item_title: str | None) -> None:
        """The decision: confidence from the finder and its evidence, then the meeting."""
        confidence = _BASE[candidate.finder] + sum(
            _WEIGHTS.get(cue, 0.0) for cue in candidate.evidence
        )
        confidence = round(max(0.0, min(1.0, confidence)), 2)
        if confidence < THRESHOLD:
            return
        if candidate.title is None:
            month = self.month(candidate.when, "an item")
            if month:
                self._warn(
                    f"forward plan: an untitled item is carried forward to "
                    f"{_label(month)} ({month}); add it by hand"
                )
            return
        title, lead = _name_generic(candidate.title, candidate.lead, item_title)
        month = self.month(candidate.when, title)
        if month and title:
            self.add(month, title, lead, candidate.quote, confidence, candidate.finder)

    def add(
        self,
        month: str,
        title: str,
        lead: str | None,
        quote: str,
        confidence: float = 1.0,
        finder: str = "",
    ) -> None:
        title = capitalise(tidy(_CHECKBOX.sub("", title)))
        if "|" in title:
            return  # a flattened table row ("Item | Action"), not an item's name
        key = (month, " ".join(re.sub(r"[^\w ]", " ", title.casefold()).split()))
        if title and key not in self._seen:
            self._seen.add(key)
            self.items.append(ParsedPlanItem(month, title, lead, quote[:500], confidence, finder))

    def from_lines(self, lines: list[str], item_title: str | None) -> None:
        """Lists under a lead-in, then the sentence finders over each paragraph."""
        index = 0
        while index < len(lines):
            line = lines[index]
            index += 1
            if not line:
                continue
            listed = _listed(lines, index, line)
            if listed is not None:
                entries, index = listed
                for candidate in entries:
                    self.consider(candidate, item_title)
                continue
            content = strip_list(line)[0]
            subject = _run_in_title(content) or item_title
            for sentence in split_sentences(content):
                self.from_sentence(sentence, subject)

    def next_meeting_agenda(self, lines: list[str], heading: str) -> None:
        """The list under an "Agenda" heading printed right after the next meeting's date: the
        next meeting's agenda."""
        when = next_ref("the next meeting")
        start = next((at for at, line in enumerate(lines) if line.strip()), len(lines))
        entries, _ = _entries(
            lines, start, heading, when, "next_meeting_agenda", frozenset({"list"})
        )
        for candidate in entries:
            self.consider(candidate, None)

    def from_sentence(self, sentence: str, item_title: str | None) -> None:
        # Every finder needs a meeting: most sentences are dismissed here.
        if len(sentence) > _MAX_SENTENCE or not (
            MONTH_REF.search(sentence) or _QUICK.search(sentence)
        ):
            return
        for finder in SENTENCE_FINDERS:
            candidate = finder(sentence, item_title)
            if candidate is not None:
                self.consider(candidate, item_title)
                return


def _run_in_title(content: str) -> str | None:
    """The run-in heading of a paragraph ("Allotments: What is happening ..." -> "Allotments"), the
    paragraph's own subject; not a speaker's initials nor a marker ("Action:", "Note:")."""
    found = _RUN_IN.match(content)
    if not found:
        return None
    label = found.group(1).strip()
    if _RUN_IN_MARKER.fullmatch(label) or (len(label.split()) == 1 and label.isupper()):
        return None
    return label


def _label(month: str) -> str:
    return "the next meeting" if month == NEXT_MEETING else month_label(month)


def _listed(lines: list[str], index: int, line: str) -> tuple[list[PlanCandidate], int] | None:
    """The entries of a list under a lead-in ("the items that would be presented in March's
    2023 CSP:", "Items for future meetings", "Standard items on the agenda include:")."""
    level, content = heading_level(line)
    content = strip_list(content)[0] if not level else content
    heading = bool(_PLAN_HEADING.search(content)) and len(content.split()) <= 16
    lead_in = content.endswith(":") and _LIST_LEAD.search(content)
    if not (heading or lead_in):
        return None
    when = any_ref(content) or (next_ref("the next meeting") if heading else None)
    if when is None:
        return None
    evidence = {"list"} | ({"standing"} if _STANDING.search(content) else set())
    entries, at = _entries(lines, index, line, when, "listed", frozenset(evidence))
    return (entries, at) if entries else None


def _entries(
    lines: list[str], index: int, line: str, when: When, finder: str, evidence: frozenset[str]
) -> tuple[list[PlanCandidate], int]:
    """The list entries from ``index`` on, each a candidate quoting its lead-in ``line``. An
    entry ending in ":" heads the sub-entries under it ("Events:" a. "summer fair" ->
    "Events: summer fair") and is not an item itself."""
    entries: list[PlanCandidate] = []
    at = index
    own = _marker_kind(line)
    parent: tuple[str, str | None] | None = None
    while at < len(lines) and (not lines[at] or strip_list(lines[at])[1]):
        kind = _marker_kind(lines[at]) if lines[at] else None
        if lines[at] and own and kind == own:
            break  # the lead-in's own list goes on: "(a) ... include:" (i) (ii) "(b) ..."
        if lines[at]:
            text = strip_list(lines[at])[0].strip()
            if parent is not None and kind == parent[1]:
                parent = None
            entry = _entry(text)
            if text.endswith(":") and entry:
                parent = (entry, kind)
            elif entry:
                title = f"{parent[0]}: {entry}" if parent else entry
                entries.append(PlanCandidate(title, when, None, line, finder, evidence))
        at += 1
    return entries, at


def _marker_kind(line: str) -> str | None:
    """ "roman", "letter", "number" or "bullet" for a list item's marker; None otherwise."""
    content, listed = strip_list(line)
    if not listed:
        return None
    marker = line.strip()[: len(line.strip()) - len(content)].strip(" .()")
    if not marker or not marker[0].isalnum():
        return "bullet"
    if marker.isdigit():
        return "number"
    if re.fullmatch(r"[ivxlc]+", marker, re.I) and marker not in ("c", "C", "l", "L"):
        return "roman"
    return "letter"


def _entry(text: str) -> str:
    """A list entry as a title: "decisions by the PCC;" -> "decisions by the PCC"."""
    text = re.sub(r"[;,.:]?\s*(?:and|or)?\s*$", "", text.strip())
    return tidy(text)


def _name_generic(title: str, lead: str | None, item_title: str | None) -> tuple[str, str | None]:
    generic = _GENERIC.match(title)
    if generic and item_title:
        names = owner_names(generic.group("lead")) if generic.group("lead") else None
        kind = generic.group("kind").lower().rstrip("s")
        return f"{item_title} {kind}", lead or (names[0] if names else None)
    if len(title.split()) == 1 and item_title and not re.search(r"\d", title):
        return f"{capitalise(title)} ({item_title})", lead
    return title, lead
