"""New year onto a revised format: a definition workbook renames, adds and removes a field; the preview says
what moves where before anything is written; text and marks follow (fail closed)."""

from __future__ import annotations

import json

import pytest
from openpyxl import load_workbook

from desktop.app.export import Selection, export_report
from desktop.app.new_year import start_new_year
from desktop.cli import main
from desktop.reports.definition_workbook import SHEET_FIELDS, read_definition_workbook, write_definition_workbook
from desktop.store.repository import Repository, SheetFilter
from desktop.store.surveys import SurveyCatalog
from desktop.survey.field_map import Move
from desktop.survey.parts import Part
from desktop.survey.sheet import MarkData
from tests.factories import complete_sheet
from tests.postgres import BACKENDS

BACKGROUND = "海外の規制動向として甲社の非公開計画がある。"
OUTCOME = "成果として乙国との合意を目指す。"


@pytest.fixture(params=BACKENDS)
def db_backend(request):
    return request.param


def revised_workbook(survey, path):
    """background renamed to context (旧名 background), outcome removed, partners added."""
    write_definition_workbook(survey, path)
    wb = load_workbook(path)
    ws = wb[SHEET_FIELDS]
    for row in ws.iter_rows(min_row=2):
        if row[0].value == "background":
            row[0].value, row[1].value, row[8].value = "context", "施策の背景・必要性", "background"
    ws.delete_rows(next(r[0].row for r in ws.iter_rows(min_row=2) if r[0].value == "outcome"))
    ws.append(["partners", "協力機関", "任意", "text", "連携する機関を記載", None, None, None, None, None])
    wb.save(path)
    return path


def old_sheet(repo, survey):
    sheet = complete_sheet(survey)
    sheet.fields.update(background=BACKGROUND, outcome=OUTCOME)
    sheet.marks = [MarkData(reason="企業名", part=Part.field("background"), start=10, end=12),
                   MarkData(reason="交渉中", part=Part.field("outcome"), start=5, end=7)]
    return repo.create_sheet(sheet, author="府省庁")


def test_the_preview_says_what_moves_where_and_writes_nothing(repo, survey, tmp_path):
    old_sheet(repo, survey)
    onto = read_definition_workbook(revised_workbook(survey, tmp_path / "r8.xlsx"))
    result = start_new_year(repo, 2025, 2026, author="事務局", dry_run=True, onto=onto)
    [plan] = result.versions
    assert (plan.from_version, plan.to_version) == (1, 2)
    moves = {(f.move.move, f.move.old_key, f.move.new_key): f.sheets for f in plan.fields}
    assert moves[(Move.RENAMED, "background", "context")] == 1
    assert moves[(Move.NEW, None, "partners")] == 0
    assert moves[(Move.REMOVED, "outcome", None)] == 1
    assert moves[(Move.NOT_CARRIED, "results", "results")] == 1
    assert moves[(Move.SAME, "content", "content")] == 1
    assert repo.count_sheets(SheetFilter(year=2026)) == 0
    assert [i.latest for i in SurveyCatalog(repo.db).surveys()] == [1]


def test_text_and_marks_follow_the_renamed_field_and_the_removed_one_stays_withheld(repo, survey, tmp_path):
    old = old_sheet(repo, survey)
    onto = read_definition_workbook(revised_workbook(survey, tmp_path / "r8.xlsx"))
    [made] = start_new_year(repo, 2025, 2026, author="事務局", onto=onto).created
    fresh = Repository(repo.db)
    assert fresh.survey.version == 2 and fresh.survey.has_field("partners")
    new = fresh.get_sheet(made.sheet_id)
    assert new.survey_version == 2 and fresh.get_sheet(old.id).survey_version == 1
    assert new.fields["context"] == BACKGROUND and "background" not in new.fields
    assert new.fields["outcome"] == OUTCOME                       # removed from the form, kept on the sheet
    marks = {(str(m.part), m.text) for m in new.marks}
    assert marks == {("field:context", "甲社"), ("field:outcome", "乙国")}
    path = export_report(fresh, "xlsx", tmp_path / "public.xlsx", selection=Selection(year=2026),
                         include_unaccepted=True).path
    public = "\n".join(str(c) for ws in load_workbook(path).worksheets
                        for row in ws.iter_rows(values_only=True) for c in row if c is not None)
    assert "海外の規制動向として" in public and "甲社" not in public
    assert OUTCOME not in public and "乙国" not in public


def test_the_cli_previews_then_runs_onto_the_definition(capsys, db, survey, tmp_path):
    repo = Repository(db)
    old_sheet(repo, survey)
    book = revised_workbook(survey, tmp_path / "r8.xlsx")
    code = main(["--db", db.target, "new-year", "--from", "2025", "--definition", str(book), "--dry-run"])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert "調査票の第1版から第2版へ:" in out and "試行のため保存していません" in out
    line = next(l for l in out.splitlines() if l.startswith("施策が必要となる背景"))
    assert "施策の背景・必要性" in line and "名称を変えて引き継ぐ" in line and line.rstrip().endswith("1")
    assert any(l.startswith("目指す成果") and "廃止" in l for l in out.splitlines())
    assert repo.count_sheets(SheetFilter(year=2026)) == 0
    code = main(["--db", db.target, "new-year", "--from", "2025", "--definition", str(book), "--json"])
    out, err = capsys.readouterr()
    assert code == 0, err
    result = json.loads(out)
    assert len(result["created"]) == 1 and result["versions"][0]["to_version"] == 2
    assert {"move": "removed", "old_key": "outcome", "old_label": "目指す成果（定性的に記述）", "new_key": None,
            "new_label": None, "sheets": 1} in result["versions"][0]["fields"]
