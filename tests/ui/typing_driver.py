"""The real window, started as staff start it, for the test that kills it while someone types.

``python tests/ui/typing_driver.py DB SHEET_ID type`` builds the application
the way ``run_gui`` does, opens the sheet and presses a key every 100 ms at
the end of its 施策名, printing ``{"event": "typed", "text": ..., "t": ...}``
after each key (``t`` is time.monotonic(), which the test shares) until it
is killed. ``... report`` starts it again, lets the start-up (and its
recovery) run, waits until nothing is unsaved and prints what the editor and
the database hold. Message boxes cannot be clicked offscreen: each is
printed as ``{"event": "dialog", ...}`` and answered with its default.
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QTimer  # noqa: E402
from PySide6.QtGui import QTextCursor  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QMessageBox  # noqa: E402

KEY_INTERVAL_MS = 100


def say(**event) -> None:
    print(json.dumps(event, ensure_ascii=False), flush=True)


def _answer_dialogs() -> None:
    def box(kind: str, answer):
        def shown(_parent, title, text, *args, **kwargs):
            say(event="dialog", kind=kind, title=str(title), text=str(text))
            return answer
        return staticmethod(shown)

    ok = QMessageBox.StandardButton.Ok
    for kind in ("information", "warning", "critical"):
        setattr(QMessageBox, kind, box(kind, ok))
    QMessageBox.question = box("question", QMessageBox.StandardButton.No)


def main(db: str, sheet_id: int, mode: str) -> int:
    from desktop.ui.run import install_language, qt_application
    from desktop.ui.settings import Settings

    _answer_dialogs()
    app = qt_application()
    settings = Settings()
    translators = install_language(app, settings)   # noqa: F841 - kept alive while the window runs

    from desktop.ui.app import Application

    application = Application(settings)
    application.window.show()
    application.start(db)
    say(event="started")
    workspace = application.workspace

    if mode == "type":
        workspace.open_sheet(sheet_id)
        edit = application.window.editor.texts[application.survey.title_field].edit
        edit.setFocus()
        edit.moveCursor(QTextCursor.MoveOperation.End)
        typed = [0]

        def key() -> None:
            QTest.keyClick(edit, "abcdefghij"[typed[0] % 10])
            typed[0] += 1
            say(event="typed", text=edit.toPlainText(), t=time.monotonic())

        timer = QTimer()
        timer.timeout.connect(key)
        timer.start(KEY_INTERVAL_MS)
    else:
        def report() -> None:
            if workspace.is_saving() or workspace.unsaved_documents():
                return
            poll.stop()
            doc = workspace.doc
            stored = application.services.repository().get_sheet(sheet_id)
            say(event="state", doc_text=doc.title if doc is not None and doc.sheet_id == sheet_id else None,
                stored=stored.text(application.survey.title_field),
                marks=sorted([str(m.part), m.start, m.end, m.text, m.reason] for m in stored.marks))
            application.window.close()

        poll = QTimer()
        poll.timeout.connect(report)
        poll.start(50)
    code = app.exec()
    application.shutdown()
    return code


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], int(sys.argv[2]), sys.argv[3]))
