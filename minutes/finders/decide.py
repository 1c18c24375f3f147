"""The one place that decides which candidates are actions, and merges the same action
proposed twice (prose and closing list, review table and "new actions" table).

A candidate's score is the sum of the weights of its evidence (its finder's cues plus what the
decision sees itself: heading context, decision or apology wording, a question, a very short
text). It is kept when the score reaches ``THRESHOLD``; its confidence is the logistic of the
score's distance from the threshold, so a kept candidate has confidence of at least 0.5.
The weights are set by hand from the kinds of evidence, not learned from documents.
"""

from __future__ import annotations

import math
import re

from minutes.finders.base import DONE, LEAD_STATUS, OPEN, Candidate, Section

THRESHOLD = 2.5
WEIGHTS = {
    "marker": 3.0,
    "tag": 3.0,
    "trailing_owner": 2.0,
    "table": 3.0,
    "checkbox": 3.0,
    "action_heading": 2.5,
    "code": 2.5,
    "commitment_strong": 2.5,
    "resolution_task": 2.5,
    "commitment": 2.0,
    "commitment_will": 1.5,
    "review_heading": 2.0,
    "status_wording": 0.5,
    "owner": 0.5,
    "in_action_section": 1.0,
    "in_review_section": 0.5,
    "decision": -4.0,
    "apologies": -4.0,
    "agenda": -1.0,
    "question": -1.5,
    "too_short": -3.0,
    "blank_form": -6.0,
    "nil": -10.0,
}
# Finders in order of how formally they state an action: the more formal statement survives
# a merge.
FORMALITY = {"table": 5, "action_list": 4, "marker": 3, "checkbox": 3, "resolution": 3,
             "review": 2, "commitment": 1}
_DECISION = re.compile(
    r"\bbe (?:noted|approved|agreed|received|confirmed|accepted|adopted|endorsed|ratified|signed"
    r"|deferred)\b|\b(?:were|was) (?:approved|agreed|accepted|confirmed|signed)\b"
    r"|\bas a (?:true|correct|accurate) record\b",
    re.I,
)
# "That the Partnership agreed …": a resolution's wording, a decision.
_RESOLUTION = re.compile(r"^that\b", re.I)
# Explicitly marked candidates: the decision cues read from headings do not overrule them.
_MARKED = frozenset(["marker", "table", "checkbox"])
_APOLOGIES = re.compile(r"\b(?:apologies|apologised|attendance|declarations? of interest)\b", re.I)
_AGENDA = re.compile(r"^(?:agenda|items? for (?:the )?agenda)\b", re.I)
_WORD = re.compile(r"[a-z0-9]+")
_PROBES = 6  # words of a candidate looked up among kept actions
_RECENT = 30  # kept actions compared per shared word: duplicates sit within a document's reach
_STOP = frozenset([
    "to", "the", "a", "an", "and", "of", "on", "in", "for", "with", "be", "is", "this", "that",
    "at", "by", "will", "would",
])


# A run of dots or rules left to write on ("Signed ………… Date ……"): a form, not a task.
_FORM_BLANK = re.compile(r"(?:\u2026|\.|_){5,}")


def evidence(candidate: Candidate, section: Section) -> set[str]:
    """The candidate's cues plus what its text and place say."""
    cues = set(candidate.cues)
    context = section.context(candidate.block) if candidate.block < len(section.blocks) else ""
    if context == "action" and "action_heading" not in cues:
        cues.add("in_action_section")
    if context == "review" and "review_heading" not in cues:
        cues.add("in_review_section")
    text = candidate.text
    # Text written after an explicit marker, or in an action table or checklist, is an action
    # whatever its wording; a tag's task is read from prose, so the prose's wording counts.
    marked = bool(cues & _MARKED) and "tag" not in cues
    if (
        _RESOLUTION.match(text)
        or _RESOLUTION.match(candidate.quote.lstrip(" *_"))
        or (not marked and _DECISION.search(text[:400]))
    ):
        cues.add("decision")
    headings = section.headings[candidate.block] if candidate.block < len(section.headings) else ()
    if not marked and any(_APOLOGIES.search(h[:80]) for h in headings if h):
        cues.add("apologies")
    if _APOLOGIES.match(text):
        cues.add("apologies")
    if any(_AGENDA.match(h) for h in headings if h):
        cues.add("agenda")
    if text.rstrip().endswith("?"):
        cues.add("question")
    if not re.search(r"[a-z]{2}", text.lower()):
        cues.add("too_short")
    if _FORM_BLANK.search(text):
        cues.add("blank_form")
    return cues


def score(cues: set[str]) -> float:
    return sum(WEIGHTS.get(cue, 0.0) for cue in cues)


def confidence(value: float) -> float:
    return round(1 / (1 + math.exp(-(value - THRESHOLD + 1.0))), 2)


def _tokens(text: str) -> set[str]:
    return {w for w in _WORD.findall(text.lower()) if w not in _STOP}


def _similar(a: Candidate, b: Candidate, ta: set[str], tb: set[str]) -> bool:
    """The same action stated twice: the same number with much the same words, or nearly
    all the words of the shorter statement with owners that agree."""
    if not ta or not tb:
        return False
    contain = len(ta & tb) / min(len(ta), len(tb))
    if a.key and b.key and a.key == b.key:
        return contain >= 0.5
    return contain >= 0.8 and _owners_agree(a.owners, b.owners)


def _owners_agree(first: list[str], second: list[str]) -> bool:
    if not first or not second:
        return True
    for x in first:
        for y in second:
            xl, yl = x.lower(), y.lower()
            if xl == yl or xl.split()[0] == yl.split()[0] or "all" in (xl, yl):
                return True
    return False


def _merge(kept: Candidate, other: Candidate) -> Candidate:
    """One action from two statements of it: the more formal one's wording; the later one's
    status and owners when it states them."""
    first, later = (kept, other) if kept.order <= other.order else (other, kept)
    formal = max((first, later), key=lambda c: (FORMALITY.get(c.finder, 0), c.order))
    merged = Candidate(
        formal.text,
        later.owners or first.owners,
        later.status or first.status,
        formal.quote,
        formal.finder,
        first.cues | later.cues,
        formal.block,
        formal.key or first.key or later.key,
        formal.agenda_item,
        first.order,
    )
    merged.score = max(first.score, later.score)
    return merged


def decide(scored: list[tuple[Candidate, float]]) -> list[tuple[Candidate, float]]:
    """The kept candidates, merged, in document order, each with its score. A candidate is
    compared only with kept ones that share a word or its key, so this stays near linear."""
    kept: list[Candidate] = []
    words_of: list[set[str]] = []
    by_word: dict[str, list[int]] = {}
    for candidate, value in sorted(scored, key=lambda pair: pair[0].order):
        if value < THRESHOLD:
            continue
        candidate.score = value
        words = _tokens(candidate.text)
        # Its longest words are the rarest: a duplicate shares at least one of them.
        probes = sorted(words, key=len, reverse=True)[:_PROBES]
        others = {i for w in probes for i in by_word.get(w, ())[-_RECENT:]}
        others.update(by_word.get("#" + (candidate.key or ""), ())[-_RECENT:])
        position = next(
            (i for i in sorted(others) if _similar(kept[i], candidate, words_of[i], words)),
            None,
        )
        if position is None:
            position = len(kept)
            kept.append(candidate)
            words_of.append(words)
        else:
            kept[position] = _merge(kept[position], candidate)
            words_of[position] = _tokens(kept[position].text)
        for word in {*words, "#" + (candidate.key or "")}:
            by_word.setdefault(word, []).append(position)
    return [(c, c.score) for c in kept]


def default_status(candidate: Candidate, lead: str) -> str:
    """The status a candidate states, else the one its lead-in gives, else open."""
    if candidate.status:
        return candidate.status
    found = LEAD_STATUS.search(lead[:400])
    if found and found.group("word").lower() in ("completed", "complete", "closed", "discharged"):
        return DONE
    return OPEN
