"""The tables a report prints across its measures: summaries, the list of all KPIs, each measure's grid.

Everything here is computed from the built :class:`~desktop.reports.model.Report`,
never from the sheets: the public version can then only count and list what
it prints, and a withheld value cannot reach these tables by another road.

* :func:`build_summary`: per 施策分類, per 戦略領域・重要領域 and per 府省庁,
  the number of measures, of KPIs, and of KPIs in each 進捗 (達成 / 順調 / 遅れ /
  データなし, as desktop.survey.progress judged them as of each sheet's year;
  the model put the label on each KpiRow). The survey's classifications and
  areas are all listed, with zeros, so a reader sees which have no measure.
  A measure counts once for its classification and once for each area it
  names; the area table's total is the number of measures.
* Fail closed on withheld KPIs (public): a KPI that is printed counts as a
  KPI, but when its row is withheld or its 進捗 is withheld (it would give a
  withheld value away), it is counted under 非公開, never under a 進捗. A
  withheld classification or area list is counted under the placeholder.
  Items without a KPI (KPI未設定) are not KPIs.
* :func:`kpi_list`: one entry per printed KPI with 施策番号, 施策名, 府省庁 and
  the KPI table's own cells (so a withheld value is the same placeholder).
* :func:`kpi_grid`: per measure, each KPI's actuals by fiscal year against
  its baseline and target, with the 達成率 of each year when its 進捗 may be
  shown (two or more years; one year is the KPI table's 当年度実績).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from desktop.reports.model import (
    LABEL_KPIS,
    LABEL_MEASURES,
    LABEL_MINISTRY,
    LABEL_NO_AREA,
    LABEL_PROGRESS_WITHHELD,
    LABEL_TOTAL,
    SUMMARY_AREA_NOTE,
    UNCLASSIFIED,
    Audience,
    KpiRow,
    Report,
    Section,
)
from desktop.survey.progress import KpiStatus, achievement_rate, format_figure, format_number
from desktop.survey.sheet import Status

PROGRESS_ORDER = tuple(KpiStatus)
_BY_LABEL = {s.label: s for s in KpiStatus}
_STATUS_BY_LABEL = {s.label: s for s in Status}


@dataclass
class SummaryRow:
    """One line of a summary table."""

    label: str
    measures: int = 0
    kpis: int = 0
    progress: dict[KpiStatus, int] = field(default_factory=lambda: {s: 0 for s in KpiStatus})
    withheld: int = 0                       # KPIs whose 進捗 is not given (public)
    statuses: dict[Status, int] = field(default_factory=lambda: {s: 0 for s in Status})   # internal only

    def of(self, status: KpiStatus) -> int:
        return self.progress[status]


@dataclass(frozen=True)
class SummaryTable:
    kind: str                       # 施策分類 / 戦略領域・重要領域 / 府省庁
    rows: tuple[SummaryRow, ...]
    total: SummaryRow
    note: str = ""                  # printed under the table (the area table's double counting)


@dataclass(frozen=True)
class Summary:
    classifications: SummaryTable
    areas: SummaryTable
    ministries: SummaryTable
    shows_withheld: bool            # the 非公開 column (always in the public version)
    shows_status: bool              # internal: measures by 状態

    @property
    def tables(self) -> tuple[SummaryTable, ...]:
        """The tables the Word report prints (by 施策分類 and by area)."""
        return (self.classifications, self.areas)


def kpi_rows(section: Section) -> tuple[KpiRow, ...]:
    """The section's printed rows that stand for a KPI (not the items without one)."""
    return tuple(k for k in section.kpis if k.has_kpi)


def _progress_of(row: KpiRow) -> KpiStatus | None:
    """The KPI's 進捗, or None when it is not given (withheld row, withheld or unknown label)."""
    if row.withheld:
        return None
    return _BY_LABEL.get(row.progress)


def _add(target: SummaryRow, section: Section, statuses: Sequence[KpiStatus | None]) -> None:
    target.measures += 1
    status = _STATUS_BY_LABEL.get(section.status)
    if status is not None:
        target.statuses[status] += 1
    for s in statuses:
        target.kpis += 1
        if s is None:
            target.withheld += 1
        else:
            target.progress[s] += 1


def _table(kind: str, known: Sequence[str], groups: dict[str, SummaryRow], total: SummaryRow,
           note: str = "") -> SummaryTable:
    """The known labels in the survey's order (zeros included), then any other printed label."""
    rows = [groups.pop(label, SummaryRow(label)) for label in dict.fromkeys(known)]
    rows += groups.values()
    return SummaryTable(kind, tuple(rows), total, note)


def classification_label(report: Report) -> str:
    """The survey's label of its classification field (施策分類)."""
    fallback = UNCLASSIFIED.removesuffix("なし")
    return dict(report.field_labels).get(report.classification_field or "", fallback)


def build_summary(report: Report) -> Summary:
    """The summary tables of the report (see the module docstring)."""
    by_class: dict[str, SummaryRow] = {}
    by_area: dict[str, SummaryRow] = {}
    by_ministry: dict[str, SummaryRow] = {}
    totals = [SummaryRow(LABEL_TOTAL) for _ in range(3)]
    no_area = f"（{report.areas_label}の{LABEL_NO_AREA}）"
    for section in report.sections:
        statuses = [_progress_of(k) for k in kpi_rows(section)]
        label = section.classification
        _add(by_class.setdefault(label, SummaryRow(label)), section, statuses)
        for area in section.area_list or (no_area,):
            _add(by_area.setdefault(area, SummaryRow(area)), section, statuses)
        _add(by_ministry.setdefault(section.ministry, SummaryRow(section.ministry)), section, statuses)
        for total in totals:
            _add(total, section, statuses)
    ministries = sorted(by_ministry.values(), key=lambda r: (-r.measures, r.label))
    withheld = report.audience is Audience.PUBLIC or totals[0].withheld > 0
    return Summary(
        classifications=_table(classification_label(report), report.classification_labels, by_class, totals[0]),
        areas=_table(report.areas_label, report.area_labels, by_area, totals[1],
                     SUMMARY_AREA_NOTE.format(areas=report.areas_label)),
        ministries=SummaryTable(LABEL_MINISTRY, tuple(ministries), totals[2]),
        shows_withheld=withheld,
        shows_status=report.shows_status,
    )


def count_headers(summary: Summary) -> list[str]:
    """The count columns of a summary table after its name: 施策数, KPI数, the 進捗 (and 非公開)."""
    out = [LABEL_MEASURES, LABEL_KPIS] + [s.label for s in PROGRESS_ORDER]
    return out + [LABEL_PROGRESS_WITHHELD] if summary.shows_withheld else out


def counts(summary: Summary, row: SummaryRow) -> list[int]:
    """The row's figures in the order of :func:`count_headers`."""
    out = [row.measures, row.kpis] + [row.of(s) for s in PROGRESS_ORDER]
    return out + [row.withheld] if summary.shows_withheld else out


# --------------------------------------------------------------------------
# The list of all KPIs and the grid of one measure.


@dataclass(frozen=True)
class KpiListEntry:
    """One line of the list of all KPIs: the measure, and the KPI table's own cells."""

    number: int
    title: str
    ministry: str
    row: KpiRow


def kpi_list(report: Report) -> tuple[KpiListEntry, ...]:
    """Every printed KPI of the report, in report order."""
    return tuple(KpiListEntry(s.number, s.heading, s.ministry, k) for s in report.sections for k in kpi_rows(s))


def shown_value(text: str | None, unit: str = "") -> str:
    """A value as the tables print it: a numeral as printed documents write it (progress.format_figure:
    comma groups, 兆・億・万), else as typed — the placeholder and text such as 「-」 stay exactly as the
    KPI table prints them."""
    return format_figure(text, unit)


@dataclass(frozen=True)
class GridLine:
    """One KPI of the grid: its values by year, and (when its 進捗 may be shown) the 達成率 by year."""

    indicator: str
    unit: str
    baseline: str
    target: str
    values: tuple[str, ...]           # in the order of Grid.years
    rates: tuple[str, ...] | None     # None: not given (withheld progress) or no year has a rate
    nonpublic: bool = False


@dataclass(frozen=True)
class Grid:
    years: tuple[int, ...]
    lines: tuple[GridLine, ...]


def _rate(row: KpiRow, value: str) -> str:
    rate, _method = achievement_rate(row.direction, row.baseline_value, row.target_value, value or None,
                                     row.target_kind, row.qualifier)
    return f"{format_number(rate, 1, grouped=True)}%" if rate is not None else ""


def kpi_grid(section: Section) -> Grid | None:
    """The measure's KPIs by fiscal year (years with any printed actual); None with fewer than two years.

    A single year is already in the KPI table (当年度実績 and its 達成率): the grid is printed when
    there is a trend to read.
    """
    rows = kpi_rows(section)
    years = tuple(sorted({y for k in rows for y, v in k.actuals if v}))
    if len(years) < 2:
        return None
    lines = []
    for k in rows:
        values = tuple(shown_value(k.actual_of(y), k.unit) for y in years)
        rates = None
        if not k.withheld and k.progress in _BY_LABEL:      # a withheld 進捗 withholds the rates too
            rates = tuple(_rate(k, k.actual_of(y)) for y in years)
            if not any(rates):
                rates = None
        lines.append(GridLine(k.indicator, k.unit, k.baseline, k.target, values, rates, k.nonpublic))
    return Grid(years, tuple(lines))
