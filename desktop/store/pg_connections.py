"""PostgreSQL connections: how many one running app holds, and what a refusal means to staff.

A server admits ``max_connections`` clients (100 by default) for everyone.
An app therefore keeps **one** connection open while it is idle. When
several of its threads work at once (the window reading the list while the
writer saves and a reader counts), each extra thread gets a connection of its
own for as long as it works, closed the moment it is returned
(:class:`SharedConnectionPool`: SQLAlchemy's QueuePool with one kept
connection and a few short-lived extras). When the server has no slot for
such an extra connection ("too many clients"), the thread waits for the
app's own connection instead of failing: a full server makes the app slower,
never broken. Only when the app holds no connection at all is the refusal
final, after a few short retries (a Monday-morning crowd frees slots within
seconds); the caller then tells the person why, in Japanese
(:func:`describe_failure`).

A server that cannot be reached is not asked again from the main thread
for ``HOLD_OFF`` seconds (:class:`ConnectHoldOff`): the window reads the
list on the main thread, and a connect that waits for a silent network
would freeze it on every repaint. Worker threads (a save, a retry the
person asked for) always try for real, and the first connect that succeeds
ends the hold-off.

Server-side prepared statements are off (``prepare_threshold=None``): a
statement prepared on one server connection does not exist on another, and
a pooler in transaction mode (PgBouncer before 1.21, docs/postgresql.md)
hands each transaction whichever server connection is free.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable

from sqlalchemy.pool import QueuePool
from sqlalchemy.util import queue as sqla_queue

KEPT = 1            # connections an app keeps open while idle
EXTRA = 3           # more while threads work at once (GUI, writer, two readers); closed when returned
WAIT_FOR_OWN = 60   # seconds a thread waits for the app's own connection when the server is full
RETRY_DELAYS = (0.5, 1.0, 2.0)   # seconds between attempts when the app holds no connection yet
HOLD_OFF = 15.0     # seconds an unreachable server is not asked again

log = logging.getLogger(__name__)

FULL = "full"                 # the server (or the pooler) admits no more clients
UNREACHABLE = "unreachable"   # no server answers: stopped, restarting, network down
REFUSED_LOGIN = "login"       # the server answered but refused the role or password
NO_DATABASE = "no_database"   # the server has no database of that name

# What libpq and the server say, in English and in the server's Japanese
# translation (lc_messages = ja_JP): the text is all a failed connect carries,
# psycopg gives it no SQLSTATE.
_SIGNS = {
    FULL: ("too many clients", "remaining connection slots are reserved", "too many connections for",
           "max_client_conn", "no more connections allowed",
           "クライアント数が多すぎます", "接続スロット", "接続が多すぎます"),
    UNREACHABLE: ("connection refused", "no such file or directory", "timeout expired", "could not translate host",
                  "server closed the connection", "is starting up", "is shutting down", "in recovery mode",
                  "not yet accepting connections", "terminating connection due to administrator",
                  "network is unreachable", "no route to host", "could not connect to server", "connection is bad",
                  "cannot connect to server", "connection timed out", "ssl syscall error",
                  "起動処理中", "シャットダウンしています", "リカバリモード", "まだ接続を受け付けていません",
                  "管理者コマンドにより接続を終了"),
    REFUSED_LOGIN: ("password authentication failed", "no pg_hba.conf entry", "role \"", "password is required",
                    "パスワード認証に失敗", "pg_hba.conf", "ロール\""),
    NO_DATABASE: ("database \"", "データベース\""),
}

_MESSAGES = {
    FULL: ("PostgreSQL サーバーの同時接続数が上限に達しているため、接続できませんでした（他の人が施策デスクを閉じると空きます）。"
           "しばらく待ってからもう一度開いてください。続く場合は、管理者にサーバーの接続数の設定"
           "（max_connections、または接続プーラー）を確認してもらってください。"),
    UNREACHABLE: ("PostgreSQL サーバー（{server}）に接続できません。サーバーが停止・再起動中か、ネットワークに接続されていない"
                  "可能性があります。しばらく待ってからもう一度お試しください。"),
    REFUSED_LOGIN: ("PostgreSQL サーバー（{server}）に接続を拒否されました（ユーザー名・パスワード、または接続の許可）。"
                    "URL のユーザー名とパスワードを確認し、解決しない場合は管理者に連絡してください。"),
    NO_DATABASE: "PostgreSQL サーバー（{server}）に、URL のデータベースがありません。URL のデータベース名を確認してください。",
}

TRANSIENT = (FULL, UNREACHABLE)   # worth trying again later; nothing about the URL is wrong


def failure_kind(exc: BaseException) -> str | None:
    """Which of the kinds above a connection failure is (None: something else, e.g. a bad query)."""
    text = " ".join(str(e) for e in exception_chain(exc)).lower()
    for kind in (FULL, REFUSED_LOGIN, NO_DATABASE, UNREACHABLE):
        # "does not exist" is needed for the role and database signs: "role"/"database" alone are everywhere
        if kind in (REFUSED_LOGIN, NO_DATABASE) and not any(
                s in text for s in ("does not exist", "は存在しません", "authentication", "認証", "pg_hba")):
            continue
        if any(sign.lower() in text for sign in _SIGNS[kind]):
            return kind
    return None


def describe_failure(kind: str, server: str) -> str:
    """The Japanese message for staff; ``server`` as shown to them (never with a password)."""
    return _MESSAGES[kind].format(server=server)


def exception_chain(exc: BaseException | None):
    """The exception, the driver's error it wraps, and its causes, each once."""
    seen = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        yield exc
        exc = getattr(exc, "orig", None) or exc.__cause__ or exc.__context__


class SharedConnectionPool(QueuePool):
    """A QueuePool that waits for the app's own connection when the server refuses an extra one.

    ``pool_size`` connections are kept (KEPT); up to ``max_overflow`` more
    exist while threads work at once and are closed when returned (QueuePool
    does that already). What it adds is the answer to a full server.
    """

    def _do_get(self):
        attempt = 0
        while True:
            try:
                return super()._do_get()
            except Exception as exc:
                if failure_kind(exc) != FULL:
                    raise
                if self.checkedout() > 0:
                    return self._wait_for_own(exc)
                if attempt >= len(RETRY_DELAYS):
                    raise
                log.info("PostgreSQL is full; trying again in %.1f s", RETRY_DELAYS[attempt])
                time.sleep(RETRY_DELAYS[attempt])
                attempt += 1

    def _wait_for_own(self, refusal: Exception):
        """Another thread of this app holds a connection: take it when it comes back."""
        log.info("PostgreSQL refused an extra connection; waiting for this app's own")
        try:
            return self._pool.get(True, self._timeout)
        except sqla_queue.Empty:
            raise refusal from None


class ConnectHoldOff:
    """After a server was found unreachable, fail the main thread's connects at once for ``HOLD_OFF`` seconds."""

    def __init__(self, hold_off: float = HOLD_OFF) -> None:
        self.hold_off = hold_off
        self._lock = threading.Lock()
        self._until = 0.0
        self._reason = ""

    def connect(self, connect: Callable[[], object], error: type[Exception]):
        """``connect()`` unless within the hold-off; ``error`` is the driver's class for a failed connect."""
        with self._lock:
            if time.monotonic() < self._until and threading.current_thread() is threading.main_thread():
                raise error(self._reason)
        try:
            connection = connect()
        except Exception as exc:
            if failure_kind(exc) == UNREACHABLE:
                with self._lock:
                    self._until, self._reason = time.monotonic() + self.hold_off, str(exc)
            raise
        with self._lock:
            self._until = 0.0
        return connection
