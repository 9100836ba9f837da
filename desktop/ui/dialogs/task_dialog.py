"""A dialog that stays open while its background task runs: progress bar, and キャンセル that cancels the task.

The export and import dialogs share this: while ``running``, the close
button (and Esc) emit ``cancelRequested`` instead of closing, so no task is
left without a window that shows how it ended.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QProgressBar, QPushButton, QWidget


class TaskDialog(QDialog):
    cancelRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.running = False
        self.progress = QProgressBar()
        self.progress.setVisible(False)
        self.close_button = QPushButton()
        self.close_button.clicked.connect(self._close_or_cancel)

    def show_status(self, text: str) -> None:
        """Where the dialog shows what is going on; each dialog has its own label."""
        raise NotImplementedError

    def show_running(self, running: bool) -> None:
        self.running = running
        self.close_button.setEnabled(True)
        self.progress.setVisible(running)
        if running:
            self.progress.setRange(0, 0)      # busy until the task reports a total

    def show_progress(self, done: int, total: int, message: str) -> None:
        self.progress.setRange(0, max(0, total))
        if total:
            self.progress.setValue(done)
        if message:
            self.show_status(message)

    def _close_or_cancel(self) -> None:
        if self.running:
            self.close_button.setEnabled(False)
            self.show_status(self.tr("中止しています…"))
            self.cancelRequested.emit()
        else:
            self.reject()

    def reject(self) -> None:  # Esc while running cancels instead of leaving the task without its window
        if self.running:
            self._close_or_cancel()
            return
        super().reject()
