"""Normalised search text on sheet fields and passages; pg_trgm indexes on PostgreSQL

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-24 09:00:00

PostgreSQL has no bigram index (that is SQLite FTS5), and ILIKE over the raw
text does not fold ＡＩ to AI. Both tables get a ``search_text`` column holding
``fulltext.legacy_form(text)`` (this revision's search form, frozen; 0006
writes today's); it is kept on SQLite too so that the schema is
one schema on both dialects. Existing rows are filled in here, in Python, with
the very function the application uses afterwards.
"""
import sqlalchemy as sa
from alembic import op

from desktop.store import fulltext

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

_TABLES = (("sheet_fields", "value"), ("passages", "text"))
_BATCH = 2000


def _fill(table: str, source: str) -> None:
    bind = op.get_bind()
    rows = bind.execute(sa.text(f"SELECT id, {source} FROM {table}")).all()
    update = sa.text(f"UPDATE {table} SET search_text = :s WHERE id = :id")
    for start in range(0, len(rows), _BATCH):
        params = [{"id": rid, "s": fulltext.legacy_form(value or "")} for rid, value in rows[start:start + _BATCH]]
        bind.execute(update, params)


def upgrade() -> None:
    for table, source in _TABLES:
        # A plain ALTER TABLE ADD COLUMN on both dialects: no table copy.
        op.add_column(table, sa.Column("search_text", sa.Text(), nullable=False, server_default=""))
        _fill(table, source)
    # Refusal (no permission, extension missing) is logged and leaves search scanning.
    fulltext.ensure_trigram_indexes(op.get_bind())


def downgrade() -> None:
    fulltext.drop_trigram_indexes(op.get_bind())
    for table, _source in _TABLES:
        # Not batch mode: re-creating ``passages`` on SQLite would drop a table
        # that citations point at. SQLite >= 3.35 drops a column in place.
        op.execute(f"ALTER TABLE {table} DROP COLUMN search_text")
