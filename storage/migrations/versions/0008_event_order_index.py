"""Index an action's events in time order: its latest events read straight from the index

The (action_id, at, id) index replaces the one on action_id alone, which is its prefix.

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
    op.drop_index("ix_action_events_action_id", table_name="action_events")


def downgrade() -> None:
    op.create_index("ix_action_events_action_id", "action_events", ["action_id"])
    op.drop_index("ix_action_events_action_at", table_name="action_events")
