"""Who is talking: a Teams user (AAD object id, display name, email) -> a person on the board.

A Teams identity is linked to a person once. On first contact a confident match of the display
name links it; an ambiguous one lists candidates (the handler asks "Which of these are you?");
no match leaves the user unlinked, and the secretariat can link them.
"""

from __future__ import annotations

from dataclasses import dataclass

from board.errors import AmbiguousName, Candidate, InvalidInput, UnknownName
from board.model import PersonView
from board.services import Clerk


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


def identify(clerk: Clerk, aad_object_id: str, name: str | None, email: str | None) -> Identity:
    person = clerk.person_for_identity(aad_object_id)
    if person is not None:
        return Known(person)
    try:
        person = clerk.resolve_person(name or "")
    except AmbiguousName as error:
        return Ambiguous(tuple(error.candidates))
    except (UnknownName, InvalidInput):
        return Unknown()
    return Known(clerk.link_identity(person.id, aad_object_id, email), newly_linked=True)
