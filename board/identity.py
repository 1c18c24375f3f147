"""Who is talking, and who may say so: linking Teams identities to people.

The rules (issue 13), enforced here for every way in (chat, card, dialog, CLI):

- A Teams identity already linked is that person; nothing a message says changes it.
- A verified attribute (the email or UPN the Teams roster gives for the member, equal to an
  email the secretariat recorded for a person) links that person, even an admin or someone
  already linked (the old link is replaced, audited and reported).
- A display name only proposes: it links a person who has no link and is not an admin, when
  it names them confidently and nobody else; a weaker or shared match asks "Which of these
  are you?" among such people only. Admins and anyone linked are never offered.
- Anything else is linked by the secretariat (chat ``link ...`` or ``clerk people link``).

Every link, relink and unlink, every email recorded and every admin right given or taken is
an identity event (append-only) and a notice for the secretariat, delivered to the admins'
personal chats by the bot's scheduler.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from board.errors import Candidate, InvalidInput, PermissionDenied
from board.model import Actor, IdentityEventView, PersonView, TeamsUser
from board.names import teams_display_name

# A display-name match at least this good (the whole name, or a nickname of the first name
# with the surname) links without asking; weaker ones (a first name alone, a typo) ask.
CONFIDENT = 95.0
ADMIN_KINDS = ("admin", "not admin")
MAX_SHOWN = 100
_MARKUP = re.compile(r"[\[\]*_`<>#|~\\]")


@dataclass(frozen=True)
class Known:
    person: PersonView
    newly_linked: bool = False


@dataclass(frozen=True)
class Ambiguous:
    candidates: tuple[Candidate, ...]


@dataclass(frozen=True)
class Unknown:
    pass


Identity = Known | Ambiguous | Unknown


def may_propose(person: PersonView) -> bool:
    """Whether a display name may propose linking this person at all."""
    return person.aad_object_id is None and not person.is_admin


def shown_name(display_name: str | None) -> str:
    """A display name (anyone's typing) as the secretariat is shown it: no markdown that
    could make a link or emphasis, no address that could become one, and short."""
    name = _MARKUP.sub("", display_name or "").replace("://", ": //")
    return " ".join(name.split())[:MAX_SHOWN] or "(no name)"


def _who(user: TeamsUser) -> str:
    tenant = f", tenant {user.tenant}" if user.tenant else ""
    return f'Teams user "{shown_name(user.display_name)}" (id {user.aad_object_id}{tenant})'


def how_to_link(aad: str) -> str:
    return (f'To link them, say "link {aad} to NAME" in chat, or run: '
            f'clerk people link "NAME" --aad-object-id {aad}')


def link_notice(person: PersonView, aad: str, actor: Actor, source: str, old: str | None,
                user: TeamsUser | None) -> str:
    by = {"display name": "by their Teams display name",
          "roster": "by the email Teams gives for them"}.get(source, f"by {actor.label} ({source})")
    who = _who(user) if user else f"Teams user {aad}"
    replaced = f" It replaces their earlier link to Teams user {old}." if old else ""
    undo = (f' If that is not {person.name}, say "unlink {person.name}".'
            if source in ("display name", "roster") else "")
    return f"{who} was linked to {person.name} {by}.{replaced}{undo}"


def unmatched_notice(user: TeamsUser, taken: list[PersonView] | None) -> str:
    """``taken``: the admins or linked people the name matched (None: the member said none
    of the people proposed is them)."""
    if taken is None:
        why = "they said none of the people their name matches is them"
    elif taken:
        names = ", ".join(p.name for p in taken)
        why = (f"their name matches {names}, who is an admin or already linked, and a display "
               "name never links those")
    else:
        why = "their name matches nobody in the minutes"
    return (f"{_who(user)} wrote to Clerk and is not linked: {why}. "
            f"{how_to_link(user.aad_object_id)}")


def event_notice(event: IdentityEventView) -> str:
    what = {"unlinked": f"{event.person} was unlinked from Teams user {event.old}",
            "email": f"{event.person}'s email was set to {event.new or '(none)'}",
            "admin": f"{event.person} was made an admin",
            "not admin": f"{event.person} is no longer an admin"}[event.kind]
    return f"{what} by {event.actor} ({event.source})."


def require_secretariat(is_admin: bool, actor: Actor, what: str) -> None:
    """The command line (whoever holds the database) and admins may change identities."""
    if actor.source != "cli" and not is_admin:
        raise PermissionDenied(f"Only the secretariat can {what}.")


def proposal_name(user: TeamsUser) -> str:
    """The name to match for a display name as organisations write it."""
    name = teams_display_name(user.display_name or "")
    if not name:
        raise InvalidInput("no display name")
    return name
