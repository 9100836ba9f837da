"""Starting next fiscal year's survey from this year's sheets (``sesaku-desk new-year``, 年度 > 次年度の調査票を作成).

Each sheet of the old year gets a successor in the new year, made by the
one copy rule (desktop.disclosure.copying.successor: what carries over,
what starts empty, where marks go) and saved through the repository's one
write path in batches of one transaction, so revisions, marks, the
register of withheld text and the search index are written exactly as for
any other save.

Idempotent: a sheet that already has a successor in the new year (made by an
earlier run, by importing a returned form, deleted or not) is skipped. A
deleted successor counts, so a measure someone removed on purpose does not
come back; restoring it from the trash is the way back. Deleted sheets of the
old year are not carried, and measures that ended are left out by id. The
source sheets are read before the write lock is taken; the transaction then
checks that none of them changed in between, and refuses the run if one did.

Onto a newer version of the survey (``onto``: a revised definition, stored as
the survey's next version in the same transaction as the sheets; or, without
it, the latest version stored when the old sheets are of an earlier one):
fields are matched by key, renamed ones by their 旧名, removed ones keep
their text under the old key (survey/field_map.py, disclosure/copying.py).
Every result carries that map with the number of sheets whose text each
move concerns, so a dry run is the preview of what moves where.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from dataclasses import replace

from sqlalchemy import func, select
from sqlalchemy.orm import Session, aliased

from desktop.disclosure.copying import successor
from desktop.store.models import Sheet, SheetField, Survey
from desktop.store.repository import Repository, SheetFilter
from desktop.store.surveys import add_version, stored_definition
from desktop.survey.definition import SurveyDefinition
from desktop.survey.definition_data import content_hash
from desktop.survey.field_map import FieldMove, field_moves
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
class FieldPlan:
    """One line of the preview: what happens to a field, and in how many of the sheets to make it has text."""

    move: FieldMove
    sheets: int


@dataclass(frozen=True)
class VersionPlan:
    """The map from one version the old sheets are filled in to the version the new ones are made in."""

    from_version: int
    to_version: int
    fields: tuple[FieldPlan, ...]

    @property
    def changes_version(self) -> bool:
        return self.from_version != self.to_version


@dataclass(frozen=True)
class NewYearResult:
    from_year: int
    to_year: int
    created: tuple[Successor, ...]
    existing: tuple[Successor, ...]     # skipped: a successor was already there
    excluded: tuple[int, ...]
    dry_run: bool = False
    versions: tuple[VersionPlan, ...] = ()


def _existing_successors(s: Session, survey_id: int, from_year: int, to_year: int) -> dict[int, int]:
    """predecessor id → successor id for the old year's sheets that already have one (deleted ones too)."""
    old = aliased(Sheet)
    rows = s.execute(select(Sheet.predecessor_id, Sheet.id)
                     .join(old, old.id == Sheet.predecessor_id)
                     .where(Sheet.survey_id == survey_id, Sheet.fiscal_year == to_year,
                            old.fiscal_year == from_year)
                     .order_by(Sheet.id))
    found: dict[int, int] = {}
    for predecessor, made in rows:
        found.setdefault(predecessor, made)
    return found


def _versions(s: Session, survey_id: int, year: int) -> dict[int, int]:
    return dict(s.execute(select(Sheet.id, Sheet.version).where(
        Sheet.survey_id == survey_id, Sheet.fiscal_year == year, Sheet.deleted_at.is_(None))).all())


def _batches(items: list, size: int) -> Iterable[list]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


def _texts_by_version(s: Session, ids: list[int]) -> dict[int, dict[str, int]]:
    """survey version → field key → how many of the sheets ``ids`` have text in it."""
    out: dict[int, dict[str, int]] = {}
    for start in range(0, len(ids), BATCH):
        chunk = ids[start:start + BATCH]
        rows = s.execute(select(Sheet.survey_version, SheetField.key, func.count())
                         .join(SheetField, SheetField.sheet_id == Sheet.id)
                         .where(Sheet.id.in_(chunk), SheetField.value != "")
                         .group_by(Sheet.survey_version, SheetField.key))
        for version, key, n in rows:
            out.setdefault(version, {})[key] = out.get(version, {}).get(key, 0) + n
    return out


def _next_version(s: Session, onto: SurveyDefinition) -> int:
    """The version ``onto`` is (or will be, once stored): the latest if it has the same content, else the next."""
    latest = stored_definition(s, onto.key)
    if latest is None:
        return 1
    return latest.version if content_hash(latest) == content_hash(onto) else latest.version + 1


def start_new_year(repo: Repository, from_year: int, to_year: int, *, exclude_ids: Iterable[int] = (),
                   author: str, dry_run: bool = False, survey_key: str | None = None,
                   onto: SurveyDefinition | None = None, progress: Progress | None = None) -> NewYearResult:
    """Create ``to_year``'s sheets from ``from_year``'s, skipping excluded ones and those already carried.

    ``onto``: a revised definition of the survey to make the new sheets in (stored as its next version
    with them); by default the survey's latest stored version.
    """
    old_label, new_label = format_fiscal_year(from_year), format_fiscal_year(to_year)
    if to_year <= from_year:
        raise NewYearError(f"作成する年度（{new_label}）は元の年度（{old_label}）より後の年度にしてください。")
    key = survey_key or repo.survey.key
    if onto is not None and onto.key != key:
        raise NewYearError(f"新しい調査票の定義のキー「{onto.key}」が、施策シートの調査票「{key}」と違います。")
    current = repo.survey_definition(key)
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
        _survey_id, existing, todo_ids = plan(s)
        target = replace(onto, version=_next_version(s, onto)) if onto is not None else current
        texts = _texts_by_version(s, todo_ids)
    if onto is not None and target.version < current.version:
        raise NewYearError(f"指定した調査票の定義は登録済みの第{target.version}版と同じ内容です。"
                           f"最新の第{current.version}版より前の版には移せません。")

    def previous(version: int | None) -> SurveyDefinition:
        return repo.survey_definition(key, version) if version is not None else current

    versions = tuple(
        VersionPlan(v, target.version, tuple(FieldPlan(m, counts.get(m.old_key, 0) if m.old_key else 0)
                                             for m in field_moves(previous(v), target)))
        for v, counts in sorted((texts or {current.version: {}}).items()))
    if dry_run or not todo_ids:
        return NewYearResult(from_year, to_year, tuple(Successor(i, None, rows[i].title) for i in todo_ids),
                             tuple(Successor(p, existing[p], rows[p].title) for p in sorted(existing) if p in rows),
                             excluded, dry_run=dry_run, versions=versions)
    sources = repo.load_sheets(wanted)
    state: dict[str, object] = {}

    def check(s: Session) -> None:
        survey_id, found, ids = plan(s)
        if _versions(s, survey_id, from_year) != {sheet.id: sheet.version for sheet in sources}:
            raise NewYearError(f"{old_label}の施策シートが処理中に更新されました。もう一度実行してください。")
        if onto is not None and add_version(s, onto, author).version != target.version:
            raise NewYearError("調査票の定義が処理中に別の版として登録されました。もう一度実行してください。")
        state["existing"], state["todo"] = found, set(ids)

    def batches() -> Iterable[list]:
        todo = [sheet for sheet in sources if sheet.id in state["todo"]]
        state["count"] = len(todo)
        for batch in _batches(todo, BATCH):
            yield [successor(target, sheet, to_year, previous(sheet.survey_version)) for sheet in batch]

    made_ids = repo.store_in_batches(
        batches(), author, before=check,
        progress=(lambda saved: progress(saved, state["count"])) if progress else None)
    todo = [sheet for sheet in sources if sheet.id in state["todo"]]
    created = tuple(Successor(old.id, new_id, rows[old.id].title) for old, new_id in zip(todo, made_ids))
    existing = state["existing"]
    skipped = tuple(Successor(p, existing[p], rows[p].title) for p in sorted(existing) if p in rows)
    if onto is not None:
        repo.survey = target if repo.survey.key == key else repo.survey
    return NewYearResult(from_year, to_year, created, skipped, excluded, versions=versions)


__all__ = ["FieldPlan", "NewYearError", "NewYearResult", "Successor", "VersionPlan", "start_new_year"]
