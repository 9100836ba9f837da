"""Search quality over the five seeds: Sesaku Desk against a plain BM25 over character bigrams.

Run: .venv/bin/python -m benchmarks.bench_search_quality [--queries PATH] [--json PATH] [--misses]

The queries and the passage each one is after are test data
(tests/sources/data/search_queries.toml). Both sides search the same
passages of one database built in this run: ours through ``Library.search``
(the search box), the peer a textbook BM25 (k1 1.2, b 0.75) over the
overlapping two-character pieces of each passage's text (NFKC, lower case,
spaces removed), the query cut the same way, built here from the same rows.
A query is answered when a passage it is after is in the top 10. Prints
recall@1, recall@5 and MRR for both, per query class, the queries where ours
returns nothing although the baseline finds the passage, and the median time
per query.
"""

from __future__ import annotations

import argparse
import json
import math
import re
import statistics
import sys
import tempfile
import time
import tomllib
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from desktop.sources.library import Library  # noqa: E402
from desktop.search.searchform import fold  # noqa: E402
from desktop.store.database import open_database  # noqa: E402
from desktop.store.models import Document, Passage  # noqa: E402

QUERIES = ROOT / "tests" / "sources" / "data" / "search_queries.toml"
DEPTH = 10
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class Row:
    id: int
    seed: str          # "000".."004"
    text: str
    heading_path: str


def load_queries(path: Path = QUERIES) -> list[dict]:
    return tomllib.loads(path.read_text(encoding="utf-8"))["query"]


def relevant(query: dict, row: Row) -> bool:
    if row.seed != query["doc"]:
        return False
    if "needle" in query:
        return fold(query["needle"]) in fold(row.text)
    return fold(query["heading"]) in fold(row.heading_path)


class Bm25Bigrams:
    """The peer: BM25 over character bigrams of the passage text, nothing else."""

    K1, B = 1.2, 0.75

    def __init__(self, rows: list[Row]) -> None:
        self.rows = rows
        self.postings: dict[str, dict[int, int]] = defaultdict(dict)
        self.lengths: dict[int, int] = {}
        for row in rows:
            pieces = self.pieces(row.text)
            self.lengths[row.id] = len(pieces)
            for piece, n in Counter(pieces).items():
                self.postings[piece][row.id] = n
        self.mean = sum(self.lengths.values()) / max(1, len(self.lengths))

    @staticmethod
    def pieces(text: str) -> list[str]:
        norm = _SPACE.sub("", unicodedata.normalize("NFKC", text)).lower()
        return [norm] if len(norm) == 1 else [norm[i:i + 2] for i in range(len(norm) - 1)]

    def search(self, query: str, limit: int = DEPTH) -> list[int]:
        scores: dict[int, float] = defaultdict(float)
        n = len(self.rows)
        for piece in set(self.pieces(query)):
            docs = self.postings.get(piece, {})
            if not docs:
                continue
            idf = math.log(1 + (n - len(docs) + 0.5) / (len(docs) + 0.5))
            for rid, tf in docs.items():
                norm = 1 - self.B + self.B * self.lengths[rid] / self.mean
                scores[rid] += idf * tf * (self.K1 + 1) / (tf + self.K1 * norm)
        return [rid for rid, _ in sorted(scores.items(), key=lambda x: (-x[1], x[0]))[:limit]]


def _rank(ids: list[int], query: dict, rows: dict[int, Row]) -> int | None:
    for position, rid in enumerate(ids[:DEPTH], start=1):
        if relevant(query, rows[rid]):
            return position
    return None


def measure(queries: list[dict], target: Path | str) -> dict:
    """Both searches over the seeds indexed into ``target`` (a SQLite file or a PostgreSQL URL)."""
    db = open_database(target)
    try:
        library = Library(db)
        library.ensure_seeds()
        with db.sessions() as s:
            rows = {p.id: Row(p.id, p.file_name[:3], p.text, p.heading_path) for p in s.execute(
                Passage.__table__.select().with_only_columns(Passage.id, Passage.text, Passage.heading_path,
                                                              Document.file_name)
                .join_from(Passage, Document).where(Passage.ordinal >= 0)).all()}
        peer = Bm25Bigrams(list(rows.values()))
        results = []
        ours_ms, peer_ms = [], []
        for q in queries:
            library.search(q["q"], limit=DEPTH)   # warm the caches once, as a second keystroke would
            t0 = time.perf_counter()
            found = library.search(q["q"], limit=DEPTH)
            ours_ms.append((time.perf_counter() - t0) * 1000)
            t0 = time.perf_counter()
            theirs = peer.search(q["q"])
            peer_ms.append((time.perf_counter() - t0) * 1000)
            ours = [h.passage_id for h in found]
            results.append({"q": q["q"], "class": q["class"], "ours": _rank(ours, q, rows),
                            "peer": _rank(theirs, q, rows), "ours_empty": not ours, "exact": found.exact,
                            "top": [(rows[i].seed, rows[i].heading_path[-40:], rows[i].text[:40]) for i in ours[:3]]})
    finally:
        db.close()
    return {"results": results, "ours_ms": statistics.median(ours_ms), "peer_ms": statistics.median(peer_ms)}


def scores(results: list[dict], side: str) -> dict[str, float]:
    ranks = [r[side] for r in results]
    n = len(ranks)
    return {"recall@1": sum(1 for x in ranks if x == 1) / n,
            "recall@5": sum(1 for x in ranks if x is not None and x <= 5) / n,
            "mrr": sum(1 / x for x in ranks if x is not None) / n}


def report(measured: dict, misses: bool = False) -> str:
    results = measured["results"]
    ours, peer = scores(results, "ours"), scores(results, "peer")
    out = [f"{len(results)} queries; depth {DEPTH}",
           f"{'':28}{'recall@1':>10}{'recall@5':>10}{'MRR':>8}",
           f"{'Sesaku Desk':28}{ours['recall@1']:>10.3f}{ours['recall@5']:>10.3f}{ours['mrr']:>8.3f}",
           f"{'BM25 over bigrams (peer)':28}{peer['recall@1']:>10.3f}{peer['recall@5']:>10.3f}{peer['mrr']:>8.3f}",
           "", f"{'class':12}{'n':>4}{'ours r@5':>10}{'peer r@5':>10}{'ours MRR':>10}{'peer MRR':>10}"]
    by_class: dict[str, list[dict]] = defaultdict(list)
    for r in results:
        by_class[r["class"]].append(r)
    for name, group in by_class.items():
        o, p = scores(group, "ours"), scores(group, "peer")
        out.append(f"{name:12}{len(group):>4}{o['recall@5']:>10.2f}{p['recall@5']:>10.2f}{o['mrr']:>10.2f}"
                   f"{p['mrr']:>10.2f}")
    empty = [r["q"] for r in results if r["ours_empty"] and r["peer"] is not None]
    out.append("")
    out.append(f"queries where ours returns nothing but the peer finds the passage: {len(empty)}"
               + (f" ({', '.join(empty)})" if empty else ""))
    out.append(f"median time per query: ours {measured['ours_ms']:.1f} ms (SQLite index, ranking, snippets), "
               f"peer {measured['peer_ms']:.1f} ms (in memory)")
    if misses:
        out.append("")
        for r in results:
            if r["ours"] != 1:
                out.append(f"  [{r['class']}] {r['q']}: ours {r['ours']} peer {r['peer']} exact={r['exact']} "
                           f"top={r['top']}")
    return "\n".join(out)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--queries", type=Path, default=QUERIES)
    parser.add_argument("--json", type=Path)
    parser.add_argument("--misses", action="store_true", help="list the queries not answered at rank 1")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        measured = measure(load_queries(args.queries), Path(tmp) / "quality.db")
    print(report(measured, args.misses))
    if args.json:
        args.json.write_text(json.dumps(measured, ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
