"""`clerk action/plan/meeting` corrections: the same services and sentences as chat, refused
for anyone but the secretariat, each with its audit line."""

from __future__ import annotations

from datetime import date

import pytest

from board.corrections import ONLY_SECRETARIAT
from tests.builders import add_action, add_meeting, add_people
from tests.faults.conftest import footprint


@pytest.fixture
def seeded(app, clerk_cli):
    add_people(app, "Jade Hodgson", "Chris Lyons", "Sam Patel")
    meeting = add_meeting(app, date(2023, 12, 6))
    add_meeting(app, date(2024, 3, 20), status="scheduled")
    add_action(app, "Share the app with schools", ["Jade Hodgson"], meeting_id=meeting)
    add_action(app, "Share the app with colleges", ["Chris Lyons"], meeting_id=meeting)
    assert clerk_cli("people", "admin", "Jade Hodgson")[0] == 0
    assert clerk_cli("plan", "add", "CCTV update", "--month", "June", "--as", "Jade")[0] == 0
    return app


CORRECTIONS = [
    (["action", "add", "send the survey results by 15 March", "--owner", "Chris Lyons"],
     "Added action 3 for Chris Lyons: send the survey results, due 15 March 2024.",
     "created", 'added by hand: "send the survey results", due 15 March 2024'),
    (["action", "edit", "2", "Share the app with sixth forms"],
     "Action 2 now reads: Share the app with sixth forms.",
     "edited", 'text changed from "Share the app with colleges" to '
               '"Share the app with sixth forms"'),
    (["action", "assign", "2", "--owner", "Sam Patel"], "Action 2 is now owned by Sam Patel.",
     "assigned", "owners changed from Chris Lyons to Sam Patel"),
    (["action", "assign", "2", "--add", "Sam Patel"],
     "Action 2 is now owned by Chris Lyons, Sam Patel.",
     "assigned", "owners changed from Chris Lyons to Chris Lyons, Sam Patel"),
    (["action", "withdraw", "2", "--reason", "not an action"],
     "Withdrew action 2 (Share the app with colleges): it is off every list and stays in its "
     "history.", "withdrawn", "status changed from open to withdrawn: not an action"),
    (["action", "merge", "2", "--into", "1"],
     "Merged action 2 into action 1 (Share the app with schools), now owned by Jade Hodgson, "
     "Chris Lyons.", "withdrawn", "status changed from open to withdrawn: duplicate of action 1"),
]


@pytest.mark.parametrize(("args", "said", "kind", "note"), CORRECTIONS)
def test_action_corrections_and_their_audit_line(seeded, clerk_cli, args, said, kind, note):
    code, out, err = clerk_cli(*args, "--as", "Jade Hodgson")
    assert (code, out.strip(), err) == (0, said, "")
    number = args[2] if args[1] != "add" else "3"
    code, out, _ = clerk_cli("audit", "--action", number)
    last = out.strip().splitlines()[-2]  # the table's last row, above its bottom border
    assert kind in last and "Jade Hodgson" in last and "cli" in last
    assert note.split(":")[0][:30] in out.replace("\n", " ")


PLAN_AND_MEETING = [
    (["plan", "rename", "CCTV update", "CCTV review"],
     "Renamed on the forward plan for June 2024: CCTV update → CCTV review.",
     ["plan", "renamed", "June 2024: CCTV update", "June 2024: CCTV review"]),
    (["plan", "move", "CCTV update", "--to", "July"],
     "Moved on the forward plan: CCTV update, from June 2024 to July 2024.",
     ["plan", "moved", "June 2024: CCTV update", "July 2024: CCTV update"]),
    (["plan", "remove", "CCTV update", "--month", "June"],
     "Removed from the forward plan for June 2024: CCTV update.",
     ["plan", "removed", "June 2024: CCTV update"]),
    (["meeting", "next", "set", "27", "March", "2024"],
     "The next meeting is now on Wednesday 27 March 2024.",
     ["meeting", "moved", "2024-03-20", "2024-03-27"]),
    (["meeting", "next", "cancel"], "Cancelled the meeting of Wednesday 20 March 2024.",
     ["meeting", "cancelled", "2024-03-20"]),
]


@pytest.mark.parametrize(("args", "said", "audit"), PLAN_AND_MEETING)
def test_plan_and_meeting_corrections_and_their_audit_line(seeded, clerk_cli, args, said, audit):
    code, out, err = clerk_cli(*args, "--as", "Jade Hodgson")
    assert (code, out.strip(), err) == (0, said, "")
    code, out, _ = clerk_cli("audit")
    (row,) = [line for line in out.splitlines() if audit[1] in line and audit[0] in line]
    assert all(value in row for value in [*audit, "Jade Hodgson", "cli"])


@pytest.mark.parametrize("args", [a for a, *_ in CORRECTIONS] + [a for a, *_ in PLAN_AND_MEETING])
def test_refused_for_anyone_but_the_secretariat(seeded, clerk_cli, args):
    before = footprint(seeded)
    code, out, err = clerk_cli(*args, "--as", "Chris Lyons")
    assert (code, out, err.strip()) == (1, "", f"error: {ONLY_SECRETARIAT}")
    assert footprint(seeded) == before
    assert "Forward plan, meetings and minutes" not in clerk_cli("audit")[1]
    assert "CCTV update" in clerk_cli("plan", "list", "--month", "June")[1]
