"""Plain text to blocks: headings, paragraphs, list items and flattened tables, each with the
span of source text it came from."""

from __future__ import annotations

import time

from minutes.text_blocks import blocks_from_text


def kinds(text: str) -> list[tuple[str, str]]:
    return [(b.kind, b.text) for b in blocks_from_text(text)]


def test_headings_paragraphs_and_wrapped_lines():
    text = (
        "## Budget\n\nThe treasurer reported that the\naccounts were in order.\n\n"
        "NEXT STEPS\n\nNone."
    )
    assert kinds(text) == [
        ("heading", "Budget"),
        ("paragraph", "The treasurer reported that the accounts were in order."),
        ("heading", "NEXT STEPS"),
        ("paragraph", "None."),
    ]


def test_bold_line_and_lead_in_are_headings():
    text = "**Agreed**\n- Ann: book the hall\n\nActions:\n- Bo to paint the fence"
    assert [(b.kind, b.text, b.marker) for b in blocks_from_text(text)] == [
        ("heading", "Agreed", None),
        ("item", "Ann: book the hall", "-"),
        ("heading", "Actions", None),
        ("item", "Bo to paint the fence", "-"),
    ]


def test_list_markers_checkboxes_and_strikethrough():
    text = (
        "1. Open the meeting\n(b) Read the post\niv) Count the votes\n"
        "- [ ] (Ann) order chairs\n* [x] (Bo) fix the light\n- ~~hire a van~~\n"
    )
    blocks = blocks_from_text(text)
    assert [(b.marker, b.text, b.struck) for b in blocks] == [
        ("1.", "Open the meeting", False),
        ("(b)", "Read the post", False),
        ("iv)", "Count the votes", False),
        ("[ ]", "(Ann) order chairs", False),
        ("[x]", "(Bo) fix the light", False),
        ("-", "hire a van", True),
    ]


def test_nested_items_keep_their_depth():
    blocks = blocks_from_text("- Plan\n    - Draft it\n")
    assert [(b.level, b.text) for b in blocks] == [(0, "Plan"), (2, "Draft it")]


def test_owner_tag_line_is_its_own_block():
    text = "The gate needs a new lock.\nAction: KW\n"
    assert kinds(text) == [("paragraph", "The gate needs a new lock."), ("paragraph", "Action: KW")]


def test_pipe_table_with_header():
    text = "| Ref | Task | Owner |\n|---|---|---|\n| 4.1 | Mend the gate | KW |\n"
    (table,) = blocks_from_text(text)
    assert (table.kind, table.header, table.rows) == (
        "table",
        True,
        (("Ref", "Task", "Owner"), ("4.1", "Mend the gate", "KW")),
    )


def test_tab_separated_rows():
    text = "Action\tOwner\tStatus\nMend the gate\tKW\tDone\nBuy paint\tLM\tOpen\n"
    (table,) = blocks_from_text(text)
    assert table.rows[2] == ("Buy paint", "LM", "Open")


def test_slash_separated_rows_under_a_column_header():
    text = (
        "No / Action / Owner / Status\n1 / Mend the gate / KW / Done\n"
        "2 / Buy paint / LM / Open\n"
    )
    (table,) = blocks_from_text(text)
    assert table.rows[1] == ("1", "Mend the gate", "KW", "Done")


def test_one_cell_per_line_under_a_column_header():
    text = "No.\nAction\nOwner\nStatus\n1\nMend the gate\nKW\nDone\n2\nBuy paint\nLM\nOpen\n\nEnd."
    blocks = blocks_from_text(text)
    assert blocks[0].rows == (
        ("No.", "Action", "Owner", "Status"),
        ("1", "Mend the gate", "KW", "Done"),
        ("2", "Buy paint", "LM", "Open"),
    )
    assert (blocks[1].kind, blocks[1].text) == ("paragraph", "End.")


def test_spans_point_at_the_source():
    text = "Intro line.\n\n  - Ann to book\n    the hall\n\n| Task | Owner |\n| Buy tea | Bo |\n"
    blocks = blocks_from_text(text)
    assert [text[b.span[0] : b.span[1]] for b in blocks] == [
        "Intro line.",
        "- Ann to book\n    the hall",
        "| Task | Owner |\n| Buy tea | Bo |",
    ]
    table = blocks[2]
    assert text[slice(*table.row_spans[1])] == "| Buy tea | Bo |"


def test_long_hostile_text_is_linear():
    started = time.perf_counter()
    blocks_from_text(("| a " * 5000 + "\n") * 50 + "- x\n" * 20000 + "No.\n" * 5000)
    assert time.perf_counter() - started < 5
