from datetime import date

import pytest

from board.errors import InvalidInput
from tests.builders import add_item, add_meeting


@pytest.fixture
def minutes(app):
    september = add_meeting(app, date(2021, 9, 15))
    december = add_meeting(app, date(2021, 12, 8))
    add_item(app, september, "Knife Crime Prevention Orders",
             "James Rush updated the board on the KCPOs introduced by the MPS on a pilot.")
    add_item(app, september, "RESTRICTED: Stephen Port Inquest",
             "Confidential knife crime detail that must never be shown.", restricted=True)
    add_item(app, december, "Serious violence", "Knife crime fell by 22% over the year.")
    return app


def test_search_finds_items_with_snippets(minutes):
    hits = minutes.clerk.search("KCPO")
    assert [(h.meeting_date, h.item_title) for h in hits] == [
        (date(2021, 9, 15), "Knife Crime Prevention Orders")
    ]
    assert "**KCPOs**" in hits[0].snippet


def test_search_matches_every_word_and_stems(minutes):
    titles = [h.item_title for h in minutes.clerk.search("knife crimes")]
    assert sorted(titles) == ["Knife Crime Prevention Orders", "Serious violence"]
    assert [h.item_title for h in minutes.clerk.search("violence fell")] == ["Serious violence"]


def test_restricted_items_are_never_found(minutes):
    assert minutes.clerk.search("confidential") == []
    assert all("Confidential" not in h.snippet for h in minutes.clerk.search("knife"))


@pytest.mark.parametrize("query", ["", "   ", "?!", '"'])
def test_empty_search_is_refused(minutes, query):
    with pytest.raises(InvalidInput):
        minutes.clerk.search(query)


def test_search_text_with_operators_is_taken_literally(minutes):
    assert minutes.clerk.search('knife OR NEAR(" crime') == []
