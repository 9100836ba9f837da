"""Never lose work: save a sheet shortly after typing stops, on switching, on closing.

Each watched document gets a debounce timer, restarted by every edit, and a
deadline timer started by the first unsaved edit and not restarted: steady
typing (which keeps restarting the debounce) is still saved at most
``max_delay_ms`` after its first keystroke. A save takes a snapshot on the
GUI thread and hands it to the writer (one thread, so saves of all sheets run
one at a time). While a save is in flight, further edits wait for it and go in
the next save, which starts as soon as the first reports back, with the
version the store returned. An action that needs what was just typed saved
(an export, the history, an import) goes on from ``when_idle``'s callback;
only closing and quitting, which must not return before the saves, wait in
``wait_idle``.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QDeadlineTimer, QEventLoop, QObject, QTimer, Signal

from desktop.survey.sheet import SheetData
from desktop.ui.document import SheetDocument
from desktop.ui.tasks import TaskRunner

SaveFunction = Callable[[SheetData], SheetData]
MAX_DELAY_MS = 2000   # the longest an edit waits for its save while typing goes on


class AutoSaver(QObject):
    submitted = Signal(object, object)  # SheetDocument, the SheetData its save is writing
    saved = Signal(object)            # SheetDocument
    failed = Signal(object, object)   # SheetDocument, exception
    activityChanged = Signal(bool)    # True while anything is dirty or in flight

    def __init__(self, writer: TaskRunner, save: SaveFunction | None, delay_ms: int,
                 parent: QObject | None = None, *, max_delay_ms: int = MAX_DELAY_MS) -> None:
        super().__init__(parent)
        self.writer = writer
        self.save_function = save   # a plain function of the open database, bound when it opens
        self.delay_ms = delay_ms
        self.max_delay_ms = max(delay_ms, max_delay_ms)
        self._timers: dict[SheetDocument, QTimer] = {}
        self._deadlines: dict[SheetDocument, QTimer] = {}
        self._in_flight: set[SheetDocument] = set()
        self._blocked: set[SheetDocument] = set()   # a save failed; retried only when asked
        self._busy = False
        self._waiting: list[Callable[[bool], None]] = []   # when_idle's callbacks

    # -- documents ---------------------------------------------------------------

    def watch(self, doc: SheetDocument) -> None:
        if doc in self._timers:
            return
        timer = QTimer(self)
        timer.setSingleShot(True)
        timer.timeout.connect(lambda d=doc: self.save_now(d))
        self._timers[doc] = timer
        deadline = QTimer(self)
        deadline.setSingleShot(True)
        deadline.timeout.connect(lambda d=doc: self.save_now(d))
        self._deadlines[doc] = deadline
        doc.changed.connect(lambda _path, d=doc: self._on_changed(d))

    def _on_changed(self, doc: SheetDocument) -> None:
        self._blocked.discard(doc)
        timer = self._timers.get(doc)
        if timer is not None:
            timer.start(self.delay_ms)
        deadline = self._deadlines.get(doc)
        if deadline is not None and not deadline.isActive():
            deadline.start(self.max_delay_ms)
        self._update_activity()

    def forget(self, doc: SheetDocument) -> None:
        """Stop watching a document (it is being dropped); a save still in flight for it is ignored."""
        self._blocked.discard(doc)
        for timers in (self._timers, self._deadlines):
            timer = timers.pop(doc, None)
            if timer is not None:
                timer.stop()
                timer.deleteLater()

    # -- saving -------------------------------------------------------------------------

    def save_now(self, doc: SheetDocument) -> None:
        for timers in (self._timers, self._deadlines):
            timer = timers.get(doc)
            if timer is not None:
                timer.stop()
        if not doc.is_dirty or doc in self._in_flight or doc in self._blocked or self.save_function is None:
            self._update_activity()
            return
        data, refs = doc.snapshot()
        self._in_flight.add(doc)
        task = self.writer.submit(self.save_function, data, label=self.tr("保存しています"), quiet=True)
        task.succeeded.connect(lambda saved, d=doc, r=refs: self._on_saved(d, saved, r))
        task.failed.connect(lambda exc, d=doc: self._on_failed(d, exc))
        task.cancelled.connect(lambda d=doc: self._on_failed(d, RuntimeError(self.tr("保存が中断されました。"))))
        self.submitted.emit(doc, data)
        self._update_activity()

    def flush_all(self, *, retry_failed: bool = False) -> None:
        """Save every dirty document now; ``retry_failed`` also retries those whose save failed."""
        if retry_failed:
            self._blocked.clear()
        for doc in list(self._timers):
            if doc.is_dirty and doc not in self._blocked:
                self.save_now(doc)

    def _on_saved(self, doc: SheetDocument, saved: SheetData, refs) -> None:
        self._in_flight.discard(doc)
        if doc not in self._timers:   # forgotten meanwhile (database closed, sheet reloaded)
            self._update_activity()
            return
        doc.apply_saved(saved, refs)
        self.saved.emit(doc)
        if doc.is_dirty:
            self.save_now(doc)   # edits made while this save was in flight
        self._update_activity()

    def _on_failed(self, doc: SheetDocument, exc: object) -> None:
        self._in_flight.discard(doc)
        if doc not in self._timers:
            self._update_activity()
            return
        self._blocked.add(doc)
        doc.mark_failed(str(exc))
        self.failed.emit(doc, exc)
        self._update_activity()

    # -- state --------------------------------------------------------------------------

    def is_saving(self, doc: SheetDocument) -> bool:
        return doc in self._in_flight

    def is_busy(self) -> bool:
        return bool(self._in_flight) or any(d.is_dirty and d not in self._blocked for d in self._timers)

    def unsaved(self) -> list[SheetDocument]:
        return [d for d in self._timers if d.is_dirty]

    def _update_activity(self) -> None:
        busy = self.is_busy()
        if busy != self._busy:
            self._busy = busy
            self.activityChanged.emit(busy)
        if self._waiting and not self._in_flight:
            waiting, self._waiting = self._waiting, []
            ok = not self._blocked
            for callback in waiting:
                callback(ok)

    def when_idle(self, callback: Callable[[bool], None]) -> None:
        """Save every dirty document now and call ``callback(ok)`` once nothing is in flight (at once when
        nothing was): ``ok`` is False when a save failed. No nested event loop: the window stays live and
        the action that asked goes on from the callback."""
        self.flush_all()
        self._waiting.append(callback)
        self._update_activity()

    def wait_idle(self, timeout_ms: int = 30000) -> bool:
        """Save everything now and wait (processing events) until it is written or failed."""
        self.flush_all()
        loop = QEventLoop()
        timer = QTimer()
        timer.setSingleShot(True)
        timer.timeout.connect(loop.quit)
        self.activityChanged.connect(loop.quit)
        self.saved.connect(loop.quit)
        self.failed.connect(loop.quit)
        try:
            deadline = QDeadlineTimer(timeout_ms)
            while self._in_flight and not deadline.hasExpired():
                timer.start(max(1, deadline.remainingTime()))
                loop.exec()
        finally:
            timer.stop()
            self.activityChanged.disconnect(loop.quit)
            self.saved.disconnect(loop.quit)
            self.failed.disconnect(loop.quit)
        return not self._in_flight and not self.unsaved()
