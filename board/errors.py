"""Errors the services raise. Each carries a one-line message fit to show a user."""

from __future__ import annotations

from dataclasses import dataclass


class ClerkError(Exception):
    """Base class: ``str(error)`` is the message for the user; nothing was changed."""


class NotFound(ClerkError):
    pass


class InvalidInput(ClerkError):
    pass


class PermissionDenied(ClerkError):
    pass


class Conflict(ClerkError):
    """The change is not allowed in the record's current state (e.g. closing a closed action)."""


class Unavailable(ClerkError):
    """The database cannot be reached; nothing was changed."""


@dataclass(frozen=True)
class Candidate:
    person_id: int
    name: str


class AmbiguousName(ClerkError):
    def __init__(self, name: str, candidates: list[Candidate]) -> None:
        self.name = name
        self.candidates = candidates
        names = ", ".join(c.name for c in candidates)
        super().__init__(f'"{name}" could be several people: {names}. Please give the full name.')


class UnknownName(NotFound):
    def __init__(self, name: str) -> None:
        self.name = name
        super().__init__(f'I don\'t know anyone called "{name}" on this board.')
