from datetime import date

import pytest

from desktop.survey.wareki import (
    FiscalYearError,
    fiscal_year_of,
    fiscal_year_range,
    format_date,
    format_fiscal_year,
    format_fiscal_year_short,
    parse_fiscal_year,
)


@pytest.mark.parametrize("year, text", [
    (2026, "令和8年度"), (2025, "令和7年度"), (2019, "令和元年度"), (2020, "令和2年度"),
    (2018, "平成30年度"), (1989, "平成元年度"), (1988, "昭和63年度"),
])
def test_format_fiscal_year(year, text):
    assert format_fiscal_year(year) == text
    assert parse_fiscal_year(text) == year


@pytest.mark.parametrize("text, year", [
    ("平成31年度", 2019), ("令和元年度", 2019), ("令和1年度", 2019), ("平成32年度", 2020),
    ("R8", 2026), ("r8年度", 2026), ("H30", 2018), ("２０２６年度", 2026), ("令和８年度", 2026),
    ("FY2026", 2026), ("2026", 2026), (" 令和 8 年度 ", 2026), (2024, 2024),
])
def test_parse_accepts_what_staff_write(text, year):
    assert parse_fiscal_year(text) == year


@pytest.mark.parametrize("text", ["", "来年度", "令和0年度", "12345", "明治5年度", "R"])
def test_parse_refuses_with_a_message(text):
    with pytest.raises(FiscalYearError) as info:
        parse_fiscal_year(text)
    assert "年度" in str(info.value)


def test_fiscal_year_runs_april_to_march():
    assert fiscal_year_range(2026) == (date(2026, 4, 1), date(2027, 3, 31))
    assert fiscal_year_of(date(2027, 3, 31)) == 2026
    assert fiscal_year_of(date(2026, 4, 1)) == 2026
    assert fiscal_year_of(date(2026, 3, 31)) == 2025


def test_calendar_dates_across_the_era_boundary():
    assert format_date(date(2019, 4, 30)) == "平成31年4月30日"
    assert format_date(date(2019, 5, 1)) == "令和元年5月1日"
    assert format_date(date(2026, 11, 23)) == "令和8年11月23日"
    assert format_fiscal_year_short(2026) == "R8"
