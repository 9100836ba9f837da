"""The base of the owners of a menu's dialogs (年度, 報告書, 提出・差戻し).

Each owner acts on the same workspace, runs its work on the same two task
runners (writes one at a time on the writer, reads beside them on the
reader), parents its dialogs to the window and reports to the status bar;
one base keeps that wiring in one place.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

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
