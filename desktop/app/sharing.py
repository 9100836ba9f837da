"""Other ministries' public parts on a shared PostgreSQL server ([sharing] of the survey definition).

Row-level security shows staff only their ministry's sheets (migration
0009b). Where the survey's latest definition shares a status
(``[sharing] public_parts``, e.g. 確定), every ministry may read the other
ministries' sheets in it, their public part only. SQL cannot withhold a
marked passage, so the program writes the public form into
``sesaku_public_sheets`` (migration 0010a), the one table every ministry's
role may read:

* the public form is what the public report prints: the sheet goes through
  :func:`desktop.reports.model.build_report` for the public audience (the one
  withholding rule, every register entry the writer can see), and the text
  is then checked with the leak checker's needles (desktop.disclosure) before
  it is stored; a sheet either fails closed (nothing stored, the reason
  returned) or is stored without any withheld passage;
* it is written after every save of a sheet in the shared status (the
  database's saved hook, :func:`install`) and by :func:`share_public_parts`
  over all sheets (``sesaku-desk shared refresh``, and ``server setup`` as
  the owner, who sees every sheet and every register entry);
* the server removes it on any change of the sheet (a move out of the
  status, a new mark, the trash) in the same transaction, and refuses a
  public form of anything but the sheet's current version in a shared
  status; a definition that stops sharing hides every row at once.

Readers (:func:`shared_sheets`, :func:`shared_sheet`) read that table only:
another ministry's role still sees nothing of the sheets' own tables.
"""

from __future__ import annotations

import enum
import json
import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from desktop.app.disclosure import withheld_elsewhere
from desktop.disclosure.leakcheck import find_leaks, needles
from desktop.disclosure.package import Unit, normalize
from desktop.reports.errors import ReportError
from desktop.reports.model import Audience, Section, build_report
from desktop.store.access import STAFF
from desktop.store.database import Database
from desktop.store.repository import Repository
from desktop.store.surveys import current_definition
from desktop.survey.definition import Sharing, SurveyDefinition
from desktop.survey.sheet import SheetData, Status
from desktop.survey.wareki import format_fiscal_year

log = logging.getLogger(__name__)

TABLE = "sesaku_public_sheets"
FORMAT = 1     # the rendering's JSON layout (``format`` key), for readers of older rows


class SharingUnavailable(ValueError):
    """Sharing does not exist here (a SQLite file, a server not yet set up); the message is for people."""


class SharedNotFound(KeyError):
    """No public part of that sheet is shared with this role; the message is for people."""

    def __str__(self) -> str:
        return str(self.args[0])


@dataclass
class ShareResult:
    written: int = 0
    removed: int = 0
    refused: list[str] = field(default_factory=list)   # per sheet, why nothing was shared (Japanese)


@dataclass(frozen=True)
class SharedSheet:
    sheet_id: int
    survey_key: str
    fiscal_year: int
    ministry: str
    title: str
    status: Status
    rendered_at: datetime
    rendered_by: str
    content: dict[str, Any]

    @property
    def fiscal_year_label(self) -> str:
        return format_fiscal_year(self.fiscal_year)


# -- where it exists ------------------------------------------------------------------------

def available(db: Database) -> bool:
    """The database is on a server whose revision holds the shared table (0010a)."""
    if db.dialect != "postgresql":
        return False
    with db.sessions() as s:
        return s.scalar(text(f"SELECT to_regclass('{TABLE}')")) is not None


def install(db: Database) -> None:
    """Keep the public parts current after each save through ``db`` (the CLI's and the window's open)."""
    if db.read_only or _after_save in db.saved_hooks or not available(db):
        return
    db.saved_hooks.append(_after_save)


def _after_save(repo: Repository, sheet_ids: list[int]) -> None:
    result = share_public_parts(repo, sheet_ids)
    for line in result.refused:
        log.warning("public part not shared: %s", line)


def sharing_of(db: Database, survey_key: str) -> Sharing:
    """What the survey's latest stored definition shares (the server reads the same definition)."""
    definition = current_definition(db, survey_key)
    return definition.sharing if definition is not None else Sharing()


class ViewState(enum.Enum):
    """Whether the read-only view of others' public parts can be opened here, and if not, why."""

    NOT_SERVER = "not_server"     # a SQLite file: one ministry's own database, nothing to share
    NOT_SET_UP = "not_set_up"     # a server without the shared table (an older revision)
    NOT_SHARED = "not_shared"     # the survey's latest definition shares nothing ([sharing] public_parts)
    SHARED = "shared"


@dataclass(frozen=True)
class SharedView:
    state: ViewState
    sharing: Sharing = field(default_factory=Sharing)

    @property
    def open(self) -> bool:
        return self.state is ViewState.SHARED


def view_of(db: Database, survey_key: str) -> SharedView:
    """What the window's view of others' public parts may show (no query on a SQLite file).

    The reasons are codes, not sentences: the window words them in its own
    (translated) language and the command line in its.
    """
    if db.dialect != "postgresql":
        return SharedView(ViewState.NOT_SERVER)
    if not available(db):
        return SharedView(ViewState.NOT_SET_UP)
    sharing = sharing_of(db, survey_key)
    return SharedView(ViewState.SHARED if sharing.enabled else ViewState.NOT_SHARED, sharing)


# -- writing --------------------------------------------------------------------------------

def _paragraph_text(paragraph) -> str:
    return "".join(run.text for run in paragraph)


def render(survey: SurveyDefinition, section: Section, placeholder: str, kpi_headers: tuple[str, ...]
           ) -> dict[str, Any]:
    """The stored public form of one section of the public report (already withheld there)."""
    return {
        "format": FORMAT,
        "heading": section.heading,
        "classification": section.classification,
        "fiscal_year": section.fiscal_year_label,
        "ministry": section.ministry,
        "bureau": section.bureau,
        "areas_label": survey.areas_label,
        "areas": section.areas,
        "fields": [{"key": f.key, "label": f.label, "text": f.text, "withheld": f.withheld} for f in section.fields],
        "kpi_headers": list(kpi_headers),
        "kpis": [list(row.cells) for row in section.kpis],
        "footnotes": [{"number": n.number, "field": n.field_label, "text": n.text, "quoted": n.quoted_text}
                      for n in section.footnotes],
        "withheld_parts": section.marked_parts,
        "placeholder": placeholder,
    }


def _strings(value) -> Iterable[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from _strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v)


def _leaks(survey: SurveyDefinition, sheet: SheetData, content: dict[str, Any], elsewhere) -> list[str]:
    """What the leak check (the one an export runs on its file) finds in the public form: must be nothing."""
    units = []
    for i, value in enumerate(_strings(content)):
        lines = tuple(normalize(line) for line in value.splitlines()) or ("",)
        units.append(Unit(f"shared:{i}", "\n".join(lines), lines))
    return [leak.text for leak in find_leaks(units, needles(survey, [sheet], elsewhere))]


def _public_form(repo: Repository, sheet: SheetData, elsewhere) -> tuple[str, dict[str, Any]]:
    """(title, public form) of ``sheet``; ReportError (Japanese) when it may not be shared."""
    survey = repo.sheet_definition(sheet)
    report = build_report(survey, [sheet], Audience.PUBLIC, elsewhere=elsewhere, numbers={})
    section = report.sections[0]
    content = render(survey, section, report.placeholder, report.kpi_headers)
    found = _leaks(survey, sheet, content, elsewhere)
    if found:   # a bug of the report model: never stored
        raise ReportError(f"公開部分に非公開の内容（「{found[0]}」ほか{len(found) - 1}か所）が含まれていたため、共有しませんでした。")
    return section.heading, content


def share_public_parts(repo: Repository, sheet_ids: Iterable[int] | None = None) -> ShareResult:
    """Write (or remove) the public forms of ``sheet_ids`` (every sheet this role sees when None).

    A sheet is shared when it is in the status its survey's latest definition
    shares and not in the trash; its stored form is rewritten when the sheet
    changed since (the server already removed the old one then). Refusals of
    the report model (a mark that could not be placed, a short passage
    withheld elsewhere) leave the sheet unshared and are returned.
    """
    result = ShareResult()
    db = repo.db
    if not available(db):
        return result
    wanted_ids = None if sheet_ids is None else sorted(set(sheet_ids))
    if wanted_ids == []:
        return result
    with db.sessions() as s:
        surveys = dict(s.execute(text("SELECT id, key FROM surveys")).all())
        sql = "SELECT id, survey_id, status, version, deleted_at IS NOT NULL FROM sheets"
        params: dict[str, Any] = {}
        if wanted_ids is not None:
            sql += " WHERE id = ANY(:ids)"
            params["ids"] = wanted_ids
        sheets = s.execute(text(sql), params).all()
        stored = dict(s.execute(text(f"SELECT sheet_id, sheet_version FROM {TABLE}"
                                     + (" WHERE sheet_id = ANY(:ids)" if wanted_ids is not None else "")), params).all())
    shared = {sid: sharing_of(db, key).public_parts for sid, key in surveys.items()}
    render_ids, remove_ids = [], []
    for sheet_id, survey_id, status, version, deleted in sheets:
        target = shared.get(survey_id)
        if target is not None and status == target.value and not deleted:
            if stored.get(sheet_id) != version:
                render_ids.append(sheet_id)
        elif sheet_id in stored:
            remove_ids.append(sheet_id)
    if remove_ids:
        with db.write_sessions() as s, s.begin():
            result.removed = s.execute(text(f"DELETE FROM {TABLE} WHERE sheet_id = ANY(:ids)"),
                                       {"ids": remove_ids}).rowcount
    if not render_ids:
        return result
    if db.access.kind == STAFF:
        # Fail closed: a ministry's role sees only its own ministry's register of withheld text, so a
        # passage another ministry withheld would not be blanked. The secretariat (or the owner's
        # `server setup`, `shared refresh`) writes the form; until then the sheet stays unshared.
        result.refused += [f"施策シート {sheet_id}: 公開部分の作成は事務局が行います（府省庁のロールには他府省庁の"
                           "非公開の登録が見えないため）。" for sheet_id in render_ids]
        return result
    elsewhere = withheld_elsewhere(repo)
    for start in range(0, len(render_ids), 200):
        for sheet_id, sheet in repo.get_sheets(render_ids[start:start + 200]).items():
            try:
                title, content = _public_form(repo, sheet, elsewhere)
            except ReportError as exc:
                result.refused.append(f"施策シート {sheet_id}: {exc}")
                continue
            try:
                _store(db, sheet, title, content)
            except DBAPIError as exc:   # the server refused (the sheet changed meanwhile, or the role may not)
                log.info("public part of sheet %s refused by the server: %s", sheet_id, exc.orig)
                result.refused.append(f"施策シート {sheet_id}: サーバーが共有を受け付けませんでした"
                                      "（シートがその後変更されたか、このロールでは共有できません）。")
                continue
            result.written += 1
    return result


def _store(db: Database, sheet: SheetData, title: str, content: dict[str, Any]) -> None:
    with db.write_sessions() as s, s.begin():
        s.execute(text(f"DELETE FROM {TABLE} WHERE sheet_id = :id"), {"id": sheet.id})
        s.execute(text(
            f"INSERT INTO {TABLE} (sheet_id, survey_id, sheet_version, status, fiscal_year, ministry, title, "
            "rendering) SELECT id, survey_id, :version, :status, :year, ministry, :title, :rendering "
            "FROM sheets WHERE id = :id"),
            {"id": sheet.id, "version": sheet.version, "status": sheet.status.value, "year": sheet.fiscal_year,
             "title": title, "rendering": json.dumps(content, ensure_ascii=False)})


# -- reading --------------------------------------------------------------------------------

_SELECT = (f"SELECT p.sheet_id, v.key, p.fiscal_year, p.ministry, p.title, p.status, p.rendered_at, p.rendered_by, "
           f"p.rendering FROM {TABLE} p JOIN surveys v ON v.id = p.survey_id "
           f"WHERE p.status = sesaku_shared_status(p.survey_id)")


def _row(r) -> SharedSheet:
    return SharedSheet(r[0], r[1], r[2], r[3], r[4], Status(r[5]), r[6], r[7], json.loads(r[8]))


def _check(db: Database) -> None:
    if not available(db):
        raise SharingUnavailable("他府省庁の公開部分の共有は、府省庁ごとのロールを設定した PostgreSQL サーバーでだけ使えます"
                                 "（docs/postgresql.md。サーバーでは管理者が sesaku-desk server setup を実行してください）。")


def shared_sheets(repo: Repository, *, year: int | None = None, include_own: bool = False) -> list[SharedSheet]:
    """The public parts shared with this role in the repository's survey (others' only, unless asked)."""
    db = repo.db
    _check(db)
    sql, params = _SELECT + " AND v.key = :key", {"key": repo.survey.key}
    if year is not None:
        sql += " AND p.fiscal_year = :year"
        params["year"] = year
    own = db.access.ministry
    if own and not include_own:
        sql += " AND p.ministry <> :own"
        params["own"] = own
    with db.sessions() as s:
        rows = [_row(r) for r in s.execute(text(sql + " ORDER BY p.fiscal_year DESC, p.sheet_id"), params)]
    rank = {name: i for i, name in enumerate(repo.survey.ministries)}
    return sorted(rows, key=lambda r: (-r.fiscal_year, rank.get(r.ministry, len(rank)), r.ministry, r.sheet_id))


def shared_sheet(repo: Repository, sheet_id: int) -> SharedSheet:
    db = repo.db
    _check(db)
    with db.sessions() as s:
        row = s.execute(text(_SELECT + " AND p.sheet_id = :id"), {"id": sheet_id}).first()
    if row is None:
        raise SharedNotFound(f"施策シート {sheet_id} の公開部分は共有されていません"
                             "（共有されるのは調査票定義の [sharing] で指定された状態のシートだけです）。")
    return _row(row)


def search_forms(sheet: SharedSheet) -> tuple[str, ...]:
    """The folded texts a filter of the view looks in: what the sheet says, not the labels every sheet has."""
    from desktop.search.searchform import fold   # its tables load with the first filter, not at start-up

    c = sheet.content
    parts = [sheet.title, sheet.ministry, *(str(c.get(k) or "") for k in ("bureau", "classification", "areas"))]
    parts += [f.get("text") or "" for f in c.get("fields", ())]
    parts += [cell for row in c.get("kpis", ()) for cell in row]
    parts += [n.get("text") or "" for n in c.get("footnotes", ())]
    return tuple(form for form in map(fold, parts) if form)


def matches(sheet: SharedSheet, query: str, forms: tuple[str, ...] | None = None) -> bool:
    """Every word of ``query`` is somewhere in the sheet's public form, folded as search folds (ＡＩ = AI,
    取組 = 取り組み); ``forms``: the sheet's :func:`search_forms`, when the caller keeps them."""
    from desktop.search.searchform import fold

    texts = forms if forms is not None else search_forms(sheet)
    return all(any(word in text for text in texts) for word in map(fold, query.split()) if word)


def shared_text(sheet: SharedSheet) -> str:
    """The public form as lines of text, for the command line (labels as the definition gives them)."""
    c = sheet.content
    lines = [c.get("heading", sheet.title), f"{c.get('fiscal_year', sheet.fiscal_year_label)}　{c.get('ministry', '')}"
             + (f"　{c['bureau']}" if c.get("bureau") else "")]
    if c.get("classification"):
        lines.append(c["classification"])
    if c.get("areas"):
        lines.append(f"{c.get('areas_label', '')}: {c['areas']}")
    for f in c.get("fields", ()):
        lines += ["", f"■ {f['label']}", f["text"] or "（記載なし）"]
    if c.get("kpis"):
        lines += ["", "■ " + " / ".join(c.get("kpi_headers", ()))]
        lines += [" / ".join(cell for cell in row) for row in c["kpis"]]
    for n in c.get("footnotes", ()):
        lines.append(f"※{n['number']} {n['text']}")
    return "\n".join(lines)


__all__ = ["SharedNotFound", "SharedSheet", "SharedView", "ShareResult", "SharingUnavailable", "ViewState", "available",
           "install", "matches", "render", "search_forms", "share_public_parts", "shared_sheet", "shared_sheets",
           "shared_text", "sharing_of", "view_of"]
