"""The report's tables: the summary by 施策分類 and area, the list of all KPIs, each measure's grid by year."""

import docx
import openpyxl
import pytest

from desktop.reports.docx_writer import write_docx
from desktop.reports.model import LABEL_KPI_LIST, LABEL_SUMMARY, build_report
from desktop.reports.summary import build_summary, counts, kpi_grid, kpi_list
from desktop.reports.xlsx_summary import SHEET_SUMMARY
from desktop.reports.xlsx_writer import write_xlsx
from desktop.survey.parts import Part
from desktop.survey.progress import KpiStatus
from desktop.survey.sheet import Direction, KpiData, MarkData
from tests.reports.sheetkit import package_text, sheet

SECRET_VALUE = "98765.4321"     # this year's actual of a KPI, withheld (no width or id in the package reads so)


@pytest.fixture
def sheets(survey):
    codes = [c.code for c in survey.choices]
    a = sheet(survey, "あ施策", classification=codes[0])
    b = sheet(survey, "い施策", classification=codes[2], ministry="内閣府")
    b.areas = [survey.areas[0].code, survey.areas[3].code]
    kpi = b.items[0].kpis[0]
    kpi.actuals = {2024: "1", 2025: SECRET_VALUE}
    b.marks.append(MarkData(reason="個社の数値", part=Part.kpi(kpi.key, "actual:2025")))
    b.items[0].kpis.append(KpiData(indicator="相談件数", unit="件", direction=Direction.DOWN, baseline_value="100", baseline_year=2023,
                                   target_value="50", target_year=2027, actuals={2024: "150", 2025: "200"}, id=4711))
    return [a, b]


def _row(table, label):
    return next(r for r in table.rows if r.label == label)


def test_summary_counts_what_the_report_prints(survey, sheets):
    placeholder = survey.public_placeholder
    public, internal = (build_summary(build_report(survey, sheets, a)) for a in ("public", "internal"))
    area0, area3 = survey.areas[0].label, survey.areas[3].label
    # Columns: 施策数, KPI数, 達成, 順調, 遅れ, データなし (and 非公開 in the public version).
    # Internal: the withheld actual counts as what it is (98765.4321 of a target of 5: 達成).
    assert counts(internal, internal.classifications.total) == [2, 3, 1, 1, 1, 0]
    # Public: that KPI counts as a KPI, its 進捗 under 非公開, never under a 進捗.
    assert counts(public, public.classifications.total) == [2, 3, 0, 1, 1, 0, 1]
    assert counts(public, _row(public.areas, area0)) == [2, 3, 0, 1, 1, 0, 1]
    assert counts(public, _row(public.areas, area3)) == [1, 2, 0, 0, 1, 0, 1]
    # Every area of the survey is listed, with zeros; the total counts each measure once.
    assert [r.label for r in public.areas.rows] == [a.label for a in survey.areas]
    assert public.areas.total.measures == 2
    assert [r.label for r in public.ministries.rows] == sorted(["内閣府", "総務省"])
    entries = kpi_list(build_report(survey, sheets, "public"))
    withheld = next(e for e in entries if e.title == "い施策" and e.row.indicator == "プロジェクト実施件数")
    assert withheld.row.actual == placeholder and withheld.row.progress == placeholder
    assert placeholder not in [s.label for s in KpiStatus]


def test_grid_shows_the_years_and_withholds_with_the_placeholder(survey, sheets):
    placeholder = survey.public_placeholder
    report = build_report(survey, sheets, "public")
    grid = kpi_grid(next(s for s in report.sections if s.heading == "い施策"))
    assert grid is not None and grid.years == (2024, 2025)
    withheld, shown = grid.lines
    assert withheld.values == ("1", placeholder) and withheld.rates is None    # a rate would give it away
    assert shown.values == ("150", "200") and shown.rates is not None and all(shown.rates)
    internal = kpi_grid(next(s for s in build_report(survey, sheets, "internal").sections if s.heading == "い施策"))
    assert internal.lines[0].values == ("1", "98,765.4321") and internal.lines[0].rates == ("20%", "1,975,308.6%")


def _docx_tables(path):
    doc = docx.Document(str(path))
    return [[[c.text for c in row.cells] for row in t.rows] for t in doc.tables]


def test_public_word_prints_summary_list_and_grid_without_the_withheld_value(survey, sheets, tmp_path):
    placeholder = survey.public_placeholder
    path = write_docx(build_report(survey, sheets, "public"), tmp_path / "public.docx", charts=False)
    assert SECRET_VALUE not in package_text(path)
    doc = docx.Document(str(path))
    headings = [p.text for p in doc.paragraphs if p.style.name.startswith("Heading 1")]
    assert headings[0] == LABEL_SUMMARY and headings[-1].endswith(LABEL_KPI_LIST)
    found = _docx_tables(path)
    summary = [t for t in found if t[0][1:3] == ["施策数", "KPI数"]]
    assert len(summary) == 2 and summary[0][0][-1] == "非公開"
    assert summary[0][-1] == ["合計", "2", "3", "0", "1", "1", "0", "1"]
    kpi_list_table = next(t for t in found if t[0][0] == "施策\n番号")
    withheld = next(r for r in kpi_list_table[1:] if r[3] == "プロジェクト実施件数" and r[1] == "い施策")
    assert withheld[7] == placeholder and withheld[8] == placeholder and withheld[9] == placeholder
    grids = [t for t in found if t[0][2:4] == ["令和6年度", "令和7年度"]]
    lines = [r for g in grids for r in g[1:]]
    # The withheld year prints the placeholder, and no 達成率 (it would give the value away) …
    assert ["プロジェクト実施件数（件）", "0\n（令和5年度）", "1", placeholder, "5\n（令和9年度）"] in lines
    # … while a KPI that may be shown has its 達成率 under each actual.
    assert ["相談件数（件）", "100\n（令和5年度）", "150\n（33.3%）", "200\n（25%）", "50\n（令和9年度）"] in lines


def test_public_excel_prints_summary_and_kpi_list_without_the_withheld_value(survey, sheets, tmp_path):
    placeholder = survey.public_placeholder
    path = write_xlsx(build_report(survey, sheets, "public"), tmp_path / "public.xlsx")
    assert SECRET_VALUE not in package_text(path)
    book = openpyxl.load_workbook(path)
    summary = list(book[SHEET_SUMMARY].iter_rows(min_row=2, values_only=True))
    header, total = summary[0], dict(zip(summary[0], summary[-1]))
    assert "非公開" in header and "提出済" not in header               # no workflow figures in public
    assert total["区分"] == "合計" and total["KPI数"] == 3 and total["非公開"] == 1 and total["達成"] == 0
    rows = list(book[LABEL_KPI_LIST].iter_rows(min_row=2, values_only=True))
    values = [dict(zip(rows[0], r)) for r in rows[1:]]
    withheld = next(v for v in values if v["施策名"] == "い施策" and v["指標"] == "プロジェクト実施件数")
    assert withheld["当年度実績"] == placeholder and withheld["達成率"] == placeholder
    assert withheld["進捗"] == placeholder and withheld["施策番号"] == 2
    shown = next(v for v in values if v["指標"] == "相談件数")
    assert shown["当年度実績"] == 200 and shown["進捗"] == "遅れ"


def test_internal_excel_counts_the_withheld_kpi_and_shows_status(survey, sheets, tmp_path):
    path = write_xlsx(build_report(survey, sheets, "internal"), tmp_path / "internal.xlsx")
    summary = list(openpyxl.load_workbook(path)[SHEET_SUMMARY].iter_rows(min_row=2, values_only=True))
    header, total = summary[0], dict(zip(summary[0], summary[-1]))
    assert "非公開" not in header and total["確定"] == 2 and total["達成"] == 1 and total["KPI数"] == 3


def _withheld_value_sheet(survey):
    s = sheet(survey, "値を伏せた施策", with_ids=False)
    kpi = s.items[0].kpis[0]
    kpi.actuals = {2024: "1", 2025: SECRET_VALUE}
    s.marks.append(MarkData(reason="個社の数値", part=Part.kpi(kpi.key, "actual:2025")))
    return s


@pytest.mark.parametrize("fmt", ["docx", "xlsx"])
def test_public_export_passes_the_leak_check_with_the_tables(repo, tmp_path, fmt):
    from desktop.app.export import Selection, export_report

    repo.save_sheets([_withheld_value_sheet(repo.survey), sheet(repo.survey, "もう一つの施策", with_ids=False)])
    result = export_report(repo, fmt, tmp_path / f"public.{fmt}", selection=Selection(year=2025))
    assert result.checked and result.sheet_count == 2
    text = package_text(result.path)
    assert SECRET_VALUE not in text and repo.survey.public_placeholder in text
    if fmt == "xlsx":
        book = openpyxl.load_workbook(result.path)
        rows = list(book[LABEL_KPI_LIST].iter_rows(min_row=3, values_only=True))
        assert [r[7] for r in rows if r[1] == "値を伏せた施策"] == [repo.survey.public_placeholder]
        total = list(book[SHEET_SUMMARY].iter_rows(values_only=True))[-1]
        assert total[-1] == 1          # 非公開: the withheld KPI's 進捗
