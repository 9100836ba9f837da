"""Database failures classified once (store/failures.py), in Japanese, without SQL or the person's text."""

from __future__ import annotations

import sqlite3

import psycopg
import pytest
from sqlalchemy import exc as sa_exc

from desktop.store import failures
from desktop.store.database import DatabaseBusy, DatabaseError, open_database
from tests.store.readonly import read_only_folder

SECRET = "まだ誰にも見せていない下書きの文章"
SQL = "UPDATE sheet_contents SET fields=? WHERE id = ?"


def wrapped(driver_error: Exception, cls=sa_exc.OperationalError) -> Exception:
    """The exception as SQLAlchemy raises it: the SQL, the parameters (the typed text) and a link."""
    error = cls(SQL, (SECRET, 7), driver_error)
    assert SECRET in str(error) and "sqlalche.me" in str(error)   # what staff saw before
    return error


def _clean(message: str) -> None:
    assert SECRET not in message and "SQL:" not in message and "sqlalche" not in message
    assert "UPDATE" not in message and "sqlite3" not in message and "psycopg" not in message


@pytest.mark.parametrize("driver_error, kind, words", [
    (sqlite3.OperationalError("database or disk is full"), failures.DISK_FULL, "空き容量が足りない"),
    (sqlite3.OperationalError("attempt to write a readonly database"), failures.READ_ONLY, "読み取り専用"),
    (sqlite3.OperationalError("database is locked"), failures.LOCKED, "書き込み中"),
    (sqlite3.DatabaseError("database disk image is malformed"), failures.CORRUPT, "バックアップから復元"),
    (psycopg.OperationalError('connection failed: connection to server at "10.0.0.5", port 5432 failed: '
                              "Connection refused"), failures.UNREACHABLE, "接続できません"),
    (psycopg.OperationalError("server closed the connection unexpectedly"), failures.UNREACHABLE, "接続できません"),
])
def test_each_kind_is_told_in_japanese_without_sql(driver_error, kind, words, tmp_path):
    target = "postgresql://staff@db.example.lg.jp/sesaku" if kind == failures.UNREACHABLE else tmp_path / "sesaku.db"
    failure = failures.classify(wrapped(driver_error), target)
    assert failure is not None and failure.kind == kind
    assert words in failure.message
    _clean(failure.message)
    assert failure.transient is (kind in (failures.UNREACHABLE, failures.LOCKED))


def test_a_postgres_outage_names_the_server_not_the_password():
    url = "postgresql://staff:hunter2@db.example.lg.jp:5433/sesaku"
    failure = failures.classify(wrapped(psycopg.OperationalError("Connection refused")), url)
    assert failure.kind == failures.UNREACHABLE and "db.example.lg.jp:5433" in failure.message
    assert "hunter2" not in failure.message


def test_a_full_server_disk_says_to_call_the_administrator():
    error = wrapped(psycopg.errors.DiskFull("could not extend file: No space left on device"))
    failure = failures.classify(error, "postgresql://staff@db/sesaku")
    assert failure.kind == failures.DISK_FULL and "管理者" in failure.message
    _clean(failure.message)


def test_the_busy_lock_of_the_store_is_locked():
    assert failures.classify(DatabaseBusy()).kind == failures.LOCKED


def test_an_unknown_database_error_keeps_only_the_drivers_first_line():
    failure = failures.classify(wrapped(sqlite3.IntegrityError("CHECK constraint failed: kpi_unit"),
                                        sa_exc.IntegrityError))
    assert failure.kind == failures.OTHER and "CHECK constraint failed: kpi_unit" in failure.message
    _clean(failure.message)


def test_what_is_not_a_database_failure_is_left_alone():
    assert failures.classify(ValueError("bad")) is None
    assert failures.classify(KeyError("x")) is None
    assert failures.message(ValueError("そのまま")) == "そのまま"


def test_a_database_in_a_read_only_folder_is_read_only_not_damaged(tmp_path, survey):
    path = tmp_path / "shared" / "sesaku.db"
    path.parent.mkdir()
    open_database(path).close()
    with read_only_folder(path.parent):
        with pytest.raises(DatabaseError) as caught:
            open_database(path, read_only=True).close()
    message = str(caught.value)
    assert "壊れている" not in message and "読み取り専用" in message and "コピー" in message
    assert caught.value.failure_kind == failures.READ_ONLY
