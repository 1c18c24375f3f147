"""Markdown task lists: "- [ ] (Eric) Email out …", "* [x] Sophia: set up a meeting"; a ticked
box or struck text means completed. Items nested under a task are its progress notes."""

from __future__ import annotations

import re

from minutes.finders.base import DONE, OPEN, Candidate, Section, cap, tail_status
from minutes.finders.names import owners_in
from minutes.owners import split_owner

NAME = "checkbox"
_PAREN_OWNER = re.compile(r"^\(([^()]{1,80})\)\s*(.+)$")
_COLON_OWNER = re.compile(r"^([^:]{1,60}):\s+(.+)$")


def find(section: Section) -> list[Candidate]:
    found: list[Candidate] = []
    for index, block in enumerate(section.blocks):
        if block.kind != "item" or block.marker not in ("[ ]", "[x]"):
            continue
        text = section.plain(index)
        text, tail = tail_status(text)
        owners: list[str] = []
        for pattern in (_PAREN_OWNER, _COLON_OWNER):
            match = pattern.match(text)
            if match and owners_in(match.group(1)):
                owners, text = owners_in(match.group(1)) or [], match.group(2)
                break
        else:
            owners, text = split_owner(text)
        ticked = block.marker == "[x]" or block.struck
        status = DONE if ticked else (tail or OPEN)
        cues = {"checkbox"} | ({"owner"} if owners else set())
        found.append(Candidate(cap(text), owners, status, block.text, NAME, cues, index))
    return found
