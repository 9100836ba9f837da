"""PostgreSQL connections per running app, measured (the figures of docs/postgresql.md).

    .venv/bin/python -m benchmarks.bench_connections [--clients 20] [--sheets 2000]

One app: the real window (offscreen, in this process) on a throwaway server,
through a busy session: the open, paging through the whole list, switching
sheets, edits saved by the writer while the readers check the year and
search the library. Connections are counted exactly, from the pool's own
events (a DBAPI connection opened / closed), and on the server
(``pg_stat_activity``) at rest. The peer is the same session with
SQLAlchemy's default pool (5 kept, 10 more), which the app used before.

A crowd: ``--clients`` copies of the app (tests/ui/crowd_client.py, one
process each) started at the same moment, then all saving at once: the
server's connection count sampled every 20 ms, directly and through
PgBouncer in transaction mode (default_pool_size 5).

Needs PostgreSQL's server binaries (tests/postgres.py); PgBouncer for its lines.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

CLIENT = ROOT / "tests" / "ui" / "crowd_client.py"


class OpenConnections:
    """Every DBAPI connection any pool in this process opens or closes: the count now and its peak."""

    def __init__(self) -> None:
        from sqlalchemy import event
        from sqlalchemy.pool import Pool

        self.now = self.peak = 0
        self._lock = threading.Lock()
        event.listen(Pool, "connect", self._opened)
        event.listen(Pool, "close", self._closed)
        event.listen(Pool, "close_detached", self._closed_detached)

    def _opened(self, *_args) -> None:
        with self._lock:
            self.now += 1
            self.peak = max(self.peak, self.now)

    def _closed(self, *_args) -> None:
        with self._lock:
            self.now -= 1

    def _closed_detached(self, *_args) -> None:
        self._closed()

    def reset_peak(self) -> None:
        with self._lock:
            self.peak = self.now


def server_count(server, database: str) -> int:
    return server.admin(f"SELECT count(*) FROM pg_stat_activity WHERE datname = '{database}' "
                        "AND backend_type = 'client backend' AND usename = 'sesaku'")[0][0]


class Sampler:
    """The server's connection count for a database, every 20 ms on a thread of its own: the peak."""

    def __init__(self, server, database: str) -> None:
        self.server, self.database, self.peak = server, database, 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        import psycopg

        with psycopg.connect(self.server._libpq(self.server.admin_url()), autocommit=True) as conn:
            while not self._stop.is_set():
                n = conn.execute("SELECT count(*) FROM pg_stat_activity WHERE datname = %s AND "
                                 "backend_type = 'client backend' AND usename = 'sesaku'",
                                 (self.database,)).fetchone()[0]
                self.peak = max(self.peak, n)
                self._stop.wait(0.02)

    def stop(self) -> int:
        self._stop.set()
        self._thread.join()
        return self.peak


def make_database(server, sheets: int) -> str:
    from benchmarks.datagen import generate
    from desktop.sources.library import Library
    from desktop.store.database import open_database
    from desktop.store.repository import Repository

    name = server.create_database()
    db = open_database(server.url(name))
    Library(db).ensure_seeds()
    generate(Repository(db), sheets)
    db.close()
    return name


def settled(count, quiet_s: float = 1.0, timeout_s: float = 30.0) -> int:
    """``count()`` once it has not changed for ``quiet_s`` (apps finishing their start-up work)."""
    value, since, deadline = count(), time.monotonic(), time.monotonic() + timeout_s
    while time.monotonic() - since < quiet_s and time.monotonic() < deadline:
        time.sleep(0.05)
        now = count()
        if now != value:
            value, since = now, time.monotonic()
    return value


def one_app_session(url: str, counter: OpenConnections, work: Path, server, database: str) -> dict:
    """The busy session in the real window; connections at rest after the open, at the peak, at rest after."""
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from desktop.ui import jobs
    from desktop.ui.app import Application
    from desktop.ui.settings import Settings

    qt = QApplication.instance() or QApplication([])
    settings = Settings(QSettings(str(work / "bench.ini"), QSettings.Format.IniFormat))
    settings.autosave_ms = 50
    application = Application(settings)
    application.window.resize(1400, 900)
    application.window.show()
    counter.reset_peak()
    application.start(url)
    application.writer.wait_idle()
    application.reader.wait_idle()
    after_open = counter.now
    bar = application.window.list_view.table.verticalScrollBar()
    ids = application.list_model.ids()
    for step in range(0, 41):   # page through the whole list (rows fetched on the GUI thread)
        bar.setValue(bar.maximum() * step // 40)
        qt.processEvents()
    services = application.services
    for query in ("標準", "人材育成", "国際標準", "デジタル", "半導体"):
        application.reader.submit(jobs.search_library, services, query, label="search")
    application.workspace.check_year()
    for n, sheet_id in enumerate(ids[:20]):   # switching sheets while the readers work; every fourth one edited
        application.window.list_view.select_sheet(sheet_id)
        if n % 4 == 0:
            application.window.editor.texts["title"].edit.setPlainText(f"計測中の編集 {n}")
        qt.processEvents()
    application.workspace.wait_saved()
    application.writer.wait_idle()
    application.reader.wait_idle()
    peak, at_rest = counter.peak, counter.now
    on_server = server_count(server, database)
    application.window.close()
    application.shutdown()
    return {"after_open": after_open, "peak": peak, "at_rest": at_rest, "on_server": on_server}


def crowd(url: str, server, database: str, clients: int) -> dict:
    """``clients`` app processes started at once, then all saving at once: server connections, sampled."""
    from tests.lines import Lines

    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    sampler = Sampler(server, database)
    procs = [subprocess.Popen([sys.executable, str(CLIENT), url], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                              stderr=subprocess.DEVNULL, text=True, env=env) for _ in range(clients)]
    lines = [Lines(p.stdout) for p in procs]
    first = [json.loads(line.next(600) or "{}") for line in lines]
    opened = [p for p, event in zip(procs, first) if event.get("event") == "opened" and event.get("ok")]
    start_peak = sampler.peak
    from desktop.store.database import open_database
    from desktop.store.repository import Repository

    db = open_database(url)
    sheet_ids = Repository(db).sheet_ids()[:clients]
    db.close()
    for n, proc in enumerate(opened):
        proc.stdin.write(f"save {sheet_ids[n]} 同時保存 {n}\n")
        proc.stdin.flush()
    saved = sum(1 for n, proc in enumerate(procs) if proc in opened
                and json.loads(lines[n].next(600) or "{}").get("event") == "saved")
    peak = sampler.stop()
    at_rest = settled(lambda: server_count(server, database))
    for proc in procs:
        try:
            proc.stdin.write("quit\n" if proc in opened else "cancel\nquit\n")
            proc.stdin.flush()
        except BrokenPipeError:
            pass
    crashed = sum(1 for proc in procs if proc.wait(120) != 0)
    return {"opened": len(opened), "saved": saved, "start_peak": start_peak, "peak": peak, "at_rest": at_rest,
            "crashed": crashed}


def main() -> int:
    from desktop.store import pg_connections
    from tests import postgres

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--sheets", type=int, default=2000)
    args = parser.parse_args()
    server = postgres.start_server({"max_connections": 100})
    try:
        counter = OpenConnections()
        name = make_database(server, args.sheets)
        url = server.url(name)
        with tempfile.TemporaryDirectory() as tmp:
            ours = one_app_session(url, counter, Path(tmp), server, name)
            kept, extra = pg_connections.KEPT, pg_connections.EXTRA
            pg_connections.KEPT, pg_connections.EXTRA = 5, 10   # SQLAlchemy's default QueuePool
            try:
                default = one_app_session(url, counter, Path(tmp), server, name)
            finally:
                pg_connections.KEPT, pg_connections.EXTRA = kept, extra
        direct = crowd(url, server, name, args.clients)
        bounced = None
        try:
            bouncer = postgres.PgBouncer(server, pool_size=5)
        except postgres.Unavailable as exc:
            print(f"(PgBouncer lines not run: {exc})", file=sys.stderr)
        else:
            try:
                bounced = crowd(bouncer.url(name), server, name, args.clients)
            finally:
                bouncer.stop()
    finally:
        server.stop()
    print(f"PostgreSQL connections, {args.sheets:,} sheets; server max_connections = 100")
    print(f"{'one app, busy session (client side, exact)':<46}{'after open':>11}{'peak':>6}{'at rest':>9}"
          f"{'server':>8}")
    for label, seen in (("  Sesaku Desk (1 kept, up to 3 more)", ours),
                        ("  SQLAlchemy default pool (5 kept, 10 more)", default)):
        print(f"{label:<46}{seen['after_open']:>11}{seen['peak']:>6}{seen['at_rest']:>9}{seen['on_server']:>8}")
    print(f"{f'{args.clients} apps started at once, then saving (server)':<46}{'opened':>11}{'start peak':>11}"
          f"{'peak':>6}{'at rest':>9}{'saved':>7}{'crashed':>9}")
    for label, seen in (("  directly", direct), ("  through PgBouncer (transaction, 5)", bounced)):
        if seen:
            print(f"{label:<46}{seen['opened']:>11}{seen['start_peak']:>11}{seen['peak']:>6}{seen['at_rest']:>9}"
                  f"{seen['saved']:>7}{seen['crashed']:>9}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
