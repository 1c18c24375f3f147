"""Forward-plan finders: each reads one way minutes put an item on a future meeting's agenda and
proposes candidates with their evidence; ``minutes.plan`` decides which to keep.

A sentence finder takes (sentence, agenda item title) and returns a ``PlanCandidate`` or None.
The meeting is a month ("March", "March 2024", "the Panel's meeting in December") or the next
meeting ("the next meeting", "next plenum", "the next meeting on 3 November 2017"). Adding a new
phrasing means adding one finder here and its tests, nothing else.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from minutes.owners import owner_names
from minutes.text import capitalise
from minutes.when import MONTH_REF, MONTHS, WrittenDate, find_dates


@dataclass(frozen=True)
class When:
    """The meeting an item is planned for: a month (year optional) or the next meeting."""

    month: int | None = None  # None: the next meeting
    year: int | None = None
    day: WrittenDate | None = None  # "the next meeting on 3 November 2017"
    text: str = ""
    start: int = 0
    end: int = 0

    @property
    def is_next(self) -> bool:
        return self.month is None


@dataclass(frozen=True)
class PlanCandidate:
    title: str | None  # None: the item's own title is not known (warned)
    when: When
    lead: str | None
    quote: str
    finder: str
    # Cues the decision weighs: "verb" (a planning verb), "meeting" (a meeting word next to
    # the month), "list" (an entry under a lead-in), "item-title" (named after the agenda item),
    # "action" (an action's task), "vague" (a pronoun or a generic word as the subject).
    evidence: frozenset[str] = frozenset()


MEETING_WORDS = frozenset(
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
        "plenum",
        "group",
        "council",
        "session",
    ]
)
_NEXT_REF = re.compile(
    r"\b(?:the\s+|our\s+|its\s+|an?\s+)?(?:next|subsequent|following)\s+"
    r"(?:[\w&'\u2019-]+\s+){0,2}?"
    r"(?:meeting|plenum|board|committee|session|panel|forum)\b",
    re.I,
)
_ON_DATE = re.compile(r"(?:\s+of\s+the\s+[\w ]{1,40}?)?,?\s+(?:on|in)\s+", re.I)
_POSTPONED = re.compile(
    r"\b(?:postponed|deferred|defer|carried (?:forward|over)|moved|rescheduled|pushed back"
    r"|held over|deferred until)\b",
    re.I,
)
_CARRY_ITEM = re.compile(
    r"\b(?:carry|carried|defer|deferred|move|moved) +(?:this +|the +)?item +(?:forward|over)?",
    re.I,
)
_ADD = re.compile(r"^(?:to +)?add +", re.I)
_PLAN_WITH = re.compile(r"\bforward plan +with +", re.I)
_REQUESTED = re.compile(r"\brequested +", re.I)
_PRESENTED = re.compile(
    r" +(?:to|would|will|should|shall|could|is to|are to)\s+(?:be\s+)?(?:brought\s+back|reported"
    r"|presented|brought|taken|considered|discussed|tabled|updated|submitted|circulated|reviewed"
    r"|come back|return|revisited)\b",
    re.I,
)
_BRING_BACK = re.compile(
    r"\bbring\s+(?:back\s+|forward\s+)?(?=\S)|\b(?:report|come|feed)\s+back\s+", re.I
)
_FOR_NEXT = re.compile(
    r"\b(?:for|at|to|by|prior to|before|ahead of|in time for)\s+"
    r"(?=(?:the\s+|our\s+|an?\s+)?(?:next|subsequent|following)\b)",
    re.I,
)
_KEPT_ON_AGENDA = re.compile(
    r"\b(?:will|would|is to|to)\s+(?:be\s+kept|remain|stay)\s+on\s+the\s+agenda\b", re.I
)
_NEXT_AGENDA = re.compile(
    r"^\W*(?:(?:next|future)\s+agenda\s+items?|items?\s+for\s+(?:the\s+)?next\s+agenda"
    r"|for\s+(?:the\s+)?next\s+agenda)\s*(?::|\u2013|\u2014|-)\s*",
    re.I,
)
_DECIDED_NEXT = re.compile(
    r"\b(?P<verb>vote|decide|decision|approve|approval|sign[- ]off|review)"
    r"(?:\s+(?:on\s+)?(?:it|them|this|these|the\s+proposals?))?\s+"
    r"(?:by|at|ahead\s+of|before|prior\s+to|in\s+time\s+for)\s+(?:the\s+)?next\s+"
    r"(?:time|meeting|month)\b",
    re.I,
)
_UPDATE_NEXT = re.compile(
    r"\b(?:to|will|would|can|could|shall)\s+(?:give\s+an\s+|provide\s+an\s+)?update\s+"
    r"(?:at\s+|to\s+|for\s+)?(?=(?:the\s+)?next\b)",
    re.I,
)
_AN_ACTION = re.compile(r"(?:this|that|the|these|those)\s+actions?", re.I)
_DECISION_NOUN = {"decide": "decision", "approve": "approval", "sign off": "sign-off"}
_MEETING_INCLUDES = re.compile(
    r"\bmeeting\s+in\s+(?P<month>"
    + "|".join(m for m in MONTHS if len(m) > 3 and m[0].isupper() and not m.isupper())
    + r")\s+(?:will\s+)?(?:includes?|to\s+include|will\s+consider|receives?|considers?)\s+",
)
_LED_BY = re.compile(r"\b(?:led|presented) by +(?P<lead>[^,.;()]{2,60})", re.I)
_REPLACING = re.compile(r" +(?:replacing|instead of|in place of) +", re.I)
_TASK_START = re.compile(
    r"^(?:[A-Z][\w.'\u2019/& -]{0,40}?\s*(?::|\u2013|-|\u2014)\s*)?(?:to\s+)?", re.I
)
_AUXILIARIES = frozenset(
    ["to", "be", "is", "are", "was", "were", "has", "have", "been", "being"]
    + ["should", "will", "would", "could", "shall", "can"]
)
_CONNECTORS = frozenset(["to", "the", "on", "for", "at", "in", "onto", "into", "of", "next"])
_PHRASE_LOWER = frozenset(
    ["and", "of", "for", "on", "in", "update", "updates", "report", "review", "presentation"]
    + ["plan", "strategy", "item", "paper", "briefing", "profile"]
)
_DETERMINERS = frozenset(["the", "a", "an", "this", "that", "these", "those"])
# Subjects that name nothing by themselves: the agenda item (or a code before a dash) does.
_VAGUE = re.compile(
    r"^(?:(?:the\s+)?(?P<kind>results?|outcomes?|details?|findings?|progress)\s+of\s+)?"
    r"(?:it|this|that|these|those|them|it all|an? update|updates?"
    r"|(?:(?:the|this|that)\s+)?(?:item|matter|report|issue|proposal|paper|action|point))$",
    re.I,
)


def month_ref(text: str, start: int = 0) -> When | None:
    found = MONTH_REF.search(text, start)
    return _month_when(found) if found else None


def _month_when(found: re.Match) -> When:
    year = int(found.group("year")) if found.group("year") else None
    return When(MONTHS[found.group("month")], year, None, found.group(0), *found.span())


def next_ref(text: str, start: int = 0) -> When | None:
    """ "the next meeting", "next plenum", "the next meeting on 3 November 2017"."""
    found = _NEXT_REF.search(text, start)
    if not found:
        return None
    day = None
    on = _ON_DATE.match(text, found.end())
    if on:
        dates = find_dates(text[on.end() : on.end() + 40])
        day = dates[0] if dates and dates[0].start == 0 else None
    return When(None, None, day, found.group(0), *found.span())


def meeting_ref(text: str, start: int = 0) -> When | None:
    """A month naming a meeting (a meeting word after it or just before it), or the next
    meeting, whichever comes first."""
    month = None
    for found in MONTH_REF.finditer(text, start):
        after = text[found.end() :].split()[:2]
        before = text[: found.start()].split()[-3:]
        if any(w.lower().strip(".,:;") in MEETING_WORDS for w in after) or any(
            w.lower().strip("'\u2019s") in MEETING_WORDS for w in before
        ):
            month = _month_when(found)
            break
    nxt = next_ref(text, start)
    if month and nxt:
        return month if month.start < nxt.start else nxt
    return month or nxt


def any_ref(text: str, start: int = 0) -> When | None:
    """Any month, or the next meeting, whichever comes first."""
    month, nxt = month_ref(text, start), next_ref(text, start)
    if month and nxt:
        return month if month.start < nxt.start else nxt
    return month or nxt


def trim_object(text: str) -> str:
    """ "update from Katie Jones on forward plan for" -> "update from Katie Jones"."""
    tokens = text.split()
    while tokens:
        last = tokens[-1].lower().strip(",")
        if last in _CONNECTORS:
            tokens.pop()
        elif [t.lower() for t in tokens[-2:]] == ["forward", "plan"]:
            del tokens[-2:]
        elif last in MEETING_WORDS and len(tokens) > 1 and tokens[-2].lower() in _CONNECTORS:
            tokens.pop()
        else:
            break
    while tokens and tokens[0].lower() in _DETERMINERS:
        tokens.pop(0)
    return " ".join(tokens).strip(" ,;:-\u2013")


def noun_phrase_before(text: str) -> str:
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


_CLAUSE_BREAK = re.compile(
    r"(?i:[,;:(]|\s[\u2013\u2014-]\s|\bthat\b|\band\b(?=\s+(?:the|this|it)\b))"
)


def _subject(text: str) -> str:
    """The subject of a clause: the words after the last comma, dash or "and" of ``text``,
    without leading "that", determiners or a list letter."""
    text = _CLAUSE_BREAK.split(text)[-1]
    text = re.sub(r"^\s*(?:\(?[a-z]{1,3}\)|\d+[.)])\s*", "", text)
    return " ".join(text.split())


def _named(subject: str, sentence: str, item_title: str | None) -> tuple[str | None, set[str]]:
    """A title for a subject; a vague one ("it", "this item", "the results of these") is named
    after the code written before a dash ("HSP12 - this would ..."), the subject of the clause
    before it ("Interviews were held ... and the results of these ..."), or the agenda item."""
    words = subject.split()
    while words and words[-1].lower() in _AUXILIARIES:
        words.pop()
    subject = " ".join(words)
    vague = _VAGUE.match(subject) if subject else None
    if subject and not vague and len(words) <= 12:
        return trim_object(subject), set()
    code = re.match(r"^\s*([A-Z]{1,6}[\d.]+[A-Z\d]*)\s*[\u2013\u2014:-]", sentence)
    if code:
        return f"Update on {code.group(1)}", {"item-title"}
    kind = vague.group("kind") if vague else None
    antecedent = _antecedent(sentence, subject) if subject else None
    if kind and antecedent:
        return f"{capitalise(kind)} of the {antecedent}", {"antecedent"}
    if item_title:
        return item_title, {"item-title", "vague"}
    return antecedent, {"antecedent", "vague"}


def _antecedent(sentence: str, subject: str) -> str | None:
    """The subject of the clause before ``subject``: "Interviews" in "Interviews were taking
    place on 15 December and the results of these would be reported"."""
    before = sentence[: sentence.find(subject)] if subject in sentence else ""
    words = before.split()
    for index, word in enumerate(words[:8]):
        if word.lower() in _AUXILIARIES or (index and word.lower().endswith("ed")):
            phrase = trim_object(" ".join(words[:index]))
            return phrase.lower() if phrase and len(phrase.split()) <= 6 else None
    return None


def lead_after(sentence: str, start: int) -> str | None:
    found = _LED_BY.search(sentence, start)
    names = owner_names(found.group("lead")) if found else None
    return names[0] if names else None


SentenceFinder = Callable[[str, "str | None"], "PlanCandidate | None"]


def postponed(sentence: str, item_title: str | None) -> PlanCandidate | None:
    """ "X postponed / deferred / carried forward to March 2022 board", "this item be deferred
    to the next meeting", "Carry item forward to December 2021"."""
    carry = _CARRY_ITEM.search(sentence)
    if carry:
        ref = any_ref(sentence, carry.end())
        if ref:
            return PlanCandidate(
                item_title, ref, None, sentence, "postponed", frozenset({"verb", "item-title"})
            )
        return None
    verb = _POSTPONED.search(sentence)
    ref = any_ref(sentence, verb.end()) if verb else None
    if not ref or ref.start - verb.end() > 40:
        return None
    words = sentence[verb.end() : ref.start].split()
    while words and words[-1].lower() in _CONNECTORS | {"until", "till"}:
        words.pop()
    obj = " ".join(words)
    if re.match(r"(?:by|due|because|owing|as|at|from|with)\b", obj, re.I):
        obj = ""
    title = "" if obj else noun_phrase_before(sentence[: verb.start()])
    evidence = {"verb"}
    if obj and len(obj.split()) <= 10:
        title, extra = _named(obj, sentence, item_title)
        evidence |= extra
    elif not title or _VAGUE.match(title):
        title, extra = _named(_subject(sentence[: verb.start()]), sentence, item_title)
        evidence |= extra
    return PlanCandidate(title, ref, None, sentence, "postponed", frozenset(evidence))


def added(sentence: str, item_title: str | None) -> PlanCandidate | None:
    """ "add X to March CSP", "add X on forward plan for the next meeting"."""
    start = _ADD.match(sentence)
    ref = meeting_ref(sentence) if start else None
    if not ref or ref.start < start.end():
        return None
    title = trim_object(sentence[start.end() : ref.start])
    return PlanCandidate(
        title or None, ref, lead_after(sentence, ref.end), sentence, "added", frozenset({"verb"})
    )


def plan_with(sentence: str, item_title: str | None) -> PlanCandidate | None:
    """ "update the forward plan with X (replacing Y) for March 2024"."""
    start = _PLAN_WITH.search(sentence)
    ref = any_ref(sentence, start.end()) if start else None
    if not ref:
        return None
    obj = sentence[start.end() : ref.start]
    replacing = _REPLACING.search(obj)
    title = trim_object(obj[: replacing.start()] if replacing else obj)
    if not title:
        return None
    return PlanCandidate(
        title, ref, lead_after(sentence, ref.end), sentence, "plan_with", frozenset({"verb"})
    )


def requested(sentence: str, item_title: str | None) -> PlanCandidate | None:
    """ "requested X at the March 2024 CSP"."""
    start = _REQUESTED.search(sentence)
    ref = meeting_ref(sentence, start.end()) if start else None
    if not ref:
        return None
    title = trim_object(sentence[start.end() : ref.start])
    if not title:
        return None
    return PlanCandidate(
        title, ref, lead_after(sentence, ref.end), sentence, "requested", frozenset({"verb"})
    )


def reported_back(sentence: str, item_title: str | None) -> PlanCandidate | None:
    """ "X to be presented to the CSP board in March 2024", "the results would be reported to
    the next meeting of the Board", "HSP12 - this would be updated at the next meeting"."""
    verb = _PRESENTED.search(sentence)
    ref = meeting_ref(sentence, verb.end()) if verb else None
    if not ref or ref.start - verb.end() > 60:
        return None
    title, evidence = _named(_subject(sentence[: verb.start()]), sentence, item_title)
    if not title:
        return None
    return PlanCandidate(
        title,
        ref,
        lead_after(sentence, ref.end),
        sentence,
        "reported_back",
        frozenset({"verb", *evidence}),
    )


def bring_back(sentence: str, item_title: str | None) -> PlanCandidate | None:
    """ "bring back X to the December meeting", "report back to the March meeting on X"."""
    verb = _BRING_BACK.search(sentence)
    ref = meeting_ref(sentence, verb.end()) if verb else None
    if not ref:
        return None
    obj = sentence[verb.end() : ref.start]
    cut = obj.find(" to ")
    title = trim_object(obj[:cut] if cut > 0 else obj)
    evidence = {"verb"}
    if not title or title.lower() in ("back", "to", "on"):
        rest = sentence[ref.end :]
        rest = trim_object(
            re.sub(r"^\W*(?:[a-z]+\s+)?(?:on|about|regarding)\s+", "", rest, flags=re.I)
        )
        title = rest if 0 < len(rest.split()) <= 10 else None
        if title is None:
            title, extra = _named("", sentence, item_title)
            evidence |= extra
    return PlanCandidate(
        title, ref, lead_after(sentence, ref.end), sentence, "bring_back", frozenset(evidence)
    )


def for_next_meeting(sentence: str, item_title: str | None) -> PlanCandidate | None:
    """A task done for the next meeting: "SK - to clarify the performance data for the next
    meeting", "seek comment for next plenum", "report findings prior to next plenum"."""
    lead = _FOR_NEXT.search(sentence)
    ref = next_ref(sentence, lead.end()) if lead else None
    if not ref or ref.start != lead.end():
        return None
    clause = re.split(r"\.\s|\bwith the idea of\b|\bwith a view to\b", sentence[: lead.start()])
    task = clause[-1]
    task = _TASK_START.sub("", task.strip(), count=1)
    task = trim_object(task)
    if not task or len(task.split()) > 14:
        return None
    return PlanCandidate(
        capitalise(task), ref, None, sentence, "for_next_meeting", frozenset({"action"})
    )


def kept_on_agenda(sentence: str, item_title: str | None) -> PlanCandidate | None:
    """ "This item will be kept on the agenda until the report is ready"; not "this action will
    remain on the agenda" - an open action stays on the action log, not the forward plan."""
    found = _KEPT_ON_AGENDA.search(sentence)
    if not found or not item_title:
        return None
    subject = _subject(sentence[: found.start()])
    if _AN_ACTION.fullmatch(subject.strip()):
        return None
    title, evidence = _named(subject, sentence, item_title)
    return PlanCandidate(
        title,
        When(text="the next meeting"),
        None,
        sentence,
        "kept_on_agenda",
        frozenset({"verb", *evidence}),
    )


def next_agenda(sentence: str, item_title: str | None) -> PlanCandidate | None:
    """ "Next agenda item - possible purchase of mower", "Items for next agenda: X"."""
    found = _NEXT_AGENDA.search(sentence)
    if not found:
        return None
    title = trim_object(re.split(r"[;.]\s", sentence[found.end() :])[0])
    if not title or len(title.split()) > 16:
        return None
    return PlanCandidate(
        capitalise(title),
        When(text=found.group(0)),
        None,
        sentence,
        "next_agenda",
        frozenset({"meeting"}),
    )


def meeting_includes(sentence: str, item_title: str | None) -> PlanCandidate | None:
    """ "the Panel's meeting in December includes a report on the Budget"."""
    found = _MEETING_INCLUDES.search(sentence)
    if not found:
        return None
    title = trim_object(re.split(r"[;.]", sentence[found.end() :])[0])
    if not title or len(title.split()) > 16:
        return None
    ref = When(MONTHS[found.group("month")], None, None, found.group("month"), *found.span())
    return PlanCandidate(
        capitalise(title), ref, None, sentence, "meeting_includes", frozenset({"verb", "meeting"})
    )


def decided_next_time(sentence: str, item_title: str | None) -> PlanCandidate | None:
    """The item itself comes back to be settled: "so that we can vote by next time", "need
    input from the board, review ahead of next month". Named after the agenda item."""
    found = _DECIDED_NEXT.search(sentence)
    if not found or not item_title:
        return None
    verb = " ".join(found.group("verb").lower().replace("-", " ").split())
    return PlanCandidate(
        f"{item_title} - {_DECISION_NOUN.get(verb, verb)}",
        When(text=found.group(0)),
        None,
        sentence,
        "decided_next_time",
        frozenset({"item-title"}),
    )


def update_next_meeting(sentence: str, item_title: str | None) -> PlanCandidate | None:
    """Someone is to update the agenda item at the next meeting: "ACTION: RT to update next
    meeting", "so can update at the next meeting". Named after the agenda item."""
    found = _UPDATE_NEXT.search(sentence)
    ref = next_ref(sentence, found.end()) if found else None
    if not ref or ref.start != found.end() or not item_title:
        return None
    return PlanCandidate(
        f"{item_title} update",
        ref,
        None,
        sentence,
        "update_next_meeting",
        frozenset({"item-title"}),
    )


SENTENCE_FINDERS: tuple[SentenceFinder, ...] = (
    postponed,
    added,
    plan_with,
    requested,
    reported_back,
    bring_back,
    meeting_includes,
    next_agenda,
    kept_on_agenda,
    for_next_meeting,
    decided_next_time,
    update_next_meeting,
)
