"""Display text is markup-free; normalised text makes width and layout spaces irrelevant."""

from __future__ import annotations

import re

import pytest

from desktop.sources.text import display_text, normalize

from tests.sources.conftest import SEEDS, seed_segments

# Real HTML: a tag name of ASCII letters. Japanese labels such as
# <産業成長の土台形成> or <AIの関与程度（イメージ）> are text and may stay.
HTML_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]*)?/?>")
# A bullet left at a line start ("*:" is a footnote mark, not a bullet).
LEADING_GLYPH = re.compile(r"^(?:[-*+](?:\s|$)|[▶►◆◇○●■□▼▽➤➢✓✔•▪\ue000-\uf8ff])", re.MULTILINE)


@pytest.mark.parametrize("number", sorted(SEEDS))
def test_no_markup_reaches_display_text(number):
    for passage in seed_segments(number):
        assert not HTML_TAG.search(passage.text), passage.text[:200]
        assert "**" not in passage.text
        assert not re.search(r"&(?:lt|gt|amp|nbsp|quot|#\d+);", passage.text)
        assert not LEADING_GLYPH.search(passage.text), passage.text[:200]
        assert not re.search(r"^#+\s", passage.text, re.MULTILINE)


def test_html_table_cells_keep_their_words():
    texts = [p.text for p in seed_segments("003")]
    cell = next(t for t in texts if "高機能素材/精密部品を中心にグローバル(ニッチ)トップ領域が多数" in t)
    assert "グローバル市場でのプレゼンス | ・高機能素材" in cell
    assert "企業の大規模投資を中心に形成されるもの。" in "".join(texts)   # text inside <u>…</u>


@pytest.mark.parametrize("raw, shown", [
    ("<ul style=\"list-style-type: none\"> ➤ 項目一 ➤ 項目二</ul>", "・項目一 ・項目二"),
    ("<p>段落</p><br>次<u>強調</u>です", "段落 次強調です"),
    ("&lt;script&gt;alert(1)&lt;/script&gt;本文", "alert(1) 本文"),
    ("- **重要**な点", "・重要な点"),
    ("- ・二重の記号", "・二重の記号"),
    ("- ◆ 菱形", "・菱形"),
    ("▶ 三角", "・三角"),
    ("-\n- ", ""),
    ("- 1. 番号付き", "1. 番号付き"),
    ("- ① 丸数字", "① 丸数字"),
    ("- ➡毎月報告する", "➡毎月報告する"),
    ("#### 〇平デジタル大臣", "〇平デジタル大臣"),
    ("<https://www.jetro.go.jp/hrportal/>", "https://www.jetro.go.jp/hrportal/"),
    ("<産業成長の土台形成>", "<産業成長の土台形成>"),
    ("施策分類\t必須\t・選択", "施策分類 | 必須 | ・選択"),
    ("| ① AI・半導体 | ⑪ 創薬 |\n|---|---|", "① AI・半導体 | ⑪ 創薬"),
    ("・日本が議長国を務めたG7関連会合等の成果を踏まえ、広島\nAIプロセスを主導。", "・日本が議長国を務めたG7関連会合等の成果を踏まえ、広島AIプロセスを主導。"),
    ("短い見出し\n本文", "短い見出し\n本文"),
])
def test_display_text(raw, shown):
    assert display_text(raw) == shown


@pytest.mark.parametrize("a, b", [
    ("５年度", "5年度"),
    ("ＡＩ", "AI"),
    ("ai", "AI"),
    ("５０％以上", "50%以上"),
    ("担当大 臣", "担当大臣"),
    ("広島\nAIプロセス", "広島AIプロセス"),
    ("日本企業も強みを有する PETs", "日本企業も強みを有するPETs"),
])
def test_normalize_unifies(a, b):
    assert normalize(a) == normalize(b)


def test_normalize_keeps_spaces_between_latin_words():
    assert normalize("Privacy  Enhancing\tTechnologies") == "privacy enhancing technologies"


def test_full_width_query_finds_half_width_text_in_seeds():
    budget = [normalize(p.text) for p in seed_segments("002")]
    assert any(normalize("５年度") in t for t in budget)
    assert any(normalize("ＡＩプロセス") in t for t in budget)
