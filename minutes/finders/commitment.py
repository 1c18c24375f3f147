"""Unmarked commitments by a named person or role: "X agreed to …", "The Chairman undertook
to …", "Priya will run point …", "CG said that she will create …", "SK – to clarify …",
"All partners were urged to …", and a lettered resolution naming who acts: "(b) the Chair
contact …". Passive or hypothetical wording ("will be", "would like") is not a commitment."""

from __future__ import annotations

import re

from minutes.finders.base import NOT_A_TASK, Candidate, Section, cap
from minutes.finders.names import owners_in

NAME = "commitment"
_OWNER = (
    r"(?P<owner>All [a-z]+(?: [a-z]+)?"
    r"|(?:[Tt]he |All )?[A-Z][\w'\u2019.-]*(?: (?:[A-Z][\w'\u2019.-]*|of|for|and|&|the)){0,6}"
    r"|[A-Z]{2,4}(?: *[/&] *[A-Z]{2,4}){0,3})"
)
_STRONG = re.compile(
    rf"^{_OWNER} +(?:had |has |have )?(?:agreed|undertook|offered|volunteered|promised"
    rf"|(?:was|were) (?:asked|urged|tasked|requested)) +to +{NOT_A_TASK}(?P<task>[a-z].+)$"
)
_AGREED_THAT = re.compile(
    rf"^(?:it was )?(?:agreed|resolved|decided) +that +{_OWNER} +(?:would|will|should|shall)"
    rf" +{NOT_A_TASK}(?P<task>[a-z].+)$",
    re.I,
)
_WILL = re.compile(rf"^{_OWNER} +(?:will|would|is to|are to|shall) +{NOT_A_TASK}(?P<task>[a-z].+)$")
_DASH_TO = re.compile(rf"^{_OWNER} *[\-\u2013\u2014] *to +(?P<task>[a-z].+)$")
_REPORTED = re.compile(
    rf"^{_OWNER} +(?:said|reported|noted|confirmed|advised|indicated|stated|replied|explained)"
    rf"(?: that)? +(?:he|she|they|it) +(?:will|would) +{NOT_A_TASK}(?P<task>[a-z].+)$"
)
# Words without which no pattern here can match: a cheap test before the sentence patterns.
_CUE = re.compile(
    r"\b(?:will|would|shall|agreed|undertook|offered|volunteered|promised|asked|urged|tasked"
    r"|requested|is to|are to)\b|[\-\u2013\u2014] *to ",
)
_CLAUSE = re.compile(r"(?:,| and| but) +(?=(?:[Tt]he |All )?[A-Z])")
_LEAD = re.compile(r"^(?:\(?[a-z0-9ivx]{1,4}[.)] +|that +|and +)", re.I)


def find(section: Section) -> list[Candidate]:
    found: list[Candidate] = []
    for index, block in enumerate(section.blocks):
        if block.kind not in ("paragraph", "item"):
            continue
        if not _CUE.search(section.plain(index)):
            continue
        for sentence in section.sentences(index)[:40]:
            for clause in _clauses(sentence):
                candidate = read_sentence(clause, index)
                if candidate:
                    candidate.quote = clause
                    found.append(candidate)
                    break
    return found


def _clauses(sentence: str) -> list[str]:
    """The sentence, then what follows each ", " / " and " in it (a commitment may open a
    clause: "AM asked which … and CG said that she will create …")."""
    out = [sentence]
    for found in _CLAUSE.finditer(sentence[:600]):
        out.append(sentence[found.end() :])
        if len(out) > 6:
            break
    return out


def read_sentence(sentence: str, index: int) -> Candidate | None:
    sentence = _LEAD.sub("", sentence.strip())[:600]
    for pattern, cue in ((_STRONG, "commitment_strong"), (_AGREED_THAT, "commitment_strong"),
                         (_REPORTED, "commitment"),
                         (_DASH_TO, "commitment"), (_WILL, "commitment_will")):
        found = pattern.match(sentence)
        if not found:
            continue
        owners = owners_in(found.group("owner"))
        if not owners:
            return None
        task = found.group("task")
        return Candidate(cap(task), owners, None, sentence, NAME, {cue, "owner"}, index)
    return None
