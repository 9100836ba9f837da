"""One member of staff at a shared server: the real application in its own process, offscreen.

    python tests/ui/crowd_client.py URL

Builds the window as ``run_gui`` does (its own throwaway settings), opens
URL and prints one JSON line per thing the person would see or do:

- ``{"event": "dialog", "title": …, "text": …}`` for every message box; the
  process then waits for the person's answer on stdin: ``retry`` or ``ok``
  (any other button);
- ``{"event": "opened", "ok": bool, "rows": n}`` once the start is over;
- ``{"event": "saved", "title": …}`` / ``{"event": "save_failed"}`` after a
  ``save ID TEXT`` command (selects sheet ID in the list, puts TEXT in its
  title and waits for the save);
- ``{"event": "closed"}`` after ``quit``, then the process exits 0.

The tests read these lines (tests/lines.py) and judge what happened; a crash
shows as a non-zero exit or a traceback on stderr.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings  # noqa: E402
from PySide6.QtWidgets import QMessageBox  # noqa: E402


def say(event: str, **data) -> None:
    print(json.dumps({"event": event, **data}, ensure_ascii=False), flush=True)


def answer_from_stdin(_parent, title, text, buttons=QMessageBox.StandardButton.Ok, *_args, **_kwargs):
    """A message box: shown (printed), then answered by the person (stdin)."""
    say("dialog", title=str(title), text=str(text))
    reply = sys.stdin.readline().strip()
    if reply == "retry" and buttons & QMessageBox.StandardButton.Retry:
        return QMessageBox.StandardButton.Retry
    if buttons & QMessageBox.StandardButton.Cancel:
        return QMessageBox.StandardButton.Cancel
    return QMessageBox.StandardButton.Ok


def main() -> int:
    url = sys.argv[1]
    for name in ("warning", "critical", "information"):
        setattr(QMessageBox, name, staticmethod(answer_from_stdin))

    from desktop.ui.app import Application
    from desktop.ui.run import qt_application
    from desktop.ui.settings import Settings

    qt = qt_application()
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(QSettings(str(Path(tmp) / "client.ini"), QSettings.Format.IniFormat))
        settings.autosave_ms = 50
        application = Application(settings)
        application.window.show()
        ok = application.start(url)
        say("opened", ok=ok, rows=application.list_model.rowCount())
        for line in sys.stdin:
            command, _, argument = line.strip().partition(" ")
            if command == "quit":
                break
            if command == "open":   # the person opens the database again from the menu
                ok = application.open_database(url)
                say("opened", ok=ok, rows=application.list_model.rowCount())
            elif command == "save":
                sheet_id, _, title = argument.partition(" ")
                save(application, int(sheet_id), title)
        application.window.close()
        application.shutdown()
    del qt
    say("closed")
    return 0


def save(application, sheet_id: int, title: str) -> None:
    workspace = application.workspace
    application.window.list_view.select_sheet(sheet_id)
    if workspace.doc is None or workspace.doc.sheet_id != sheet_id:
        say("save_failed", reason="no such sheet")
        return
    application.window.editor.texts["title"].edit.setPlainText(title)
    workspace.save_now()
    if workspace.wait_saved():
        say("saved", title=workspace.doc.title)
    else:
        say("save_failed")


if __name__ == "__main__":
    sys.exit(main())
