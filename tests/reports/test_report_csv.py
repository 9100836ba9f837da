import csv
from decimal import Decimal

import pytest

from desktop.reports.csv_writer import (
    METHOD_BASELINE,
    METHOD_DOWN,
    METHOD_UP,
    achievement_rate,
    headers,
    write_csv,
)
from desktop.reports.model import build_report
from desktop.survey.parts import Part
from desktop.survey.sheet import Direction, KpiData, MarkData
from tests.reports.sheetkit import sheet


def _read(path):
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")          # BOM: Excel opens it as UTF-8
    assert b"\r\n" in raw
    return list(csv.DictReader(raw.decode("utf-8-sig").splitlines()))


def test_one_row_per_kpi_and_fiscal_year(survey, tmp_path):
    report = build_report(survey, [sheet(survey)], "internal")
    rows = _read(write_csv(report, tmp_path / "kpi.csv"))
    assert list(rows[0].keys()) == headers(report)
    assert [(r["年度"], r["実績値"]) for r in rows] == [("2024", "1"), ("2025", "3")]
    row = rows[1]
    assert row["年度（和暦）"] == "令和7年度" and row["指標"] == "プロジェクト実施件数" and row["単位"] == "件"
    assert row["指標の種類"] == "アウトカム" and row["目標の方向"] == "上向き"
    assert (row["基準値"], row["基準年度"], row["目標値"], row["目標年度"]) == ("0", "2023", "5", "2027")
    assert row["達成率（%）"] == "60.0" and row["達成率の算定方法"] == METHOD_UP


@pytest.mark.parametrize("direction, baseline, target, actual, rate, method", [
    (Direction.UP, "0", "5", "3", Decimal("60"), METHOD_UP),
    (Direction.UP, None, "200", "250", Decimal("125"), METHOD_UP),
    (Direction.DOWN, "100", "50", "80", Decimal("62.5"), METHOD_DOWN),        # 50/80
    (Direction.DOWN, "100", "50", "40", Decimal("125"), METHOD_DOWN),         # better than target
    (Direction.DOWN, "10", "0", "4", Decimal("60"), METHOD_BASELINE),         # target 0: (4-10)/(0-10)
    (Direction.UP, "-5", "0", "-2", Decimal("60"), METHOD_BASELINE),          # target 0 going up
    (Direction.DOWN, None, "0", "3", None, ""),                               # no way to rate it
    (Direction.UP, "0", "5", "-", None, ""),                                  # not applicable
    (Direction.UP, "0", "5", None, None, ""),                                 # not yet reported
    (Direction.UP, "0", "１，０００", "５００", Decimal("50"), METHOD_UP),      # full-width, grouped
])
def test_achievement_rate_respects_direction(direction, baseline, target, actual, rate, method):
    got, how = achievement_rate(direction, baseline, target, actual)
    assert how == method
    assert (got if got is None else got.quantize(Decimal("0.1"))) == (rate if rate is None else rate.quantize(Decimal("0.1")))


def test_text_is_guarded_numbers_normalised_and_withheld_kpis_left_out(survey, tmp_path):
    s = sheet(survey)
    s.items[0].kpis.append(KpiData(indicator="=HYPERLINK(\"x\")", unit="%", target_value="１，０００",
                                   target_year=2027, actuals={2025: "-"}, id=424242))
    hidden = KpiData(indicator="非公開の指標名", target_value="1", actuals={2025: "1"}, id=434343)
    s.items[0].kpis.append(hidden)
    s.marks.append(MarkData(reason="r", part=Part.kpi(hidden.key)))
    rows = _read(write_csv(build_report(survey, [s], "public"), tmp_path / "kpi.csv"))
    indicators = {r["指標"] for r in rows}
    assert "'=HYPERLINK(\"x\")" in indicators
    assert not any("非公開の指標名" in v for r in rows for v in r.values())
    guarded = next(r for r in rows if r["指標"].startswith("'="))
    assert guarded["目標値"] == "1000" and guarded["実績値"] == "-"
    internal = _read(write_csv(build_report(survey, [s], "internal"), tmp_path / "internal.csv"))
    assert any(r["指標"] == "非公開の指標名" and r["非公開"] == "○" for r in internal)
