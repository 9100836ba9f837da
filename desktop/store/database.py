"""Opening a database: a SQLite file (the embedded default) or a PostgreSQL URL.

Opening also brings the schema to the current revision. An existing SQLite
file is copied beside itself before any migration, and restored if the
migration fails, so an upgrade can never cost a ministry its data. A file that
is not a Sesaku Desk database is refused before anything touches it.
"""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from platformdirs import user_data_dir
from sqlalchemy import Engine, create_engine, event, inspect
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from desktop.store import migrate

APP_NAME = "SesakuDesk"
DEFAULT_FILE_NAME = "sesaku.db"
SQLITE_HEADER = b"SQLite format 3\x00"


class DatabaseError(Exception):
    """A database that cannot be opened; the message is for staff (Japanese)."""


def default_database_path() -> Path:
    return Path(user_data_dir(APP_NAME, appauthor=False)) / DEFAULT_FILE_NAME


def resolve_target(target: str | os.PathLike | None) -> str:
    """The database staff asked for: --db, then SESAKU_DB, then the default file."""
    if target is None or str(target) == "":
        target = os.environ.get("SESAKU_DB") or default_database_path()
    return str(target)


def is_url(target: str) -> bool:
    return "://" in target


def _sqlite_url(path: Path) -> str:
    return f"sqlite:///{path}"


def _normalise_url(url: str) -> str:
    """Let staff type postgresql://…; the driver we ship is psycopg 3."""
    parsed = make_url(url)
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed.render_as_string(hide_password=False)


def _install_sqlite_pragmas(engine: Engine, journal_mode: str) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn, _record):
        # pysqlite's own transaction handling would defeat BEGIN IMMEDIATE.
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA busy_timeout=10000")
        cur.execute(f"PRAGMA journal_mode={journal_mode}")
        cur.execute("PRAGMA synchronous=NORMAL" if journal_mode == "WAL" else "PRAGMA synchronous=FULL")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn):
        # Writers take the lock up front so they wait (busy_timeout) rather
        # than fail half-way with SQLITE_BUSY when a read upgrades to a write.
        mode = conn.get_execution_options().get("sqlite_begin", "")
        conn.exec_driver_sql(f"BEGIN {mode}".strip())


def check_sqlite_file(path: Path) -> None:
    """Refuse something that is not a SQLite file, or not one of ours."""
    if not path.exists():
        return
    if path.is_dir():
        raise DatabaseError(f"{path} はフォルダです。データベースファイルを指定してください。")
    try:
        with path.open("rb") as fh:
            header = fh.read(len(SQLITE_HEADER))
    except OSError as exc:
        raise DatabaseError(f"{path} を開けません: {exc.strerror or exc}") from exc
    if path.stat().st_size == 0:
        return  # an empty file is a new database
    if header != SQLITE_HEADER:
        raise DatabaseError(f"{path} は施策デスクのデータベースではありません（SQLite ファイルではありません）。")
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
            if tables and "alembic_version" not in tables:
                raise DatabaseError(
                    f"{path} は施策デスクのデータベースではありません（別のアプリケーションの SQLite ファイルです）。")
            if "alembic_version" in tables:
                revision = con.execute("SELECT version_num FROM alembic_version").fetchone()
                if revision and not migrate.is_known_revision(revision[0]):
                    raise DatabaseError(
                        f"{path} は新しい版の施策デスクで作成されたデータベースです（版 {revision[0]}）。"
                        "施策デスクを更新してから開いてください。")
        finally:
            con.close()
    except sqlite3.DatabaseError as exc:
        raise DatabaseError(f"{path} は壊れているか、データベースとして読めません（{exc}）。") from exc


def copy_sqlite(source_path: Path, target_path: Path) -> None:
    """Copy a database through SQLite's backup API: consistent even while in use, WAL included."""
    source = sqlite3.connect(f"file:{source_path}?mode=ro", uri=True)
    try:
        dest = sqlite3.connect(target_path)
        try:
            source.backup(dest)
        finally:
            dest.close()
    finally:
        source.close()


def backup_sqlite(path: Path, label: str) -> Path:
    """A copy beside the file, taken before anything changes it."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.bak-{label}-{stamp}")
    copy_sqlite(path, target)
    return target


def restore_sqlite(backup: Path, path: Path) -> None:
    """Put a backup's content back into the live file."""
    copy_sqlite(backup, path)


@dataclass
class Database:
    """An open database: where it is, its engine and how to get sessions."""

    target: str
    engine: Engine
    sessions: sessionmaker[Session]
    write_sessions: sessionmaker[Session]
    backup_path: Path | None = None

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    @property
    def path(self) -> Path | None:
        return None if is_url(self.target) else Path(self.target)

    def close(self) -> None:
        self.engine.dispose()


def _engine_for(target: str) -> tuple[Engine, Path | None]:
    if is_url(target):
        url = _normalise_url(target)
        if url.startswith("sqlite"):
            db_path = make_url(url).database
            return _engine_for(db_path or ":memory:")
        return create_engine(url, pool_pre_ping=True), None
    path = Path(target).expanduser().resolve()
    engine = create_engine(_sqlite_url(path))
    from desktop.store.filesystem import journal_mode_for

    _install_sqlite_pragmas(engine, journal_mode_for(path))
    return engine, path


def open_database(target: str | os.PathLike | None = None, *, create: bool = True) -> Database:
    """Open (and if needed create or migrate) the database staff chose."""
    resolved = resolve_target(target)
    path = None if is_url(resolved) else Path(resolved).expanduser().resolve()
    backup = None
    if path is not None:
        check_sqlite_file(path)
        if not path.exists():
            if not create:
                raise DatabaseError(f"{path} が見つかりません。")
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise DatabaseError(f"{path.parent} にフォルダを作成できません: {exc.strerror or exc}") from exc
    engine, _ = _engine_for(str(path) if path else resolved)
    try:
        current = migrate.current_revision(engine)
        if current is not None and current != migrate.head_revision():
            if path is not None:
                backup = backup_sqlite(path, current)
            try:
                migrate.upgrade(engine)
            except Exception as exc:
                engine.dispose()
                if backup is not None and path is not None:
                    restore_sqlite(backup, path)
                raise DatabaseError(f"データベースの更新に失敗しました。元の状態に戻しました（{exc}）。") from exc
        elif current is None:
            if inspect(engine).get_table_names() and path is not None:
                raise DatabaseError(f"{path} は施策デスクのデータベースではありません。")
            migrate.upgrade(engine)
    except DatabaseError:
        engine.dispose()
        raise
    except Exception as exc:
        engine.dispose()
        raise DatabaseError(f"データベースを開けません: {exc}") from exc
    writer = engine.execution_options(sqlite_begin="IMMEDIATE") if path is not None else engine
    return Database(
        target=str(path) if path else resolved,
        engine=engine,
        sessions=sessionmaker(engine, expire_on_commit=False),
        write_sessions=sessionmaker(writer, expire_on_commit=False),
        backup_path=backup,
    )
