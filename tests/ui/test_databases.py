"""Opening databases: broken or foreign files are refused with a message, first run, remembered files."""

from __future__ import annotations

import sqlite3

from desktop.ui.dialogs import first_run
from tests.ui.helpers import TIMEOUT_MS, new_sheet, text_edit, type_into, wait_saved


def test_opening_a_broken_file_says_so_and_changes_nothing(qtbot, make_app, seeded_db, tmp_path, dialogs):
    app = make_app(seeded_db)
    new_sheet(qtbot, app)
    type_into(qtbot, text_edit(app, "title"), "開いたまま")
    broken = tmp_path / "broken.db"
    broken.write_bytes(b"this is not a database at all" * 10)
    dialogs.answer("open_file", (str(broken), ""))
    app.window.actions.open_database.trigger()

    [(kind, title, text)] = dialogs.of("warning")
    assert title == "データベースを開けません"
    assert "施策デスクのデータベースではありません" in text
    assert app.services.target == str(seeded_db.resolve())        # still the same database
    assert text_edit(app, "title").toPlainText() == "開いたまま"   # and the same sheet, edits intact
    assert str(broken) not in app.settings.recent_databases
    assert broken.read_bytes().startswith(b"this is not")
    wait_saved(qtbot, app)


def test_another_applications_sqlite_file_is_refused(qtbot, make_app, seeded_db, tmp_path, dialogs):
    app = make_app(seeded_db)
    foreign = tmp_path / "other.sqlite"
    con = sqlite3.connect(foreign)
    con.execute("CREATE TABLE customers (id INTEGER)")
    con.commit()
    con.close()
    dialogs.answer("open_file", (str(foreign), ""))
    app.window.actions.open_database.trigger()
    assert "別のアプリケーション" in dialogs.of("warning")[0][2]
    assert app.services.target == str(seeded_db.resolve())
    con = sqlite3.connect(foreign)
    assert [r[0] for r in con.execute("SELECT name FROM sqlite_master")] == ["customers"]
    con.close()


def test_a_missing_file_is_not_created_by_open(qtbot, make_app, seeded_db, tmp_path, dialogs):
    app = make_app(seeded_db)
    missing = tmp_path / "nowhere" / "missing.db"
    dialogs.answer("open_file", (str(missing), ""))
    app.window.actions.open_database.trigger()
    assert "見つかりません" in dialogs.of("warning")[0][2]
    assert not missing.exists()


def test_first_run_creates_the_default_database_and_offers_the_samples(qtbot, make_app, tmp_path, monkeypatch,
                                                                      dialogs):
    default = tmp_path / "data" / "sesaku.db"
    monkeypatch.setenv("SESAKU_DB", str(default))
    dialogs.answer("first_run", first_run.DEMO)
    app = make_app(None)
    assert dialogs.of("first_run")
    assert default.exists()
    qtbot.waitUntil(lambda: app.list_model.rowCount() > 0, timeout=TIMEOUT_MS)
    assert app.list_model.rowCount() == app.services.repository().count_sheets()
    qtbot.waitUntil(lambda: app.workspace.doc is not None, timeout=TIMEOUT_MS)
    assert "サンプル" in app.list_model.index(0, 3).data()
    assert app.services.library().documents()       # the seeds were indexed


def test_first_run_can_start_empty_and_is_not_offered_twice(qtbot, make_app, tmp_path, monkeypatch, dialogs,
                                                            settings_factory):
    monkeypatch.setenv("SESAKU_DB", str(tmp_path / "empty.db"))
    settings = settings_factory()
    app = make_app(None, settings=settings)
    qtbot.waitUntil(app.writer.is_idle, timeout=TIMEOUT_MS)
    assert app.list_model.rowCount() == 0
    app.window.close()
    make_app(None, settings=settings)
    assert len(dialogs.of("first_run")) == 1


def test_last_and_recent_databases_are_remembered(qtbot, make_app, seeded_db, demo_db, settings_factory, dialogs):
    settings = settings_factory()
    app = make_app(seeded_db, settings=settings)
    dialogs.answer("open_file", (str(demo_db), ""))
    app.window.actions.open_database.trigger()
    assert app.services.target == str(demo_db.resolve())
    assert app.list_model.rowCount() == app.services.repository().count_sheets() > 0
    recent = [a.text() for a in app.window.recent_menu.actions()]
    assert recent[:2] == [str(demo_db.resolve()), str(seeded_db.resolve())]
    app.window.recent_menu.actions()[1].trigger()
    assert app.services.target == str(seeded_db.resolve())
    app.window.close()

    again = make_app(None, settings=settings)
    assert again.services.target == str(seeded_db.resolve())


def test_window_layout_is_remembered(qtbot, make_app, seeded_db, settings_factory):
    settings = settings_factory()
    app = make_app(seeded_db, settings=settings)
    app.window.resize(790, 700)   # within the offscreen screen (800 px), so the geometry restores as left
    qtbot.waitUntil(lambda: app.window.width() == 790)
    app.window.splitter.setSizes([300, 900])
    app.window.source_dock.hide()
    sizes = app.window.splitter.sizes()
    app.window.close()
    again = make_app(seeded_db, settings=settings)
    assert not again.window.source_dock.isVisible()
    assert again.window.splitter.sizes()[0] == sizes[0]   # the list keeps its width


def test_the_first_window_fits_the_screen(qtbot, make_app, seeded_db):
    """No saved layout yet: the window is never larger than the screen (its menu-bar buttons and status bar show)."""
    app = make_app(seeded_db)
    available = app.window.screen().availableGeometry()
    assert available.contains(app.window.frameGeometry())
