"""More staff than the server admits: real app processes against max_connections = 10.

Nine copies of the application (tests/ui/crowd_client.py, each its own
process with its own window offscreen) open one database on a server that
admits seven of them. None may crash; each either works (opens, saves) or
tells the person, in Japanese, that the server is full, and works once the
person retries after someone left. Through PgBouncer in transaction mode
(docs/postgresql.md) all nine work on three server connections.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.sources.library import Library
from desktop.store.database import open_database
from desktop.store.repository import Repository
from tests.factories import complete_sheet
from tests.lines import Lines

CLIENT = Path(__file__).with_name("crowd_client.py")
SMALL = {"max_connections": 10, "superuser_reserved_connections": 3}
SLOTS = 7            # what staff may use of SMALL
CLIENTS = 9
WAIT_S = 180         # nine Qt processes starting at once on a shared two-core machine


class Client:
    """One app process and what it said, as JSON events."""

    def __init__(self, url: str) -> None:
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
        self.process = subprocess.Popen([sys.executable, str(CLIENT), url], stdin=subprocess.PIPE,
                                        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
        self.lines = Lines(self.process.stdout)
        self.events: list[dict] = []

    def next_event(self) -> dict:
        line = self.lines.next(WAIT_S)
        assert line, f"the client said nothing more (exit {self.process.poll()}): {self.stderr_tail()}"
        event = json.loads(line)
        self.events.append(event)
        return event

    def send(self, command: str) -> dict:
        self.process.stdin.write(command + "\n")
        self.process.stdin.flush()
        return self.next_event()

    def finish(self) -> tuple[int, str]:
        if self.process.poll() is None:
            assert self.send("quit")["event"] == "closed"
        code = self.process.wait(WAIT_S)
        return code, self.process.stderr.read()

    def stderr_tail(self) -> str:
        if self.process.poll() is None:
            return "(still running)"
        return self.process.stderr.read()[-3000:]


def _database(server, survey) -> tuple[str, list[int]]:
    """A database with the seeds indexed and one sheet per client (each person edits their own)."""
    name = server.create_database()
    db = open_database(server.url(name))
    Library(db).ensure_seeds()
    ids = [Repository(db).save_sheet(complete_sheet(survey)).id for _ in range(CLIENTS)]
    db.close()
    return name, ids


def _held(server, url: str) -> int:
    from sqlalchemy.engine import make_url

    database = make_url(url).database
    return server.admin(f"SELECT count(*) FROM pg_stat_activity WHERE datname = '{database}' "
                        "AND backend_type = 'client backend' AND usename = 'sesaku'")[0][0]


def _start_crowd(url: str) -> tuple[list[Client], list[Client]]:
    """All clients at once; returns those that opened and those shown a message."""
    clients = [Client(url) for _ in range(CLIENTS)]
    opened, refused = [], []
    for client in clients:
        first = client.next_event()
        if first["event"] == "opened":
            assert first == {"event": "opened", "ok": True, "rows": CLIENTS}
            opened.append(client)
        else:
            assert first["event"] == "dialog", first
            assert first["title"] == "データベースに接続できません"
            assert "同時接続数が上限" in first["text"] and "FATAL" not in first["text"]
            refused.append(client)
    return opened, refused


def _no_crash(clients: list[Client]) -> None:
    for client in clients:
        code, err = client.finish()
        assert code == 0 and "Traceback" not in err, err[-3000:]


@pytest.fixture
def small(pg_server_with):
    return pg_server_with(**SMALL)


def test_more_clients_than_the_server_admits_each_works_or_is_told_why(small, survey):
    name, ids = _database(small, survey)
    url = small.url(name)
    opened, refused = _start_crowd(url)
    expected: dict[int, str] = {}
    try:
        assert 1 <= len(opened) <= SLOTS and len(refused) >= CLIENTS - SLOTS
        assert _held(small, url) == len(opened)        # one connection each, at rest

        for client, sheet_id in zip(opened, ids):
            expected[sheet_id] = f"施策{sheet_id}"
            assert client.send(f"save {sheet_id} 施策{sheet_id}") == {"event": "saved", "title": f"施策{sheet_id}"}

        # someone closes the app; a refused person clicks 再試行 and gets in
        _no_crash([opened.pop()])
        retried = refused.pop()
        assert retried.send("retry") == {"event": "opened", "ok": True, "rows": CLIENTS}
        expected[ids[-1]] = "再試行して保存"
        assert retried.send(f"save {ids[-1]} 再試行して保存") == {"event": "saved", "title": "再試行して保存"}
        opened.append(retried)

        # the others click キャンセル: the window stays up, without a database
        for client in refused:
            assert client.send("cancel") == {"event": "opened", "ok": False, "rows": 0}
        assert _held(small, url) == len(opened)
    finally:
        _no_crash(opened + refused)
    db = open_database(url)
    try:
        stored = {sheet_id: Repository(db).get_sheet(sheet_id).fields["title"] for sheet_id in expected}
    finally:
        db.close()
    assert stored == expected                         # every save that was reported saved is there


def test_through_pgbouncer_all_clients_work_on_three_server_connections(small, survey):
    from tests import postgres

    try:
        bouncer = postgres.PgBouncer(small, pool_size=3)
    except postgres.Unavailable as exc:
        from tests.conftest import _unavailable

        _unavailable(exc, "PgBouncer")
    try:
        name, ids = _database(small, survey)
        opened, refused = _start_crowd(bouncer.url(name))
        try:
            assert refused == [] and len(opened) == CLIENTS
            for client, sheet_id in zip(opened, ids):
                assert client.send(f"save {sheet_id} 施策{sheet_id}")["event"] == "saved"
            assert _held(small, small.url(name)) <= 3    # nine apps, three server connections
        finally:
            _no_crash(opened + refused)
    finally:
        bouncer.stop()
