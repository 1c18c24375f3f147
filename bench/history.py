"""A large board history for benchmarks, loaded through the same loader as real minutes.

    .venv/bin/python -m bench.history --db URL [--meetings 2000 --people 5000 --actions 100000]

Each meeting raises its share of the actions (owners drawn from the people), lists some earlier
actions again as completed (so there are events beyond "created"), and adds forward plan items.
People are named "<first> <surname><n>" so 5,000 distinct people exist and resolve uniquely.
"""

from __future__ import annotations

import argparse
import random
import time
from datetime import date, timedelta

from bench.minutes_gen import FIRST, LAST, TOPICS, VERBS
from minutes.loader import load_minutes
from minutes.model import NextMeeting, ParsedAction, ParsedMinutes, ParsedPlanItem
from storage.wiring import App, open_app


def person_names(count: int) -> list[str]:
    return [
        f"{FIRST[i % len(FIRST)]} {LAST[(i // len(FIRST)) % len(LAST)]}{i}" for i in range(count)
    ]


def build(app: App, *, meetings: int, people: int, actions: int, seed: int = 11) -> None:
    rng = random.Random(seed)
    names = person_names(people)
    with app.uow() as repo:  # the board's directory of people exists before their actions
        for name in names:
            repo.add_person(name)
    per_meeting = max(1, actions // meetings)
    day = date(1990, 1, 3)
    previous: list[ParsedAction] = []
    for number in range(meetings):
        raised = []
        for i in range(per_meeting):
            topic = rng.choice(TOPICS)
            owners = [names[(number * per_meeting + i) % people]]
            if i % 7 == 0:
                owners.append(rng.choice(names))
            raised.append(
                ParsedAction(
                    owners=owners,
                    text=f"{rng.choice(VERBS)} {topic} (meeting {number}, item {i})",
                    status="open",
                    agenda_item=topic.capitalize(),
                    quote="",
                )
            )
        closed = [
            ParsedAction(a.owners, a.text, "completed", a.agenda_item, a.quote)
            for a in previous[: len(previous) // 2]
        ]
        nxt = day + timedelta(days=7)
        parsed = ParsedMinutes(
            meeting_date=day,
            actions=closed + raised,
            forward_plan=[ParsedPlanItem(f"{nxt:%Y-%m}", f"{rng.choice(TOPICS)} update")],
            next_meeting=NextMeeting(nxt, "10:00", "Town Hall", names[0]),
        )
        data = f"generated meeting {number} {seed}".encode()
        with app.uow() as repo:
            load_minutes(
                repo,
                board=app.clerk.board,
                parsed=parsed,
                file_name=f"generated-{number}.txt",
                file_format="txt",
                data=data,
                text=data.decode(),
            )
        previous, day = raised, nxt


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True)
    parser.add_argument("--board", default="Community Safety Partnership")
    parser.add_argument("--meetings", type=int, default=2000)
    parser.add_argument("--people", type=int, default=5000)
    parser.add_argument("--actions", type=int, default=100_000)
    args = parser.parse_args()
    app = open_app(args.db, board=args.board, admins=[])
    started = time.perf_counter()
    build(app, meetings=args.meetings, people=args.people, actions=args.actions)
    print(
        f"loaded {args.meetings} meetings, {args.actions} actions in "
        f"{time.perf_counter() - started:.0f} s"
    )


if __name__ == "__main__":
    main()
