"""The library over a real database: seeds indexed once, search, citations, documents."""

from __future__ import annotations

import docx
import pytest
from sqlalchemy import text

from desktop.samples import build_demo
from desktop.sources.library import DocumentInUse, Library, SearchResults
from desktop.sources.readers import SourceReadError
from tests.factories import complete_sheet
from tests.sources.conftest import SEEDS, minimal_pdf


@pytest.fixture
def library(seeded_db):
    lib = Library(seeded_db)
    assert lib.ensure_seeds() == 0
    return lib


@pytest.fixture
def repo(seeded_db):
    from desktop.store.repository import Repository

    return Repository(seeded_db)


def test_seeds_are_indexed_once(library):
    docs = library.documents()
    assert sorted(d.file_name for d in docs) == sorted(SEEDS.values())
    assert all(d.passages > 5 for d in docs)
    assert library.ensure_seeds() == 0   # unchanged: nothing re-indexed


@pytest.mark.parametrize("query, document", [
    ("海外売上高を20兆円", SEEDS["000"]),
    ("フォローアップのフォーマット案", SEEDS["001"]),
    ("GPAI日本センター", SEEDS["002"]),
    ("分野横断的課題", SEEDS["003"]),
    ("経済インテリジェンス", SEEDS["004"]),
    ("量子", SEEDS["001"]),                 # two characters
])
def test_queries_find_their_document(library, query, document):
    hits = library.search(query, limit=30)
    assert hits.exact and document in {h.document for h in hits}
    for h in hits:
        highlighted = [h.snippet[s:e] for s, e in h.highlights] + \
            [h.heading_path[s:e] for s, e in h.heading_highlights]   # a heading holds the word: it is found too
        assert highlighted, h.snippet
        assert all(part for part in highlighted)


def test_full_and_half_width_find_the_same(library):
    half = [h.passage_id for h in library.search("WIPO", limit=50)]   # no passage holds "GII": it proved nothing
    assert half and half == [h.passage_id for h in library.search("ＷＩＰＯ", limit=50)]
    # 002 writes its years in full width digits: a half width query finds them
    hits = library.search("5年度補正", limit=50)
    assert any(h.document == SEEDS["002"] for h in hits)
    assert any("５年度補正" in h.snippet for h in hits)


def test_snippet_highlights_the_match(library):
    hit = library.search("海賊版", limit=1)[0]
    assert "【海賊版】" in hit.marked_snippet()
    assert hit.title and hit.heading_path


def test_several_words_mean_all_of_them(library):
    both = library.search("海賊版 正規版", limit=50)
    assert both and all("海賊版" in h.snippet or "正規版" in h.snippet for h in both)
    only_one = {h.passage_id for h in library.search("海賊版", limit=200)}
    assert {h.passage_id for h in both} <= only_one
    nothing = library.search("海賊版 フュージョン炉心の量子もつれ")
    assert not nothing.exact and nothing.total == 0   # closest passages only, and said so


@pytest.mark.parametrize("query", ['DX-推進', '"', "AND", "a*", "(", "NEAR(", "'; DROP TABLE passages; --", "   "])
def test_punctuation_never_raises(library, query):
    assert isinstance(library.search(query), SearchResults)


def test_html_never_reaches_display_text(library):
    for d in library.documents():
        for view in library.passages(d.file_name):
            assert "<ul>" not in view.text and "<p>" not in view.text and "**" not in view.text


def test_passage_ids_survive_reindexing(library, seeded_db):
    name = SEEDS["001"]
    before = {v.key: v.id for v in library.passages(name)}
    # force a re-index of the unchanged text
    with seeded_db.engine.begin() as conn:
        conn.execute(text("UPDATE documents SET content_hash = 'stale' WHERE file_name = :n"), {"n": name})
    assert library.ensure_seeds() == 1
    after = {v.key: v.id for v in library.passages(name)}
    assert after == before


def test_citation_reference_in_government_style(library):
    view = library.find_quote(SEEDS["001"], "新たな国際標準戦略に基づき、今後、国内外の政策や国際標準化動向について")
    assert view is not None
    citation = library.citation_for(view.id, "background", quoted_text="随時モニタリングを実施")
    assert citation.reference == (
        "出典：知的財産戦略推進事務局「「知的財産推進計画2026」の検討に向けた論点について」（令和7年11月）"
        "「今年度の取組③：戦略のモニタリング・フォローアップの実施」")
    assert citation.passage_id == view.id and citation.quoted_text == "随時モニタリングを実施"


def test_context_shows_neighbours_in_order(library):
    hit = library.search("フォローアップのフォーマット案", limit=1)[0]
    around = library.context(hit.passage_id, before=1, after=1)
    assert hit.passage_id in [v.id for v in around] and 2 <= len(around) <= 3


def test_search_over_sheets_uses_the_same_machinery(library, repo, survey):
    sheet = complete_sheet(survey, fiscal_year=2024)
    sheet.fields["content"] = "海賊版サイトの検知を強化する。"
    repo.create_sheet(sheet)
    hits = library.search_sheets("海賊版")
    assert [(h.fiscal_year, h.field_key) for h in hits] == [(2024, "content")]
    assert "海賊版" in hits[0].snippet
    assert len(library.search_sheets("海賊版", year=2025)) == 0


def test_add_docx_and_pdf_documents(library, tmp_path):
    d = docx.Document()
    d.add_heading("国際標準化の推進体制", level=1)
    d.add_paragraph("官民連携による推進体制を整備し、国際会議での提案を年間10件行う。")
    table = d.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text = "指標"
    table.rows[0].cells[1].text = "国際提案件数"
    path = tmp_path / "推進体制.docx"
    d.save(path)
    row = library.add_document(path, issuer="テスト省")
    assert row.origin == "user" and row.passages >= 1
    hit = library.search("国際提案件数")[0]
    assert hit.document == "推進体制.docx" and "国際標準化の推進体制" in hit.heading_path

    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(minimal_pdf([["Standards report"], ["Page two mentions interoperability testing."]]))
    library.add_document(pdf)
    view = library.passage(library.search("interoperability")[0].passage_id)
    assert view.page == 2 and "2ページ" in view.locator


@pytest.mark.parametrize("name, data", [
    ("broken.docx", b"PK\x03\x04 truncated"),
    ("broken.pdf", b"%PDF-1.4 garbage"),
    ("broken.txt", b"\xff\xfe\x00\x00\x80\x81" * 10 + b"\x00"),
])
def test_broken_file_adds_nothing(library, tmp_path, name, data):
    before = library.documents()
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(SourceReadError) as info:
        library.add_document(path)
    assert name in str(info.value)
    assert library.documents() == before


def test_cited_document_cannot_be_removed(repo, tmp_path):
    build_demo(repo)
    library = Library(repo.db)
    with pytest.raises(DocumentInUse) as info:
        library.remove_document(SEEDS["001"])
    assert "標準活用加速化支援事業による戦略領域・重要領域の取組支援" in info.value.sheets
    assert SEEDS["001"] in {d.file_name for d in library.documents()}
    library.remove_document(SEEDS["004"])   # nobody cites it
    assert SEEDS["004"] not in {d.file_name for d in library.documents()}
    assert all(h.document != SEEDS["004"] for h in library.search("経済インテリジェンス"))
