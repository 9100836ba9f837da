"""The repository: every read and write of measure sheets goes through here.

A save compares the incoming SheetData with the stored sheet and records one
revision per changed value, in the same transaction as the change. History,
undo across sessions, year-over-year comparison and conflict detection all
read that one table. A save whose version is older than the stored one is
refused with StaleSheetError: nothing is overwritten.
"""

from __future__ import annotations

import getpass
import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from types import SimpleNamespace

from sqlalchemy import Select, delete, func, select
from sqlalchemy.orm import Session, selectinload
from sqlalchemy.orm.exc import StaleDataError

from desktop.gcpause import gc_paused
from desktop.store import convert, fulltext, revision_delta
from desktop.store.access import AccessRefused
from desktop.store.database import Database
from desktop.store.models import (
    Citation,
    FiscalYear,
    WithheldEntry,
    Item,
    Kpi,
    KpiActual,
    Mark,
    Passage,
    Revision,
    Sheet,
    SheetArea,
    SheetField,
    StatusChange,
    Survey,
    utcnow,
)
from desktop.survey.definition import SurveyDefinition
from desktop.store.surveys import SurveyNotFound, current_definition, ensure_survey, stored_definition
from desktop.survey.loader import DEFAULT_SURVEY_KEY, available_surveys, default_survey
from desktop.survey.ministries import clean_ministry, ordered_ministries
from desktop.survey.review import ContentLocked, check_move
from desktop.survey.vocabulary import KPI_ATTRIBUTE_LABELS, SHEET_ATTRIBUTE_LABELS
from desktop.disclosure.reader_form import reader_form
from desktop.disclosure.textedit import settle_marks
from desktop.survey.sheet import (CitationData, ItemData, KpiData, MarkData, SheetData, Status, StatusNote,
                                  WithheldText)


class StaleSheetError(Exception):
    """Someone saved the sheet after this copy was read."""

    def __init__(self, sheet_id: int, expected: int, stored: int) -> None:
        self.sheet_id, self.expected, self.stored = sheet_id, expected, stored
        super().__init__(f"施策シート {sheet_id} は他の人（または別の画面）で更新されています。"
                         f"最新の内容を読み込んでから保存してください（版 {expected} → 現在 {stored}）。")


class ValueTooLong(ValueError):
    """A value longer than its column allows, refused before anything is written.

    PostgreSQL enforces VARCHAR lengths and SQLite does not; checking here
    makes both refuse the same input with the same message, instead of one
    storing it and the other failing with a driver error.
    """

    LABELS = SHEET_ATTRIBUTE_LABELS | KPI_ATTRIBUTE_LABELS | {
        "classification": "施策分類", "area": "領域", "author": "更新者", "issued": "発行時期",
        "file_name": "ファイル名", "item": "実施項目", "mark": "非公開の理由", "citation": "引用"}

    def __init__(self, attribute: str, limit: int, length: int) -> None:
        self.attribute, self.limit, self.length = attribute, limit, length
        label = self.LABELS.get(attribute, attribute)
        super().__init__(f"「{label}」は{limit}文字以内で入力してください（現在{length}文字）。")


class InvalidCharacter(ValueError):
    """NUL (U+0000) in a text: PostgreSQL cannot store it, so neither database is given it."""

    def __init__(self, attribute: str) -> None:
        self.attribute = attribute
        label = ValueTooLong.LABELS.get(attribute, attribute)
        super().__init__(f"「{label}」に保存できない文字（NUL, U+0000）が含まれています。取り除いてから保存してください。")


def _limit(column) -> int | None:
    return getattr(column.type, "length", None)


def _texts(sheet: SheetData):
    """(attribute, text, column or None) for every text a sheet carries."""
    for attr in ("ministry", "bureau", "person", "contact", "classification"):
        yield attr, getattr(sheet, attr), Sheet.__table__.c[attr]
    for code in sheet.areas:
        yield "area", code, SheetArea.__table__.c.area_code
    for key, value in sheet.fields.items():
        yield key, key, SheetField.__table__.c.key
        yield key, value, None
    for item in sheet.items:
        yield "item", item.title, None
        yield "item", item.plan_text, None
        for kpi in item.kpis:
            for attr in ("indicator", "data_source", "source_text"):
                yield attr, getattr(kpi, attr), None
            for attr in ("unit", "baseline_value", "target_value"):
                yield attr, getattr(kpi, attr), Kpi.__table__.c[attr]
            for value in kpi.actuals.values():
                yield "actual", value, KpiActual.__table__.c.value
    for mark in sheet.marks:
        yield "mark", mark.reason, None
    for citation in sheet.citations:
        yield "citation", citation.quoted_text, None
        yield "citation", citation.locator, None


def check_values(sheet: SheetData, author: str = "") -> None:
    """Refuse, before anything is written, what one of the two databases could not store as given.

    Raises ValueTooLong (a VARCHAR limit: enforced by PostgreSQL, ignored by
    SQLite) or InvalidCharacter (NUL: refused by PostgreSQL), so that both
    databases accept exactly the same sheets.
    """
    for attribute, value, column in [*_texts(sheet), ("author", author, Revision.__table__.c.author)]:
        if not isinstance(value, str):
            continue
        if "\x00" in value:
            raise InvalidCharacter(attribute)
        limit = _limit(column) if column is not None else None
        if limit and len(value) > limit:
            raise ValueTooLong(attribute, limit, len(value))


class SheetNotFound(KeyError):
    def __init__(self, sheet_id: int) -> None:
        super().__init__(sheet_id)
        self.sheet_id = sheet_id

    def __str__(self) -> str:
        return f"施策シート {self.sheet_id} が見つかりません。"


@dataclass(frozen=True)
class SheetFilter:
    survey_key: str | None = None
    year: int | None = None
    ministry: str | None = None
    classification: str | None = None
    status: Status | None = None
    text: str | None = None
    include_deleted: bool = False
    only_deleted: bool = False


@dataclass(frozen=True)
class SheetRow:
    """What a list shows of a sheet, without loading the sheet."""

    id: int
    fiscal_year: int
    ministry: str
    bureau: str
    classification: str | None
    title: str
    status: Status
    updated_at: datetime
    is_sample: bool


@dataclass(frozen=True)
class TrashRow:
    """A sheet in the trash, as the trash view lists it."""

    id: int
    fiscal_year: int
    ministry: str
    title: str
    deleted_at: datetime
    withheld: int     # active register entries of its lineage (kept when the sheet is purged)


class NotInTrash(ValueError):
    def __init__(self, sheet_id: int) -> None:
        super().__init__(sheet_id)
        self.sheet_id = sheet_id

    def __str__(self) -> str:
        return f"施策シート {self.sheet_id} はごみ箱にないため、完全には削除できません。先に削除してください。"


#: How a register entry names its owner once every sheet of the lineage was purged.
PURGED_OWNER = "（完全に削除したシート）"


@dataclass(frozen=True)
class RevisionRow:
    id: int
    sheet_id: int
    sheet_version: int
    at: datetime
    author: str
    field: str
    old_value: str | None
    new_value: str | None


SORT_COLUMNS = {
    "id": Sheet.id,
    "fiscal_year": Sheet.fiscal_year,
    "ministry": Sheet.ministry,
    "classification": Sheet.classification,
    "title": Sheet.title,
    "status": Sheet.status,
    "updated_at": Sheet.updated_at,
}

SCALAR_ATTRIBUTES = ("ministry", "bureau", "person", "contact", "classification", "is_sample", "predecessor_id")


def current_user() -> str:
    try:
        return getpass.getuser()
    except Exception:
        return ""


def _text(value) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _revisions(sheet: Sheet, author: str, changes: list[tuple[str, str | None, str | None]]) -> list[Revision]:
    """The revision rows of one save of one sheet (store/revision_delta.py): one change is one row (a text
    field's as a delta), several are one packed row, so moving ten marks costs one row, not ten."""
    if len(changes) > 1:
        return [Revision(sheet_id=sheet.id, sheet_version=sheet.version, author=author,
                         field=revision_delta.PACKED, delta=revision_delta.pack(changes))]
    rows = []
    for field, old, new in changes:
        if revision_delta.uses_delta(field, old, new):
            rows.append(Revision(sheet_id=sheet.id, sheet_version=sheet.version, author=author, field=field,
                                 delta=revision_delta.encode(old, new)))
        else:
            rows.append(Revision(sheet_id=sheet.id, sheet_version=sheet.version, author=author, field=field,
                                 old_value=old, new_value=new))
    return rows


def _status_changes(pending, author: str) -> list[StatusChange]:
    """The status history rows of one save: a new sheet's first status, and every change of one."""
    rows = []
    for sheet, data, rec, _ in pending:
        note = data.status_note or StatusNote()
        if data.id is None:
            moves = [(None, sheet.status)]
        else:
            moves = [(o, n) for f, o, n in rec.changes if f == "status"]
        rows.extend(StatusChange(sheet_id=sheet.id, actor=author, role=note.role, from_status=o, to_status=n,
                                 reason=note.reason if o is not None else "") for o, n in moves)
    return rows


def _allowed_when_locked(change: str) -> bool:
    """What a save may change on a sheet whose status freezes its content: the status, a new mark (more
    withheld, never less), and the order of citations standing at the same position (the editor renumbers
    them as it lays them out; the text, the passages and what is cited stay)."""
    return change in ("status", "mark:new") or (change.startswith("citation:") and change.endswith(":position_order"))


class _Recorder:
    """Collects the revisions of one save."""

    def __init__(self, author: str) -> None:
        self.author = author
        self.changes: list[tuple[str, str | None, str | None]] = []

    def change(self, field: str, old, new) -> bool:
        old_t, new_t = _text(old), _text(new)
        if old_t == new_t or (old_t in (None, "") and new_t in (None, "")):
            return False
        self.changes.append((field, old_t, new_t))
        return True


def _set_children(owner, attr: str, kept: list) -> None:
    """Replace a child collection only when it changed: a replaced collection makes the flush examine
    every child again (most rows of a returned form change one field, not the KPIs or marks)."""
    current = getattr(owner, attr)
    if len(kept) != len(current) or any(a is not b for a, b in zip(kept, current)):
        setattr(owner, attr, kept)


def _plain_sheets(s: Session, ids: list[int]) -> list[SimpleNamespace]:
    """Sheets with their children as plain rows (the attributes ``convert.sheet_to_data`` reads), for reading
    many sheets: the ORM builds and tracks an object per row, which was most of the time an import spends
    fetching the 2,000 sheets its forms name. Children come in the relationships' order (models.Sheet)."""

    def plain(query) -> list[SimpleNamespace]:
        result = s.execute(query)
        keys = list(result.keys())
        return [SimpleNamespace(**dict(zip(keys, values))) for values in result.tuples()]

    def rows(model, parent, parents, order) -> dict[int, list[SimpleNamespace]]:
        grouped: dict[int, list[SimpleNamespace]] = {}
        for row in plain(select(model.__table__).where(parent.in_(parents)).order_by(*order)):
            grouped.setdefault(getattr(row, parent.key), []).append(row)
        return grouped

    sheets = plain(select(Sheet.__table__).where(Sheet.id.in_(ids)).order_by(Sheet.id))
    fields = rows(SheetField, SheetField.sheet_id, ids, (SheetField.key,))
    areas = rows(SheetArea, SheetArea.sheet_id, ids, (SheetArea.position,))
    items = rows(Item, Item.sheet_id, ids, (Item.position, Item.id))
    marks = rows(Mark, Mark.sheet_id, ids, (Mark.id,))
    citations = rows(Citation, Citation.sheet_id, ids, (Citation.position_order, Citation.id))
    item_ids = select(Item.id).where(Item.sheet_id.in_(ids)).scalar_subquery()
    kpis = rows(Kpi, Kpi.item_id, item_ids, (Kpi.position, Kpi.id))
    actuals = rows(KpiActual, KpiActual.kpi_id, select(Kpi.id).where(Kpi.item_id.in_(item_ids)).scalar_subquery(),
                   (KpiActual.fiscal_year,))
    for group in kpis.values():
        for kpi in group:
            kpi.actuals = actuals.get(kpi.id, [])
    for group in items.values():
        for item in group:
            item.kpis = kpis.get(item.id, [])
    for sh in sheets:
        sh.fields, sh.areas, sh.items = fields.get(sh.id, []), areas.get(sh.id, []), items.get(sh.id, [])
        sh.marks, sh.citations = marks.get(sh.id, []), citations.get(sh.id, [])
    return sheets


def _item_snapshot(item: ItemData) -> str:
    return json.dumps({"title": item.title, "plan_text": item.plan_text,
                       "kpis": [k.indicator for k in item.kpis]}, ensure_ascii=False)


def _kpi_snapshot(kpi: KpiData) -> str:
    return json.dumps({a: convert.kpi_column_value(kpi, a) for a in convert.KPI_ATTRIBUTES}, ensure_ascii=False)


def _mark_snapshot(mark: MarkData) -> str:
    return json.dumps({"part": str(mark.part), "start": mark.start, "end": mark.end, "text": mark.text,
                       "unplaced": mark.unplaced, "reason": mark.reason}, ensure_ascii=False)


def _citation_snapshot(c: CitationData) -> str:
    return json.dumps({"key": c.key, "field": c.field_key, "passage": c.passage_id, "position": c.position,
                       "quote": c.quoted_text}, ensure_ascii=False)


class Repository:
    """Sheets of any survey in one database. Thread use: one instance per thread."""

    def __init__(self, db: Database, survey: SurveyDefinition | None = None) -> None:
        """``survey``: the definition to work in; by default the database's latest version of the shipped
        survey (store/surveys.py), the shipped file itself when the database holds none yet."""
        self.db = db
        self.survey = survey or current_definition(db, DEFAULT_SURVEY_KEY) or default_survey()
        self._survey_ids: dict[str, int] = {}
        self._definitions: dict[tuple[str, int | None], SurveyDefinition] = {}

    # -- surveys and years -------------------------------------------------

    def survey_definition(self, key: str, version: int | None = None) -> SurveyDefinition:
        """The definition of ``key`` (this repository's own when it is that survey, else the latest
        stored) or of one stored version; SurveyNotFound (a KeyError) when the database has no such."""
        if key == self.survey.key and version in (None, self.survey.version):
            return self.survey
        if (key, version) not in self._definitions:
            with self.db.sessions() as s:
                found = stored_definition(s, key, version)
            if found is None and version is None:
                found = next((d for d in available_surveys() if d.key == key), None)
            if found is None:
                raise SurveyNotFound(key, version)
            self._definitions[(key, version)] = found
        return self._definitions[(key, version)]

    def forget_definitions(self) -> None:
        """Read the stored definitions anew (a version was added: "the latest" has changed)."""
        self._definitions.clear()

    def sheet_definition(self, sheet: SheetData) -> SurveyDefinition:
        """The definition a sheet was filled in (its survey's current one when the version is not stored)."""
        try:
            return self.survey_definition(sheet.survey_key, sheet.survey_version)
        except SurveyNotFound:
            return self.survey_definition(sheet.survey_key)

    def _survey_id(self, session: Session, key: str) -> int:
        if key in self._survey_ids:
            return self._survey_ids[key]
        self._survey_ids[key] = ensure_survey(session, self.survey_definition(key))
        return self._survey_ids[key]

    def _ensure_year(self, session: Session, survey_id: int, year: int) -> None:
        ensured = session.info.setdefault("ensured_years", set())   # once per session, not once per sheet
        if (survey_id, year) in ensured:
            return
        found = session.scalar(select(FiscalYear.id).where(FiscalYear.survey_id == survey_id,
                                                          FiscalYear.year == year))
        if found is None:
            session.add(FiscalYear(survey_id=survey_id, year=year))
            session.flush()
        ensured.add((survey_id, year))

    def years(self, survey_key: str | None = None) -> list[int]:
        key = survey_key or self.survey.key
        with self.db.sessions() as s:
            return list(s.scalars(select(FiscalYear.year).join(Survey).where(Survey.key == key)
                                  .order_by(FiscalYear.year.desc())))

    def ministries(self, year: int | None = None) -> list[str]:
        """The ministries of the sheets, in the survey's order (names not on its list after, by Unicode)."""
        with self.db.sessions() as s:
            q = select(Sheet.ministry).where(Sheet.deleted_at.is_(None), Sheet.ministry != "").distinct()
            if year is not None:
                q = q.where(Sheet.fiscal_year == year)
            return ordered_ministries(self.survey.ministries, s.scalars(q))

    # -- reading -------------------------------------------------------------

    def _load_options(self):
        return (
            selectinload(Sheet.fields),
            selectinload(Sheet.areas),
            selectinload(Sheet.items).selectinload(Item.kpis).selectinload(Kpi.actuals),
            selectinload(Sheet.marks),
            selectinload(Sheet.citations),
        )

    def _to_data(self, session: Session, sheets: list[Sheet]) -> list[SheetData]:
        survey_keys = dict(session.execute(select(Survey.id, Survey.key)).all())
        passage_ids = {c.passage_id for sh in sheets for c in sh.citations if c.passage_id}
        passages = {}
        if passage_ids:
            rows = session.scalars(select(Passage).where(Passage.id.in_(passage_ids))
                                   .options(selectinload(Passage.document)))
            passages = {p.id: p for p in rows}
        return [convert.sheet_to_data(sh, survey_keys[sh.survey_id], passages) for sh in sheets]

    def _read(self, s: Session, sheet_ids: Iterable[int]) -> dict[int, SheetData]:
        """The one read path of whole sheets (get_sheet, get_sheets, load_sheets, save_sheets): plain rows,
        a few hundred sheets per query, each with its lineage's register; unknown ids are left out."""
        unique = sorted(set(sheet_ids))
        found: dict[int, SheetData] = {}
        for start in range(0, len(unique), 500):
            batch = self._to_data(s, _plain_sheets(s, unique[start:start + 500]))
            register = self._register(s, {d.lineage for d in batch})
            for data in batch:
                data.withheld = list(register.get(data.lineage, ()))
                found[data.id] = data
        return found

    @staticmethod
    def _register(s: Session, lineages: Iterable[str]) -> dict[str, list[WithheldText]]:
        wanted = sorted(set(lineages))
        out: dict[str, list[WithheldText]] = {}
        for start in range(0, len(wanted), 500):
            rows = s.execute(select(WithheldEntry.lineage, WithheldEntry.text, WithheldEntry.part, WithheldEntry.reason)
                             .where(WithheldEntry.lineage.in_(wanted[start:start + 500]),
                                    WithheldEntry.released_at.is_(None)).order_by(WithheldEntry.id))
            for lineage, text_, part, reason in rows:
                out.setdefault(lineage, []).append(WithheldText(text_, part, reason))
        return out

    def withheld_everywhere(self) -> list[tuple[str, str, int | None, str, str]]:
        """Every active register entry of the database, trash and all years included:
        (text, lineage, sheet id, sheet title, part). Public exports and ``check-public`` look for all of them;
        the sheet named is the newest of the lineage (the one a person would open)."""
        with self.db.sessions() as s:
            rows = s.execute(select(WithheldEntry.text, WithheldEntry.lineage, WithheldEntry.part,
                                    WithheldEntry.sheet_id)
                             .where(WithheldEntry.released_at.is_(None)).order_by(WithheldEntry.id)).all()
            wanted = sorted({r.lineage for r in rows})
            names: dict[str, tuple[int, str]] = {}
            for start in range(0, len(wanted), 500):
                for sid, title, lineage in s.execute(select(Sheet.id, Sheet.title, Sheet.lineage)
                                                     .where(Sheet.lineage.in_(wanted[start:start + 500]))
                                                     .order_by(Sheet.fiscal_year, Sheet.id)):
                    names[lineage] = (sid, title)
        out = []
        for r in rows:
            sid, title = names.get(r.lineage, (None, None))
            shown = PURGED_OWNER if title is None else " ".join(title.split()) or "（無題）"
            out.append((r.text, r.lineage, sid, shown, r.part))
        return out

    def lineages(self) -> dict[int, str]:
        """Every sheet's lineage by id (the leak check tells a measure's own text from another's)."""
        with self.db.sessions() as s:
            return dict(s.execute(select(Sheet.id, Sheet.lineage)).all())

    def get_sheet(self, sheet_id: int) -> SheetData:
        with self.db.sessions() as s:
            found = self._read(s, [sheet_id])
        if sheet_id not in found:
            raise SheetNotFound(sheet_id)
        return found[sheet_id]

    def get_sheets(self, sheet_ids: Iterable[int]) -> dict[int, SheetData]:
        """Several sheets by id (deleted ones too, like get_sheet), a few hundred per query; unknown ids are
        left out. A ``get_sheet`` per id costs the same queries for one sheet: an import naming 2,000 needs this."""
        with self.db.sessions() as s:
            return self._read(s, sheet_ids)

    def load_sheets(self, filters: SheetFilter = SheetFilter(), order: str = "id") -> list[SheetData]:
        with gc_paused(), self.db.sessions() as s:
            ids = list(s.scalars(self._filtered(select(Sheet.id), filters).order_by(SORT_COLUMNS[order], Sheet.id)))
            found = self._read(s, ids)
        return [found[i] for i in ids]

    def _filtered(self, query: Select, f: SheetFilter) -> Select:
        if f.only_deleted:
            query = query.where(Sheet.deleted_at.is_not(None))
        elif not f.include_deleted:
            query = query.where(Sheet.deleted_at.is_(None))
        if f.survey_key:
            query = query.join(Survey, Survey.id == Sheet.survey_id).where(Survey.key == f.survey_key)
        if f.year is not None:
            query = query.where(Sheet.fiscal_year == f.year)
        if f.ministry:
            query = query.where(Sheet.ministry == f.ministry)
        if f.classification:
            query = query.where(Sheet.classification == f.classification)
        if f.status is not None:
            query = query.where(Sheet.status == f.status.value)
        if f.text and f.text.strip():
            query = query.where(self._text_condition(f.text))
        return query

    def _text_condition(self, query: str):
        """Every word must occur somewhere in the sheet's text fields (the title is one): the search of
        the reference library, over the sheets (desktop/store/fulltext.py)."""
        from desktop.search.query import parse

        return fulltext.sheet_condition(self.db.dialect, [t.forms() for t in parse(query).terms])

    def count_sheets(self, filters: SheetFilter = SheetFilter()) -> int:
        with self.db.sessions() as s:
            return s.scalar(self._filtered(select(func.count(Sheet.id)), filters)) or 0

    def sheet_ids(self, filters: SheetFilter = SheetFilter(), order: str = "updated_at",
                  descending: bool = True) -> list[int]:
        column = SORT_COLUMNS[order]
        ordering = (column.desc(), Sheet.id.desc()) if descending else (column.asc(), Sheet.id.asc())
        with self.db.sessions() as s:
            return list(s.scalars(self._filtered(select(Sheet.id), filters).order_by(*ordering)))

    def sheet_rows(self, ids: Iterable[int]) -> dict[int, SheetRow]:
        """The list columns of the given sheets, for a model that fetches rows lazily."""
        wanted = list(ids)
        if not wanted:
            return {}
        with self.db.sessions() as s:
            rows = s.execute(select(Sheet.id, Sheet.fiscal_year, Sheet.ministry, Sheet.bureau, Sheet.classification,
                                    Sheet.title, Sheet.status, Sheet.updated_at, Sheet.is_sample)
                             .where(Sheet.id.in_(wanted)))
            return {r.id: SheetRow(r.id, r.fiscal_year, r.ministry, r.bureau, r.classification, r.title,
                                   Status(r.status), r.updated_at, r.is_sample) for r in rows}

    def list_sheets(self, filters: SheetFilter = SheetFilter(), order: str = "updated_at",
                    descending: bool = True, offset: int = 0, limit: int | None = None) -> list[SheetRow]:
        ids = self.sheet_ids(filters, order, descending)[offset:None if limit is None else offset + limit]
        rows = self.sheet_rows(ids)
        return [rows[i] for i in ids]

    def revisions(self, sheet_id: int) -> list[RevisionRow]:
        """The sheet's changes, oldest first, with every old and new value (text deltas rebuilt, the changes
        of a packed row one by one, each with that row's id)."""
        with self.db.sessions() as s:
            rows = list(s.scalars(select(Revision).where(Revision.sheet_id == sheet_id).order_by(Revision.id)))
            current = {f"field:{k}": v for k, v in s.execute(
                select(SheetField.key, SheetField.value).where(SheetField.sheet_id == sheet_id))}
            return [RevisionRow(c.row.id, c.row.sheet_id, c.row.sheet_version, c.row.at, c.row.author, c.field,
                                c.old, c.new) for c in revision_delta.changes(rows, current)]

    # -- writing -------------------------------------------------------------

    def create_sheet(self, sheet: SheetData, author: str | None = None) -> SheetData:
        return self.save_sheets([sheet], author)[0]

    def save_sheet(self, sheet: SheetData, author: str | None = None) -> SheetData:
        return self.save_sheets([sheet], author)[0]

    def save_sheets(self, sheets: list[SheetData], author: str | None = None) -> list[SheetData]:
        """Create or update several sheets in one transaction: all of them or none.

        The batch is saved in phases, each phase for every sheet and then one flush
        (content, citations, marks and the version bump, revisions and the index):
        a flush per phase per sheet made an import of 2,000 returned rows spend most
        of its time in SQLAlchemy's flush bookkeeping.
        """
        saved_ids = self.store_sheets(sheets, author)
        with self.db.sessions() as s:
            found = self._read(s, saved_ids)
        return [found[i] for i in saved_ids]

    def store_sheets(self, sheets: list[SheetData], author: str | None = None) -> list[int]:
        """``save_sheets`` without reading the saved sheets back: their ids, in order.

        For a batch whose caller needs no stored copies (an import of returned
        forms): reading 2,000 sheets back costs as much as locking them.
        """
        who = author if author is not None else current_user()
        for data in sheets:
            settle_marks(data)
            check_values(data, who)
        self.check_access(sheets)
        with gc_paused(), self.db.write_sessions() as s:
            try:
                with s.begin():
                    stored = self._locked_sheets(s, [d.id for d in sheets if d.id is not None])
                    ids = self._save_batch(s, sheets, who, stored)
            except StaleDataError as exc:
                raise self._stale(sheets) from exc
        self.db.after_save(self, ids)
        return ids

    def store_in_batches(self, batches: Iterable[list[SheetData]], author: str | None = None, *,
                         before=None, progress=None, after=None) -> list[int]:
        """Save many sheets in one transaction, a batch at a time (all of them or none).

        The new year saves thousands of successors this way: one write path
        (revisions, marks, the register, the search index) with the memory of
        one batch. ``before(session)`` runs first inside the transaction (it
        may raise to refuse the run); ``progress(saved)`` after each batch;
        ``after(session, saved_ids)`` last, in the same transaction (an exchange
        import adds the sheets' comments and history there).
        """
        who = author if author is not None else current_user()
        saved: list[int] = []
        with gc_paused(), self.db.write_sessions() as s:
            with s.begin():
                if before is not None:
                    before(s)
                for batch in batches:
                    for data in batch:
                        settle_marks(data)
                        check_values(data, who)
                    self.check_access(batch)
                    stored = self._locked_sheets(s, [d.id for d in batch if d.id is not None])
                    saved.extend(self._save_batch(s, batch, who, stored))
                    s.flush()
                    s.expunge_all()     # keeps the identity map (and memory) one batch large
                    if progress is not None:
                        progress(len(saved))
                if after is not None:
                    after(s, saved)
        self.db.after_save(self, saved)
        return saved

    def check_access(self, sheets: Iterable[SheetData]) -> None:
        """Refuse (AccessRefused, Japanese) before anything is written what the server would refuse the role.

        The server is what enforces it (row-level security, migration 0009b);
        asking first says why in words, instead of a refusal of the server.
        """
        for data in sheets:
            refusal = self.db.access.save_refusal(clean_ministry(data.ministry), new=data.id is None)
            if refusal:
                raise AccessRefused(refusal)

    def _stale(self, sheets: list[SheetData]) -> StaleSheetError:
        """Which sheet of a batch another writer saved in between (the flushes cover the whole batch)."""
        ids = [d.id for d in sheets if d.id is not None]
        with self.db.sessions() as s:
            versions = dict(s.execute(select(Sheet.id, Sheet.version).where(Sheet.id.in_(ids))).all()) if ids else {}
        for data in sheets:
            if data.id is not None and versions.get(data.id, data.version) != data.version:
                return StaleSheetError(data.id, data.version, versions[data.id])
        first = next((d for d in sheets if d.id is not None), sheets[0])
        return StaleSheetError(first.id or 0, first.version, -1)

    def _locked_sheets(self, s: Session, ids: list[int]) -> dict[int, Sheet]:
        """The stored sheets a batch updates, loaded and row-locked a few hundred at a time.

        Loading them one by one costs seven queries per sheet (the selectin
        loads); an import of 2,000 returned rows spent most of its time there.
        A single save keeps the one-sheet query in ``_save_content``.
        """
        found: dict[int, Sheet] = {}
        if len(ids) < 2:
            return found
        unique = sorted(set(ids))
        for start in range(0, len(unique), 500):
            q = (select(Sheet).where(Sheet.id.in_(unique[start:start + 500])).order_by(Sheet.id)
                 .with_for_update().options(*self._load_options()))
            found.update((sheet.id, sheet) for sheet in s.scalars(q))
        return found

    def _save_batch(self, s: Session, sheets: list[SheetData], author: str, stored: dict[int, Sheet]) -> list[int]:
        """Apply every sheet of the batch, phase by phase, one flush per phase; returns the ids in order."""
        pending, seen = [], set()
        for data in sheets:
            if data.id in seen:
                # A second copy of a sheet in one batch is a copy of the version the first one replaces.
                raise StaleSheetError(data.id, data.version, data.version + 1)
            if data.id is not None:
                seen.add(data.id)
            pending.append(self._save_content(s, data, author, stored))
        s.flush()  # items and KPIs need ids before marks can point at them
        for sheet, data, rec, _ in pending:
            self._save_citations(sheet, data, rec)
        s.flush()
        bumped = []
        for sheet, data, rec, _ in pending:
            self._save_marks(sheet, data, rec)
            self._save_register(s, sheet, data, rec)
            self._check_review(data, rec)
            if rec.changes and data.id is not None:
                sheet.updated_at = utcnow()
                bumped.append((sheet, rec))
            elif data.id is None:
                # A new sheet's history starts with who made it and from which sheet, not every value.
                rec.changes = [c for c in rec.changes if c[0] in ("sheet", "predecessor_id")]
                bumped.append((sheet, rec))
        s.flush()  # bumps the versions (and checks them against concurrent writers)
        s.add_all(row for sheet, rec in bumped for row in _revisions(sheet, author, rec.changes))
        s.add_all(_status_changes(pending, author))
        touched = [t for _, _, _, changed in pending for t in changed]
        if touched:
            s.flush()
            conn = s.connection()
            fulltext.remove(conn, fulltext.FIELDS_FTS, [(row.id, old) for row, old in touched], refresh=False)
            fulltext.add(conn, fulltext.FIELDS_FTS, [(row.id, row.value) for row, _ in touched], refresh=False)
            # every field of these sheets is loaded (a save reads the sheet whole): their union of grams
            sheets = {row.sheet_id: row.sheet for row, _ in touched}
            fulltext.set_sheet_grams(conn, {sid: [f.search_text for f in sheet.fields] for sid, sheet in sheets.items()})
        return [sheet.id for sheet, _, _, _ in pending]

    def _check_review(self, data: SheetData, rec: _Recorder) -> None:
        """The review cycle, checked where every save passes (editor, CLI, imports, merges, undo).

        A status move must be one the acting role may make (with its reason when the cycle asks for
        one); a sheet whose status freezes it (提出済, 確定) keeps its content, except for more of it
        being withheld: a new mark only narrows what is published, and refusing it would fail open.
        Raising here rolls the whole batch back.
        """
        if data.id is None:
            return
        cycle = self.survey_definition(data.survey_key).review
        moves = [(Status(o), Status(n)) for f, o, n in rec.changes if f == "status" and o and n]
        before = moves[0][0] if moves else data.status
        if moves:
            note = data.status_note or StatusNote()
            check_move(cycle, before, moves[0][1], note.role, note.reason)
        if cycle.is_locked(before) and any(not _allowed_when_locked(f) for f, _o, _n in rec.changes):
            raise ContentLocked(f"施策シート（ID {data.id}）: {cycle.locked_message(before)}")

    def _save_content(self, s: Session, data: SheetData, author: str, stored: dict[int, Sheet]
                      ) -> tuple[Sheet, SheetData, _Recorder, list[tuple[SheetField, str]]]:
        """The sheet's own columns, fields, areas, items and KPIs (no flush): the first phase of a save."""
        survey_id = self._survey_id(s, data.survey_key)
        self._ensure_year(s, survey_id, data.fiscal_year)
        rec = _Recorder(author)
        if data.id is None:
            sheet = Sheet(survey_id=survey_id, fiscal_year=data.fiscal_year, status=data.status.value,
                          lineage=data.lineage, survey_version=data.survey_version or self._version_of(s, data))
            s.add(sheet)
            rec.change("sheet", None, "created")
        else:
            # Row lock first (PostgreSQL; SQLite's BEGIN IMMEDIATE already serialises writers):
            # concurrent savers of one sheet queue here instead of deadlocking on its field rows.
            sheet = stored.get(data.id) or s.scalar(
                select(Sheet).where(Sheet.id == data.id).with_for_update().options(*self._load_options()))
            if sheet is None:
                raise SheetNotFound(data.id)
            if sheet.version != data.version:
                raise StaleSheetError(data.id, data.version, sheet.version)
            if rec.change("fiscal_year", sheet.fiscal_year, data.fiscal_year):
                sheet.fiscal_year = data.fiscal_year
            if rec.change("status", sheet.status, data.status.value):
                sheet.status = data.status.value
            if data.survey_version is not None and rec.change("survey_version", sheet.survey_version,
                                                              data.survey_version):
                sheet.survey_version = data.survey_version
        for attr in SCALAR_ATTRIBUTES:
            value = clean_ministry(data.ministry) if attr == "ministry" else getattr(data, attr)
            if rec.change(attr, getattr(sheet, attr) if data.id is not None else None, value):
                setattr(sheet, attr, value)
        touched = self._save_fields(sheet, data, rec)
        self._save_areas(sheet, data, rec)
        self._save_items(s, sheet, data, rec)
        return sheet, data, rec, touched

    def _version_of(self, s: Session, data: SheetData) -> int:
        """The version a new sheet is filled in when it does not say: the one this repository works in for
        its own survey, else that survey's latest stored version."""
        if data.survey_key == self.survey.key:
            return self.survey.version
        found = stored_definition(s, data.survey_key)
        return found.version if found is not None else 1

    def _save_fields(self, sheet: Sheet, data: SheetData, rec: _Recorder) -> list[tuple[SheetField, str]]:
        """Apply the text fields; returns the changed rows with the text they were indexed with."""
        stored = {f.key: f for f in sheet.fields}
        touched: list[tuple[SheetField, str]] = []
        for key, value in data.fields.items():
            value = value or ""
            row = stored.get(key)
            if row is None:
                if value:
                    row = SheetField(key=key, value=value)
                    sheet.fields.append(row)
                    rec.change(f"field:{key}", None, value)
                    touched.append((row, ""))
            elif rec.change(f"field:{key}", row.value, value):
                touched.append((row, row.value))
                row.value = value
        title = data.fields.get(self.survey_definition(data.survey_key).title_field, "") or ""
        if sheet.title != title:
            sheet.title = title
        return touched

    def _save_areas(self, sheet: Sheet, data: SheetData, rec: _Recorder) -> None:
        old = [a.area_code for a in sheet.areas]
        if rec.change("areas", ",".join(old) if old else None, ",".join(data.areas) if data.areas else None):
            sheet.areas = [SheetArea(area_code=code, position=i) for i, code in enumerate(dict.fromkeys(data.areas))]

    @staticmethod
    def _sync(rec: _Recorder, prefix: str, rows: list, incoming: list, *, create, attrs: tuple[str, ...],
              value_of=getattr, ordered: str | None = "position", after=None, gone_label, match: str = "key") -> list:
        """Match incoming children to stored rows (items, KPIs and citations by key, marks by id);
        create, update (with revisions named by the child's key or id) or drop."""
        stored = {getattr(r, match): r for r in rows}
        kept = []
        for position, data in enumerate(incoming):
            ident = getattr(data, match)
            row = stored.pop(ident, None) if ident is not None else None
            if row is None:
                row = create(data, position)
            else:
                name = getattr(row, match)
                for attr in attrs:
                    new = value_of(data, attr)
                    if rec.change(f"{prefix}:{name}:{attr}", getattr(row, attr), new):
                        setattr(row, attr, new)
                if ordered and getattr(row, ordered) != position:
                    rec.change(f"{prefix}:{name}:{ordered}", getattr(row, ordered), position)
                if after is not None:
                    after(row, data)
            if ordered:
                setattr(row, ordered, position)
            kept.append(row)
        for gone in stored.values():
            rec.change(f"{prefix}:{getattr(gone, match)}", gone_label(gone), None)
        return kept

    def _save_items(self, s: Session, sheet: Sheet, data: SheetData, rec: _Recorder) -> None:
        def create(item_data: ItemData, position: int) -> Item:
            rec.change("item:new", None, _item_snapshot(item_data))
            return convert.new_item(item_data, position)

        _set_children(sheet, "items", self._sync(
            rec, "item", sheet.items, data.items, create=create, attrs=("title", "plan_text"),
            after=lambda item, item_data: self._save_kpis(item, item_data, rec),
            gone_label=lambda gone: json.dumps({"title": gone.title}, ensure_ascii=False)))

    def _save_kpis(self, item: Item, item_data: ItemData, rec: _Recorder) -> None:
        def create(kpi_data: KpiData, position: int) -> Kpi:
            rec.change(f"item:{item.key}:kpi:new", None, _kpi_snapshot(kpi_data))
            return convert.new_kpi(kpi_data, position)

        _set_children(item, "kpis", self._sync(
            rec, "kpi", item.kpis, item_data.kpis, create=create, attrs=convert.KPI_ATTRIBUTES,
            value_of=convert.kpi_column_value,
            after=lambda kpi, kpi_data: self._save_actuals(kpi, kpi_data, rec),
            gone_label=lambda gone: json.dumps({"indicator": gone.indicator}, ensure_ascii=False)))

    def _save_actuals(self, kpi: Kpi, kpi_data: KpiData, rec: _Recorder) -> None:
        stored = {a.fiscal_year: a for a in kpi.actuals}
        for year, value in kpi_data.actuals.items():
            row = stored.pop(year, None)
            if row is None:
                if value is not None:
                    kpi.actuals.append(KpiActual(fiscal_year=year, value=value))
                    rec.change(f"kpi:{kpi.key}:actual:{year}", None, value)
            elif rec.change(f"kpi:{kpi.key}:actual:{year}", row.value, value):
                row.value = value
        for year, row in stored.items():
            rec.change(f"kpi:{kpi.key}:actual:{year}", row.value, None)
            kpi.actuals.remove(row)

    def _save_citations(self, sheet: Sheet, data: SheetData, rec: _Recorder) -> None:
        def create(c: CitationData, position: int) -> Citation:
            rec.change("citation:new", None, _citation_snapshot(c))
            return convert.new_citation(c, position)

        _set_children(sheet, "citations", self._sync(
            rec, "citation", sheet.citations, data.citations, create=create, ordered="position_order",
            attrs=("field_key", "position", "passage_id", "quoted_text", "locator"),
            gone_label=lambda gone: gone.quoted_text))

    def _save_marks(self, sheet: Sheet, data: SheetData, rec: _Recorder) -> None:
        def create(m: MarkData, _position: int) -> Mark:
            rec.change("mark:new", None, _mark_snapshot(m))
            return convert.new_mark(m, rec.author)

        _set_children(sheet, "marks", self._sync(
            rec, "mark", sheet.marks, data.marks, create=create, ordered=None, match="id",
            attrs=convert.MARK_ATTRIBUTES, value_of=convert.mark_column_value,
            gone_label=lambda gone: gone.text or gone.reason))

    def _save_register(self, s: Session, sheet: Sheet, data: SheetData, rec: _Recorder) -> None:
        """Add every text the sheet withholds to its lineage's register; apply the person's releases.

        Nothing but a Release takes a text out: a mark that went (its text
        deleted, a field cleared by the new year, a merge) leaves its text
        withheld wherever it reappears in the lineage.
        """
        active = {row.form: row for row in s.scalars(select(WithheldEntry).where(
            WithheldEntry.lineage == sheet.lineage, WithheldEntry.released_at.is_(None)))}
        for release in data.releases:
            form = reader_form(release.text)
            row = active.pop(form, None)
            if row is not None:
                row.released_at, row.released_by, row.release_reason = utcnow(), rec.author, release.reason
                rec.change(f"release:{row.id}", row.text, release.reason)
        released = {reader_form(r.text) for r in data.releases}
        wanted = [(m.text, str(m.part), m.reason) for m in data.marks] + \
            [(w.text, w.part, w.reason) for w in data.withheld]
        for text_, part, reason in wanted:
            form = reader_form(text_ or "")
            if not form or form in active or form in released:
                continue
            row = WithheldEntry(lineage=sheet.lineage, text=text_, form=form, part=part, reason=reason,
                                sheet_id=sheet.id, created_by=rec.author)
            s.add(row)
            active[form] = row

    def set_deleted(self, sheet_id: int, deleted: bool, author: str | None = None) -> None:
        """Deletion is a recorded, reversible state, so it can be undone."""
        who = author if author is not None else current_user()
        with self.db.write_sessions() as s, s.begin():
            sheet = s.get(Sheet, sheet_id)
            if sheet is None:
                raise SheetNotFound(sheet_id)
            refusal = self.db.access.edit_refusal(sheet.ministry)
            if refusal:
                raise AccessRefused(refusal)
            was = sheet.deleted_at is not None
            if was == deleted:
                return
            sheet.deleted_at = utcnow() if deleted else None
            sheet.updated_at = utcnow()
            s.flush()
            s.add(Revision(sheet_id=sheet.id, sheet_version=sheet.version, author=who, field="deleted",
                           old_value=_text(was), new_value=_text(deleted)))
        self.db.after_save(self, [sheet_id])

    def purge_samples(self) -> int:
        """Remove the sample sheets entirely (the demo is rebuilt, not edited)."""
        with self.db.write_sessions() as s, s.begin():
            ids = list(s.scalars(select(Sheet.id).where(Sheet.is_sample.is_(True))))
            self._remove_sheets(s, ids)
            return len(ids)

    def trashed_sheets(self, survey_key: str | None = None) -> list[TrashRow]:
        """The sheets in the trash, most recently deleted first."""
        with self.db.sessions() as s:
            rows = s.execute(self._filtered(select(Sheet.id, Sheet.fiscal_year, Sheet.ministry, Sheet.title,
                                                   Sheet.deleted_at, Sheet.lineage),
                                            SheetFilter(survey_key=survey_key, only_deleted=True))
                             .order_by(Sheet.deleted_at.desc(), Sheet.id.desc())).all()
            counts = dict(s.execute(select(WithheldEntry.lineage, func.count(WithheldEntry.id))
                                    .where(WithheldEntry.released_at.is_(None),
                                           WithheldEntry.lineage.in_({r.lineage for r in rows}))
                                    .group_by(WithheldEntry.lineage)).all()) if rows else {}
        return [TrashRow(r.id, r.fiscal_year, r.ministry, r.title, r.deleted_at, counts.get(r.lineage, 0))
                for r in rows]

    def purge_sheets(self, sheet_ids: Iterable[int]) -> int:
        """Delete sheets in the trash for good: fields, items, KPIs, marks, citations, revisions, index.

        The withheld-text register is NOT purged: its entries belong to the
        lineage, and a passage copied from the purged sheet into another sheet
        must stay out of public versions (fail closed). The entries lose their
        sheet id (ON DELETE SET NULL) and are named PURGED_OWNER when no sheet
        of the lineage is left. Refuses (NotInTrash) a sheet that is not in
        the trash, so nothing in use is purged by mistake; all or nothing.
        """
        ids = sorted(set(sheet_ids))
        with self.db.write_sessions() as s, s.begin():
            found = {r.id: r for r in s.execute(select(Sheet.id, Sheet.deleted_at, Sheet.ministry)
                                                 .where(Sheet.id.in_(ids)))}
            for sheet_id in ids:
                if sheet_id not in found:
                    raise SheetNotFound(sheet_id)
                if found[sheet_id].deleted_at is None:
                    raise NotInTrash(sheet_id)
                refusal = self.db.access.edit_refusal(found[sheet_id].ministry)
                if refusal:
                    raise AccessRefused(refusal)
            self._remove_sheets(s, ids)
        return len(ids)

    @staticmethod
    def _remove_sheets(s: Session, ids: list[int]) -> None:
        if not ids:
            return
        indexed = s.execute(select(SheetField.id, SheetField.value).where(SheetField.sheet_id.in_(ids))).all()
        fulltext.remove(s.connection(), fulltext.FIELDS_FTS, indexed)
        s.execute(delete(Revision).where(Revision.sheet_id.in_(ids)))
        for sheet in s.scalars(select(Sheet).where(Sheet.id.in_(ids))):
            s.delete(sheet)
