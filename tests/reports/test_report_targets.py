"""Reports print a target as it is meant (「4以内」「+10」「46%削減（2013年度比）」) and rate it accordingly."""

from __future__ import annotations

import csv

import openpyxl

from desktop.reports.csv_writer import write_csv
from desktop.reports.model import build_report
from desktop.reports.xlsx_writer import write_xlsx
from desktop.survey.sheet import Direction, KpiData, Qualifier, TargetKind
from tests.reports.sheetkit import sheet


def _sheet(survey):
    s = sheet(survey)
    s.items[0].kpis = [
        KpiData(indicator="GII順位", unit="位", baseline_value="13", baseline_year=2023, target_value="4",
                target_year=2035, qualifier=Qualifier.WITHIN, actuals={2025: "12"}),
        KpiData(indicator="日本ファン割合", unit="ポイント", baseline_value="30", baseline_year=2023,
                target_value="10", target_year=2033, target_kind=TargetKind.INCREASE, actuals={2025: "35"}),
        KpiData(indicator="温室効果ガス排出量", unit="万トン", baseline_value="1000", baseline_year=2013,
                target_value="46", target_year=2030, target_kind=TargetKind.REDUCTION, direction=Direction.DOWN,
                actuals={2025: "770"}),
    ]
    return s


def test_target_cells_say_the_qualifier_and_the_kind(survey):
    report = build_report(survey, [_sheet(survey)], "internal")
    rows = {k.indicator: k for k in report.sections[0].kpis}
    assert rows["GII順位"].target.startswith("4以内")
    assert rows["日本ファン割合"].target.startswith("+10") and rows["日本ファン割合"].target_level == "40"
    assert rows["温室効果ガス排出量"].target.startswith("46%削減（2013年度比）")
    assert rows["温室効果ガス排出量"].target_level == "540"
    assert rows["GII順位"].progress != "達成" and rows["GII順位"].rate.startswith("33.3%")
    assert rows["日本ファン割合"].rate.startswith("50%")          # 5 of the 10 points
    assert rows["温室効果ガス排出量"].rate.startswith("50%")      # 230 of the 460 to cut


def test_csv_and_xlsx_carry_qualifier_kind_level_and_the_right_rate(survey, tmp_path):
    report = build_report(survey, [_sheet(survey)], "internal")
    path = write_csv(report, tmp_path / "kpi.csv")
    rows = {r["指標"]: r for r in csv.DictReader(path.read_bytes().decode("utf-8-sig").splitlines())
            if r["年度"] == "2025"}
    assert (rows["GII順位"]["目標値の限定"], rows["GII順位"]["達成率（%）"]) == ("以内", "33.3")
    assert (rows["日本ファン割合"]["目標値の種類"], rows["日本ファン割合"]["目標水準"]) == ("増加幅", "40")
    assert rows["温室効果ガス排出量"]["達成率（%）"] == "50.0"
    book = write_xlsx(report, tmp_path / "r.xlsx")
    ws = next(w for w in openpyxl.load_workbook(book).worksheets if w.title == "KPI")
    header_row = next(r for r in range(1, 6) if any(c.value == "目標値の限定" for c in ws[r]))
    cols = {c.value: c.column for c in ws[header_row]}
    values = {ws.cell(r, cols["指標"]).value: r for r in range(header_row + 1, ws.max_row + 1)}
    r = values["温室効果ガス排出量"]
    assert ws.cell(r, cols["目標値の種類"]).value == "削減率" and ws.cell(r, cols["目標水準"]).value == 540
