"""A KPI read from a form's free text keeps that line in its own column, not in 指標の出典

Revision ID: 0009d
Revises: 0009b
Create Date: 2026-12-04 01:00:00

Until now a KPI accepted from a line of a form's free-text 実施項目・KPI cell
kept the line in ``data_source`` as 「調査票の記載：<line>」, so the
指標の出典 the secretariat prints carried the form's wording. The line gets a
column of its own, ``kpis.source_text`` (never printed in public output), and
every ``data_source`` that starts with the prefix moves there without it,
leaving ``data_source`` empty. The downgrade writes the line back with the
prefix: into an empty ``data_source``, or after a 出典 typed since on a new
line, so nothing is lost either way.
"""
import sqlalchemy as sa
from alembic import op

revision = "0009d"
down_revision = "0009b"
branch_labels = None
depends_on = None

# Frozen here on purpose (desktop/reports/form_plan.py ORIGINAL_PREFIX as the earlier release wrote it).
_PREFIX = "調査票の記載："


def upgrade() -> None:
    with op.batch_alter_table("kpis", schema=None) as batch_op:
        batch_op.add_column(sa.Column("source_text", sa.Text(), nullable=False, server_default=""))
    bind = op.get_bind()
    rows = bind.execute(sa.text("SELECT id, data_source FROM kpis WHERE data_source LIKE :p"),
                        {"p": _PREFIX + "%"}).all()
    updates = [{"id": kid, "s": value[len(_PREFIX):]} for kid, value in rows if value.startswith(_PREFIX)]
    if updates:
        bind.execute(sa.text("UPDATE kpis SET source_text = :s, data_source = '' WHERE id = :id"), updates)


def downgrade() -> None:
    bind = op.get_bind()
    rows = bind.execute(sa.text("SELECT id, data_source, source_text FROM kpis WHERE source_text <> ''")).all()
    updates = [{"id": kid, "d": (f"{source}\n" if source.strip() else "") + _PREFIX + line}
               for kid, source, line in rows]
    if updates:
        bind.execute(sa.text("UPDATE kpis SET data_source = :d WHERE id = :id"), updates)
    with op.batch_alter_table("kpis", schema=None) as batch_op:
        batch_op.drop_column("source_text")
