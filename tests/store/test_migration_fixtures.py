"""Every earlier schema revision opens: backup first, data intact, search working; a failure restores.

Fixtures are the committed files of tests/store/make_fixtures.py (SQLite), and
the same rows written into an empty PostgreSQL database at each revision.
"""

from __future__ import annotations

import shutil
import sqlite3
import unicodedata

import pytest

from desktop.sources.library import Library
from desktop.store import fulltext, migrate
from desktop.store.database import DatabaseError, open_database
from desktop.store.repository import Repository, SheetFilter
from tests.store.make_fixtures import EXPECTED, earlier_revisions, fixture_path, make_fixture

REVISIONS = earlier_revisions()


def test_every_earlier_revision_has_a_fixture():
    missing = [r for r in REVISIONS if not fixture_path(r).exists()]
    assert not missing, f"run: python tests/store/make_fixtures.py (missing fixtures for {missing})"


def _revision_of(path) -> str:
    con = sqlite3.connect(path)
    try:
        return con.execute("SELECT version_num FROM alembic_version").fetchone()[0]
    finally:
        con.close()


def _rows(path) -> dict[str, int]:
    con = sqlite3.connect(path)
    try:
        return {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                for t in ("sheets", "sheet_fields", "kpis", "kpi_actuals", "citations", "marks", "revisions")}
    finally:
        con.close()


def _check_survived(db) -> None:
    repo = Repository(db)
    assert repo.count_sheets(SheetFilter(include_deleted=True)) == EXPECTED["sheets"]
    assert sorted(r.title for r in repo.list_sheets()) == sorted(EXPECTED["live_titles"])
    assert [r.title for r in repo.list_sheets(SheetFilter(only_deleted=True))] == [EXPECTED["deleted_title"]]
    sheet = next(s for s in repo.load_sheets() if s.predecessor_id is not None)
    kpi = sheet.items[0].kpis[0]
    assert kpi.baseline_value is EXPECTED["kpi_values"]["baseline_value"]
    assert kpi.actuals == EXPECTED["kpi_values"]["actuals"]
    assert sheet.citations[0].quoted_text == EXPECTED["citation_quote"]
    assert sheet.citations[0].reference.startswith("出典：")
    assert {m.reason for m in sheet.marks} == {"調整中のため", "公表前の数値"}
    assert sum(len(repo.revisions(i)) for i in repo.sheet_ids(SheetFilter(include_deleted=True))) \
        == EXPECTED["revisions"]
    # a text revision reads the same after its conversion to a delta (0005)
    [change] = [r for r in repo.revisions(sheet.id) if r.field == "field:content"]
    assert (change.old_value, change.new_value) == ("Ｏｐｅｎ　ＲＡＮの展開。", "Ｏｐｅｎ　ＲＡＮの海外展開を支援する。")
    # the text written by the old release is searchable, width folded, on either dialect
    assert [r.title for r in repo.list_sheets(SheetFilter(text="open ran"))] == ["ＡＩを活用した５Ｇの展開"]
    assert [r.title for r in repo.list_sheets(SheetFilter(text="5g"))] == ["ＡＩを活用した５Ｇの展開"]
    assert [h.passage_id for h in Library(db).search("wipo")] == [1]
    # every sheet's status history starts with the status the migration found (0008)
    from desktop.store.review import status_history

    assert [(h.from_status, h.to_status.value) for h in status_history(repo, sheet.id)] == [(None, "draft")]
    # and the migrated database takes new edits
    sheet.fields["issues"] = "移行後の追記"
    assert repo.save_sheet(sheet).version > sheet.version


@pytest.fixture
def old_file(request, tmp_path):
    revision = request.param
    path = tmp_path / "old.db"
    shutil.copyfile(fixture_path(revision), path)
    return revision, path


@pytest.mark.parametrize("old_file", REVISIONS, indirect=True)
def test_each_earlier_revision_migrates_with_the_backup_written_first(old_file, monkeypatch):
    revision, path = old_file
    before = _rows(path)
    real_upgrade = migrate.upgrade
    seen = []

    def upgrade_after_checking_the_backup(engine, target="head"):
        backups = list(path.parent.glob(f"{path.name}.bak-{revision}-*"))
        assert len(backups) == 1, "the backup must exist before the first migration step"
        seen.append(backups[0])
        assert _revision_of(backups[0]) == revision and _rows(backups[0]) == before
        return real_upgrade(engine, target)

    monkeypatch.setattr(migrate, "upgrade", upgrade_after_checking_the_backup)
    db = open_database(path)
    try:
        assert seen and db.backup_path == seen[0]
        assert migrate.current_revision(db.engine) == migrate.head_revision()
        _check_survived(db)
    finally:
        db.close()
    assert _revision_of(seen[0]) == revision   # the backup stays the untouched old database


@pytest.mark.parametrize("old_file", REVISIONS, indirect=True)
def test_a_failure_after_partial_work_restores_the_backup(old_file, monkeypatch):
    """Even work already committed when the failure comes is undone: the file is the backup again."""
    revision, path = old_file
    before = _rows(path)
    real_upgrade = migrate.upgrade

    def upgrade_then_fail(engine, target="head"):
        real_upgrade(engine, target)
        with engine.begin() as conn:
            conn.exec_driver_sql("DELETE FROM sheet_fields")
        raise RuntimeError("simulated failure after the schema changed")

    monkeypatch.setattr(migrate, "upgrade", upgrade_then_fail)
    with pytest.raises(DatabaseError, match="元の状態に戻しました"):
        open_database(path)
    assert _revision_of(path) == revision and _rows(path) == before
    monkeypatch.undo()
    db = open_database(path)   # and the real migration then succeeds
    try:
        _check_survived(db)
    finally:
        db.close()


@pytest.mark.parametrize("old_file", REVISIONS, indirect=True)
def test_a_failure_inside_a_migration_script_restores_the_backup(old_file, monkeypatch):
    revision, path = old_file
    before = _rows(path)
    calls = {"n": 0}
    real_normalize = fulltext.normalize

    def failing_normalize(value):
        calls["n"] += 1
        if calls["n"] > 3:   # part-way through filling search_text (migration 0006), after the others ran
            raise RuntimeError("simulated failure inside 0006")
        return real_normalize(value)

    columns_before = _columns(path)
    tables_before = _tables(path)
    if revision < "0006":
        monkeypatch.setattr(fulltext, "normalize", failing_normalize)
    elif revision == "0007k":   # 0008 runs first: fail inside it, after its tables were created
        import alembic.op

        def failing_execute(*_args, **_kwargs):
            calls["n"] = 4
            raise RuntimeError("simulated failure inside 0008")

        monkeypatch.setattr(alembic.op, "execute", failing_execute)
    elif revision >= "0008":    # later scripts may do nothing on SQLite: fail once the first step has run
        from alembic.runtime.migration import HeadMaintainer

        def failing_step(*_args, **_kwargs):
            calls["n"] = 4
            raise RuntimeError("simulated failure after the first step's work")

        monkeypatch.setattr(HeadMaintainer, "update_to_step", failing_step)
    else:     # 0006 does not run again: fail inside 0007k, reading the KPI target after the columns were added
        real_nfkc = unicodedata.normalize

        def failing_nfkc(form, value):
            if value == "20":
                calls["n"] = 4
                raise RuntimeError("simulated failure inside 0007k")
            return real_nfkc(form, value)

        monkeypatch.setattr(unicodedata, "normalize", failing_nfkc)
    with pytest.raises(DatabaseError, match="元の状態に戻しました"):
        open_database(path)
    monkeypatch.undo()
    assert calls["n"] > 3
    assert _revision_of(path) == revision and _rows(path) == before
    con = sqlite3.connect(path)
    try:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        con.close()
    assert _columns(path) == columns_before   # e.g. no search_text added to a 0002 file, no keys to a 0003 one
    assert _tables(path) == tables_before     # e.g. no status_changes left in a 0006 file


def _tables(path) -> list[str]:
    con = sqlite3.connect(path)
    try:
        return sorted(r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'"))
    finally:
        con.close()


def _columns(path) -> dict:
    con = sqlite3.connect(path)
    try:
        return {t: [r[1] for r in con.execute(f"PRAGMA table_info('{t}')")]
                for t in ("sheet_fields", "passages", "kpis", "marks", "revisions")}
    finally:
        con.close()


@pytest.mark.parametrize("revision", REVISIONS)
def test_each_earlier_revision_migrates_on_postgresql(revision, pg_server, pg_database):
    url = pg_server.url(pg_database())
    make_fixture(url, revision)
    db = open_database(url)
    try:
        assert migrate.current_revision(db.engine) == migrate.head_revision() and db.backup_path is None
        _check_survived(db)
    finally:
        db.close()


def _schema(path) -> dict:
    """Tables with their columns and indexes: what a migration script decides (not how DDL is spelled)."""
    con = sqlite3.connect(path)
    try:
        tables = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        return {t: (con.execute(f"PRAGMA table_info('{t}')").fetchall(),
                    sorted(r[1] for r in con.execute(f"PRAGMA index_list('{t}')"))) for t in tables}
    finally:
        con.close()


def test_fixture_script_reproduces_the_committed_schema(tmp_path):
    """Old migration scripts must not change: regenerating a fixture gives the committed schema."""
    for revision in REVISIONS:
        fresh = tmp_path / f"{revision}.db"
        make_fixture(fresh, revision)
        assert _schema(fresh) == _schema(fixture_path(revision)), \
            f"migration scripts up to {revision} changed since the fixture was made"
