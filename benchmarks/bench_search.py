"""Search over the five seeds plus generated sheets, against a plain LIKE scan.

Run: .venv/bin/python benchmarks/bench_search.py [--sheets 10000]
Prints the median per query kind for the full-text index and for LIKE over
the same rows, measured in the same run, and the ratio between them.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import text  # noqa: E402

from benchmarks.datagen import generate  # noqa: E402
from desktop.sources.library import Library  # noqa: E402
from desktop.store.database import open_database  # noqa: E402
from desktop.store.repository import Repository  # noqa: E402

QUERIES = ["海賊版", "AI", "国際標準", "コンテンツ 海外", "半導体", "認証機関", "標準化 人材", "量子"]


def median_ms(fn, repeat: int = 5) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times)


def like_scan(db, query: str) -> int:
    """The peer: every word LIKE-matched over all passages and sheet fields (no ranking)."""
    words = query.split()
    where_p = " AND ".join(f"text LIKE :w{i}" for i in range(len(words)))
    where_f = " AND ".join(f"value LIKE :w{i}" for i in range(len(words)))
    params = {f"w{i}": f"%{w}%" for i, w in enumerate(words)}
    with db.engine.connect() as conn:
        a = conn.execute(text(f"SELECT id FROM passages WHERE {where_p}"), params).all()
        b = conn.execute(text(f"SELECT id FROM sheet_fields WHERE {where_f}"), params).all()
    return len(a) + len(b)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sheets", type=int, default=10_000)
    parser.add_argument("--reuse", type=Path, help="keep the generated database here and reuse it next time")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = args.reuse or Path(tmp) / "bench.db"
        fresh = not path.exists()
        db = open_database(path)
        repo, library = Repository(db), Library(db)
        t0 = time.perf_counter()
        library.ensure_seeds()
        if fresh:
            generate(repo, args.sheets)
        print(f"setup: seeds + {repo.count_sheets()} sheets in {time.perf_counter() - t0:.1f} s")
        fts, like = [], []
        print(f"{'query':<16}{'index ms':>10}{'LIKE ms':>10}{'ratio':>8}")
        for q in QUERIES:
            a = median_ms(lambda: (library.search(q, limit=50), library.search_sheets(q, limit=50)))
            b = median_ms(lambda: like_scan(db, q))
            fts.append(a)
            like.append(b)
            print(f"{q:<16}{a:>10.1f}{b:>10.1f}{b / a:>8.1f}")
        m_fts, m_like = statistics.median(fts), statistics.median(like)
        print(f"median: index {m_fts:.1f} ms, LIKE {m_like:.1f} ms, index is {m_like / m_fts:.1f}x faster")
        db.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
