"""Roles per ministry, enforced by PostgreSQL itself (migration 0009b, store/server_roles.py).

Two ministries' staff and the secretariat connect with roles of their own.
Every check of the first part goes around the program: plain SQL through
psycopg as that role, as a patched client would send it. Then the program's
own views, and the authorship the server writes whatever the client says.
"""

from __future__ import annotations

import os

import psycopg
import pytest

from desktop.store import access, server_roles
from desktop.store.database import DatabaseError, open_database
from desktop.store.repository import Repository, SheetFilter, SheetNotFound
from desktop.store.review import add_comment, change_status, comments, set_evaluation, status_history
from desktop.survey.parts import Part
from desktop.survey.sheet import CitationData, MarkData, Status
from tests.conftest import _pg_template
from tests.factories import complete_sheet

SUFFIX = f"{os.getpid()}"
SOUMU, GAIMU, SECRETARIAT, STRANGER = (f"rls_soumu_{SUFFIX}", f"rls_gaimu_{SUFFIX}", f"rls_sec_{SUFFIX}",
                                       f"rls_nobody_{SUFFIX}")

# Every table holding sheet content, and how to find the rows of one sheet in it.
ROWS_OF_SHEET = {
    "sheets": "id = %(sheet)s",
    "sheet_fields": "sheet_id = %(sheet)s",
    "sheet_areas": "sheet_id = %(sheet)s",
    "items": "sheet_id = %(sheet)s",
    "kpis": "item_id IN (SELECT id FROM items WHERE sheet_id = %(sheet)s)",
    "kpi_actuals": "kpi_id IN (SELECT k.id FROM kpis k JOIN items i ON i.id = k.item_id WHERE i.sheet_id = %(sheet)s)",
    "marks": "sheet_id = %(sheet)s",
    "citations": "sheet_id = %(sheet)s",
    "withheld_texts": "sheet_id = %(sheet)s",
    "revisions": "sheet_id = %(sheet)s",
    "status_changes": "sheet_id = %(sheet)s",
    "comments": "sheet_id = %(sheet)s",
    "evaluations": "sheet_id = %(sheet)s",
    "measure_numbers": "sheet_id = %(sheet)s",
    "search_field_grams": "sheet_id = %(sheet)s",
    "search_sheet_grams": "sheet_id = %(sheet)s",
    "exchange_links": "sheet_id = %(sheet)s",
}
# A column each table lets its writers change, to try an UPDATE with.
SOME_COLUMN = {"sheets": "bureau", "sheet_fields": "value", "sheet_areas": "position", "items": "title",
               "kpis": "indicator", "kpi_actuals": "value", "marks": "reason", "citations": "locator",
               "withheld_texts": "release_reason", "revisions": "author", "status_changes": "reason",
               "comments": "resolved_by", "evaluations": "comment", "measure_numbers": "number",
               "search_field_grams": "grams", "search_sheet_grams": "grams", "exchange_links": "received"}
# Tables every role shares (the survey, its years, the reference library and its index, the schema's own).
SHARED_TABLES = {"alembic_version", "surveys", "fiscal_years", "documents", "passages", "search_passage_grams",
                 "sesaku_role_map", "sesaku_review_moves", "survey_versions"}
# Tables under row-level security that every ministry reads: other ministries' public parts (0010a,
# tests/app/test_sharing_server.py), which never hold non-public text.
PUBLIC_TABLES = {"sesaku_public_sheets"}


@pytest.fixture(scope="session")
def login_roles(pg_server):
    if not pg_server.can_create_roles:
        pytest.skip("the test server's role may not create roles")
    for role in (SOUMU, GAIMU, SECRETARIAT, STRANGER):
        if not pg_server.admin(f"SELECT 1 FROM pg_roles WHERE rolname = '{role}'"):
            pg_server.admin(f"CREATE ROLE {role} LOGIN")
    return pg_server


@pytest.fixture
def shared(login_roles, pg_database, survey):
    """A set-up database: one sheet of each ministry with every kind of row, three roles granted."""
    server = login_roles
    name = pg_database(_pg_template(server, "migrated"))
    admin_url = server.admin_url(name)
    server_roles.setup(admin_url)
    server_roles.grant(admin_url, SOUMU, access.STAFF, "総務省")
    server_roles.grant(admin_url, GAIMU, access.STAFF, "外務省")
    server_roles.grant(admin_url, SECRETARIAT, access.SECRETARIAT)
    owner_db = open_database(server.url(name))
    repo = Repository(owner_db, survey)
    ids = {}
    for ministry in ("総務省", "外務省"):
        sheet = complete_sheet(survey, ministry=ministry)
        sheet.fields["title"] = f"{ministry}の施策"
        sheet.marks = [MarkData(reason="調整中", part=Part.field("content"), start=0, end=4)]
        sheet.citations = [CitationData(field_key="content", passage_id=None, quoted_text="引用", locator="p.3")]
        saved = repo.create_sheet(sheet, author="owner")
        change_status(repo, saved.id, Status.SUBMITTED, role="ministry", actor="owner")
        add_comment(repo, saved.id, "field:content", "確認してください", author="owner", role="secretariat")
        set_evaluation(repo, saved.id, "順調", role="secretariat", author="owner")
        ids[ministry] = saved.id
    from desktop.store.review import measure_numbers

    measure_numbers(repo, {2025})
    owner_db.close()
    with _connect(server, name, server.app_role) as conn:     # as a submission file's import leaves them
        for n, sheet_id in enumerate(ids.values()):
            conn.execute("INSERT INTO exchange_links (sheet_id, key, received) VALUES (%(s)s, %(k)s, '{}')",
                         {"s": sheet_id, "k": f"key{n}"})
    return server, name, ids


def _connect(server, name, role):
    return psycopg.connect(server._libpq(server.url(name, role=role)), autocommit=True)


def _count(conn, table, sheet) -> int:
    return conn.execute(f"SELECT count(*) FROM {table} WHERE {ROWS_OF_SHEET[table]}", {"sheet": sheet}).fetchone()[0]


def _owner_counts(server, name, sheet) -> dict[str, int]:
    with _connect(server, name, server.app_role) as conn:
        return {t: _count(conn, t, sheet) for t in ROWS_OF_SHEET}


def test_every_table_has_rows_of_both_sheets_for_the_owner(shared):
    server, name, ids = shared
    for sheet in ids.values():
        empty = [t for t, n in _owner_counts(server, name, sheet).items() if n == 0]
        assert empty == [], "the checks below would prove nothing on these tables"


def test_every_other_table_is_under_row_level_security(shared):
    """A table a later revision adds holds sheet content until someone decides otherwise: it needs policies."""
    server, name, _ids = shared
    tables = dict(server.admin("SELECT relname, relrowsecurity FROM pg_class WHERE relkind = 'r' "
                               "AND relnamespace = current_schema()::regnamespace", database=name))
    assert set(tables) - SHARED_TABLES - PUBLIC_TABLES == set(ROWS_OF_SHEET)
    assert [t for t in (*ROWS_OF_SHEET, *PUBLIC_TABLES) if not tables[t]] == []


@pytest.mark.parametrize("table", sorted(ROWS_OF_SHEET))
def test_staff_see_and_change_nothing_of_another_ministry(shared, table):
    server, name, ids = shared
    other = ids["外務省"]
    before = _owner_counts(server, name, other)
    with _connect(server, name, SOUMU) as conn:
        assert _count(conn, table, other) == 0
        assert _count(conn, table, ids["総務省"]) > 0   # their own are there
        for sql in (f"UPDATE {table} SET {SOME_COLUMN[table]} = {SOME_COLUMN[table]} WHERE {ROWS_OF_SHEET[table]}",
                    f"DELETE FROM {table} WHERE {ROWS_OF_SHEET[table]}"):
            try:
                cur = conn.execute(sql, {"sheet": other})
            except psycopg.errors.InsufficientPrivilege:
                continue   # refused outright (no grant)
            assert cur.rowcount == 0, sql
    assert _owner_counts(server, name, other) == before


def test_staff_cannot_add_rows_to_another_ministrys_sheet_or_move_their_own_to_it(shared):
    server, name, ids = shared
    other, own = ids["外務省"], ids["総務省"]
    attempts = [
        "INSERT INTO sheet_fields (sheet_id, key, value, search_text) VALUES (%(other)s, 'issues', 'x', 'x')",
        "INSERT INTO marks (sheet_id, part, text, unplaced, reason, created_by, created_at) "
        "VALUES (%(other)s, 'field:content', '', false, '', '', now())",
        "INSERT INTO comments (sheet_id, part, quote, body, author, role, created_at, resolved) "
        "VALUES (%(other)s, 'field:content', '', '偽', '', '', now(), false)",
        "INSERT INTO revisions (sheet_id, sheet_version, at, author, field) VALUES (%(other)s, 1, now(), 'x', 'y')",
        "INSERT INTO sheets (survey_id, fiscal_year, ministry, bureau, person, contact, status, title, is_sample, "
        "lineage, created_at, updated_at, version) SELECT survey_id, fiscal_year, '外務省', '', '', '', 'draft', "
        "'偽', false, 'x', now(), now(), 1 FROM sheets WHERE id = %(own)s",
        "UPDATE sheets SET ministry = '外務省' WHERE id = %(own)s",
        "INSERT INTO evaluations (sheet_id, grade, comment, author, at) VALUES (%(own)s, '順調', '', '', now())",
    ]
    with _connect(server, name, SOUMU) as conn:
        for sql in attempts:
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                conn.execute(sql, {"other": other, "own": own})


def test_secretariat_reads_all_but_changes_only_the_review(shared):
    server, name, ids = shared
    with _connect(server, name, SECRETARIAT) as conn:
        for sheet in ids.values():
            assert all(_count(conn, t, sheet) > 0 for t in ROWS_OF_SHEET)
        for sql in ("UPDATE sheet_fields SET value = '改ざん' WHERE sheet_id = %(s)s",
                    "UPDATE sheets SET title = '改ざん' WHERE id = %(s)s",
                    "DELETE FROM sheets WHERE id = %(s)s",
                    "DELETE FROM revisions WHERE sheet_id = %(s)s",
                    "UPDATE marks SET reason = '' WHERE sheet_id = %(s)s"):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                conn.execute(sql, {"s": ids["総務省"]})
        # a move only the ministry makes (submitted → draft is not in the cycle at all; back to review neither)
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("UPDATE sheets SET status = 'draft' WHERE id = %(s)s", {"s": ids["総務省"]})
        conn.execute("UPDATE sheets SET status = 'accepted' WHERE id = %(s)s", {"s": ids["総務省"]})


def test_staff_cannot_make_the_secretariats_moves_even_by_sql(shared):
    server, name, ids = shared
    with _connect(server, name, SOUMU) as conn:
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("UPDATE sheets SET status = 'accepted' WHERE id = %(s)s", {"s": ids["総務省"]})


def test_a_role_outside_the_map_is_refused_at_the_open_and_sees_nothing(shared):
    server, name, ids = shared
    with pytest.raises(DatabaseError, match="server grant"):
        open_database(server.url(name, role=STRANGER))
    with _connect(server, name, STRANGER) as conn:
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("SELECT count(*) FROM sheets")


def test_the_programs_views_show_only_what_the_role_may_see(shared, survey):
    server, name, ids = shared
    db = open_database(server.url(name, role=SOUMU))
    try:
        assert db.access == access.Access(access.STAFF, SOUMU, "総務省")
        repo = Repository(db, survey)
        assert [r.ministry for r in repo.list_sheets(SheetFilter(include_deleted=True))] == ["総務省"]
        assert repo.count_sheets() == 1 and repo.ministries() == ["総務省"]
        with pytest.raises(SheetNotFound):
            repo.get_sheet(ids["外務省"])
        assert repo.revisions(ids["外務省"]) == [] and comments(repo, ids["外務省"]) == []
        assert [(text, sheet) for text, _lineage, sheet, *_ in repo.withheld_everywhere()] == [("国際指針", ids["総務省"])]
        from desktop.app.export import stored_numbers

        # an export by staff prints the 施策番号 the secretariat's numbering gave (staff assign none)
        numbers = stored_numbers(repo, [repo.get_sheet(ids["総務省"])])
        assert list(numbers) == [ids["総務省"]]
        assert repo.list_sheets(SheetFilter(text="外務省の施策")) == []           # the search index too
        assert [r.id for r in repo.list_sheets(SheetFilter(text="総務省の施策"))] == [ids["総務省"]]
    finally:
        db.close()
    db = open_database(server.url(name, role=SECRETARIAT))
    try:
        assert db.access.kind == access.SECRETARIAT and db.access.review_role == "secretariat"
        assert sorted(r.ministry for r in Repository(db, survey).list_sheets()) == ["外務省", "総務省"]
        assert [r.id for r in Repository(db, survey).list_sheets(SheetFilter(text="外務省の施策"))] == [ids["外務省"]]
    finally:
        db.close()


def test_history_carries_the_servers_role_whatever_the_client_sends(shared, survey):
    server, name, ids = shared
    own = ids["総務省"]
    db = open_database(server.url(name, role=SECRETARIAT))
    try:   # the submitted sheet is returned, so the ministry may edit it again
        change_status(Repository(db, survey), own, Status.RETURNED, role="secretariat", reason="追記を", actor="総務 花子")
    finally:
        db.close()
    db = open_database(server.url(name, role=SOUMU))
    try:
        repo = Repository(db, survey)
        sheet = repo.get_sheet(own)
        sheet.fields["issues"] = "課題を追記"
        saved = repo.save_sheet(sheet, author="事務局 太郎")
        add_comment(repo, own, "field:content", "回答します", author="事務局 太郎", role="secretariat")
    finally:
        db.close()
    db = open_database(server.url(name, role=SECRETARIAT))
    try:
        repo = Repository(db, survey)
        set_evaluation(repo, own, "遅れ", role="secretariat", author="総務 花子")
        history = status_history(repo, own)
        revisions = repo.revisions(own)
        notes = comments(repo, own)
    finally:
        db.close()
    assert [r.author for r in revisions if r.sheet_version >= saved.version and r.field == "field:issues"] == [SOUMU]
    assert (history[-1].actor, history[-1].role) == (SECRETARIAT, "secretariat")
    assert [(c.author, c.role) for c in notes if c.body == "回答します"] == [(SOUMU, "ministry")]
    with _connect(server, name, SOUMU) as conn:   # and a client that sends SQL of its own fares no better
        conn.execute("INSERT INTO revisions (sheet_id, sheet_version, at, author, field) "
                     "VALUES (%(s)s, 1, now(), '事務局 太郎', 'note')", {"s": own})
        assert conn.execute("SELECT author FROM revisions WHERE field = 'note'").fetchone()[0] == SOUMU
    with _connect(server, name, server.app_role) as conn:
        assert conn.execute("SELECT author FROM evaluations WHERE sheet_id = %(s)s", {"s": own}).fetchone()[0] \
            == SECRETARIAT


def test_setup_and_grant_again_change_nothing(shared):
    server, name, ids = shared
    admin_url = server.admin_url(name)
    server_roles.setup(admin_url)
    server_roles.grant(admin_url, SOUMU, access.STAFF, "総務省")
    assert {(m.role_name, m.role, m.ministry) for m in server_roles.mappings(admin_url)} == {
        (SOUMU, "staff", "総務省"), (GAIMU, "staff", "外務省"), (SECRETARIAT, "secretariat", "")}
    with _connect(server, name, SOUMU) as conn:
        assert _count(conn, "sheets", ids["外務省"]) == 0 and _count(conn, "sheets", ids["総務省"]) == 1


def test_moving_a_role_to_another_ministry_moves_what_it_sees(shared):
    server, name, ids = shared
    server_roles.grant(server.admin_url(name), SOUMU, access.STAFF, "外務省")
    with _connect(server, name, SOUMU) as conn:
        assert _count(conn, "sheets", ids["外務省"]) == 1 and _count(conn, "sheets", ids["総務省"]) == 0
    assert server_roles.revoke(server.admin_url(name), SOUMU)
    with _connect(server, name, SOUMU) as conn:
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("SELECT count(*) FROM sheets")


def test_the_program_says_why_before_the_server_refuses(shared, survey):
    server, name, ids = shared
    db = open_database(server.url(name, role=SOUMU))
    try:
        repo = Repository(db, survey)
        with pytest.raises(access.AccessRefused, match="総務省のシートだけ"):
            repo.create_sheet(complete_sheet(survey, ministry="外務省"))
        own = repo.get_sheet(ids["総務省"])
        own.ministry = "外務省"
        with pytest.raises(access.AccessRefused, match="総務省のシートだけ"):
            repo.save_sheet(own)
        assert repo.create_sheet(complete_sheet(survey, ministry="総務省")).id is not None
        # a move of the secretariat asked for by a patched program: the server's refusal, in Japanese
        from desktop.store import failures

        sheet = repo.get_sheet(ids["総務省"])
        sheet.status = Status.ACCEPTED
        with pytest.raises(Exception) as refused:
            repo.save_sheet(sheet)
        failure = failures.classify(refused.value, server.url(name, role=SOUMU))
        assert failure.kind == failures.FORBIDDEN and "権限" in failure.message and "SQL" not in failure.message
        assert repo.get_sheet(ids["総務省"]).status is Status.SUBMITTED
    finally:
        db.close()
    db = open_database(server.url(name, role=SECRETARIAT))
    try:
        with pytest.raises(access.AccessRefused, match="作成できません"):
            Repository(db, survey).create_sheet(complete_sheet(survey, ministry="総務省"))
    finally:
        db.close()


def test_a_sqlite_file_and_the_tables_owner_are_not_limited(shared, tmp_path, survey):
    server, name, _ids = shared
    db = open_database(server.url(name))
    try:
        assert db.access.kind == access.OWNER and not db.access.restricted
        assert Repository(db, survey).count_sheets() == 2
    finally:
        db.close()
    db = open_database(tmp_path / "one.db")
    try:
        assert db.access == access.EVERYTHING and db.access.review_role is None
    finally:
        db.close()
