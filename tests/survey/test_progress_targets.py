"""達成率 and 進捗 of qualified and relative targets: 「4位以内」 is met at 4 or below, 「46%削減」 of a
baseline means the baseline × 0.54 downwards, 「+10ポイント」 the baseline + 10, 「2倍」 the baseline × 2."""

from __future__ import annotations

from decimal import Decimal

import pytest

from desktop.survey.progress import KpiStatus, kpi_progress, kpi_series, yearly_rates
from desktop.survey.sheet import Direction, KpiData, Qualifier, TargetKind


def _kpi(target, actuals, *, qualifier=None, kind=TargetKind.LEVEL, baseline=None, baseline_year=None,
         direction=Direction.UP, unit=""):
    return KpiData(indicator="指標", unit=unit, target_value=target, target_year=2030, qualifier=qualifier,
                   target_kind=kind, baseline_value=baseline, baseline_year=baseline_year, direction=direction,
                   actuals=actuals)


def test_a_rank_within_4_is_not_achieved_by_12th_place_even_with_direction_up():
    kpi = _kpi("4", {2025: "12"}, qualifier=Qualifier.WITHIN, baseline="13", baseline_year=2023, unit="位")
    progress = kpi_progress(kpi, 2025)
    assert progress.status is not KpiStatus.ACHIEVED
    assert progress.rate is not None and progress.rate < 100          # 4/12 ≈ 33 %, never 300 %
    assert round(progress.rate) == 33
    assert kpi_progress(_kpi("4", {2025: "4"}, qualifier=Qualifier.WITHIN), 2025).status is KpiStatus.ACHIEVED
    assert kpi_progress(_kpi("4", {2025: "3"}, qualifier=Qualifier.WITHIN), 2025).status is KpiStatus.ACHIEVED


@pytest.mark.parametrize("qualifier, actual, achieved", [
    (Qualifier.AT_LEAST, "100", True), (Qualifier.AT_LEAST, "99", False),
    (Qualifier.ABOVE, "100", False), (Qualifier.ABOVE, "101", True),
    (Qualifier.AT_MOST, "100", True), (Qualifier.AT_MOST, "101", False),
    (Qualifier.BELOW, "100", False), (Qualifier.BELOW, "99", True),
    (Qualifier.ABOUT, "100", True), (Qualifier.AROUND, "99", False),
])
def test_each_qualifier_decides_when_the_target_is_met(qualifier, actual, achieved):
    status = kpi_progress(_kpi("100", {2025: actual}, qualifier=qualifier), 2025).status
    assert (status is KpiStatus.ACHIEVED) is achieved


def test_a_reduction_of_46_percent_from_the_baseline_targets_54_percent_of_it_downwards():
    kpi = _kpi("46", {2025: "800"}, kind=TargetKind.REDUCTION, baseline="1000", baseline_year=2013)
    assert kpi.target_number() == Decimal("540")
    progress = kpi_progress(kpi, 2025)
    assert progress.target == Decimal("540") and progress.status is KpiStatus.BEHIND
    assert round(progress.rate) == round(Decimal(200) / Decimal(460) * 100)     # 200 of the 460 to cut
    assert kpi_progress(_kpi("46", {2029: "530"}, kind=TargetKind.REDUCTION, baseline="1000",
                             baseline_year=2013), 2029).status is KpiStatus.ACHIEVED
    # the expected line runs from the baseline down to 540 by 2030
    series = kpi_series(kpi, 2025)
    assert series.path == ((2013, Decimal("1000")), (2030, Decimal("540")))


def test_plus_10_points_means_the_baseline_plus_10_and_half_way_is_50_percent():
    kpi = _kpi("10", {2025: "55"}, kind=TargetKind.INCREASE, baseline="50", baseline_year=2023, unit="ポイント")
    progress = kpi_progress(kpi, 2025)
    assert progress.target == Decimal("60") and progress.rate == Decimal("50")
    assert progress.status is not KpiStatus.ACHIEVED
    assert kpi_progress(_kpi("10", {2025: "60"}, kind=TargetKind.INCREASE, baseline="50", baseline_year=2023),
                        2025).status is KpiStatus.ACHIEVED
    assert kpi.target_text() == "+10ポイント"


def test_twice_the_baseline():
    kpi = _kpi("2", {2025: "150", 2026: "200"}, kind=TargetKind.MULTIPLE, baseline="100", baseline_year=2023)
    assert kpi.target_number() == Decimal("200")
    rates = yearly_rates(kpi)
    assert [r.rate for r in rates] == [Decimal("50"), Decimal("100")]
    assert kpi_progress(kpi, 2026).status is KpiStatus.ACHIEVED
    assert kpi_progress(kpi, 2025).status is not KpiStatus.ACHIEVED


def test_a_relative_target_without_a_baseline_says_why_it_cannot_be_judged():
    progress = kpi_progress(_kpi("46", {2025: "800"}, kind=TargetKind.REDUCTION), 2025)
    assert progress.status is KpiStatus.NO_DATA and "基準値" in progress.reason
    assert yearly_rates(_kpi("46", {2025: "800"}, kind=TargetKind.REDUCTION))[0].rate is None


def test_the_target_reads_as_people_write_it():
    assert _kpi("4", {}, qualifier=Qualifier.WITHIN, unit="位").target_text() == "4位以内"
    assert _kpi("30", {}, qualifier=Qualifier.ABOUT, unit="件").target_text() == "約30件"
    assert _kpi("46", {}, kind=TargetKind.REDUCTION, baseline_year=2013).target_text() == "46%削減（2013年度比）"
    assert _kpi("2", {}, kind=TargetKind.MULTIPLE).target_text() == "2倍"


def test_validation_says_what_a_relative_target_or_a_typed_qualifier_needs():
    from desktop.survey.loader import default_survey
    from desktop.survey.sheet import ItemData, SheetData
    from desktop.survey.validation import validate_sheet

    survey = default_survey()
    sheet = SheetData(survey_key=survey.key, fiscal_year=2025, items=[ItemData(title="項目", kpis=[
        _kpi("46", {}, kind=TargetKind.REDUCTION, unit="万トン"),
        _kpi("4位以内", {}, unit="位"),
    ])])
    for k in sheet.items[0].kpis:
        k.indicator = "指標"
    messages = [p.message for p in validate_sheet(survey, sheet)]
    assert any("削減率" in m and "基準値" in m for m in messages)
    assert any("「4位以内」が数値ではありません" in m and "目標値の限定" in m and "「4」" in m for m in messages)
