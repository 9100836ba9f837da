"""Figures for docs/reliability.md: saves, search on PostgreSQL, backups and migrations under load.

Run: .venv/bin/python benchmarks/bench_reliability.py [--sheets 10000] [--saves 200]

Starts a throwaway PostgreSQL server the way the tests do (tests/postgres.py)
when Debian's server binaries exist; SESAKU_TEST_PG_URL points it at another.
Prints one line per measurement, in the order docs/reliability.md lists them.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import text  # noqa: E402

from benchmarks.bench_search import QUERIES, index_search  # noqa: E402
from benchmarks.datagen import generate  # noqa: E402
from benchmarks.timing import median_ms, once_s  # noqa: E402
from desktop.sources.library import Library  # noqa: E402
from desktop.store import backups, fulltext, migrate  # noqa: E402
from desktop.store.database import open_database  # noqa: E402
from desktop.store.repository import Repository, StaleSheetError  # noqa: E402
from desktop.survey.loader import default_survey  # noqa: E402


def save_rate(target: str, saves: int) -> float:
    """Saves per second of one field edit each, one program, through the repository."""
    db = open_database(target, keep_backups=0)
    repo = Repository(db)
    ids = repo.sheet_ids()[:20]
    t0 = time.perf_counter()
    for n in range(saves):
        sheet = repo.get_sheet(ids[n % len(ids)])
        sheet.fields["issues"] = f"編集{n}"
        repo.save_sheet(sheet, author="bench")
    rate = saves / (time.perf_counter() - t0)
    db.close()
    return rate


def contended_saves(target: str, writers: int, rounds: int) -> tuple[int, int, float]:
    """``writers`` programs saving stale copies of one sheet at once, ``rounds`` times: (saved, refused, s)."""
    sessions = [open_database(target, keep_backups=0) for _ in range(writers)]
    repos = [Repository(s) for s in sessions]
    sheet_id = repos[0].sheet_ids()[0]
    saved = refused = 0
    lock = threading.Lock()
    t0 = time.perf_counter()
    for r in range(rounds):
        copies = [repo.get_sheet(sheet_id) for repo in repos]
        barrier = threading.Barrier(writers)

        def run(i: int) -> None:
            nonlocal saved, refused
            copies[i].fields["issues"] = f"r{r}w{i}"
            barrier.wait()
            try:
                repos[i].save_sheet(copies[i], author=f"w{i}")
                with lock:
                    saved += 1
            except StaleSheetError:
                with lock:
                    refused += 1

        threads = [threading.Thread(target=run, args=(i,)) for i in range(writers)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    elapsed = time.perf_counter() - t0
    for s in sessions:
        s.close()
    return saved, refused, elapsed


def fill(db, sheets: int) -> tuple[Repository, float]:
    """The seed documents indexed and ``sheets`` generated sheets saved: the repository and the seconds taken."""
    repo = Repository(db)
    seconds, _ = once_s(lambda: (Library(db).ensure_seeds(), generate(repo, sheets)))
    return repo, seconds


def search_medians(db) -> float:
    library = Library(db)
    return statistics.median(median_ms(lambda: index_search(library, q))
                             for q in QUERIES)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sheets", type=int, default=10_000)
    parser.add_argument("--saves", type=int, default=200)
    args = parser.parse_args()
    from tests.postgres import Unavailable, start_server

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "load.db"
        db = open_database(path)
        repo, seconds = fill(db, args.sheets)
        print(f"setup SQLite: seeds + {repo.count_sheets()} sheets in {seconds:.1f} s, "
              f"{path.stat().st_size / 1e6:.0f} MB")
        db.close()

        print(f"saves/s SQLite WAL: {save_rate(str(path), args.saves):.0f}")
        saved, refused, secs = contended_saves(str(path), 4, 25)
        print(f"contended SQLite: 4 writers x 25 rounds: {saved} saved, {refused} refused as stale, {secs:.1f} s")

        seconds, made = once_s(lambda: backups.take_backup(path))
        print(f"backup of {path.stat().st_size / 1e6:.0f} MB: {seconds:.2f} s")
        seconds, _ = once_s(lambda: backups.restore_backup(path, made))
        print(f"restore (with safety copy): {seconds:.2f} s")

        db = open_database(path, keep_backups=0)
        migrate.downgrade(db.engine, "0002")
        db.close()
        seconds, db = once_s(lambda: open_database(path, keep_backups=0))
        print(f"migration 0002 -> head with backup: {seconds:.2f} s")
        print(f"search median SQLite (bigram FTS5): {search_medians(db):.1f} ms")
        db.close()

        try:
            server = start_server()
        except Unavailable as exc:
            print(f"PostgreSQL: not measured ({exc})")
            return 0
        try:
            url = server.url(server.create_database())
            db = open_database(url)
            repo, seconds = fill(db, args.sheets)
            print(f"setup PostgreSQL: seeds + {repo.count_sheets()} sheets in {seconds:.1f} s")
            with db.engine.begin() as conn:
                conn.execute(text("ANALYZE"))
            print(f"search median PostgreSQL (pg_trgm GIN): {search_medians(db):.1f} ms")
            with db.engine.begin() as conn:
                fulltext.drop_trigram_indexes(conn)
            print(f"search median PostgreSQL (no index, LIKE scan): {search_medians(db):.1f} ms")
            db.close()
            print(f"saves/s PostgreSQL: {save_rate(url, args.saves):.0f}")
            saved, refused, secs = contended_saves(url, 4, 25)
            print(f"contended PostgreSQL: 4 writers x 25 rounds: {saved} saved, {refused} refused as stale, "
                  f"{secs:.1f} s")
        finally:
            server.stop()
    return 0


if __name__ == "__main__":
    default_survey()
    sys.exit(main())
