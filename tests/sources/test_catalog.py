"""The shipped catalog lists every seed with its citation data; a broken one says why in Japanese."""

from __future__ import annotations

import pytest

from desktop.paths import seeds_dir
from desktop.sources.catalog import CatalogError, load_catalog

from tests.sources.conftest import SEEDS


def test_catalog_lists_every_seed_file():
    entries = load_catalog()
    assert [e.file_name for e in entries] == sorted(SEEDS.values())
    assert {p.name for p in seeds_dir().glob("*.txt")} == set(SEEDS.values())
    assert all(e.path.is_file() and e.title for e in entries)


def test_catalog_entries_carry_what_a_citation_needs():
    by_name = {e.file_name: e for e in load_catalog()}
    ip = by_name[SEEDS["001"]]
    assert ip.title == "「知的財産推進計画2026」の検討に向けた論点について"
    assert ip.issuer == "知的財産戦略推進事務局"
    assert (ip.date, ip.issued) == ("令和7年11月", "2025-11")
    assert by_name[SEEDS["000"]].issued == "2025-09-19"
    assert by_name[SEEDS["003"]].issued == "2026-06"
    assert by_name[SEEDS["004"]].issued == "2025-05-23"
    budget = by_name[SEEDS["002"]]
    # Not stated in the document: empty, with the inference only in the note.
    assert (budget.issuer, budget.date, budget.issued) == ("", "", "")
    assert "総務省" in budget.note


def _catalog(tmp_path, body: str):
    (tmp_path / "a.txt").write_text("本文です。", encoding="utf-8")
    (tmp_path / "catalog.toml").write_text(body, encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize("body, reason", [
    ('[[document]]\nfile = "a.txt"\ntitle = "題"\nissued = "2025-13"\n', "issued"),
    ('[[document]]\nfile = "a.txt"\n', "title"),
    ('[[document]]\nfile = "missing.txt"\ntitle = "題"\n', "missing.txt"),
    ('[[document]]\nfile = "a.txt"\ntitle = "題"\n[[document]]\nfile = "a.txt"\ntitle = "題"\n', "2回"),
    ('[[document]\nfile = "a.txt"\n', "書式"),
    ('version = 1\n', "[[document]]"),
    ('[[document]]\nfile = "../a.txt"\ntitle = "題"\n', "ファイル名"),
])
def test_broken_catalog_is_refused_with_a_japanese_reason(tmp_path, body, reason):
    with pytest.raises(CatalogError) as info:
        load_catalog(_catalog(tmp_path, body))
    message = str(info.value)
    assert message.startswith("資料カタログ")
    assert reason in message


def test_missing_catalog_is_reported(tmp_path):
    with pytest.raises(CatalogError, match="ファイルがありません"):
        load_catalog(tmp_path)
