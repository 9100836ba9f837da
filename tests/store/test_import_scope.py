"""A returned form changes only the sheets of the ministry it was made for (both engines)."""

import openpyxl
import pytest

from desktop.app.export import apply_import, plan_import, write_template
from desktop.reports.errors import ReportError
from desktop.reports.form import SHEET_LIST
from desktop.store.repository import SheetFilter
from tests.reports.sheetkit import headers
from tests.reports.sheetkit import draft_sheet as sheet   # forms update sheets still being written


@pytest.fixture
def stored(repo):
    survey = repo.survey
    mine = sheet(survey, "総務省の施策", ministry="総務省", with_ids=False)
    theirs = sheet(survey, "外務省の施策", ministry="外務省", with_ids=False)
    mine, theirs = repo.save_sheets([mine, theirs])
    return {"mine": mine, "theirs": theirs}


def _form(repo, tmp_path, edit):
    """総務省's form with ``edit(ws, columns, row)`` applied to the row of its sheet."""
    path = tmp_path / "総務省.xlsx"
    write_template(repo, path, year=2025, ministry="総務省")
    wb = openpyxl.load_workbook(path)
    ws = wb[SHEET_LIST]
    cols = headers(ws)
    row = next(r for r in range(4, ws.max_row + 1) if ws.cell(r, cols["施策名"]).value == "総務省の施策")
    edit(ws, cols, row)
    wb.save(path)
    return path, row


def _snapshot(repo):
    return [(s.id, s.version, s.ministry, s.text("title"), s.text("content")) for s in repo.load_sheets(SheetFilter())]


def _refused(repo, path, cell, words):
    before = _snapshot(repo)
    plan = plan_import(repo, [path])
    assert [p.cell for p in plan.problems] == [cell], [str(p) for p in plan.problems]
    assert words in plan.problems[0].message
    with pytest.raises(ReportError):
        apply_import(repo, plan)
    assert _snapshot(repo) == before


def test_an_id_of_another_ministrys_sheet_is_refused(repo, stored, tmp_path):
    def edit(ws, cols, row):
        ws.cell(row, cols["ID"]).value = stored["theirs"].id
        ws.cell(row, cols["版"]).value = stored["theirs"].version
        ws.cell(row, cols["施策内容"]).value = "写した行"
    path, row = _form(repo, tmp_path, edit)
    _refused(repo, path, f"一覧!{_letter(path, 'ID')}{row}", "外務省の施策です")


def test_a_stale_version_is_refused(repo, stored, tmp_path):
    path, row = _form(repo, tmp_path, lambda ws, cols, row: ws.cell(row, cols["施策内容"]).__setattr__(
        "value", "調査票での変更"))
    changed = repo.get_sheet(stored["mine"].id)
    changed.fields["content"] = "アプリでの変更"
    repo.save_sheets([changed])
    _refused(repo, path, f"一覧!{_letter(path, '版')}{row}", "更新されています")
    assert repo.get_sheet(stored["mine"].id).text("content") == "アプリでの変更"


def test_a_forged_id_is_refused(repo, stored, tmp_path):
    path, row = _form(repo, tmp_path, lambda ws, cols, row: ws.cell(row, cols["ID"]).__setattr__("value", 987654))
    _refused(repo, path, f"一覧!{_letter(path, 'ID')}{row}", "データベースにありません")


def test_a_row_of_another_ministry_in_this_ministrys_form_is_refused(repo, stored, tmp_path):
    def edit(ws, cols, row):
        r = row + 1
        ws.cell(r, cols["No."]).value = 99
        ws.cell(r, cols["府省庁"]).value = "外務省"
        ws.cell(r, cols["施策名"]).value = "外務省の施策"
    path, row = _form(repo, tmp_path, edit)
    _refused(repo, path, f"一覧!{_letter(path, '府省庁')}{row + 1}", "総務省用")


def test_a_missing_id_updates_the_sheet_of_the_same_year_ministry_and_title(repo, stored, tmp_path):
    def edit(ws, cols, row):
        ws.cell(row, cols["ID"]).value = None
        ws.cell(row, cols["施策内容"]).value = "IDを消して変更"
    path, _ = _form(repo, tmp_path, edit)
    plan = plan_import(repo, [path])
    assert plan.problems == [] and plan.creates == []
    assert [p.sheet.id for p in plan.updates] == [stored["mine"].id]
    apply_import(repo, plan)
    assert repo.get_sheet(stored["mine"].id).text("content") == "IDを消して変更"
    assert len(repo.load_sheets(SheetFilter(text="総務省の施策"))) == 1


def _letter(path, label):
    ws = openpyxl.load_workbook(path)[SHEET_LIST]
    return openpyxl.utils.get_column_letter(headers(ws)[label])


def test_a_kpi_id_of_another_sheet_is_refused(repo, stored, tmp_path):
    path = tmp_path / "総務省.xlsx"
    write_template(repo, path, year=2025, ministry="総務省")
    wb = openpyxl.load_workbook(path)
    ws = wb["KPI"]
    cols = headers(ws)
    row = next(r for r in range(4, ws.max_row + 1) if ws.cell(r, cols["KPI ID"]).value)
    theirs_kpi = stored["theirs"].items[0].kpis[0].id
    ws.cell(row, cols["KPI ID"]).value = theirs_kpi
    wb.save(path)
    letter = openpyxl.utils.get_column_letter(cols["KPI ID"])
    _refused(repo, path, f"KPI!{letter}{row}", f"KPI ID {theirs_kpi} はこの施策の KPI ではありません")


def test_a_predecessor_id_of_another_ministrys_sheet_is_refused(repo, stored, tmp_path):
    def edit(ws, cols, row):
        r = row + 1
        ws.cell(r, cols["前年度ID"]).value = stored["theirs"].id
        ws.cell(r, cols["No."]).value = 98
        ws.cell(r, cols["施策名"]).value = "写した新しい行"
    path, row = _form(repo, tmp_path, edit)
    _refused(repo, path, f"一覧!{_letter(path, '前年度ID')}{row + 1}", "外務省の施策です")
