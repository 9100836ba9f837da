"""Short words over many sheets: the list's text filter and sheet search, SQLite and PostgreSQL.

Run: .venv/bin/python -m benchmarks.bench_sheet_search [--sheets 60000] [--data DIR] [--postgres]

Data from benchmarks/datagen.py (seed sentences; 「AI」 is in about two sheets of
three). For each word, median milliseconds of:

* ``filter``: ``Repository.sheet_ids`` with the text filter (what the list runs),
* ``search``: ``Library.search_sheets`` (top 50 fields, ranked, with snippets),

against two peers on the same rows in the same run: the list without a
filter (the floor: the ids of every sheet, sorted), and the scan the index
replaces (``EXISTS … value LIKE '%word%'`` over the sheet fields).
PostgreSQL runs on a throwaway server (tests/postgres.py), filled by the
same generator.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy import text  # noqa: E402

from benchmarks.datagen import database, generate  # noqa: E402
from benchmarks.timing import median_ms  # noqa: E402
from desktop.sources.library import Library  # noqa: E402
from desktop.store.database import open_database  # noqa: E402
from desktop.store.repository import Repository, SheetFilter  # noqa: E402

WORDS = ["AI", "量子", "海賊版"]


def like_scan(db, word: str) -> int:
    """The peer the index replaces: every sheet whose fields hold the word, by a LIKE scan."""
    sql = ("SELECT s.id FROM sheets s WHERE s.deleted_at IS NULL AND EXISTS (SELECT 1 FROM sheet_fields f "
           "WHERE f.sheet_id = s.id AND f.value LIKE :w) ORDER BY s.updated_at DESC, s.id DESC")
    with db.engine.connect() as conn:
        return len(conn.execute(text(sql), {"w": f"%{word}%"}).all())


def measure(target: str) -> dict[str, dict[str, float]]:
    """``{word: {"filter", "search", "matches"}}`` plus ``{"(peers)": {"list", "like <word>"…}}``."""
    db = open_database(target, create=False) if not str(target).startswith("postgresql") else open_database(target)
    try:
        repo, library = Repository(db), Library(db)
        out: dict[str, dict[str, float]] = {}
        peers: dict[str, float] = {"list": median_ms(lambda: repo.sheet_ids(SheetFilter()), 7)}
        for word in WORDS:
            f = SheetFilter(text=word)
            out[word] = {"filter": median_ms(lambda: repo.sheet_ids(f), 7),
                         "search": median_ms(lambda: library.search_sheets(word, limit=50), 7),
                         "matches": float(len(repo.sheet_ids(f)))}
            peers[f"like {word}"] = median_ms(lambda: like_scan(db, word), 3)
        out["(peers)"] = peers
        out["(size)"] = {"sheets": float(repo.count_sheets())}
        return out
    finally:
        db.close()


def postgres(count: int, progress=print) -> dict[str, dict[str, float]] | None:
    """The same on a throwaway PostgreSQL server filled with ``count`` generated sheets (None without one)."""
    from tests.postgres import Unavailable, start_server

    try:
        server = start_server()
    except Unavailable as exc:
        progress(f"PostgreSQL: not measured ({exc})")
        return None
    try:
        url = server.url(server.create_database())
        db = open_database(url)
        try:
            repo = Repository(db)
            Library(db).ensure_seeds()
            progress(f"  generating {count} sheets on PostgreSQL …")
            generate(repo, count)
            with db.engine.begin() as conn:
                conn.execute(text("ANALYZE"))
        finally:
            db.close()
        return measure(url)
    finally:
        server.stop()


def report(name: str, measured: dict) -> str:
    peers = measured["(peers)"]
    lines = [f"{name}: {int(measured['(size)']['sheets']):,} sheets; list without filter {peers['list']:.1f} ms",
             f"  {'word':8}{'matches':>9}{'filter ms':>11}{'search ms':>11}{'LIKE scan ms':>14}"]
    for word in WORDS:
        m = measured[word]
        lines.append(f"  {word:8}{int(m['matches']):>9,}{m['filter']:>11.1f}{m['search']:>11.1f}"
                     f"{peers['like ' + word]:>14.1f}")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sheets", type=int, default=60_000)
    parser.add_argument("--data", type=Path, default=ROOT / "build" / "bench" / "search")
    parser.add_argument("--postgres", action="store_true", help="also on a throwaway PostgreSQL server")
    args = parser.parse_args()
    args.data.mkdir(parents=True, exist_ok=True)
    path = database(args.data / f"sheets-{args.sheets}.db", args.sheets)
    print(report("SQLite", measure(str(path))))
    if args.postgres:
        measured = postgres(args.sheets)
        if measured:
            print(report("PostgreSQL", measured))
    return 0


if __name__ == "__main__":
    sys.exit(main())
