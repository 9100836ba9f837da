"""The search-quality query set (tests/sources/data/search_queries.toml) on both engines.

benchmarks/bench_search_quality.py prints the same figures; this keeps them from sliding back.
"""

from __future__ import annotations

from benchmarks.bench_search_quality import load_queries, measure, scores


def test_search_beats_plain_bigram_bm25_on_every_figure(db_target):
    measured = measure(load_queries(), db_target)
    results = measured["results"]
    assert len(results) >= 60
    ours, peer = scores(results, "ours"), scores(results, "peer")
    for figure in ("recall@1", "recall@5", "mrr"):
        assert ours[figure] > peer[figure], (figure, ours, peer)
    assert ours["recall@5"] >= 0.95 and ours["mrr"] >= 0.85, ours
    assert not [r["q"] for r in results if r["ours_empty"] and r["peer"] is not None]
