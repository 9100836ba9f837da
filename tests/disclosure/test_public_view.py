"""The public view's settings and the internal list of marks."""

from dataclasses import replace

from openpyxl import load_workbook

from desktop.disclosure.marks import describe_marks
from desktop.reports.model import build_report
from desktop.reports.xlsx_writer import SHEET_MARKS, write_xlsx
from desktop.survey.parts import Part
from desktop.survey.sheet import MarkData
from tests.reports.sheetkit import SECRET, cite, mark, sheet


def test_placeholder_comes_from_the_survey_definition(survey):
    s = sheet(survey, content="公開部分。" + SECRET)
    mark(s, "content", SECRET)
    custom = replace(survey, public_placeholder="■■（非開示）■■")
    text = build_report(custom, [s], "public").sections[0].field("content").text
    assert text == "公開部分。■■（非開示）■■"


def test_describe_marks_names_each_part(survey):
    s = sheet(survey, content="公開部分。" + SECRET)
    mark(s, "content", SECRET, reason="交渉中")
    mark(s, "title", reason="名称未定")
    kpi = s.items[0].kpis[0]
    s.marks.append(MarkData(reason="数値調整中", part=Part.kpi(kpi.key)))
    c = cite(s, "background", None, "引用した文", "出典：資料")
    s.marks.append(MarkData(reason="資料が未公表", part=Part.citation(c.key)))
    entries = describe_marks(survey, s)
    assert [(e.part, e.text, e.reason) for e in entries] == [
        ("施策内容", SECRET, "交渉中"), ("施策名", s.text("title"), "名称未定"),
        ("KPI", kpi.indicator, "数値調整中"), ("出典", "引用した文", "資料が未公表")]
    assert entries[0].line == f"非公開箇所1：「施策内容」の「{SECRET}」（理由：交渉中）"


def test_internal_excel_lists_marks_and_public_never_does(survey, tmp_path):
    s = sheet(survey, content="公開部分。" + SECRET)
    mark(s, "content", SECRET, reason="交渉中のため")
    internal = write_xlsx(build_report(survey, [s], "internal"), tmp_path / "internal.xlsx")
    wb = load_workbook(internal)
    assert SHEET_MARKS in wb.sheetnames
    rows = [[c.value for c in row] for row in wb[SHEET_MARKS].iter_rows(min_row=3)]
    assert rows == [[1, s.text("title"), "総務省", 1, "施策内容", SECRET, "交渉中のため"]]
    public = write_xlsx(build_report(survey, [s], "public"), tmp_path / "public.xlsx")
    assert SHEET_MARKS not in load_workbook(public).sheetnames
    assert build_report(survey, [s], "public").sections[0].marks == ()
