"""KPI data as CSV in the shape of the 行政事業レビュー data, for analysts.

One row per KPI and fiscal year (each year with an actual, plus the sheet's
own year), UTF-8 with a byte order mark so that Excel opens it without
garbling Japanese, CRLF line ends. Values that read as numbers are written
normalised (half-width, no digit grouping) so they can be computed with; other
values are kept as typed, and a free-text cell that Excel would evaluate as a
formula gets a leading apostrophe (textsafe.csv_guard). KPIs withheld from
the public version are left out, and so are 実施項目 without a KPI.

Achievement rate (達成率, %): desktop.survey.progress.achievement_rate, the one
definition shared with the Word report, the editor and the overview (100 means
the target is met whichever way the indicator should move). The column
達成率の算定方法 says which formula was used.
"""

from __future__ import annotations

import csv
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

from desktop.survey.vocabulary import KPI_ATTRIBUTE_LABELS
from desktop.reports.atomic import Verify, atomic_path, write_guard
from desktop.reports.errors import ReportCancelled
from desktop.reports.model import (
    KPI_HEADERS,
    LABEL_BUREAU,
    LABEL_MINISTRY,
    LABEL_YEAR,
    KpiRow,
    Report,
    Section,
)
from desktop.reports.textsafe import csv_guard, printable
from desktop.survey.progress import METHOD_BASELINE, METHOD_DOWN, METHOD_UP, achievement_rate  # noqa: F401 (re-exported)
from desktop.survey.sheet import parse_number
from desktop.survey.wareki import format_fiscal_year

Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]


def headers(report: Report) -> list[str]:
    item, indicator, unit = KPI_HEADERS[:3]
    k = KPI_ATTRIBUTE_LABELS
    return [LABEL_YEAR, f"{LABEL_YEAR}（和暦）", LABEL_MINISTRY, LABEL_BUREAU, report.title_label,
            dict(report.field_labels).get(report.classification_field or "", "施策分類"), item,
            k["kind"], indicator, unit, k["direction"], k["baseline_value"], k["baseline_year"], k["target_value"],
            k["target_year"], k["qualifier"], k["target_kind"], "目標水準", k["actual"],
            "達成率（%）", "達成率の算定方法", k["data_source"], "非公開"]


def _number_text(value: str | None) -> str:
    """A number normalised for computation, or the value as typed (guarded)."""
    if value is None:
        return ""
    number = parse_number(value)
    if number is None:
        return csv_guard(printable(value))
    text = format(number, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text or "0"


def _rows(report: Report, s: Section) -> list[list[str]]:
    classification = s.classification
    rows = []
    for k in s.kpis:
        if k.withheld or not k.has_kpi:
            continue
        years = sorted({y for y, v in k.actuals if v is not None} | {s.fiscal_year})
        for year in years:
            rows.append(_row(s, classification, k, year))
    return rows


def _row(s: Section, classification: str, k: KpiRow, year: int) -> list[str]:
    actual = k.actual_of(year) or None
    rate, method = achievement_rate(k.direction, k.baseline_value, k.target_value, actual, k.target_kind, k.qualifier)

    def text(value: str) -> str:
        return csv_guard(printable(value))

    return [
        str(year), format_fiscal_year(year), text(s.ministry), text(s.bureau), text(s.heading), text(classification),
        text(k.item), text(k.kind), text(k.indicator), text(k.unit), k.direction.label if k.direction else "",
        _number_text(k.baseline_value), str(k.baseline_year or ""), _number_text(k.target_value),
        str(k.target_year or ""), k.qualifier.label if k.qualifier else "", k.target_kind.label,
        _number_text(k.target_level) if k.target_level else "", _number_text(actual),
        "" if rate is None else f"{rate.quantize(Decimal('0.1'))}", method, text(k.data_source),
        "○" if k.nonpublic else "",
    ]


def write_csv(report: Report, path: str | Path, *, progress: Progress | None = None,
              cancelled: Cancelled | None = None, verify: Verify | None = None) -> Path:
    """Write the KPI CSV to ``path`` atomically; same progress/cancel contract as the other writers."""
    path = Path(path)
    sections = report.sections
    total = len(sections) + 1
    with atomic_path(path, verify=verify) as temp:
        guard = write_guard(report)
        with open(temp, "w", encoding="utf-8-sig", newline="") as handle:
            writer = csv.writer(handle, lineterminator="\r\n")
            writer.writerow(headers(report))
            for done, section in enumerate(sections, start=1):
                if cancelled and cancelled():
                    raise ReportCancelled()
                if guard is not None:
                    guard.section(section)
                writer.writerows(_rows(report, section))
                if progress:
                    progress(done, total)
    if progress:
        progress(total, total)
    return path
