"""Search over the five seeds plus generated sheets, against a plain LIKE scan.

Run: .venv/bin/python benchmarks/bench_search.py [--sheets 10000] [--reuse PATH]
Prints the median per query kind for the full-text index and for LIKE over
the same rows, measured in the same run, and the ratio between them.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import text  # noqa: E402

from benchmarks.datagen import database  # noqa: E402
from benchmarks.timing import median_ms  # noqa: E402
from desktop.sources.library import Library  # noqa: E402
from desktop.store.database import open_database  # noqa: E402

QUERIES = ["海賊版", "AI", "国際標準", "コンテンツ 海外", "半導体", "認証機関", "標準化 人材", "量子"]


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


def index_search(library: Library, query: str) -> None:
    """What the search box does: top 50 passages and top 50 sheets, ranked, with snippets."""
    library.search(query, limit=50)
    library.search_sheets(query, limit=50)


def measure(path: Path) -> dict[str, dict[str, float]]:
    """Median milliseconds per query: ``{query: {"index": ms, "like": ms}}``."""
    db = open_database(path, create=False)
    try:
        library = Library(db)
        return {q: {"index": median_ms(lambda: index_search(library, q)), "like": median_ms(lambda: like_scan(db, q))}
                for q in QUERIES}
    finally:
        db.close()


def medians(per_query: dict[str, dict[str, float]]) -> tuple[float, float]:
    """(index, LIKE): the median over the queries of each one's median."""
    return (statistics.median(v["index"] for v in per_query.values()),
            statistics.median(v["like"] for v in per_query.values()))


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sheets", type=int, default=10_000)
    parser.add_argument("--reuse", type=Path, help="keep the generated database here and reuse it next time")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        per_query = measure(database(args.reuse or Path(tmp) / "bench.db", args.sheets))
    print(f"{'query':<16}{'index ms':>10}{'LIKE ms':>10}{'ratio':>8}")
    for q, v in per_query.items():
        print(f"{q:<16}{v['index']:>10.1f}{v['like']:>10.1f}{v['like'] / v['index']:>8.1f}")
    m_fts, m_like = medians(per_query)
    print(f"median: index {m_fts:.1f} ms, LIKE {m_like:.1f} ms, index is {m_like / m_fts:.1f}x faster")
    return 0


if __name__ == "__main__":
    sys.exit(main())
