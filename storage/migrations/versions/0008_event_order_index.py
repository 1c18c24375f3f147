"""Index an action's events in time order: its latest events read straight from the index

Revision ID: 0008
Revises: 0007
"""

from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_action_events_action_at", "action_events", ["action_id", "at", "id"])


def downgrade() -> None:
    op.drop_index("ix_action_events_action_at", table_name="action_events")
