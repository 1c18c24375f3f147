"""Each finder on small invented snippets, then the decision that keeps and merges their
candidates. What is asserted is what ``clerk extract`` would show: owners, text, status."""

from __future__ import annotations

import time

import pytest

from minutes.actions import find_actions
from minutes.finders import action_list, checkbox, commitment, marker, resolution, review, table
from minutes.finders.base import Section
from minutes.text_blocks import blocks_from_text


def section(text: str, title: str | None = None) -> Section:
    return Section(title, blocks_from_text(text), text)


def proposed(finder, text: str, title: str | None = None) -> list[tuple]:
    return [(c.owners, c.text, c.status) for c in finder.find(section(text, title))]


def kept(text: str, title: str | None = None) -> list[tuple]:
    found = find_actions([(title, text)], text, 100, [])
    return [(a.owners, a.text, a.status) for a in found]


class TestMarker:
    def test_marker_line_with_owner_and_status(self):
        assert proposed(marker, "ACTION: Priya Shah to book the hall (DONE)") == [
            (["Priya Shah"], "book the hall", "completed")
        ]

    def test_numbered_marker(self):
        assert proposed(marker, "Action 3.2: KW to order new signs.") == [
            (["KW"], "order new signs", None)
        ]

    def test_marker_after_a_sentence_without_owner(self):
        assert proposed(marker, "- Leaflets arrived. Action: To be put in the library.") == [
            ([], "To be put in the library", None)
        ]

    def test_trailing_owner_tag_takes_the_text_before(self):
        assert proposed(marker, "Redraft the leaflet.  Action: MW") == [
            (["MW"], "Redraft the leaflet", None)
        ]

    def test_done_tag_is_completed(self):
        assert proposed(marker, "Send it to the printer.  Done: LK Vote 4 carried") == [
            (["LK"], "Send it to the printer", "completed")
        ]

    def test_tag_on_its_own_line_takes_the_committed_sentence(self):
        text = (
            "The bench is broken. The clerk would ask the council to repair it. "
            "Members thanked her.\nAction GP\n"
        )
        assert proposed(marker, text) == [
            (["GP"], "The clerk would ask the council to repair it", None)
        ]

    def test_two_tags_in_a_row_take_the_sentences_naming_them(self):
        text = (
            "TR said he would ring the contractor.\n\nA rota is needed for the hall.\n\n"
            "Action By: TR\n\nAction By: PL / ALL\n"
        )
        assert proposed(marker, text) == [
            (["TR"], "TR said he would ring the contractor", None),
            (["PL", "ALL"], "A rota is needed for the hall", None),
        ]

    def test_nil_tag_is_not_an_action(self):
        assert [c.cues for c in marker.find(section("Noted.\n\nAction By: Nil\n"))] == [{"nil"}]

    def test_inline_action_in_brackets(self):
        text = "Parking was raised. Officers will survey the street. (Action: Dee Roy/Clerk)"
        assert proposed(marker, text) == [
            (["Dee Roy", "Clerk"], "Officers will survey the street", None)
        ]

    def test_initials_in_brackets_close_the_text(self):
        assert proposed(marker, "Circulate the revised budget. [HB / JT]") == [
            (["HB", "JT"], "Circulate the revised budget", None)
        ]

    def test_short_instruction_takes_its_subject(self):
        text = "7. Noise complaints policy\n\nAdopt it. Action: FN"
        assert proposed(marker, text) == [(["FN"], "Noise complaints policy: Adopt it", None)]


    def test_owner_between_marker_and_colon(self):
        assert proposed(marker, "- Action new starters: complete the induction") == [
            (["new starters"], "complete the induction", None)
        ]

    def test_status_on_the_line_after_the_action(self):
        text = "- ACTION PD: Book the coach\n- Action Complete\n- ACTION LS: Print tickets\n"
        assert proposed(marker, text) == [
            (["PD"], "Book the coach", "completed"),
            (["LS"], "Print tickets", None),
        ]

    def test_progress_note_in_brackets_gives_status(self):
        assert proposed(marker, "Action RS: Renew the licence (carried forward, not yet paid)") == [
            (["RS"], "Renew the licence", "open")
        ]


    def test_owner_column_flattened_onto_the_end(self):
        text = "ii) Cllr. B. Rowe would ask the council to mend the stile. Cllr. B. Rowe"
        assert proposed(marker, text) == [(["B. Rowe"], "ask the council to mend the stile", None)]

    @pytest.mark.parametrize("text", ["iv) Bank statement for May. Noted", "Post. Website"])
    def test_a_lone_word_at_the_end_is_no_owner(self, text):
        assert proposed(marker, text) == []


class TestTable:
    def test_action_log_rows_with_status_column(self):
        text = (
            "| Ref | Action | Owner | Status |\n|---|---|---|---|\n"
            "| 1 | Repaint the shelter | BK | Complete |\n| 2 | Chase the quote | AM & BK | "
            "In progress |\n"
        )
        assert proposed(table, text) == [
            (["BK"], "Repaint the shelter", "completed"),
            (["AM", "BK"], "Chase the quote", "open"),
        ]

    def test_table_without_an_action_column_is_not_an_action_log(self):
        text = "| Payee | Detail | Total |\n| Water Co | Standpipe | 12.00 |\n"
        assert proposed(table, text) == []

    def test_one_cell_per_line_table(self):
        text = "No.\nAction\nOwner\n1\nPrint the agenda\nDJ\n2\nBook a speaker\nEF\n"
        assert proposed(table, text) == [
            (["DJ"], "Print the agenda", None),
            (["EF"], "Book a speaker", None),
        ]


class TestCheckbox:
    def test_ticked_and_open_boxes_with_owners(self):
        text = "- [ ] (Rana) write the newsletter\n- [x] Tomas: renew the domain\n"
        assert proposed(checkbox, text) == [
            (["Rana"], "write the newsletter", "open"),
            (["Tomas"], "renew the domain", "completed"),
        ]


class TestActionList:
    def test_name_colon_task_under_an_action_heading(self):
        text = (
            "## Action items\n- Lena Park: Draft the grant bid\n"
            "- Omar & Lena Park: Call the bank\n"
        )
        assert proposed(action_list, text) == [
            (["Lena Park"], "Draft the grant bid", None),
            (["Omar", "Lena Park"], "Call the bank", None),
        ]

    def test_numbered_owner_list_keeps_the_number(self):
        (found,) = action_list.find(section("## Actions\n* 4.1: VB/KO: Test the backup"))
        assert (found.key, found.owners, found.text) == ("4.1", ["VB", "KO"], "Test the backup")

    def test_owner_name_over_their_tasks(self):
        text = "ACTIONS:\nPriya\n- Book the hall\n- Print flyers\n\nTom\n- Buy paint\n"
        assert proposed(action_list, text) == [
            (["Priya"], "Book the hall", None),
            (["Priya"], "Print flyers", None),
            (["Tom"], "Buy paint", None),
        ]

    def test_topic_headings_are_not_owners(self):
        text = "## Actions\n### Budget\n#### Finance\n- Pay the invoice\n"
        assert proposed(action_list, text) == [([], "Pay the invoice", None)]

    def test_none_is_no_action(self):
        assert proposed(action_list, "**Agreed actions**\n- (none)\n") == []

    def test_items_under_other_headings_are_not_read(self):
        assert proposed(action_list, "## Discussion\n- Lena Park: Draft the grant bid\n") == []


class TestReview:
    def test_status_in_the_wording_under_matters_arising(self):
        text = (
            "Matters arising:\n- The quote for the railings had been received and accepted.\n"
            "- The hedge letter had not been sent and would need to be chased.\n"
            "- Footpath survey - this is on the agenda at item 6.\n"
        )
        assert [(o, s) for o, _, s in proposed(review, text)] == [([], "open")]

    def test_done_wording(self):
        text = "Matters arising:\n- The invoice to the school had been sent.\n"
        assert proposed(review, text) == [
            ([], "The invoice to the school had been sent", "completed")
        ]

    def test_action_code_with_status(self):
        assert proposed(review, "PK04 \u2013 this action had been completed.") == [
            ([], "PK04 \u2013 this action had been completed", "completed")
        ]


class TestCommitment:
    @pytest.mark.parametrize(
        ("sentence", "owners", "task"),
        [
            ("Nadia agreed to write to the landlord.", ["Nadia"], "write to the landlord"),
            ("The Treasurer undertook to check the accounts.", ["The Treasurer"],
             "check the accounts"),
            ("Ravi will draft the terms of reference.", ["Ravi"],
             "draft the terms of reference"),
            ("All members were asked to read the draft.", ["All members"], "read the draft"),
            ("JB \u2013 to send the figures to the panel.", ["JB"],
             "send the figures to the panel"),
            ("Members discussed it and KL said that she would invite the police.", ["KL"],
             "invite the police"),
            ("It was agreed that the Clerk would write to the police.", ["the Clerk"],
             "write to the police"),
        ],
    )
    def test_commitments(self, sentence, owners, task):
        assert proposed(commitment, sentence) == [(owners, task, None)]

    @pytest.mark.parametrize(
        "sentence",
        [
            "The report will be published in May.",
            "Ravi would like more detail.",
            "The Board agreed to note the report.",
            "It will need further work.",
        ],
    )
    def test_not_commitments(self, sentence):
        assert proposed(commitment, sentence) == []


class TestResolution:
    def test_subjunctive_task_with_a_doer(self):
        text = (
            "RESOLVED that \u2013\n(a) the accounts be approved, and\n"
            "(b) the Clerk write to the bank."
        )
        assert proposed(resolution, text) == [(["the Clerk"], "write to the bank", None)]

    def test_passive_task_without_a_doer(self):
        text = "RESOLVED \u2013 That the item be deferred, and that the plan be revised by June."
        assert proposed(resolution, text) == [([], "the plan to be revised by June", None)]

    def test_a_doer_asked_to_act(self):
        text = "RESOLVED that the Head of Parks be asked to report back on the trial."
        assert proposed(resolution, text) == [
            (["the Head of Parks"], "report back on the trial", None)
        ]

    def test_noting_is_a_decision(self):
        assert proposed(resolution, "RESOLVED that the report be noted.") == []


class TestDecision:
    def test_decisions_and_apologies_are_dropped(self):
        text = (
            "## Apologies\nSam will be away until May.\n\n## Minutes\n"
            "The minutes were approved as a true record.\n\nAction By: All\n"
        )
        assert kept(text) == []

    def test_prose_and_closing_list_are_one_action(self):
        text = (
            "Nadia will draft the bylaws for review.\n\n## Action items\n"
            "- Nadia Brown: Draft the bylaws for review\n"
        )
        assert kept(text) == [(["Nadia Brown"], "Draft the bylaws for review", "open")]

    def test_review_table_and_new_actions_table_by_number(self):
        text = (
            "| No. | Action | Resp. | Status |\n| 5.1 | Update the map | HW | Not done |\n\n"
            "## New Actions\n\n| No. | Action | Resp. |\n| 5.1 | Update the map | HW & PL |\n"
        )
        assert kept(text) == [(["HW", "PL"], "Update the map", "open")]

    def test_lead_in_sets_the_status_of_the_list(self):
        text = "The following actions were completed:\n\nACTION: Jo Kerr to post the notice\n"
        assert kept(text) == [(["Jo Kerr"], "post the notice", "completed")]

    def test_every_kept_action_has_confidence_and_finder(self):
        found = find_actions([(None, "ACTION: Jo Kerr to post the notice")], "", 10, [])
        assert [(a.finder, a.confidence >= 0.5) for a in found] == [("marker", True)]


@pytest.mark.parametrize(
    "text",
    [
        "The gate needs a lock.\nAction: KW\n" * 15_000,
        "| Action | Owner | Status |\n" + "| Mend it | KW | Done |\n" * 20_000,
        "No.\nAction\nOwner\nStatus\n" * 30_000,
        "- [ ] (Ann) order chairs\n" * 20_000,
        "RESOLVED that the Chair contact the team, and that the plan be developed; " * 6_000,
        "Matters arising:\n" + "- The letter had not been sent. " * 15_000,
    ],
    ids=["tags", "table", "cells", "checkboxes", "resolutions", "review"],
)
def test_half_a_megabyte_of_one_style_is_fast(text):
    started = time.perf_counter()
    warnings: list[str] = []
    find_actions([(None, text)], text, 2000, warnings)
    assert time.perf_counter() - started < 3.0  # about 0.5 s on an idle machine


class TestOwners:
    def test_initials_resolved_through_the_attendance_list(self):
        text = (
            "Present: Rob Patel (RP), Ana Lim (AL)\n\n- WB \u2013 Wendy Bloom\n\n"
            "ACTION: RP/AL to print the map\n\nACTION: WB to book a room\n"
        )
        found = find_actions([(None, text)], text, 10, [])
        assert [(a.owners, a.owner_names) for a in found] == [
            (["RP", "AL"], ["Rob Patel", "Ana Lim"]),
            (["WB"], ["Wendy Bloom"]),
        ]

    def test_unexplained_initials_are_kept_with_a_warning(self):
        warnings: list[str] = []
        found = find_actions([(None, "ACTION: QZ to phone the school")], "", 10, warnings)
        assert [(a.owners, a.owner_names) for a in found] == [(["QZ"], ["QZ"])]
        assert warnings == [
            'action owners "QZ" are initials the attendance list does not explain; '
            "they are kept as written"
        ]

    def test_several_owners_and_roles(self):
        assert proposed(marker, "ACTION: the Chair, Lee Ho and Kim to meet the police") == [
            (["Chair", "Lee Ho", "Kim"], "meet the police", None)
        ]
