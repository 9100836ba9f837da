"""Other ministries' public parts: the public form of shared sheets, readable by every ministry's role

Revision ID: 0010a
Revises: 0010b
Create Date: 2026-12-10 10:00:00

PostgreSQL only; on SQLite (one person, one file) this revision does nothing.

Row-level security (0009b) shows staff only their ministry's sheets. Where the
survey definition says so (``[sharing] public_parts``), staff may also read
other ministries' sheets in that status, their public part only. SQL cannot
withhold marked passages by itself, so the program writes the public form
(the public report model, desktop/app/sharing.py) into a table of its own,
and only that table is opened to every ministry:

* ``sesaku_public_sheets``: one row per shared sheet, its public form as
  JSON, with the status and version of the sheet it was made from.
* Reading: any role of the map that sees sheets (staff, secretariat), and
  only while the survey's latest definition (``survey_versions``) shares that
  status: a definition that turns sharing off hides every row at once.
* Writing: the secretariat, or staff for their ministry's sheets, and only
  the public form of a sheet as it is now (its current version and status,
  a status the definition shares): an older or a draft version is refused.
* ``sesaku_forget_public``: every change of a sheet row (its status, its
  version bump on any save, deletion to the trash, another ministry) removes
  its public form, in the same transaction, whoever made the change; the
  program writes the new one afterwards. Security definer, so the removal
  does not depend on the changer's policies.

The tables' owner is not subject to the policies, as for every other table.
"""
import sqlalchemy as sa
from alembic import op

revision = "0010a"
down_revision = "0010b"
branch_labels = None
depends_on = None

TABLE = "sesaku_public_sheets"


def _statements(schema: str) -> list[str]:
    fixed = f"SET search_path = pg_catalog, {schema}"
    role = f"(SELECT {schema}.sesaku_role())"
    ministry = f"(SELECT {schema}.sesaku_ministry())"
    shared = f"{schema}.sesaku_shared_status(survey_id)"
    writer = f"({role} = 'secretariat' OR ({role} = 'staff' AND ministry = {ministry}))"
    current = (f"EXISTS (SELECT 1 FROM {schema}.sheets s WHERE s.id = sheet_id AND s.version = sheet_version "
               f"AND s.status = {TABLE}.status AND s.ministry = {TABLE}.ministry AND s.survey_id = {TABLE}.survey_id "
               f"AND s.deleted_at IS NULL)")
    return [
        f"""CREATE TABLE IF NOT EXISTS {schema}.{TABLE} (
            sheet_id integer NOT NULL,
            survey_id integer NOT NULL,
            sheet_version integer NOT NULL,
            status varchar(20) NOT NULL,
            fiscal_year integer NOT NULL,
            ministry varchar(100) NOT NULL,
            title text NOT NULL,
            rendering text NOT NULL,
            rendered_at timestamp NOT NULL DEFAULT (now() AT TIME ZONE 'utc'),
            rendered_by varchar(200) NOT NULL DEFAULT current_user,
            CONSTRAINT pk_{TABLE} PRIMARY KEY (sheet_id),
            CONSTRAINT fk_{TABLE}_sheet FOREIGN KEY (sheet_id) REFERENCES {schema}.sheets (id) ON DELETE CASCADE,
            CONSTRAINT fk_{TABLE}_survey FOREIGN KEY (survey_id) REFERENCES {schema}.surveys (id) ON DELETE CASCADE)""",
        f"CREATE INDEX IF NOT EXISTS ix_{TABLE}_survey_year ON {schema}.{TABLE} (survey_id, fiscal_year, ministry)",
        # The status the survey's latest definition shares (NULL: none). The definition is stored JSON
        # (survey/definition_data.py), readable by every role; the map's owner of the function is irrelevant.
        f"""CREATE OR REPLACE FUNCTION {schema}.sesaku_shared_status(wanted integer) RETURNS text
            LANGUAGE sql STABLE {fixed} AS $$
            SELECT NULLIF(v.definition::jsonb -> 'sharing' ->> 'public_parts', 'off')
            FROM {schema}.survey_versions v WHERE v.survey_id = wanted ORDER BY v.version DESC LIMIT 1 $$""",
        f"""CREATE OR REPLACE FUNCTION {schema}.sesaku_forget_public() RETURNS trigger LANGUAGE plpgsql
            SECURITY DEFINER {fixed} AS $$
            BEGIN
                DELETE FROM {schema}.{TABLE} WHERE sheet_id = OLD.id;
                RETURN NULL;
            END $$""",
        f"REVOKE ALL ON FUNCTION {schema}.sesaku_forget_public() FROM PUBLIC",
        f"DROP TRIGGER IF EXISTS sesaku_forget_public ON {schema}.sheets",
        f"""CREATE TRIGGER sesaku_forget_public AFTER UPDATE ON {schema}.sheets FOR EACH ROW
            WHEN (OLD.* IS DISTINCT FROM NEW.*) EXECUTE FUNCTION {schema}.sesaku_forget_public()""",
        f"ALTER TABLE {schema}.{TABLE} ENABLE ROW LEVEL SECURITY",
        f"DROP POLICY IF EXISTS sesaku_read ON {schema}.{TABLE}",
        f"""CREATE POLICY sesaku_read ON {schema}.{TABLE} FOR SELECT
            USING ({role} IN ('staff', 'secretariat') AND status = {shared})""",
        f"DROP POLICY IF EXISTS sesaku_ins ON {schema}.{TABLE}",
        f"""CREATE POLICY sesaku_ins ON {schema}.{TABLE} FOR INSERT
            WITH CHECK ({writer} AND status = {shared} AND {current})""",
        f"DROP POLICY IF EXISTS sesaku_del ON {schema}.{TABLE}",
        f"CREATE POLICY sesaku_del ON {schema}.{TABLE} FOR DELETE USING ({writer})",
    ]


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    schema = op.get_bind().execute(sa.text("SELECT quote_ident(current_schema())")).scalar()
    for statement in _statements(schema):
        op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("DROP TRIGGER IF EXISTS sesaku_forget_public ON sheets")
    op.execute(f"DROP TABLE IF EXISTS {TABLE}")
    op.execute("DROP FUNCTION IF EXISTS sesaku_forget_public()")
    op.execute("DROP FUNCTION IF EXISTS sesaku_shared_status(integer)")
