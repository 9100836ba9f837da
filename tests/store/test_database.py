import sqlite3

import pytest
from sqlalchemy import create_engine, text

from desktop.store import migrate
from desktop.store.database import DatabaseError, open_database
from desktop.store.filesystem import is_network_path
from desktop.store.repository import Repository, SheetFilter
from tests.factories import complete_sheet


def _tables(path):
    con = sqlite3.connect(path)
    try:
        return {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    finally:
        con.close()


def test_new_database_is_created_at_head_with_wal_and_foreign_keys(db_path):
    db = open_database(db_path)
    try:
        assert migrate.current_revision(db.engine) == migrate.head_revision()
        with db.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 5000
    finally:
        db.close()
    assert {"sheets", "revisions", "sheet_fields_fts", "passages_fts"} <= _tables(db_path)
    assert db.backup_path is None


def test_empty_file_becomes_a_database(db_path):
    db_path.write_bytes(b"")
    open_database(db_path).close()
    assert "sheets" in _tables(db_path)


def test_database_chosen_by_environment(tmp_path, monkeypatch):
    target = tmp_path / "from-env.db"
    monkeypatch.setenv("SESAKU_DB", str(target))
    db = open_database(None)
    db.close()
    assert db.target == str(target.resolve()) and target.exists()


def _database_at_first_revision(path, survey):
    """A database as the first release wrote it, holding one sheet."""
    engine = create_engine(f"sqlite:///{path}")
    migrate.upgrade(engine, migrate.base_revision())
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO surveys (id, key, title, created_at) VALUES (1, :k, 't', '2025-01-01')"),
                     {"k": survey.key})
        conn.execute(text("INSERT INTO fiscal_years (survey_id, year, created_at) VALUES (1, 2025, '2025-01-01')"))
        conn.execute(text(
            "INSERT INTO sheets (id, survey_id, fiscal_year, ministry, bureau, person, contact, status, title,"
            " is_sample, created_at, updated_at, version) VALUES (1, 1, 2025, '総務省', '', '', '', 'draft',"
            " '旧版の施策', 0, '2025-01-01', '2025-01-01', 1)"))
        conn.execute(text("INSERT INTO sheet_fields (sheet_id, key, value) VALUES (1, 'title', '旧版の施策'),"
                          " (1, 'content', '旧版で入力した海賊版対策の内容')"))
    engine.dispose()


def test_first_revision_migrates_to_head_with_a_backup_first(db_path, survey):
    _database_at_first_revision(db_path, survey)
    db = open_database(db_path)
    try:
        assert migrate.current_revision(db.engine) == migrate.head_revision()
        assert db.backup_path is not None and db.backup_path.exists()
        assert db.backup_path.parent == db_path.parent
        # the backup is the untouched old database
        con = sqlite3.connect(db.backup_path)
        assert con.execute("SELECT version_num FROM alembic_version").fetchone()[0] == migrate.base_revision()
        con.close()
        repo = Repository(db)
        assert [r.title for r in repo.list_sheets(SheetFilter(text="海賊版"))] == ["旧版の施策"]
    finally:
        db.close()


def test_failed_migration_restores_the_backup(db_path, survey, monkeypatch):
    _database_at_first_revision(db_path, survey)

    def broken_upgrade(engine, revision="head"):
        with engine.begin() as conn:
            conn.execute(text("DELETE FROM sheet_fields"))
        raise RuntimeError("simulated failure")

    monkeypatch.setattr(migrate, "upgrade", broken_upgrade)
    with pytest.raises(DatabaseError, match="元の状態に戻しました"):
        open_database(db_path)
    con = sqlite3.connect(db_path)
    try:
        assert con.execute("SELECT count(*) FROM sheet_fields").fetchone()[0] == 2
        assert con.execute("SELECT version_num FROM alembic_version").fetchone()[0] == migrate.base_revision()
    finally:
        con.close()


def test_downgrade_to_base_and_back(db):
    migrate.downgrade(db.engine, migrate.base_revision())
    assert migrate.current_revision(db.engine) == migrate.base_revision()
    migrate.upgrade(db.engine)
    assert migrate.current_revision(db.engine) == migrate.head_revision()


@pytest.mark.parametrize("content, message", [
    (b"this is a text file, not a database", "SQLite ファイルではありません"),
    (b"SQLite format 3\x00" + b"\x00" * 200, "壊れている"),
])
def test_foreign_or_broken_file_is_refused_untouched(db_path, content, message):
    db_path.write_bytes(content)
    with pytest.raises(DatabaseError, match=message):
        open_database(db_path)
    assert db_path.read_bytes() == content


def test_another_applications_sqlite_file_is_refused(db_path):
    con = sqlite3.connect(db_path)
    con.execute("CREATE TABLE notes (id INTEGER, body TEXT)")
    con.commit()
    con.close()
    before = db_path.read_bytes()
    with pytest.raises(DatabaseError, match="別のアプリケーション"):
        open_database(db_path)
    assert db_path.read_bytes() == before


def test_database_from_a_newer_release_is_refused(db_path):
    open_database(db_path).close()
    con = sqlite3.connect(db_path)
    con.execute("UPDATE alembic_version SET version_num = '9999'")
    con.commit()
    con.close()
    with pytest.raises(DatabaseError, match="新しい版"):
        open_database(db_path)


def test_missing_file_without_create(tmp_path):
    with pytest.raises(DatabaseError, match="見つかりません"):
        open_database(tmp_path / "nothing.db", create=False)


def test_network_paths_are_detected():
    assert is_network_path(r"\\fileserver\share\sesaku.db")
    assert is_network_path("//fileserver/share/sesaku.db")
    assert not is_network_path("/tmp/sesaku.db")


def test_repository_survives_reopen(db_path, survey):
    db = open_database(db_path)
    Repository(db).create_sheet(complete_sheet(survey))
    db.close()
    db = open_database(db_path)
    try:
        assert Repository(db).count_sheets() == 1 and db.backup_path is None
    finally:
        db.close()
