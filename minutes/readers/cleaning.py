"""Character clean-up shared by the readers: typographic ligatures spelt out, invisible
characters dropped, odd spaces made plain, so that text found in a file reads and searches
like typed text."""

from __future__ import annotations

import re

_LIGATURES = {
    "\ufb00": "ff",
    "\ufb01": "fi",
    "\ufb02": "fl",
    "\ufb03": "ffi",
    "\ufb04": "ffl",
    "\ufb05": "st",
    "\ufb06": "st",
    "\u0132": "IJ",
    "\u0133": "ij",
    "\u0152": "OE",
    "\u0153": "oe",
}
_SPACES = dict.fromkeys(map(ord, "\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007"
                                 "\u2008\u2009\u200a\u202f\u205f\u3000"), " ")
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
_TABLE = str.maketrans({**_LIGATURES, **_SPACES, **_INVISIBLE})
# Control characters other than tab and line breaks, and non-characters.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff\ud800-\udfff]")


def clean(text: str) -> str:
    """Ligatures spelt out, invisible characters removed, every space a plain space, control
    characters gone. Line breaks and tabs are kept."""
    return _CONTROL.sub("", text.translate(_TABLE))


def one_line(text: str) -> str:
    """``clean`` with all whitespace runs (line breaks included) as one space."""
    return " ".join(clean(text).split())
