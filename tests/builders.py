"""Build board records for tests through the repository (no parsing involved)."""

from __future__ import annotations

from datetime import date

from storage.models import AgendaItem, Meeting
from storage.wiring import App


def add_people(app: App, *names: str) -> dict[str, int]:
    with app.uow() as repo:
        return {name: repo.add_person(name).id for name in names}


def add_meeting(app: App, day: date, status: str = "held", **fields) -> int:
    with app.uow() as repo:
        meeting = Meeting(
            board_id=repo.board_id(app.clerk.board), date=day, status=status, **fields
        )
        repo.session.add(meeting)
        repo.session.flush()
        return meeting.id


def add_action(
    app: App,
    text: str,
    owners: list[str],
    *,
    status: str = "open",
    meeting_id: int | None = None,
) -> int:
    """Add an action owned by people (by exact name) or roles; returns its short number."""
    with app.uow() as repo:
        board_id = repo.board_id(app.clerk.board)
        by_name = {p.name: p.id for p in repo.people()}
        number = repo.take_action_numbers(board_id, 1)
        (action_id,) = repo.add_actions(
            [
                dict(
                    board_id=board_id,
                    number=number,
                    text=text,
                    match_key=text.lower()[:500],
                    status=status,
                    meeting_id=meeting_id,
                    owners=[(by_name.get(o), None if o in by_name else o) for o in owners],
                )
            ]
        )
        repo.add_event(action_id, "created", actor="Minutes", source="minutes")
        return number


def add_item(app: App, meeting_id: int, title: str, text: str, restricted: bool = False) -> None:
    with app.uow() as repo:
        repo.session.add(
            AgendaItem(
                meeting_id=meeting_id, position=0, title=title, text=text, restricted=restricted
            )
        )
