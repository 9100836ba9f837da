"""The day's first backup runs after the window is up, off the GUI thread, and the window says how it went."""

from __future__ import annotations

import sqlite3

import pytest

from desktop.store import backups
from desktop.store.database import open_database
from desktop.store.repository import Repository
from tests.factories import complete_sheet
from tests.ui.helpers import TIMEOUT_MS, text_edit, type_into, wait_saved


@pytest.fixture
def yesterdays_file(db_path, survey):
    """A database that already holds sheets and has no backup of today: the first start of the day."""
    sheets = [complete_sheet(survey) for _ in range(3)]
    for n, sheet in enumerate(sheets):
        sheet.fields["title"] = f"施策{n}"
    db = open_database(db_path)
    Repository(db).save_sheets(sheets)
    db.close()
    assert backups.list_backups(db_path) == []
    return db_path


def _sheet_titles(path) -> list[str]:
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        return sorted(r[0] for r in con.execute(
            "SELECT f.value FROM sheet_fields f JOIN sheets s ON s.id = f.sheet_id WHERE f.key = 'title'"))
    finally:
        con.close()


def test_the_window_shows_the_sheets_before_the_backup_then_says_it_is_done(qtbot, make_app, yesterdays_file):
    app = make_app(yesterdays_file)
    # the open returned with the list filled and no copy taken: the start did not wait for it
    assert app.list_model.rowCount() == 3
    assert backups.list_backups(yesterdays_file) == []

    qtbot.waitUntil(lambda: backups.list_backups(yesterdays_file) != [], timeout=TIMEOUT_MS)
    [made] = backups.list_backups(yesterdays_file)
    qtbot.waitUntil(lambda: made.path.name in app.window.statusBar().currentMessage(), timeout=TIMEOUT_MS)
    assert "自動バックアップを作成しました" in app.window.statusBar().currentMessage()
    assert _sheet_titles(made.path) == ["施策0", "施策1", "施策2"]
    assert app.window.banners.banners == []


def test_edits_made_while_the_backup_is_due_are_saved_and_the_copy_is_whole(qtbot, make_app, yesterdays_file):
    app = make_app(yesterdays_file)
    app.window.list_view.select_sheet(app.list_model.sheet_id(0))
    type_into(qtbot, text_edit(app, "title"), "朝一番の修正")
    wait_saved(qtbot, app)
    qtbot.waitUntil(lambda: backups.list_backups(yesterdays_file) != [], timeout=TIMEOUT_MS)
    [made] = backups.list_backups(yesterdays_file)
    titles = _sheet_titles(made.path)
    assert len(titles) == 3   # a consistent copy, before or after the save, never half of it
    assert any("朝一番の修正" in t for t in _sheet_titles(yesterdays_file))


def test_a_later_start_the_same_day_takes_no_second_backup(qtbot, make_app, yesterdays_file):
    backups.ensure_daily_backup(yesterdays_file)
    app = make_app(yesterdays_file)
    qtbot.waitUntil(lambda: app.writer.is_idle(), timeout=TIMEOUT_MS)
    assert len(backups.list_backups(yesterdays_file)) == 1
    assert "自動バックアップ" not in app.window.statusBar().currentMessage()


def test_a_failed_backup_is_a_banner_and_the_work_goes_on(qtbot, make_app, yesterdays_file, dialogs):
    (yesterdays_file.parent / "backups").write_text("a file where the folder should be")
    app = make_app(yesterdays_file)
    qtbot.waitUntil(lambda: any("自動バックアップを作成できませんでした" in b.text.text()
                                for b in app.window.banners.banners), timeout=TIMEOUT_MS)
    assert "自動バックアップを作成できませんでした" in app.window.statusBar().currentMessage()
    assert not app.services.read_only and not dialogs.calls   # a banner, not a dialog to click away
    app.window.list_view.select_sheet(app.list_model.sheet_id(0))
    type_into(qtbot, text_edit(app, "title"), "それでも保存")
    wait_saved(qtbot, app)
