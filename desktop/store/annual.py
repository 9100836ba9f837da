"""Starting next fiscal year's survey from this year's sheets (``sesaku-desk new-year``).

The follow-up is yearly and the second year starts from the first: each sheet
of the old year gets a successor in the new year that knows its predecessor.

What carries over, and what does not (:func:`successor_of`):

* carried: 府省庁, 担当部局・課室, 担当者, contact, 施策分類, the areas, every text
  field whose survey definition says ``carry_over`` (all but 当年度の実績 in
  the shipped survey, plus any field the survey does not know, so nothing is
  lost silently), the 実施項目 with their 今後の検討予定, the KPI definitions and
  targets, citations in carried fields, the sample flag;
* KPI actuals of the years before the new year are copied onto the new KPIs,
  so last year's value is on the sheet itself: the editor, the charts, the
  reports' 前年度実績 column and the overview read one sheet, not a chain;
* cleared: the text of fields that do not carry over (当年度の実績), the
  citations in them, the new year's actuals (and any later ones);
* status 下書き; ``predecessor_id`` is the old sheet;
* non-public marks follow what they mark: a mark in a carried field keeps its
  span (the text is identical), a KPI or citation mark is moved onto the new
  KPI or citation, a mark in a cleared field or on a dropped citation goes
  with it. A mark whose target cannot be found in the sheet is carried as it
  is: the report model then withholds on the safe side, as it did before.

Idempotent: a sheet that already has a successor in the new year (made by an
earlier run, by importing a returned form, deleted or not) is skipped. A
deleted successor counts, so a measure someone removed on purpose does not
come back; restoring it from the trash is the way back. Deleted sheets of the
old year are not carried, and measures that ended are left out by id.

Everything is written in one transaction, in batches of ORM rows flushed
together (one INSERT per table and batch), not one save per sheet: the
repository's per-sheet save costs 7-15 ms, a minute for 5,000 sheets, where
this takes about 2.5 ms a sheet (benchmarks/bench_new_year.py). The rows are
built through the ORM, so model-level hooks (the search copy of field text)
apply as in a normal save. The source sheets are read through the repository
before the write lock is taken; the transaction then checks that none of
them changed in between, and refuses the run if one did.

New sheets get two revisions, ``sheet`` (created) and ``predecessor_id``, so
their history says when, by whom and from which sheet they were made.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from desktop.store import convert, fulltext
from desktop.store.models import Citation, FiscalYear, Revision, Sheet, SheetArea, SheetField, Survey
from desktop.store.repository import Repository, SheetFilter
from desktop.survey.definition import SurveyDefinition
from desktop.survey.sheet import CitationData, ItemData, KpiData, MarkData, SheetData, Status
from desktop.survey.wareki import format_fiscal_year

BATCH = 500

Progress = Callable[[int, int], None]


class NewYearError(ValueError):
    """A new-year run that cannot be done as asked; the message is for staff."""


@dataclass(frozen=True)
class Successor:
    predecessor_id: int
    sheet_id: int | None        # the new (or already existing) sheet; None in a dry run
    title: str


@dataclass(frozen=True)
class NewYearResult:
    from_year: int
    to_year: int
    created: tuple[Successor, ...]
    existing: tuple[Successor, ...]     # skipped: a successor was already there
    excluded: tuple[int, ...]
    dry_run: bool = False


@dataclass
class CarriedSheet:
    """A successor before it has ids: marks that point at KPIs or citations wait for theirs."""

    sheet: SheetData                                                    # field marks only
    kpi_marks: list[tuple[int, int, MarkData]] = field(default_factory=list)   # (item, KPI index, mark)
    citation_marks: list[tuple[int, MarkData]] = field(default_factory=list)   # (citation index, mark)


def _kpi(kpi: KpiData, to_year: int) -> KpiData:
    return replace(kpi, id=None, actuals={y: v for y, v in sorted(kpi.actuals.items())
                                          if y < to_year and v is not None})


def successor_of(survey: SurveyDefinition, sheet: SheetData, to_year: int) -> CarriedSheet:
    """Next year's sheet made from ``sheet`` (see the module docstring for what carries)."""
    kpi_place = {kpi.id: (i, k) for i, item in enumerate(sheet.items)
                 for k, kpi in enumerate(item.kpis) if kpi.id is not None}
    citations = [c for c in sheet.citations if survey.carries(c.field_key)]
    citation_place = {c.id: n for n, c in enumerate(citations) if c.id is not None}
    dropped_citations = {c.id for c in sheet.citations if c.id is not None} - set(citation_place)
    new = SheetData(
        survey_key=sheet.survey_key, fiscal_year=to_year, ministry=sheet.ministry, bureau=sheet.bureau,
        person=sheet.person, contact=sheet.contact, status=Status.DRAFT, classification=sheet.classification,
        areas=list(sheet.areas),
        fields={k: v for k, v in sheet.fields.items() if v and survey.carries(k)},
        items=[ItemData(title=i.title, plan_text=i.plan_text, kpis=[_kpi(k, to_year) for k in i.kpis])
               for i in sheet.items],
        citations=[replace(c, id=None) for c in citations],
        is_sample=sheet.is_sample, predecessor_id=sheet.id,
    )
    carried = CarriedSheet(new)
    for mark in sheet.marks:
        fresh = replace(mark, id=None)
        on_field = mark.kpi_id is None and mark.citation_id is None
        if mark.kpi_id is not None and mark.kpi_id in kpi_place:
            carried.kpi_marks.append((*kpi_place[mark.kpi_id], fresh))
        elif mark.citation_id is not None and mark.citation_id in citation_place:
            carried.citation_marks.append((citation_place[mark.citation_id], fresh))
        elif mark.citation_id in dropped_citations or (on_field and not survey.carries(mark.field_key)):
            continue      # what it marked is not carried over
        else:
            new.marks.append(fresh)
    return carried


# -- writing ---------------------------------------------------------------------


def _citation_row(c: CitationData, order: int) -> Citation:
    return Citation(field_key=c.field_key, position=c.position, position_order=order, passage_id=c.passage_id,
                    quoted_text=c.quoted_text, locator=c.locator)


def _sheet_row(survey: SurveyDefinition, survey_id: int, data: SheetData) -> Sheet:
    """The rows of a new sheet, as Repository.save_sheet creates them (see convert for items and KPIs)."""
    row = Sheet(survey_id=survey_id, fiscal_year=data.fiscal_year, status=data.status.value, ministry=data.ministry,
                bureau=data.bureau, person=data.person, contact=data.contact, classification=data.classification,
                title=data.fields.get(survey.title_field, "") or "", is_sample=data.is_sample,
                predecessor_id=data.predecessor_id)
    row.fields = [SheetField(key=k, value=v) for k, v in data.fields.items() if v]
    row.areas = [SheetArea(area_code=code, position=i) for i, code in enumerate(dict.fromkeys(data.areas))]
    row.items = [convert.new_item(item, i) for i, item in enumerate(data.items)]
    row.citations = [_citation_row(c, i) for i, c in enumerate(data.citations)]
    row.marks = [convert.new_mark(m) for m in data.marks]
    return row


def _place_marks(row: Sheet, carried: CarriedSheet) -> None:
    """Point carried KPI and citation marks at the new rows (which have ids after a flush)."""
    for i, k, mark in carried.kpi_marks:
        row.marks.append(convert.new_mark(replace(mark, kpi_id=row.items[i].kpis[k].id)))
    for n, mark in carried.citation_marks:
        row.marks.append(convert.new_mark(replace(mark, citation_id=row.citations[n].id)))


def _existing_successors(s: Session, survey_id: int, from_year: int, to_year: int) -> dict[int, int]:
    """predecessor id → successor id for the old year's sheets that already have one (deleted ones too)."""
    old = aliased(Sheet)
    rows = s.execute(select(Sheet.predecessor_id, Sheet.id)
                     .join(old, old.id == Sheet.predecessor_id)
                     .where(Sheet.survey_id == survey_id, Sheet.fiscal_year == to_year,
                            old.fiscal_year == from_year)
                     .order_by(Sheet.id))
    found: dict[int, int] = {}
    for predecessor, successor in rows:
        found.setdefault(predecessor, successor)
    return found


def _versions(s: Session, survey_id: int, year: int) -> dict[int, int]:
    return dict(s.execute(select(Sheet.id, Sheet.version).where(
        Sheet.survey_id == survey_id, Sheet.fiscal_year == year, Sheet.deleted_at.is_(None))).all())


def _batches(items: list, size: int) -> Iterable[list]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


def start_new_year(repo: Repository, from_year: int, to_year: int, *, exclude_ids: Iterable[int] = (),
                   author: str, dry_run: bool = False, survey_key: str | None = None,
                   progress: Progress | None = None) -> NewYearResult:
    """Create ``to_year``'s sheets from ``from_year``'s, skipping excluded ones and those already carried."""
    old_label, new_label = format_fiscal_year(from_year), format_fiscal_year(to_year)
    if to_year <= from_year:
        raise NewYearError(f"作成する年度（{new_label}）は元の年度（{old_label}）より後の年度にしてください。")
    key = survey_key or repo.survey.key
    survey = repo.survey_definition(key)
    wanted = SheetFilter(survey_key=key, year=from_year)
    rows = repo.sheet_rows(repo.sheet_ids(wanted, order="id", descending=False))
    if not rows:
        raise NewYearError(f"{old_label}の施策シートがありません。年度を確認してください。")
    excluded = tuple(dict.fromkeys(int(i) for i in exclude_ids))
    unknown = [i for i in excluded if i not in rows]
    if unknown:
        raise NewYearError(f"除外に指定したID {', '.join(map(str, unknown))} は{old_label}の施策シートではありません。")

    def plan(s: Session) -> tuple[int, dict[int, int], list[int]]:
        survey_id = s.scalar(select(Survey.id).where(Survey.key == key))
        existing = _existing_successors(s, survey_id, from_year, to_year)
        return survey_id, existing, [i for i in sorted(rows) if i not in existing and i not in excluded]

    with repo.db.sessions() as s:
        survey_id, existing, todo_ids = plan(s)
    if dry_run or not todo_ids:
        return NewYearResult(from_year, to_year, tuple(Successor(i, None, rows[i].title) for i in todo_ids),
                             tuple(Successor(p, existing[p], rows[p].title) for p in sorted(existing) if p in rows),
                             excluded, dry_run=dry_run)
    # Read through the repository before taking the write lock; the transaction checks nothing changed since.
    sources = repo.load_sheets(wanted)
    created: list[Successor] = []
    with repo.db.write_sessions() as s, s.begin():
        survey_id, existing, todo_ids = plan(s)
        if _versions(s, survey_id, from_year) != {sheet.id: sheet.version for sheet in sources}:
            raise NewYearError(f"{old_label}の施策シートが処理中に更新されました。もう一度実行してください。")
        chosen = set(todo_ids)
        todo = [sheet for sheet in sources if sheet.id in chosen]
        if todo and s.scalar(select(FiscalYear.id).where(FiscalYear.survey_id == survey_id,
                                                         FiscalYear.year == to_year)) is None:
            s.add(FiscalYear(survey_id=survey_id, year=to_year))
        for batch in _batches(todo, BATCH):
            carried = [successor_of(survey, sheet, to_year) for sheet in batch]
            new_rows = [_sheet_row(survey, survey_id, c.sheet) for c in carried]
            s.add_all(new_rows)
            s.flush()
            for row, c in zip(new_rows, carried):
                _place_marks(row, c)
                s.add(Revision(sheet_id=row.id, sheet_version=row.version, author=author, field="sheet",
                               old_value=None, new_value="created"))
                s.add(Revision(sheet_id=row.id, sheet_version=row.version, author=author, field="predecessor_id",
                               old_value=None, new_value=str(row.predecessor_id)))
            s.flush()
            fulltext.add(s.connection(), fulltext.FIELDS_FTS,
                         [(f.id, f.value) for row in new_rows for f in row.fields])
            created.extend(Successor(row.predecessor_id, row.id, row.title) for row in new_rows)
            s.expunge_all()   # keeps the identity map (and memory) one batch large
            if progress:
                progress(len(created), len(todo))
    skipped = tuple(Successor(p, existing[p], rows[p].title) for p in sorted(existing) if p in rows)
    return NewYearResult(from_year, to_year, tuple(created), skipped, excluded)
