"""The form carries a KPI's qualifier and kind of target both ways, and reads 「4位以内」 typed in the target cell."""

from __future__ import annotations

import openpyxl

from desktop.reports.form import SHEET_KPI, write_form
from desktop.reports.form_import import read_forms
from desktop.survey.sheet import Direction, KpiData, Qualifier, TargetKind
from tests.reports.sheetkit import fill, headers
from tests.reports.sheetkit import draft_sheet as sheet   # a form updates sheets still being written

YEAR = 2025


def _targets(s):
    return [(k.indicator, k.target_value, k.qualifier, k.target_kind, k.direction, k.baseline_value, k.baseline_year)
            for _, k in s.all_kpis()]


def test_qualifier_and_kind_survive_the_round_trip(survey, tmp_path):
    s = sheet(survey)
    s.items[0].kpis = [
        KpiData(indicator="GII順位", unit="位", target_value="4", target_year=2035, qualifier=Qualifier.WITHIN,
                direction=Direction.DOWN, id=901),
        KpiData(indicator="日本ファン割合", unit="ポイント", baseline_value="30", baseline_year=2023,
                target_value="10", target_year=2033, target_kind=TargetKind.INCREASE, id=902),
        KpiData(indicator="温室効果ガス排出量", unit="万トン", baseline_value="1400", baseline_year=2013,
                target_value="46", target_year=2030, target_kind=TargetKind.REDUCTION, direction=Direction.DOWN,
                id=903),
        KpiData(indicator="輸出額", unit="億円", baseline_value="100", baseline_year=2023, target_value="2",
                target_year=2030, target_kind=TargetKind.MULTIPLE, qualifier=Qualifier.AT_LEAST, id=904),
    ]
    path = write_form(survey, [s], tmp_path / "f.xlsx", ministry="総務省", year=YEAR)
    ws = openpyxl.load_workbook(path)[SHEET_KPI]
    cols = headers(ws)
    assert ws.cell(4, cols["目標値の限定"]).value == "以内" and ws.cell(5, cols["目標値の種類"]).value == "増加幅"
    plan = read_forms(survey, [path], {s.id: s})
    assert plan.problems == [] and plan.updates == [], [p.message for p in plan.problems]
    # and a person's edits in those columns come back
    fill(path, [], [{"目標値の限定": "以上"}, {"目標値の種類": "倍率"}])
    plan = read_forms(survey, [path], {s.id: s})
    assert plan.problems == [], [p.message for p in plan.problems]
    [update] = plan.updates
    got = _targets(update.sheet)
    assert got[0][2] is Qualifier.AT_LEAST and got[1][3] is TargetKind.MULTIPLE
    assert got[2][2:4] == (None, TargetKind.REDUCTION) and got[3][2:4] == (Qualifier.AT_LEAST, TargetKind.MULTIPLE)


def test_a_target_typed_with_its_qualifier_is_split(survey, tmp_path):
    path = write_form(survey, [], tmp_path / "f.xlsx", ministry="総務省", year=YEAR)
    fill(path, [{"No.": 1, "府省庁": "総務省", "施策名": "国際標準の推進"}], [
        {"No.": 1, "実施項目No.": 1, "実施項目": "項目", "指標": "GII順位", "単位": "位", "目標値": "4位以内",
         "目標年度": 2035},
        {"No.": 1, "実施項目No.": 1, "実施項目": "項目", "指標": "参加企業数", "単位": "社", "目標値": "約100",
         "目標年度": 2030},
        {"No.": 1, "実施項目No.": 1, "実施項目": "項目", "指標": "満足度", "単位": "%", "目標値": "高い水準",
         "目標年度": 2030},
    ])
    plan = read_forms(survey, [path], {})
    kpis = {k.indicator: k for _, k in plan.creates[0].sheet.all_kpis()}
    assert (kpis["GII順位"].target_value, kpis["GII順位"].qualifier) == ("4", Qualifier.WITHIN)
    assert kpis["GII順位"].judged_direction is Direction.DOWN
    assert (kpis["参加企業数"].target_value, kpis["参加企業数"].qualifier) == ("100", Qualifier.ABOUT)
    assert (kpis["満足度"].target_value, kpis["満足度"].qualifier) == ("高い水準", None)


def test_an_unknown_qualifier_is_an_error_naming_the_cell(survey, tmp_path):
    path = write_form(survey, [], tmp_path / "f.xlsx", ministry="総務省", year=YEAR)
    fill(path, [{"No.": 1, "府省庁": "総務省", "施策名": "国際標準の推進"}], [
        {"No.": 1, "実施項目No.": 1, "実施項目": "項目", "指標": "件数", "単位": "件", "目標値": "5",
         "目標値の限定": "くらい", "目標値の種類": "割合"}])
    plan = read_forms(survey, [path], {})
    messages = " ".join(p.message for p in plan.problems)
    assert "くらい" in messages and "以上" in messages and "割合" in messages and "削減率" in messages
