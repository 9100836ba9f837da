"""Issue 13, the survey form: whatever a ministry does to the returned form, a withheld passage is withheld in
the public Word, Excel and CSV, or the export refuses saying why (sheet, field, text); in none is it printed.

Each test stores a sheet, writes the pre-filled form, changes it as a person in Excel would, imports it
into the database and exports the public report in every format.
"""

from __future__ import annotations

import openpyxl
import pytest

from desktop.app.export import Selection, export_report
from desktop.disclosure.package import read_units
from desktop.disclosure.reader_form import reader_form
from desktop.reports.errors import DisclosureRefused
from desktop.reports.form import HEADER_ROW, SHEET_KPI, SHEET_LIST, write_form
from desktop.reports.form_import import read_forms
from desktop.survey.parts import Part
from desktop.survey.sheet import CitationData, MarkData
from tests.factories import complete_sheet
from tests.reports.sheetkit import fill, headers

SECRET = "電機・自動車の2団体と協議中である。"
TITLE = "非公開を含む施策"
ISSUES = "進捗における課題と解決の方向性（計画）"


def stored(repo, survey, **fields):
    s = complete_sheet(survey)
    s.fields.update({"title": TITLE, **fields})
    return s


def marked(s, key, text, reason="交渉中"):
    at = s.fields[key].index(text)
    s.marks.append(MarkData(reason=reason, part=Part.field(key), start=at, end=at + len(text)))


def round_trip(repo, survey, tmp_path, rows, kpis, *, year=2025, strip=()):
    """Write the form of the stored sheets, let a person change it, import it; the plan (already saved)."""
    sheets = repo.load_sheets()
    path = write_form(survey, sheets, tmp_path / "調査票.xlsx", ministry=None, year=year)
    if strip:
        wb = openpyxl.load_workbook(path)
        for ws in (wb[SHEET_LIST], wb[SHEET_KPI]):
            for label in strip:
                if label in headers(ws):
                    ws.cell(HEADER_ROW, headers(ws)[label]).value = None
        wb.save(path)
    fill(path, rows, kpis)
    plan = read_forms(survey, [path], {s.id: s for s in sheets})
    assert plan.problems == []
    repo.save_sheets(plan.sheets_to_save(), author="府省")
    return plan


def public(repo, tmp_path, year=2025):
    """format → ("written", what a reader reads in the file) or ("refused", the message)."""
    out = {}
    for fmt in ("docx", "xlsx", "csv"):
        target = tmp_path / f"公開.{fmt}"
        try:
            export_report(repo, fmt, target, selection=Selection(year=year), include_unaccepted=True)
        except DisclosureRefused as exc:
            assert not target.exists()
            out[fmt] = ("refused", str(exc))
        else:
            out[fmt] = ("written", "\n".join(reader_form(u.text) for u in read_units(target)))
    return out


def assert_not_printed(outputs, passage, *, refused_naming=None):
    """In no format is the passage printed; a refusal names what a person has to look at."""
    for fmt, (what, text) in outputs.items():
        if what == "written":
            assert reader_form(passage) not in text, fmt
            assert refused_naming is None, (fmt, "should have been refused")
        else:
            assert refused_naming is not None, (fmt, text)
            for words in refused_naming:
                assert words in text, (fmt, words, text)


def test_markers_typed_in_the_form_are_withheld_everywhere(repo, survey, tmp_path):
    repo.save_sheets([stored(repo, survey, content="公開する文。" + SECRET)])
    round_trip(repo, survey, tmp_path, [{"施策内容": f"公開する文。【非公開】{SECRET}【/非公開】"}],
               [{"非公開": "KPI全体", "指標": "Ω社向け件数"}])
    [s] = repo.load_sheets()
    assert s.text("content") == "公開する文。" + SECRET
    outputs = public(repo, tmp_path)
    assert_not_printed(outputs, SECRET)
    assert_not_printed(outputs, "Ω社向け件数")
    assert "公開する文" in outputs["docx"][1]


def test_kpi_and_citation_marks_survive_the_form(repo, survey, tmp_path):
    s = stored(repo, survey)
    kpi = s.items[0].kpis[0]
    kpi.indicator, kpi.data_source = "Ω社との実証件数", "Ω社の内部報告"
    s.citations.append(CitationData(field_key="content", passage_id=None, quoted_text="Ω白書の一文",
                                    reference="出典：Ω白書（非公表）", position=3))
    s.marks += [MarkData(reason="個社", part=Part.kpi(kpi.key))]
    [saved] = repo.save_sheets([s])
    saved.marks.append(MarkData(reason="許諾なし", part=Part.citation(saved.citations[0].key)))
    repo.save_sheets([saved])
    plan = round_trip(repo, survey, tmp_path, [], [])
    assert plan.updates == [] and [w for w in plan.warnings if "非公開" in w.message] == []
    [after] = repo.load_sheets()
    assert {m.part.kind.value for m in after.marks} == {"kpi", "citation"} and not any(m.unplaced for m in after.marks)
    outputs = public(repo, tmp_path)
    for passage in ("Ω社との実証件数", "Ω社の内部報告", "Ω白書"):
        assert_not_printed(outputs, passage)


def test_a_passage_moved_to_another_field_stays_withheld(repo, survey, tmp_path):
    repo.save_sheets([stored(repo, survey, content="前半。" + SECRET, issues="課題。")])
    [s] = repo.load_sheets()
    marked(s, "content", SECRET)
    repo.save_sheets([s])
    round_trip(repo, survey, tmp_path, [{"施策内容": "前半。", ISSUES: "課題。" + SECRET}], [])
    [after] = repo.load_sheets()
    assert [m.part for m in after.marks] == [Part.field("issues")]
    assert_not_printed(public(repo, tmp_path), SECRET)


def test_a_passage_moved_into_a_kpi_refuses_naming_the_sheet_field_and_text(repo, survey, tmp_path):
    repo.save_sheets([stored(repo, survey, content="前半。" + SECRET)])
    [s] = repo.load_sheets()
    marked(s, "content", SECRET)
    repo.save_sheets([s])
    plan = round_trip(repo, survey, tmp_path, [{"施策内容": "前半。"}], [{"指標の出典": SECRET}])
    assert any("非公開の確認が必要" in w.message for w in plan.warnings)
    assert_not_printed(public(repo, tmp_path), SECRET, refused_naming=(TITLE, "施策内容", SECRET[:20]))


def test_a_kpi_renamed_in_a_form_without_ids_is_never_silently_public(repo, survey, tmp_path):
    s = stored(repo, survey)
    s.items[0].kpis[0].indicator = "Ω社との実証件数"
    s.marks.append(MarkData(reason="個社", part=Part.kpi(s.items[0].kpis[0].key)))
    repo.save_sheets([s])
    plan = round_trip(repo, survey, tmp_path, [], [{"指標": "Ω社との実証の件数"}],
                      strip=("ID", "前年度ID", "版", "KPI ID", "実施項目ID", "非公開"))
    assert any("KPI「Ω社との実証件数」" in w.message and "非公開の確認が必要" in w.message for w in plan.warnings)
    outputs = public(repo, tmp_path)
    assert_not_printed(outputs, "Ω社との実証件数", refused_naming=(TITLE, "KPI", "Ω社との実証件数"))


@pytest.mark.parametrize("request_text", ["「『GPAI日本センター』の部分は非公開を希望します」",
                                          "“GPAI日本センター”は公表しないでください。"])
def test_a_request_in_the_disclosure_column_refuses_until_a_person_marks_it(repo, survey, tmp_path, request_text):
    repo.save_sheets([stored(repo, survey, content="GPAI日本センターを立ち上げる。")])
    plan = round_trip(repo, survey, tmp_path, [{"公開範囲に関する希望": request_text}], [])
    assert any("GPAI日本センター" in w.message for w in plan.warnings)
    assert_not_printed(public(repo, tmp_path), "GPAI日本センター",
                       refused_naming=(TITLE, "施策内容", "GPAI日本センター", "非公開の確認が必要"))


def test_next_years_form_keeps_last_years_marks(repo, survey, tmp_path):
    s = stored(repo, survey, content="前半。" + SECRET)
    marked(s, "content", SECRET)
    s.marks.append(MarkData(reason="個社", part=Part.kpi(s.items[0].kpis[0].key)))
    s.items[0].kpis[0].indicator = "Ω社との実証件数"
    repo.save_sheets([s])
    plan = round_trip(repo, survey, tmp_path, [], [], year=2026)
    assert len(plan.creates) == 1 and [w for w in plan.warnings if "非公開" in w.message] == []
    outputs = public(repo, tmp_path, year=2026)
    assert_not_printed(outputs, SECRET)
    assert_not_printed(outputs, "Ω社との実証件数")
