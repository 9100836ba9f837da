"""Marks name parts by key, not row ids; keys for items, KPIs and citations; lineages; the register of withheld text

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-02 19:00:00

A mark on a KPI or a citation pointed at the row's id, so every copy of a
sheet (duplicate, next year, the survey form) lost it. Items, KPIs and
citations now carry a key that copies keep, and a mark names its part
(``kpi:<key>``, ``field:content``; desktop/survey/parts.py) and keeps the
text it withholds. Sheets get a lineage (a sheet and its predecessors share
one), and every text withheld so far goes into the register
(``withheld_texts``), which only a person's release empties.

Revisions that named rows by id (``kpi:12:target_value``) are rewritten to
name them by key, so the history reads them as before.
"""
import re
import uuid

import sqlalchemy as sa
from alembic import op

from desktop.disclosure.reader_form import reader_form

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

_BATCH = 2000


def _key() -> str:
    return uuid.uuid4().hex[:16]


def _fill_keys(bind, table: str) -> dict[int, str]:
    ids = bind.execute(sa.text(f"SELECT id FROM {table} ORDER BY id")).scalars().all()
    keys = {i: _key() for i in ids}
    update = sa.text(f"UPDATE {table} SET key = :k WHERE id = :id")
    rows = [{"id": i, "k": k} for i, k in keys.items()]
    for start in range(0, len(rows), _BATCH):
        bind.execute(update, rows[start:start + _BATCH])
    return keys


def _fill_lineages(bind) -> dict[int, str]:
    """One lineage per chain of predecessors (a sheet takes its root's)."""
    rows = bind.execute(sa.text("SELECT id, predecessor_id FROM sheets")).all()
    parent = {i: p for i, p in rows}
    lineage: dict[int, str] = {}

    def root(i: int) -> int:
        seen = set()
        while parent.get(i) is not None and parent[i] in parent and i not in seen:
            seen.add(i)
            i = parent[i]
        return i

    roots: dict[int, str] = {}
    for i in parent:
        r = root(i)
        lineage[i] = roots.setdefault(r, _key())
    update = sa.text("UPDATE sheets SET lineage = :l WHERE id = :id")
    params = [{"id": i, "l": v} for i, v in lineage.items()]
    for start in range(0, len(params), _BATCH):
        bind.execute(update, params[start:start + _BATCH])
    return lineage


_REVISION_FIELD = re.compile(r"^(item|kpi|citation):(\d+)(.*)$")
_ITEM_KPI_NEW = re.compile(r"^item:(\d+):kpi:new$")


def _rewrite_revisions(bind, items: dict[int, str], kpis: dict[int, str], citations: dict[int, str]) -> None:
    tables = {"item": items, "kpi": kpis, "citation": citations}
    rows = bind.execute(sa.text("SELECT id, field FROM revisions WHERE field LIKE 'item:%' OR field LIKE 'kpi:%' "
                                "OR field LIKE 'citation:%'")).all()
    updates = []
    for rid, field in rows:
        m = _ITEM_KPI_NEW.match(field)
        if m:
            key = items.get(int(m.group(1)))
            if key:
                updates.append({"id": rid, "f": f"item:{key}:kpi:new"})
            continue
        m = _REVISION_FIELD.match(field)
        if m and m.group(2).isdigit():
            key = tables[m.group(1)].get(int(m.group(2)))
            if key:
                updates.append({"id": rid, "f": f"{m.group(1)}:{key}{m.group(3)}"})
    update = sa.text("UPDATE revisions SET field = :f WHERE id = :id")
    for start in range(0, len(updates), _BATCH):
        bind.execute(update, updates[start:start + _BATCH])


def _convert_marks(bind, kpis: dict[int, str], citations: dict[int, str], lineages: dict[int, str]) -> None:
    """Each old mark as a part with its text; its text into the register."""
    marks = bind.execute(sa.text("SELECT id, sheet_id, field_key, start, \"end\", kpi_id, citation_id, reason, "
                                 "created_at FROM marks")).all()
    fields = {(s, k): v or "" for s, k, v in bind.execute(sa.text("SELECT sheet_id, key, value FROM sheet_fields"))}
    indicators = dict(bind.execute(sa.text("SELECT id, indicator FROM kpis")).all())
    quotes = dict(bind.execute(sa.text("SELECT id, quoted_text FROM citations")).all())
    updates, register = [], []
    for mid, sheet_id, field_key, start, end, kpi_id, citation_id, reason, created_at in marks:
        unplaced = False
        if kpi_id is not None:
            part, text = f"kpi:{kpis[kpi_id]}", indicators.get(kpi_id) or ""
        elif citation_id is not None:
            part, text = f"citation:{citations[citation_id]}", quotes.get(citation_id) or ""
        elif field_key:
            value = fields.get((sheet_id, field_key), "")
            part = f"field:{field_key}"
            if start is None and end is None:
                text = value
            elif start is not None and end is not None and 0 <= start <= end <= len(value):
                text = value[start:end]
            else:   # a span that does not fit: withheld as the whole field, as the report did
                start = end = None
                text = value
        else:
            part, text, unplaced = "field:?", "", True
        updates.append({"id": mid, "p": part, "t": text, "u": unplaced, "s": start, "e": end})
        if text.strip() and sheet_id in lineages:
            register.append({"l": lineages[sheet_id], "t": text, "f": reader_form(text), "p": part, "r": reason or "",
                             "s": sheet_id, "c": created_at})
    update = sa.text("UPDATE marks SET part = :p, text = :t, unplaced = :u, start = :s, \"end\" = :e WHERE id = :id")
    for start_at in range(0, len(updates), _BATCH):
        bind.execute(update, updates[start_at:start_at + _BATCH])
    seen = set()
    unique = []
    for row in register:
        if (row["l"], row["f"]) not in seen:
            seen.add((row["l"], row["f"]))
            unique.append(row)
    insert = sa.text("INSERT INTO withheld_texts (lineage, text, form, part, reason, sheet_id, created_at, created_by) "
                     "VALUES (:l, :t, :f, :p, :r, :s, COALESCE(:c, CURRENT_TIMESTAMP), '')")
    for start_at in range(0, len(unique), _BATCH):
        bind.execute(insert, unique[start_at:start_at + _BATCH])


def upgrade() -> None:
    bind = op.get_bind()
    for table in ("items", "kpis", "citations"):
        op.add_column(table, sa.Column("key", sa.String(32), nullable=False, server_default=""))
    op.add_column("sheets", sa.Column("lineage", sa.String(32), nullable=False, server_default=""))
    op.create_index("ix_sheets_lineage", "sheets", ["lineage"])
    op.add_column("marks", sa.Column("part", sa.String(200), nullable=False, server_default=""))
    op.add_column("marks", sa.Column("text", sa.Text(), nullable=False, server_default=""))
    op.add_column("marks", sa.Column("unplaced", sa.Boolean(), nullable=False, server_default=sa.false()))
    op.add_column("marks", sa.Column("created_by", sa.String(200), nullable=False, server_default=""))
    op.create_table(
        "withheld_texts",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("lineage", sa.String(32), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("form", sa.Text(), nullable=False),
        sa.Column("part", sa.String(200), nullable=False, server_default=""),
        sa.Column("reason", sa.Text(), nullable=False, server_default=""),
        sa.Column("sheet_id", sa.Integer(), sa.ForeignKey("sheets.id", ondelete="SET NULL",
                                                          name="fk_withheld_texts_sheet_id_sheets")),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.String(200), nullable=False, server_default=""),
        sa.Column("released_at", sa.DateTime()),
        sa.Column("released_by", sa.String(200)),
        sa.Column("release_reason", sa.Text()),
    )
    op.create_index("ix_withheld_texts_lineage_form", "withheld_texts", ["lineage", "form"])
    items = _fill_keys(bind, "items")
    kpis = _fill_keys(bind, "kpis")
    citations = _fill_keys(bind, "citations")
    lineages = _fill_lineages(bind)
    _convert_marks(bind, kpis, citations, lineages)
    _rewrite_revisions(bind, items, kpis, citations)
    with op.batch_alter_table("marks") as batch:
        batch.drop_column("field_key")
        batch.drop_column("kpi_id")
        batch.drop_column("citation_id")


def downgrade() -> None:
    """Back to marks by row id (a mark whose part no longer names a row becomes a whole-field mark)."""
    bind = op.get_bind()
    with op.batch_alter_table("marks") as batch:
        batch.add_column(sa.Column("field_key", sa.String(100)))
        batch.add_column(sa.Column("kpi_id", sa.Integer(), sa.ForeignKey(
            "kpis.id", ondelete="CASCADE", name="fk_marks_kpi_id_kpis")))
        batch.add_column(sa.Column("citation_id", sa.Integer(), sa.ForeignKey(
            "citations.id", ondelete="CASCADE", name="fk_marks_citation_id_citations")))
    kpis = {k: i for i, k in bind.execute(sa.text("SELECT id, key FROM kpis"))}
    citations = {k: i for i, k in bind.execute(sa.text("SELECT id, key FROM citations"))}
    updates = []
    for mid, part in bind.execute(sa.text("SELECT id, part FROM marks")).all():
        kind, _, rest = part.partition(":")
        key = rest.partition(":")[0]
        row = {"id": mid, "f": None, "k": None, "c": None}
        if kind == "kpi" and key in kpis:
            row["k"] = kpis[key]
        elif kind == "citation" and key in citations:
            row["c"] = citations[key]
        elif kind == "field":
            row["f"] = key
        else:
            row["f"] = "?"
        updates.append(row)
    if updates:
        bind.execute(sa.text("UPDATE marks SET field_key = :f, kpi_id = :k, citation_id = :c WHERE id = :id"), updates)
    with op.batch_alter_table("marks") as batch:
        for column in ("part", "text", "unplaced", "created_by"):
            batch.drop_column(column)
    op.drop_index("ix_withheld_texts_lineage_form", table_name="withheld_texts")
    op.drop_table("withheld_texts")
    op.drop_index("ix_sheets_lineage", table_name="sheets")
    op.drop_column("sheets", "lineage")
    for table in ("items", "kpis", "citations"):
        op.drop_column(table, "key")
