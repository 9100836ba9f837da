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

from desktop.survey.vocabulary import KPI_ATTRIBUTE_LABELS
from desktop.disclosure.textedit import mark_text
from desktop.survey.definition import FieldKind, SurveyDefinition
from desktop.survey.parts import PartKind
from desktop.survey.sheet import MarkData, SheetData
from desktop.survey.wareki import format_fiscal_year

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
    if not mark.is_span or not kind.has_text or mark.start is None or mark.end is None:
        return None
    if 0 <= mark.start < mark.end <= len(text):
        return (mark.start, mark.end)
    return None


def sheet_title(survey: SurveyDefinition, sheet: SheetData) -> str:
    """The sheet's title on one line, as mark listings and leak reports name the sheet."""
    return " ".join(sheet.text(survey.title_field).split()) or "（無題）"


def _excerpt(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= EXCERPT else flat[:EXCERPT] + "…"


KPI_VALUE_LABELS = {a: KPI_ATTRIBUTE_LABELS[a] for a in ("indicator", "unit", "baseline_value", "target_value",
                                                        "data_source")}


def describe_part(survey: SurveyDefinition, sheet: SheetData, mark: MarkData) -> tuple[str | None, str, str]:
    """(field key, 項目, description) of what a mark withholds, in words a reviewer reads."""
    part = mark.part
    kpi_field = survey.first_field_of_kind(FieldKind.KPI_ITEMS)
    kpi_key = kpi_field.key if kpi_field else None
    pending = "（要確認：位置が見つかりません）" if mark.unplaced else ""
    text = mark_text(sheet, mark)
    if part.kind is PartKind.KPI:
        kpi = sheet.kpi_by_key(part.key)
        name = kpi.indicator if kpi else _excerpt(text)
        if part.attr:
            year = part.year
            what = f"{format_fiscal_year(year)}実績" if year is not None else KPI_VALUE_LABELS.get(part.attr, part.attr)
            return kpi_key, "KPI", f"KPI「{name}」の{what}「{_excerpt(text)}」{pending}"
        return kpi_key, "KPI", f"KPI「{name}」{pending}"
    if part.kind is PartKind.ITEM:
        item = sheet.item_by_key(part.key)
        name = item.title if item else _excerpt(text)
        what = {"title": "の名称", "plan_text": "の今後の検討予定"}.get(part.attr, "")
        return kpi_key, "実施項目", f"実施項目「{name}」{what}{pending}"
    if part.kind is PartKind.CITATION:
        c = sheet.citation_by_key(part.key)
        return (c.field_key if c else None), "出典", f"出典「{_excerpt(text)}」{pending}"
    if part.kind is PartKind.FIELD and survey.has_field(part.key):
        f = survey.field(part.key)
        if mark.unplaced:
            return f.key, f.label, f"「{f.label}」の「{_excerpt(text)}」{pending}"
        span = mark_span(mark, sheet.text(f.key), f.kind)
        if span is None:
            return f.key, f.label, f"「{f.label}」全体"
        return f.key, f.label, f"「{f.label}」の「{_excerpt(text)}」"
    return None, str(part), f"（不明な対象 {part}）{pending}"


def describe_marks(survey: SurveyDefinition, sheet: SheetData) -> list[MarkEntry]:
    title = sheet_title(survey, sheet)
    entries = []
    for number, mark in enumerate(sheet.marks, start=1):
        key, label, description = describe_part(survey, sheet, mark)
        entries.append(MarkEntry(number, sheet.id, title, key, label, mark_text(sheet, mark), mark.reason,
                                 description))
    return entries


@dataclass(frozen=True, slots=True)
class ReviewRow:
    """One mark of a year as the secretariat reviews it before publishing."""

    fiscal_year: int
    ministry: str
    entry: MarkEntry


def review_rows(survey: SurveyDefinition, sheets: Sequence[SheetData]) -> list[ReviewRow]:
    return [ReviewRow(s.fiscal_year, s.ministry, e) for s in sheets for e in describe_marks(survey, s)]
