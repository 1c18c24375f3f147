"""Actions reviewed from the last meeting, whose status is only in the wording: items or
sentences under "Matters arising" / "Outstanding actions" / "Actions from the last meeting"
("A query to the insurer had been answered", "Cllr X not yet obtained a valuation"), and
action codes anywhere ("CS04 – this action had been completed", "… (Action 2/19/JP) and this
action would be closed")."""

from __future__ import annotations

import re

from minutes.finders.base import Candidate, Section, cap, sentences, wording_status
from minutes.finders.names import owners_in

NAME = "review"
_CODE_LEAD = re.compile(r"^(?P<key>[A-Z]{2,6}\d{1,4}[a-z]?) *[\-\u2013\u2014:] *(?P<rest>.+)$")
_CODE_REF = re.compile(r"\((?:action|ref\.?) *(?P<key>[\w/]{2,20})\)", re.I)
_TOPIC = re.compile(r"^(?P<topic>[^.\-\u2013\u2014]{2,60}?) +[\-\u2013\u2014] +(?P<rest>.+)$")
_POINTER = re.compile(r"\b(?:on|see) (?:the )?agenda\b|\bat item\b|\bsee item\b|\bagenda item\b",
                      re.I)
_OWNER_START = re.compile(
    r"^(?P<owner>(?:Cllr|Councillor|Mr|Mrs|Ms|Dr)\.? +[A-Z][\w'\u2019-]+|[A-Z]{2,4}) +(?=[a-z])"
)


def find(section: Section) -> list[Candidate]:
    found: list[Candidate] = []
    for index, block in enumerate(section.blocks):
        if block.kind not in ("paragraph", "item"):
            continue
        text = section.plain(index)
        code = _CODE_LEAD.match(text)
        if code:
            candidate = _reviewed(code.group("rest"), index, code.group("key"), {"code"})
            if candidate:
                candidate.text = cap(code.group("key") + " \u2013 " + candidate.text)
                found.append(_quoted(candidate, block.text))
            continue
        ref = _CODE_REF.search(text[:2000])
        if ref:
            candidate = _reviewed(text, index, ref.group("key"), {"code"}, referenced=True)
            if candidate:
                found.append(_quoted(candidate, block.text))
            continue
        if section.context(index) == "review":
            for sentence in _first_sentences(text, block.kind):
                candidate = _reviewed(sentence, index, None, {"review_heading"})
                if candidate:
                    found.append(_quoted(candidate, block.text))
    return found


def _first_sentences(text: str, kind: str) -> list[str]:
    parts = sentences(text)
    return parts[:3] if kind == "item" else parts[:6]


def _quoted(candidate: Candidate, quote: str) -> Candidate:
    candidate.quote = quote
    return candidate


def _reviewed(sentence: str, index: int, key: str | None, cues: set[str],
              referenced: bool = False) -> Candidate | None:
    """A reviewed action in ``sentence``; ``referenced`` when it cites an action code, which
    makes it an action even when the wording gives no status (then it is still open)."""
    if _POINTER.search(sentence[:300]):
        return None
    status = wording_status(sentence)
    if status is None and not referenced:
        return None
    text = sentence
    topic = _TOPIC.match(text)
    owners: list[str] = []
    if topic:
        text = topic.group("rest") if len(topic.group("topic").split()) <= 6 else text
    owner = _OWNER_START.match(text)
    if owner and owners_in(owner.group("owner")):
        owners = [owner.group("owner")]
    cues = cues | {"status_wording"} | ({"owner"} if owners else set())
    return Candidate(cap(sentence), owners, status, "", NAME, cues, index, key)
