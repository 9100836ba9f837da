"""Search that finds what staff mean: one folding for index and query, headings, the fallback, sheets."""

from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st

from desktop.sources.library import Library
from desktop.search.query import parse
from desktop.search.searchform import fold, fold_mapped
from desktop.store.repository import SheetFilter
from tests.factories import complete_sheet
from tests.sources.conftest import SEEDS


# -- the folding ---------------------------------------------------------------------------

@pytest.mark.parametrize("one, other", [
    ("ＡＩ戦略", "AI戦略"),
    ("ワット・ビット連携", "ワットビット連携"),
    ("ソブリン・ウェルス・ファンド", "ソブリン ウェルス ファンド"),
    ("約6,000億円", "約6000億円"),
    ("3ヶ月", "3カ月"), ("3か月", "3箇月"), ("5カ国", "5か国"), ("2箇所", "2か所"),
    ("取り組み方針", "取組方針"), ("引き上げる", "引上げる"), ("問い合わせ先", "問合せ先"),
    ("とりまとめ", "取りまとめ"), ("わが国の", "我が国の"),
    ("國際標準", "国際標準"), ("隨時", "随時"), ("戰略", "戦略"), ("強靭化", "強靱化"), ("經濟產業", "経済産業"),
    ("サーバー", "サーバ"), ("2033 年までに20 兆円", "2033年までに20兆円"),
])
def test_what_a_reader_treats_as_the_same_folds_the_same(one, other):
    assert fold(one) == fold(other)


@pytest.mark.parametrize("one, other", [
    ("国の施策", "国施策"),       # a particle is never dropped
    ("1.5兆円", "15兆円"),        # a decimal point stays
    ("ケーブル", "かーブル"),      # ケ is a counter only between a number and 月/所/国
])
def test_what_differs_stays_apart(one, other):
    assert fold(one) != fold(other)


def test_okurigana_before_punctuation_are_kept():
    """「立ち上げ、官民」: the comma ends the word, so the query 立ち上げ is still found."""
    assert fold("立ち上げ") in fold("委員会を立ち上げ、官民連携による")


_TEXT = st.text(alphabet=st.sampled_from(list("取り組み引上げ國隨戰靱靭ヶカケ月所国0123456789,.・ 　"
                                              "ＡＩａｉAIサーバー「」（）、。の施策海賊版デジタル\u3099")), max_size=40)


@settings(max_examples=300, deadline=None)
@given(_TEXT)
def test_highlighting_folds_exactly_as_the_index_does(text):
    folded, origins = fold_mapped(text)
    assert folded == fold(text)
    assert len(origins) == len(folded)
    assert all(0 <= o < len(text) for o in origins) and origins == sorted(origins)


def test_query_words_bring_their_stems_and_thesaurus_words():
    term = parse("取り組み").terms[0]
    assert "取組" in term.forms()                      # finds 取組 and 取組方針 too
    piracy = parse("不正流通").terms[0]
    assert fold("海賊版") in piracy.forms() and piracy.alternatives[0].form == fold("不正流通")
    assert [t.form for t in parse("Open RAN 5G").terms] == ["openran", "5g"]   # a Latin name is one word


def test_staff_extend_the_thesaurus_without_a_release(tmp_path, monkeypatch):
    own = tmp_path / "thesaurus.toml"
    own.write_text('[[group]]\nwords = ["ムーンショット", "月面着陸級の挑戦"]\n', encoding="utf-8")
    monkeypatch.setenv("SESAKU_THESAURUS", str(own))
    assert fold("月面着陸級の挑戦") in parse("ムーンショット").terms[0].forms()
    own.write_text("[[group]\nbroken", encoding="utf-8")   # a broken file is ignored, search goes on
    assert parse("ムーンショット").terms[0].forms() == (fold("ムーンショット"),)


# -- the library ----------------------------------------------------------------------------

@pytest.fixture
def library(seeded_db):
    lib = Library(seeded_db)
    lib.ensure_seeds()
    return lib


@pytest.mark.parametrize("query, needle", [
    ("取組 地域一体", "地域一体となった取組"),
    ("施策案 とりまとめ", "取りまとめさせていただいた"),
    ("年間6000億円", "年間6,000億円以上の支援"),
    ("12ヶ月平均", "12カ月平均の施工高"),
    ("経済産業政策新機軸部会", "經濟產業政策新機軸部会"),
    ("再生資源 強靭化", "サプライチェーンの強靱化"),
    ("ワットビット連携", "「ワット・ビット連携」"),
    ("不正流通 普及啓発", "海賊版被害"),
    ("デジタル赤字", "デジタル関連収支"),
])
def test_a_word_in_another_spelling_finds_the_passage(library, query, needle):
    results = library.search(query, limit=10)
    assert results.exact
    assert any(needle in library.passage(h.passage_id).text for h in results)


def test_section_titles_and_speakers_are_searchable_below_the_body(library):
    open_ran = library.search("Open RAN", limit=100)
    assert open_ran.exact and open_ran.total >= 40
    under = [h for h in open_ran if "Open RAN" in h.heading_path]
    assert under and any("Open RAN" not in library.passage(h.passage_id).text for h in under)
    assert under[0].heading_highlights
    speaker = library.search("平デジタル大臣", limit=5)
    assert speaker.exact and {h.heading_path for h in speaker} == {"〇平デジタル大臣"}
    # a passage that says 海賊版 in its text ranks above one that is only under a 海賊版 heading
    piracy = library.search("海賊版", limit=30)
    in_body = [i for i, h in enumerate(piracy) if "海賊版" in library.passage(h.passage_id).text]
    only_heading = [i for i, h in enumerate(piracy) if "海賊版" not in library.passage(h.passage_id).text]
    assert in_body and (not only_heading or min(in_body) < min(only_heading))


def test_no_passage_holding_every_word_gives_the_closest_labelled_as_such(library):
    results = library.search("日本発コンテンツの海外市場規模の目標はいくらか", limit=10)
    assert not results.exact and results.total == 0 and not results.truncated
    assert results and all(not h.exact for h in results)
    assert any("2033年までに20兆円" in library.passage(h.passage_id).text for h in results[:5])


def test_counts_say_what_they_are(library):
    top = library.search("AI", limit=5)
    assert len(top) == 5 and top.total > 50 and top.truncated
    assert library.search("AI", limit=500).total == top.total


def test_a_phrase_cut_by_a_page_break_is_found(library):
    hits = library.search("司令塔機能の在り方について更なる明確化", limit=3)
    assert hits.exact and hits[0].document == SEEDS["000"]


# -- sheets: the same search, through the index for one and two characters ------------------------------

@pytest.fixture
def sheets(library, seeded_db, survey):
    from desktop.store.repository import Repository

    repo = Repository(seeded_db)
    texts = {
        "ＡＩを活用した審査の効率化": "生成AIの利活用を進める。",
        "量子技術の国際標準化": "量子暗号通信の取り組みを強化する。",
        "海賊版対策の強化": "不正流通サイトの検知に取組む。６，０００件を削除した。",
    }
    ids = {}
    for title, content in texts.items():
        sheet = complete_sheet(survey, fiscal_year=2025)
        sheet.fields = {key: "所管課で検討する。" for key in sheet.fields}
        sheet.fields["title"], sheet.fields["content"] = title, content
        ids[title] = repo.create_sheet(sheet).id
    return repo, ids


@pytest.mark.parametrize("query, titles", [
    ("AI", {"ＡＩを活用した審査の効率化"}),
    ("ａｉ", {"ＡＩを活用した審査の効率化"}),
    ("量子", {"量子技術の国際標準化"}),
    ("量", {"量子技術の国際標準化"}),
    ("取組 強化", {"量子技術の国際標準化", "海賊版対策の強化"}),   # 取り組み and 取組む
    ("6000件", {"海賊版対策の強化"}),
    ("不正流通 海賊版", {"海賊版対策の強化"}),
    ("国際標準 AI", set()),
])
def test_the_list_filter_is_the_same_search(sheets, query, titles):
    repo, ids = sheets
    found = {r.title for r in repo.list_sheets(SheetFilter(text=query))}
    assert found == titles
    assert repo.count_sheets(SheetFilter(text=query)) == len(titles)


def test_sheet_search_finds_fields_and_falls_back(library, sheets):
    hits = library.search_sheets("量子暗号")
    assert hits.exact and [h.field_key for h in hits] == ["content"]
    near = library.search_sheets("量子暗号の審査")
    assert not near.exact and near and all(not h.exact for h in near)


def test_an_edit_moves_the_sheet_in_and_out_of_the_filter(sheets):
    repo, ids = sheets
    sheet = repo.get_sheet(ids["海賊版対策の強化"])
    sheet.fields["content"] = "ＡＩで検知する。"
    repo.save_sheet(sheet)
    assert {r.title for r in repo.list_sheets(SheetFilter(text="AI"))} == {"ＡＩを活用した審査の効率化", "海賊版対策の強化"}
    assert repo.count_sheets(SheetFilter(text="6000件")) == 0


def test_the_window_starts_without_the_search_modules():
    """The folding tables and the thesaurus load with the first search, not at start-up."""
    import subprocess
    import sys

    code = ("import sys; import desktop.ui.app; "
            "print(','.join(m for m in ('desktop.search.searchform', 'desktop.search.query', "
            "'desktop.sources.ranking') if m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == ""


def test_the_filter_follows_every_write_of_short_words(sheets):
    """A word of one or two characters is found per sheet (on PostgreSQL: the sheet-level grams); a save
    that moves it between fields, removes it, empties the field or purges the sheet is seen at once."""
    repo, ids = sheets
    quantum = repo.get_sheet(ids["量子技術の国際標準化"])
    quantum.fields["content"] = "ＡＩで暗号を解く。"
    repo.save_sheet(quantum)
    assert set(repo.sheet_ids(SheetFilter(text="AI"))) == {ids["ＡＩを活用した審査の効率化"], quantum.id}
    assert set(repo.sheet_ids(SheetFilter(text="量子"))) == {quantum.id}      # still in its title
    quantum = repo.get_sheet(quantum.id)
    quantum.fields["content"] = ""
    quantum.fields["title"] = "暗号技術の国際標準化"
    repo.save_sheet(quantum)
    assert repo.sheet_ids(SheetFilter(text="AI")) == [ids["ＡＩを活用した審査の効率化"]]
    assert repo.sheet_ids(SheetFilter(text="量子")) == []
    assert repo.sheet_ids(SheetFilter(text="暗号")) == [quantum.id]
    assert repo.sheet_ids(SheetFilter(text="AI 暗号")) == []                 # two words: both in one sheet
    if repo.db.dialect == "postgresql":   # what a save writes per sheet is what the field rows add up to
        from sqlalchemy import text

        with repo.db.engine.connect() as conn:
            kept = conn.execute(text("SELECT sheet_id, grams FROM search_sheet_grams ORDER BY sheet_id")).all()
            union = conn.execute(text("SELECT f.sheet_id, array_agg(DISTINCT c ORDER BY c) FROM search_field_grams f "
                                      "CROSS JOIN LATERAL unnest(f.grams) c GROUP BY f.sheet_id ORDER BY 1")).all()
        assert kept == union
    repo.set_deleted(ids["ＡＩを活用した審査の効率化"], True)
    assert repo.sheet_ids(SheetFilter(text="AI")) == []
    assert repo.sheet_ids(SheetFilter(text="AI", only_deleted=True)) == [ids["ＡＩを活用した審査の効率化"]]
    repo.set_deleted(ids["ＡＩを活用した審査の効率化"], False)
    assert repo.sheet_ids(SheetFilter(text="ａｉ")) == [ids["ＡＩを活用した審査の効率化"]]
    repo.set_deleted(ids["ＡＩを活用した審査の効率化"], True)
    repo.purge_sheets([ids["ＡＩを活用した審査の効率化"]])
    assert repo.sheet_ids(SheetFilter(text="AI", include_deleted=True)) == []
