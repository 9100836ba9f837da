"""Passages of the real seeds: hand-checked heading paths, sensible sizes, stable keys."""

from __future__ import annotations

import pytest

from desktop.sources.segment import segment

from tests.sources.conftest import SEEDS, passage_with, seed_segments, seed_text

FOLLOW_UP = "今年度の取組③：戦略のモニタリング・フォローアップの実施"
BRACKET_2 = ("[２]Open RANを含む5G、ICTソリューション、放送コンテンツ、郵便、消防、行政相談等の海外展開、"
             "国際海底ケーブルの敷設・保守体制の強化")
PART_V = "Ⅴ 国際競争力の強化、国際連携の深化に向けた先導的取組の推進"


# -- heading paths, checked by reading the seeds -------------------------------------------

def test_follow_up_section_of_001():
    """The section the survey format comes from (FORMAT.md)."""
    monitoring = passage_with("001", "新たな国際標準戦略に基づき、今後、国内外の政策や国際標準化動向について")
    assert monitoring.heading_path == ("3. 新たな国際標準戦略の策定・ルール形成の促進", FOLLOW_UP)

    table = passage_with("001", "施策が必要となる背景")
    assert FOLLOW_UP in table.heading_path
    assert table.heading_path[-1] == "【フォローアップのフォーマット案】"
    assert table.text.startswith("【フォローアップのフォーマット案】\n入力項目 | 入力区分 | 記載内容")
    assert "公開範囲に関する希望 | 任意" in table.text
    assert table.line_start < table.line_end


def test_chapters_of_001_come_from_the_repeated_agenda_slide():
    """Only the first agenda slide marks its chapter (**); later ones follow in order."""
    assert passage_with("001", "コーポレートガバナンス・コード改訂により、上場企業は").heading_path == (
        "1. 知財・無形資産への投資促進による価値創造", "コーポレートガバナンス・コード改革の実質化")
    target = passage_with("001", "2033年に海外売上高を20兆円とする政府目標の達成のためには")
    assert target.heading_path == ("5. コンテンツ戦略の推進", "コンテンツ産業の競争力強化・拡大に向けて",
                                   "①人材育成における取組", "現状と課題")
    assert passage_with("001", "知財計画2026の策定に向けて、議論すべき重要な項目").heading_path[0] == \
        "6. 本日ご議論いただきたいこと"


def test_speakers_of_000_are_siblings_whatever_their_markdown_level():
    """# 〇赤澤…, ## 〇野原…, #### 〇平… are all speakers: the shape decides, not the # count."""
    assert passage_with("000", "デジタル庁では本年5月").heading_path == ("〇平デジタル大臣",)
    assert passage_with("000", "日本発コンテンツの海外市場規模を2033年までに20兆円").heading_path == \
        ("〇野中文部科学副大臣",)
    assert passage_with("000", "以上をもって、本日の会議を終了する").heading_path == ("〇赤澤新しい資本主義担当大臣",)
    assert passage_with("000", "首相官邸2階小ホール").heading_path == ("(開催要領)",)


def test_scrambled_page_headers_of_002_are_put_in_order():
    first = passage_with("002", "日本が2023年の議長国を務めたG7関連会合等")
    assert first.heading_path == (
        PART_V,
        "[１]「広島AIプロセス」をはじめとするAIに関する国際的な議論をリード",
        "（１）G7広島AIプロセス主導後の継続的なAIに関する国際的なルール形成等への貢献",
    )
    broadcast = passage_with("002", "放送法の規定に基づき")
    assert broadcast.heading_path[0] == PART_V
    assert BRACKET_2 in broadcast.heading_path          # wrapped over two lines, joined again
    assert broadcast.heading_path[-1] == "（４）国際放送の実施"
    metaverse = passage_with("002", "G7デジタル・技術閣僚宣言において")
    assert metaverse.heading_path[-2:] == ("[３]民主的なメタバースの実現", "（１）民主的なメタバースの実現")


def test_slide_titles_and_labels_of_003_and_004():
    assert passage_with("003", "グローバル競争の勝敗を分ける決定因子").heading_path == \
        ("2. グローバル競争型産業", "日本のグローバル産業の競争力")
    # Chapter 3's agenda slides list its sub-items: the expanded chapter is the current one.
    es = [p for p in seed_segments("003") if "ESの供給は、人々の生活維持に不可欠" in p.text]
    assert es and all(p.heading_path[0] == "3. 新技術立国・競争力強化" for p in es)
    data = passage_with("004", "コンソーシアムを作ってデータ連携を行う")
    assert data.heading_path[-2:] == ("産業バリューチェーン強化について", "<データ連携・利活用>")
    assert passage_with("004", "日本やEUが中心となり").heading_path[-1] == "国際連携及び国際経済秩序の再構築について"


# -- shape of the passages -----------------------------------------------------------------

@pytest.mark.parametrize("number", sorted(SEEDS))
def test_passages_are_readable_and_locate_their_lines(number):
    text = seed_text(number)
    lines = text.split("\n")
    passages = seed_segments(number)
    assert passages
    assert [p.ordinal for p in passages] == list(range(len(passages)))
    sizes = sorted(len(p.text) for p in passages)
    assert sizes[len(sizes) // 2] >= 40            # median passage is readable
    assert sizes[-1] <= 1200                       # nothing absurdly long (tables up to 1200)
    for p in passages:
        assert 1 <= p.line_start <= p.line_end <= len(lines)
        assert p.raw == "\n".join(lines[p.line_start - 1:p.line_end])
        assert p.page is None
        assert p.text.strip()
    starts = [p.line_start for p in passages]
    assert starts == sorted(starts)


def test_long_bullet_groups_are_cut_at_line_ends():
    long_block = "\n".join(f"- 項目{i}について、関係省庁が連携して具体的な取組を進める必要がある。" for i in range(40))
    passages = segment(long_block)
    assert len(passages) > 1
    assert all(len(p.text) <= 600 for p in passages)
    assert all(p.text.endswith("。") for p in passages)


def test_pages_are_carried_and_passages_do_not_span_pages():
    text = "最初のページの本文です。これは十分な長さの文章になっています。\n\n次のページの本文です。これも十分な長さの文章になっています。"
    passages = segment(text, pages=[1, 1, 2])
    assert [(p.page, p.line_start) for p in passages] == [(1, 1), (2, 3)]
    with pytest.raises(ValueError):
        segment(text, pages=[1])


# -- stable keys ---------------------------------------------------------------------------------

@pytest.mark.parametrize("number", sorted(SEEDS))
def test_keys_are_stable_and_unique(number):
    again = segment(seed_text(number))
    assert [p.key for p in again] == [p.key for p in seed_segments(number)]
    assert len({p.key for p in again}) == len(again)


@pytest.mark.parametrize("number", sorted(SEEDS))
def test_keys_survive_a_paragraph_inserted_at_the_top(number):
    inserted = "これは文書の先頭に後から追加された、内容とは関係のない段落です。引用の位置が変わらないことを確かめます。\n\n"
    before = {p.key: p for p in seed_segments(number)}
    after = {p.key: p for p in segment(inserted + seed_text(number))}
    assert set(before) <= set(after)
    for key, passage in before.items():
        assert after[key].text == passage.text
        assert after[key].line_start == passage.line_start + 2


def test_keys_survive_an_edit_elsewhere():
    text = seed_text("004")
    edited = text.replace("重要物資の安定確保において", "重要物資の安定的な確保において")
    before = {p.key for p in seed_segments("004")}
    after = {p.key for p in segment(edited)}
    assert len(before - after) == 1            # only the edited passage got a new key
