"""What went wrong with the database, in words staff can act on.

SQLite, PostgreSQL (psycopg) and SQLAlchemy report a failure as an exception
whose text is for programmers: the SQL statement, its parameters (the text
the person typed) and a link to sqlalche.me. :func:`classify` is the one place
that reads such an exception and says which of a few kinds it is and what the
person can do about it, in Japanese and without any SQL. The window (saving,
opening) and the command line both ask it, so a full disk reads the same
everywhere.

Kinds:

* ``unreachable``: the PostgreSQL server cannot be reached or is full; trying
  again later may work.
* ``locked``: another program holds the SQLite write lock; trying again in a
  moment will work.
* ``read_only``: the file, its folder or the server transaction is read-only.
* ``disk_full``: no room left on the disk (or the server's disk).
* ``corrupt``: the file is damaged or not a database.
* ``forbidden``: the PostgreSQL server refused the role the action (roles per
  ministry, migration 0009b): a sheet of another ministry, a move of the
  other role, content the secretariat may not change.
* ``other``: any other database failure (the driver's first line, no SQL).
"""

from __future__ import annotations

import errno
import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from desktop.store.pg_connections import exception_chain as _chain

UNREACHABLE = "unreachable"
LOCKED = "locked"
READ_ONLY = "read_only"
DISK_FULL = "disk_full"
CORRUPT = "corrupt"
FORBIDDEN = "forbidden"
OTHER = "other"

TRANSIENT = (UNREACHABLE, LOCKED)   # trying again later may work without anyone doing anything

_SIGNS = {
    DISK_FULL: ("database or disk is full", "no space left on device", "disk full", "could not extend file",
                "could not write to file", "デバイスに空き領域がありません", "ファイルを拡張できませんでした"),
    READ_ONLY: ("readonly database", "read-only file system", "read-only transaction", "read only transaction",
                "読み取り専用トランザクション", "読み取り専用のトランザクション"),
    LOCKED: ("database is locked", "database table is locked", "database schema is locked"),
    CORRUPT: ("file is not a database", "database disk image is malformed", "malformed database schema",
              "file is encrypted or is not a database"),
}
_SQLITE_CODES = {"SQLITE_FULL": DISK_FULL, "SQLITE_READONLY": READ_ONLY, "SQLITE_BUSY": LOCKED, "SQLITE_LOCKED": LOCKED,
                 "SQLITE_CORRUPT": CORRUPT, "SQLITE_NOTADB": CORRUPT}
_ERRNO = {errno.ENOSPC: DISK_FULL, errno.EDQUOT: DISK_FULL, errno.EROFS: READ_ONLY,
          errno.EACCES: READ_ONLY, errno.EPERM: READ_ONLY}
_PG_SQLSTATE = {"53100": DISK_FULL, "25006": READ_ONLY, "55P03": LOCKED, "XX001": CORRUPT, "XX002": CORRUPT,
                "42501": FORBIDDEN}

_MESSAGES = {
    LOCKED: ("他のプログラム（別の画面の施策デスクなど）がデータベースに書き込み中のため、処理できませんでした。"
             "しばらく待ってから、もう一度お試しください。"),
    READ_ONLY: ("データベース（{where}）が読み取り専用のため、書き込めませんでした。ファイルまたはフォルダに書き込む権限が"
                "ないか、読み取り専用の場所（CD-ROM、読み取り専用の共有フォルダなど）にあります。"
                "書き込みできるフォルダ（ドキュメントなど）にファイルをコピーして開くか、管理者に書き込み権限を確認してください。"),
    DISK_FULL: ("ディスク（{where}）の空き容量が足りないため、データベースに書き込めませんでした。"
                "不要なファイルを削除するなどして空きを作ってから、もう一度お試しください。"),
    CORRUPT: ("データベース（{where}）が壊れているため、読み書きできません。"
              "バックアップから復元してください（sesaku-desk backups list でバックアップの一覧を確認できます）。"),
    FORBIDDEN: ("データベース サーバー（{where}）が、このロールにはこの操作の権限がないとして拒否しました"
                "（府省庁・役割の割り当てによる制限です。他府省庁のシート、他の立場の状態変更、事務局による内容の変更など）。"
                "何も変更されていません。必要な場合は管理者に割り当てを確認してください。"),
    OTHER: ("データベースの処理に失敗しました（{reason}）。もう一度お試しください。"
            "続く場合は、ログファイルを添えて管理者に連絡してください。"),
}
_SERVER_MESSAGES = {
    DISK_FULL: ("データベース サーバー（{where}）のディスクの空き容量が足りないため、書き込めませんでした。"
                "管理者に連絡してください。"),
    READ_ONLY: ("データベース サーバー（{where}）が読み取り専用になっているため、書き込めませんでした"
                "（保守中、または予備のサーバーに切り替わっています）。管理者に確認してください。"),
}


@dataclass(frozen=True)
class Failure:
    """A database failure as staff are told about it."""

    kind: str
    message: str   # Japanese: what happened and what to do; never SQL, parameters or links

    @property
    def transient(self) -> bool:
        return self.kind in TRANSIENT


def classify(exc: BaseException, target: str | os.PathLike | None = None) -> Failure | None:
    """The failure ``exc`` stands for, or None when it is no database failure (a bug, bad input).

    ``target``: the database (a path or URL) the operation used, named in the
    message and used to tell a read-only folder from a missing one.
    """
    from desktop.store.database import DatabaseBusy, DatabaseError, DatabaseUnavailable, display_target

    chain = list(_chain(exc))
    if not any(_is_database_exception(e) for e in chain):
        return None
    where = display_target(str(target)) if target is not None else "施策デスクのデータベース"
    server = target is not None and "://" in str(target) and not str(target).startswith("sqlite")
    for e in chain:
        if isinstance(e, DatabaseUnavailable):
            return Failure(UNREACHABLE if e.transient else OTHER, str(e))
        if isinstance(e, DatabaseBusy):
            return Failure(LOCKED, _MESSAGES[LOCKED])   # its own text speaks of the window's save
        if isinstance(e, DatabaseError) and getattr(e, "failure_kind", None):
            return Failure(e.failure_kind, str(e))   # classified where it was raised (opening a file)
    kind = _kind_of(chain, target)
    if kind == UNREACHABLE:
        from desktop.store import pg_connections

        pg_kind = pg_connections.failure_kind(exc) or pg_connections.UNREACHABLE
        return Failure(UNREACHABLE, pg_connections.describe_failure(pg_kind, _server(target)))
    if kind is not None:
        template = _SERVER_MESSAGES.get(kind) if server else None
        return Failure(kind, (template or _MESSAGES[kind]).format(where=where))
    ours = next((e for e in chain if isinstance(e, DatabaseError)), None)
    if ours is not None:   # already a message for staff (a file of another program, a newer version)
        return Failure(OTHER, str(ours))
    return Failure(OTHER, _MESSAGES[OTHER].format(reason=_reason(chain)))


def for_people(exc: BaseException, target: str | os.PathLike | None = None) -> BaseException:
    """``exc`` as the code above a worker thread should see it: a raw driver or SQLAlchemy error becomes a
    DatabaseError with the Japanese message (the original as its cause); anything else is returned as it is.

    Every place that shows a failed task's ``str(exc)`` then shows words staff can act on, never SQL.
    """
    from desktop.store.database import DatabaseError

    if isinstance(exc, DatabaseError) or not any(_is_database_exception(e) for e in _chain(exc)):
        return exc
    failure = classify(exc, target)
    if failure is None:
        return exc
    people = DatabaseError(failure.message, failure.kind)
    people.__cause__ = exc
    return people


def message(exc: BaseException, target: str | os.PathLike | None = None) -> str:
    """What to tell staff about any failure: the database's in its words, anything else as it says."""
    failure = classify(exc, target)
    return failure.message if failure is not None else str(exc)


def _kind_of(chain: list[BaseException], target) -> str | None:
    for e in chain:
        state = getattr(e, "sqlstate", None) or getattr(e, "pgcode", None)
        if state in _PG_SQLSTATE:
            return _PG_SQLSTATE[state]
    for e in chain:
        name = getattr(e, "sqlite_errorname", "") or ""
        for prefix, kind in _SQLITE_CODES.items():
            if name == prefix or name.startswith(prefix + "_"):
                return kind
    for e in chain:
        if isinstance(e, OSError) and e.errno in _ERRNO:
            return _ERRNO[e.errno]
    text = " ".join(str(e) for e in chain).lower()
    for kind, signs in _SIGNS.items():
        if any(sign in text for sign in signs):
            return kind
    if "unable to open database file" in text and target is not None and not _writable(target):
        return READ_ONLY   # SQLite cannot create its journal (-wal, -shm) in a read-only folder
    if any(type(e).__module__.startswith("psycopg") for e in chain):
        from desktop.store import pg_connections

        if pg_connections.failure_kind(chain[0]) in pg_connections.TRANSIENT:
            return UNREACHABLE
    return None


def _writable(target) -> bool:
    text = str(target)
    if "://" in text:
        return True
    path = Path(text).expanduser()
    folder = path.parent
    return os.access(folder, os.W_OK) and (not path.exists() or os.access(path, os.W_OK)) and _can_create(folder)


def _can_create(folder: Path) -> bool:
    """os.access says yes to root even in a folder the file system (or chattr +i) keeps read-only."""
    try:
        probe = folder / f".sesaku-write-test-{os.getpid()}"
        probe.touch()
        probe.unlink()
        return True
    except OSError:
        return False


def _server(target) -> str:
    from desktop.store.database import _server_of

    return _server_of(str(target)) if target is not None else "設定されたサーバー"


def _reason(chain: list[BaseException]) -> str:
    """The driver's own first line: no SQL, no parameters, no link."""
    driver = next((e for e in chain if isinstance(e, sqlite3.Error) or type(e).__module__.startswith("psycopg")),
                  chain[0])
    lines = str(driver).strip().splitlines()
    first = lines[0] if lines else ""
    if not first or first.startswith("("):   # SQLAlchemy's "(sqlite3.X) ..." wrapper
        first = first.split(")", 1)[-1].strip()
    return (first or type(driver).__name__)[:200]


def _is_database_exception(exc: BaseException) -> bool:
    from desktop.store.database import DatabaseError

    if isinstance(exc, (sqlite3.Error, DatabaseError)):
        return True
    module = type(exc).__module__
    return module.startswith(("sqlalchemy", "psycopg"))
