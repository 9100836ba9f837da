"""PySide6 6.12.0 dropped references to None/True on CPython 3.11 and aborted the
application after some thousands of calls; pyproject.toml excludes it. This test
fails (the process aborts) if a release with that bug is ever installed again."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QLineEdit


class _Emitter(QObject):
    fired = Signal()


def test_a_long_session_of_void_calls_and_emits_survives(qapp):
    line, emitter = QLineEdit(), _Emitter()
    none_before, true_before = sys.getrefcount(None), sys.getrefcount(True)
    for _ in range(100_000):   # more than None's or True's own count on a broken 3.11 build
        line.setText("x")
        emitter.fired.emit()
    if sys.version_info < (3, 12):   # from 3.12 the singletons are immortal, counts meaningless
        assert sys.getrefcount(None) >= none_before - 1000
        assert sys.getrefcount(True) >= true_before - 1000
