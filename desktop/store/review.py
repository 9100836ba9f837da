"""The secretariat's review in the database: status moves, their history, comments, evaluations, 施策番号.

A status move goes through :func:`change_status`, which checks the survey's
review cycle for the acting role (desktop.survey.review) and saves the sheet
through the one save path, which writes the status history row (who, role,
when, from, to, reason). Comments and evaluations are workflow, not content:
they are rows of their own and do not change the sheet's version, so an
open editor never goes stale because somebody commented.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

from sqlalchemy import delete, func, select

from desktop.store.models import Comment, Evaluation, FiscalYear, MeasureNumber, Sheet, StatusChange, Survey, utcnow
from desktop.store.repository import Repository, SheetNotFound, current_user
from desktop.survey.review import SECRETARIAT
from desktop.survey.sheet import SheetData, Status, StatusNote
from desktop.survey.validation import TransitionRefused, check_transition


class ReviewError(ValueError):
    """A review action that is not allowed; the message is for people."""


@dataclass(frozen=True)
class StatusChangeRow:
    id: int
    sheet_id: int
    at: datetime
    actor: str
    role: str
    from_status: Status | None
    to_status: Status
    reason: str


@dataclass(frozen=True)
class CommentRow:
    id: int
    sheet_id: int
    parent_id: int | None
    part: str
    quote: str
    body: str
    author: str
    role: str
    created_at: datetime
    resolved: bool
    resolved_by: str | None
    resolved_at: datetime | None


@dataclass(frozen=True)
class EvaluationRow:
    sheet_id: int
    grade: str
    comment: str
    author: str
    at: datetime


def _status(value: str | None) -> Status | None:
    return None if value is None else Status(value)


# -- status ----------------------------------------------------------------------------------

def change_status(repo: Repository, sheet_id: int, target: Status, *, role: str, reason: str = "",
                  actor: str | None = None, expected_version: int | None = None) -> SheetData:
    """Move one sheet to ``target`` as ``role``; ReviewError says why not (nothing is saved then)."""
    sheet = repo.get_sheet(sheet_id)
    if expected_version is not None and sheet.version != expected_version:
        raise ReviewError(f"施策シート {sheet_id} は他の場所で変更されています。開き直してから操作してください。")
    if target is sheet.status:
        raise ReviewError(f"施策シート {sheet_id} は既に「{target.label}」です。")
    survey = repo.survey_definition(sheet.survey_key)
    try:
        check_transition(survey, sheet, target, role, reason)
    except TransitionRefused as exc:
        raise ReviewError(str(exc)) from None
    moved = replace(sheet, status=target, status_note=StatusNote(role=role, reason=reason.strip()))
    return repo.save_sheet(moved, author=actor if actor is not None else current_user())


def status_history(repo: Repository, sheet_id: int) -> list[StatusChangeRow]:
    """The sheet's moves, oldest first."""
    with repo.db.sessions() as s:
        rows = s.scalars(select(StatusChange).where(StatusChange.sheet_id == sheet_id).order_by(StatusChange.id))
        return [StatusChangeRow(r.id, r.sheet_id, r.at, r.actor, r.role, _status(r.from_status),
                                Status(r.to_status), r.reason) for r in rows]


def last_return(repo: Repository, sheet_id: int) -> StatusChangeRow | None:
    """The move that returned the sheet (差戻し) if it is returned now; its reason is shown on the sheet."""
    history = status_history(repo, sheet_id)
    if not history:
        return None
    last = history[-1]
    returned = repo.survey.review.returned_status
    return last if last.to_status is returned else None


# -- comments --------------------------------------------------------------------------------

def _comment_row(c: Comment) -> CommentRow:
    return CommentRow(c.id, c.sheet_id, c.parent_id, c.part, c.quote, c.body, c.author, c.role, c.created_at,
                      c.resolved, c.resolved_by, c.resolved_at)


def add_comment(repo: Repository, sheet_id: int, part: str, body: str, *, quote: str = "",
                parent_id: int | None = None, author: str | None = None, role: str = "") -> CommentRow:
    """A comment on a part of the sheet (``field:content``), or a reply to ``parent_id``."""
    if not body.strip():
        raise ReviewError("コメントの本文を入力してください。")
    with repo.db.write_sessions() as s, s.begin():
        if s.get(Sheet, sheet_id) is None:
            raise SheetNotFound(sheet_id)
        if parent_id is not None:
            parent = s.get(Comment, parent_id)
            if parent is None or parent.sheet_id != sheet_id:
                raise ReviewError(f"返信先のコメント {parent_id} がこの施策シートにありません。")
            while parent.parent_id is not None:   # replies hang on the thread's first comment
                parent = s.get(Comment, parent.parent_id)
            parent_id, part, quote = parent.id, parent.part, ""
        row = Comment(sheet_id=sheet_id, parent_id=parent_id, part=part, quote=quote, body=body.strip(),
                      author=author if author is not None else current_user(), role=role)
        s.add(row)
        s.flush()
        return _comment_row(row)


def comments(repo: Repository, sheet_id: int) -> list[CommentRow]:
    """The sheet's comments, each thread's first comment followed by its replies, oldest first."""
    with repo.db.sessions() as s:
        rows = [_comment_row(c) for c in s.scalars(select(Comment).where(Comment.sheet_id == sheet_id)
                                                   .order_by(Comment.id))]
    threads = [c for c in rows if c.parent_id is None]
    out = []
    for head in threads:
        out.append(head)
        out.extend(c for c in rows if c.parent_id == head.id)
    return out


def open_comments(repo: Repository, sheet_id: int) -> list[CommentRow]:
    """Threads not marked 解決済 (their first comments)."""
    return [c for c in comments(repo, sheet_id) if c.parent_id is None and not c.resolved]


def set_resolved(repo: Repository, comment_id: int, resolved: bool, *, author: str | None = None) -> CommentRow:
    """Mark a thread 解決済 (or open it again); a reply resolves its thread."""
    with repo.db.write_sessions() as s, s.begin():
        row = s.get(Comment, comment_id)
        if row is None:
            raise ReviewError(f"コメント {comment_id} がありません。")
        if row.parent_id is not None:
            row = s.get(Comment, row.parent_id)
        row.resolved = resolved
        row.resolved_by = (author if author is not None else current_user()) if resolved else None
        row.resolved_at = utcnow() if resolved else None
        s.flush()
        return _comment_row(row)


# -- evaluation ------------------------------------------------------------------------------

def set_evaluation(repo: Repository, sheet_id: int, grade: str, comment: str = "", *, role: str,
                   author: str | None = None) -> EvaluationRow:
    """Record the secretariat's evaluation of a sheet (a grade of the survey's scale, and a comment)."""
    cycle = repo.survey.review
    if role != SECRETARIAT:
        raise ReviewError(f"{cycle.evaluation_label}は{cycle.role_label(SECRETARIAT)}が記録します"
                          f"（現在の立場: {cycle.role_label(role) or '未設定'}）。")
    if grade not in cycle.evaluation_scale:
        raise ReviewError(f"{cycle.evaluation_label}「{grade}」は選べません（{'・'.join(cycle.evaluation_scale)}）。")
    with repo.db.write_sessions() as s, s.begin():
        if s.get(Sheet, sheet_id) is None:
            raise SheetNotFound(sheet_id)
        row = s.get(Evaluation, sheet_id) or Evaluation(sheet_id=sheet_id)
        row.grade, row.comment = grade, comment.strip()
        row.author, row.at = author if author is not None else current_user(), utcnow()
        s.add(row)
        s.flush()
        return EvaluationRow(row.sheet_id, row.grade, row.comment, row.author, row.at)


def evaluation(repo: Repository, sheet_id: int) -> EvaluationRow | None:
    with repo.db.sessions() as s:
        row = s.get(Evaluation, sheet_id)
        return None if row is None else EvaluationRow(row.sheet_id, row.grade, row.comment, row.author, row.at)


# -- 施策番号 ---------------------------------------------------------------------------------

def _order_key(repo: Repository, sheet: Sheet) -> tuple:
    """The defined order of first assignment: 施策分類 (the survey's order), 府省庁 (its order), sheet id."""
    survey = repo.survey
    choices = {c.code: i for i, c in enumerate(survey.choices)}
    ministries = {m: i for i, m in enumerate(survey.ministries)}
    return (choices.get(sheet.classification or "", len(choices)),
            ministries.get(sheet.ministry, len(ministries)), sheet.ministry, sheet.id)


def measure_numbers(repo: Repository, years: set[int] | list[int], *, assign: bool = True) -> dict[int, int]:
    """The 施策番号 of every sheet of ``years`` ({sheet id: number}), assigning those not numbered yet.

    A year's first assignment numbers its live sheets 1, 2, … in the order of
    :func:`_order_key`; a sheet added later gets the next number after the
    year's highest. A number, once given, never changes and is never reused
    (a deleted sheet keeps its own), so every export prints the same one.
    """
    survey_key = repo.survey.key
    found: dict[int, int] = {}
    with repo.db.write_sessions() as s, s.begin():
        survey_id = s.scalar(select(Survey.id).where(Survey.key == survey_key))
        if survey_id is None:
            return {}
        for year in sorted(set(years)):
            # PostgreSQL: one assigner per year at a time (SQLite's write session already serialises).
            s.scalar(select(FiscalYear.id).where(FiscalYear.survey_id == survey_id, FiscalYear.year == year)
                     .with_for_update())
            numbered = dict(s.execute(select(MeasureNumber.sheet_id, MeasureNumber.number)
                                      .where(MeasureNumber.survey_id == survey_id,
                                             MeasureNumber.fiscal_year == year)).all())
            if assign:
                sheets = list(s.scalars(select(Sheet).where(Sheet.survey_id == survey_id, Sheet.fiscal_year == year,
                                                            Sheet.deleted_at.is_(None))))
                moved = [sh.id for sh in sheets if sh.id not in numbered]
                if moved:   # a sheet whose year was changed gets a number of its new year
                    s.execute(delete(MeasureNumber).where(MeasureNumber.sheet_id.in_(moved)))
                missing = sorted((sh for sh in sheets if sh.id not in numbered), key=lambda sh: _order_key(repo, sh))
                top = s.scalar(select(func.max(MeasureNumber.number)).where(
                    MeasureNumber.survey_id == survey_id, MeasureNumber.fiscal_year == year)) or 0
                for offset, sh in enumerate(missing, start=1):
                    s.add(MeasureNumber(sheet_id=sh.id, survey_id=survey_id, fiscal_year=year, number=top + offset))
                    numbered[sh.id] = top + offset
            found.update(numbered)
    return found
