"""Finders: one module per way of writing an action. Each reads a ``Section`` (an agenda
item's blocks) and proposes ``Candidate`` actions with their evidence; ``decide`` alone chooses.

Adding a style means adding a module with ``find(section) -> list[Candidate]`` to ``FINDERS``.
"""

from __future__ import annotations

from minutes.finders import (
    action_list,
    checkbox,
    commitment,
    marker,
    resolution,
    review,
    table,
)

FINDERS = (marker, table, checkbox, action_list, review, resolution, commitment)
