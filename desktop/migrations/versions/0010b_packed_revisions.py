"""One revision row per save: the changes of one save of a sheet packed together (store/revision_delta.py)

Revision ID: 0010b
Revises: 0009d
Create Date: 2026-12-04 02:40:00

The rows of one save (consecutive rows of one sheet with the same sheet
version and author) that hold several changes become one packed row, which
keeps the first row's id (so the order of the sheet's history stays) and
time. Text fields' reverse deltas are carried over as they are, so the chain
from the current text is untouched and nothing needs reconstructing; full
values stay full except long non-field values, which become forward deltas
inside the row. Sheets are converted a batch at a time.

The downgrade writes each change of a packed row as a row of its own again;
their ids must sit between the neighbours', so the rows of every sheet that
has a packed row are written again in their order (revision ids are
referenced nowhere).
"""
import sqlalchemy as sa
from alembic import op

from desktop.store import revision_delta

revision = "0010b"
down_revision = "0009d"
branch_labels = None
depends_on = None

_SHEETS = 500      # sheets per batch
_ROWS = 2000       # rows per statement


def _batches(ids: list[int]):
    for start in range(0, len(ids), _SHEETS):
        yield ids[start:start + _SHEETS]


def _in_chunks(values: list, size: int = _ROWS):
    for start in range(0, len(values), size):
        yield values[start:start + size]


def upgrade() -> None:
    bind = op.get_bind()
    sheet_ids = [r[0] for r in bind.execute(sa.text("SELECT DISTINCT sheet_id FROM revisions ORDER BY sheet_id"))]
    select = sa.text("SELECT id, sheet_id, sheet_version, author, field, old_value, new_value, delta FROM revisions "
                     "WHERE sheet_id IN :ids ORDER BY sheet_id, id").bindparams(sa.bindparam("ids", expanding=True))
    update = sa.text("UPDATE revisions SET field = :f, delta = :d, old_value = NULL, new_value = NULL WHERE id = :id")
    delete = sa.text("DELETE FROM revisions WHERE id IN :ids").bindparams(sa.bindparam("ids", expanding=True))
    for batch in _batches(sheet_ids):
        groups: list[list] = []
        last = None
        for row in bind.execute(select, {"ids": batch}):
            save = (row.sheet_id, row.sheet_version, row.author)
            if save == last and row.field != revision_delta.PACKED and groups[-1][0].field != revision_delta.PACKED:
                groups[-1].append(row)
            else:
                groups.append([row])
            last = save
        updates, gone = [], []
        for group in groups:
            if len(group) < 2:
                continue
            packed = revision_delta.pack_rows((r.field, r.old_value, r.new_value, r.delta) for r in group)
            updates.append({"id": group[0].id, "f": revision_delta.PACKED, "d": packed})
            gone += [r.id for r in group[1:]]
        for chunk in _in_chunks(updates):
            bind.execute(update, chunk)
        for chunk in _in_chunks(gone):
            bind.execute(delete, {"ids": chunk})


def downgrade() -> None:
    bind = op.get_bind()
    sheet_ids = [r[0] for r in bind.execute(sa.text(
        "SELECT DISTINCT sheet_id FROM revisions WHERE field = :f ORDER BY sheet_id"), {"f": revision_delta.PACKED})]
    select = sa.text("SELECT id, sheet_id, sheet_version, at, author, field, old_value, new_value, delta "
                     "FROM revisions WHERE sheet_id IN :ids ORDER BY sheet_id, id"
                     ).bindparams(sa.bindparam("ids", expanding=True))
    delete = sa.text("DELETE FROM revisions WHERE sheet_id IN :ids").bindparams(sa.bindparam("ids", expanding=True))
    insert = sa.text("INSERT INTO revisions (sheet_id, sheet_version, at, author, field, old_value, new_value, delta)"
                     " VALUES (:s, :v, :at, :a, :f, :o, :n, :d)")
    for batch in _batches(sheet_ids):
        rows = []
        for r in bind.execute(select, {"ids": batch}):
            base = {"s": r.sheet_id, "v": r.sheet_version, "at": r.at, "a": r.author}
            if r.field == revision_delta.PACKED and r.delta:
                rows += [{**base, "f": f, "o": o, "n": n, "d": d} for f, o, n, d in revision_delta.unpack_rows(r.delta)]
            else:
                rows.append({**base, "f": r.field, "o": r.old_value, "n": r.new_value, "d": r.delta})
        bind.execute(delete, {"ids": batch})
        for chunk in _in_chunks(rows):
            bind.execute(insert, chunk)
