"""PostgreSQL as staff and administrators meet it: URLs as typed, set-up, permissions, search indexes.

The suites in tests/store, tests/sources and tests/cli already run on
PostgreSQL through the ``db_backend`` parameter; these tests are about what
only a server has. Without a server they are skipped (failed under CI).
"""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import text
from sqlalchemy.engine import make_url

from desktop.sources.library import Library
from desktop.store import fulltext, migrate
from desktop.store.database import DatabaseError, _normalise_url, display_target, open_database
from desktop.store.repository import Repository, SheetFilter
from tests.factories import complete_sheet


# -- URLs, without a server ------------------------------------------------------

@pytest.mark.parametrize("typed, driver, host, database, query", [
    ("postgresql://sesaku@dbserver/sesaku", "postgresql+psycopg", "dbserver", "sesaku", {}),
    ("postgres://sesaku@dbserver:5433/sesaku", "postgresql+psycopg", "dbserver", "sesaku", {}),
    ("postgresql://sesaku@/sesaku?host=/var/run/postgresql&port=5433", "postgresql+psycopg", None, "sesaku",
     {"host": "/var/run/postgresql", "port": "5433"}),
    ("postgresql+psycopg://sesaku@dbserver/sesaku", "postgresql+psycopg", "dbserver", "sesaku", {}),
])
def test_urls_work_as_typed(typed, driver, host, database, query):
    url = make_url(_normalise_url(typed))
    assert (url.drivername, url.host, url.database, dict(url.query)) == (driver, host, database, query)


def test_socket_url_reaches_the_driver_as_host_and_port():
    from sqlalchemy import create_engine

    url = make_url(_normalise_url("postgresql://sesaku@/sesaku?host=/run/pg&port=5433"))
    _args, kwargs = create_engine(url).dialect.create_connect_args(url)
    assert (kwargs["host"], str(kwargs["port"]), kwargs["dbname"], kwargs["user"]) == (
        "/run/pg", "5433", "sesaku", "sesaku")


def test_password_is_never_shown():
    shown = display_target("postgresql://sesaku:s3cret%21@dbserver/sesaku")
    assert "s3cret" not in shown and "dbserver/sesaku" in shown


def test_unreachable_server_is_a_clear_error_without_the_password(tmp_path):
    with pytest.raises(DatabaseError) as info:
        open_database(f"postgresql://sesaku:s3cret@/sesaku?host={tmp_path}&port=1&connect_timeout=2")
    assert "接続できません" in str(info.value) and "s3cret" not in str(info.value)


# -- with a server --------------------------------------------------------------------

def _indexes(db) -> set[str]:
    with db.engine.connect() as conn:
        return set(conn.execute(text("SELECT indexname FROM pg_indexes WHERE schemaname = current_schema()"))
                   .scalars())


def test_empty_database_is_set_up_with_trigram_indexes(pg_server, pg_database):
    url = pg_server.url(pg_database())
    assert "?host=" in url   # the socket form, exactly as an administrator would hand it out
    db = open_database(url)
    try:
        assert db.dialect == "postgresql" and migrate.current_revision(db.engine) == migrate.head_revision()
        assert {name for name, _ in fulltext.TRIGRAM_INDEXES} <= _indexes(db)
        assert db.notes == [] and db.backup_path is None
    finally:
        db.close()


def test_plain_host_url_works_as_typed(pg_server, pg_database, survey):
    if not hasattr(pg_server, "tcp_url"):
        pytest.skip("the configured server is reached by its own URL only")
    url = pg_server.tcp_url(pg_database())
    db = open_database(url)
    try:
        Repository(db).create_sheet(complete_sheet(survey))
        assert db.target == url and Repository(db).count_sheets() == 1
    finally:
        db.close()


def test_search_uses_the_trigram_index(pg_server, pg_database, survey):
    db = open_database(pg_server.url(pg_database()))
    try:
        sheet = complete_sheet(survey)
        sheet.fields["content"] = "海賊版サイトへの対策を強化する。"
        Repository(db).create_sheet(sheet)
        with db.engine.connect() as conn:
            conn.execute(text("SET enable_seqscan = off"))
            plan = "\n".join(conn.execute(text(
                "EXPLAIN SELECT id FROM sheet_fields WHERE search_text LIKE :p"), {"p": "%海賊版%"}).scalars())
        assert "ix_sheet_fields_search_trgm" in plan
    finally:
        db.close()


def test_without_permission_for_pg_trgm_search_still_works_and_indexes_come_later(pg_server, pg_database, survey):
    """A role that may create tables but not extensions: no index, same results; once an admin adds it, indexed."""
    if not pg_server.can_create_roles:
        pytest.skip("the configured role may not create roles")
    role = "sesaku_limited"
    pg_server.admin(f"DROP ROLE IF EXISTS {role}", f"CREATE ROLE {role} LOGIN")
    name = pg_server.create_database(owner=_admin_name(pg_server))
    try:
        pg_server.admin(f"GRANT CONNECT ON DATABASE {name} TO {role}")
        pg_server.admin(f"GRANT USAGE, CREATE ON SCHEMA public TO {role}", database=name)
        url = pg_server.url(name, role=role)
        db = open_database(url)
        try:
            assert not ({n for n, _ in fulltext.TRIGRAM_INDEXES} & _indexes(db))
            assert any("pg_trgm" in note for note in db.notes)
            repo = Repository(db)
            sheet = complete_sheet(survey)
            sheet.fields["content"] = "ＡＩを活用した５Ｇの展開"
            repo.create_sheet(sheet)
            assert repo.count_sheets(SheetFilter(text="ai 5g")) == 1
        finally:
            db.close()
        pg_server.admin("CREATE EXTENSION pg_trgm", database=name)
        db = open_database(url)
        try:
            assert {n for n, _ in fulltext.TRIGRAM_INDEXES} <= _indexes(db)
            assert not any("pg_trgm" in note for note in db.notes)
            assert Repository(db).count_sheets(SheetFilter(text="ａｉ")) == 1
        finally:
            db.close()
    finally:
        pg_server.drop_database(name)
        pg_server.admin(f"DROP ROLE IF EXISTS {role}")


def _admin_name(pg_server) -> str:
    return make_url(pg_server.admin_url()).username


def test_c_locale_database_gets_an_advice(pg_server, pg_database):
    db = open_database(pg_server.url(pg_database(options="LOCALE 'C'")))
    try:
        assert any("LC_CTYPE" in note for note in db.notes)
    finally:
        db.close()


def test_non_utf8_database_is_refused(pg_server, pg_database):
    name = pg_database(options="ENCODING 'SQL_ASCII' LOCALE 'C'")
    with pytest.raises(DatabaseError, match="UTF8"):
        open_database(pg_server.url(name))


def test_database_of_another_application_is_refused(pg_server, pg_database):
    name = pg_database()
    pg_server.admin("CREATE TABLE notes (id int)", f"ALTER TABLE notes OWNER TO {pg_server.app_role}",
                    database=name)
    with pytest.raises(DatabaseError, match="施策デスク以外の表"):
        open_database(pg_server.url(name))


def test_database_from_a_newer_release_is_refused(pg_server, pg_database):
    name = pg_database()
    open_database(pg_server.url(name)).close()
    pg_server.admin("UPDATE alembic_version SET version_num = '9999'", database=name)
    with pytest.raises(DatabaseError, match="新しい版"):
        open_database(pg_server.url(name))


def test_two_first_openers_at_once_migrate_once(pg_server, pg_database):
    url = pg_server.url(pg_database())
    barrier = threading.Barrier(3)
    results: list = []

    def opener():
        barrier.wait()
        try:
            db = open_database(url)
            results.append(migrate.current_revision(db.engine))
            db.close()
        except Exception as exc:   # pragma: no cover - the failure is the assertion below
            results.append(exc)

    threads = [threading.Thread(target=opener) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert results == [migrate.head_revision()] * 3


def test_downgrade_removes_search_text_and_upgrade_restores_it(pg_server, pg_database, survey):
    db = open_database(pg_server.url(pg_database()))
    try:
        sheet = complete_sheet(survey)
        sheet.fields["content"] = "Ｗｅｂ３の推進"
        Repository(db).create_sheet(sheet)
        migrate.downgrade(db.engine, "0002")
        assert not ({n for n, _ in fulltext.TRIGRAM_INDEXES} & _indexes(db))
        migrate.upgrade(db.engine)
        assert Repository(db).count_sheets(SheetFilter(text="web3")) == 1
    finally:
        db.close()


def test_read_only_connection_refuses_writes(pg_server, pg_database, survey):
    url = pg_server.url(pg_database())
    open_database(url).close()
    db = open_database(url, read_only=True)
    try:
        assert db.read_only
        repo = Repository(db)
        assert repo.count_sheets() == 0
        with pytest.raises(Exception, match="read-only"):
            repo.create_sheet(complete_sheet(survey))
    finally:
        db.close()


def test_library_search_on_a_server_folds_width(seeded_pg):
    library = Library(seeded_pg)
    half = [h.passage_id for h in library.search("WIPO", limit=50)]
    assert half and half == [h.passage_id for h in library.search("ｗｉｐｏ", limit=50)]


@pytest.fixture
def seeded_pg(request):
    request.getfixturevalue("pg_server")
    return request.getfixturevalue("seeded_db")


@pytest.fixture
def db_backend():
    return "postgresql"
