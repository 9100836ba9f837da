"""The window at a PostgreSQL server that is full or stops: it says why in Japanese, retries, loses nothing."""

from __future__ import annotations

import psycopg
import pytest
from PySide6.QtWidgets import QMessageBox

from desktop.store.database import open_database
from desktop.store.repository import Repository
from tests.factories import complete_sheet
from tests.ui.helpers import TIMEOUT_MS, text_edit, type_into, wait_saved

SMALL = {"max_connections": 10, "superuser_reserved_connections": 3}
SLOTS = 7


@pytest.fixture
def full_server(pg_server_with, survey):
    """A server whose every slot is taken by other staff, and a database holding one sheet."""
    server = pg_server_with(**SMALL)
    url = server.url(server.create_database())
    db = open_database(url)
    Repository(db).save_sheet(complete_sheet(survey))
    db.close()
    held = [psycopg.connect(server._libpq(url), autocommit=True) for _ in range(SLOTS)]
    yield url, held
    for conn in held:
        conn.close()


def _answer_warnings(monkeypatch, dialogs, answer):
    """QMessageBox.warning as a person answers it: ``answer(text)`` gives the button."""
    def shown(_parent, title, text, *args, **kwargs):
        dialogs.calls.append(("warning", str(title), str(text)))
        return answer(str(text))
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(shown))


def test_a_full_server_is_explained_and_retry_opens_once_someone_leaves(qtbot, make_app, full_server, dialogs,
                                                                        monkeypatch):
    url, held = full_server

    def someone_leaves_then_retry(_text):
        held.pop().close()
        return QMessageBox.StandardButton.Retry

    _answer_warnings(monkeypatch, dialogs, someone_leaves_then_retry)
    app = make_app(url)
    [(_kind, title, text)] = dialogs.of("warning")
    assert title == "データベースに接続できません"
    assert "同時接続数が上限" in text and "再試行" in text and "FATAL" not in text
    assert app.services is not None and app.list_model.rowCount() == 1


def test_cancel_leaves_the_window_up_without_a_database_not_in_a_local_file(qtbot, make_app, full_server, dialogs,
                                                                          monkeypatch, settings_factory):
    url, _held = full_server
    settings = settings_factory()
    settings.last_database = url            # the shared server was the last database
    _answer_warnings(monkeypatch, dialogs, lambda _text: QMessageBox.StandardButton.Cancel)
    app = make_app(None, settings=settings)
    assert app.services is None             # not silently switched to the local default file
    assert app.window.isVisible() and not app.window.actions.new_sheet.isEnabled()
    assert "接続できませんでした" in app.window.statusBar().currentMessage()
    assert len(dialogs.of("warning")) == 1


def test_a_server_that_stops_while_editing_keeps_the_edit_and_saves_it_when_back(qtbot, make_app, pg_server_with,
                                                                                 survey, dialogs):
    server = pg_server_with(synchronous_commit="on")   # its own server: this test stops it
    url = server.url(server.create_database())
    db = open_database(url)
    Repository(db).save_sheet(complete_sheet(survey))
    db.close()
    app = make_app(url)
    app.window.list_view.select_sheet(app.list_model.sheet_id(0))
    server.halt()
    try:
        type_into(qtbot, text_edit(app, "title"), "停止中の入力")
        qtbot.waitUntil(lambda: bool(dialogs.of("warning")), timeout=TIMEOUT_MS)
        [(_kind, title, text)] = dialogs.of("warning")
        assert title == "保存できませんでした" and "接続できません" in text
        assert "sqlalche.me" not in text and "psycopg" not in text
        assert "停止中の入力" in text_edit(app, "title").toPlainText()   # the edit is still there
        assert app.workspace.doc.is_dirty
    finally:
        server.start()
    app.window.actions.save.trigger()          # Ctrl+S retries the failed save
    wait_saved(qtbot, app)
    check = open_database(url)
    try:
        assert "停止中の入力" in Repository(check).get_sheet(app.workspace.doc.sheet_id).fields["title"]
    finally:
        check.close()
