"""Making a form read-only without rebuilding it: texts stay selectable, inputs are disabled.

Used by the editor while the database is open read-only. Only what this
module locked is unlocked again, so an input disabled for its own reason
(the first row's 「上へ」) stays disabled.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

LOCKED = "sesakuLocked"
TEXTS = (QLineEdit, QPlainTextEdit, QTextEdit)
INPUTS = (QAbstractButton, QComboBox, QAbstractSpinBox)


def lock_inputs(root: QWidget, locked: bool, keep: Iterable[QWidget] = ()) -> None:
    """Lock (or unlock) every input under ``root`` except those under a widget of ``keep``."""
    kept = [k for k in keep if k is not None]
    for widget in root.findChildren(QWidget):
        if any(k is widget or k.isAncestorOf(widget) for k in kept):
            continue
        if isinstance(widget, TEXTS):
            if locked and not widget.isReadOnly():
                widget.setReadOnly(True)
                widget.setProperty(LOCKED, True)
            elif not locked and widget.property(LOCKED):
                widget.setReadOnly(False)
                widget.setProperty(LOCKED, False)
        elif isinstance(widget, INPUTS):
            if locked and widget.isEnabled():
                widget.setEnabled(False)
                widget.setProperty(LOCKED, True)
            elif not locked and widget.property(LOCKED):
                widget.setEnabled(True)
                widget.setProperty(LOCKED, False)
