"""Every command ends a database failure with a Japanese message on stderr and exit 3, never a traceback."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import threading

import openpyxl
import psycopg
import pytest
from sqlalchemy import exc as sa_exc

from desktop.cli import main
from desktop.store import database
from tests.store.readonly import read_only_folder

SECRET = "まだ誰にも見せていない下書きの文章"


def run(capsys, *args):
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def _no_programmer_text(err: str) -> None:
    assert "Traceback" not in err and "[SQL" not in err and "sqlalche.me" not in err and SECRET not in err
    assert "OperationalError" not in err


@pytest.fixture
def demo_db(tmp_path, capsys):
    path = tmp_path / "office" / "sesaku.db"
    path.parent.mkdir()
    assert main(["--db", str(path), "demo"]) == 0
    capsys.readouterr()
    return path


def test_new_year_on_a_file_nobody_may_write(demo_db, capsys):
    with read_only_folder(demo_db.parent, files_too=True):
        code, _out, err = run(capsys, "--db", str(demo_db), "new-year", "--from", "2025", "--to", "2026")
    assert code == 3
    assert err.startswith("エラー: ") and "読み取り専用" in err and "壊れている" not in err
    _no_programmer_text(err)


def test_a_database_in_a_read_only_folder_is_not_called_damaged(demo_db, tmp_path, capsys):
    shared = tmp_path / "share" / "sesaku.db"   # a copy put on a read-only share: WAL mode, no -shm beside it
    shared.parent.mkdir()
    database.copy_sqlite(demo_db, shared)
    assert sorted(p.name for p in shared.parent.iterdir()) == ["sesaku.db"]
    with read_only_folder(shared.parent):
        code, _out, err = run(capsys, "--db", str(shared), "sheets", "list")
    assert code == 3 and "読み取り専用" in err and "壊れている" not in err and "コピー" in err
    _no_programmer_text(err)


def _filled_form(db, tmp_path, capsys) -> str:
    form = tmp_path / "form.xlsx"
    assert main(["--db", str(db), "template", "--year", "2025", "--out", str(form)]) == 0
    book = openpyxl.load_workbook(form)
    book["一覧"]["G4"] = "標準 次郎"   # a changed contact: the import has something to write
    book.save(form)
    capsys.readouterr()
    return str(form)


def test_import_while_another_program_holds_the_write_lock(demo_db, tmp_path, capsys, monkeypatch):
    form = _filled_form(demo_db, tmp_path, capsys)
    monkeypatch.setitem(database.open_database.__kwdefaults__, "busy_timeout", 0.2)   # not 10 s of waiting
    holder = sqlite3.connect(demo_db, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")   # another program in the middle of a write
    try:
        code, _out, err = run(capsys, "--db", str(demo_db), "import", form)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert code == 3 and "書き込み中" in err and "もう一度" in err
    _no_programmer_text(err)
    assert run(capsys, "--db", str(demo_db), "import", form)[0] == 0   # once the lock is gone it goes in


@pytest.mark.parametrize("driver_error, words", [
    (sqlite3.OperationalError("database or disk is full"), "空き容量が足りない"),
    (sqlite3.OperationalError("attempt to write a readonly database"), "読み取り専用"),
    (sqlite3.OperationalError("database is locked"), "書き込み中"),
    (psycopg.OperationalError("server closed the connection unexpectedly"), "接続できません"),
])
def test_a_store_failure_mid_command_is_exit_3_in_japanese(demo_db, capsys, monkeypatch, driver_error, words):
    def fails(*_args, **_kwargs):
        raise sa_exc.OperationalError("INSERT INTO sheets VALUES (?)", (SECRET,), driver_error)

    monkeypatch.setattr("desktop.cli.annual_commands.start_new_year", fails)
    code, _out, err = run(capsys, "--db", str(demo_db), "new-year", "--from", "2025", "--to", "2026")
    assert code == 3 and words in err
    _no_programmer_text(err)


def test_a_bug_is_exit_4_with_the_log_file_named_and_the_traceback_logged(demo_db, capsys, monkeypatch, tmp_path):
    monkeypatch.setenv("SESAKU_LOG_DIR", str(tmp_path / "logs"))

    def bug(*_args, **_kwargs):
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr("desktop.cli.annual_commands.start_new_year", bug)
    code, _out, err = run(capsys, "--db", str(demo_db), "new-year", "--from", "2025", "--to", "2026")
    log_file = tmp_path / "logs" / "sesaku-desk.log"
    assert code == 4 and "予期しないエラー" in err and str(log_file) in err and "Traceback" not in err
    logged = log_file.read_text(encoding="utf-8")
    assert "Traceback" in logged and "ZeroDivisionError" in logged and "new-year" in logged


def test_version_names_the_log_file(tmp_path, monkeypatch):
    monkeypatch.setenv("SESAKU_LOG_DIR", str(tmp_path / "logs"))
    done = subprocess.run([sys.executable, "-m", "desktop", "--version"], capture_output=True, text=True,
                          encoding="utf-8", timeout=60)
    assert done.returncode == 0
    from desktop import __version__

    assert done.stdout.splitlines() == [f"sesaku-desk {__version__}",
                                        f"ログファイル: {tmp_path / 'logs' / 'sesaku-desk.log'}"]


def test_commands_log_to_the_file(demo_db, capsys, monkeypatch, tmp_path):
    monkeypatch.setenv("SESAKU_LOG_DIR", str(tmp_path / "logs"))
    assert run(capsys, "--db", str(demo_db), "sheets", "list")[0] == 0
    assert "started" in (tmp_path / "logs" / "sesaku-desk.log").read_text(encoding="utf-8")
    assert threading.excepthook is not None


def test_a_backup_into_a_read_only_folder_is_a_store_failure(demo_db, capsys):
    with read_only_folder(demo_db.parent):
        code, _out, err = run(capsys, "--db", str(demo_db), "backup")
    assert code == 3 and "バックアップを作成できませんでした" in err
    _no_programmer_text(err)


def test_any_other_driver_error_mid_command_is_a_store_failure_too(demo_db, capsys, monkeypatch):
    def fails(*_args, **_kwargs):
        raise sa_exc.IntegrityError("INSERT INTO sheets VALUES (?)", (SECRET,),
                                    sqlite3.IntegrityError("UNIQUE constraint failed: sheets.id"))

    monkeypatch.setattr("desktop.cli.annual_commands.start_new_year", fails)
    code, _out, err = run(capsys, "--db", str(demo_db), "new-year", "--from", "2025", "--to", "2026")
    assert code == 3 and "データベースの処理に失敗しました" in err and "UNIQUE constraint failed" in err
    _no_programmer_text(err)
