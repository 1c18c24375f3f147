"""identity_events (append-only audit of links and admin rights), secretariat notices and
their deliveries; TRUNCATE refused on the append-only tables on PostgreSQL

Revision ID: 0010
Revises: 0009
"""

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

SQLITE_GUARDS = [  # SQLite has no TRUNCATE: its "DELETE FROM" is stopped by the DELETE trigger
    "CREATE TRIGGER identity_events_no_update BEFORE UPDATE ON identity_events "
    "BEGIN SELECT RAISE(ABORT, 'identity_events is append-only'); END",
    "CREATE TRIGGER identity_events_no_delete BEFORE DELETE ON identity_events "
    "BEGIN SELECT RAISE(ABORT, 'identity_events is append-only'); END",
]
POSTGRES_GUARDS = [
    "CREATE FUNCTION append_only() RETURNS trigger LANGUAGE plpgsql AS $$ "
    "BEGIN RAISE EXCEPTION '% is append-only', TG_TABLE_NAME; END $$",
    "CREATE TRIGGER identity_events_append_only BEFORE UPDATE OR DELETE ON identity_events "
    "FOR EACH ROW EXECUTE FUNCTION append_only()",
    "CREATE TRIGGER identity_events_no_truncate BEFORE TRUNCATE ON identity_events "
    "FOR EACH STATEMENT EXECUTE FUNCTION append_only()",
    "CREATE TRIGGER action_events_no_truncate BEFORE TRUNCATE ON action_events "
    "FOR EACH STATEMENT EXECUTE FUNCTION append_only()",
]


def upgrade() -> None:
    op.create_table(
        "identity_events",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("person_id", sa.Integer(), sa.ForeignKey("people.id"), nullable=False,
                  index=True),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("actor", sa.String(200), nullable=False),
        sa.Column("actor_person_id", sa.Integer(), sa.ForeignKey("people.id")),
        sa.Column("source", sa.String(20), nullable=False),
        sa.Column("old_value", sa.String(320)),
        sa.Column("new_value", sa.String(320)),
        sa.Column("tenant", sa.String(64)),
        sa.Column("at", sa.DateTime(timezone=True), server_default=sa.func.now(),
                  nullable=False),
    )
    op.create_table(
        "secretariat_notices",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("key", sa.String(200), nullable=False, unique=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), server_default=sa.func.now(),
                  nullable=False),
    )
    op.create_table(
        "notice_deliveries",
        sa.Column("notice_id", sa.Integer(), sa.ForeignKey("secretariat_notices.id"),
                  primary_key=True),
        sa.Column("person_id", sa.Integer(), sa.ForeignKey("people.id"), primary_key=True),
        sa.Column("sent_at", sa.DateTime(timezone=True), server_default=sa.func.now(),
                  nullable=False),
    )
    guards = SQLITE_GUARDS if op.get_bind().dialect.name == "sqlite" else POSTGRES_GUARDS
    for statement in guards:
        op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        op.execute("DROP TRIGGER action_events_no_truncate ON action_events")
    op.drop_table("notice_deliveries")
    op.drop_table("secretariat_notices")
    op.drop_table("identity_events")  # its triggers go with it
    if op.get_bind().dialect.name != "sqlite":
        op.execute("DROP FUNCTION append_only()")
