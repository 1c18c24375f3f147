"""action events are append-only; processed activity ids for idempotent turns

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

SQLITE_GUARDS = [
    "CREATE TRIGGER action_events_no_update BEFORE UPDATE ON action_events "
    "BEGIN SELECT RAISE(ABORT, 'action_events is append-only'); END",
    "CREATE TRIGGER action_events_no_delete BEFORE DELETE ON action_events "
    "BEGIN SELECT RAISE(ABORT, 'action_events is append-only'); END",
]
POSTGRES_GUARDS = [
    "CREATE FUNCTION action_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ "
    "BEGIN RAISE EXCEPTION 'action_events is append-only'; END $$",
    "CREATE TRIGGER action_events_append_only BEFORE UPDATE OR DELETE ON action_events "
    "FOR EACH ROW EXECUTE FUNCTION action_events_append_only()",
]


def upgrade() -> None:
    guards = SQLITE_GUARDS if op.get_bind().dialect.name == "sqlite" else POSTGRES_GUARDS
    for statement in guards:
        op.execute(statement)
    op.create_table(
        "processed_activities",
        sa.Column("conversation_id", sa.String(length=500), nullable=False),
        sa.Column("activity_id", sa.String(length=200), nullable=False),
        sa.Column("processed_at", sa.DateTime(timezone=True), server_default=sa.func.now()),
        sa.PrimaryKeyConstraint("conversation_id", "activity_id"),
    )


def downgrade() -> None:
    op.drop_table("processed_activities")
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TRIGGER action_events_no_update")
        op.execute("DROP TRIGGER action_events_no_delete")
    else:
        op.execute("DROP TRIGGER action_events_append_only ON action_events")
        op.execute("DROP FUNCTION action_events_append_only()")
