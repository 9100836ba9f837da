"""The owner of non-public marks in the window: the Edit menu's 「非公開にする…」 and the review view.

Marking itself lives in the editor (desktop.ui.editor.marks; the menu
actions are wired to it in desktop.ui.app); this object runs the review of a
year's marks: the rows are read on the reader runner, with sheets that have
unsaved edits taken as edited.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from desktop.app.disclosure import marked_sheets
from desktop.disclosure.marks import ReviewRow, review_rows
from desktop.survey.sheet import SheetData
from desktop.ui.dialogs.marks_review import MarksReviewDialog
from desktop.ui.tasks import TaskRunner
from desktop.ui.workspace import SheetWorkspace


def year_marks(services, year: int, overrides: dict[int, SheetData]) -> list[ReviewRow]:
    """Review rows of a year; open sheets with unsaved edits count as edited."""
    stored = {s.id: s for s in marked_sheets(services.repository(), year)}
    for sheet_id, edited in overrides.items():
        if edited.fiscal_year == year:
            stored[sheet_id] = edited
    sheets = sorted((s for s in stored.values() if s.marks), key=lambda s: (s.ministry, s.id or 0))
    return review_rows(services.survey, sheets)


class DisclosureController(QObject):
    message = Signal(str, int)

    def __init__(self, workspace: SheetWorkspace, reader: TaskRunner, window: QWidget,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ws, self.reader, self.window = workspace, reader, window
        self.dialog: MarksReviewDialog | None = None
        self.ws.editor.marks.message.connect(lambda text: self.message.emit(text, 6000))

    def review(self) -> None:
        services = self.ws.services
        if services is None:
            return
        years = services.repository().years()
        if not years:
            QMessageBox.information(self.window, self.tr("非公開指定の確認"), self.tr("施策シートがありません。"))
            return
        year = self.ws.current_year(years)
        if self.dialog is None:
            self.dialog = MarksReviewDialog(years, year, self.window)
            self.dialog.yearChosen.connect(self.load)
            self.dialog.sheetRequested.connect(self.ws.open_sheet)
        self.dialog.show()
        self.dialog.raise_()
        self.load(self.dialog.chosen_year())

    def load(self, year: int | None) -> None:
        services, dialog = self.ws.services, self.dialog
        if services is None or dialog is None or year is None:
            return
        dialog.set_loading()
        overrides = {d.sheet_id: d.snapshot()[0] for d in self.ws.unsaved_documents() if d.sheet_id is not None}
        task = self.reader.submit(year_marks, services, year, overrides, label=self.tr("非公開の指定を読み込んでいます"))
        task.succeeded.connect(lambda rows: dialog.chosen_year() == year and dialog.show_rows(rows))
        task.failed.connect(lambda exc: dialog.summary.setText(self.tr("読み込めませんでした: {0}").format(exc)))
