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
    # Databases of revision 0001 may already hold sheets: index them now.
    fulltext.rebuild(op.get_bind())


def downgrade() -> None:
    if fulltext.is_supported(op.get_bind()):
        fulltext.drop_tables(op.get_bind())
