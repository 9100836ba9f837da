"""A shared server at ministry scale: one connection per app, and a refusal told in Japanese.

Run against a throwaway server whose ``max_connections`` is 10 (7 slots for
staff, 3 kept for the administrator): the figures of docs/postgresql.md, with
the server full on purpose.
"""

from __future__ import annotations

import threading

import psycopg
import pytest
from sqlalchemy import text

from desktop.cli import main
from desktop.store import pg_connections
from desktop.store.database import DatabaseUnavailable, open_database
from desktop.store.repository import Repository
from tests.factories import complete_sheet

SMALL = {"max_connections": 10, "superuser_reserved_connections": 3}
SLOTS = 7   # what the app's role may use of SMALL


# -- what a refusal is, without a server ---------------------------------------------------------

@pytest.mark.parametrize("said, kind", [
    ('connection failed: connection to server on socket "/run/pg/.s.PGSQL.5432" failed: '
     "FATAL:  sorry, too many clients already", pg_connections.FULL),
    ("FATAL:  remaining connection slots are reserved for non-replication superuser connections",
     pg_connections.FULL),
    ('FATAL:  too many connections for role "sesaku"', pg_connections.FULL),
    ("ERROR:  no more connections allowed (max_client_conn)", pg_connections.FULL),          # PgBouncer
    ("FATAL:  現在クライアント数が多すぎます", pg_connections.FULL),                          # lc_messages ja_JP
    ("FATAL:  残りの接続スロットはレプリケーションユーザーではないスーパーユーザー用に予約されています",
     pg_connections.FULL),
    ('connection to server at "10.0.0.5", port 5432 failed: Connection refused\n\tIs the server running',
     pg_connections.UNREACHABLE),
    ("connection to server at \"db\" (10.0.0.5), port 5432 failed: timeout expired", pg_connections.UNREACHABLE),
    ('could not translate host name "dbserver" to address', pg_connections.UNREACHABLE),
    ("consuming input failed: server closed the connection unexpectedly", pg_connections.UNREACHABLE),
    ("FATAL:  the database system is starting up", pg_connections.UNREACHABLE),
    ("FATAL:  データベースシステムはシャットダウンしています", pg_connections.UNREACHABLE),
    ("FATAL:  terminating connection due to administrator command", pg_connections.UNREACHABLE),
    ('FATAL:  password authentication failed for user "yamada"', pg_connections.REFUSED_LOGIN),
    ('FATAL:  role "yamada" does not exist', pg_connections.REFUSED_LOGIN),
    ('FATAL:  ユーザー"yamada"のパスワード認証に失敗しました', pg_connections.REFUSED_LOGIN),
    ('FATAL:  database "sesaku2" does not exist', pg_connections.NO_DATABASE),
    ('FATAL:  データベース"sesaku2"は存在しません', pg_connections.NO_DATABASE),
    ('relation "sheets" does not exist', None),
    ("duplicate key value violates unique constraint", None),
])
def test_every_kind_of_refusal_is_recognised_in_english_and_in_japanese(said, kind):
    assert pg_connections.failure_kind(psycopg.OperationalError(said)) == kind


# -- against a small server ----------------------------------------------------------------------------

@pytest.fixture
def small(pg_server_with):
    return pg_server_with(**SMALL)


@pytest.fixture
def small_url(small):
    name = small.create_database()
    yield small.url(name)
    small.drop_database(name)


def _held(server, url: str) -> int:
    """Connections the server counts for the apps on this database (what an administrator sees)."""
    from sqlalchemy.engine import make_url

    database = make_url(url).database
    return server.admin("SELECT count(*) FROM pg_stat_activity "
                        f"WHERE datname = '{database}' AND application_name = 'sesaku-desk'")[0][0]


class OtherStaff:
    """Connections held by everyone else at the server (plain clients of the app's role)."""

    def __init__(self, server, url: str) -> None:
        self.libpq = server._libpq(url)
        self.held: list = []

    def take(self, count: int) -> None:
        for _ in range(count):
            self.held.append(psycopg.connect(self.libpq, autocommit=True))

    def leave(self, count: int = 1) -> None:
        for _ in range(count):
            self.held.pop().close()

    def all_leave(self) -> None:
        self.leave(len(self.held))


@pytest.fixture
def others(small, small_url):
    crowd = OtherStaff(small, small_url)
    yield crowd
    crowd.all_leave()


def _busy_threads(db, survey, count: int = 4) -> list[BaseException]:
    """The window, the writer and two readers all at once: reads and saves from ``count`` threads."""
    errors: list[BaseException] = []
    start = threading.Barrier(count)

    def work(n: int) -> None:
        try:
            repo = Repository(db, survey)
            start.wait()
            for _ in range(5):
                if n == 0:
                    repo.save_sheet(complete_sheet(survey, ministry=f"省{n}"))
                else:
                    with db.engine.connect() as conn:   # a read that keeps its connection a moment
                        conn.execute(text("SELECT pg_sleep(0.02)"))
                    repo.list_sheets()
        except BaseException as exc:  # noqa: BLE001 - reported by the test
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(count)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return errors


def test_an_app_holds_one_connection_once_its_threads_are_done(small, small_url, survey):
    db = open_database(small_url)
    try:
        assert _held(small, small_url) == 1                  # the open used one, and kept it
        assert _busy_threads(db, survey) == []
        assert _held(small, small_url) == 1                  # the extra ones closed when returned
        assert db.engine.pool.checkedin() == 1
    finally:
        db.close()
    assert _held(small, small_url) == 0


def test_on_a_full_server_an_apps_threads_share_its_connection_instead_of_failing(small, small_url, others,
                                                                                  survey):
    db = open_database(small_url)
    try:
        others.take(SLOTS - 1)                              # the server is now full
        assert _busy_threads(db, survey) == []              # slower, never broken
        assert Repository(db, survey).count_sheets() == 5
        assert _held(small, small_url) == 1
    finally:
        db.close()


def test_opening_on_a_full_server_says_why_in_japanese_then_works_once_someone_leaves(small, small_url,
                                                                                    others):
    others.take(SLOTS)
    with pytest.raises(DatabaseUnavailable) as refused:
        open_database(small_url)
    assert refused.value.kind == pg_connections.FULL and refused.value.transient
    assert "同時接続数が上限" in str(refused.value) and "FATAL" not in str(refused.value)
    others.leave()
    db = open_database(small_url)
    try:
        assert Repository(db).count_sheets() == 0
    finally:
        db.close()


def test_the_cli_on_a_full_server_exits_3_with_a_japanese_message(small, small_url, others, capsys):
    others.take(SLOTS)
    code = main(["--db", small_url, "sheets", "list"])
    err = capsys.readouterr().err
    assert code == 3
    assert err.startswith("エラー: ") and "同時接続数が上限" in err and "Traceback" not in err


def test_a_server_that_stops_mid_session_is_reported_in_japanese_and_the_app_recovers(pg_server_with, survey,
                                                                                      capsys):
    # a server of its own (this test stops it), and durable commits: a stop must not lose saved sheets
    server = pg_server_with(synchronous_commit="on")
    url = server.url(server.create_database())
    db = open_database(url)
    try:
        repo = Repository(db, survey)
        saved = repo.save_sheet(complete_sheet(survey))
        server.halt()
        try:
            with pytest.raises(DatabaseUnavailable) as lost:
                repo.save_sheet(saved)
            assert lost.value.kind == pg_connections.UNREACHABLE and "接続できません" in str(lost.value)
            with pytest.raises(DatabaseUnavailable):
                repo.list_sheets()
            assert main(["--db", url, "sheets", "list"]) == 3
            assert "接続できません" in capsys.readouterr().err
        finally:
            server.start()
        # The main thread (the window's) is not made to wait on the server again for a while ...
        with pytest.raises(DatabaseUnavailable):
            repo.list_sheets()
        # ... but a save on a worker thread (the app's writer) tries for real, and works ...
        saved.fields["content"] = "再開後に保存"
        result: list = []
        writer = threading.Thread(target=lambda: result.append(Repository(db, survey).save_sheet(saved)))
        writer.start()
        writer.join()
        assert result and result[0].fields["content"] == "再開後に保存"
        # ... which ends the hold-off for everyone
        assert [s.id for s in repo.list_sheets()] == [saved.id]
    finally:
        db.close()


def test_a_connect_to_an_unreachable_server_is_not_retried_from_the_main_thread_for_a_while():
    calls: list[str] = []

    def connect(outcome: str):
        def attempt():
            calls.append(outcome)
            if outcome == "down":
                raise psycopg.OperationalError('connection to server at "db", port 5432 failed: Connection refused')
            return outcome
        return attempt

    def on_worker(fn):
        seen: list = []
        thread = threading.Thread(target=lambda: seen.append(fn()))
        thread.start()
        thread.join()
        return seen

    hold = pg_connections.ConnectHoldOff(hold_off=600)
    for _ in range(3):
        with pytest.raises(psycopg.OperationalError, match="Connection refused"):
            hold.connect(connect("down"), psycopg.OperationalError)
    assert calls == ["down"]                        # the window's repaints do not wait on the network again
    assert on_worker(lambda: hold.connect(connect("up"), psycopg.OperationalError)) == ["up"]   # workers try
    assert hold.connect(connect("up again"), psycopg.OperationalError) == "up again"   # and end the hold-off
    assert calls == ["down", "up", "up again"]
