"""ごみ箱: a sheet deleted in one session is restored or purged in the next."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox

from tests.ui.helpers import TIMEOUT_MS, new_sheet, text_edit, type_into, wait_saved, wait_writer_idle


def _make_and_delete(qtbot, app, dialogs, title: str, body: str) -> int:
    doc = new_sheet(qtbot, app)
    type_into(qtbot, text_edit(app, "title"), title)
    type_into(qtbot, text_edit(app, "content"), body)
    wait_saved(qtbot, app)
    sheet_id = doc.sheet_id
    dialogs.answer("question", QMessageBox.StandardButton.Yes)
    app.window.actions.delete_sheet.trigger()
    qtbot.waitUntil(lambda: app.workspace.doc is None, timeout=TIMEOUT_MS)
    wait_writer_idle(qtbot, app)
    return sheet_id


def _restart(qtbot, app, make_app, db):
    app.window.close()
    app.shutdown()
    again = make_app(db)
    qtbot.waitUntil(lambda: again.services is not None, timeout=TIMEOUT_MS)
    return again


def _open_trash(qtbot, app):
    app.window.actions.trash.trigger()
    dialog = app.trash.dialog
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible, timeout=TIMEOUT_MS)
    return dialog


def _rows(dialog) -> list[list[str]]:
    t = dialog.table
    return [[t.topLevelItem(i).text(c) for c in range(4)] for i in range(t.topLevelItemCount())]


def test_trash_restores_a_sheet_deleted_before_a_restart(qtbot, make_app, seeded_db, dialogs, read_repo):
    app = make_app(seeded_db)
    sheet_id = _make_and_delete(qtbot, app, dialogs, "Trash round trip", "Body kept in the trash")
    app = _restart(qtbot, app, make_app, seeded_db)
    assert app.list_model.rowCount() == 0          # deleted: not in the list after the restart
    assert app.window.actions.undo.isEnabled() is False   # and the session's undo is gone

    dialog = _open_trash(qtbot, app)
    rows = _rows(dialog)
    assert len(rows) == 1 and rows[0][0] == "Trash round trip"
    assert rows[0][2].endswith("年度") and rows[0][3]          # 年度 and 削除日時 shown
    assert not dialog.restore_button.isEnabled()             # nothing chosen yet
    dialog.select_ids([sheet_id])
    dialog.restore_button.click()

    qtbot.waitUntil(lambda: app.list_model.rowCount() == 1, timeout=TIMEOUT_MS)
    wait_writer_idle(qtbot, app)
    qtbot.waitUntil(lambda: _rows(dialog) == [], timeout=TIMEOUT_MS)
    assert dialog.empty.isVisible()
    doc = app.workspace.doc
    assert doc is not None and doc.sheet_id == sheet_id
    assert text_edit(app, "content").toPlainText() == "Body kept in the trash"
    assert read_repo(seeded_db).get_sheet(sheet_id).fields["content"] == "Body kept in the trash"

    app.window.actions.undo.trigger()                        # Ctrl+Z puts it back in the trash
    qtbot.waitUntil(lambda: app.list_model.rowCount() == 0, timeout=TIMEOUT_MS)
    qtbot.waitUntil(lambda: len(_rows(dialog)) == 1, timeout=TIMEOUT_MS)


def test_trash_purges_only_after_confirmation(qtbot, make_app, seeded_db, dialogs, read_repo):
    app = make_app(seeded_db)
    gone = _make_and_delete(qtbot, app, dialogs, "Purge me", "to be purged")
    kept = _make_and_delete(qtbot, app, dialogs, "Keep me in the trash", "stays")
    app = _restart(qtbot, app, make_app, seeded_db)
    dialog = _open_trash(qtbot, app)
    dialog.select_ids([gone])

    dialogs.answer("question", QMessageBox.StandardButton.No)
    dialog.purge_button.click()
    title, text = dialogs.of("question")[-1][1:]
    assert title == "完全に削除" and "「Purge me」" in text and "Keep me" not in text
    assert "元に戻せません" in text
    wait_writer_idle(qtbot, app)
    assert len(_rows(dialog)) == 2                           # said no: nothing happened
    assert read_repo(seeded_db).get_sheet(gone).id == gone

    dialogs.answer("question", QMessageBox.StandardButton.Yes)
    dialog.purge_button.click()
    qtbot.waitUntil(lambda: [r[0] for r in _rows(dialog)] == ["Keep me in the trash"], timeout=TIMEOUT_MS)
    repo = read_repo(seeded_db)
    assert [r.id for r in repo.trashed_sheets()] == [kept]
    assert repo.get_sheets([gone]) == {}
    assert repo.revisions(gone) == []


def test_a_read_only_database_shows_the_trash_but_changes_nothing(qtbot, make_app, demo_db, dialogs, monkeypatch,
                                                                   read_repo):
    repo = read_repo(demo_db)
    sheet_id = repo.sheet_ids()[0]
    from desktop.store.database import open_database
    from desktop.store.repository import Repository

    db = open_database(demo_db, create=False)
    Repository(db).set_deleted(sheet_id, True)
    db.close()
    from desktop.ui import services

    monkeypatch.setattr(services, "writable", lambda path: False)
    app = make_app(demo_db)
    assert app.services.read_only
    dialog = _open_trash(qtbot, app)
    assert len(_rows(dialog)) == 1 and dialog.read_only_note.isVisible()
    dialog.select_ids([sheet_id])
    assert not dialog.restore_button.isEnabled() and not dialog.purge_button.isEnabled()
