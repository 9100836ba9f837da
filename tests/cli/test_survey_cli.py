"""`sesaku-desk survey list|import|export` and `--survey KEY`: one database, several surveys."""

from __future__ import annotations

import json

from openpyxl import load_workbook

from desktop.cli import main
from desktop.reports.definition_workbook import SHEET_FIELDS, SHEET_SETTINGS
from desktop.store.repository import Repository
from desktop.store.surveys import SurveyCatalog
from tests.factories import complete_sheet


def run(capsys, *args):
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def _second_survey_workbook(capsys, db_target, tmp_path):
    """The shipped survey exported and edited into another survey (key other-followup) with one more field."""
    path = tmp_path / "other.xlsx"
    code, out, err = run(capsys, "--db", db_target, "survey", "export", str(path))
    assert code == 0, err
    assert "intl-standards-followup 第1版" in out
    wb = load_workbook(path)
    for row in wb[SHEET_SETTINGS].iter_rows(min_row=2):
        if row[0].value == "key":
            row[2].value = "other-followup"
        if row[0].value == "title":
            row[2].value = "別の戦略 フォローアップ調査票"
    wb[SHEET_FIELDS].append(["partners", "協力機関", "任意", "text", "連携する機関を記載", None, None, None, None, None])
    wb.save(path)
    return path


def test_a_second_survey_is_imported_listed_and_chosen_with_survey(capsys, db, tmp_path):
    db_target = db.target
    path = _second_survey_workbook(capsys, db_target, tmp_path)
    code, out, err = run(capsys, "--db", db_target, "survey", "import", str(path))
    assert code == 0, err
    assert "調査票「別の戦略 フォローアップ調査票」（other-followup）を第1版として取り込みました" in out
    code, out, _ = run(capsys, "--db", db_target, "survey", "import", str(path))
    assert code == 0 and "同じ内容の第1版が登録済みです" in out
    code, out, _ = run(capsys, "--db", db_target, "survey", "list", "--json")
    assert [(s["key"], s["latest"]) for s in json.loads(out)] == [("intl-standards-followup", 1), ("other-followup", 1)]

    repo = Repository(db, SurveyCatalog(db).definition("other-followup"))
    repo.create_sheet(complete_sheet(repo.survey, survey_key="other-followup", fields={"title": "別の施策"}))
    Repository(db).create_sheet(complete_sheet(Repository(db).survey))
    code, out, err = run(capsys, "--db", db_target, "--survey", "other-followup", "sheets", "list", "--json")
    assert code == 0, err
    assert [r["title"] for r in json.loads(out)] == ["別の施策"]
    code, out, err = run(capsys, "--db", db_target, "sheets", "list", "--json")
    assert [r["title"] for r in json.loads(out)] == ["広島AIプロセスの推進"]
    exported = tmp_path / "back.xlsx"
    code, out, err = run(capsys, "--db", db_target, "--survey", "other-followup", "survey", "export", str(exported))
    assert code == 0 and "other-followup 第1版" in out
    keys = [r[0] for r in load_workbook(exported)[SHEET_FIELDS].iter_rows(min_row=2, values_only=True)]
    assert keys[-1] == "partners"


def test_an_unknown_survey_key_exits_2_in_japanese(capsys, db):
    db_target = db.target
    code, _, err = run(capsys, "--db", db_target, "--survey", "nothing", "sheets", "list")
    assert code == 2 and err.startswith("エラー: 調査票「nothing」が見つかりません")


def test_a_workbook_with_mistakes_changes_nothing_and_names_the_cells(capsys, db, tmp_path):
    db_target = db.target
    path = _second_survey_workbook(capsys, db_target, tmp_path)
    wb = load_workbook(path)
    wb[SHEET_FIELDS].cell(2, 3).value = "必ず"
    wb[SHEET_FIELDS].cell(3, 4).value = "memo"
    wb.save(path)
    code, out, err = run(capsys, "--db", db_target, "survey", "import", str(path))
    assert code == 2 and out == ""
    assert "「項目」シート 2行目 C列（入力区分）" in err and "「項目」シート 3行目 D列（kind）" in err
    assert [(s.key, s.versions[0].created_at) for s in SurveyCatalog(db).surveys()] == [
        ("intl-standards-followup", None)]      # only the shipped one, not stored yet


def test_a_revised_version_says_what_changed(capsys, db, tmp_path):
    path = tmp_path / "v2.xlsx"
    assert run(capsys, "--db", db.target, "survey", "export", str(path))[0] == 0
    wb = load_workbook(path)
    for row in wb[SHEET_FIELDS].iter_rows(min_row=2):
        if row[0].value == "issues":
            row[0].value, row[8].value = "plan", "issues"
    wb.save(path)
    code, out, err = run(capsys, "--db", db.target, "survey", "import", str(path))
    assert code == 2 and "「設定」シート" in err and "「issues」は「項目」シートの key にありません" in err
    wb = load_workbook(path)
    for row in wb[SHEET_SETTINGS].iter_rows(min_row=2):
        if row[0].value == "issues_field":
            row[2].value = "plan"
    wb.save(path)
    code, out, err = run(capsys, "--db", db.target, "survey", "import", str(path))
    assert code == 0, err
    assert "第2版として取り込みました" in out and "第1版からの変更" in out
    line = next(line for line in out.splitlines() if line.startswith("進捗における課題"))
    assert "名称を変えて引き継ぐ" in line
