"""Composition root: one database and the board's services over it."""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from datetime import date

from sqlalchemy.exc import SQLAlchemyError

from board.errors import ClerkError
from board.services import Clerk
from storage.db import Database
from storage.uow import UnitOfWork

DEFAULT_BOARD = "Community Safety Partnership"
log = logging.getLogger(__name__)


def admin_names(value: str | None = None) -> list[str]:
    """The secretariat/chairs to seed as admins: CLERK_ADMINS="Jade Hodgson; Stuart Bell"
    (the database keeps who is an admin; see ``Clerk.seed_admins``)."""
    value = os.environ.get("CLERK_ADMINS", "") if value is None else value
    return [name.strip() for name in value.replace(";", ",").split(",") if name.strip()]


@dataclass
class App:
    db: Database
    clerk: Clerk
    uow: UnitOfWork


def open_app(
    url: str | None = None,
    *,
    board: str | None = None,
    today: date | str | None = None,
    admins: list[str] | None = None,
) -> App:
    db = Database(url)
    uow = UnitOfWork(db)
    clerk = Clerk(
        uow,
        board=board or os.environ.get("CLERK_BOARD") or DEFAULT_BOARD,
        admins=admin_names() if admins is None else admins,
        today=today,
    )
    try:
        clerk.seed_admins()
    except (ClerkError, SQLAlchemyError) as error:  # e.g. read-only: /healthz will say so
        log.warning("could not seed the admins from CLERK_ADMINS: %s", error)
    return App(db, clerk, uow)
