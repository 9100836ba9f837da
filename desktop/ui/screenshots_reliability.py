"""Screenshots of shared use: the conflict merge dialog and the banners, on the demo data.

    python -m desktop.ui.screenshots_reliability docs/screenshots

Like desktop.ui.screenshots: offscreen, on a throw-away demo database. The
"other person" is a second repository on the same file, saving between this
window's edit and its autosave; the read-only banner is the window reopened
while another program holds the file (store/instance_lock.py); the network-drive
banner is the file reopened with the network check answering yes.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from desktop.ui.screenshots import Shots, _settle, demo_application, main

HOLDER = ("import sys; from desktop.ui.services import Services; s = Services.open(sys.argv[1], editing=True); "
          "print('held', flush=True); sys.stdin.read()")


def take(out_dir: Path) -> list[Path]:
    from PySide6.QtTest import QTest

    from desktop.store.database import copy_sqlite, open_database
    from desktop.store.repository import Repository

    out_dir.mkdir(parents=True, exist_ok=True)
    app, application = demo_application()
    window = application.window
    shots = Shots(app, application, out_dir)
    ws, editor = application.workspace, window.editor
    path = application.services.db.path

    # 1. Both edited 施策の概要 of one sheet, each marking a passage 非公開: the dialog shows the two
    #    versions side by side with each side's marks, and what the merge keeps of every mark.
    from desktop.survey.parts import Part
    from desktop.survey.sheet import MarkData

    sheet_id = application.list_model.sheet_id(0)
    ws.open_sheet(sheet_id)
    other = open_database(path, keep_backups=0)
    theirs = Repository(other).get_sheet(sheet_id)
    theirs.fields["content"] = "在外の関係機関と連携し、" + theirs.fields["content"]
    theirs.marks.append(MarkData(reason="連携先と調整中のため", part=Part.field("content"), start=0, end=8))
    Repository(other).save_sheet(theirs, author="相手")
    other.close()
    edit = editor.texts["content"].edit
    text = ws.doc.sheet.text("content")
    cursor = edit.textCursor()
    cursor.setPosition(editor.texts["content"]._doc_position(max(0, len(text) - 12)))
    cursor.setPosition(editor.texts["content"]._doc_position(len(text) - 1), cursor.MoveMode.KeepAnchor)
    edit.setTextCursor(cursor)
    editor.marks.ask_reason = lambda *_a, **_k: "公表前の内容を含むため"
    editor.marks.mark_selection("content")
    cursor = edit.textCursor()
    cursor.movePosition(cursor.MoveOperation.End)
    edit.setTextCursor(cursor)
    edit.insertPlainText("令和8年度からはオンライン研修も行う。")
    for _ in range(100):
        if ws.merge_dialog is not None:
            break
        QTest.qWait(50)
    dialog = ws.merge_dialog
    dialog.panels[0].take_edited.setChecked(True)
    shots.save(dialog, "conflict-merge")
    dialog.accept()
    ws.wait_saved()

    # 2. Another program holds the file: reopened read-only, with the banner.
    application.services.lock.release()   # this window lets go, as if it were started second
    application.services.lock = None
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(path)], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True, cwd=Path(__file__).resolve().parents[2])
    try:
        holder.stdout.readline()
        application.open_database(str(path))
        ws.open_sheet(sheet_id)
        _settle(app, application, 300)
        shots.save(window, "read-only-banner")
    finally:
        holder.stdin.close()
        holder.wait(30)

    # 3. The same file as if it were on a network drive: the warning banner (rollback journal, PostgreSQL).
    from desktop.store import filesystem

    shared = path.with_name("shared-folder.db")   # a copy: the open file keeps its WAL journal
    copy_sqlite(path, shared)
    filesystem.is_network_path = lambda _path: True
    application.open_database(str(shared))
    ws.open_sheet(sheet_id)
    shots.save(window, "network-drive-banner")
    return shots.close()


if __name__ == "__main__":
    main(take)
