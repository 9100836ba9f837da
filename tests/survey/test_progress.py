from decimal import Decimal
from pathlib import Path

import pytest

from desktop.reports import csv_writer
from desktop.survey import progress
from desktop.survey.loader import SurveyDefinitionError, load_survey
from desktop.survey.progress import (
    KpiStatus,
    achievement_rate,
    expected_value,
    format_number,
    kpi_progress,
    kpi_series,
    sheet_progress,
    yearly_rates,
)
from desktop.survey.sheet import Direction, KpiData
from desktop.survey.validation import Severity, validate_sheet
from tests.factories import complete_sheet

TINY = Path(__file__).parent / "data" / "tiny_survey.toml"


def kpi(target="5", target_year=2027, baseline="0", baseline_year=2023, direction=Direction.UP, **actuals):
    return KpiData(indicator="指標", unit="件", direction=direction, baseline_value=baseline,
                   baseline_year=baseline_year, target_value=target, target_year=target_year,
                   actuals={int(y[1:]): v for y, v in actuals.items()})


def piracy(**actuals):
    """日本向け出版物海賊版上位10サイトのアクセス数: 2億 (2024) → 1億 (2028), lower is better."""
    return kpi(target="1", target_year=2028, baseline="2", baseline_year=2024, direction=Direction.DOWN, **actuals)


# -- achievement rate -----------------------------------------------------------------------


def test_one_implementation_shared_with_the_csv_report():
    assert csv_writer.achievement_rate is achievement_rate
    assert csv_writer.METHOD_BASELINE is progress.METHOD_BASELINE


def test_yearly_rates_keep_text_values_without_a_rate():
    k = kpi(y2023="1", y2024="-", y2025="4", y2026="5")
    rates = yearly_rates(k, up_to=2025)
    assert [(r.year, r.actual, r.rate) for r in rates] == [(2023, "1", Decimal(20)), (2024, "-", None),
                                                          (2025, "4", Decimal(80))]
    assert rates[0].method == progress.METHOD_UP
    down = yearly_rates(piracy(y2025="1.6"))
    assert down[0].rate.quantize(Decimal("0.1")) == Decimal("62.5") and down[0].method == progress.METHOD_DOWN


# -- status from the trend ------------------------------------------------------------------


def test_on_the_line_or_above_is_on_track_below_is_behind():
    # 0 (2023) → 5 (2027): the line is at 2.5 in 2025
    assert kpi_progress(kpi(y2025="3"), 2025).status is KpiStatus.ON_TRACK
    assert kpi_progress(kpi(y2025="2.5"), 2025).status is KpiStatus.ON_TRACK
    behind = kpi_progress(kpi(y2025="2"), 2025)
    assert behind.status is KpiStatus.BEHIND and behind.expected == Decimal("2.5")
    assert (behind.start_year, behind.start, behind.start_is_baseline) == (2023, Decimal(0), True)
    assert behind.rate == Decimal(40) and behind.label == "遅れ"


def test_target_met_is_achieved_even_before_the_target_year():
    assert kpi_progress(kpi(y2024="5"), 2024).status is KpiStatus.ACHIEVED
    assert kpi_progress(kpi(y2024="７"), 2024).status is KpiStatus.ACHIEVED     # full width, beyond
    # met once and lost again: the latest year decides
    assert kpi_progress(kpi(y2024="5", y2025="2"), 2025).status is KpiStatus.BEHIND


def test_decreasing_target_like_piracy_access_counts():
    # 2 (2024) → 1 (2028): the line is at 1.75 in 2025
    behind = kpi_progress(piracy(y2024="2", y2025="1.9"), 2025)
    assert behind.status is KpiStatus.BEHIND and behind.expected == Decimal("1.75")
    assert kpi_progress(piracy(y2025="1.7"), 2025).status is KpiStatus.ON_TRACK
    assert kpi_progress(piracy(y2025="1"), 2025).status is KpiStatus.ACHIEVED
    assert kpi_progress(piracy(y2025="0.9"), 2025).status is KpiStatus.ACHIEVED
    # an increase is never on track for a decreasing target
    assert kpi_progress(piracy(y2025="2.1"), 2025).status is KpiStatus.BEHIND


def test_no_baseline_starts_the_line_at_the_first_actual():
    k = kpi(target="30", target_year=2028, baseline=None, baseline_year=None, y2024="10", y2025="14")
    p = kpi_progress(k, 2025)       # 10 (2024) → 30 (2028): 15 expected in 2025
    assert p.status is KpiStatus.BEHIND and p.expected == Decimal(15) and not p.start_is_baseline
    k.actuals[2025] = "16"
    assert kpi_progress(k, 2025).status is KpiStatus.ON_TRACK


def test_no_baseline_and_one_actual_is_no_data_unless_the_target_is_met():
    k = kpi(target="30", target_year=2028, baseline=None, baseline_year=None, y2025="10")
    p = kpi_progress(k, 2025)
    assert p.status is KpiStatus.NO_DATA and p.latest == Decimal(10) and "1年分" in p.reason
    k.actuals[2025] = "30"
    assert kpi_progress(k, 2025).status is KpiStatus.ACHIEVED
    # a baseline value without its year cannot place the line either
    assert kpi_progress(kpi(baseline="0", baseline_year=None, y2025="1"), 2025).status is KpiStatus.NO_DATA


def test_missing_years_use_the_latest_numeric_actual_and_say_which():
    k = kpi(y2023="0.5", y2024=None, y2025="-")
    p = kpi_progress(k, 2025)
    assert p.latest_year == 2023 and p.status is KpiStatus.ON_TRACK      # the line is at 0 in 2023
    gap = kpi(y2024="2", y2026="4")
    assert kpi_progress(gap, 2026).expected == Decimal("3.75") and kpi_progress(gap, 2026).latest_year == 2026


def test_later_years_than_the_sheet_are_not_counted():
    k = kpi(y2025="1", y2026="5")
    assert kpi_progress(k, 2025).status is KpiStatus.BEHIND
    assert kpi_progress(k).status is KpiStatus.ACHIEVED


def test_target_year_reached_without_the_target_is_behind():
    p = kpi_progress(kpi(target_year=2025, y2025="4.9"), 2025)
    assert p.status is KpiStatus.BEHIND and p.expected == Decimal(5) and "目標年度" in p.reason
    assert kpi_progress(kpi(target_year=2025, y2027="4.9"), 2027).expected == Decimal(5)


@pytest.mark.parametrize("k, why", [
    (kpi(y2025=None), "実績"),
    (kpi(y2025="-"), "実績"),
    (kpi(y2025="調査中"), "実績"),
    (kpi(target=None, y2025="3"), "目標値"),
    (kpi(target="増加", y2025="3"), "目標値"),
    (kpi(target_year=None, y2025="3"), "目標年度"),
    (KpiData(indicator="定性", quantitative=False, target_value="5", target_year=2027, actuals={2025: "3"}), "定性"),
])
def test_no_data(k, why):
    p = kpi_progress(k, 2025)
    assert p.status is KpiStatus.NO_DATA and why in p.reason and p.label == "データなし"


def test_labels_in_japanese():
    assert [s.label for s in KpiStatus] == ["達成", "順調", "遅れ", "データなし"]


def test_expected_value_is_held_flat_outside_the_line():
    assert expected_value(2024, Decimal(2), 2028, Decimal(1), 2020) == Decimal(2)
    assert expected_value(2024, Decimal(2), 2028, Decimal(1), 2030) == Decimal(1)
    assert expected_value(2024, Decimal(2), 2024, Decimal(1), 2024) == Decimal(1)   # degenerate line


def test_chart_series():
    s = kpi_series(piracy(y2023="2.2", y2024="2", y2025="1.9", y2026="1.5"), 2025)
    assert s.actuals == ((2023, Decimal("2.2")), (2024, Decimal(2)), (2025, Decimal("1.9")))
    assert s.baseline == (2024, Decimal(2)) and s.target == (2028, Decimal(1))
    assert s.path == ((2024, Decimal(2)), (2028, Decimal(1)))
    assert s.progress.status is KpiStatus.BEHIND
    achieved = kpi_series(kpi(y2025="5"), 2025)
    assert achieved.path == ((2023, Decimal(0)), (2027, Decimal(5)))     # the line is drawn when achieved too
    assert kpi_series(kpi(target=None, y2025="1"), 2025).path == ()


def test_format_number():
    assert [format_number(Decimal(x)) for x in ("2.50", "1666.666", "12", "-0.001", "1E+3")] == \
        ["2.5", "1666.67", "12", "0", "1000"]
    assert format_number(None) == ""


def test_sheet_progress_is_as_of_the_sheets_year(survey):
    sheet = complete_sheet(survey)
    sheet.items[0].kpis[0].actuals = {2025: "2", 2026: "5"}
    [(i, k, _, p)] = sheet_progress(sheet)
    assert (i, k, p.status) == (0, 0, KpiStatus.BEHIND)


# -- validation: a KPI behind asks for the issues field -------------------------------------------


def test_behind_without_issues_is_a_warning_on_the_issues_field(survey):
    assert survey.issues_field == "issues"
    sheet = complete_sheet(survey)
    sheet.items[0].kpis[0].actuals[2025] = "2"
    [problem] = validate_sheet(survey, sheet)
    assert problem.severity is Severity.WARNING and problem.field == "issues"
    assert (problem.item_index, problem.kpi_index) == (0, 0)
    assert "プロジェクト実施件数" in problem.message and "令和7年度の実績 2件" in problem.message
    assert "見込み 2.5件" in problem.message and survey.field("issues").label in problem.message
    sheet.fields["issues"] = "調査対象国の選定に時間を要した。次年度は前倒しで実施する。"
    assert validate_sheet(survey, sheet) == []


def test_no_warning_when_on_track_achieved_or_without_data(survey):
    for actual in ("3", "5", "-", None):
        sheet = complete_sheet(survey)
        sheet.items[0].kpis[0].actuals[2025] = actual
        assert not [p for p in validate_sheet(survey, sheet) if p.field == "issues"]


def test_survey_without_issues_field_has_no_such_warning():
    tiny = load_survey(TINY)
    assert tiny.issues_field is None


def test_issues_field_must_name_a_text_field(tmp_path):
    text = TINY.read_text(encoding="utf-8")
    bad = tmp_path / "bad.toml"
    bad.write_text(text.replace('title_field = "name"', 'title_field = "name"\nissues_field = "nothing"'),
                   encoding="utf-8")
    with pytest.raises(SurveyDefinitionError, match="issues_field"):
        load_survey(bad)


def test_results_field_does_not_carry_over_by_default(survey):
    assert [f.key for f in survey.fields if not f.carry_over] == ["results"]


def test_printed_numbers_have_comma_groups_and_kanji_units_by_one_rule():
    from desktop.survey.progress import format_amount, format_figure

    assert format_number(Decimal("1666.666"), grouped=True) == "1,666.67"
    assert [format_figure(v) for v in ("1500", "1,500", "１５００", "-2500.75", "0.5", "約200", "", None)] == \
        ["1,500", "1,500", "1,500", "-2,500.75", "0.5", "約200", "", ""]
    # 1億 or more in 兆・億・万 whatever the unit; amounts in 円 from 1万.
    assert format_figure("120000000", "件") == "1億2,000万"
    assert format_figure("1234567890123", "") == "1兆2,345億6,789万123"
    assert format_figure("15000", "円") == "1万5,000" and format_figure("15000", "人") == "15,000"
    assert format_amount(Decimal(100000000)) == "1億"
    # A unit that carries a multiplier keeps plain groups (the number must read with the unit).
    assert format_figure("150000", "千円") == "150,000" and format_figure("300000000", "万人") == "300,000,000"
    assert format_figure("123456789.5", "円") == "123,456,789.5"
