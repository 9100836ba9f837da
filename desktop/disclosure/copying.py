"""The one copy rule: a duplicate of a sheet, and next year's sheet, are made here and nowhere else.

Both copies keep what identifies a part of the sheet (the keys of items,
KPIs and citations; desktop/survey/parts.py) and the lineage, so every mark
is copied as it is and still names what it marked, and the copy shares the
register of withheld text with its original: text withheld in either stays
withheld in both until a person releases it. Neither copy has ids, a
version or a history of its own yet; the repository gives it those.

Next year's sheet (:func:`successor`) carries:

* 府省庁, 担当部局・課室, 担当者, contact, 施策分類, the areas; every text
  field whose survey definition says ``carry_over`` (all but 当年度の実績 in
  the shipped survey, plus any field the survey does not know, so nothing is
  lost silently); the 実施項目 with their 今後の検討予定; the KPI definitions
  and targets; citations in carried fields; the sample flag;
* KPI actuals of the years before the new year, so last year's value is on
  the sheet itself (the editor, the charts, the 前年度実績 column); marks on
  those values come along, so a value withheld last year stays withheld;
* not: the text of fields that do not carry over, the citations in them,
  the new year's actuals (and any later ones). A mark in a cleared field is
  moved to wherever its passage appears in the carried text (the same words
  repeated in 課題), and otherwise left to the register, which withholds its
  text wherever it is typed again;
* status 下書き; ``predecessor_id`` is the old sheet;
* the version of the survey it is made in (``survey``'s). When the old sheet
  was filled in an earlier version (``previous``), a field the new version
  renamed (its 旧名) takes the old field's text with its marks and citations,
  and a field the new version removed keeps its text, marks and citations
  under the old key (survey/field_map.py): never dropped, never published.
"""

from __future__ import annotations

import copy
from dataclasses import replace

from desktop.disclosure.textedit import find_passage
from desktop.survey.definition import SurveyDefinition
from desktop.survey.field_map import renames
from desktop.survey.parts import PartKind
from desktop.survey.sheet import KpiData, MarkData, SheetData, Status


def _fresh(sheet: SheetData) -> SheetData:
    """A deep copy without the database's identity (ids, version, times, pending releases)."""
    out = copy.deepcopy(sheet)
    out.id, out.version, out.created_at, out.updated_at = None, 0, None, None
    out.releases = []
    for item in out.items:
        item.id = None
        for kpi in item.kpis:
            kpi.id = None
    for c in out.citations:
        c.id = None
    for m in out.marks:
        m.id = None
    return out


def duplicate(sheet: SheetData, title_field: str, suffix: str) -> SheetData:
    """A new draft with the same content and every mark; the title gets ``suffix``."""
    out = _fresh(sheet)
    if out.fields.get(title_field):
        out.fields[title_field] = out.fields[title_field] + suffix
    out.status, out.is_sample, out.predecessor_id = Status.DRAFT, False, None
    return out


def _kpi_for(kpi: KpiData, to_year: int) -> None:
    kpi.actuals = {y: v for y, v in sorted(kpi.actuals.items()) if y < to_year and v is not None}


def _carried_mark(survey: SurveyDefinition, new: SheetData, mark: MarkData) -> list[MarkData]:
    """Where a mark of the old sheet goes in the new one (an empty list: its text is not carried)."""
    part = mark.part
    if part.kind is PartKind.FIELD and not survey.carries(part.key):
        # Its field starts empty: mark the passage where the carried text repeats it.
        found = []
        for key, text in new.fields.items():
            for a, b in find_passage(text, mark.text) if mark.text else []:
                found.append(replace(mark, part=replace(part, key=key), start=a, end=b, text=text[a:b]))
        return found
    if part.kind is PartKind.CITATION and new.citation_by_key(part.key) is None:
        return []
    if part.kind is PartKind.KPI and part.year is not None and part.year >= new.fiscal_year:
        return []          # an actual of the new year or later is not carried
    return [mark]


def _renamed(out: SheetData, moved: dict[str, str]) -> None:
    """Fields renamed by the new version take the old key's text, marks and citations (in place)."""
    if not moved:
        return
    out.fields = {moved.get(k, k): v for k, v in out.fields.items()}
    out.marks = [replace(m, part=replace(m.part, key=moved[m.part.key]))
                 if m.part.kind is PartKind.FIELD and m.part.key in moved else m for m in out.marks]
    for c in out.citations:
        c.field_key = moved.get(c.field_key, c.field_key)


def successor(survey: SurveyDefinition, sheet: SheetData, to_year: int,
              previous: SurveyDefinition | None = None) -> SheetData:
    """Next year's sheet made from ``sheet`` in ``survey`` (``previous``: the version ``sheet`` was filled
    in, when earlier; see the module docstring for what carries)."""
    out = _fresh(sheet)
    out.fiscal_year, out.status, out.predecessor_id = to_year, Status.DRAFT, sheet.id
    out.survey_version = survey.version
    if previous is not None:
        _renamed(out, renames(previous, survey))
    out.fields = {k: v for k, v in out.fields.items() if v and survey.carries(k)}
    for item in out.items:
        for kpi in item.kpis:
            _kpi_for(kpi, to_year)
    out.citations = [c for c in out.citations if survey.carries(c.field_key)]
    out.marks = [m for mark in out.marks for m in _carried_mark(survey, out, mark)]
    return out


__all__ = ["duplicate", "successor"]
