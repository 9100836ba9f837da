"""A save the database refuses is told once, in Japanese, without SQL; the edit stays; a passing outage is retried."""

from __future__ import annotations

import sqlite3

import psycopg
import pytest
from sqlalchemy import exc as sa_exc

from desktop.ui import save_failures
from tests.ui.helpers import TIMEOUT_MS, new_sheet, text_edit, type_into, wait_saved

SECRET = "秘密の下書き"


def _failing(driver_error):
    def save(_data):
        raise sa_exc.OperationalError("UPDATE sheet_contents SET fields=?", (SECRET,), driver_error)
    return save


@pytest.fixture
def editing(qtbot, make_app, seeded_db):
    app = make_app(seeded_db)
    new_sheet(qtbot, app)
    wait_saved(qtbot, app)
    return app


def _type_and_wait_failure(qtbot, app, text):
    with qtbot.waitSignal(app.workspace.autosaver.failed, timeout=TIMEOUT_MS):
        type_into(qtbot, text_edit(app, "title"), text)


@pytest.mark.parametrize("driver_error, words", [
    (sqlite3.OperationalError("database or disk is full"), "空き容量が足りない"),
    (sqlite3.OperationalError("attempt to write a readonly database"), "読み取り専用"),
])
def test_disk_full_or_read_only_is_told_once_without_sql_and_the_edit_stays(qtbot, editing, dialogs, driver_error,
                                                                             words):
    app = editing
    app.workspace.autosaver.save_function = _failing(driver_error)
    _type_and_wait_failure(qtbot, app, SECRET)
    [(_kind, title, text)] = dialogs.of("warning")
    assert title == "保存できませんでした" and words in text and "画面に残っています" in text and "Ctrl+S" in text
    assert SECRET not in text.split("\n\n", 1)[1] and "[SQL" not in text and "sqlalche" not in text
    _type_and_wait_failure(qtbot, app, "追記")   # the next autosave fails the same way: no second dialog
    assert len(dialogs.of("warning")) == 1
    assert "まだ保存できません" in app.window.statusBar().currentMessage()
    assert SECRET in text_edit(app, "title").toPlainText() and app.workspace.doc.is_dirty


def test_a_server_outage_is_told_once_then_retried_until_it_saves(qtbot, editing, dialogs, monkeypatch):
    app = editing
    real_save = app.workspace.autosaver.save_function
    outage = psycopg.OperationalError('connection to server at "db.example.lg.jp" failed: Connection refused')
    app.workspace.autosaver.save_function = _failing(outage)
    notice = app.workspace.save_failures
    notice.retry_timer.setInterval(3_600_000)   # the retry is fired by hand below
    _type_and_wait_failure(qtbot, app, "停止中の入力")
    [(_kind, _title, text)] = dialogs.of("warning")
    assert "接続できません" in text and "自動で保存し直します" in text and "psycopg" not in text
    assert notice.retry_timer.isActive()

    with qtbot.waitSignal(app.workspace.autosaver.failed, timeout=TIMEOUT_MS):
        notice.retry_timer.timeout.emit()       # still down: retried, failed again, no new dialog
    assert "まだ保存できません" in app.window.statusBar().currentMessage()
    assert len(dialogs.of("warning")) == 1

    app.workspace.autosaver.save_function = real_save   # the server is back
    notice.retry_timer.timeout.emit()
    wait_saved(qtbot, app)
    assert "保存できるようになりました" in app.window.statusBar().currentMessage()
    assert not notice.retry_timer.isActive()
    assert "停止中の入力" in app.services.repository().get_sheet(app.workspace.doc.sheet_id).fields["title"]


def test_retry_interval_is_short_enough_to_lose_nothing_in_an_outage():
    assert save_failures.RETRY_MS <= 30_000


def test_any_task_that_fails_on_the_database_reports_japanese_without_sql(qtbot, editing, dialogs):
    """Every window action that shows a failed task's message (create, delete, export…) gets the store's words."""
    app = editing

    def fails():
        raise sa_exc.OperationalError("INSERT INTO sheets VALUES (?)", (SECRET,),
                                      sqlite3.OperationalError("database or disk is full"))

    task = app.writer.submit(fails, label="テスト")
    with qtbot.waitSignal(task.failed, timeout=TIMEOUT_MS) as blocker:
        pass
    [exc] = blocker.args
    assert "空き容量が足りない" in str(exc) and SECRET not in str(exc) and "[SQL" not in str(exc)
    assert isinstance(exc.__cause__, sa_exc.OperationalError)   # the original stays for the log


def test_an_action_after_typing_goes_on_once_the_save_is_in_without_a_nested_event_loop(qtbot, editing, dialogs,
                                                                                       monkeypatch):
    """An export or the history asks for what was just typed to be saved first: the action goes on from the
    save's report (the window stays live: no event loop inside the click), and a failed save stops it."""
    from desktop.ui.autosave import AutoSaver

    app = editing
    with monkeypatch.context() as patched:     # closing the window at teardown does wait, as it must
        patched.setattr(AutoSaver, "wait_idle", lambda *a, **k: pytest.fail("a nested event loop was spun"))
        type_into(qtbot, text_edit(app, "title"), "直前の入力")
        seen = []
        app.workspace.when_saved(lambda: seen.append(app.services.repository().get_sheet(app.workspace.doc.sheet_id)))
        qtbot.waitUntil(lambda: bool(seen), timeout=TIMEOUT_MS)
        assert "直前の入力" in seen[0].fields["title"]

        app.workspace.autosaver.save_function = _failing(sqlite3.OperationalError("database or disk is full"))
        type_into(qtbot, text_edit(app, "title"), "保存できない入力")
        ran, refused = [], []
        app.workspace.when_saved(lambda: ran.append(True), refused.append)
        qtbot.waitUntil(lambda: bool(refused), timeout=TIMEOUT_MS)
        assert not ran and "保存できていない変更" in refused[0]
