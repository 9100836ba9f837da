"""Knowing when a widget has been painted: the moment staff see it.

Used by the bundle's smoke test and by the benchmarks, so "start-up" and
"first paint of the list" mean the same thing in both.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget


class PaintProbe(QObject):
    """Records when a widget has finished painting (a zero timer fires after the paint event)."""

    # Class defaults: while a window closes, Qt may call the filter through a fresh wrapper of this object
    # (the Python one already collected), which has no instance attributes.
    _armed = False
    painted_at: float | None = None

    def __init__(self, widget: QWidget, ready: Callable[[], bool] = lambda: True) -> None:
        super().__init__(widget)
        self.widget, self.ready = widget, ready
        self.painted_at: float | None = None
        self._armed = False
        widget.installEventFilter(self)

    def arm(self) -> None:
        self.painted_at = None
        self._armed = True

    def eventFilter(self, obj, event) -> bool:  # noqa: N802
        if self._armed and event.type() == QEvent.Type.Paint and self.ready():
            self._armed = False
            QTimer.singleShot(0, self._done)
        return False

    def _done(self) -> None:
        self.painted_at = time.perf_counter()

    def wait(self, timeout_s: float = 60) -> float:
        """Process events until the paint happened; returns its ``perf_counter`` time."""
        app = QCoreApplication.instance()
        deadline = time.perf_counter() + timeout_s
        while self.painted_at is None and time.perf_counter() < deadline:
            app.processEvents()
        if self.painted_at is None:
            raise TimeoutError(f"{type(self.widget).__name__} was not painted within {timeout_s:.0f} s")
        return self.painted_at


def show_painted(window: QWidget, watched: QWidget | None = None, size: tuple[int, int] = (1280, 800)) -> float:
    """Show ``window`` and wait until ``watched`` (default: the window) has painted; its ``perf_counter`` time."""
    probe = PaintProbe(watched or window)
    probe.arm()
    window.resize(*size)
    window.show()
    return probe.wait()
