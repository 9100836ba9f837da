"""Search that folds spelling variants; passages indexed with their headings; gram tables on PostgreSQL

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-02 19:00:00

The search form of a text changed (desktop/sources/searchform.py: punctuation
and symbols dropped, 旧字体, counters, okurigana, spelling variants), so every
``search_text`` is written again and the indexes are rebuilt from it:

* SQLite: ``passages_fts`` gets three columns (body, heading path, document
  title), ``sheet_fields_fts`` is keyed by sheet (rowid = sheet id * 1024 +
  the field key's slot in the new ``search_field_slots``).
* PostgreSQL: ``search_passage_grams`` and ``search_field_grams`` hold each
  row's gram codes under GIN indexes, so one- and two-character words are
  found through an index too (pg_trgm cannot serve them).

The seeds' passages themselves are cut again by the new segmenter the next
time the library checks the seeds (their stored hash includes the
segmenter's version); that keeps every citation valid (see
desktop/sources/library.py).
"""
import sqlalchemy as sa
from alembic import op

from desktop.store import fulltext

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

_TABLES = (("sheet_fields", "value"), ("passages", "text"))
_BATCH = 2000


def _fill(table: str, source: str, form) -> None:
    bind = op.get_bind()
    update = sa.text(f"UPDATE {table} SET search_text = :s WHERE id = :id")
    last = 0
    while True:
        rows = bind.execute(sa.text(f"SELECT id, {source} FROM {table} WHERE id > :last ORDER BY id LIMIT {_BATCH}"),
                            {"last": last}).all()
        if not rows:
            break
        bind.execute(update, [{"id": rid, "s": form(value or "")} for rid, value in rows])
        last = rows[-1][0]


def upgrade() -> None:
    for table, source in _TABLES:
        _fill(table, source, fulltext.normalize)
    fulltext.rebuild(op.get_bind())


# -- downgrade: the index as revision 0003's program kept it ----------------------------

def downgrade() -> None:
    bind = op.get_bind()
    fulltext.drop_tables(bind)
    for table, source in _TABLES:
        _fill(table, source, fulltext.legacy_form)
    if bind.dialect.name == "sqlite":
        fulltext.create_legacy_tables(bind)
