"""Text-field revisions as reverse deltas (store/revision_delta.py)

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-02 22:00:00

Existing revisions of text fields are converted where their chain is
verified: walking a field's revisions from the newest back, each one's new
value must be the value the walk has reached (the field's current text for
the newest). A field whose chain does not verify keeps its full values, so
nothing the history shows can change.
"""
import sqlalchemy as sa
from alembic import op

from desktop.store import revision_delta

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

_BATCH = 2000


def upgrade() -> None:
    op.add_column("revisions", sa.Column("delta", sa.Text()))
    bind = op.get_bind()
    current = {(s, f"field:{k}"): v for s, k, v in bind.execute(sa.text("SELECT sheet_id, key, value FROM sheet_fields"))}
    rows = bind.execute(sa.text("SELECT id, sheet_id, field, old_value, new_value FROM revisions "
                                "WHERE field LIKE 'field:%' ORDER BY sheet_id, field, id DESC")).all()
    updates, chain = [], {}
    broken: set[tuple[int, str]] = set()
    pending: dict[tuple[int, str], list[dict]] = {}
    for rid, sheet_id, field, old, new in rows:
        key = (sheet_id, field)
        if key in broken:
            continue
        running = chain.get(key, current.get(key))
        if (new or "") != (running or "") and not (new is None and running is None):
            broken.add(key)
            pending.pop(key, None)
            continue
        chain[key] = old
        if revision_delta.uses_delta(field, old, new):
            pending.setdefault(key, []).append({"id": rid, "d": revision_delta.encode(old, new)})
    for found in pending.values():
        updates.extend(found)
    update = sa.text("UPDATE revisions SET delta = :d, old_value = NULL, new_value = NULL WHERE id = :id")
    for start in range(0, len(updates), _BATCH):
        bind.execute(update, updates[start:start + _BATCH])


def downgrade() -> None:
    bind = op.get_bind()
    current = {(s, f"field:{k}"): v for s, k, v in bind.execute(sa.text("SELECT sheet_id, key, value FROM sheet_fields"))}
    rows = bind.execute(sa.text("SELECT id, sheet_id, field, delta, old_value, new_value FROM revisions "
                                "WHERE field LIKE 'field:%' ORDER BY sheet_id, field, id DESC")).all()
    running: dict[tuple[int, str], str | None] = {}
    updates = []
    for rid, sheet_id, field, delta, old, new in rows:
        key = (sheet_id, field)
        value = running.get(key, current.get(key))
        if delta:
            new = value or ""
            old = revision_delta.apply_reverse(delta, new)
            updates.append({"id": rid, "o": old, "n": new})
        running[key] = old
    update = sa.text("UPDATE revisions SET old_value = :o, new_value = :n WHERE id = :id")
    for start in range(0, len(updates), _BATCH):
        bind.execute(update, updates[start:start + _BATCH])
    with op.batch_alter_table("revisions") as batch:
        batch.drop_column("delta")
