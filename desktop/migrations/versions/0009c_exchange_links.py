"""Submission and return files: each exchanged sheet's key and what the other side last sent

Revision ID: 0009c
Revises: 0008
Create Date: 2026-12-03 13:00:00

* ``exchange_links``: one row per sheet that travelled in a submission or
  return file (desktop/app/exchange.py): the key both databases know it by,
  and the portable form of the sheet as last received (the merge base of the
  next file). Sheets that never travelled have no row.
"""
import sqlalchemy as sa
from alembic import op

revision = "0009c"
down_revision = "0009a"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "exchange_links",
        sa.Column("sheet_id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=32), nullable=False),
        sa.Column("received", sa.Text(), nullable=True),
        sa.Column("received_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(["sheet_id"], ["sheets.id"], name=op.f("fk_exchange_links_sheet_id_sheets"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("sheet_id", name=op.f("pk_exchange_links")),
        sa.UniqueConstraint("key", name=op.f("uq_exchange_links_key")),
    )


def downgrade() -> None:
    op.drop_table("exchange_links")
