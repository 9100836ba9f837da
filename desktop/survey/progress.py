"""How far a KPI has come: the achievement rate per year and a status from the trend.

One implementation for every face of the application: the CSV and Word
reports, the KPI editor, the sheet list, the validation and the secretariat's
overview all call these functions, so a KPI never shows 順調 in one place and
遅れ in another.

Achievement rate (達成率, %), defined so that 100 means the target is met
whichever way the indicator should move:

* 上向き (higher is better): actual / target × 100, as the 行政事業レビュー sheet
  computes it;
* 下向き (lower is better): target / actual × 100, so that an actual below the
  target gives more than 100;
* when that ratio has no meaning (a target of 0 for 上向き, an actual of 0
  or less for 下向き, or a negative denominator) and a baseline is given that
  differs from the target: progress from the baseline,
  (actual − baseline) / (target − baseline) × 100, which works for both
  directions;
* a target relative to the baseline (増加幅・削減率・倍率, desktop.survey.sheet.TargetKind)
  is first turned into the level it means, and its rate is always the
  progress from the baseline (half of 「+10ポイント」 is 50 %);
* otherwise undefined. :func:`achievement_rate` also returns which formula
  was used, so a report can print it beside the rate.

Status from the trend (:func:`kpi_progress`), judged on the latest year that
has a numeric actual (empty, "-" and text are not numbers; only years up to
the sheet's own year count):

* データなし: the KPI is qualitative, its target is not a number, it has no
  numeric actual, or the trend cannot be placed (no target year; or neither
  a baseline with its year nor a second actual to start the path from);
* 達成: the latest actual meets the target (≥ for 上向き, ≤ for 下向き; > and <
  for 超 and 未満). A qualifier that implies a direction decides it: 「4位以内」 is
  met by 3位 and not by 12位, whatever direction was stored. A target
  met once and lost again is not 達成: the latest year decides;
* otherwise the expected value is read off a straight line from the start
  point to the target (value and year). The start point is the baseline
  (value and year) when both are given, else the earliest numeric actual.
  Before the start year the line stays at the start value; from the target
  year on it is the target itself (the deadline has come and the target is
  not met). 順調 when the latest actual is at or beyond the line in the KPI's
  direction, 遅れ when it falls short. There is no tolerance band: a miss by
  any margin is a miss, and the expected value is shown so people can judge.

A status whose latest numeric actual is older than the year asked about
(this year's actual not yet entered) is still given, with ``latest_year`` set
so the caller can say which year it rests on.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from enum import Enum

from desktop.survey.sheet import (
    Direction,
    KpiData,
    Qualifier,
    SheetData,
    TargetKind,
    judged_direction,
    parse_number,
    target_level,
)

METHOD_UP = "実績値÷目標値"
METHOD_DOWN = "目標値÷実績値"
METHOD_BASELINE = "（実績値－基準値）÷（目標値－基準値）"


def achievement_rate(direction: Direction | None, baseline: str | None, target: str | None,
                     actual: str | None, kind: TargetKind | None = None,
                     qualifier: Qualifier | None = None) -> tuple[Decimal | None, str]:
    """The rate in percent and the formula used (see the module docstring); (None, "") if undefined.

    ``target`` is the value as typed; with a relative ``kind`` it is the amount
    (「+10ポイント」 is 10) and the level is computed from the baseline, and the
    rate is the progress from the baseline: half of 「+10ポイント」 is 50 %,
    whatever the baseline is. A qualifier that implies a direction (以内) decides it.
    """
    t, a, b = target_level(kind, baseline, target), parse_number(actual), parse_number(baseline)
    if t is None or a is None:
        return None, ""
    direction = judged_direction(direction, qualifier, kind)
    try:
        if kind is not None and kind.relative:
            if b is not None and b != t:
                return (a - b) / (t - b) * 100, METHOD_BASELINE
            return None, ""
        if direction is Direction.DOWN:
            if t > 0 and a > 0:
                return t / a * 100, METHOD_DOWN
        elif t > 0 and a >= 0:
            return a / t * 100, METHOD_UP
        if b is not None and b != t:
            return (a - b) / (t - b) * 100, METHOD_BASELINE
    except (InvalidOperation, ZeroDivisionError):
        pass
    return None, ""


def kpi_rate(kpi: KpiData, actual: str | None) -> tuple[Decimal | None, str]:
    """:func:`achievement_rate` of one actual of a KPI, with its kind and qualifier."""
    return achievement_rate(kpi.direction, kpi.baseline_value, kpi.target_value, actual,
                            kpi.target_kind, kpi.qualifier)


@dataclass(frozen=True)
class YearRate:
    """One fiscal year of a KPI: the value as typed, its number and its 達成率."""

    year: int
    actual: str | None
    value: Decimal | None
    rate: Decimal | None
    method: str


def yearly_rates(kpi: KpiData, up_to: int | None = None) -> list[YearRate]:
    """The 達成率 of every year that has an actual entered (also "-" or text, with no rate), oldest first."""
    out = []
    for year in sorted(kpi.actuals):
        if up_to is not None and year > up_to:
            continue
        value = kpi.actuals[year]
        if value is None:
            continue
        rate, method = kpi_rate(kpi, value)
        out.append(YearRate(year, value, parse_number(value), rate, method))
    return out


class KpiStatus(str, Enum):
    ACHIEVED = "achieved"
    ON_TRACK = "on_track"
    BEHIND = "behind"
    NO_DATA = "no_data"

    @property
    def label(self) -> str:
        return _STATUS_LABELS[self]


_STATUS_LABELS = {
    KpiStatus.ACHIEVED: "達成",
    KpiStatus.ON_TRACK: "順調",
    KpiStatus.BEHIND: "遅れ",
    KpiStatus.NO_DATA: "データなし",
}


@dataclass(frozen=True)
class KpiProgress:
    """A KPI's status and the figures it was judged on (for tooltips, charts and messages)."""

    status: KpiStatus
    reason: str                              # why, in Japanese, for a tooltip or a report note
    latest_year: int | None = None
    latest: Decimal | None = None
    expected: Decimal | None = None          # the straight line's value in latest_year
    start_year: int | None = None
    start: Decimal | None = None
    start_is_baseline: bool = False
    target_year: int | None = None
    target: Decimal | None = None
    rate: Decimal | None = None              # 達成率 of the latest actual
    method: str = ""

    @property
    def label(self) -> str:
        return self.status.label


def _better_or_equal(direction: Direction, value: Decimal, reference: Decimal) -> bool:
    return value <= reference if direction is Direction.DOWN else value >= reference


def target_met(kpi: KpiData, value: Decimal, target: Decimal) -> bool:
    """Whether a value meets the KPI's target: in its judged direction, strictly for 超 and 未満."""
    direction = kpi.judged_direction
    if kpi.qualifier is not None and kpi.qualifier.strict:
        return value < target if direction is Direction.DOWN else value > target
    return _better_or_equal(direction, value, target)


def numeric_actuals(kpi: KpiData, up_to: int | None = None) -> list[tuple[int, Decimal]]:
    """(year, number) for each year whose actual is a number, oldest first."""
    points = []
    for year in sorted(kpi.actuals):
        if up_to is not None and year > up_to:
            continue
        number = parse_number(kpi.actuals[year])
        if number is not None:
            points.append((year, number))
    return points


def expected_value(start_year: int, start: Decimal, target_year: int, target: Decimal, year: int) -> Decimal:
    """The straight line from (start_year, start) to (target_year, target), held flat outside it."""
    if year >= target_year or target_year <= start_year:
        return target
    if year <= start_year:
        return start
    return start + (target - start) * Decimal(year - start_year) / Decimal(target_year - start_year)


def _start_point(kpi: KpiData, points: list[tuple[int, Decimal]]) -> tuple[int, Decimal, bool] | None:
    """Where the expected line starts: the baseline with its year, else the earliest of two or more actuals."""
    baseline = parse_number(kpi.baseline_value)
    if baseline is not None and kpi.baseline_year is not None:
        return kpi.baseline_year, baseline, True
    if len(points) >= 2:
        return points[0][0], points[0][1], False
    return None


def kpi_progress(kpi: KpiData, as_of: int | None = None) -> KpiProgress:
    """The KPI's status as of a fiscal year (its sheet's year); all actuals when None."""
    if not kpi.quantitative:
        return KpiProgress(KpiStatus.NO_DATA, "定性的なKPIのため判定しません。")
    target = kpi.target_number()
    if target is None:
        if kpi.target_kind.relative and parse_number(kpi.target_value) is not None:
            return KpiProgress(KpiStatus.NO_DATA, f"目標値が{kpi.target_kind.label}のため、基準値（数値）がないと"
                               "目標の水準を計算できません。", target_year=kpi.target_year)
        return KpiProgress(KpiStatus.NO_DATA, "目標値が数値で設定されていません。", target_year=kpi.target_year)
    direction = kpi.judged_direction
    points = numeric_actuals(kpi, as_of)
    start = _start_point(kpi, points)
    common: dict = {"target": target, "target_year": kpi.target_year}
    if start is not None:
        common.update(start_year=start[0], start=start[1], start_is_baseline=start[2])
    if not points:
        return KpiProgress(KpiStatus.NO_DATA, "数値の実績値がありません。", **common)
    latest_year, latest = points[-1]
    rate, method = kpi_rate(kpi, kpi.actuals[latest_year])
    common.update(latest_year=latest_year, latest=latest, rate=rate, method=method)
    if target_met(kpi, latest, target):
        return KpiProgress(KpiStatus.ACHIEVED, "最新の実績値が目標値に達しています。", **common)
    if start is None:
        return KpiProgress(KpiStatus.NO_DATA, "基準値（値と年度）がなく実績値が1年分のみのため、推移を判定できません。",
                           **common)
    if kpi.target_year is None:
        return KpiProgress(KpiStatus.NO_DATA, "目標年度が設定されていないため、推移を判定できません。", **common)
    expected = expected_value(start[0], start[1], kpi.target_year, target, latest_year)
    on_track = _better_or_equal(direction, latest, expected)
    if on_track:
        reason = "実績値が基準から目標までの直線上の見込み値に達しています。"
    elif latest_year >= kpi.target_year:
        reason = "目標年度を迎えましたが、目標値に達していません。"
    else:
        reason = "実績値が基準から目標までの直線上の見込み値に達していません。"
    return KpiProgress(KpiStatus.ON_TRACK if on_track else KpiStatus.BEHIND, reason, expected=expected, **common)


def sheet_progress(sheet: SheetData) -> list[tuple[int, int, KpiData, KpiProgress]]:
    """(item index, KPI index, KPI, progress) of every KPI of a sheet, as of the sheet's year."""
    return [(i, k, kpi, kpi_progress(kpi, sheet.fiscal_year))
            for i, item in enumerate(sheet.items) for k, kpi in enumerate(item.kpis)]


def format_number(value: Decimal | None, places: int = 2, *, grouped: bool = False) -> str:
    """A number for people: at most ``places`` decimals, no trailing zeros, no exponent.

    ``grouped`` adds comma groups (1,500) as printed documents write numbers;
    without it the text stays machine-readable (CSV, values read back).
    """
    if value is None:
        return ""
    rounded = value.quantize(Decimal(1).scaleb(-places)) if value != value.to_integral_value() else value
    text = format(rounded, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    text = "0" if text in ("-0", "") else text
    return group_digits(text) if grouped else text


def group_digits(text: str) -> str:
    """Comma groups in the integer part of a plain decimal numeral: 1234567.25 → 1,234,567.25."""
    sign = "-" if text.startswith("-") else ""
    whole, dot, fraction = text.lstrip("-").partition(".")
    return f"{sign}{int(whole):,}{dot}{fraction}" if whole.isdigit() else text


# The printed form of amounts (公用文作成の考え方: 「兆・億・万」 in kanji with comma groups, 1億2,000万円).
# The rule, one for every document writer: an integer of 1億 or more is written with 兆・億・万
# (12億3,456万7,890), and an amount in 円 from 1万 (1万5,000円); a unit that already carries a
# multiplier (千円, 万人, 百万円, 億円) keeps plain comma groups (150,000千円), since the unit is
# printed apart and must still read with the number; fractions keep plain comma groups.
KANJI_FROM = 10 ** 8
YEN_KANJI_FROM = 10 ** 4
_MULTIPLIER_PREFIXES = ("十", "百", "千", "万", "億", "兆")
_KANJI_UNITS = ((10 ** 12, "兆"), (10 ** 8, "億"), (10 ** 4, "万"))


def kanji_amount(n: int) -> str:
    """An integer in 兆・億・万 with comma groups inside each: 120000000 → 1億2,000万."""
    sign, n = ("-", -n) if n < 0 else ("", n)
    out = []
    for size, name in _KANJI_UNITS:
        if n >= size:
            out.append(f"{n // size:,}{name}")
            n %= size
    if n or not out:
        out.append(f"{n:,}")
    return sign + "".join(out)


def format_amount(value: Decimal | None, unit: str = "", places: int = 2) -> str:
    """A number as printed in a report: comma groups, and 兆・億・万 by the rule above."""
    if value is None:
        return ""
    text = format_number(value, places)
    if "." in text or unit.startswith(_MULTIPLIER_PREFIXES):
        return group_digits(text)
    n = int(text)
    threshold = YEN_KANJI_FROM if unit.strip() == "円" else KANJI_FROM
    return kanji_amount(n) if abs(n) >= threshold else f"{n:,}"


def format_figure(text: str | None, unit: str = "") -> str:
    """A KPI value as typed, printed: a numeral gets format_amount (its decimals kept), other text stays."""
    if not text:
        return text or ""
    number = parse_number(text)
    if number is None:
        return text
    exponent = number.as_tuple().exponent
    places = max(0, -exponent) if isinstance(exponent, int) else 2
    return format_amount(number, unit, places)


@dataclass(frozen=True)
class KpiSeries:
    """What a progress chart draws: actuals by year, the baseline and target points, the expected line."""

    actuals: tuple[tuple[int, Decimal], ...]
    baseline: tuple[int, Decimal] | None
    target: tuple[int, Decimal] | None
    path: tuple[tuple[int, Decimal], ...]     # start → target, empty when no line can be drawn
    progress: KpiProgress


def kpi_series(kpi: KpiData, as_of: int | None = None) -> KpiSeries:
    """The chart data of one KPI; the GUI chart and the report image both draw from this."""
    progress = kpi_progress(kpi, as_of)
    baseline = parse_number(kpi.baseline_value)
    target = kpi.target_number()
    path: tuple[tuple[int, Decimal], ...] = ()
    if progress.start is not None and progress.start_year is not None and target is not None \
            and kpi.target_year is not None and kpi.target_year > progress.start_year:
        path = ((progress.start_year, progress.start), (kpi.target_year, target))
    return KpiSeries(
        actuals=tuple(numeric_actuals(kpi, as_of)),
        baseline=(kpi.baseline_year, baseline) if baseline is not None and kpi.baseline_year is not None else None,
        target=(kpi.target_year, target) if target is not None and kpi.target_year is not None else None,
        path=path,
        progress=progress,
    )


def sheet_statuses(sheet: SheetData) -> tuple[KpiStatus, ...]:
    """The status of each KPI of a sheet as of its year, in the sheet's order (the list's KPI column)."""
    return tuple(p.status for _, _, _, p in sheet_progress(sheet))
