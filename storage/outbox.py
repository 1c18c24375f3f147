"""What Clerk needs to deliver messages and files later: Teams conversation references,
reminder claims, the scheduler's lease, and files published from chat.

Each method is one short transaction. Claims and the lease are single conditional statements,
so several bot processes can call them at once and exactly one wins.
"""

from __future__ import annotations

import secrets
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import delete, select, update
from sqlalchemy.exc import IntegrityError

from storage import limits
from storage.db import Database
from storage.models import (
    ConversationRef,
    Lease,
    NoticeDelivery,
    Person,
    PublishedFile,
    ReminderSent,
    SecretariatNotice,
)

NOTICES_PER_MESSAGE = 20  # more wait for the next run
NOTICE_DAYS = 7  # older notices are in `clerk people audit`, not sent


def _now() -> datetime:
    return datetime.now(UTC)


def _aware(moment: datetime) -> datetime:
    """SQLite hands back naive datetimes; they were written in UTC."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


class Outbox:
    def __init__(self, db: Database) -> None:
        self.db = db

    # conversation references -----------------------------------------------------------
    def remember(self, aad_object_id: str, reference: dict) -> None:
        """Keep (or refresh) where a Teams user can be reached (not an id too long to
        store: the activity is refused before it gets here, see ``limits``)."""
        conversation = reference.get("conversation") or {}
        if (len(aad_object_id) > limits.TEAMS_ID
                or len(conversation.get("id") or "") > limits.CONVERSATION_ID
                or len(reference.get("serviceUrl") or "") > limits.SERVICE_URL):
            return
        with self.db.transaction() as session:
            row = session.scalar(
                select(ConversationRef).where(
                    ConversationRef.aad_object_id == aad_object_id,
                    ConversationRef.conversation_id == conversation.get("id"),
                )
            )
            if row is None:
                row = ConversationRef(
                    aad_object_id=aad_object_id, conversation_id=conversation.get("id")
                )
                session.add(row)
            row.conversation_type = conversation.get("conversationType")
            row.service_url = reference.get("serviceUrl") or ""
            row.reference = reference
            row.updated_at = _now()

    def personal_references(self, person_ids: list[int]) -> dict[int, dict]:
        """Each person's newest personal chat with Clerk, for those who have one."""
        with self.db.transaction(read=True) as session:
            rows = session.execute(
                select(Person.id, ConversationRef.reference)
                .join(ConversationRef, ConversationRef.aad_object_id == Person.aad_object_id)
                .where(Person.id.in_(person_ids), ConversationRef.conversation_type == "personal")
                .order_by(ConversationRef.updated_at)
            ).all()
        return {person_id: reference for person_id, reference in rows}

    # reminders --------------------------------------------------------------------------
    def claim(self, board_id: int, meeting: date, person_id: int, kind: str) -> bool:
        """True for the one caller that may send this reminder; False if it was claimed."""
        try:
            with self.db.transaction() as session:
                session.add(ReminderSent(board_id=board_id, meeting_date=meeting,
                                         person_id=person_id, kind=kind))
        except IntegrityError:
            return False
        return True

    def release(self, board_id: int, meeting: date, person_id: int, kind: str) -> None:
        """Give a claim back after a failed send, so a later run tries again."""
        with self.db.transaction() as session:
            session.execute(
                delete(ReminderSent).where(
                    ReminderSent.board_id == board_id, ReminderSent.meeting_date == meeting,
                    ReminderSent.person_id == person_id, ReminderSent.kind == kind,
                )
            )

    def lease(self, name: str, holder: str, seconds: float) -> bool:
        """Take or renew a lease; True while this holder has it."""
        now = _now()
        until = now + timedelta(seconds=seconds)
        with self.db.transaction() as session:
            taken = session.execute(
                update(Lease)
                .where(Lease.name == name, (Lease.holder == holder) | (Lease.expires_at < now))
                .values(holder=holder, expires_at=until)
            ).rowcount
            if taken:
                return True
            if session.get(Lease, name) is not None:
                return False
        try:
            with self.db.transaction() as session:
                session.add(Lease(name=name, holder=holder, expires_at=until))
        except IntegrityError:
            return False
        return True

    # notices for the secretariat ----------------------------------------------------------
    def pending_notices(self, person_id: int, limit: int = NOTICES_PER_MESSAGE,
                        days: int = NOTICE_DAYS) -> list[tuple[int, str]]:
        """(id, text) of recent notices not yet delivered to this admin, oldest first."""
        with self.db.transaction(read=True) as session:
            delivered = select(NoticeDelivery.notice_id).where(
                NoticeDelivery.person_id == person_id)
            return [tuple(row) for row in session.execute(
                select(SecretariatNotice.id, SecretariatNotice.text)
                .where(SecretariatNotice.at >= _now() - timedelta(days=days),
                       SecretariatNotice.id.not_in(delivered))
                .order_by(SecretariatNotice.id).limit(limit))]

    def claim_notices(self, person_id: int, notice_ids: list[int]) -> bool:
        """Claim these notices for one admin before sending; False if another run has."""
        try:
            with self.db.transaction() as session:
                session.add_all(NoticeDelivery(notice_id=i, person_id=person_id)
                                for i in notice_ids)
        except IntegrityError:
            return False
        return True

    def release_notices(self, person_id: int, notice_ids: list[int]) -> None:
        with self.db.transaction() as session:
            session.execute(delete(NoticeDelivery).where(
                NoticeDelivery.person_id == person_id, NoticeDelivery.notice_id.in_(notice_ids)))

    # published files ----------------------------------------------------------------------
    def publish(self, file_name: str, content_type: str, data: bytes, created_by: str,
                hours: int = 24) -> str:
        token = secrets.token_urlsafe(24)
        with self.db.transaction() as session:
            session.add(PublishedFile(token=token, file_name=file_name, content_type=content_type,
                                      data=data, created_by=created_by,
                                      expires_at=_now() + timedelta(hours=hours)))
        return token

    def published(self, token: str) -> PublishedFile | None:
        """The file behind a link, while the link is valid."""
        with self.db.transaction(read=True) as session:
            row = session.get(PublishedFile, token)
            if row is None or _aware(row.expires_at) < _now():
                return None
            session.expunge(row)
            return row
