"""Index actions by meeting: "last minutes" lists the meeting's actions without scanning the log

Revision ID: 0006
Revises: 0005
"""

from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_actions_meeting", "actions", ["meeting_id"])


def downgrade() -> None:
    op.drop_index("ix_actions_meeting", table_name="actions")
