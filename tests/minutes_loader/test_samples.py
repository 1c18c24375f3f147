"""The real sample minutes, ingested in date order (twice), as the secretariat would."""

from datetime import date

import pytest
from sqlalchemy import func, select

from minutes.ingest import ingest_file
from storage.models import Base
from tests.conftest import SAMPLES

LBBD = [
    "lbbd-csp-2020-12-09.txt",
    "lbbd-csp-2021-09.txt",
    "lbbd-csp-2022-12-07.txt",
    "lbbd-csp-2023-12-06.md",
]


def ingest_all(app):
    return [ingest_file(app.uow, SAMPLES / name, board=app.clerk.board) for name in LBBD]


def snapshot(app) -> dict[str, int]:
    with app.uow() as repo:
        return {
            table.name: repo.session.scalar(select(func.count()).select_from(table))
            for table in Base.metadata.sorted_tables
        }


@pytest.fixture
def loaded(app):
    ingest_all(app)
    return app


def test_ingesting_again_leaves_the_same_database(loaded):
    before = snapshot(loaded)
    assert all(summary.duplicate for summary in ingest_all(loaded))
    assert snapshot(loaded) == before


def test_jade_hodgsons_actions_across_meetings(loaded):
    actions = loaded.clerk.actions(owner="Jade Hodgson", status="all")
    assert [(a.meeting_date, a.status, a.text[:40]) for a in actions] == [
        (date(2020, 12, 9), "open", "discuss promotion of case studies"),
        (date(2021, 9, 1), "completed", "follow up with Mike Cullern regarding pr"),
        (date(2021, 9, 1), "open", "share stribe/tootoot app to highlight th"),
        (date(2021, 9, 1), "completed", "link in with Sharon White to provide an "),
        (date(2021, 9, 1), "completed", "update CSP Board forward plan"),
    ]


def test_people_are_one_person_under_their_spellings(loaded):
    daniel = loaded.clerk.resolve_person("Dan James")
    assert daniel.name == "Daniel James" and "Dan James" in daniel.aliases
    assert loaded.clerk.resolve_person("DS James Rush").name == "James Rush"
    chris = loaded.clerk.actions(owner="Chris Lyons", status="all")
    assert any(a.text.startswith("share the National Hate Crime") for a in chris)


def test_forward_plan_and_meetings_from_the_minutes(loaded):
    month, items = loaded.clerk.plan("March")  # today is 10 January 2024 in tests
    assert month == "2024-03"
    assert "One Panel update" in [i.title for i in items]
    assert loaded.clerk.next_meeting().date == date(2024, 4, 3)
    last = loaded.clerk.last_meeting()
    assert (last.date, last.chair) == (date(2023, 12, 6), "Stuart Bell")


def test_search_finds_the_kcpo_item_of_september_2021(loaded):
    hits = loaded.clerk.search("KCPOs")
    assert hits and hits[0].meeting_date.strftime("%Y-%m") == "2021-09"
    assert "**KCPOs**" in hits[0].snippet
    # "Stephen Port Inquest" is a restricted item: its title is known, its content never searched.
    assert all("RESTRICTED" not in h.item_title for h in loaded.clerk.search("Stephen Port"))
