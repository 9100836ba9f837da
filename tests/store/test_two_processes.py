"""Two programs on one SQLite file: the second writer waits for the lock, or says it is busy; never corrupts.

The first program here is this test holding a write transaction on its own
sqlite3 connection; the second is a real separate Python process saving
through the repository.
"""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from desktop.store.database import DatabaseBusy, DatabaseError, open_database
from desktop.store.repository import Repository
from tests.factories import complete_sheet
from tests.lines import Lines

ROOT = Path(__file__).resolve().parents[2]

SECOND_WRITER = r"""
import sys
from desktop.store.database import open_database
from desktop.store.repository import Repository

db = open_database(sys.argv[1], keep_backups=0, busy_timeout=float(sys.argv[3]))
repo = Repository(db)
sheet = repo.get_sheet(int(sys.argv[2]))
sheet.fields["issues"] = "二つ目のプログラムの編集"
print("ready", flush=True)
try:
    repo.save_sheet(sheet, author="second")
except Exception as exc:
    print(f"failed {type(exc).__name__}: {exc}", flush=True)
    sys.exit(3)
print("saved", flush=True)
"""


@pytest.fixture
def sheet_file(db_path, survey):
    """A file with two sheets: the second program edits the first, the first program the other."""
    db = open_database(db_path, keep_backups=0)
    repo = Repository(db)
    sheet_id = repo.create_sheet(complete_sheet(survey)).id
    repo.create_sheet(complete_sheet(survey, ministry="経済産業省"))
    db.close()
    return db_path, sheet_id


def _second_writer(path: Path, sheet_id: int, busy_timeout: float) -> subprocess.Popen:
    proc = subprocess.Popen([sys.executable, "-c", SECOND_WRITER, str(path), str(sheet_id), str(busy_timeout)],
                            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    proc.lines = Lines(proc.stdout)
    return proc


def _line(proc: subprocess.Popen, timeout: float) -> str | None:
    """The next line the process prints, or None if it prints nothing within ``timeout``."""
    text = proc.lines.next(timeout)
    return text.strip() if text is not None else None


def _hold_write_lock(path: Path) -> sqlite3.Connection:
    """The first program, mid-save of the other sheet (as the repository writes: value and version)."""
    con = sqlite3.connect(path, isolation_level=None, timeout=10)
    con.execute("BEGIN IMMEDIATE")
    other = con.execute("SELECT id FROM sheets WHERE ministry = '経済産業省'").fetchone()[0]
    con.execute("UPDATE sheet_fields SET value = '一つ目のプログラムの編集', search_text = '一つ目のプログラムの編集' "
                "WHERE key = 'background' AND sheet_id = ?", (other,))
    con.execute("UPDATE sheets SET version = version + 1 WHERE id = ?", (other,))
    return con


def _integrity(path: Path) -> str:
    con = sqlite3.connect(path)
    try:
        return con.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        con.close()


def test_second_process_waits_for_the_lock_then_saves(sheet_file):
    path, sheet_id = sheet_file
    first = _hold_write_lock(path)
    proc = _second_writer(path, sheet_id, busy_timeout=20)
    try:
        assert _line(proc, 30) == "ready"
        # While the first program holds its transaction, the second one's save cannot finish.
        assert _line(proc, 0.8) is None
        first.execute("COMMIT")
        assert _line(proc, 20) == "saved", proc.stderr.read()
        assert proc.wait(20) == 0
    finally:
        first.close()
        proc.kill()
        proc.wait()
    assert _integrity(path) == "ok"
    db = open_database(path, keep_backups=0)
    try:
        repo = Repository(db)
        other = next(r.id for r in repo.list_sheets() if r.ministry == "経済産業省")
        assert repo.get_sheet(other).fields["background"] == "一つ目のプログラムの編集"
        assert repo.get_sheet(sheet_id).fields["issues"] == "二つ目のプログラムの編集"
    finally:
        db.close()


def test_a_lock_held_too_long_is_reported_as_busy_and_changes_nothing(sheet_file):
    path, sheet_id = sheet_file
    first = _hold_write_lock(path)
    proc = _second_writer(path, sheet_id, busy_timeout=0.3)
    try:
        assert _line(proc, 30) == "ready"
        reported = _line(proc, 20)
        assert reported is not None and reported.startswith("failed DatabaseBusy") and "書き込み中" in reported
        assert proc.wait(20) == 3
        first.execute("COMMIT")
    finally:
        first.close()
        proc.kill()
        proc.wait()
    assert _integrity(path) == "ok"
    db = open_database(path, keep_backups=0)
    try:
        assert "issues" not in Repository(db).get_sheet(sheet_id).fields
    finally:
        db.close()


def test_busy_error_in_the_same_process_is_the_japanese_one(sheet_file):
    path, sheet_id = sheet_file
    first = _hold_write_lock(path)
    db = open_database(path, keep_backups=0, busy_timeout=0.2)
    try:
        repo = Repository(db)
        sheet = repo.get_sheet(sheet_id)
        sheet.fields["issues"] = "待ちきれない編集"
        started = time.monotonic()
        with pytest.raises(DatabaseBusy, match="しばらく待って"):
            repo.save_sheet(sheet)
        assert time.monotonic() - started < 5
    finally:
        first.execute("ROLLBACK")
        first.close()
        db.close()


def test_read_only_reads_while_another_program_writes_and_never_writes(sheet_file, survey):
    path, sheet_id = sheet_file
    first = _hold_write_lock(path)
    try:
        db = open_database(path, read_only=True)
        try:
            assert db.read_only and db.daily_backup is None
            repo = Repository(db)
            assert repo.get_sheet(sheet_id).fields["title"]   # reading works during the other's transaction
            with pytest.raises(Exception, match="readonly|read-only|read only"):
                repo.create_sheet(complete_sheet(survey))
        finally:
            db.close()
    finally:
        first.execute("COMMIT")
        first.close()
    assert _integrity(path) == "ok"
    assert not (path.parent / "backups").exists()


def test_read_only_refuses_what_it_would_have_to_change(tmp_path):
    with pytest.raises(DatabaseError, match="見つかりません"):
        open_database(tmp_path / "missing.db", read_only=True)
    old = tmp_path / "old.db"
    from tests.store.make_fixtures import make_fixture

    make_fixture(old, "0001")
    before = old.read_bytes()
    with pytest.raises(DatabaseError, match="読み取り専用では開けません"):
        open_database(old, read_only=True)
    assert old.read_bytes() == before
