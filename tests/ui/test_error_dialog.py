"""An error nobody expected: logged with its traceback, shown once in Japanese, details copied for support."""

from __future__ import annotations

import logging
import sys
import threading

import pytest
from PySide6.QtCore import QTimer, qWarning
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QPushButton

from desktop import __version__, logs
from desktop.ui.error_dialog import install_error_handling


@pytest.fixture
def error_handling(qapp, tmp_path, monkeypatch):
    """The hooks run_gui installs, writing the log under tmp_path; Python's and Qt's own hooks back afterwards."""
    monkeypatch.setenv("SESAKU_LOG_DIR", str(tmp_path / "logs"))
    log_path = logs.setup_logging()
    saved = sys.excepthook, threading.excepthook
    reporter = install_error_handling()
    yield reporter, log_path
    sys.excepthook, threading.excepthook = saved
    from PySide6.QtCore import qInstallMessageHandler

    qInstallMessageHandler(None)
    if reporter.dialog is not None:
        reporter.dialog.close()


def _log_text(path) -> str:
    for handler in logging.getLogger().handlers:
        handler.flush()
    return path.read_text(encoding="utf-8")


def _raise_in_slot(qtbot, message: str) -> None:
    button = QPushButton("x")
    qtbot.addWidget(button)

    def slot():
        raise RuntimeError(message)

    button.clicked.connect(slot)
    button.click()


@pytest.mark.qt_no_exception_capture
def test_an_error_in_a_slot_is_logged_and_shown_once_with_copyable_details(qtbot, error_handling):
    reporter, log_path = error_handling
    _raise_in_slot(qtbot, "壊れたスロット")
    qtbot.waitUntil(lambda: reporter.dialog is not None and reporter.dialog.isVisible())
    dialog = reporter.dialog
    assert dialog.windowTitle() == "予期しないエラー" and dialog.isModal()
    assert dialog.findChild(type(dialog.log_label), "errorMessage").text().startswith("予期しないエラーが発生しました")
    assert str(log_path) in dialog.log_label.text()
    logged = _log_text(log_path)
    assert "Traceback" in logged and "RuntimeError: 壊れたスロット" in logged

    dialog.copy_button.click()
    copied = QGuiApplication.clipboard().text()
    assert "RuntimeError: 壊れたスロット" in copied and "Traceback" in copied
    assert __version__ in copied and str(log_path) in copied
    assert dialog.copy_button.text() == "コピーしました"

    _raise_in_slot(qtbot, "二つ目")          # while the dialog is open: no second dialog
    qtbot.waitUntil(lambda: "二つ目" in dialog.text.toPlainText())
    assert reporter.dialog is dialog
    assert "RuntimeError: 二つ目" in _log_text(log_path)


@pytest.mark.qt_no_exception_capture
def test_an_error_in_another_thread_reaches_the_dialog(qtbot, error_handling):
    reporter, log_path = error_handling

    def work():
        raise ValueError("別スレッドの失敗")

    thread = threading.Thread(target=work, name="worker-x")
    thread.start()
    thread.join()
    qtbot.waitUntil(lambda: reporter.dialog is not None and reporter.dialog.isVisible())
    assert "ValueError: 別スレッドの失敗" in reporter.dialog.details
    logged = _log_text(log_path)
    assert "worker-x" in logged and "ValueError: 別スレッドの失敗" in logged


@pytest.mark.qt_no_exception_capture
def test_an_error_from_a_timer_in_the_event_loop_is_shown(qtbot, error_handling):
    reporter, _log_path = error_handling

    def later():
        raise KeyError("遅れて")

    QTimer.singleShot(0, later)
    qtbot.waitUntil(lambda: reporter.dialog is not None and reporter.dialog.isVisible())
    assert "KeyError" in reporter.dialog.details


def test_qt_warnings_go_to_the_log(error_handling):
    _reporter, log_path = error_handling
    qWarning("Qt からの警告テスト")
    assert "WARNING" in _log_text(log_path) and "Qt からの警告テスト" in _log_text(log_path)


def test_help_version_shows_version_database_and_log(qtbot, make_app, seeded_db, dialogs, tmp_path, monkeypatch):
    monkeypatch.setenv("SESAKU_LOG_DIR", str(tmp_path / "logs"))
    logs.setup_logging()
    app = make_app(seeded_db)
    assert app.window.actions.about.text() == "バージョン情報(&A)"
    app.window.actions.about.trigger()
    [(_kind, title, text)] = dialogs.of("about")
    assert title == "バージョン情報"
    assert __version__ in text and str(seeded_db) in text
    assert str(tmp_path / "logs" / "sesaku-desk.log") in text


def test_the_real_start_up_logs_to_the_file_and_installs_the_hooks(qtbot, seeded_db, dialogs, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QApplication

    from desktop.ui.run import run_gui

    monkeypatch.setenv("SESAKU_LOG_DIR", str(tmp_path / "logs"))
    monkeypatch.setattr(QApplication, "exec", lambda _self: 0)   # the window opens and is closed at once
    saved = sys.excepthook, threading.excepthook
    try:
        assert run_gui(str(seeded_db)) == 0
        assert sys.excepthook is not saved[0] and threading.excepthook is not saved[1]
    finally:
        sys.excepthook, threading.excepthook = saved
        from PySide6.QtCore import qInstallMessageHandler

        qInstallMessageHandler(None)
        from PySide6.QtCore import QTranslator

        for translator in QApplication.instance().findChildren(QTranslator):   # run_gui's, parented to the app
            QApplication.instance().removeTranslator(translator)
            translator.deleteLater()
    assert "started" in _log_text(tmp_path / "logs" / "sesaku-desk.log")


@pytest.mark.qt_no_exception_capture
def test_a_database_failure_nobody_caught_says_what_failed_not_a_bug(qtbot, error_handling):
    import sqlite3

    from sqlalchemy import exc as sa_exc

    reporter, _log_path = error_handling

    def slot():
        raise sa_exc.OperationalError("SELECT * FROM sheets", (), sqlite3.OperationalError("database is locked"))

    button = QPushButton("x")
    qtbot.addWidget(button)
    button.clicked.connect(slot)
    button.click()
    qtbot.waitUntil(lambda: reporter.dialog is not None and reporter.dialog.isVisible())
    shown = reporter.dialog.findChild(type(reporter.dialog.log_label), "errorMessage").text()
    assert reporter.dialog.windowTitle() == "データベースのエラー"
    assert "書き込み中" in shown and "SELECT" not in shown and "予期しない" not in shown
    assert "SELECT * FROM sheets" in reporter.dialog.details   # the details for support keep everything
