"""The 集計 sheet of the Excel report: the report's summary (desktop.reports.summary) as one table.

One row per ministry, then one per 施策分類 and one per area (measures and
KPIs by 進捗; a measure counts once per area it names), then the total. A
single table with a 区分 column rather than three tables, so the autofilter
and the print set-up of the other sheets work here too.

The figures are the report's own (what it prints, so the public version
counts a withheld 進捗 under 非公開), the same as the Word report's summary
tables. The internal version adds the measures by 状態 per ministry and,
with an overview of the year (desktop.store.overview), the sheets with
validation errors; those are workflow figures and never in the public file.

:func:`headers` and :func:`rows` lay out a desktop.store.overview.Overview the
same way for the GUI's 集計 view (the database's year, not a report).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from desktop.reports.model import LABEL_KPIS, LABEL_MEASURES, LABEL_MINISTRY, LABEL_TOTAL
from desktop.reports.summary import Summary, SummaryRow, count_headers, counts
from desktop.survey.progress import KpiStatus
from desktop.survey.sheet import Status

if TYPE_CHECKING:
    from desktop.store.overview import KpiCounts, Overview

SHEET_SUMMARY = "集計"
KIND_MINISTRY = LABEL_MINISTRY
KIND_TOTAL = LABEL_TOTAL
LABEL_KIND = "区分"
LABEL_NAME = "名称"
LABEL_ERRORS = "エラーあり"
LABEL_SHEETS = LABEL_MEASURES

Cell = int | str | None


def summary_headers(summary: Summary, overview: "Overview | None" = None) -> list[str]:
    measures, *kpis = count_headers(summary)
    out = [LABEL_KIND, LABEL_NAME, measures]
    if summary.shows_status:
        out += [s.label for s in Status]
    if overview is not None:
        out.append(LABEL_ERRORS)
    return out + kpis


def summary_widths(summary: Summary, overview: "Overview | None" = None) -> list[int]:
    # 区分 wide enough for 「戦略領域・重要領域」 on one line.
    n = len(summary_headers(summary, overview))
    statuses = len(Status) if summary.shows_status else 0
    errors = 1 if overview is not None else 0
    return [20, 36, 8] + [8] * statuses + [10] * errors + [9] * (n - 3 - statuses - errors)


def summary_rows(summary: Summary, overview: "Overview | None" = None) -> list[list[Cell]]:
    """The table's rows; status and error cells are empty (None) for classifications and areas."""
    errors = {m.ministry: m.with_errors for m in overview.ministries} if overview is not None else None

    def line(kind: str, row: SummaryRow, error: int | None, workflow: bool) -> list[Cell]:
        measures, *kpis = counts(summary, row)
        out: list[Cell] = [kind, row.label, measures]
        if summary.shows_status:
            out += [row.statuses[s] if workflow else None for s in Status]
        if errors is not None:
            out.append(error if workflow else None)
        return out + kpis

    table = []
    for m in summary.ministries.rows:
        table.append(line(KIND_MINISTRY, m, (errors or {}).get(m.label, 0), True))
    for group in (summary.classifications, summary.areas):
        table += [line(group.kind, g, None, False) for g in group.rows]
    total = summary.classifications.total
    table.append(line(KIND_TOTAL, SummaryRow("", total.measures, total.kpis, total.progress, total.withheld,
                                             total.statuses),
                      overview.with_errors if overview is not None else None, True))
    return table


# --------------------------------------------------------------------------
# The store's overview of a year, in the same layout (the GUI's 集計 view).


def headers() -> list[str]:
    return ([LABEL_KIND, LABEL_NAME, LABEL_SHEETS] + [s.label for s in Status] + [LABEL_ERRORS, LABEL_KPIS]
            + [s.label for s in KpiStatus])


def _kpis(kpi_counts: "KpiCounts") -> list[Cell]:
    return [kpi_counts.total] + [kpi_counts.of(s) for s in KpiStatus]


def rows(overview: "Overview", classification_label: str, areas_label: str) -> list[list[Cell]]:
    """The overview's rows; status and error cells are empty (None) for classifications and areas."""
    empty: list[Cell] = [None] * (len(Status) + 1)
    out: list[list[Cell]] = []
    for m in overview.ministries:
        out.append([KIND_MINISTRY, m.ministry, m.sheets] + [m.by_status[s] for s in Status] + [m.with_errors]
                   + _kpis(m.kpis))
    for kind, groups in ((classification_label, overview.classifications), (areas_label, overview.areas)):
        out += [[kind, g.label, g.measures] + empty + _kpis(g.kpis) for g in groups]
    out.append([KIND_TOTAL, "", overview.sheets] + [overview.by_status[s] for s in Status] + [overview.with_errors]
               + _kpis(overview.kpis))
    return out
