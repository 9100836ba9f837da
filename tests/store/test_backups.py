"""Rolling backups of the SQLite file: daily at open, keep N, the commands, restore with a safety copy."""

from __future__ import annotations

import sqlite3
from datetime import date, datetime, timedelta

import pytest

from desktop.cli import main
from desktop.store import backups
from desktop.store.database import DatabaseError, open_database
from desktop.store.repository import Repository
from tests.factories import complete_sheet


@pytest.fixture
def filled(db_path, survey):
    """A database file holding one sheet, closed."""
    db = open_database(db_path)
    Repository(db).create_sheet(complete_sheet(survey, ministry="総務省"))
    db.close()
    return db_path


def _ministries(path) -> list[str]:
    con = sqlite3.connect(path)
    try:
        return [r[0] for r in con.execute("SELECT ministry FROM sheets ORDER BY id")]
    finally:
        con.close()


def _add_sheet(path, survey, ministry: str) -> None:
    db = open_database(path, keep_backups=0)
    Repository(db).create_sheet(complete_sheet(survey, ministry=ministry))
    db.close()


def test_a_new_database_gets_no_backup_an_existing_one_one_a_day(db_path, filled):
    assert backups.list_backups(db_path) == []     # created, then only its first open: nothing to keep yet
    db = open_database(db_path)
    db.close()
    assert db.daily_backup is not None and db.daily_backup.parent == db_path.parent / "backups"
    again = open_database(db_path)
    again.close()
    assert again.daily_backup is None              # once a day
    listed = backups.list_backups(db_path)
    assert [b.kind for b in listed] == ["rolling"] and listed[0].path == db.daily_backup
    # a backup is a standalone file: readable, no -wal/-shm left beside it, same content
    assert _ministries(listed[0].path) == ["総務省"]
    assert sorted(p.name for p in listed[0].path.parent.iterdir()) == [listed[0].path.name]


def test_keep_n_removes_the_oldest(filled):
    start = date(2026, 4, 1)
    for day in range(10):
        backups.ensure_daily_backup(filled, keep=3, today=start + timedelta(days=day))
    kept = backups.list_backups(filled)
    assert [b.taken_at.date() for b in kept] == [start + timedelta(days=d) for d in (9, 8, 7)]


def test_several_backups_within_one_second_keep_their_order(filled):
    now = datetime(2026, 4, 1, 9, 0, 0)
    made = [backups.take_backup(filled, keep=3, now=now) for _ in range(4)]
    assert [b.path for b in backups.list_backups(filled)] == made[::-1][:3]


def test_restore_takes_a_safety_copy_first_and_can_be_undone(filled, survey):
    first = backups.take_backup(filled)
    _add_sheet(filled, survey, "経済産業省")
    assert _ministries(filled) == ["総務省", "経済産業省"]
    safety = backups.restore_backup(filled, first)
    assert _ministries(filled) == ["総務省"]
    assert safety is not None and _ministries(safety) == ["総務省", "経済産業省"]
    assert {b.kind for b in backups.list_backups(filled)} == {"rolling", "before-restore"}
    backups.restore_backup(filled, safety)         # the restore itself is undone
    assert _ministries(filled) == ["総務省", "経済産業省"]
    db = open_database(filled)
    try:
        assert Repository(db).count_sheets() == 2
    finally:
        db.close()


def test_restore_refuses_a_damaged_or_foreign_file_and_touches_nothing(filled, tmp_path):
    before = filled.read_bytes()
    broken = tmp_path / "broken.bak"
    good = backups.take_backup(filled)
    data = bytearray(good.read_bytes())
    data[4096 * 2:4096 * 3] = b"\xff" * 4096      # a page of garbage in the middle
    broken.write_bytes(bytes(data))
    foreign = tmp_path / "foreign.bak"
    con = sqlite3.connect(foreign)
    con.execute("CREATE TABLE notes (body TEXT)")
    con.commit()
    con.close()
    for bad, message in ((broken, "壊れている"), (foreign, "施策デスクのデータベースではありません"),
                         (filled, "同じファイル")):
        with pytest.raises(DatabaseError, match=message):
            backups.restore_backup(filled, bad)
    assert filled.read_bytes() == before
    assert all(b.kind == "rolling" for b in backups.list_backups(filled))   # no safety copy was needed


def test_a_failing_backup_never_stops_the_open(filled):
    (filled.parent / "backups").write_text("a file where the folder should be")
    db = open_database(filled)
    try:
        assert db.daily_backup is None
        assert any("自動バックアップ" in note for note in db.notes)
        assert Repository(db).count_sheets() == 1
    finally:
        db.close()


def test_migration_backups_are_listed_too(tmp_path):
    from tests.store.make_fixtures import fixture_path

    path = tmp_path / "old.db"
    path.write_bytes(fixture_path("0001").read_bytes())
    db = open_database(path)
    db.close()
    kinds = {b.kind for b in backups.list_backups(path)}
    assert kinds == {"before-migration", "rolling"}


# -- the commands --------------------------------------------------------------

def run(capsys, *args):
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_backup_list_restore_commands(filled, survey, capsys):
    code, out, _ = run(capsys, "--db", str(filled), "backup", "--keep", "2")
    assert code == 0 and "バックアップを作成しました" in out
    _add_sheet(filled, survey, "経済産業省")
    code, out, _ = run(capsys, "--db", str(filled), "backups", "list")
    assert code == 0 and "定期" in out and "1件" in out
    code, out, _ = run(capsys, "--db", str(filled), "backups", "list", "--json")
    import json

    listed = json.loads(out)
    assert [b["kind"] for b in listed] == ["rolling"] and listed[0]["number"] == 1

    # without --yes and without a terminal to ask on, nothing happens
    code, _, err = run(capsys, "--db", str(filled), "restore", "1")
    assert code == 2 and "--yes" in err and _ministries(filled) == ["総務省", "経済産業省"]

    code, out, _ = run(capsys, "--db", str(filled), "restore", "1", "--yes")
    assert code == 0 and "復元しました" in out and "控え" in out
    assert _ministries(filled) == ["総務省"]
    code, out, _ = run(capsys, "--db", str(filled), "backups", "list", "--json")
    assert {b["kind"] for b in json.loads(out)} == {"rolling", "before-restore"}


def test_keep_is_checked_and_unknown_backup_is_a_clear_error(filled, capsys):
    with pytest.raises(SystemExit) as info:
        main(["--db", str(filled), "backup", "--keep", "0"])
    assert info.value.code == 2 and "1 以上" in capsys.readouterr().err
    code, _, err = run(capsys, "--db", str(filled), "restore", "nothing.bak", "--yes")
    assert code == 2 and "見つかりません" in err


def test_postgresql_is_pointed_to_pg_dump(capsys):
    code, _, err = run(capsys, "--db", "postgresql://sesaku:secret@dbserver/sesaku", "backup")
    assert code == 2 and "pg_dump" in err and "secret" not in err


def test_a_deferred_daily_backup_is_due_until_taken_and_consistent_while_sheets_are_saved(filled, survey):
    """The window's backup runs while the app is open (store side of ui/daily_backup.py).

    Another connection keeps saving sheets during the copy: the backup is a
    state the database was in (SQLite's backup API), never a torn file.
    """
    import threading

    db = open_database(filled, defer_backup=True)
    try:
        assert db.backup_due and db.daily_backup is None and backups.list_backups(filled) == []
        repo = Repository(db)
        bulky = [complete_sheet(survey, ministry=f"省{n}") for n in range(200)]
        for sheet in bulky:
            sheet.fields["content"] = "長い施策内容。" * 1500   # ~ 30 KB each: a copy that takes a while
        repo.save_sheets(bulky)
        repo.save_sheet(complete_sheet(survey, ministry="直前"))   # still in the WAL when the copy starts
        before = repo.count_sheets()
        stop = threading.Event()

        def keep_saving():
            writer = Repository(db)
            while not stop.is_set():
                writer.save_sheet(complete_sheet(survey, ministry="保存中"))

        thread = threading.Thread(target=keep_saving)
        thread.start()
        try:
            made = db.take_daily_backup()
        finally:
            stop.set()
            thread.join()
        after = repo.count_sheets()
        assert not db.backup_due and db.take_daily_backup() is None   # once
    finally:
        db.close()
    con = sqlite3.connect(f"file:{made}?mode=ro", uri=True)
    try:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert con.execute("PRAGMA foreign_key_check").fetchall() == []
        sheets = con.execute("SELECT count(*) FROM sheets").fetchone()[0]
        last_before = con.execute("SELECT count(*) FROM sheets WHERE ministry = '直前'").fetchone()[0]
        fields_per_sheet = {r[0] for r in con.execute("SELECT count(*) FROM sheet_fields GROUP BY sheet_id")}
    finally:
        con.close()
    assert last_before == 1 and before <= sheets <= after   # everything saved before the copy began
    assert len(fields_per_sheet) == 1                        # and whole sheets only


def test_a_deferred_backup_that_fails_says_so_and_is_not_retried_that_session(filled):
    (filled.parent / "backups").write_text("a file where the folder should be")
    db = open_database(filled, defer_backup=True)
    try:
        assert db.notes == []   # nothing tried yet
        with pytest.raises(DatabaseError, match="本日の自動バックアップを作成できませんでした"):
            db.take_daily_backup()
        assert not db.backup_due
    finally:
        db.close()
