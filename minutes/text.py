"""Line-level helpers for minutes text: cleaning, list prefixes, sentences, title-like lines.

Every regular expression here is either anchored and free of nested quantifiers, or applied
to a bounded slice, so that a megabyte of hostile text costs linear time.
"""

from __future__ import annotations

import re

# Characters that mean "space" in pasted council web pages and Word documents.
_SPACES = str.maketrans({"\u00a0": " ", "\u2007": " ", "\u202f": " ", "\t": " ", "\ufeff": ""})
_ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060]")
_MULTI_SPACE = re.compile(r" {2,}")
# modern.gov pages cut long items: "...  view the full minutes text for item 5."
# (Patterns start with a literal: a leading " *" would rescan long runs of spaces.)
_TRUNCATED = re.compile(r"view the full minutes text for item *([\w().]*)", re.I)
# modern.gov attachment links: "Minutes pdf icon PDF 116 KB".
_ATTACHMENT = re.compile(r"\b(?:pdf icon +)?(?:PDF|DOCX?|XLSX?) +[\d.,]+ *[KM]B\b", re.I)
_EMPHASIS = re.compile(r"\*\*|__")
# A list prefix: a bullet, "1." / "a)" / "(iv)" / "IV." labels. Bounded repetitions only.
_LIST = re.compile(
    r"^(?:[-*+\u2022\u00b7\u25aa\u25e6\u25a0\u25ba\u2013\u2014\u2043\u27a2\u2192>\u00d8\x7f"
    r"\uf0a7\uf0b7\uf076\uf0d8\uf0fc]|o(?= )"
    r"|\(?(?:\d{1,3}|[a-zA-Z]|[ivxlcIVXLC]{1,6})[.)])(?: +|$)"
)
_HEADING = re.compile(r"^(#{1,6}) *")
_SMALL_WORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "as",
        "at",
        "by",
        "for",
        "from",
        "in",
        "of",
        "on",
        "or",
        "the",
        "to",
        "with",
        "vs",
        "via",
    ]
)

MAX_TITLE_CHARS = 100


def split_lines(text: str) -> list[str]:
    """The text's lines with Windows/Mac endings, odd spaces and zero-width marks normalised."""
    text = _ZERO_WIDTH.sub("", text.translate(_SPACES))
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def clean_line(line: str) -> tuple[str, str | None]:
    """(line without emphasis, attachment noise or truncation marker, truncated item or None).

    The item is "" when a truncation marker names no item."""
    line = _EMPHASIS.sub("", line)
    truncated = None
    found = _TRUNCATED.search(line)
    if found:
        truncated = found.group(1).rstrip(".")
        line = line[: found.start()].rstrip(" .\u2026")
    line = _ATTACHMENT.sub("", line)
    return _MULTI_SPACE.sub(" ", line).strip(), truncated


def strip_list(line: str) -> tuple[str, bool]:
    """(content, True) for a list item such as "- ACTION: ..." or "e.  The chair ..."."""
    found = _LIST.match(line)
    if not found:
        return line, False
    return line[found.end() :].strip(), True


def heading_level(line: str) -> tuple[int, str]:
    """(Markdown heading level or 0, the line without the hashes)."""
    found = _HEADING.match(line)
    if not found:
        return 0, line
    return len(found.group(1)), line[found.end() :].strip()


def is_title_like(line: str) -> bool:
    """A short line in Title Case or ALL CAPS with no final full stop: a heading candidate."""
    if not line or len(line) > MAX_TITLE_CHARS or not line[0].isalpha() or not line[0].isupper():
        return False
    if line[-1] in ".,;:?!" or ": " in line.replace("RESTRICTED: ", ""):
        return False
    tokens = line.split()
    if len(tokens) > 14:
        return False
    significant = [w for w in tokens if w[0].isalpha() and w.lower() not in _SMALL_WORDS]
    if not significant:
        return False
    capitalised = sum(1 for w in significant if w[0].isupper())
    return capitalised / len(significant) >= 0.75


def split_sentences(text: str) -> list[str]:
    """Sentences ending in ". ", "? " or "! " (a plain scan; abbreviations may split)."""
    sentences, start = [], 0
    for index, char in enumerate(text):
        if char not in ".?!":
            continue
        at_end = index + 1 == len(text)
        if (at_end or text[index + 1] == " ") and (at_end or index - start > 1):
            sentences.append(text[start : index + 1].strip())
            start = index + 1
    rest = text[start:].strip()
    if rest:
        sentences.append(rest)
    return [s for s in sentences if s]


def tidy(text: str) -> str:
    """Collapse spaces and drop trailing punctuation and stray emphasis markers."""
    text = " ".join(text.split())
    return text.strip(" .;,:*_").strip()


def capitalise(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


def normalise_apostrophes(text: str) -> str:
    return text.replace("\u2019", "'").replace("\u2018", "'").replace("`", "'")


def title_case(title: str, acronyms: frozenset[str]) -> str:
    """Readable casing for an ALL CAPS title: words written in capitals elsewhere in the
    document (CSP, MPS) stay capitals; small words are lower case except the first."""
    letters = [c for c in title if c.isalpha()]
    if not letters or not all(c.isupper() for c in letters):
        return title
    out = []
    for index, word in enumerate(title.split()):
        core = word.strip("()[]:,'\u2019\"")
        if core in acronyms:
            out.append(word)
        elif index and word.lower() in _SMALL_WORDS:
            out.append(word.lower())
        else:
            out.append(word[:1] + word[1:].lower())
    return " ".join(out)
