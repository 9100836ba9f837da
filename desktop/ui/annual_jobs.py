"""Worker functions of the annual cycle (new year, history, overview): plain Python, no widgets.

Like desktop.ui.jobs, each takes the open database's Services and a
``progress`` callback and runs on a task runner's thread; the dialogs only
show what these return.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from desktop.app.export import Selection, export_report
from desktop.app.new_year import NewYearResult, start_new_year
from desktop.store.history import restore_field
from desktop.store.overview import Overview, build_overview
from desktop.store.repository import SheetFilter, current_user
from desktop.survey.sheet import SheetData
from desktop.ui.services import Services

Progress = Callable[..., None]


def plan_new_year(services: Services, from_year: int, to_year: int, *, progress: Progress) -> NewYearResult:
    """What a run would do (a dry run): which sheets would be created, which already have a successor."""
    progress(0, 1)
    return start_new_year(services.repository(), from_year, to_year, author=current_user(), dry_run=True)


def new_year(services: Services, from_year: int, to_year: int, exclude_ids: Iterable[int], *,
             progress: Progress) -> NewYearResult:
    progress(0, 0)
    return start_new_year(services.repository(), from_year, to_year, exclude_ids=list(exclude_ids),
                          author=current_user(), progress=lambda done, total: progress(done, total))


def restore(services: Services, sheet_id: int, field: str, version: int, *, progress: Progress) -> SheetData:
    progress(0, 1)
    return restore_field(services.repository(), sheet_id, field, version, author=current_user())


def overview(services: Services, year: int, *, progress: Progress) -> Overview:
    repo = services.repository()
    progress(0, 0)
    sheets = repo.load_sheets(SheetFilter(survey_key=services.survey.key, year=year))
    return build_overview(services.survey, year, sheets, lambda done, total: progress(done, total))


def export_year_xlsx(services: Services, year: int, path: str, *, progress: Progress) -> Path:
    """The internal Excel report of a year, which has the 集計 sheet (desktop.app.export)."""
    return export_report(services.repository(), "xlsx", path, audience="internal", selection=Selection(year=year),
                         progress=progress).path
