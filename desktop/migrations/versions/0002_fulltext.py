"""Full-text indexes for passages and sheet fields (SQLite only)

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23 01:30:00
"""
from alembic import op

from desktop.store import fulltext

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Databases of revision 0001 may already hold sheets: index them now, in this revision's
    # layout and search form (frozen in fulltext.create_legacy_tables; 0006 rebuilds in today's).
    if op.get_bind().dialect.name == "sqlite":
        fulltext.create_legacy_tables(op.get_bind())


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for table, _source in fulltext.LEGACY_TABLES:
            op.execute(f"DROP TABLE IF EXISTS {table}")
