"""The window's frame: menus and shortcuts, the help, background work in the status bar."""

from __future__ import annotations

import threading

from PySide6.QtGui import QKeySequence

from tests.ui.helpers import TIMEOUT_MS


def test_menus_and_standard_shortcuts(qtbot, make_app, seeded_db):
    app = make_app(seeded_db)
    a = app.window.actions
    expected = {a.new_sheet: QKeySequence.StandardKey.New, a.save: QKeySequence.StandardKey.Save,
                a.find: QKeySequence.StandardKey.Find, a.close_window: QKeySequence.StandardKey.Close,
                a.quit: QKeySequence.StandardKey.Quit, a.undo: QKeySequence.StandardKey.Undo}
    for action, key in expected.items():
        assert action.shortcut() == QKeySequence(key), action.objectName()
    assert {s.toString() for s in a.redo.shortcuts()} == {"Ctrl+Shift+Z", "Ctrl+Y"}
    menu_actions = {act.objectName() for m in app.window.menuBar().findChildren(type(app.window.recent_menu))
                    for act in m.actions()}
    assert {"newSheet", "save", "openDatabase", "undo", "redo", "find", "usage"} <= menu_actions


def test_help_explains_how_to_use(qtbot, make_app, seeded_db):
    app = make_app(seeded_db)
    app.window.actions.usage.trigger()
    assert app.help_dialog.isVisible()
    assert "引用" in app.help_dialog.guide_html()
    app.help_dialog.close()


def test_close_window_shortcut_closes(qtbot, make_app, seeded_db):
    app = make_app(seeded_db)
    app.window.actions.close_window.trigger()
    assert not app.window.isVisible()


def test_background_work_shows_progress_and_can_be_cancelled(qtbot, make_app, seeded_db):
    app = make_app(seeded_db)
    qtbot.waitUntil(app.writer.is_idle, timeout=TIMEOUT_MS)
    release = threading.Event()

    def long_job(*, progress):
        for i in range(1000):
            progress(i, 1000, "資料")
            release.wait(0.01)

    task = app.reader.submit(long_job, label="長い作業")
    status = app.window.task_status
    qtbot.waitUntil(lambda: status.isVisible() and status.bar.value() > 0, timeout=TIMEOUT_MS)
    assert "長い作業" in status.label.text()
    with qtbot.waitSignal(task.cancelled, timeout=TIMEOUT_MS):
        status.cancel.click()
    release.set()
    qtbot.waitUntil(lambda: not status.isVisible(), timeout=TIMEOUT_MS)
