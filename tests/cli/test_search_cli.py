"""`sesaku-desk search`: the library and the sheets, with counts that say what was printed."""

from __future__ import annotations

import json

import pytest

from desktop.cli import main
from desktop.store.database import open_database
from desktop.store.repository import Repository
from tests.factories import complete_sheet


@pytest.fixture
def db_target(db_target):
    """The database, created (the CLI opens existing databases only)."""
    open_database(db_target).close()
    return db_target


def run(capsys, *args):
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_search_prints_the_top_and_how_many_match(capsys, db_target):
    code, out, _ = run(capsys, "--db", db_target, "search", "AI", "--limit", "3")
    assert code == 0
    assert out.count("■ ") == 3 and "【AI】" in out
    last = out.strip().splitlines()[-1]
    assert last.startswith("上位 3 件／全 ") and last.endswith(" 件")


def test_search_without_a_passage_holding_every_word_says_so(capsys, db_target):
    code, out, _ = run(capsys, "--db", db_target, "search", "日本発コンテンツの海外市場規模の目標はいくらか")
    assert code == 0
    assert out.startswith("完全に一致する箇所はありません。近い箇所:")
    code, out, _ = run(capsys, "--db", db_target, "search", "--json", "海賊版 フュージョン炉心")
    data = json.loads(out)
    assert data["exact"] is False and data["total"] == 0


def test_search_sheets_finds_short_words_and_other_spellings(capsys, db_target, survey):
    db = open_database(db_target)
    try:
        sheet = complete_sheet(survey, fiscal_year=2024)
        sheet.fields["content"] = "量子暗号の取り組みを強化する。"
        Repository(db).create_sheet(sheet)
    finally:
        db.close()
    code, out, _ = run(capsys, "--db", db_target, "search", "--sheets", "量子 取組")
    assert code == 0 and "【量子】暗号の【取り組】み" in out and "2024年度" in out
    assert out.strip().splitlines()[-1] == "全 1 件"
    code, out, _ = run(capsys, "--db", db_target, "search", "--sheets", "--year", "2025", "--json", "量子")
    assert json.loads(out)["hits"] == []


def test_kpi_candidates_print_targets_as_they_are_meant(capsys, db_target):
    code, out, _ = run(capsys, "--db", db_target, "kpi-candidates")
    assert code == 0
    gii = next(line for line in out.splitlines() if "グローバルイノベーション指数" in line)
    assert "4位以内" in gii and "下向き" in gii
    fans = next(line for line in out.splitlines() if "日本ファン" in line)
    assert "+10ポイント" in fans and "増加幅" in fans
    assert "億円" not in out                                   # no budget amount is a target
    code, out, _ = run(capsys, "--db", db_target, "kpi-candidates", "--json")
    found = json.loads(out)
    [rank] = [c for c in found if c["unit"] == "位"]
    assert (rank["qualifier"], rank["direction"], rank["target_kind"]) == ("within", "down", "level")
