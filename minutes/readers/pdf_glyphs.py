"""The text of a PDF's glyphs as pdfium reads them, laid onto pdfminer's characters.

pdfminer (under pdfplumber) gives the layout, but where a font maps a glyph badly it gives a
wrong letter or "(cid:N)": a "ti" ligature read as "D" ("meeDng"), a bullet as "(cid:127)".
pdfium, the PDF engine of Chrome, reads those glyphs as their letters. Each pdfium character
is placed, by the centre of its box, on the pdfminer character it was drawn in, and that
character takes pdfium's text; what pdfium cannot place keeps pdfminer's.
"""

from __future__ import annotations

import re
from collections import defaultdict

_CELL = 16.0  # points: the grid used to find the pdfminer character under a point
_UNMAPPED = re.compile(r"\(cid:\d+\)")


def correct_characters(page, pdfium_page) -> None:
    """Rewrite the ``text`` of ``page.chars`` (pdfplumber) in place from ``pdfium_page``."""
    chars = page.chars
    if not chars:
        return
    height = float(page.mediabox[3])
    grid: dict[tuple[int, int], list[int]] = defaultdict(list)
    for index, char in enumerate(chars):
        for column in range(int(char["x0"] // _CELL), int(char["x1"] // _CELL) + 1):
            for row in range(int(char["top"] // _CELL), int(char["bottom"] // _CELL) + 1):
                grid[(column, row)].append(index)
    found: dict[int, list[str]] = defaultdict(list)
    textpage = pdfium_page.get_textpage()
    try:
        count = textpage.count_chars()
        text = textpage.get_text_range(0, count) if count else ""
        for position in range(min(count, len(text))):
            letter = text[position]
            if letter.isspace() or letter == "\ufffe":
                continue
            left, bottom, right, top = textpage.get_charbox(position)
            x, y = (left + right) / 2, height - (bottom + top) / 2
            best = _under(chars, grid.get((int(x // _CELL), int(y // _CELL)), ()), x, y)
            if best is not None:
                found[best].append(letter)
    finally:
        textpage.close()
    for index, char in enumerate(chars):
        letters = found.get(index)
        if letters:
            char["text"] = "".join(letters)
        elif _UNMAPPED.fullmatch(char["text"]):
            char["text"] = ""


def _under(chars, candidates, x: float, y: float) -> int | None:
    """The character whose box holds the point, nearest its centre when boxes overlap."""
    best, distance = None, float("inf")
    for index in candidates:
        char = chars[index]
        if char["x0"] - 0.5 <= x <= char["x1"] + 0.5 and char["top"] - 0.5 <= y <= \
                char["bottom"] + 0.5:
            gap = abs((char["x0"] + char["x1"]) / 2 - x)
            if gap < distance:
                best, distance = index, gap
    return best
