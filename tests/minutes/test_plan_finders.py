"""Each forward-plan finder on small invented sentences, and the decision over them."""

from __future__ import annotations

from datetime import date

import pytest

from minutes import plan_finders as finders
from minutes.parser import parse_minutes
from minutes.plan import PlanCollector


@pytest.mark.parametrize(
    ("finder", "sentence", "title", "meeting"),
    [
        (
            finders.postponed,
            "The Youth Survey report was deferred to the June 2024 board",
            "Youth Survey report",
            "2024-06",
        ),
        (
            finders.postponed,
            "It was agreed to defer this to the next meeting, on 4 July 2024",
            "Bus Lanes",
            "2024-07",
        ),
        (
            finders.postponed,
            "RESOLVED - That this item be deferred to the next meeting",
            "Bus Lanes",
            "2024-05",
        ),
        (
            finders.added,
            "Add the Parks Strategy to the agenda for the next meeting",
            "Parks Strategy",
            "2024-05",
        ),
        (
            finders.reported_back,
            "The audit findings would be reported to the next meeting of the Board",
            "Audit findings",
            "2024-05",
        ),
        (
            finders.reported_back,
            "Tenders closed on 3 May and the results of these would be reported to the next "
            "meeting",
            "Results of the tenders",
            "2024-05",
        ),
        (
            finders.reported_back,
            "XB17 - this would be updated at the next meeting",
            "Update on XB17",
            "2024-05",
        ),
        (
            finders.bring_back,
            "Officers to report back to the September meeting on the parking review",
            "Parking review",
            "2024-09",
        ),
        (
            finders.for_next_meeting,
            "KL - to gather the footfall figures for the next meeting",
            "Gather the footfall figures",
            "2024-05",
        ),
        (
            finders.kept_on_agenda,
            "This item will be kept on the agenda until the audit is complete",
            "Bus Lanes",
            "2024-05",
        ),
        (
            finders.next_agenda,
            "Next agenda item - repainting the bus shelter",
            "Repainting the bus shelter",
            "2024-05",
        ),
        (
            finders.meeting_includes,
            "the Committee's meeting in October includes a report on fees",
            "Report on fees",
            "2024-10",
        ),
        (
            finders.decided_next_time,
            "Comments to be sent in so that we can vote by next time",
            "Bus Lanes - vote",
            "2024-05",
        ),
        (
            finders.decided_next_time,
            "Members need more detail; decide on it at the next meeting",
            "Bus Lanes - decision",
            "2024-05",
        ),
        (
            finders.update_next_meeting,
            "ACTION: KL to update next meeting",
            "Bus Lanes update",
            "2024-05",
        ),
    ],
)
def test_each_finder_proposes_and_the_decision_keeps(finder, sentence, title, meeting):
    candidate = finder(sentence, "Bus Lanes")
    assert candidate is not None and candidate.finder == finder.__name__
    warnings: list[str] = []
    plan = PlanCollector(date(2024, 3, 6), warnings, next_meeting=date(2024, 5, 8))
    plan.consider(candidate, "Bus Lanes")
    assert [(p.meeting, p.title) for p in plan.items] == [(meeting, title)]
    assert 0.5 <= plan.items[0].confidence <= 1 and plan.items[0].quote == sentence


@pytest.mark.parametrize(
    "sentence",
    [
        "Following the report to June CSP, the officer gave an update",  # "report" as a noun
        "The minutes of the previous meeting were agreed",
        "Interviews were taking place on 15 May",
        "The bank statement dated 1 June was noted",
        "The vote at the last meeting was unanimous; next time the chair will attend",
        "KL will update after the next meeting",
        "This action will remain on the agenda so that it is not lost",
    ],
)
def test_no_finder_takes_an_ordinary_sentence(sentence):
    plan = PlanCollector(date(2024, 3, 6), [], next_meeting=date(2024, 5, 8))
    plan.from_sentence(sentence, "Finance")
    assert plan.items == []


def test_next_meeting_without_a_date_is_next():
    text = (
        "Minutes of the meeting held on 6 March 2024\n\n"
        "The footfall figures would be reported to the next meeting.\n"
    )
    parsed = parse_minutes(text)
    assert [(p.meeting, p.title, p.finder) for p in parsed.forward_plan] == [
        ("next", "Footfall figures", "reported_back")
    ]


def test_a_list_under_a_lead_in_stops_at_the_lead_ins_own_list():
    text = (
        "Minutes of the meeting held on 6 March 2024\n\n"
        "(a) Standing items on the agenda include:\n\n(i) fees and charges;\n\n(ii) complaints\n\n"
        "(b) the car park lease be renewed\n"
    )
    plan = [(p.meeting, p.title, p.finder) for p in parse_minutes(text).forward_plan]
    assert plan == [("next", "Fees and charges", "listed"), ("next", "Complaints", "listed")]


def test_a_plan_item_for_next_is_filed_under_the_next_meeting_stated():
    text = (
        "Minutes of the meeting held on 6 March 2024\n\n"
        "The audit findings would be reported to the next meeting.\n\n"
        "Date of next meeting: Wednesday 8 May 2024\n"
    )
    assert [p.meeting for p in parse_minutes(text).forward_plan] == ["2024-05"]


def test_the_agenda_printed_after_the_next_meeting_is_that_meetings_plan():
    text = (
        "Minutes of the meeting held on 6 March 2024\n\n"
        "## Finance\n\nThe accounts were approved.\n\n"
        "## Date of next meeting: Wednesday 8 May 2024, 7pm at the Village Hall\n\n"
        "## Agenda:\n\n1. Play area repairs\n\n2. Events:\n\na. Summer fete\n\nb. Quiz night\n\n"
        "3. Grass cutting contract\n"
    )
    plan = [(p.meeting, p.title, p.finder) for p in parse_minutes(text).forward_plan]
    assert plan == [
        ("2024-05", "Play area repairs", "next_meeting_agenda"),
        ("2024-05", "Events: Summer fete", "next_meeting_agenda"),
        ("2024-05", "Events: Quiz night", "next_meeting_agenda"),
        ("2024-05", "Grass cutting contract", "next_meeting_agenda"),
    ]


def test_an_agenda_not_after_the_next_meeting_is_not_a_plan():
    text = (
        "Minutes of the meeting held on 6 March 2024\n\n"
        "## Finance\n\nThe accounts were approved.\n\n"
        "## Agenda:\n\n- Play area repairs\n\n- Grass cutting contract\n\n"
        "## Date of next meeting: Wednesday 8 May 2024\n"
    )
    assert parse_minutes(text).forward_plan == []


def test_a_plan_title_is_neither_a_table_row_nor_a_checkbox():
    plan = PlanCollector(date(2024, 3, 6), [], next_meeting=date(2024, 5, 8))
    plan.from_sentence("Deferred to the next meeting", "Agenda item | Action")
    plan.from_sentence("[x] Tree survey to be reported to the next meeting", "Trees")
    plan.from_sentence("Tree survey to be reported to the next meeting", "Trees")
    assert [p.title for p in plan.items] == ["Tree survey"]


def test_a_run_in_heading_names_the_item_its_paragraph_carries_forward():
    plan = PlanCollector(date(2024, 3, 6), [], next_meeting=date(2024, 5, 8))
    plan.from_lines(
        ["4. Allotments: who waters them in summer? ACTION: KL to update next meeting",
         "5. MK: Yes. ACTION: KL to update next meeting"],
        "Matters arising",
    )
    assert [p.title for p in plan.items] == ["Allotments update", "Matters arising update"]
