"""Worker functions run by the task helper: plain Python, no Qt, no widgets.

Each takes the :class:`Services` of the open database (which hands the
calling thread its own repository and library) and a ``progress`` callback.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from desktop.gcpause import gc_paused
from desktop.store.repository import SheetFilter
from desktop.survey.progress import sheet_statuses
from desktop.survey.sheet import SheetData
from desktop.survey.validation import Severity, validate_sheet
from desktop.ui.services import Services

Progress = Callable[..., None]


def save_sheet(services: Services, data: SheetData, author: str | None = None, *, progress: Progress) -> SheetData:
    progress(0, 1)
    return services.repository().save_sheet(data, author)


def create_sheet(services: Services, data: SheetData, *, progress: Progress) -> SheetData:
    progress(0, 1)
    return services.repository().create_sheet(data)


def set_deleted(services: Services, sheet_id: int, deleted: bool, *, progress: Progress) -> int:
    progress(0, 1)
    services.repository().set_deleted(sheet_id, deleted)
    return sheet_id


def purge_sheets(services: Services, sheet_ids: list[int], *, progress: Progress) -> int:
    progress(0, 1)
    return services.repository().purge_sheets(sheet_ids)


def problem_counts(services: Services, sheet_ids: list[int], *, progress: Progress) -> dict[int, tuple]:
    """(errors, warnings, KPI statuses) of each sheet, for the list's problems and KPI columns."""
    repo = services.repository()
    out: dict[int, tuple[int, int]] = {}
    for i, sheet_id in enumerate(sheet_ids):
        progress(i, len(sheet_ids))
        try:
            sheet = repo.get_sheet(sheet_id)
        except KeyError:
            continue
        problems = validate_sheet(repo.survey_definition(sheet.survey_key), sheet)
        errors = sum(1 for p in problems if p.severity is Severity.ERROR)
        out[sheet_id] = (errors, len(problems) - errors, sheet_statuses(sheet))
    return out


def check_year(services: Services, year: int, overrides: dict[int, SheetData], *,
               progress: Progress) -> list[tuple[int, str, list]]:
    """Validate every sheet of a year; sheets open with unsaved edits are checked as edited."""
    repo = services.repository()
    progress(0, 0, "")
    with gc_paused():      # a year's sheets are not garbage: the window's collector walks only the young meanwhile
        sheets = repo.load_sheets(SheetFilter(survey_key=services.survey.key, year=year), order="title")
        out = []
        for i, stored in enumerate(sheets):
            sheet = overrides.get(stored.id, stored)
            out.append((sheet.id, sheet.text(services.survey.title_field), validate_sheet(services.survey, sheet)))
            progress(i + 1, len(sheets))
    return out


def search_library(services: Services, query: str, limit: int = 50, *, progress: Progress):
    """The source panel's search; a search cancelled meanwhile (the user typed on) delivers nothing."""
    progress(0, 1)
    results = services.library().search(query, limit=limit)
    progress(1, 1)
    return results


def kpi_candidates(services: Services, document: str | None, *, progress: Progress) -> list:
    progress(0, 1)
    return services.library().kpi_candidates(document)


def add_documents(services: Services, paths: list[str], *, progress: Progress) -> tuple[list, list[str]]:
    """Add each file; returns (added rows, error messages) so one bad file does not stop the rest."""
    library = services.library()
    added, errors = [], []
    for i, path in enumerate(paths):
        progress(i, len(paths), Path(path).name)
        try:
            added.append(library.add_document(path))
        except Exception as exc:  # noqa: BLE001 - SourceReadError and friends carry a message for staff
            errors.append(f"{Path(path).name}: {exc}")
    progress(len(paths), len(paths))
    return added, errors


def index_seeds(services: Services, *, progress: Progress) -> int:
    return services.library().ensure_seeds(progress=progress)


def build_demo(services: Services, *, progress: Progress) -> int:
    from desktop.samples import build_demo as build

    progress(0, 1)
    return len(build(services.repository()))


def documents(services: Services, *, progress: Progress) -> list:
    progress(0, 1)
    return services.library().documents()


def count_elsewhere(services: Services, text: str, sheet_id: int | None) -> int:
    """How many other sheets of the survey hold ``text`` (a mark on a common phrase is warned about)."""
    repo = services.repository()
    phrase = "".join(text.split())
    ids = repo.sheet_ids(SheetFilter(survey_key=repo.survey.key, text=phrase), order="id")
    return len([i for i in ids if i != sheet_id])
