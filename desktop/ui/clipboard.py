"""The clipboard outlives the interpreter: what the app put there must not be a Python object by then.

A text field copies through a QMimeData made in Python (it carries the marks
of the copied text). The clipboard keeps that object after the window is
gone, and Qt destroys it only from its own exit handlers, after Python has
shut down; the binding's destructor then calls into a finalised interpreter
and the process ends in a segmentation fault. On shutdown the app therefore
replaces its own clipboard content by the same plain text, held by Qt alone.
The marks do not survive the app closing (text pasted into a later session is
plain); the withheld-text register and the export's check across sheets still
protect it.
"""

from __future__ import annotations

from PySide6.QtCore import QMimeData
from PySide6.QtGui import QClipboard, QGuiApplication

OWN_PROPERTY = "sesaku_own_mime"


def own_mime_data() -> QMimeData:
    """A QMimeData for the clipboard that ``release_clipboard`` will recognise as the app's."""
    mime = QMimeData()
    mime.setProperty(OWN_PROPERTY, True)
    return mime


def release_clipboard() -> None:
    """Hand the app's clipboard content to Qt as plain text (both the clipboard and the X11 selection)."""
    app = QGuiApplication.instance()
    if app is None:
        return
    clipboard = QGuiApplication.clipboard()
    modes = [QClipboard.Mode.Clipboard]
    if clipboard.supportsSelection():
        modes.append(QClipboard.Mode.Selection)
    for mode in modes:
        data = clipboard.mimeData(mode)
        if data is not None and data.property(OWN_PROPERTY):
            clipboard.setText(data.text(), mode)
