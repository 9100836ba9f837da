"""The guard against PySide6 6.12.0 losing references to None/True on CPython 3.11."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QLineEdit

from desktop.ui import qtfix


class _Emitter(QObject):
    fired = Signal()


def test_guard_is_installed_exactly_when_references_are_lost(qapp):
    lost = qtfix.lost_references()
    if sys.version_info < (3, 12) and any(lost.values()):
        assert qtfix.INSTALLED
    elif not any(lost.values()):
        assert not qtfix.INSTALLED


def test_a_long_session_of_void_calls_and_emits_survives(qapp):
    line, emitter = QLineEdit(), _Emitter()
    for i in range(100_000):   # more than None's or True's own count on an unguarded 3.11
        line.setText("x")
        emitter.fired.emit()
    assert sys.getrefcount(None) > 0 and sys.getrefcount(True) > 0
