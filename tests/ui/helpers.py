"""Small steps the UI tests share: typing into fields and waiting for saves."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication

TIMEOUT_MS = 10000


def doc_saved(application) -> bool:
    doc = application.workspace.doc
    return doc is not None and not doc.is_dirty and not application.workspace.is_saving()


def wait_saved(qtbot, application) -> None:
    qtbot.waitUntil(lambda: doc_saved(application), timeout=TIMEOUT_MS)


def wait_writer_idle(qtbot, application) -> None:
    qtbot.waitUntil(lambda: application.writer.is_idle() and application.reader.is_idle(), timeout=TIMEOUT_MS)


def commit_text(widget, text: str) -> None:
    """What an input method (IME) sends when Japanese text is confirmed."""
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def type_into(qtbot, widget, text: str) -> None:
    """Focus a field and type as a user would: key events for ASCII, IME commits for Japanese.

    (QTest cannot synthesise key events for non-ASCII characters.)
    """
    widget.setFocus(Qt.FocusReason.MouseFocusReason)
    QApplication.processEvents()
    for ch in text:
        if ch.isascii() and ch.isprintable():
            qtbot.keyClicks(widget, ch)
        else:
            commit_text(widget, ch)


def text_edit(application, key: str):
    return application.window.editor.texts[key].edit


def new_sheet(qtbot, application):
    """Ctrl+N's action; waits until the new sheet is open in the editor."""
    before = application.workspace.doc
    application.window.actions.new_sheet.trigger()
    qtbot.waitUntil(lambda: application.workspace.doc is not None and application.workspace.doc is not before,
                    timeout=TIMEOUT_MS)
    return application.workspace.doc
