"""Word 97-2003 .doc into blocks, through Debian's ``antiword`` (installed by scripts/setup.sh).

antiword writes the document as DocBook XML, which keeps what the binary format holds:
headings (section titles), paragraphs, numbered and bulleted lists and tables with rows and
cells. It runs as a separate process with the document's time budget as its timeout.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from dataclasses import replace

from minutes.document import Block, Document, render_text
from minutes.readers.cleaning import clean, one_line
from minutes.readers.errors import UnreadableDocument
from minutes.readers.limits import Budget, Limits, too_many_chars, too_slow
from minutes.readers.numbering import format_number
from minutes.readers.tables import lays_out_text, looks_like_header

_OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_SECTIONS = {"chapter": 1, "sect1": 2, "sect2": 3, "sect3": 4, "sect4": 5, "sect5": 6}
_NUMERATION = {
    "arabic": "decimal",
    "loweralpha": "lowerLetter",
    "upperalpha": "upperLetter",
    "lowerroman": "lowerRoman",
    "upperroman": "upperRoman",
}


def read_doc(data: bytes, name: str, limits: Limits, budget: Budget) -> Document:
    if not data.startswith(_OLE_SIGNATURE):
        raise UnreadableDocument(f"{name}: not a Word 97-2003 document (.doc)")
    program = shutil.which("antiword")
    if program is None:
        raise UnreadableDocument(
            f"{name}: reading Word 97-2003 (.doc) files needs antiword; run scripts/setup.sh"
        )
    with tempfile.NamedTemporaryFile(suffix=".doc") as source:
        source.write(data)
        source.flush()
        try:
            done = subprocess.run(
                [program, "-x", "db", source.name],
                capture_output=True,
                timeout=max(0.1, budget.left()),
                check=False,
            )
        except subprocess.TimeoutExpired:
            raise too_slow(name, budget.seconds) from None
    if done.returncode != 0 or not done.stdout.strip():
        raise UnreadableDocument(f"{name}: not a readable Word 97-2003 document")
    if len(done.stdout) > 4 * limits.max_chars:
        raise too_many_chars(name, limits)
    blocks = _blocks(done.stdout, name, budget)
    return Document("doc", render_text(blocks), blocks)


def _blocks(xml: bytes, name: str, budget: Budget) -> list[Block]:
    from lxml import etree

    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, recover=True, huge_tree=False
    )
    try:
        root = etree.fromstring(xml, parser)
    except etree.XMLSyntaxError:
        root = None
    if root is None:
        raise UnreadableDocument(f"{name}: not a readable Word 97-2003 document")
    out: list[Block | None] = []
    _walk(root, 0, out, budget, lists=[])
    return _spacing(out)


def _spacing(found: list[Block | None]) -> list[Block]:
    """Blocks with their ``gap``: antiword writes an empty paragraph as an empty para (None
    here), each a blank line."""
    blocks: list[Block] = []
    spaced = 0
    for block in found:
        if block is None:
            spaced += 1
            continue
        blocks.append(replace(block, gap=spaced))
        spaced = 0
    return blocks


def _walk(
    element, section: int, out: list[Block | None], budget: Budget, lists: list[list]
) -> None:
    for child in element:
        budget.check()
        tag = child.tag if isinstance(child.tag, str) else ""
        if tag in _SECTIONS:
            _walk(child, _SECTIONS[tag], out, budget, lists)
        elif tag == "title":
            text = one_line(_text(child))
            if text:
                out.append(Block("heading", text, level=max(1, section), struck=_struck(child)))
        elif tag == "para":
            _walk_para(child, section, out, budget, lists)
        elif tag in ("orderedlist", "itemizedlist"):
            style = _NUMERATION.get(child.get("numeration", ""), "decimal")
            lists.append([tag == "orderedlist", style, 0])
            _walk(child, section, out, budget, lists)
            lists.pop()
        elif tag == "listitem":
            ordered, style, count = lists[-1] if lists else (False, "", 0)
            if lists:
                lists[-1][2] = count + 1
            marker = f"{format_number(count + 1, style)}." if ordered else "•"
            text = one_line(_text(child))
            if text:
                out.append(
                    Block(
                        "item",
                        text,
                        level=max(0, len(lists) - 1),
                        marker=marker,
                        struck=_struck(child),
                    )
                )
        elif tag == "informaltable" or tag == "table":
            out.extend(_table(child))
        elif tag in ("bookinfo",):
            continue
        else:
            _walk(child, section, out, budget, lists)


def _walk_para(
    para, section: int, out: list[Block | None], budget: Budget, lists: list[list]
) -> None:
    """A para holds text and sometimes a table or list; each becomes its own block."""
    text = one_line(_text(para, skip=("informaltable", "table", "orderedlist", "itemizedlist")))
    out.append(Block("paragraph", text, struck=_struck(para)) if text else None)
    for child in para:
        if isinstance(child.tag, str) and child.tag in (
            "informaltable",
            "table",
            "orderedlist",
            "itemizedlist",
        ):
            holder = [child]
            _walk(holder, section, out, budget, lists)


def _table(table) -> list[Block]:
    rows: list[tuple[str, ...]] = []
    cells: list[list[str]] = []
    for row in table.iter("row"):
        entries = [_text(entry) for entry in row.iter("entry")]
        rows.append(tuple(one_line(entry) for entry in entries))
        cells.extend(_paragraphs(entry) for entry in entries)
    if not rows:
        return []
    if lays_out_text(rows):
        return [Block("paragraph", part) for cell in cells for part in cell]
    return [Block("table", rows=tuple(rows), header=looks_like_header(rows))]


def _paragraphs(entry: str) -> list[str]:
    """A cell's paragraphs: antiword separates them with blank lines."""
    parts, current = [], []
    for line in entry.split("\n"):
        if line.strip():
            current.append(line)
        elif current:
            parts.append(one_line(" ".join(current)))
            current = []
    if current:
        parts.append(one_line(" ".join(current)))
    return [part for part in parts if part and part != "."]


def _text(element, skip: tuple[str, ...] = ()) -> str:
    """The element's text, leaving out the children named in ``skip``; superscripts are
    joined to the word before (1st, 4th)."""
    pieces = [element.text or ""]
    for child in element:
        if isinstance(child.tag, str) and child.tag not in skip:
            pieces.append(_text(child, skip))
        pieces.append(child.tail or "")
    return clean("".join(pieces))


def _struck(element) -> bool:
    """antiword marks struck-through text as emphasis with a "strike" role."""
    roles = [node.get("role", "") for node in element.iter("emphasis")]
    text = one_line(_text(element))
    struck_text = one_line(
        " ".join(
            _text(node) for node in element.iter("emphasis") if "strike" in node.get("role", "")
        )
    )
    return bool(text) and any("strike" in role for role in roles) and struck_text == text
