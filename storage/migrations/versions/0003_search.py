"""full-text search over agenda items (SQLite FTS5, PostgreSQL tsvector + GIN)

Restricted items are never indexed.

Revision ID: 0003
Revises: 0002
"""

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

SQLITE = [
    "CREATE VIRTUAL TABLE agenda_search USING fts5(title, text, tokenize='porter unicode61')",
    "CREATE TRIGGER agenda_search_insert AFTER INSERT ON agenda_items WHEN NOT new.restricted "
    "BEGIN INSERT INTO agenda_search(rowid, title, text) VALUES (new.id, new.title, new.text); END",
    "CREATE TRIGGER agenda_search_delete AFTER DELETE ON agenda_items "
    "BEGIN DELETE FROM agenda_search WHERE rowid = old.id; END",
    "CREATE TRIGGER agenda_search_update AFTER UPDATE ON agenda_items BEGIN "
    "DELETE FROM agenda_search WHERE rowid = old.id; "
    "INSERT INTO agenda_search(rowid, title, text) SELECT new.id, new.title, new.text "
    "WHERE NOT new.restricted; END",
    "INSERT INTO agenda_search(rowid, title, text) "
    "SELECT id, title, text FROM agenda_items WHERE NOT restricted",
]
POSTGRES = [
    "CREATE INDEX ix_agenda_items_search ON agenda_items USING GIN "
    "(to_tsvector('english', title || ' ' || text)) WHERE NOT restricted",
]


def upgrade() -> None:
    for statement in SQLITE if op.get_bind().dialect.name == "sqlite" else POSTGRES:
        op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for trigger in ("insert", "delete", "update"):
            op.execute(f"DROP TRIGGER agenda_search_{trigger}")
        op.execute("DROP TABLE agenda_search")
    else:
        op.execute("DROP INDEX ix_agenda_items_search")
