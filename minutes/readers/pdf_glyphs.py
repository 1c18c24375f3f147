"""The text of a PDF's glyphs as pdfium reads them, where pdfminer's is wrong.

pdfminer (under pdfplumber) gives the layout, but where a font maps a glyph badly it gives a
wrong letter or "(cid:N)": a "ti" ligature read as "D" ("meeDng"), a bullet as "(cid:127)".
pdfium, the PDF engine of Chrome, reads those glyphs as their letters. Line by line, the two
readings are aligned in order (the engines may place glyphs a little apart, so position only
chooses the line); where they differ by a glyph or two, pdfminer's character takes pdfium's
text. Longer differences are left alone.
"""

from __future__ import annotations

import bisect
import re
from difflib import SequenceMatcher

_UNMAPPED = re.compile(r"\(cid:\d+\)")
_MAX_MINER = 2  # pdfminer characters in one replaced run
_MAX_PDFIUM = 4  # pdfium letters for them (a ligature spelt out: "ffi")


def correct_characters(page, pdfium_page) -> None:
    """Rewrite the ``text`` of ``page.chars`` (pdfplumber) in place from ``pdfium_page``."""
    chars = [char for char in page.chars if char["text"].strip() and char.get("upright", True)]
    if not chars:
        return
    lines = _lines(chars)
    tops = [line[0] for line in lines]
    letters: list[list[tuple[float, str]]] = [[] for _ in lines]
    height = float(page.mediabox[3])
    textpage = pdfium_page.get_textpage()
    try:
        count = textpage.count_chars()
        text = textpage.get_text_range(0, count) if count else ""
        for position in range(min(count, len(text))):
            letter = text[position]
            if letter.isspace() or letter in "\ufffe\ufffd":
                continue
            left, bottom, right, top = textpage.get_charbox(position)
            y = height - (bottom + top) / 2
            index = bisect.bisect_right(tops, y) - 1
            if index >= 0 and y <= lines[index][1]:
                letters[index].append(((left + right) / 2, letter))
    finally:
        textpage.close()
    for (_, _, members), found in zip(lines, letters, strict=True):
        _align(members, [letter for _, letter in sorted(found, key=lambda item: item[0])])


def _lines(chars: list[dict]) -> list[tuple[float, float, list[dict]]]:
    """(top, bottom, characters left to right) of each line, top to bottom."""
    out: list[tuple[float, float, list[dict]]] = []
    for char in sorted(chars, key=lambda c: (round(c["top"]), c["x0"])):
        if out and abs(out[-1][0] - char["top"]) <= 2:
            top, bottom, members = out[-1]
            members.append(char)
            out[-1] = (top, max(bottom, char["bottom"]), members)
        else:
            out.append((char["top"], char["bottom"], [char]))
    for _, _, members in out:
        members.sort(key=lambda c: c["x0"])
    return out


def _align(members: list[dict], letters: list[str]) -> None:
    mined = [char["text"] for char in members]
    matcher = SequenceMatcher(None, mined, letters, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "replace" and i2 - i1 <= _MAX_MINER and j2 - j1 <= _MAX_PDFIUM:
            if i2 - i1 == j2 - j1:
                for offset in range(i2 - i1):
                    members[i1 + offset]["text"] = letters[j1 + offset]
            else:
                members[i1]["text"] = "".join(letters[j1:j2])
                for index in range(i1 + 1, i2):
                    members[index]["text"] = ""
        elif tag == "delete":
            for index in range(i1, i2):
                if _UNMAPPED.fullmatch(members[index]["text"]):
                    members[index]["text"] = ""
