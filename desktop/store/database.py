"""Opening a database: a SQLite file (the embedded default) or a PostgreSQL URL.

Opening also brings the schema to the current revision. An existing SQLite
file is copied beside itself before any migration, and restored if the
migration fails, so an upgrade can never cost a ministry its data. A file that
is not a Sesaku Desk database is refused before anything touches it.

PostgreSQL is reached through psycopg 3 with the URL as staff type it
(``postgresql://user@host/db``, ``postgresql://user@/db?host=/socket&port=N``).
There the migration runs in one transaction under an advisory lock, so two
people opening a new database at the same moment do not both upgrade it, and a
failed migration is rolled back by PostgreSQL itself (its DDL is
transactional). An app holds one server connection while idle
(store/pg_connections.py); a server that refuses it, or cannot be reached, is
a :class:`DatabaseUnavailable` with the reason in Japanese, at the open as
well as in the middle of the work.

A SQLite file that already held data gets one automatic backup a day
(store/backups.py): taken by the open, or, with ``defer_backup``, by whoever
calls :meth:`Database.take_daily_backup` (the window does, on its writer
thread once it has painted). ``read_only=True`` opens without any write: no
migration, no backup, and every write refused by the database itself.
"""

from __future__ import annotations

import logging
import os
import sqlite3
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from urllib.parse import quote, unquote

from sqlalchemy import Engine, create_engine, event, inspect, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import QueuePool

from desktop.paths import user_data_dir
from desktop.store import migrate
from desktop.store.access import EVERYTHING, Access, read_access

APP_NAME = "SesakuDesk"
DEFAULT_FILE_NAME = "sesaku.db"
SQLITE_HEADER = b"SQLite format 3\x00"
DEFAULT_BUSY_TIMEOUT = 10.0  # seconds a writer waits for another writer's lock
PG_CONNECT_TIMEOUT = 10      # seconds, unless the URL says otherwise
PG_MIGRATION_LOCK = 0x5E5A   # advisory lock key held while migrating

log = logging.getLogger(__name__)


class DatabaseError(Exception):
    """A database that cannot be opened; the message is for staff (Japanese).

    ``failure_kind``: one of store/failures.py's kinds when the cause is known
    (a read-only folder, a full disk), so the CLI and the window treat it as such.
    """

    def __init__(self, message: str, failure_kind: str | None = None) -> None:
        super().__init__(message)
        self.failure_kind = failure_kind


class DatabaseUnavailable(DatabaseError):
    """The PostgreSQL server refused a connection or could not be reached; trying again later may work.

    ``kind`` is one of store/pg_connections' kinds (FULL, UNREACHABLE, …).
    """

    def __init__(self, message: str, kind: str) -> None:
        super().__init__(message)
        self.kind = kind

    @property
    def transient(self) -> bool:
        from desktop.store.pg_connections import TRANSIENT

        return self.kind in TRANSIENT


class DatabaseBusy(DatabaseError):
    """Another program held the SQLite write lock for longer than the busy timeout."""

    def __init__(self) -> None:
        super().__init__("他の人（または別の画面）がデータベースに書き込み中のため、保存できませんでした。"
                         "しばらく待ってからもう一度保存してください。内容は失われていません。")


def default_database_path() -> Path:
    return user_data_dir() / DEFAULT_FILE_NAME


def resolve_target(target: str | os.PathLike | None) -> str:
    """The database staff asked for: --db, then SESAKU_DB, then the default file."""
    if target is None or str(target) == "":
        target = os.environ.get("SESAKU_DB") or default_database_path()
    return str(target)


def is_url(target: str) -> bool:
    return "://" in target


def _sqlite_url(path: Path) -> str:
    return f"sqlite:///{path}"


def _parse_url(url: str) -> URL:
    try:
        return make_url(url)
    except Exception as exc:
        raise DatabaseError(f"データベースの URL として読み取れません: {display_target(url)}") from exc


def _normalise_url(url: str) -> str:
    """Let staff type postgresql://…; the driver we ship is psycopg 3."""
    parsed = _parse_url(url)
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed.render_as_string(hide_password=False)


def display_target(target: str) -> str:
    """The database as shown to people and written to logs: never with its password."""
    if not is_url(target):
        return target
    try:
        return unquote(make_url(target).render_as_string(hide_password=True))
    except Exception:
        return target.split("://", 1)[0] + "://…"


def _postgres_connect_args(url: URL) -> dict:
    """Defaults the URL may override: a bounded connect wait and a name admins see in pg_stat_activity.

    No server-side prepared statements (store/pg_connections.py: they break
    behind a transaction-mode pooler).
    """
    args: dict = {"prepare_threshold": None}
    if "connect_timeout" not in url.query:
        args["connect_timeout"] = PG_CONNECT_TIMEOUT
    if "application_name" not in url.query:
        args["application_name"] = "sesaku-desk"
    return args


def _postgres_engine(url: URL, read_only: bool) -> Engine:
    """One kept connection, short-lived extras, a wait instead of a failure when the server is full."""
    from desktop.store import pg_connections

    engine = create_engine(url, poolclass=pg_connections.SharedConnectionPool, pool_size=pg_connections.KEPT,
                           max_overflow=pg_connections.EXTRA, pool_timeout=pg_connections.WAIT_FOR_OWN,
                           pool_pre_ping=True, connect_args=_postgres_connect_args(url))
    target = url.render_as_string(hide_password=True)
    hold_off = pg_connections.ConnectHoldOff()

    @event.listens_for(engine, "do_connect")
    def _do_connect(dialect, _record, cargs, cparams):
        return hold_off.connect(lambda: dialect.connect(*cargs, **cparams), dialect.loaded_dbapi.OperationalError)

    @event.listens_for(engine, "first_connect", insert=True)
    def _on_first_connect(dbapi_conn, _record):
        # Before SQLAlchemy's own first-connect queries, which fail on a SQL_ASCII database
        # with a message nobody could act on.
        _check_server_encoding(dbapi_conn)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn, _record):
        if read_only:
            # Every transaction starts READ ONLY (psycopg sends BEGIN READ ONLY): per transaction,
            # so it holds behind a transaction-mode pooler, where a startup option would be refused.
            dbapi_conn.read_only = True

    @event.listens_for(engine, "handle_error")
    def _on_error(context):
        # A connection refused or lost in the middle of the work: say why, in Japanese.
        if context.is_disconnect or context.connection is None:
            unavailable = _unavailable(target, context.original_exception)
            if unavailable is not None:
                raise unavailable from context.original_exception

    return engine


def _unavailable(target: str, exc: BaseException) -> DatabaseUnavailable | None:
    from desktop.store import pg_connections

    kind = pg_connections.failure_kind(exc)
    if kind is None:
        return None
    return DatabaseUnavailable(pg_connections.describe_failure(kind, _server_of(target)), kind)


def _server_of(target: str) -> str:
    """host:port (or the socket folder) of a URL, as staff may tell an administrator."""
    try:
        url = make_url(target)
    except Exception:
        return display_target(target)
    host = url.host or str(url.query.get("host", "")) or "localhost"
    port = url.port or url.query.get("port")
    return f"{host}:{port}" if port else host


def _install_sqlite_pragmas(engine: Engine, journal_mode: str | None, busy_timeout: float) -> None:
    """journal_mode None: read-only, leave the file's journal mode as it is and refuse writes."""
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn, _record):
        # pysqlite's own transaction handling would defeat BEGIN IMMEDIATE.
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute(f"PRAGMA busy_timeout={int(busy_timeout * 1000)}")
        if journal_mode is None:
            cur.execute("PRAGMA query_only=ON")
        else:
            cur.execute(f"PRAGMA journal_mode={journal_mode}")
            # WAL + NORMAL survives a crash of the program (only a power cut may
            # lose the last commits); the rollback journal needs FULL for that.
            cur.execute("PRAGMA synchronous=NORMAL" if journal_mode == "WAL" else "PRAGMA synchronous=FULL")
        cur.close()

    @event.listens_for(engine, "handle_error")
    def _on_error(context):
        # The lock was still held after busy_timeout: say so in words staff understand.
        original = context.original_exception
        if isinstance(original, sqlite3.OperationalError) and "locked" in str(original):
            raise DatabaseBusy() from original

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
        con = sqlite3.connect(read_only_uri(path), uri=True)
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
        from desktop.store import failures

        failure = failures.classify(exc, path)
        if failure is not None and failure.kind not in (failures.CORRUPT, failures.OTHER):
            raise DatabaseError(failure.message, failure.kind) from exc   # a read-only folder is not damage
        raise DatabaseError(f"{path} は壊れているか、データベースとして読めません（{exc}）。"
                            "バックアップから復元してください（sesaku-desk backups list で一覧を確認できます）。",
                            failures.CORRUPT) from exc


def read_only_uri(path: Path) -> str:
    """A SQLite URI opening ``path`` read-only; quoted, so a # ? or % in a folder name is no URI syntax."""
    return "file:" + quote(Path(path).as_posix(), safe="/:") + "?mode=ro"


def copy_sqlite(source_path: Path, target_path: Path, *, standalone: bool = False) -> None:
    """Copy a database through SQLite's backup API: consistent even while in use, WAL included.

    ``standalone``: the copy is a backup file, switched to the rollback journal
    so that reading it later leaves no -wal/-shm files beside it.
    """
    source = sqlite3.connect(read_only_uri(source_path), uri=True)
    try:
        dest = sqlite3.connect(target_path)
        try:
            source.backup(dest)
            if standalone:
                dest.execute("PRAGMA journal_mode=DELETE")
        finally:
            dest.close()
    finally:
        source.close()


def backup_sqlite(path: Path, label: str) -> Path:
    """A copy beside the file, taken before anything changes it."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.bak-{label}-{stamp}")
    copy_sqlite(path, target, standalone=True)
    return target


def restore_sqlite(backup: Path, path: Path) -> None:
    """Put a backup's content back into the live file."""
    copy_sqlite(backup, path)


@dataclass
class Database:
    """An open database: where it is, its engine and how to get sessions.

    ``notes`` are things staff or an administrator should know (Japanese):
    a file on a network drive, a failed daily backup, a missing search index.
    """

    target: str
    engine: Engine
    sessions: sessionmaker[Session]
    write_sessions: sessionmaker[Session]
    backup_path: Path | None = None
    read_only: bool = False
    daily_backup: Path | None = None
    notes: list[str] = field(default_factory=list)
    backup_keep: int | None = None   # today's backup is due, keeping this many (None: not due)
    # Who the server says the person is and what that allows (store/access.py); everything on SQLite.
    access: Access = EVERYTHING
    # Called as hook(repository, sheet_ids) after a save of sheets committed (the app layer keeps other
    # ministries' public parts current with it: desktop/app/sharing.py). A failing hook is logged, never
    # raised: the save itself succeeded.
    saved_hooks: list = field(default_factory=list)

    def after_save(self, repository, sheet_ids: list[int]) -> None:
        for hook in list(self.saved_hooks):
            try:
                hook(repository, sheet_ids)
            except Exception:   # noqa: BLE001 - the save is committed; a follow-up must not undo it
                log.warning("after-save hook %r failed for sheets %s", hook, sheet_ids[:20], exc_info=True)

    @property
    def backup_due(self) -> bool:
        return self.backup_keep is not None and self.path is not None

    def take_daily_backup(self) -> Path | None:
        """Today's backup if it is due (None if another program took it meanwhile); due no more afterwards.

        Raises DatabaseError with the note staff should see. Safe on any
        thread: it copies the file through SQLite's backup API on its own
        connection (store/backups.py), never through this engine.
        """
        if not self.backup_due:
            return None
        keep, self.backup_keep = self.backup_keep, None
        from desktop.store import backups

        try:
            self.daily_backup = backups.ensure_daily_backup(self.path, keep=keep)
        except Exception as exc:
            log.warning("daily backup of %s failed: %s", self.path, exc)
            raise DatabaseError(f"本日の自動バックアップを作成できませんでした（{exc}）。") from exc
        return self.daily_backup

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    @property
    def display_target(self) -> str:
        return display_target(self.target)

    @property
    def path(self) -> Path | None:
        return None if is_url(self.target) else Path(self.target)

    def close(self) -> None:
        self.engine.dispose()


def _engine_for(target: str, *, read_only: bool = False,
                busy_timeout: float = DEFAULT_BUSY_TIMEOUT) -> tuple[Engine, Path | None]:
    if is_url(target):
        url = _parse_url(_normalise_url(target))
        if url.drivername.startswith("sqlite"):
            return _engine_for(url.database or ":memory:", read_only=read_only, busy_timeout=busy_timeout)
        try:
            engine = _postgres_engine(url, read_only)
        except ModuleNotFoundError as exc:
            raise DatabaseError(f"このデータベースのドライバー（{exc.name}）がありません: {display_target(target)}"
                                ) from exc
        return engine, None
    path = Path(target).expanduser().resolve()
    from desktop.store.filesystem import journal_mode_for

    if read_only:
        # A creator rather than a URL: the quoted URI must reach SQLite untouched.
        engine = create_engine("sqlite://", poolclass=QueuePool, creator=lambda: sqlite3.connect(
            read_only_uri(path), uri=True, check_same_thread=False))
        _install_sqlite_pragmas(engine, None, busy_timeout)
    else:
        engine = create_engine(_sqlite_url(path))
        _install_sqlite_pragmas(engine, journal_mode_for(path), busy_timeout)
    return engine, path


def _connect_error(target: str, exc: Exception) -> DatabaseError:
    if is_url(target):
        unavailable = _unavailable(target, exc)
        if unavailable is not None:
            return unavailable
    from desktop.store import failures

    failure = failures.classify(exc, target)
    if failure is not None and failure.kind != failures.OTHER:   # read-only, full, locked: say so, without SQL
        return DatabaseError(failure.message, failure.kind)
    detail = str(getattr(exc, "orig", None) or exc).strip().splitlines()
    reason = detail[0] if detail else type(exc).__name__
    if is_url(target):
        return DatabaseError(f"データベース（{display_target(target)}）に接続できません: {reason}")
    return DatabaseError(f"データベースを開けません: {reason}")


def _check_server_encoding(dbapi_conn) -> None:
    """Refuse a server database that would mangle Japanese text (asked on the first raw connection)."""
    cursor = dbapi_conn.cursor()
    try:
        cursor.execute("SHOW server_encoding")
        encoding = cursor.fetchone()[0]
    finally:
        cursor.close()
        dbapi_conn.rollback()
    encoding = encoding.decode() if isinstance(encoding, bytes) else encoding
    if str(encoding).upper() not in ("UTF8", "UTF-8"):
        raise DatabaseError(f"データベースの文字コードが {encoding} です。施策デスクには UTF8 のデータベースが必要です"
                            "（CREATE DATABASE … ENCODING 'UTF8'）。")


def _migrate_postgres(conn) -> None:
    """Upgrade under an advisory lock, all in the one transaction of ``conn``.

    The second of two simultaneous openers waits for the lock, then finds
    head. A transaction lock on the connection that migrates: one
    connection, and no session state a transaction-mode pooler would lose.
    """
    conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": PG_MIGRATION_LOCK})
    if migrate.current_revision(conn) != migrate.head_revision():
        migrate.upgrade(conn)
    # An administrator may have installed pg_trgm since: index now, never fail the open for it.
    from desktop.store import fulltext

    fulltext.ensure_trigram_indexes(conn, create_extension=False)
    conn.commit()


def _open_postgres(target: str, read_only: bool) -> Database:
    engine, _ = _engine_for(target, read_only=read_only)
    try:
        from desktop.store import fulltext

        with engine.connect() as conn:   # the open's one connection, kept by the pool afterwards
            current = migrate.current_revision(conn)
            if current is not None and not migrate.is_known_revision(current):
                raise DatabaseError(f"このデータベースは新しい版の施策デスクで作成されています（版 {current}）。"
                                    "施策デスクを更新してから開いてください。")
            if read_only:
                if current != migrate.head_revision():
                    raise DatabaseError("データベースがまだ作成・更新されていないため、読み取り専用では開けません。")
            else:
                if current is None and inspect(conn).get_table_names():
                    raise DatabaseError(f"{display_target(target)} には施策デスク以外の表があります。"
                                        "施策デスク専用のデータベースを指定してください。")
                if current not in (None, migrate.head_revision()) and read_access(conn).restricted:
                    raise DatabaseError("データベースの更新が必要ですが、このロールでは更新できません。"
                                        "管理者が sesaku-desk server setup を実行してから、もう一度開いてください。")
                _migrate_postgres(conn)
            notes = fulltext.postgres_notes(conn)
            access = read_access(conn)
            conn.rollback()
            if access.note():
                notes.append(access.note())
    except DatabaseError:
        engine.dispose()
        raise
    except Exception as exc:
        engine.dispose()
        if _refused_role(exc):
            raise DatabaseError(f"データベースのロール（{_parse_url(target).username or '既定のユーザー'}）には、"
                                "このデータベースを使う権限がありません。管理者に府省庁・役割の割り当て"
                                "（sesaku-desk server grant）を依頼してください。") from exc
        raise _connect_error(target, exc) from exc
    return Database(target=target, engine=engine, sessions=sessionmaker(engine, expire_on_commit=False),
                    write_sessions=sessionmaker(engine, expire_on_commit=False), read_only=read_only, notes=notes,
                    access=access)


def _refused_role(exc: BaseException) -> bool:
    """The server said no to the role (insufficient_privilege), not to the connection."""
    from desktop.store.pg_connections import exception_chain

    return any(getattr(e, "sqlstate", None) == "42501" for e in exception_chain(exc))


def open_database(target: str | os.PathLike | None = None, *, create: bool = True, read_only: bool = False,
                  keep_backups: int | None = None, defer_backup: bool = False,
                  busy_timeout: float = DEFAULT_BUSY_TIMEOUT) -> Database:
    """Open (and if needed create or migrate) the database staff chose.

    ``keep_backups``: how many daily backups of a SQLite file to keep (None:
    the default of store/backups.py, 0: take none). ``defer_backup``: leave
    today's backup due (``Database.backup_due``) for the caller to take with
    ``take_daily_backup``; otherwise the open takes it, and a failure becomes
    a note. ``read_only``: look, never write, e.g. while another program
    holds the file.
    """
    resolved = resolve_target(target)
    if is_url(resolved) and not _parse_url(_normalise_url(resolved)).drivername.startswith("sqlite"):
        return _open_postgres(resolved, read_only)
    if is_url(resolved):
        resolved = _parse_url(resolved).database or ""
    path = Path(resolved).expanduser().resolve()
    backup = None
    check_sqlite_file(path)
    existed = path.exists() and path.stat().st_size > 0
    if not path.exists():
        if not create or read_only:
            raise DatabaseError(f"{path} が見つかりません。")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise DatabaseError(f"{path.parent} にフォルダを作成できません: {exc.strerror or exc}") from exc
    engine, _ = _engine_for(str(path), read_only=read_only, busy_timeout=busy_timeout)
    try:
        current = migrate.current_revision(engine)
        if read_only:
            if current != migrate.head_revision():
                raise DatabaseError(f"{path} は古い版のデータベースのため、読み取り専用では開けません。"
                                    "一度通常どおり開いて更新してください。")
        elif current is not None and current != migrate.head_revision():
            backup = backup_sqlite(path, current)
            try:
                migrate.upgrade(engine)
            except Exception as exc:
                engine.dispose()
                restore_sqlite(backup, path)
                raise DatabaseError(f"データベースの更新に失敗しました。元の状態に戻しました（{exc}）。") from exc
        elif current is None:
            if inspect(engine).get_table_names():
                raise DatabaseError(f"{path} は施策デスクのデータベースではありません。")
            migrate.upgrade(engine)
    except DatabaseError:
        engine.dispose()
        raise
    except Exception as exc:
        engine.dispose()
        raise _connect_error(str(path), exc) from exc
    writer = engine.execution_options(sqlite_begin="IMMEDIATE")
    database = Database(
        target=str(path),
        engine=engine,
        sessions=sessionmaker(engine, expire_on_commit=False),
        write_sessions=sessionmaker(writer, expire_on_commit=False),
        backup_path=backup,
        read_only=read_only,
    )
    from desktop.store.filesystem import is_network_path

    if is_network_path(path):
        database.notes.append("このデータベースはネットワーク上のフォルダにあります。複数の人で同時に使うと壊れるおそれがあるため、"
                              "共有して使う場合は PostgreSQL をお使いください（WAL は使わずに開いています）。")
    if existed and not read_only and keep_backups != 0:
        from desktop.store import backups

        database.backup_keep = backups.DEFAULT_KEEP if keep_backups is None else keep_backups
        if not defer_backup:
            try:
                database.take_daily_backup()
            except DatabaseError as exc:  # a backup that failed must never stop the work
                database.notes.append(str(exc))
    return database
