"""The one background-task helper: status, progress, cancellation, result on the GUI thread.

A worker is a plain function that takes its arguments and a keyword
``progress(done, total, message="")`` callback; it never touches widgets.
Calling ``progress`` raises :class:`Cancelled` once the task was cancelled, so
cancellation is cooperative and needs no flag-checking in the worker.

Every :class:`TaskRunner` owns a thread pool; the writer runner has one
thread, so database writes run one at a time, in the order submitted (SQLite
has one writer). Results, errors and progress are delivered through signals
of a :class:`Task` that lives on the GUI thread, so slots run on the GUI thread.
"""

from __future__ import annotations

import gc
import inspect
import logging
import threading
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import SIGNAL, QDeadlineTimer, QEventLoop, QObject, QRunnable, QThreadPool, QTimer, Signal

from desktop.gcpause import bulk_work_running
from desktop.store import failures

log = logging.getLogger(__name__)


class _GuiThreadCollector:
    """While worker threads exist, Python's cyclic GC runs only on the GUI thread.

    The collector runs in whichever thread happens to allocate; if it frees a
    cycle holding a Qt wrapper there, the C++ object is destroyed on a worker
    thread and the process crashes (seen in a worker's save). So automatic
    collection is off while any runner is alive, and a timer on the GUI
    thread collects by the same thresholds instead.
    """

    users = 0
    timer: QTimer | None = None

    @classmethod
    def acquire(cls) -> None:
        cls.users += 1
        if cls.users == 1:
            gc.disable()
            cls.timer = QTimer()
            cls.timer.setInterval(250)
            cls.timer.timeout.connect(cls.collect)
            cls.timer.start()

    @classmethod
    def release(cls) -> None:
        cls.users = max(0, cls.users - 1)
        if cls.users == 0 and cls.timer is not None:
            cls.timer.stop()
            cls.timer = None
            gc.enable()

    long_lived = 0     # objects in the oldest generation after the last full collection
    pending = 0        # at most this many objects promoted into it since (CPython's long_lived_pending)

    @classmethod
    def collect(cls) -> None:
        """By the thresholds, as the automatic collector would; two of its rules kept here too. The oldest
        generation is walked only once it has grown by a quarter since the last full walk (CPython's own
        rule: without it every tenth collection walked every object, up to a third of a second each with a
        large year loaded). And while a worker's bulk operation runs (desktop.gcpause), only the youngest
        objects are walked: the operation's objects are not garbage, and the walks would block the window."""
        threshold = gc.get_threshold()
        counts = gc.get_count()
        if counts[0] <= threshold[0]:
            return
        if bulk_work_running():
            gc.collect(0)
            return
        generation = 1 if counts[1] > threshold[1] else 0
        if generation and counts[2] > threshold[2] and cls.pending > cls.long_lived // 4:
            generation = 2
        if generation == 1:   # what this collection may promote: only the young generations are counted
            cls.pending += len(gc.get_objects(0)) + len(gc.get_objects(1))
        gc.collect(generation)
        if generation == 2:
            cls.long_lived, cls.pending = len(gc.get_objects(2)), 0


class Cancelled(Exception):
    """Raised inside a worker by its progress callback once the task was cancelled."""


class Task(QObject):
    """One unit of background work, as seen from the GUI thread."""

    progressed = Signal(int, int, str)   # done, total, message
    succeeded = Signal(object)           # the worker's return value
    failed = Signal(object)              # the exception the worker raised
    cancelled = Signal()
    finished = Signal()                  # after exactly one of the three above

    def __init__(self, label: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.label = label
        self.done = 0
        self.total = 0
        self.message = ""
        self.result: Any = None
        self.error: BaseException | None = None
        self.cancel_requested = False
        self.is_finished = False
        self.was_cancelled = False
        self.quiet = False
        self.unhandled = False      # failed with no one connected to ``failed``: the runner reports it

    def cancel(self) -> None:
        self.cancel_requested = True
        flag = getattr(self, "_cancel_flag", None)
        if flag is not None:
            flag.set()

    # Called on the GUI thread (queued from the worker) ---------------------

    def _on_progress(self, done: int, total: int, message: str) -> None:
        self.done, self.total, self.message = done, total, message
        self.progressed.emit(done, total, message)

    def _on_outcome(self, kind: str, value: object) -> None:
        self.is_finished = True
        if kind == "ok":
            self.result = value
            self.succeeded.emit(value)
        elif kind == "cancelled":
            self.was_cancelled = True
            self.cancelled.emit()
        else:
            self.error = value  # type: ignore[assignment]
            self.unhandled = self.receivers(SIGNAL("failed(PyObject)")) == 0
            self.failed.emit(value)
        self.finished.emit()


class _CancelFlag:
    """Plain Python (no Qt wrapper), so a worker may hold it."""

    def __init__(self) -> None:
        self._set = False

    def set(self) -> None:
        self._set = True

    def is_set(self) -> bool:
        return self._set


class _Relay(QObject):
    """One per runner, on the GUI thread: worker threads emit here and the slots run queued.

    Runnables hold only plain Python data and this relay (which outlives them),
    never a Task: a Qt wrapper released on a worker thread is a crash waiting to happen.
    """

    progress = Signal(int, int, int, str)   # task key, done, total, message
    outcome = Signal(int, str, object)      # task key, "ok"/"error"/"cancelled", value


class _Latest:
    """A worker's latest progress report, for the window to take (plain Python: both threads hold it).

    Coalesced: a worker reporting each of 60,000 sheets queued 60,000 events for the window; now at most
    one waits at a time, and the report the window shows when it gets to it is always the newest.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._value: tuple[int, int, str] | None = None
        self._queued = False

    def put(self, value: tuple[int, int, str]) -> bool:
        """Keep ``value``; True when the window must be told (nothing is waiting for it yet)."""
        with self._lock:
            self._value = value
            if self._queued:
                return False
            self._queued = True
            return True

    def take(self) -> tuple[int, int, str] | None:
        with self._lock:
            self._queued = False
            return self._value


class _Runnable(QRunnable):
    def __init__(self, key: int, cancelled: Callable[[], bool], relay: _Relay, latest: _Latest, fn: Callable,
                 args: tuple, kwargs: dict) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self.key, self.cancelled, self.relay, self.fn, self.args, self.kwargs = key, cancelled, relay, fn, args, kwargs
        self.latest = latest

    def _progress(self, done: int, total: int, message: str = "") -> None:
        if self.cancelled():
            raise Cancelled()
        if self.latest.put((int(done), int(total), str(message))):
            self.relay.progress.emit(self.key, 0, 0, "")   # the window reads the latest report when it gets here

    def run(self) -> None:  # worker thread
        try:
            if self.cancelled():
                raise Cancelled()
            result = self.fn(*self.args, progress=self._progress, **self.kwargs)
        except Cancelled:
            self.relay.outcome.emit(self.key, "cancelled", None)
        except BaseException as exc:  # noqa: BLE001 - every failure goes back to the GUI
            log.info("task %s failed:\n%s", self.key, traceback.format_exc())   # in the log file, for support
            # a database failure reaches the GUI in Japanese, without SQL (store/failures.py)
            self.relay.outcome.emit(self.key, "error", failures.for_people(exc))
        else:
            self.relay.outcome.emit(self.key, "ok", result)
        finally:
            self.fn = self.args = self.kwargs = None


def accepts_progress(fn: Callable) -> bool:
    try:
        params = inspect.signature(fn).parameters
    except (TypeError, ValueError):
        return False
    return "progress" in params or any(p.kind is p.VAR_KEYWORD for p in params.values())


class TaskRunner(QObject):
    """Runs workers on its own thread pool and reports on the GUI thread."""

    taskStarted = Signal(object)    # Task
    taskFinished = Signal(object)   # Task
    idleChanged = Signal(bool)
    # A task failed and nobody had connected to its ``failed``: the application shows it (never dropped).
    failedUnhandled = Signal(object)   # Task

    def __init__(self, name: str, max_threads: int = 1, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = name
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(max_threads)
        self._active: list[Task] = []
        self._by_key: dict[int, Task] = {}
        self._latest: dict[int, _Latest] = {}
        self._next_key = 1
        self._relay = _Relay(self)
        self._relay.progress.connect(self._on_progress)
        self._relay.outcome.connect(self._on_outcome)
        self._collector_held = True
        _GuiThreadCollector.acquire()

    def submit(self, fn: Callable, *args, label: str = "", quiet: bool = False, **kwargs) -> Task:
        """Queue ``fn(*args, progress=…, **kwargs)``; returns the task to connect to.

        ``quiet`` tasks (autosaves, counts) are not shown in the status bar.
        """
        if not accepts_progress(fn):
            inner = fn

            def fn(*a, progress, **kw):  # noqa: ARG001 - plain functions without progress
                return inner(*a, **kw)

        task = Task(label, self)
        task.quiet = quiet
        key = self._next_key
        self._next_key += 1
        self._by_key[key] = task
        flag = _CancelFlag()
        task._cancel_flag = flag
        was_idle = not self._active
        self._active.append(task)
        self.taskStarted.emit(task)
        if was_idle:
            self.idleChanged.emit(False)
        latest = _Latest()
        self._latest[key] = latest
        self._pool.start(_Runnable(key, flag.is_set, self._relay, latest, fn, args, kwargs))
        return task

    def _on_progress(self, key: int, _done: int, _total: int, _message: str) -> None:
        latest = self._latest.get(key)
        value = latest.take() if latest is not None else None
        task = self._by_key.get(key)
        if task is not None and value is not None:
            task._on_progress(*value)

    def _on_outcome(self, key: int, kind: str, value: object) -> None:
        task = self._by_key.pop(key, None)
        self._latest.pop(key, None)
        if task is None:
            return
        if task in self._active:
            self._active.remove(task)
        task._on_outcome(kind, value)
        if task.unhandled:
            log.warning("task %r failed with no handler: %s", task.label, value)
            self.failedUnhandled.emit(task)
        self.taskFinished.emit(task)
        task.deleteLater()
        if not self._active:
            self.idleChanged.emit(True)

    @property
    def active(self) -> list[Task]:
        return list(self._active)

    def is_idle(self) -> bool:
        return not self._active

    def wait_idle(self, timeout_ms: int = 30000) -> bool:
        """Keep the GUI alive (events processed) until every task has reported back."""
        if self.is_idle():
            return True
        loop = QEventLoop()
        timer = QTimer()
        timer.setSingleShot(True)
        timer.timeout.connect(loop.quit)
        self.idleChanged.connect(loop.quit)
        try:
            deadline = QDeadlineTimer(timeout_ms)
            while not self.is_idle() and not deadline.hasExpired():
                timer.start(max(1, deadline.remainingTime()))
                loop.exec()
        finally:
            timer.stop()
            self.idleChanged.disconnect(loop.quit)
        return self.is_idle()

    def cancel_all(self) -> None:
        for task in self._active:
            task.cancel()

    def shutdown(self, timeout_ms: int = 30000) -> None:
        """Cancel what is queued, wait for running work, deliver pending reports."""
        self.cancel_all()
        self._pool.waitForDone(timeout_ms)
        self.wait_idle(timeout_ms)
        if self._collector_held:
            self._collector_held = False
            _GuiThreadCollector.release()
