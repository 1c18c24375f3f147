"""A corrected version of minutes already loaded, and later minutes naming a new owner.

Re-ingesting minutes of a meeting Clerk already has revises the actions that meeting raised:
the same action reworded, re-owned or with another status is updated (not added again), an
action the corrected minutes no longer list is withdrawn, and what a person changed by hand
(in chat, on a card, on the command line) is kept. Every difference is an event on the
action and a line in the load summary.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from rapidfuzz import fuzz

from board.services import WITHDRAWN, action_key

REWORDED_CUTOFF = 70.0  # within one meeting's actions a looser match is still the same action

Owners = list[tuple[int | None, str | None]]
Record = Callable[[int, str, str | None], None]  # (action id, event kind, note)


@dataclass
class Known:
    """An action already on the log, as the revision needs it."""

    id: int
    number: int
    text: str
    key: str
    status: str
    owners: Owners
    by_hand: frozenset[str]  # "text", "owners", "status": changed by a person


def _names(repo, owners: Owners) -> str:
    return repo.owner_names(owners) or "nobody"


def revise_meeting(repo, earlier: list[Known], prepared: list, record: Record,
                   summary) -> list:
    """Match a corrected document's actions to those its meeting already raised; update or
    withdraw those; return the document's actions that match none of them."""
    if not earlier:
        return prepared
    left = {known.id: known for known in earlier}
    by_key = {known.key: known for known in earlier}
    rest, pairs = [], []
    for item in prepared:
        known = by_key.get(item[2])
        if known is not None and known.id in left:
            pairs.append((item, left.pop(known.id)))
        else:
            rest.append(item)
    still = []
    for item in rest:  # reworded: the closest of the meeting's actions not yet matched
        scored = [(fuzz.token_set_ratio(item[2], k.key), k.id) for k in left.values()]
        best = max(scored, default=(0.0, None))
        if best[0] >= REWORDED_CUTOFF:
            pairs.append((item, left.pop(best[1])))
        else:
            still.append(item)
    for (parsed, owners, _), known in pairs:
        revise(repo, known, parsed.text, owners, parsed.status, record, summary)
    for known in left.values():
        _gone(repo, known, record, summary)
    return still


def revise(repo, known: Known, text: str, owners: Owners, status: str, record: Record,
           summary) -> None:
    """Bring one action in line with what the corrected minutes say, except what was
    changed by hand."""
    changed = False
    n = known.number
    if known.status == WITHDRAWN:
        summary.actions_unchanged += 1
        return
    if text != known.text:
        if "text" in known.by_hand:
            summary.changes.append(f'action {n}: kept the wording edited by hand ("{known.text}")')
        else:
            repo.set_action_text(known.id, text, action_key(text))
            record(known.id, "edited", f'text changed from "{known.text}" to "{text}"')
            summary.changes.append(f'action {n}: reworded to "{text}"')
            changed = True
    if owners and set(owners) != set(known.owners):
        changed = change_owners(repo, known, owners, record, summary) or changed
    if status != known.status:
        if "status" in known.by_hand:
            summary.changes.append(f"action {n}: kept {known.status}, as set by hand")
        elif repo.set_status(known.id, expected=known.status, new=status):
            record(known.id, "closed" if status == "completed" else "reopened",
                   "corrected minutes")
            summary.changes.append(f"action {n}: now {status}")
            changed = True
    if changed:
        summary.actions_updated += 1
    else:
        summary.actions_unchanged += 1


def change_owners(repo, known: Known, owners: Owners, record: Record, summary) -> bool:
    """The owners the minutes name, unless a person set them by hand or a name is unclear;
    the summary says why not."""
    n, before, after = known.number, _names(repo, known.owners), _names(repo, owners)
    if "owners" in known.by_hand:
        summary.changes.append(f"action {n}: the minutes name {after}; kept {before}, set by "
                               "hand")
        return False
    unclear = [role for person, role in owners if person is None and role
               and role not in {r for _, r in known.owners}]
    if unclear and not any(person for person, _ in owners):
        summary.changes.append(f"action {n}: the minutes name {', '.join(unclear)}, who is not "
                               f"a known person; kept {before}")
        return False
    repo.set_action_owners(known.id, owners)
    record(known.id, "assigned", f"owners changed from {before} to {after}")
    summary.changes.append(f"action {n}: owner changed from {before} to {after}")
    return True


def _gone(repo, known: Known, record: Record, summary) -> None:
    n = known.number
    if known.status == WITHDRAWN:
        return
    if known.by_hand:
        summary.changes.append(f"action {n}: no longer in the minutes; kept, as changed by hand")
        return
    if repo.set_status(known.id, expected=known.status, new=WITHDRAWN):
        record(known.id, WITHDRAWN, f"status changed from {known.status} to withdrawn: no "
                                    "longer in the corrected minutes")
        summary.changes.append(f'action {n}: withdrawn, no longer in the minutes ("{known.text}")')
        summary.actions_updated += 1
