"""Index a person's actions in order: a person's latest actions without sorting all of them

The (person_id, action_id) index replaces the one on person_id alone, which is its prefix.

Revision ID: 0007
Revises: 0006
"""

from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index(
        "ix_action_owners_person_action", "action_owners", ["person_id", "action_id"]
    )
    op.drop_index("ix_action_owners_person_id", table_name="action_owners")


def downgrade() -> None:
    op.create_index("ix_action_owners_person_id", "action_owners", ["person_id"])
    op.drop_index("ix_action_owners_person_action", table_name="action_owners")
