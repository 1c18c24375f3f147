"""Tasks inside a resolution, in the subjunctive: "RESOLVED that … (b) the Chair contact the
University …", "(c) the Office of the PCC include Members in …", "… and that the Strategy be
developed into a three year plan", "(d) two training sessions are arranged". Resolutions that
only note, approve, agree or defer are decisions, not tasks."""

from __future__ import annotations

import re

from minutes.finders.base import Candidate, Section, cap, sentences
from minutes.finders.names import owners_in

NAME = "resolution"
_RESOLVED = re.compile(r"^(?:it was )?(?:resolved|agreed)\b[\s:,\-\u2013\u2014]*(?:that\b)?", re.I)
_LETTERED = re.compile(r"^\(?(?:[a-h]|[ivx]{1,4})\)")
_CLAUSE_SPLIT = re.compile(r"[;,]? +and +that +|; +|, +that +", re.I)
_DECISIONS = frozenset(
    [
        "noted", "approved", "agreed", "received", "confirmed", "accepted", "adopted", "endorsed",
        "deferred", "welcomed", "signed", "ratified", "considered", "supported", "thanked",
        "recorded", "made", "given", "held", "taken", "asked", "requested", "circulated", "updated",
        "reported", "presented", "discussed", "elected", "appointed", "co-opted", "re-elected",
        "nominated",
    ]
)
# Verbs a resolution directs someone to do, in the base form ("the Clerk write to …").
_TASK_VERBS = frozenset(
    [
        "add", "advise", "agree", "amend", "approach", "arrange", "ask", "attend", "book", "bring",
        "chase", "check", "circulate", "clarify", "compile", "complete", "confirm", "consider",
        "consult", "contact", "continue", "convene", "co-ordinate", "coordinate", "develop",
        "discuss", "draft", "email", "engage", "ensure", "establish", "explore", "feed", "finalise",
        "finalize", "follow", "include", "inform", "investigate", "invite", "issue", "keep", "lead",
        "liaise", "look", "make", "meet", "monitor", "notify", "obtain", "order", "organise",
        "organize", "prepare", "present", "produce", "progress", "provide", "publish", "pursue",
        "put", "raise", "refer", "remind", "remove", "report", "request", "respond", "review",
        "schedule", "seek", "send", "set", "share", "speak", "submit", "support", "take", "update",
        "write",
    ]
)
_MODAL_END = re.compile(r"\b(?:would|will|could|should|may|might|can|to|not|must)$")
_MAX_LETTERED_WORDS = 40
_DOER = re.compile(
    r"^(?:that +)?(?P<owner>(?:the +)?[A-Z][\w'\u2019-]*(?: +(?:[A-Z][\w'\u2019-]*|of|for|and"
    r"|the)){0,6}) +(?P<verb>[a-z]{3,}) +(?P<rest>.+)$"
)
# "the Head of Service be asked to report back": the doer asked, then the task.
_ASKED = re.compile(
    r"^(?:that +)?(?P<owner>(?:the +)?[A-Z][\w'\u2019-]*(?: +(?:[A-Z][\w'\u2019-]*|of|for|and"
    r"|the)){0,6}) +be +(?:asked|requested|instructed|authorised|authorized|invited) +to"
    r" +(?P<task>[a-z].+)$"
)
_PASSIVE = re.compile(
    r"^(?:that +)?(?P<subject>.{3,120}?) +(?:be|are|is to be|are to be)"
    r" +(?P<verb>[a-z]{3,}(?:ed|en))"
    r"\b(?P<rest>.*)$"
)


def find(section: Section) -> list[Candidate]:
    found: list[Candidate] = []
    in_resolution = False
    for index, block in enumerate(section.blocks):
        if block.kind == "heading":
            in_resolution = bool(_RESOLVED.match(block.text))
            continue
        if block.kind not in ("paragraph", "item"):
            continue
        text = section.plain(index)
        opening = _RESOLVED.match(text)
        lettered = block.kind == "item" and bool(_LETTERED.match(block.marker or ""))
        if opening:
            in_resolution = True
            text = text[opening.end() :]
        elif in_resolution and block.kind == "item":
            pass
        elif block.kind == "paragraph":
            in_resolution = False
            continue
        elif lettered and len(text.split()) <= _MAX_LETTERED_WORDS:
            text = (sentences(text) or [""])[0]
        else:
            continue
        for sentence in sentences(text)[:6]:
            for clause in _CLAUSE_SPLIT.split(sentence)[:8]:
                candidate = read_clause(clause.strip(" .;,\u2013-"), index)
                if candidate:
                    found.append(candidate)
    return found


def read_clause(clause: str, index: int) -> Candidate | None:
    clause = clause[:600]
    asked = _ASKED.match(clause)
    if asked and owners_in(asked.group("owner")):
        owners = owners_in(asked.group("owner")) or []
        return Candidate(cap(asked.group("task")), owners, None, clause, NAME,
                         {"resolution_task", "owner"}, index)
    doer = _DOER.match(clause)
    if doer:
        verb = doer.group("verb")
        owners = owners_in(doer.group("owner"))
        if (
            owners
            and verb in _TASK_VERBS
            and not doer.group("owner").endswith(("'s", "\u2019s"))
        ):
            return Candidate(cap(verb + " " + doer.group("rest")), owners, None, clause, NAME,
                             {"resolution_task", "owner"}, index)
    passive = _PASSIVE.match(clause)
    if (
        passive
        and passive.group("verb") not in _DECISIONS
        and not _MODAL_END.search(passive.group("subject"))
    ):
        text = passive.group("subject") + " to be " + passive.group("verb") + passive.group("rest")
        return Candidate(cap(text), [], None, clause, NAME, {"resolution_task"}, index)
    return None
