"""SQLAlchemy 2.x typed models: the board's records, shared by every user and bot process."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
    func,
    true,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class Base(DeclarativeBase):
    pass


class Board(Base):
    __tablename__ = "boards"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    # The next short action number users type ("close action 4"); only ever increases.
    next_action_number: Mapped[int] = mapped_column(Integer, default=1)


class Document(Base):
    __tablename__ = "documents"
    __table_args__ = (UniqueConstraint("board_id", "sha256"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    board_id: Mapped[int] = mapped_column(ForeignKey("boards.id"))
    meeting_id: Mapped[int | None] = mapped_column(ForeignKey("meetings.id"))
    file_name: Mapped[str] = mapped_column(String(500))
    format: Mapped[str] = mapped_column(String(10))
    sha256: Mapped[str] = mapped_column(String(64))
    text: Mapped[str] = mapped_column(Text)
    ingested_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now()
    )


class Meeting(Base):
    __tablename__ = "meetings"
    __table_args__ = (UniqueConstraint("board_id", "date"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    board_id: Mapped[int] = mapped_column(ForeignKey("boards.id"))
    date: Mapped[date] = mapped_column(Date)
    time: Mapped[str | None] = mapped_column(String(100))
    venue: Mapped[str | None] = mapped_column(String(300))
    chair: Mapped[str | None] = mapped_column(String(200))
    # "held" once its minutes are ingested; "scheduled" when only announced as the next meeting.
    status: Mapped[str] = mapped_column(String(20), default="scheduled")
    # False when the minutes gave only the month: the date is then the 1st, shown as a month.
    day_known: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())
    present: Mapped[list] = mapped_column(JSON, default=list)
    apologies: Mapped[list] = mapped_column(JSON, default=list)
    source_document_id: Mapped[int | None] = mapped_column(
        ForeignKey("documents.id", use_alter=True, name="fk_meeting_source_document")
    )

    items: Mapped[list[AgendaItem]] = relationship(
        back_populates="meeting", order_by="AgendaItem.position", cascade="all, delete-orphan"
    )


class AgendaItem(Base):
    __tablename__ = "agenda_items"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    number: Mapped[str | None] = mapped_column(String(20))
    title: Mapped[str] = mapped_column(String(500))
    restricted: Mapped[bool] = mapped_column(Boolean, default=False)
    text: Mapped[str] = mapped_column(Text, default="")

    meeting: Mapped[Meeting] = relationship(back_populates="items")


class Person(Base):
    __tablename__ = "people"

    id: Mapped[int] = mapped_column(primary_key=True)
    display_name: Mapped[str] = mapped_column(String(200))
    title: Mapped[str | None] = mapped_column(String(50))
    organisation: Mapped[str | None] = mapped_column(String(200))
    aliases: Mapped[list] = mapped_column(JSON, default=list)
    is_admin: Mapped[bool] = mapped_column(Boolean, default=False)
    aad_object_id: Mapped[str | None] = mapped_column(String(64), unique=True)
    email: Mapped[str | None] = mapped_column(String(320))
    merged_into_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"))
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now(), onupdate=func.now()
    )


class PeopleVersion(Base):
    """One row: a number raised by every change to people's names (new person, rename, alias,
    merge), so each process knows in one primary-key read whether its cached name index is
    still right (a timestamp cannot tell two changes in the same second apart)."""

    __tablename__ = "people_version"

    id: Mapped[int] = mapped_column(primary_key=True)
    version: Mapped[int] = mapped_column(Integer)


class Action(Base):
    __tablename__ = "actions"
    __table_args__ = (
        UniqueConstraint("board_id", "number"),
        Index("ix_actions_board_status", "board_id", "status"),
        Index("ix_actions_board_key", "board_id", "match_key"),
        Index("ix_actions_meeting", "meeting_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    board_id: Mapped[int] = mapped_column(ForeignKey("boards.id"))
    number: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    # Normalised text used to recognise the same action in later minutes.
    match_key: Mapped[str] = mapped_column(String(500))
    status: Mapped[str] = mapped_column(String(20), default="open")
    due_date: Mapped[date | None] = mapped_column(Date)
    meeting_id: Mapped[int | None] = mapped_column(ForeignKey("meetings.id"))
    agenda_item_id: Mapped[int | None] = mapped_column(ForeignKey("agenda_items.id"))
    agenda_item_title: Mapped[str | None] = mapped_column(String(500))
    source_quote: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())

    owners: Mapped[list[ActionOwner]] = relationship(
        back_populates="action", order_by="ActionOwner.position", cascade="all, delete-orphan"
    )


class ActionOwner(Base):
    """One owner of an action: a person, or a role such as "Board members" or "Clerk"."""

    __tablename__ = "action_owners"
    # A person's actions, newest first, straight from the index ("my actions", ingestion).
    __table_args__ = (Index("ix_action_owners_person_action", "person_id", "action_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    action_id: Mapped[int] = mapped_column(ForeignKey("actions.id"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    person_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"))
    role: Mapped[str | None] = mapped_column(String(200))

    action: Mapped[Action] = relationship(back_populates="owners")
    person: Mapped[Person | None] = relationship()


class ActionEvent(Base):
    """Append-only audit log: created, seen, closed, reopened, edited."""

    __tablename__ = "action_events"
    # An action's latest events without sorting all of them ("show action", a close's reply).
    __table_args__ = (Index("ix_action_events_action_at", "action_id", "at", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    action_id: Mapped[int] = mapped_column(ForeignKey("actions.id"))
    kind: Mapped[str] = mapped_column(String(20))
    actor_person_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"))
    actor: Mapped[str] = mapped_column(String(200))
    source: Mapped[str] = mapped_column(String(20))  # minutes | chat | cli
    document_id: Mapped[int | None] = mapped_column(ForeignKey("documents.id"))
    note: Mapped[str | None] = mapped_column(Text)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class IdentityEvent(Base):
    """Append-only audit of who someone is to Clerk: a Teams identity linked, relinked or
    unlinked, an email recorded, admin rights given or taken (who, when, from where, old and
    new)."""

    __tablename__ = "identity_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id"), index=True)
    kind: Mapped[str] = mapped_column(String(20))  # linked | unlinked | email | admin | not-admin
    actor: Mapped[str] = mapped_column(String(200))
    actor_person_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"))
    source: Mapped[str] = mapped_column(String(20))  # chat | cli | display name | roster | ...
    old_value: Mapped[str | None] = mapped_column(String(320))
    new_value: Mapped[str | None] = mapped_column(String(320))
    tenant: Mapped[str | None] = mapped_column(String(64))
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class SecretariatNotice(Base):
    """Something the secretariat should know (a link made, a member Clerk could not match),
    delivered to each admin's personal chat by the scheduler. ``key``: one notice per key."""

    __tablename__ = "secretariat_notices"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(200), unique=True)
    text: Mapped[str] = mapped_column(Text)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class NoticeDelivery(Base):
    """A notice claimed for one admin before it is sent (as reminders are)."""

    __tablename__ = "notice_deliveries"

    notice_id: Mapped[int] = mapped_column(ForeignKey("secretariat_notices.id"),
                                           primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id"), primary_key=True)
    sent_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class PlanItem(Base):
    __tablename__ = "plan_items"
    __table_args__ = (UniqueConstraint("board_id", "month", "match_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    board_id: Mapped[int] = mapped_column(ForeignKey("boards.id"))
    month: Mapped[str] = mapped_column(String(7), index=True)  # YYYY-MM
    title: Mapped[str] = mapped_column(String(500))
    match_key: Mapped[str] = mapped_column(String(500))
    lead: Mapped[str | None] = mapped_column(String(200))
    lead_person_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"))
    added_by: Mapped[str] = mapped_column(String(200))
    added_by_person_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"))
    source: Mapped[str] = mapped_column(String(20))  # minutes | chat | cli
    document_id: Mapped[int | None] = mapped_column(ForeignKey("documents.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class BotState(Base):
    """Bot Framework conversation/dialog state, keyed as botbuilder keys it, with an e-tag."""

    __tablename__ = "bot_state"

    key: Mapped[str] = mapped_column(String(500), primary_key=True)
    data: Mapped[dict] = mapped_column(JSON)
    etag: Mapped[int] = mapped_column(Integer, default=1)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class ConversationRef(Base):
    """A Teams conversation reference, kept so Clerk can message a person later."""

    __tablename__ = "conversation_refs"

    id: Mapped[int] = mapped_column(primary_key=True)
    aad_object_id: Mapped[str] = mapped_column(String(64), index=True)
    conversation_id: Mapped[str] = mapped_column(String(500))
    conversation_type: Mapped[str | None] = mapped_column(String(20))
    service_url: Mapped[str] = mapped_column(String(500))
    reference: Mapped[dict] = mapped_column(JSON)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())

    __table_args__ = (UniqueConstraint("aad_object_id", "conversation_id"),)


class ProcessedActivity(Base):
    """Activity ids already handled per conversation, so a redelivered activity is ignored."""

    __tablename__ = "processed_activities"

    conversation_id: Mapped[str] = mapped_column(String(500), primary_key=True)
    activity_id: Mapped[str] = mapped_column(String(200), primary_key=True)
    processed_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now()
    )


class ReminderSent(Base):
    """One reminder claimed for one recipient before one meeting: claimed before it is sent,
    so no instance and no restart sends it twice."""

    __tablename__ = "reminders_sent"
    __table_args__ = (UniqueConstraint("board_id", "meeting_date", "person_id", "kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    board_id: Mapped[int] = mapped_column(ForeignKey("boards.id"))
    meeting_date: Mapped[date] = mapped_column(Date)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id"))
    kind: Mapped[str] = mapped_column(String(20))  # owner | digest
    sent_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class Lease(Base):
    """A named lease one process holds until it expires (e.g. the reminder scheduler)."""

    __tablename__ = "leases"

    name: Mapped[str] = mapped_column(String(100), primary_key=True)
    holder: Mapped[str] = mapped_column(String(200))
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class PublishedFile(Base):
    """An export made from chat, served by the bot at a link with an unguessable token."""

    __tablename__ = "published_files"

    token: Mapped[str] = mapped_column(String(64), primary_key=True)
    file_name: Mapped[str] = mapped_column(String(200))
    content_type: Mapped[str] = mapped_column(String(200))
    data: Mapped[bytes] = mapped_column(LargeBinary)
    created_by: Mapped[str] = mapped_column(String(200))
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class RecordEvent(Base):
    """Append-only audit of corrections to what is not an action: the forward plan
    ("plan") and meetings ("meeting"), with the value before and after."""

    __tablename__ = "record_events"
    __table_args__ = (Index("ix_record_events_board_at", "board_id", "at", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    board_id: Mapped[int] = mapped_column(ForeignKey("boards.id"))
    subject: Mapped[str] = mapped_column(String(20))
    kind: Mapped[str] = mapped_column(String(20))
    actor: Mapped[str] = mapped_column(String(200))
    actor_person_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"))
    source: Mapped[str] = mapped_column(String(20))  # chat | card | cli | minutes
    old_value: Mapped[str | None] = mapped_column(Text)
    new_value: Mapped[str | None] = mapped_column(Text)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class MinutesDraft(Base):
    """An uploaded minutes document under review: what Clerk read (``content``, editable)
    and the file itself; nothing reaches the record until it is published. ``status`` moves
    from "open" to "published" or "discarded" once, by a conditional update."""

    __tablename__ = "minutes_drafts"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    board_id: Mapped[int] = mapped_column(ForeignKey("boards.id"))
    created_by_person_id: Mapped[int] = mapped_column(ForeignKey("people.id"))
    file_name: Mapped[str] = mapped_column(String(500))
    format: Mapped[str] = mapped_column(String(10))
    data: Mapped[bytes] = mapped_column(LargeBinary)
    text: Mapped[str] = mapped_column(Text)
    content: Mapped[dict] = mapped_column(JSON)
    status: Mapped[str] = mapped_column(String(20))
    version: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
