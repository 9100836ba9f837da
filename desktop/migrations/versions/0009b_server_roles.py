"""Roles per ministry enforced by PostgreSQL: the role map, row-level security, server-side authorship

Revision ID: 0009b
Revises: 0008
Create Date: 2026-12-03 12:45:00

PostgreSQL only; on SQLite (one person, one file) this revision does nothing.

* ``sesaku_role_map``: which database role is staff of which ministry, the
  secretariat, or an administrator of the map (maintained by
  ``sesaku-desk server grant``; desktop/store/server_roles.py).
* ``sesaku_role()`` / ``sesaku_ministry()``: the map's answer for
  ``current_user``. Their bodies name the schema, and they run with a fixed
  search_path, so a role cannot shadow the map with a table of its own.
* Row-level security on every table holding sheet content (sheets, fields,
  areas, items, KPIs, actuals, marks, citations, the withheld-text register,
  revisions, status history, comments, evaluations, 施策番号, the
  search index of the fields): staff see and
  change only their ministry's rows, the secretariat reads all and writes only
  the review's rows. A role not in the map sees nothing. The tables' owner
  (the role that migrates, as before this revision) is not subject to the
  policies: a database used with one shared role keeps working unchanged.
  Which columns a group may write is the grants' job (server_roles.py),
  because grants need the group roles, which are the cluster's, not the
  database's.
* Authorship triggers: for a role in the map, the author of every revision,
  status change, comment, evaluation, mark and register entry (and who
  resolved or released) is ``current_user``, set by the server whatever the
  client sent; the review role of a status change or comment is the map's.
* The review moves each role may make (``sesaku_review_moves``, filled by
  ``server setup`` from the survey definition): a status change a role may not
  make is refused by the server, not only by the program.

Frozen: later revisions that add tables holding sheet content must give them
policies of their own.
"""
import sqlalchemy as sa
from alembic import op

revision = "0009b"
down_revision = "0009c"
branch_labels = None
depends_on = None

# Scalar subqueries: evaluated once per statement, not once per row ("{schema}" is filled in by _condition).
R = "(SELECT {schema}.sesaku_role())"
M = "(SELECT {schema}.sesaku_ministry())"
STAFF = f"{R} = 'staff'"
SECRETARIAT = f"{R} = 'secretariat'"

# How a row reaches its sheet's ministry: the condition "the row belongs to one of my ministry's sheets".
OWN = {
    "sheets": f"{STAFF} AND ministry = {M}",
    "kpis": (f"{STAFF} AND item_id IN (SELECT i.id FROM {{schema}}.items i JOIN {{schema}}.sheets s "
             f"ON s.id = i.sheet_id WHERE s.ministry = {M})"),
    "kpi_actuals": (f"{STAFF} AND kpi_id IN (SELECT k.id FROM {{schema}}.kpis k JOIN {{schema}}.items i "
                    f"ON i.id = k.item_id JOIN {{schema}}.sheets s ON s.id = i.sheet_id WHERE s.ministry = {M})"),
    "withheld_texts": f"{STAFF} AND lineage IN (SELECT s.lineage FROM {{schema}}.sheets s WHERE s.ministry = {M})",
}
BY_SHEET = f"{STAFF} AND sheet_id IN (SELECT s.id FROM {{schema}}.sheets s WHERE s.ministry = {M})"   # the rest

# Per table: which commands the secretariat ("sec") and a ministry's staff ("own") may run on their rows.
#   read: SELECT, ins / upd / del: INSERT / UPDATE / DELETE. The column-level limits are in the grants.
POLICIES = {
    "sheets": {"read": "sec own", "ins": "own", "upd": "sec own", "del": "own"},
    "sheet_fields": {"read": "sec own", "ins": "own", "upd": "own", "del": "own"},
    "sheet_areas": {"read": "sec own", "ins": "own", "upd": "own", "del": "own"},
    "items": {"read": "sec own", "ins": "own", "upd": "own", "del": "own"},
    "kpis": {"read": "sec own", "ins": "own", "upd": "own", "del": "own"},
    "kpi_actuals": {"read": "sec own", "ins": "own", "upd": "own", "del": "own"},
    "marks": {"read": "sec own", "ins": "own", "upd": "own", "del": "own"},
    "citations": {"read": "sec own", "ins": "own", "upd": "own", "del": "own"},
    "withheld_texts": {"read": "sec own", "ins": "own", "upd": "own"},
    "revisions": {"read": "sec own", "ins": "sec own", "del": "own"},
    "status_changes": {"read": "sec own", "ins": "sec own"},
    "comments": {"read": "sec own", "ins": "sec own", "upd": "sec own"},
    "evaluations": {"read": "sec own", "ins": "sec", "upd": "sec"},
    "measure_numbers": {"read": "sec own", "ins": "sec", "del": "sec"},
    # the search index of sheet fields (PostgreSQL's gram arrays, store/fulltext.py): derived from the text
    "search_field_grams": {"read": "sec own", "ins": "own", "upd": "own", "del": "own"},
    # what the other side last sent of a sheet (submission and return files, 0009c): the sheet's content
    "exchange_links": {"read": "sec own", "ins": "sec own", "upd": "sec own", "del": "own"},
}
COMMANDS = {"read": "SELECT", "ins": "INSERT", "upd": "UPDATE", "del": "DELETE"}

# Who did it: the columns the server fills (see sesaku_server_author for the modes).
AUTHORS = {
    "revisions": ("INSERT", ["author:insert"]),
    "status_changes": ("INSERT", ["actor:insert", "role:role"]),
    "comments": ("INSERT OR UPDATE", ["author:insert", "resolved_by:set", "role:role"]),
    "evaluations": ("INSERT OR UPDATE", ["author:always"]),
    "marks": ("INSERT", ["created_by:insert"]),
    "withheld_texts": ("INSERT OR UPDATE", ["created_by:insert", "released_by:set"]),
}


def _condition(table: str, who: str, schema: str) -> str:
    parts = []
    if "sec" in who.split():
        parts.append(SECRETARIAT)
    if "own" in who.split():
        parts.append(f"({OWN.get(table, BY_SHEET)})")
    return " OR ".join(parts).format(schema=schema)


def _functions(schema: str) -> list[str]:
    fixed = f"SET search_path = pg_catalog, {schema}"
    return [
        f"""CREATE OR REPLACE FUNCTION {schema}.sesaku_role() RETURNS text LANGUAGE sql STABLE {fixed} AS $$
            SELECT role FROM {schema}.sesaku_role_map WHERE role_name = current_user $$""",
        f"""CREATE OR REPLACE FUNCTION {schema}.sesaku_ministry() RETURNS text LANGUAGE sql STABLE {fixed} AS $$
            SELECT ministry FROM {schema}.sesaku_role_map WHERE role_name = current_user AND role = 'staff' $$""",
        # Server-side authorship. TG_ARGV: "column:mode"; mode "insert": current_user on INSERT, "always": on
        # INSERT and UPDATE, "set": whenever the row sets a new value (resolved_by, released_by), "role": the
        # map's review role, on INSERT.
        f"""CREATE OR REPLACE FUNCTION {schema}.sesaku_server_author() RETURNS trigger LANGUAGE plpgsql {fixed} AS $$
            DECLARE
                mapped text := {schema}.sesaku_role();
                review_role text;
                changed jsonb := '{{}}';
                spec text;
                column_name text;
                how text;
                row_now jsonb := to_jsonb(NEW);
                row_before jsonb := CASE WHEN TG_OP = 'UPDATE' THEN to_jsonb(OLD) ELSE '{{}}' END;
            BEGIN
                IF mapped IS NULL THEN
                    RETURN NEW;   -- the tables' owner (or a role outside the map, which RLS already stops)
                END IF;
                review_role := CASE mapped WHEN 'staff' THEN 'ministry' ELSE mapped END;
                FOREACH spec IN ARRAY TG_ARGV LOOP
                    column_name := split_part(spec, ':', 1);
                    how := split_part(spec, ':', 2);
                    IF how = 'role' THEN
                        IF TG_OP = 'INSERT' THEN
                            changed := changed || jsonb_build_object(column_name, review_role);
                        END IF;
                    ELSIF how = 'always' OR (how = 'insert' AND TG_OP = 'INSERT') THEN
                        changed := changed || jsonb_build_object(column_name, current_user::text);
                    ELSIF how = 'set' AND row_now ->> column_name IS NOT NULL AND (TG_OP = 'INSERT'
                          OR (row_now -> column_name) IS DISTINCT FROM (row_before -> column_name)) THEN
                        changed := changed || jsonb_build_object(column_name, current_user::text);
                    END IF;
                END LOOP;
                RETURN jsonb_populate_record(NEW, changed);
            END $$""",
        # The review moves a role may make (filled by `server setup` from the survey definition).
        f"""CREATE OR REPLACE FUNCTION {schema}.sesaku_check_move() RETURNS trigger LANGUAGE plpgsql {fixed} AS $$
            DECLARE
                mapped text := {schema}.sesaku_role();
                review_role text;
                old_status text := CASE WHEN TG_OP = 'UPDATE' THEN OLD.status ELSE NULL END;
            BEGIN
                IF mapped IS NULL OR NEW.status IS NOT DISTINCT FROM old_status THEN
                    RETURN NEW;
                END IF;
                review_role := CASE mapped WHEN 'staff' THEN 'ministry' ELSE mapped END;
                IF TG_OP = 'INSERT' THEN
                    IF NEW.status = 'draft' OR EXISTS (SELECT 1 FROM {schema}.sesaku_review_moves m
                            WHERE m.to_status = NEW.status AND m.role = review_role) THEN
                        RETURN NEW;
                    END IF;
                ELSIF EXISTS (SELECT 1 FROM {schema}.sesaku_review_moves m WHERE m.from_status = old_status
                              AND m.to_status = NEW.status AND m.role = review_role) THEN
                    RETURN NEW;
                END IF;
                RAISE EXCEPTION USING ERRCODE = 'insufficient_privilege',
                    MESSAGE = format('status %s -> %s is not a move for role %s', old_status, NEW.status, review_role);
            END $$""",
    ]


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    schema = op.get_bind().execute(sa.text("SELECT quote_ident(current_schema())")).scalar()
    op.execute(f"""CREATE TABLE IF NOT EXISTS {schema}.sesaku_role_map (
        role_name varchar(63) NOT NULL,
        ministry varchar(100) NOT NULL DEFAULT '',
        role varchar(20) NOT NULL,
        updated_at timestamp NOT NULL DEFAULT (now() AT TIME ZONE 'utc'),
        updated_by varchar(200) NOT NULL DEFAULT current_user,
        CONSTRAINT pk_sesaku_role_map PRIMARY KEY (role_name),
        CONSTRAINT ck_sesaku_role_map_role CHECK (role IN ('staff', 'secretariat', 'admin')),
        CONSTRAINT ck_sesaku_role_map_ministry CHECK (role <> 'staff' OR ministry <> ''))""")
    op.execute(f"""CREATE TABLE IF NOT EXISTS {schema}.sesaku_review_moves (
        from_status varchar(20) NOT NULL,
        to_status varchar(20) NOT NULL,
        role varchar(50) NOT NULL,
        CONSTRAINT pk_sesaku_review_moves PRIMARY KEY (from_status, to_status, role))""")
    for statement in _functions(schema):
        op.execute(statement)
    for table, commands in POLICIES.items():
        op.execute(f"ALTER TABLE {schema}.{table} ENABLE ROW LEVEL SECURITY")
        for command, who in commands.items():
            name = f"sesaku_{command}"
            condition = _condition(table, who, schema)
            op.execute(f"DROP POLICY IF EXISTS {name} ON {schema}.{table}")
            if command == "ins":
                clause = f"WITH CHECK ({condition})"
            elif command == "upd":
                clause = f"USING ({condition}) WITH CHECK ({condition})"
            else:
                clause = f"USING ({condition})"
            op.execute(f"CREATE POLICY {name} ON {schema}.{table} FOR {COMMANDS[command]} {clause}")
    for table, (events, columns) in AUTHORS.items():
        arguments = ", ".join(f"'{c}'" for c in columns)
        op.execute(f"DROP TRIGGER IF EXISTS sesaku_author ON {schema}.{table}")
        op.execute(f"CREATE TRIGGER sesaku_author BEFORE {events} ON {schema}.{table} FOR EACH ROW "
                   f"EXECUTE FUNCTION {schema}.sesaku_server_author({arguments})")
    op.execute(f"DROP TRIGGER IF EXISTS sesaku_move ON {schema}.sheets")
    op.execute(f"CREATE TRIGGER sesaku_move BEFORE INSERT OR UPDATE OF status ON {schema}.sheets FOR EACH ROW "
               f"EXECUTE FUNCTION {schema}.sesaku_check_move()")


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("DROP TRIGGER IF EXISTS sesaku_move ON sheets")
    for table in AUTHORS:
        op.execute(f"DROP TRIGGER IF EXISTS sesaku_author ON {table}")
    for table, commands in POLICIES.items():
        for command in commands:
            op.execute(f"DROP POLICY IF EXISTS sesaku_{command} ON {table}")
        op.execute(f"ALTER TABLE {table} DISABLE ROW LEVEL SECURITY")
    for function in ("sesaku_check_move()", "sesaku_server_author()", "sesaku_ministry()", "sesaku_role()"):
        op.execute(f"DROP FUNCTION IF EXISTS {function}")
    op.execute("DROP TABLE IF EXISTS sesaku_review_moves")
    op.execute("DROP TABLE IF EXISTS sesaku_role_map")
