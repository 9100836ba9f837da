"""Screenshots of the review: a returned sheet with its reason and comments, and the export dialog's count.

    python -m desktop.ui.screenshots_review docs/screenshots

Like desktop.ui.screenshots: offscreen, on a throw-away demo database. The
secretariat returns a submitted sheet with a reason and comments on a field;
the ministry then opens it and reads both at the top of the sheet; an accepted
sheet opens read-only with the banner that says why.
"""

from __future__ import annotations

from pathlib import Path

from desktop.ui.screenshots import Shots, _settle, demo_application, main


def take(out_dir: Path) -> list[Path]:
    from PySide6.QtWidgets import QInputDialog

    from desktop.store import review as store
    from desktop.store.repository import SheetFilter
    from desktop.survey.parts import Part
    from desktop.survey.sheet import Status

    out_dir.mkdir(parents=True, exist_ok=True)
    app, application = demo_application()
    window, ws = application.window, application.workspace
    shots = Shots(app, application, out_dir)
    repo = application.services.repository()
    submitted = next(s for s in repo.load_sheets(SheetFilter(year=2025)) if s.status is Status.SUBMITTED)

    application.set_role("secretariat")
    ws.open_sheet(submitted.id)
    _settle(app, application)
    store.add_comment(repo, submitted.id, str(Part.field("results")), "KPI「国際会議の開催件数」の実績値の出典を記載してください。",
                      quote="国際会議", author="事務局 太郎", role="secretariat")
    store.set_evaluation(repo, submitted.id, "概ね順調", "KPIの一部に遅れ。", role="secretariat", author="事務局 太郎")
    original = QInputDialog.getMultiLineText
    QInputDialog.getMultiLineText = staticmethod(lambda *a, **k: ("実績値の出典と、遅れているKPIの課題を追記してください。", True))
    try:
        combo = window.editor.header.status_combo
        combo.setCurrentIndex(combo.findData(Status.RETURNED.value))
        combo.activated.emit(combo.currentIndex())
    finally:
        QInputDialog.getMultiLineText = original
    application.workspace.save_now()
    _settle(app, application, 600)

    application.set_role("ministry")
    ws.open_sheet(submitted.id)
    window.editor.scroll.verticalScrollBar().setValue(0)
    shots.save(window, "review-returned")

    accepted = next(s for s in repo.load_sheets(SheetFilter(year=2025)) if s.status is Status.ACCEPTED)
    ws.open_sheet(accepted.id)
    _settle(app, application)
    window.editor.scroll.verticalScrollBar().setValue(0)
    shots.save(window, "review-accepted-locked")

    window.actions.export_report.trigger()
    dialog = application.reports.export_dialog
    dialog.year.setCurrentIndex(dialog.year.findData(2025))
    shots.save(dialog, "review-export-dialog")
    dialog.close()
    return shots.close()


if __name__ == "__main__":
    main(take)
