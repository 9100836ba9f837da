"""The secretariat's overview of one survey year: where the sheets stand and how the KPIs are doing.

Per ministry: how many sheets are in each status and how many still have
validation errors (the ones that cannot be submitted). Per 施策分類 and per
area (戦略領域・重要領域): how many measures, and how many of their KPIs are
達成 / 順調 / 遅れ / データなし, judged as of the survey year by
desktop.survey.progress. A sheet counts once for its classification and once
for each of its areas, so the area rows do not add up to the number of
sheets. Sheets without a classification or without an area get a row of
their own (code None) when there are any, so every sheet is counted.

Plain dataclasses: the CLI prints them, the GUI shows them, the Excel report
writes them as a summary sheet. Rows follow the survey's own order for
classifications and areas, and ministries by their number of sheets (most
first, then by name).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from desktop.store.repository import Repository, SheetFilter
from desktop.survey.definition import FieldKind, SurveyDefinition
from desktop.survey.progress import KpiStatus, sheet_progress
from desktop.survey.sheet import SheetData, Status
from desktop.survey.validation import has_errors, validate_sheet


@dataclass
class KpiCounts:
    achieved: int = 0
    on_track: int = 0
    behind: int = 0
    no_data: int = 0

    def add(self, status: KpiStatus) -> None:
        name = status.value
        setattr(self, name, getattr(self, name) + 1)

    def of(self, status: KpiStatus) -> int:
        return getattr(self, status.value)

    @property
    def total(self) -> int:
        return self.achieved + self.on_track + self.behind + self.no_data


@dataclass
class MinistryRow:
    ministry: str
    sheets: int = 0
    by_status: dict[Status, int] = field(default_factory=lambda: {s: 0 for s in Status})
    with_errors: int = 0
    error_sheet_ids: list[int] = field(default_factory=list)
    kpis: KpiCounts = field(default_factory=KpiCounts)


@dataclass
class GroupRow:
    """A 施策分類 or an area: how many measures and how their KPIs stand."""

    code: str | None
    label: str
    measures: int = 0
    kpis: KpiCounts = field(default_factory=KpiCounts)


@dataclass
class Overview:
    survey_key: str
    year: int
    sheets: int
    by_status: dict[Status, int]
    with_errors: int
    kpis: KpiCounts
    ministries: list[MinistryRow]
    classifications: list[GroupRow]
    areas: list[GroupRow]


def build_overview(survey: SurveyDefinition, year: int, sheets: list[SheetData],
                   progress: Callable[[int, int], None] | None = None) -> Overview:
    """The overview of the given sheets (those of one survey year); no database needed."""
    ministries: dict[str, MinistryRow] = {}
    classifications = {c.code: GroupRow(c.code, survey.classification_display(c.code)) for c in survey.choices}
    areas = {a.code: GroupRow(a.code, a.label) for a in survey.areas}
    classification_field = survey.first_field_of_kind(FieldKind.CLASSIFICATION)
    unclassified = GroupRow(None, f"（{classification_field.label if classification_field else '分類'}なし）")
    no_area = GroupRow(None, f"（{survey.areas_label}の指定なし）")
    totals, by_status, with_errors = KpiCounts(), {s: 0 for s in Status}, 0
    for n, sheet in enumerate(sheets, start=1):
        row = ministries.setdefault(sheet.ministry, MinistryRow(sheet.ministry))
        row.sheets += 1
        row.by_status[sheet.status] += 1
        by_status[sheet.status] += 1
        if has_errors(validate_sheet(survey, sheet)):
            row.with_errors += 1
            row.error_sheet_ids.append(sheet.id)
            with_errors += 1
        statuses = [p.status for _, _, _, p in sheet_progress(sheet)]
        groups = [classifications.get(sheet.classification) or _unknown(classifications, sheet, unclassified)]
        groups += [areas.get(code) or areas.setdefault(code, GroupRow(code, code)) for code in dict.fromkeys(sheet.areas)]
        if not sheet.areas:
            groups.append(no_area)
        for group in groups:
            group.measures += 1
        for status in statuses:
            for counts in [totals, row.kpis] + [g.kpis for g in groups]:
                counts.add(status)
        if progress:
            progress(n, len(sheets))
    ordered = sorted(ministries.values(), key=lambda r: (-r.sheets, r.ministry))
    return Overview(
        survey_key=survey.key, year=year, sheets=len(sheets), by_status=by_status, with_errors=with_errors,
        kpis=totals, ministries=ordered,
        classifications=list(classifications.values()) + ([unclassified] if unclassified.measures else []),
        areas=list(areas.values()) + ([no_area] if no_area.measures else []),
    )


def _unknown(classifications: dict[str, GroupRow], sheet: SheetData, unclassified: GroupRow) -> GroupRow:
    """A code the survey does not list still gets its own row (validation reports it as an error)."""
    if not sheet.classification:
        return unclassified
    return classifications.setdefault(sheet.classification, GroupRow(sheet.classification, sheet.classification))


def year_overview(repo: Repository, year: int, *, survey_key: str | None = None,
                  progress: Callable[[int, int], None] | None = None) -> Overview:
    """The overview of a survey year in the database (deleted sheets left out)."""
    key = survey_key or repo.survey.key
    sheets = repo.load_sheets(SheetFilter(survey_key=key, year=year))
    return build_overview(repo.survey_definition(key), year, sheets, progress)
