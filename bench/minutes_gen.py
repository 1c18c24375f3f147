"""Generate board minutes in the style of the samples, for benchmarks (deterministic)."""

from __future__ import annotations

import random
from datetime import date, timedelta

FIRST = [
    "Jade",
    "Chris",
    "Daniel",
    "Angela",
    "Stuart",
    "Katie",
    "Gary",
    "Andy",
    "Sharon",
    "Mark",
    "Amolak",
    "Nathan",
    "Isabelle",
    "Paul",
    "Angie",
    "Fiona",
    "Hazel",
    "Stephen",
    "Ian",
    "Helen",
    "Sarah",
    "David",
    "Matthew",
    "Julia",
    "Oliver",
    "Carol",
    "James",
    "April",
]
LAST = [
    "Hodgson",
    "Lyons",
    "James",
    "D'Urso",
    "Bell",
    "Jones",
    "Opie",
    "White",
    "Long",
    "Tatter",
    "Singleton",
    "Kennedy",
    "Trevers",
    "Fuller",
    "Taylor",
    "North",
    "Hynes",
    "Kershaw",
    "Millichap",
    "Robertson",
    "Rhodes",
    "Cole",
    "Kanji",
    "Marshall",
    "Weeden",
]
TOPICS = [
    "knife crime",
    "the women's safety survey",
    "CCTV coverage",
    "ASB MARAC referrals",
    "the serious violence duty",
    "hate crime reporting",
    "the VAWG action plan",
    "the drugs and alcohol tender",
    "youth diversion funding",
    "the Prevent update",
    "stop and search monitoring",
    "the reducing reoffending dashboard",
    "safe havens",
    "the domestic homicide review",
    "the community champions fund",
]
VERBS = [
    "share",
    "circulate",
    "review",
    "report back on",
    "present an update on",
    "meet partners about",
    "draft a proposal on",
    "follow up on",
    "confirm funding for",
]
PARAGRAPH = (
    "The board discussed {topic} at length. Partners noted the progress made since the last "
    "meeting and the areas where further work is needed, including data sharing, attendance "
    "at subgroups and the alignment of priorities with the borough plan. "
)


def people(count: int, rng: random.Random) -> list[str]:
    names = {f"{rng.choice(FIRST)} {rng.choice(LAST)}" for _ in range(count * 3)}
    return sorted(names)[:count]


def minutes(
    day: date, rng: random.Random, pool: list[str], carried: list[str], size: int = 20_000
) -> tuple[str, list[str]]:
    """One document of about ``size`` characters; returns it and the actions it raised.
    Half of ``carried`` (earlier actions) are listed again as completed."""
    lines = [
        "Community Safety Partnership",
        f"Wednesday, {day.day} {day:%B %Y} 10:00 am",
        "",
        "Venue: Town Hall",
        "",
        f"Contact: {pool[0]}, Policy Officer",
        "",
    ]
    raised: list[str] = []
    if carried:
        lines += ["1.", "", "Minutes", "", "The following actions have been completed:", ""]
        lines += [f"- ACTION: {a} (COMPLETED)." for a in carried[: len(carried) // 2]]
        lines.append("")
    number = 2
    while sum(len(line) + 1 for line in lines) < size - 600:
        topic = rng.choice(TOPICS)
        lines += [f"{number}.", "", topic.capitalize().replace("The ", ""), "", "Minutes:", ""]
        lines += [PARAGRAPH.format(topic=topic) * 3, ""]
        for _ in range(rng.randint(0, 2)):
            action = f"{rng.choice(pool)} to {rng.choice(VERBS)} {topic} by {day:%B} {number}"
            raised.append(action)
            lines += [f"ACTION: {action}.", ""]
        number += 1
    nxt = day + timedelta(days=7)
    lines += [
        f"{number}.",
        "",
        "Forward Plan",
        "",
        "Minutes:",
        "",
        f"The items that would be presented in {nxt:%B %Y} CSP:",
        "",
        f"  • {rng.choice(TOPICS).capitalize()} update",
        "",
        f"{number + 1}.",
        "",
        "Date of next meeting",
        "",
        "Community Safety Partnership Board",
        f"{nxt:%A} {nxt.day} {nxt:%B %Y}, 10:00am-13:00pm",
        "Chair: " + pool[1],
        "",
    ]
    return "\n".join(lines), raised
