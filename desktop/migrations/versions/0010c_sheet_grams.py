"""PostgreSQL: a sheet-level gram table, so the list's text filter answers short words through one row per sheet

Revision ID: 0010c
Revises: 0010a
Create Date: 2026-12-04 03:10:00

PostgreSQL only; on SQLite (the sheet-keyed FTS table already gives sheet ids) this revision does nothing.

* ``search_sheet_grams``: per sheet, the union of its fields' gram codes
  (``search_field_grams``) under a GIN index, the arrays out of line. A word
  of one or two characters is one gram, which never spans two fields, so the
  union answers it exactly: 「AI」 (two sheets of three) is 37,000 sheet ids
  read from a heap of about 1,000 pages, where the field rows were 52,000
  wide heap rows to visit. Longer words still go through the field rows.
* ``search_sheet_hits(codes)``: the sheets holding any of the codes, through
  the GIN index only (a scan would detoast every union).
* Row-level security as for ``sheet_fields`` (0009b): staff read and write
  their ministry's rows, the secretariat reads all. The grants are
  ``server setup``'s (desktop/store/server_roles.py).

Filled from the field grams; the program keeps it up to date on every write
of sheet fields (desktop/store/fulltext.py ``refresh_sheets``). Frozen: the
statements are this revision's own.
"""
import sqlalchemy as sa
from alembic import op

revision = "0010c"
down_revision = "0010a"
branch_labels = None
depends_on = None

TABLE = "search_sheet_grams"
R = "(SELECT {schema}.sesaku_role())"
M = "(SELECT {schema}.sesaku_ministry())"
OWN = f"({R} = 'staff' AND sheet_id IN (SELECT s.id FROM {{schema}}.sheets s WHERE s.ministry = {M}))"
SECRETARIAT = f"{R} = 'secretariat'"


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    schema = bind.execute(sa.text("SELECT quote_ident(current_schema())")).scalar()
    # A database created from scratch may have it already (revision 0006 rebuilds the index with the
    # program's own fulltext.rebuild); it is filled again here from today's field grams either way.
    op.execute(f"CREATE TABLE IF NOT EXISTS {schema}.{TABLE} ("
               f"sheet_id INTEGER PRIMARY KEY REFERENCES {schema}.sheets(id) ON DELETE CASCADE, "
               f"grams INTEGER[] NOT NULL) WITH (toast_tuple_target = 128)")
    op.execute(f"DELETE FROM {schema}.{TABLE}")
    op.execute(f"INSERT INTO {schema}.{TABLE} (sheet_id, grams) "
               f"SELECT f.sheet_id, array_agg(DISTINCT c ORDER BY c) FROM {schema}.search_field_grams f "
               f"CROSS JOIN LATERAL unnest(f.grams) AS c GROUP BY f.sheet_id")
    op.execute(f"CREATE INDEX IF NOT EXISTS ix_{TABLE} ON {schema}.{TABLE} USING gin (grams)")
    op.execute(f"CREATE OR REPLACE FUNCTION {schema}.search_sheet_hits(codes integer[]) "
               f"RETURNS TABLE(sheet_id integer) LANGUAGE sql STABLE ROWS 20000 SET enable_seqscan = off AS "
               f"$$ SELECT g.sheet_id FROM {schema}.{TABLE} g WHERE g.grams && codes $$")
    own, sec = OWN.format(schema=schema), SECRETARIAT.format(schema=schema)
    op.execute(f"ALTER TABLE {schema}.{TABLE} ENABLE ROW LEVEL SECURITY")
    for name, clause in (("sesaku_read", f"FOR SELECT USING ({sec} OR {own})"),
                         ("sesaku_ins", f"FOR INSERT WITH CHECK ({own})"),
                         ("sesaku_upd", f"FOR UPDATE USING ({own}) WITH CHECK ({own})"),
                         ("sesaku_del", f"FOR DELETE USING ({own})")):
        op.execute(f"DROP POLICY IF EXISTS {name} ON {schema}.{TABLE}")
        op.execute(f"CREATE POLICY {name} ON {schema}.{TABLE} {clause}")
    op.execute(f"ANALYZE {schema}.{TABLE}")


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("DROP FUNCTION IF EXISTS search_sheet_hits(integer[])")
    op.execute(f"DROP TABLE IF EXISTS {TABLE}")
