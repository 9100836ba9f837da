"""The survey definition as a workbook the secretariat edits: round trip, and every mistake named by cell."""

from __future__ import annotations

import pytest
from openpyxl import load_workbook

from desktop.reports.definition_workbook import (SHEET_AREAS, SHEET_CHOICES, SHEET_FIELDS, SHEET_SETTINGS,
                                                  DefinitionWorkbookError, read_definition_workbook,
                                                  write_definition_workbook)
from desktop.survey.definition_data import definition_to_json
from desktop.survey.loader import parse_survey


def test_export_then_import_gives_the_same_definition(tmp_path, survey):
    path = write_definition_workbook(survey, tmp_path / "調査票.xlsx")
    back = read_definition_workbook(path)
    assert back == survey and definition_to_json(back) == definition_to_json(survey)
    wb = load_workbook(path)
    assert wb.sheetnames[:4] == [SHEET_SETTINGS, SHEET_FIELDS, SHEET_CHOICES, SHEET_AREAS]
    header = [c.value for c in wb[SHEET_FIELDS][1]]
    assert header[:9] == ["key", "入力項目", "入力区分", "kind", "記載内容", "文字数上限", "次年度へ引継ぎ",
                          "内部のみ", "旧名"]
    results = next(r for r in wb[SHEET_FIELDS].iter_rows(min_row=2, values_only=True) if r[0] == "results")
    assert results[1:4] == ("当年度の実績", "必須", "results") and results[6] == "いいえ"
    assert [r[3] for r in wb[SHEET_CHOICES].iter_rows(min_row=2, max_row=3, values_only=True)] == [
        "経済界・学術界・政府", "専門人材・サービス"]


def _edited(tmp_path, survey, edit):
    path = write_definition_workbook(survey, tmp_path / "in.xlsx")
    wb = load_workbook(path)
    edit(wb)
    wb.save(path)
    return path


def _row(ws, key):
    return next(row for row in ws.iter_rows(min_row=2) if row[0].value == key)


def test_a_renamed_a_new_and_a_removed_field_read_from_the_workbook(tmp_path, survey):
    def edit(wb):
        ws = wb[SHEET_FIELDS]
        row = _row(ws, "background")
        row[0].value, row[1].value, row[8].value = "context", "施策の背景・必要性", "background"
        ws.delete_rows(_row(ws, "outcome")[0].row)
        ws.append(["partners", "協力機関", "任意", "text", "連携する機関を記載", 300, "はい", "いいえ", None, None])

    revised = read_definition_workbook(_edited(tmp_path, survey, edit))
    assert revised.field("context").previous_keys == ("background",) and not revised.has_field("background")
    assert not revised.has_field("outcome") and revised.field("partners").max_length == 300
    assert revised.field("partners").carry_over and not revised.field("partners").required


def test_every_mistake_is_reported_by_sheet_row_and_column_and_nothing_is_returned(tmp_path, survey):
    def edit(wb):
        ws = wb[SHEET_FIELDS]
        _row(ws, "title")[2].value = "必ず"                 # 入力区分
        _row(ws, "content")[3].value = "memo"               # kind
        _row(ws, "outcome")[0].value = "background"         # a duplicate key
        _row(ws, "background")[5].value = "二百"             # 文字数上限
        _row(ws, "kpi")[6].value = "たぶん"                  # 次年度へ引継ぎ
        wb[SHEET_CHOICES].cell(3, 4).value = None           # a choice without its label
        wb[SHEET_AREAS].cell(3, 2).value = "戦略"            # a tier label that disagrees with the row above

    with pytest.raises(DefinitionWorkbookError) as caught:
        read_definition_workbook(_edited(tmp_path, survey, edit))
    text = str(caught.value)
    assert text.startswith("調査票の定義ブックに誤りがあります（何も取り込んでいません）")
    found = {str(p) for p in caught.value.problems}
    assert "「項目」シート 3行目 C列（入力区分）: 「必ず」は使えません（「必須」か「任意」）" in found
    assert any(p.startswith("「項目」シート 4行目 D列（kind）: 「memo」は使えません") for p in found)
    assert "「項目」シート 6行目 A列（key）: 「background」は5行目と重複しています" in found
    assert "「項目」シート 5行目 F列（文字数上限）: 正の整数を入力してください" in found
    assert any(p.startswith("「項目」シート 7行目 G列（次年度へ引継ぎ）: 「たぶん」は使えません") for p in found)
    assert "「選択肢」シート 3行目 D列（選択肢）: 入力してください" in found
    assert "「領域」シート 3行目 B列（区分）: 区分「strategic」の名称が2行目（「戦略領域」）と違います" in found
    assert len(found) == 7


def test_a_settings_key_that_names_no_field_is_refused_at_its_cell(tmp_path, survey):
    def edit(wb):
        _row(wb[SHEET_SETTINGS], "title_field")[2].value = "name"

    with pytest.raises(DefinitionWorkbookError) as caught:
        read_definition_workbook(_edited(tmp_path, survey, edit))
    assert [str(p) for p in caught.value.problems] == [
        "「設定」シート 8行目 C列（値）: 「name」は「項目」シートの key にありません"]


def test_a_file_that_is_not_a_workbook_is_refused(tmp_path):
    bad = tmp_path / "定義.xlsx"
    bad.write_bytes(b"not a zip")
    with pytest.raises(DefinitionWorkbookError, match="定義.xlsx"):
        read_definition_workbook(bad)


def test_the_shipped_toml_and_its_data_agree(survey):
    import tomllib
    from pathlib import Path

    assert parse_survey(survey.path, tomllib.loads(Path(survey.path).read_text(encoding="utf-8"))) == survey
