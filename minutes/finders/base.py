"""What every finder shares: the section it reads, the candidate it proposes, and the small
readings of wording (status, heading kinds, sentences) that more than one finder needs."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from minutes.document import Block
from minutes.text_blocks import is_tag_line

DONE, OPEN = "completed", "open"
MAX_TEXT_CHARS = 1000

# After "will" / "would" / "agreed to": words that make it no commitment ("will be", "would
# like", "will need"), as a lookahead for the patterns that read commitments.
NOT_A_TASK = (
    r"(?!be\b|have\b|like\b|need\b|not\b|also be\b|probably\b|then\b|hopefully\b|require\b"
    r"|appear\b|seem\b|help\b)"
)
_SENTENCE_END = re.compile(r"[.?!](?= |$)")
_ABBREVIATION = re.compile(
    r"(?:\b(?:Cllrs?|Councillors?|Mrs?|Ms|Dr|St|No|Rev|Prof|Insp|Supt|Sgt|Det|Ch|approx|etc)"
    r"|(?<![\w.])[A-Z])\.$"
)
_EMPHASIS = re.compile(r"\*\*|__|~~")
_LINK = re.compile(r"\[([^\[\]]{0,300})\]\([^()\s]{0,500}\)")
# Headings under which list items are this meeting's actions.
ACTION_HEADING = re.compile(
    r"\b(?:actions?|action items?|action points?|agreed actions|new actions|resolved|next steps"
    r"|to ?do)\b",
    re.I,
)
# Headings under which the previous meeting's actions are reviewed.
_REVIEW_HEADING = re.compile(
    r"\bmatters? (?:arising|outstanding)\b|\boutstanding actions?\b|\baction (?:log|plan|tracker)\b"
    r"|\bactions? (?:from|of) (?:the )?(?:last|previous)\b|\b(?:review|progress) (?:of|on) "
    r"(?:the )?(?:previous )?actions?\b|\breview (?:the )?actions\b|\bprevious action items?\b",
    re.I,
)
_BARE_RESOLVED = re.compile(r"^\W*resolved\W*$", re.I)
_NOTACTION_HEADING = re.compile(
    r"\b(?:apologies|attendance|present|attendees|agenda|participants|declarations?)\b", re.I
)
# "The following actions have been completed:", "Actions outstanding from the last meeting".
LEAD_STATUS = re.compile(
    r"\bactions?\b[^.:]{0,60}?\b(?P<word>completed|complete|closed|discharged|outstanding|open"
    r"|ongoing|remain|arising|carried)\b",
    re.I,
)
_DONE_WORDING = re.compile(
    r"\b(?:ha[sd] (?:now |already )?been (?:completed|answered|done|actioned|reported|sent"
    r"|circulated|resolved|closed|arranged|carried out|implemented|submitted|shared"
    r"|updated|discharged|achieved)|(?:would|will|can|could) (?:now )?be closed|was completed"
    r"|(?:is|are|was|were) (?:now )?(?:complete|completed|closed|done)|been actioned"
    r"|no longer required)\b",
    re.I,
)
_OPEN_WORDING = re.compile(
    r"\b(?:not yet|ha[sd] not (?:yet )?been|(?:is|was|are|were|remains?|still) ongoing"
    r"|ongoing(?= *[.)_*]* *$)|outstanding|in progress|carried forward"
    r"|(?:would|will) (?:need to )?be (?:updated|followed up|chased|reported|brought)"
    r"|would need to|remains? (?:open|outstanding|on)|pending|awaiting|not done|still)\b",
    re.I,
)
# A status written as a marker at the end: "_Closed_", "(COMPLETED)", "- Done", "[Ongoing]".
_STATUS_TAIL = re.compile(
    r"(?:^|[\s(\[_*\-\u2013\u2014:;.])(?P<word>completed|complete|closed|done|discharged|achieved"
    r"|actioned"
    r"|ongoing|open|outstanding|in progress|not done|carried forward|green|amber|red)"
    r"[\s.!_*)\]]*$",
    re.I,
)
_DONE_WORDS = frozenset(
    ["completed", "complete", "closed", "done", "discharged", "achieved", "actioned", "green"]
)


@dataclass
class Candidate:
    """One possible action, with the evidence its finder saw (``cues``)."""

    text: str
    owners: list[str]
    status: str | None  # None when nothing states it
    quote: str
    finder: str
    cues: set[str] = field(default_factory=set)
    block: int = 0
    key: str | None = None  # an action number or code ("2.4", "CS04")
    agenda_item: str | None = None
    order: int = 0
    score: float = 0.0  # set by the decision


@dataclass
class Section:
    """One agenda item's blocks, with what frames each block: the headings above it and a
    lead-in ("The following actions remain outstanding:") when a list follows one."""

    title: str | None
    blocks: list[Block]
    text: str
    headings: list[tuple[str, ...]] = field(default_factory=list)
    # The paragraph just before a run of list items ("Actions:", "The following actions …").
    list_leads: list[str] = field(default_factory=list)
    # The last paragraph since the heading that speaks about actions ("… have been completed").
    status_leads: list[str] = field(default_factory=list)
    _plain: dict[int, str] = field(default_factory=dict)
    _sentences: dict[int, list[str]] = field(default_factory=dict)
    _context: dict[int, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        scope: dict[int, str] = {}
        list_lead = status_lead = ""
        numbered = ""  # a short top-level numbered item acting as a heading ("3. Matters arising")
        for block in self.blocks:
            if block.kind == "heading":
                scope = {lvl: t for lvl, t in scope.items() if lvl < block.level}
                scope[block.level] = block.text
                list_lead = numbered = ""
                status_lead = block.text if _mentions_actions(block.text) else ""
            heads = tuple(scope[lvl] for lvl in sorted(scope)) + ((numbered,) if numbered else ())
            self.headings.append(((self.title,) if self.title else ()) + heads)
            if _numbered_heading(block):
                numbered, list_lead, status_lead = block.text, "", ""
            self.list_leads.append(list_lead if block.kind == "item" else "")
            self.status_leads.append(status_lead)
            if block.kind == "item" and block.text.rstrip().endswith(":"):
                list_lead = block.text
            if block.kind == "paragraph":
                mentions = _mentions_actions(block.text)
                list_lead = block.text if block.text.rstrip().endswith(":") or mentions else ""
                if mentions or not _is_action_line(block.text):
                    status_lead = block.text if mentions else ""

    def plain(self, index: int) -> str:
        """Block ``index``'s text as finders read it (see ``plain``), worked out once."""
        if index not in self._plain:
            self._plain[index] = plain(self.blocks[index].text)
        return self._plain[index]

    def sentences(self, index: int) -> list[str]:
        """Block ``index``'s sentences (see ``sentences``), worked out once."""
        if index not in self._sentences:
            self._sentences[index] = sentences(self.plain(index))
        return self._sentences[index]

    def context(self, index: int) -> str:
        """"action", "review" or "" for the headings and lead-in framing block ``index``."""
        if index not in self._context:
            self._context[index] = self._frame(index)
        return self._context[index]

    def _frame(self, index: int) -> str:
        frames = [*self.headings[index], self.list_leads[index]]
        for frame in reversed(frames):
            if not frame:
                continue
            if _NOTACTION_HEADING.search(frame[:120]) and not ACTION_HEADING.search(frame[:120]):
                return ""
            if _REVIEW_HEADING.search(frame[:200]):
                return "review"
            found = ACTION_HEADING.search(frame[:120])
            if found and len(frame) <= 120:
                if found.group(0).lower() == "resolved" and not _BARE_RESOLVED.match(frame):
                    continue  # a resolution's own text ("RESOLVED that …") is no heading
                return "action"
        return ""

    def previous_text(self, index: int) -> tuple[int, Block] | None:
        """The nearest paragraph or list item before block ``index`` that is not an owner tag."""
        for back in range(index - 1, max(-1, index - 6), -1):
            block = self.blocks[back]
            if block.kind == "heading":
                return None
            if block.kind in ("paragraph", "item") and not is_tag_line(block.text):
                return back, block
        return None


def _numbered_heading(block: Block) -> bool:
    """A top-level numbered list item short enough to be an agenda heading."""
    return (
        block.kind == "item"
        and block.level == 0
        and bool(block.marker)
        and block.marker[0].isdigit()
        and len(block.text.split()) <= 16
        and not block.text.lstrip("*_ ").lower().startswith(("action", "done"))
    )


def _is_action_line(text: str) -> bool:
    return text[:40].lstrip("*_ -").lower().startswith(("action", "done"))


def _mentions_actions(text: str) -> bool:
    """A lead-in that says what state the actions after it are in."""
    if _is_action_line(text):
        return False  # an action line itself, not a lead-in
    return bool(LEAD_STATUS.search(text[:400]))


def plain(text: str) -> str:
    """Block text without Markdown emphasis or link targets, with spaces collapsed."""
    text = text[: MAX_TEXT_CHARS * 4]
    if "](" in text:
        text = _LINK.sub(r"\1", text)
    if "**" in text or "__" in text or "~~" in text:
        text = _EMPHASIS.sub("", text)
    return " ".join(text.split())


def cap(text: str) -> str:
    text = text.strip(" .;,:*_")
    return text if len(text) <= MAX_TEXT_CHARS else text[:MAX_TEXT_CHARS].rsplit(" ", 1)[0]


def _split(text: str) -> list[str]:
    """Sentences ending in ". ", "? " or "! " (as ``minutes.text.split_sentences``, by regex)."""
    parts, start = [], 0
    for found in _SENTENCE_END.finditer(text):
        end = found.end()
        if end - 1 - start > 1:
            parts.append(text[start:end].strip())
            start = end
    rest = text[start:].strip()
    if rest:
        parts.append(rest)
    return [p for p in parts if p]


def sentences(text: str) -> list[str]:
    """The text's sentences, not split after a title or an initial ("Cllr. O. Williams")."""
    out: list[str] = []
    for part in _split(text[: MAX_TEXT_CHARS * 4]):
        if out and _ABBREVIATION.search(out[-1]):
            out[-1] = f"{out[-1]} {part}"
        else:
            out.append(part)
    return out


def wording_status(text: str) -> str | None:
    """"completed" / "open" from what a sentence says happened to an action, or None."""
    head = text[:600]
    done, still = _DONE_WORDING.search(head), _OPEN_WORDING.search(head)
    if done and still:
        negated = "not" in head[max(0, done.start() - 8) : done.start()]
        return DONE if done.start() > still.start() and not negated else OPEN
    if done:
        return DONE
    if still:
        return OPEN
    return None


def tail_status(text: str) -> tuple[str, str | None]:
    """(text without a closing status marker, the status it gives or None)."""
    tail_from = max(0, len(text) - 40)
    found = _STATUS_TAIL.search(text, tail_from)
    if not found:
        return text, None
    word = found.group("word").lower()
    before_word = text[: found.start("word")].rstrip()
    marked = (
        before_word.endswith(("(", "_", "[", "*", "-", "\u2013", "\u2014", ":"))
        or found.group("word").isupper()
    )
    if not marked and word in ("open", "red", "green", "done", "closed", "complete", "completed",
                               "outstanding", "ongoing"):
        # A bare word closing a sentence ("... needs to be done") is prose, not a marker.
        before = text[: found.start()].rstrip()
        if not before.endswith((".", ")")):
            return text, None
    status = DONE if word in _DONE_WORDS else OPEN
    return text[: found.start()].rstrip(" -\u2013\u2014:(*_[;"), status


_NOTE = re.compile(r"\s*\(([^()]{3,200})\)[\s.]*$")


def split_note(text: str) -> tuple[str, str | None]:
    """(text, status) without a closing note that reports progress: "Book the hall (action
    carried forward, no reply yet)" -> ("Book the hall", "open")."""
    found = _NOTE.search(text[-260:])
    if not found:
        return text, None
    status = wording_status(found.group(1))
    if status is None:
        return text, None
    return text[: len(text) - len(found.group(0))], status


# The last words of a running update that close the action.
_CLOSING_NOTE = re.compile(
    r"(?:^|[.;\-\u2013] *)(?:action |now )?(?:closed|complete|completed|done|discharged)\W*$"
)


def cell_status(cell: str) -> str | None:
    """A status column's value: "Done", "Complete - note", "Not done", "Green", free text."""
    value = plain(cell).lower()
    if not value:
        return None
    if value.startswith(("not ", "no ", "in progress", "ongoing", "open", "outstanding", "amber",
                         "red", "carried", "pending")):
        return OPEN
    if value.startswith(("done", "complete", "closed", "green", "yes", "\u2713", "\u2714",
                         "achieved", "discharged", "finished")):
        return DONE
    if _CLOSING_NOTE.search(value[-200:]):
        return DONE  # a running update that ends "… Action closed."
    return wording_status(value) or OPEN
