"""KPI progress in the reports: 達成率 and 進捗 columns, the chart in Word, the 集計 sheet."""

from __future__ import annotations

import zipfile

import docx
import openpyxl
from lxml import etree

from desktop.reports.docx_writer import write_docx
from desktop.reports.kpi_chart import CONTENT_TYPE, chart_xml, has_chart, year_labels
from desktop.reports.model import KPI_HEADERS, KPI_PROGRESS_HEADERS, build_report
from desktop.reports.xlsx_summary import SHEET_SUMMARY
from desktop.reports.xlsx_writer import SHEET_KPI, write_xlsx
from desktop.samples import build_demo
from desktop.store.overview import year_overview
from desktop.store.repository import SheetFilter
from desktop.survey.progress import KpiStatus, kpi_series
from desktop.survey.parts import Part
from desktop.survey.sheet import Direction, KpiData, MarkData
from desktop.survey.wareki import format_fiscal_year
from tests.reports.sheetkit import sheet

NS = {"w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
      "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
      "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
      "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
      "c": "http://schemas.openxmlformats.org/drawingml/2006/chart"}


def test_report_model_carries_progress_and_chart_data(survey):
    row = build_report(survey, [sheet(survey)], "internal").sections[0].kpis[0]
    assert (row.progress, row.rate) == ("順調", "60%（令和7年度）")
    assert row.series.actuals == ((2024, 1), (2025, 3))
    assert row.series.progress.status is KpiStatus.ON_TRACK


def _chart_parts(z: zipfile.ZipFile) -> list[etree._Element]:
    """The chart parts the document's inline charts point at, in document order."""
    body = etree.fromstring(z.read("word/document.xml"))
    rels = {r.get("Id"): r.get("Target") for r in etree.fromstring(z.read("word/_rels/document.xml.rels"))}
    types = etree.fromstring(z.read("[Content_Types].xml"))
    overrides = {o.get("PartName"): o.get("ContentType") for o in types}
    out = []
    for chart in body.iterfind(".//wp:inline/a:graphic/a:graphicData/c:chart", NS):
        target = "word/" + rels[chart.get(f"{{{NS['r']}}}id")]
        assert overrides["/" + target] == CONTENT_TYPE
        out.append(etree.fromstring(z.read(target)))
    return out


def test_word_kpi_table_has_rate_and_status_and_a_chart(survey, tmp_path):
    s = sheet(survey)
    path = write_docx(build_report(survey, [s], "internal"), tmp_path / "r.docx")
    d = docx.Document(str(path))
    table = next(t for t in d.tables if t.rows[0].cells[0].text.replace("\n", "") == KPI_HEADERS[0])
    header = [c.text.replace("\n", "") for c in table.rows[0].cells]
    assert header[-2:] == list(KPI_PROGRESS_HEADERS)
    cells = [c.text for c in table.rows[1].cells]
    assert cells[-1] == "順調" and cells[-2].startswith("60%")

    # The chart is a chart part (vectors, drawn in the document's font), inline under the KPI table:
    # the actuals by fiscal year, written as the survey writes years.
    with zipfile.ZipFile(path) as z:
        [chart] = _chart_parts(z)
        assert not [n for n in z.namelist() if n.startswith("word/media/")]
    actual = chart.find(".//c:ser", NS)
    assert actual.find("c:tx//c:v", NS).text == "実績"
    years = [v.text for v in actual.iterfind("c:cat//c:pt/c:v", NS)]
    values = {years[int(p.get("idx"))]: p.find("c:v", NS).text for p in actual.iterfind("c:val//c:pt", NS)}
    assert values == {"令和6年度": "1", "令和7年度": "3"}
    assert chart.find(".//c:valAx/c:numFmt", NS).get("formatCode") == "#,##0"
    paragraphs = [p.text for p in d.paragraphs]
    assert any(t.startswith("図　プロジェクト実施件数（順調）") for t in paragraphs)
    assert len(d.inline_shapes) == 1


def test_chart_years_are_short_only_when_the_axis_is_crowded():
    assert year_labels([2024, 2025, 2026], 16) == ["令和6年度", "令和7年度", "令和8年度"]
    assert year_labels(list(range(2018, 2031)), 16)[:2] == ["H30", "R1"]
    assert year_labels([2024, 2025, 2026, 2027, 2028], 7.9)[0] == "R6"


def test_every_chart_is_its_own_part_and_every_reference_resolves(survey, tmp_path):
    """Many sheets: one chart part per chart, every r:id resolves to a chart part of the right type."""
    sheets = [sheet(survey, f"施策{i}") for i in range(5)]
    for i, s in enumerate(sheets):
        s.items[0].kpis[0].actuals = {2024: "1", 2025: str(i % 3 + 1)}
    path = write_docx(build_report(survey, sheets, "internal"), tmp_path / "r.docx")
    with zipfile.ZipFile(path) as z:
        charts = _chart_parts(z)
        names = sorted(n for n in z.namelist() if n.startswith("word/charts/"))
    assert len(charts) == 5 and len(names) == 5
    assert len(docx.Document(str(path)).inline_shapes) == 5


def test_withheld_kpis_and_kpis_without_numbers_get_no_chart(survey, tmp_path):
    s = sheet(survey)
    kpi = s.items[0].kpis[0]
    s.marks.append(MarkData(reason="交渉中", part=Part.kpi(kpi.key)))
    public = build_report(survey, [s], "public")
    assert public.sections[0].kpis[0].series is None
    path = write_docx(public, tmp_path / "public.docx")
    assert len(docx.Document(str(path)).inline_shapes) == 0
    qualitative = KpiData(indicator="定性的な指標", quantitative=False, target_value="体制の整備")
    assert not has_chart(kpi_series(qualitative, 2025))


def test_excel_kpi_sheet_has_yearly_rates_and_status(survey, tmp_path):
    s = sheet(survey)
    report = build_report(survey, [s], "internal")
    path = write_xlsx(report, tmp_path / "r.xlsx")
    rows = list(openpyxl.load_workbook(path)[SHEET_KPI].iter_rows(values_only=True))
    header, first = rows[1], rows[2]
    values = dict(zip(header, first))
    assert values["令和6年度達成率（%）"] == 20 and values["令和7年度達成率（%）"] == 60
    assert values["進捗"] == "順調"


def test_decreasing_kpi_rate_in_excel(survey, tmp_path):
    s = sheet(survey)
    s.items[0].kpis[0] = KpiData(indicator="海賊版アクセス数", unit="億", direction=Direction.DOWN, baseline_value="2",
                                 baseline_year=2024, target_value="1", target_year=2028,
                                 actuals={2024: "2", 2025: "1.9"}, id=99)
    path = write_xlsx(build_report(survey, [s], "internal"), tmp_path / "r.xlsx")
    rows = list(openpyxl.load_workbook(path)[SHEET_KPI].iter_rows(values_only=True))
    values = dict(zip(rows[1], rows[2]))
    assert values["令和7年度達成率（%）"] == 52.6 and values["進捗"] == "遅れ"


def test_summary_sheet_counts_match_the_overview_on_demo_data(repo, tmp_path):
    build_demo(repo)
    year = max(repo.years())
    sheets = repo.load_sheets(SheetFilter(survey_key=repo.survey.key, year=year))
    overview = year_overview(repo, year)
    report = build_report(repo.survey, sheets, "internal")
    path = write_xlsx(report, tmp_path / "r.xlsx", overview=overview)
    book = openpyxl.load_workbook(path)
    assert SHEET_SUMMARY in book.sheetnames
    rows = list(book[SHEET_SUMMARY].iter_rows(values_only=True))
    header = rows[1]
    table = [dict(zip(header, r)) for r in rows[2:]]
    ministries = [r for r in table if r["区分"] == "府省庁"]
    assert [r["名称"] for r in ministries] == [m.ministry for m in overview.ministries]
    for r, m in zip(ministries, overview.ministries):
        assert r["施策数"] == m.sheets and r["エラーあり"] == m.with_errors
        assert [r[s.label] for s in KpiStatus] == [m.kpis.of(s) for s in KpiStatus]
    total = table[-1]
    assert total["区分"] == "合計" and total["施策数"] == overview.sheets == len(sheets)
    assert total["遅れ"] == overview.kpis.behind and total["KPI数"] == overview.kpis.total
    areas = [r for r in table if r["区分"] == repo.survey.areas_label]
    assert [(r["名称"], r["施策数"]) for r in areas] == [(g.label, g.measures) for g in overview.areas]
    # Without an overview the 集計 sheet has the same counts, and no column of validation errors.
    plain = write_xlsx(report, tmp_path / "plain.xlsx")
    plain_rows = list(openpyxl.load_workbook(plain)[SHEET_SUMMARY].iter_rows(values_only=True))
    assert "エラーあり" not in plain_rows[1]
    assert [r[:3] for r in plain_rows[2:]] == [r[:3] for r in rows[2:]]


def test_chart_part_for_edge_cases_is_well_formed_with_target_and_baseline_points():
    only_target = KpiData(indicator="x", target_value="1500", target_year=2027, baseline_value="2",
                          baseline_year=2024)
    for kpi in (only_target, KpiData(indicator="y", target_value="5", target_year=2025, actuals={2025: "5"})):
        series = kpi_series(kpi, 2025)
        assert has_chart(series)
        root = etree.fromstring(chart_xml(series, 16, "件").encode())
        names = [v.text for v in root.iterfind(".//c:ser/c:tx//c:v", NS)]
        assert names[0] == "実績" and "目標値" in names
        target = root.findall(".//c:ser", NS)[names.index("目標値")]
        # The target year is the one point with a marker, on a line across every year.
        [point] = target.findall("c:dPt", NS)
        years = [v.text for v in target.iterfind("c:cat//c:pt/c:v", NS)]
        assert years[int(point.find("c:idx", NS).get("val"))] == format_fiscal_year(kpi.target_year)
        assert root.find(".//c:valAx/c:title//a:t", NS).text == "（件）"


def test_summary_sheet_is_in_every_workbook_and_workflow_figures_stay_internal(repo, tmp_path):
    from desktop.app.export import Selection, export_report

    build_demo(repo)
    year = max(repo.years())
    internal = export_report(repo, "xlsx", tmp_path / "internal.xlsx", audience="internal",
                             selection=Selection(year=year)).path
    public = export_report(repo, "xlsx", tmp_path / "public.xlsx", audience="public",
                           selection=Selection(year=year), include_unaccepted=True).path
    everything = export_report(repo, "xlsx", tmp_path / "all.xlsx", audience="internal").path
    def header(path):
        return next(openpyxl.load_workbook(path)[SHEET_SUMMARY].iter_rows(min_row=2, max_row=2, values_only=True))

    assert "エラーあり" in header(internal) and "提出済" in header(internal)
    public_header = header(public)          # process figures (状態, errors) stay internal
    assert "エラーあり" not in public_header and "提出済" not in public_header and "非公開" in public_header
    assert "エラーあり" not in header(everything)   # an overview is of one year
