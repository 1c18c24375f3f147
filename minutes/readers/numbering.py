"""List numbers as a document shows them: 3, c, C, iii, III."""

from __future__ import annotations

_ROMAN = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
          (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))


def format_number(number: int, style: str) -> str:
    """``number`` in a list style named as Word names them (decimal, decimalZero, lowerLetter,
    upperLetter, lowerRoman, upperRoman); any other style counts in decimal."""
    if style in ("lowerLetter", "upperLetter"):
        text = _letters(number)
        return text.upper() if style == "upperLetter" else text
    if style in ("lowerRoman", "upperRoman"):
        text = _roman(number)
        return text.upper() if style == "upperRoman" else text
    if style == "decimalZero":
        return f"{number:02d}"
    return str(number)


def _letters(number: int) -> str:
    """1 -> a, 26 -> z, 27 -> aa (Word repeats the letter: 28 -> bb)."""
    if number < 1:
        return str(number)
    letter = chr(ord("a") + (number - 1) % 26)
    return letter * ((number - 1) // 26 + 1)


def _roman(number: int) -> str:
    if not 0 < number < 4000:
        return str(number)
    out = []
    for value, numeral in _ROMAN:
        while number >= value:
            out.append(numeral)
            number -= value
    return "".join(out)
