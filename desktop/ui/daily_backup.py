"""Today's first backup of a SQLite file, taken once the window is up.

The open leaves the backup due (``open_database(defer_backup=True)``); this
takes it after the list has painted, on the writer thread: the first start of
the day shows the sheets as fast as any other start, and the copy (SQLite's
backup API, store/backups.py) runs between saves, never beside one, so it is
a consistent copy and no save waits on a lock it holds (a file on a network
drive has no WAL, and a reader there blocks writers). Saves made meanwhile
queue behind it, as they queue behind each other.

The status bar says when the backup is done; a failure becomes a banner, as
it was when the open took the backup itself.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QWidget

from desktop.ui.services import Services
from desktop.ui.tasks import TaskRunner


class DailyBackup(QObject):
    message = Signal(str, int)   # for the status bar: text, milliseconds
    failed = Signal(str)         # the note to show as a banner (Japanese)
    done = Signal(object)        # the backup's path, or None when none was needed after all

    def __init__(self, writer: TaskRunner, painted: QWidget, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.writer = writer
        self.painted = painted   # the widget whose first paint means "the window is up" (the list)
        self._pending: Services | None = None
        self._running = False

    @property
    def busy(self) -> bool:
        """A backup is waiting for the paint or being taken."""
        return self._pending is not None or self._running

    def schedule(self, services: Services | None) -> None:
        """Take ``services``' backup after the next paint of the list, if one is due; None forgets a pending one."""
        self._pending = services if services is not None and services.db.backup_due else None
        if self._pending is not None:
            self.painted.installEventFilter(self)
            self.painted.update()

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802
        if obj is self.painted and event.type() == QEvent.Type.Paint:
            self.painted.removeEventFilter(self)
            QTimer.singleShot(0, self._submit)   # once this paint has reached the screen
        return False

    def _submit(self) -> None:
        services, self._pending = self._pending, None
        if services is None or not services.db.backup_due:
            return
        task = self.writer.submit(services.db.take_daily_backup, label=self.tr("本日の自動バックアップを作成しています"))
        self._running = True
        task.succeeded.connect(self._succeeded)
        task.failed.connect(lambda exc, s=services: self._failed(s, exc))
        task.finished.connect(self._finished)

    def _finished(self) -> None:
        self._running = False

    def _succeeded(self, path) -> None:
        if path is not None:
            self.message.emit(self.tr("本日の自動バックアップを作成しました（{0}）。").format(path.name), 10000)
        self.done.emit(path)

    def _failed(self, services: Services, exc: object) -> None:
        note = str(exc)
        services.db.notes.append(note)
        self.message.emit(note, 15000)
        self.failed.emit(note)
        self.done.emit(None)
