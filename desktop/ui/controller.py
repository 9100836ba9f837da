"""The base of the owners of a menu's dialogs (年度, 報告書, 提出・差戻し).

Each owner acts on the same workspace, runs its work on the same two task
runners (writes one at a time on the writer, reads beside them on the
reader), parents its dialogs to the window and reports to the status bar;
one base keeps that wiring in one place.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QMessageBox, QWidget
from shiboken6 import isValid

from desktop.ui.settings import Settings
from desktop.ui.tasks import TaskRunner
from desktop.ui.workspace import SheetWorkspace


class WorkspaceController(QObject):
    message = Signal(str, int)   # status bar text, timeout ms

    def __init__(self, workspace: SheetWorkspace, writer: TaskRunner, reader: TaskRunner, window: QWidget,
                 settings: Settings, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ws, self.writer, self.reader, self.window, self.settings = workspace, writer, reader, window, settings

    @property
    def services(self):
        """The open database's services (None while none is open): read each time, a database can be reopened."""
        return self.ws.services

    def apply_import(self, dialog, job: Callable, args: tuple, *, label: str, changed: Callable[[], Iterable[int]],
                     done: Callable[[], str], failed_title: str) -> None:
        """Save an import's plan on the writer, the dialog locked while it runs (one transaction: nothing to
        stop half way); then refresh the list and the changed sheets open here, or show why it failed."""
        dialog.set_running(True, self.tr("取り込んだ内容を保存しています…"))
        dialog.close_button.setEnabled(False)

        def applied(saved: list) -> None:
            self.ws.model.reload()
            self.ws.refresh_choices()
            for sheet_id in changed():
                self.ws.reload_sheet(sheet_id)
            self.message.emit(done(), 10000)
            if isValid(dialog):
                dialog.set_running(False)
                dialog.accept()

        def failed(exc: object) -> None:
            if isValid(dialog):
                dialog.set_running(False)
                dialog.show_failed(str(exc))
            QMessageBox.warning(self.window, failed_title, str(exc))

        def run() -> None:       # after the saves of what was typed: the import merges with them
            task = self.writer.submit(job, self.services, *args, label=label)
            task.succeeded.connect(applied)
            task.failed.connect(failed)

        self.ws.when_saved(run, failed)
