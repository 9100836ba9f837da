"""Setting up roles per ministry on a PostgreSQL server: group roles, grants, the role map.

Migration 0009b puts the rules into the database (row-level security by the
role map, server-side authorship). What a database cannot hold is here: the
group roles (a server's roles belong to the whole cluster), the grants that
say which group may touch which table and column, the review moves of the
survey definition, and the map's rows. Every function is idempotent: setting
up again after an update of the program re-applies the grants to tables new
revisions added.

* ``sesaku_staff``: staff of a ministry (which one: the role map).
* ``sesaku_secretariat``: reads every sheet, writes only the review's rows
  (status, history, comments, evaluations, 施策番号).
* ``sesaku_administrator``: maintains the role map.

Staff and secretariat also read ``sesaku_public_sheets`` (0010a): the public
form of other ministries' sheets where the survey shares them ([sharing]).

A person's login role is a member of one group and has one row in the map;
``grant`` keeps the two together. Staff roles must never be members of the
tables' owner: the owner is not subject to the policies.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Connection, create_engine, text
from sqlalchemy.engine import make_url

from desktop.store import access
from desktop.store.database import DatabaseError, _normalise_url, _postgres_connect_args, open_database
from desktop.survey.definition import SurveyDefinition
from desktop.survey.loader import available_surveys
from desktop.survey.ministries import clean_ministry

GROUPS = {access.STAFF: "sesaku_staff", access.SECRETARIAT: "sesaku_secretariat", access.ADMIN: "sesaku_administrator"}

CONTENT = ("sheets", "sheet_fields", "sheet_areas", "items", "kpis", "kpi_actuals", "marks", "citations",
           "search_field_grams", "search_sheet_grams")
SHARED = ("documents", "passages", "search_passage_grams")
REVIEW_COLUMNS = "status, updated_at, version"
# Other ministries' public parts (migration 0010a): readable by staff and secretariat through its policies,
# written by the program when a sheet reaches the status the survey shares (desktop/app/sharing.py).
PUBLIC_SHEETS = "sesaku_public_sheets"
RESOLVE_COLUMNS = "resolved, resolved_by, resolved_at"
RELEASE_COLUMNS = "released_at, released_by, release_reason"

# (privileges, table) per group; columns in parentheses limit an UPDATE to them.
GRANTS = {
    access.STAFF: [
        *(("SELECT, INSERT, UPDATE, DELETE", t) for t in CONTENT),
        (f"SELECT, INSERT, UPDATE ({RELEASE_COLUMNS})", "withheld_texts"),
        ("SELECT, INSERT, DELETE", "revisions"),
        ("SELECT, INSERT", "status_changes"),
        (f"SELECT, INSERT, UPDATE ({RESOLVE_COLUMNS})", "comments"),
        ("SELECT", "evaluations"),
        ("SELECT", "measure_numbers"),
        ("SELECT, INSERT, UPDATE", "surveys"),
        ("SELECT, INSERT", "survey_versions"),     # new-year onto a newer definition stores it
        ("SELECT, INSERT, UPDATE", "fiscal_years"),
        ("SELECT, INSERT, UPDATE, DELETE", "exchange_links"),
        *(("SELECT, INSERT, UPDATE, DELETE", t) for t in SHARED),
        ("SELECT", "alembic_version"), ("SELECT", "sesaku_role_map"), ("SELECT", "sesaku_review_moves"),
        ("SELECT, INSERT, DELETE", PUBLIC_SHEETS),
    ],
    access.SECRETARIAT: [
        (f"SELECT, UPDATE ({REVIEW_COLUMNS})", "sheets"),
        *(("SELECT", t) for t in CONTENT[1:]),
        ("SELECT", "withheld_texts"),
        ("SELECT, INSERT", "revisions"),
        ("SELECT, INSERT", "status_changes"),
        (f"SELECT, INSERT, UPDATE ({RESOLVE_COLUMNS})", "comments"),
        ("SELECT, INSERT, UPDATE", "evaluations"),
        ("SELECT, INSERT, DELETE", "measure_numbers"),
        ("SELECT, INSERT, UPDATE", "surveys"),
        ("SELECT, INSERT", "survey_versions"),
        ("SELECT, UPDATE", "fiscal_years"),
        ("SELECT, INSERT, UPDATE", "exchange_links"),   # UPDATE: the 施策番号's row lock (SELECT … FOR UPDATE)
        *(("SELECT, INSERT, UPDATE, DELETE", t) for t in SHARED),
        ("SELECT", "alembic_version"), ("SELECT", "sesaku_role_map"), ("SELECT", "sesaku_review_moves"),
        ("SELECT, INSERT, DELETE", PUBLIC_SHEETS),
    ],
    access.ADMIN: [
        ("SELECT, INSERT, UPDATE, DELETE", "sesaku_role_map"),
        ("SELECT", "alembic_version"), ("SELECT", "sesaku_review_moves"),
    ],
}


class ServerSetupError(DatabaseError):
    """The server refused a step of the set-up; the message (Japanese) says which and what to do."""


@dataclass(frozen=True)
class Mapping:
    role_name: str
    role: str
    ministry: str
    groups: tuple[str, ...]


def _engine(url: str, role: str | None = None):
    parsed = make_url(_normalise_url(url))
    if not parsed.drivername.startswith("postgresql"):
        raise ServerSetupError("ロールの設定は PostgreSQL のデータベースにだけ行えます"
                               "（SQLite のファイルは一人で使うため、設定は不要です）。")
    args = _postgres_connect_args(parsed)
    if role:
        args["options"] = f"-c role={role}"
    return create_engine(parsed, connect_args=args)


def _ident(conn: Connection, name: str) -> str:
    return conn.execute(text("SELECT quote_ident(:n)"), {"n": name}).scalar_one()


def _one(conn: Connection, sql: str, **params):
    return conn.execute(text(sql), params).scalar()


def setup(url: str, surveys: list[SurveyDefinition] | None = None) -> list[str]:
    """Bring the database to the current revision as its owner, create the groups, grant, fill the moves.

    ``url``: a role that may create roles (CREATEROLE, or a superuser) and is
    the database's owner or may act as it. Returns what was done (Japanese).
    """
    done = []
    engine = _engine(url)
    try:
        with engine.connect() as conn:
            me = _one(conn, "SELECT current_user")
            owner = _one(conn, "SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = current_database()")
            may_become = _one(conn, "SELECT pg_has_role(current_user, :o, 'USAGE')", o=owner)
            may_create_roles = _one(conn, "SELECT rolcreaterole OR rolsuper FROM pg_roles WHERE rolname = current_user")
        if not may_become:
            raise ServerSetupError(f"ロール「{me}」はデータベースの所有者「{owner}」として操作できません。"
                                   "所有者のロール、またはスーパーユーザーで実行してください。")
        # The tables are created and migrated by the owner, whoever runs the set-up.
        database = open_database(url if me == owner else _with_role(url, owner))
        database.close()
        done.append("データベースを最新の版に更新しました。")
        with engine.begin() as conn:
            for kind, group in GROUPS.items():
                if _one(conn, "SELECT 1 FROM pg_roles WHERE rolname = :g", g=group) is None:
                    if not may_create_roles:
                        raise ServerSetupError(f"グループロール「{group}」がありません。ロール「{me}」にはロールを作成する権限"
                                               "（CREATEROLE）がないため、管理者が CREATE ROLE " + group + " NOLOGIN; "
                                               "を実行するか、権限のあるロールで実行してください。")
                    conn.execute(text(f"CREATE ROLE {group} NOLOGIN"))
                    done.append(f"グループロール {group} を作成しました。")
                _grant_tables(conn, kind, group)
            done.append("表の権限を設定しました。")
            count = _fill_moves(conn, surveys if surveys is not None else available_surveys())
            done.append(f"点検・評価の状態の変更 {count} 通りを登録しました。")
    finally:
        engine.dispose()
    return done


def _with_role(url: str, role: str) -> str:
    """The URL with ``role`` set at the start of each session (libpq ``options``)."""
    parsed = make_url(url)
    return parsed.update_query_dict({"options": f"-c role={role}"}).render_as_string(hide_password=False)


def _grant_tables(conn: Connection, kind: str, group: str) -> None:
    conn.execute(text(f"REVOKE ALL ON ALL TABLES IN SCHEMA {_schema(conn)} FROM {group}"))
    for privileges, table in GRANTS[kind]:
        conn.execute(text(f"GRANT {privileges} ON {table} TO {group}"))
    if kind != access.ADMIN:
        conn.execute(text(f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA {_schema(conn)} TO {group}"))
    conn.execute(text(f"GRANT USAGE ON SCHEMA {_schema(conn)} TO {group}"))


def _schema(conn: Connection) -> str:
    return _one(conn, "SELECT quote_ident(current_schema())")


def _fill_moves(conn: Connection, surveys: list[SurveyDefinition]) -> int:
    moves = {(t.source.value, t.target.value, role) for survey in surveys for t in survey.review.transitions
             for role in t.roles}
    conn.execute(text("DELETE FROM sesaku_review_moves"))
    for source, target, role in sorted(moves):
        conn.execute(text("INSERT INTO sesaku_review_moves (from_status, to_status, role) VALUES (:f, :t, :r)"),
                     {"f": source, "t": target, "r": role})
    return len(moves)


def grant(url: str, role_name: str, kind: str, ministry: str = "") -> Mapping:
    """Make ``role_name`` staff of ``ministry``, the secretariat or an administrator (replacing what it was)."""
    if kind not in GROUPS:
        raise ServerSetupError(f"役割「{kind}」は使えません（{'・'.join(GROUPS)}）。")
    ministry = clean_ministry(ministry) if kind == access.STAFF else ""   # as the repository stores sheets'
    if kind == access.STAFF and not ministry:
        raise ServerSetupError("府省庁の職員にするには --ministry で府省庁を指定してください。")
    engine = _engine(url)
    try:
        with engine.begin() as conn:
            _check_ready(conn)
            if _one(conn, "SELECT 1 FROM pg_roles WHERE rolname = :r", r=role_name) is None:
                raise ServerSetupError(f"ロール「{role_name}」がサーバーにありません。先に管理者が "
                                       f"CREATE ROLE {role_name} LOGIN PASSWORD '…'; で作成してください。")
            owner = _one(conn, "SELECT pg_get_userbyid(relowner) FROM pg_class WHERE oid = to_regclass('sheets')")
            if _one(conn, "SELECT pg_has_role(:r, :o, 'USAGE')", r=role_name, o=owner):
                raise ServerSetupError(f"ロール「{role_name}」は表の所有者「{owner}」の権限を持っているため、"
                                       "府省庁・役割による制限が効きません。所有者のロール（またはそのメンバー）以外の"
                                       f"ロールを割り当ててください（REVOKE {owner} FROM {role_name};）。")
            who = _ident(conn, role_name)
            for other, group in GROUPS.items():
                if other != kind and _member(conn, role_name, group):
                    conn.execute(text(f"REVOKE {group} FROM {who}"))
            conn.execute(text(f"GRANT {GROUPS[kind]} TO {who}"))
            conn.execute(text(
                "INSERT INTO sesaku_role_map (role_name, ministry, role) VALUES (:r, :m, :k) "
                "ON CONFLICT (role_name) DO UPDATE SET ministry = EXCLUDED.ministry, role = EXCLUDED.role, "
                "updated_at = now() AT TIME ZONE 'utc', updated_by = current_user"),
                {"r": role_name, "m": ministry, "k": kind})
            return _mapping(conn, role_name)
    finally:
        engine.dispose()


def revoke(url: str, role_name: str) -> bool:
    """Take ``role_name`` out of the map and the groups; False when it was in neither."""
    engine = _engine(url)
    try:
        with engine.begin() as conn:
            _check_ready(conn)
            found = conn.execute(text("DELETE FROM sesaku_role_map WHERE role_name = :r"), {"r": role_name}).rowcount
            if _one(conn, "SELECT 1 FROM pg_roles WHERE rolname = :r", r=role_name) is not None:
                who = _ident(conn, role_name)
                for group in GROUPS.values():
                    if _member(conn, role_name, group):
                        conn.execute(text(f"REVOKE {group} FROM {who}"))
                        found = found or 1
            return bool(found)
    finally:
        engine.dispose()


def mappings(url: str) -> list[Mapping]:
    engine = _engine(url)
    try:
        with engine.connect() as conn:
            _check_ready(conn)
            names = list(conn.execute(text("SELECT role_name FROM sesaku_role_map ORDER BY role, ministry, role_name"))
                         .scalars())
            return [_mapping(conn, name) for name in names]
    finally:
        engine.dispose()


def _check_ready(conn: Connection) -> None:
    if _one(conn, "SELECT to_regclass('sesaku_role_map')") is None or \
            _one(conn, "SELECT 1 FROM pg_roles WHERE rolname = :g", g=GROUPS[access.STAFF]) is None:
        raise ServerSetupError("このデータベースはまだ府省庁ごとのロールの設定がされていません。"
                               "先に sesaku-desk server setup を実行してください。")


def _member(conn: Connection, role_name: str, group: str) -> bool:
    return bool(_one(conn, "SELECT pg_has_role(:r, :g, 'MEMBER') AND :r <> :g", r=role_name, g=group))


def _mapping(conn: Connection, role_name: str) -> Mapping:
    row = conn.execute(text("SELECT role, ministry FROM sesaku_role_map WHERE role_name = :r"),
                       {"r": role_name}).first()
    groups = tuple(g for g in GROUPS.values() if _one(conn, "SELECT 1 FROM pg_roles WHERE rolname = :g", g=g)
                   and _member(conn, role_name, g))
    return Mapping(role_name, row[0] if row else "", row[1] if row else "", groups)
