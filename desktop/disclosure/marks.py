"""What each mark of a sheet withholds, in words a reviewer reads.

The 公開範囲に関する希望 section of the internal report, the review view of
a year's marks and the 非公開一覧 sheet of the internal Excel report all list
marks the same way: which part (a field, a passage of it, a KPI, a
citation), its text and the reason. A mark whose target is gone is listed
as what the public report does with it (the whole field, all KPIs, all
citations), so the reviewer sees what will actually be withheld.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from desktop.survey.definition import FieldKind, SurveyDefinition
from desktop.survey.sheet import MarkData, SheetData

EXCERPT = 40


@dataclass(frozen=True, slots=True)
class MarkEntry:
    number: int            # 1-based, in the sheet's order of marks
    sheet_id: int | None
    sheet_title: str
    field_key: str | None  # the field the part belongs to (the KPI field for KPIs)
    part: str              # 項目: the field's label, KPI or 出典
    text: str              # the withheld text as typed (whole)
    reason: str
    description: str       # e.g. 「施策内容」の「…」, 「施策名」全体, KPI「…」

    @property
    def excerpt(self) -> str:
        flat = " ".join(self.text.split())
        return flat if len(flat) <= EXCERPT else flat[:EXCERPT] + "…"

    @property
    def line(self) -> str:
        """One line of the 公開範囲に関する希望 section of the internal report."""
        return f"非公開箇所{self.number}：{self.description}（理由：{self.reason}）"


def mark_span(mark: MarkData, text: str, kind: FieldKind) -> tuple[int, int] | None:
    """A span mark's offsets, or None when the mark covers the whole field.

    A span that does not fit the text (negative, reversed, past the end, half
    given) counts as the whole field: when in doubt, withhold more.
    """
    if mark.start is None and mark.end is None:
        return None
    if not kind.has_text or mark.start is None or mark.end is None:
        return None
    if 0 <= mark.start <= mark.end <= len(text):
        return (mark.start, mark.end)
    return None


def sheet_title(survey: SurveyDefinition, sheet: SheetData) -> str:
    """The sheet's title on one line, as mark listings and leak reports name the sheet."""
    return " ".join(sheet.text(survey.title_field).split()) or "（無題）"


def describe_marks(survey: SurveyDefinition, sheet: SheetData) -> list[MarkEntry]:
    title = sheet_title(survey, sheet)
    kpi_field = survey.first_field_of_kind(FieldKind.KPI_ITEMS)
    entries = []
    for number, mark in enumerate(sheet.marks, start=1):
        key, part, text = mark.field_key, mark.field_key or "", ""
        if mark.kpi_id is not None:
            kpi = next((k for _, k in sheet.all_kpis() if k.id == mark.kpi_id), None)
            key, part = (kpi_field.key if kpi_field else None), "KPI"
            text = kpi.indicator if kpi else ""
            description = f"KPI「{text}」" if kpi else "KPI（対象が見つからないため全KPI）"
        elif mark.citation_id is not None:
            c = next((c for c in sheet.citations if c.id == mark.citation_id), None)
            key, part = (c.field_key if c else None), "出典"
            text = c.quoted_text if c else ""
            description = f"出典「{text[:EXCERPT]}」" if c else "出典（対象が見つからないため全出典）"
        elif mark.field_key and survey.has_field(mark.field_key):
            f = survey.field(mark.field_key)
            part, text = f.label, sheet.text(f.key)
            span = mark_span(mark, text, f.kind)
            if span is None:
                description = f"「{f.label}」全体"
            else:
                text = text[span[0]:span[1]]
                more = "…" if len(text) > EXCERPT else ""
                description = f"「{f.label}」の「{text[:EXCERPT]}{more}」"
        else:
            description = f"（不明な対象 {mark.field_key or ''}）"
        entries.append(MarkEntry(number, sheet.id, title, key, part, text, mark.reason, description))
    return entries


@dataclass(frozen=True, slots=True)
class ReviewRow:
    """One mark of a year as the secretariat reviews it before publishing."""

    fiscal_year: int
    ministry: str
    entry: MarkEntry


def review_rows(survey: SurveyDefinition, sheets: Sequence[SheetData]) -> list[ReviewRow]:
    return [ReviewRow(s.fiscal_year, s.ministry, e) for s in sheets for e in describe_marks(survey, s)]


def marked_sheets(repository, year: int | None = None) -> list[SheetData]:
    """The sheets of the repository's survey that carry marks (of one fiscal year, or all years)."""
    from desktop.store.repository import SheetFilter

    sheets = repository.load_sheets(SheetFilter(survey_key=repository.survey.key, year=year))
    return [s for s in sheets if s.marks]
