"""Worker functions of the export and import dialogs: desktop.app.export on the thread's repository.

Plain Python, no Qt: the task runner calls them with ``progress``, which
raises once the task was cancelled (the atomic writer then removes its
temporary file and leaves the target as it was).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from desktop.app import export
from desktop.reports.form_plan import ImportPlan
from desktop.reports.model import Audience
from desktop.ui.services import Services

Progress = Callable[..., None]


def export_report(services: Services, fmt: export.ExportFormat, path: str, audience: Audience,
                  selection: export.Selection, *, progress: Progress, include_unaccepted: bool = False,
                  title: str | None = None, as_of=None) -> export.ExportResult:
    return export.export_report(services.repository(), fmt, Path(path), audience=audience, selection=selection,
                                progress=progress, include_unaccepted=include_unaccepted, title=title, as_of=as_of)


def public_preview(services: Services, selection: export.Selection) -> str:
    """What the public result of ``selection`` would leave out (the dialog shows it before exporting)."""
    return export.public_preview(services.repository(), selection)


def plan_import(services: Services, paths: list[str], *, progress: Progress, year: int | None = None) -> ImportPlan:
    return export.plan_import(services.repository(), paths, year=year, progress=progress)


def apply_import(services: Services, plan: ImportPlan, *, progress: Progress) -> list[int]:
    return export.apply_import(services.repository(), plan, progress=progress)
