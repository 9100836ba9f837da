"""The 集計 sheet of the Excel report: the secretariat's overview of a survey year as one table.

One row per ministry (sheets by status, sheets with errors, KPIs by
progress), then one per 施策分類 and one per area (measures and KPIs by
progress; a sheet counts once per area it names), then the total. A single
table with a 区分 column rather than three tables, so the autofilter and the
print set-up of the other sheets work here too. The figures come from
desktop.store.overview, the same as ``sesaku-desk overview`` and the GUI's
集計 view; this module only lays them out.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from desktop.survey.progress import KpiStatus
from desktop.survey.sheet import Status

if TYPE_CHECKING:
    from desktop.store.overview import KpiCounts, Overview

SHEET_SUMMARY = "集計"
KIND_MINISTRY = "府省庁"
KIND_TOTAL = "合計"
LABEL_KIND = "区分"
LABEL_NAME = "名称"
LABEL_SHEETS = "施策数"
LABEL_ERRORS = "エラーあり"
LABEL_KPIS = "KPI数"

Cell = int | str | None


def headers() -> list[str]:
    return ([LABEL_KIND, LABEL_NAME, LABEL_SHEETS] + [s.label for s in Status] + [LABEL_ERRORS, LABEL_KPIS]
            + [s.label for s in KpiStatus])


def widths() -> list[int]:
    # 区分 wide enough for 「戦略領域・重要領域」 on one line.
    return [20, 36, 8] + [8] * len(Status) + [10, 8] + [9] * len(KpiStatus)


def _kpis(counts: "KpiCounts") -> list[Cell]:
    return [counts.total] + [counts.of(s) for s in KpiStatus]


def rows(overview: "Overview", classification_label: str, areas_label: str) -> list[list[Cell]]:
    """The table's rows; status and error cells are empty (None) for classifications and areas."""
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
