"""A database whose seeds an earlier segmenter cut keeps every citation valid when they are cut again.

The fixture is a revision-0003 database (tests/store/make_fixtures.py) holding
the passages the segmenter of commit f1ea519 made of the five seeds
(tests/store/fixtures/seed-passages-f1ea519.json.gz) and citations of some of
them: of a sentence a page break cut in two, of a passage whose heading
changed, and of a passage from an older version of a seed that no longer
exists anywhere.
"""

from __future__ import annotations

import gzip
import json

import pytest
from sqlalchemy import text

from desktop.sources.library import Library
from desktop.search.searchform import fold
from desktop.store import fulltext
from desktop.store.database import open_database
from desktop.store.repository import Repository
from tests.store.make_fixtures import FIXTURES_DIR, make_fixture

OLD = FIXTURES_DIR / "seed-passages-f1ea519.json.gz"
GONE_TEXT = "（旧版）この段落は資料の以前の版にだけあったもので、今の資料にはない。"


def _old_documents() -> list[dict]:
    with gzip.open(OLD, "rt", encoding="utf-8") as f:
        return json.load(f)["documents"]


def _find(documents, seed: str, needle: str) -> tuple[int, str]:
    """(passage id in the fixture, its text) of the one old passage of a seed holding ``needle``."""
    for d_index, doc in enumerate(documents):
        if doc["file_name"].startswith(seed):
            hits = [(p_index, p) for p_index, p in enumerate(doc["passages"]) if needle in p[5]]
            assert len(hits) == 1, (seed, needle, len(hits))
            return _passage_id(d_index, hits[0][0]), hits[0][1][5]
    raise AssertionError(seed)


def _passage_id(d_index: int, p_index: int) -> int:
    return 1000 * (d_index + 1) + p_index


@pytest.fixture
def old_database(tmp_path):
    """The revision-0003 file, its seeds as the old segmenter cut them, citations of four of them."""
    path = tmp_path / "old.db"
    make_fixture(path, "0003")
    documents = _old_documents()
    cut_first, cut_first_text = _find(documents, "000", "司令塔機能の在り方につ")
    cut_second, cut_second_text = _find(documents, "000", "いて更なる明確化に向け検討していく")
    renested, renested_text = _find(documents, "003", "「国家投資」論の具体化")
    gone, _ = _find(documents, "004", "重要物資の安定確保において")
    quotes = {cut_first: "司令塔機能の在り方につ", cut_second: cut_second_text[:60],
              renested: renested_text[:40], gone: GONE_TEXT[:20]}
    from sqlalchemy import create_engine

    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as conn:
        for d_index, doc in enumerate(documents):
            conn.execute(text("INSERT INTO documents (id, file_name, title, issuer, issued, origin, content_hash, "
                              "added_at) VALUES (:id, :f, :t, :i, :d, 'seed', :h, '2025-04-01 09:00:00')"),
                         {"id": 10 + d_index, "f": doc["file_name"], "t": doc["title"], "i": doc["issuer"],
                          "d": doc["issued"], "h": doc["content_hash"]})
            for p_index, (key, ordinal, heading, start, end, body) in enumerate(doc["passages"]):
                pid = _passage_id(d_index, p_index)
                conn.execute(text("INSERT INTO passages (id, document_id, key, ordinal, heading_path, line_start, "
                                  "line_end, page, text, search_text) VALUES (:id, :doc, :k, :o, :h, :s, :e, NULL, "
                                  ":t, '')"),
                             {"id": pid, "doc": 10 + d_index, "k": "an-older-version" if pid == gone else key,
                              "o": ordinal, "h": heading, "s": start, "e": end,
                              "t": GONE_TEXT if pid == gone else body})
        for position, (pid, quote) in enumerate(quotes.items()):
            conn.execute(text("INSERT INTO citations (sheet_id, field_key, position, position_order, passage_id, "
                              "quoted_text, locator, created_at) VALUES (2, 'background', 0, :o, :p, :q, '旧の位置', "
                              "'2025-05-01 09:00:00')"), {"o": position + 1, "p": pid, "q": quote})
        from tests.store.make_fixtures import fill_search_index

        fill_search_index(conn)
    engine.dispose()
    return path, quotes, {"cut_first": cut_first, "cut_second": cut_second, "renested": renested, "gone": gone}


def test_cutting_the_seeds_again_keeps_every_citation(old_database):
    path, quotes, ids = old_database
    db = open_database(path)   # migrates 0003 → head
    try:
        library = Library(db)
        assert library.ensure_seeds() == 5          # the segmenter changed: every seed is cut again
        assert library.ensure_seeds() == 0          # and only once
        with db.engine.connect() as conn:
            rows = conn.execute(text("SELECT c.passage_id, c.quoted_text, c.locator, p.text, p.ordinal "
                                     "FROM citations c JOIN passages p ON p.id = c.passage_id")).all()
        assert len(rows) == len(quotes) + 1          # the fixture's own citation too, none lost
        by_quote = {r.quoted_text: r for r in rows}
        for pid, quote in quotes.items():
            row = by_quote[quote]                     # the quoted text is kept as staff quoted it
            assert fold(quote) in fold(row.text)      # and the passage cited holds it
            assert row.locator == "旧の位置"
        # the sentence the page break cut is one passage now, and both halves' citations point at it
        joined = by_quote[quotes[ids["cut_first"]]]
        assert by_quote[quotes[ids["cut_second"]]].passage_id == joined.passage_id
        assert "司令塔機能の在り方について更なる明確化" in joined.text and joined.ordinal >= 0
        # a passage whose heading changed keeps its row
        assert by_quote[quotes[ids["renested"]]].passage_id == ids["renested"]
        assert library.passage(ids["renested"]).heading_path.endswith("3. マクロ経済政策の意義の変化")
        # a passage no new text holds stays for its citation, hidden from search
        gone = by_quote[quotes[ids["gone"]]]
        assert gone.passage_id == ids["gone"] and gone.ordinal == -1 and gone.text == GONE_TEXT
        assert all(h.passage_id != ids["gone"] for h in library.search("以前の版にだけあった", limit=50))
        # the old rows of the moved citations stay (a sheet open elsewhere may still name them)
        assert library.passage(ids["cut_first"]).id == ids["cut_first"]
        # search works on the new passages, and the sheet still saves, its citations intact
        assert library.search("司令塔機能の在り方について更なる明確化").exact
        repo = Repository(db)
        sheet = repo.get_sheet(2)
        sheet.fields["issues"] = "再索引の後の追記"
        saved = repo.save_sheet(sheet)
        assert {c.quoted_text for c in saved.citations} >= set(quotes.values())
        with db.engine.connect() as conn:
            assert conn.execute(text("PRAGMA foreign_key_check")).all() == []
            assert conn.execute(text(f"SELECT count(*) FROM {fulltext.PASSAGES_FTS}")).scalar() > 0
    finally:
        db.close()
