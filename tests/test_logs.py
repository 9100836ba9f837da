"""The log file: rotating, in the user data folder, moved by SESAKU_LOG_DIR, never fatal when unwritable."""

from __future__ import annotations

import logging
import os
import logging.handlers
import sys
import threading

from desktop import logs, paths


def test_the_log_lives_in_the_user_data_folder(monkeypatch, tmp_path):
    monkeypatch.delenv("SESAKU_LOG_DIR", raising=False)
    assert paths.log_file() == paths.user_data_dir() / "logs" / "sesaku-desk.log"
    assert os.environ["SESAKU_DATA_DIR"] in str(paths.log_file())   # tests/conftest.py's isolated data folder


def test_setup_writes_a_rotating_file_and_moves_with_the_folder(monkeypatch, tmp_path):
    first = logs.setup_logging(tmp_path / "a" / "sesaku-desk.log")
    logging.getLogger("desktop.test").warning("一つ目")
    second = logs.setup_logging(tmp_path / "b" / "sesaku-desk.log")
    logging.getLogger("desktop.test").warning("二つ目")
    for handler in logging.getLogger().handlers:
        handler.flush()
    assert "一つ目" in first.read_text(encoding="utf-8") and "二つ目" not in first.read_text(encoding="utf-8")
    assert "二つ目" in second.read_text(encoding="utf-8")
    handler = next(h for h in logging.getLogger().handlers if isinstance(h, logging.handlers.RotatingFileHandler))
    assert handler.maxBytes == logs.MAX_BYTES and handler.backupCount == logs.BACKUPS
    assert logs.current_log_file() == second


def test_an_unwritable_log_folder_does_not_stop_the_start(tmp_path, capsys):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    assert logs.setup_logging(blocker / "logs" / "sesaku-desk.log") is None
    assert "ログファイルを作成できません" in capsys.readouterr().err


def test_uncaught_exceptions_are_logged_with_their_traceback(tmp_path):
    path = logs.setup_logging(tmp_path / "sesaku-desk.log")
    saved = sys.excepthook, threading.excepthook
    seen = []
    try:
        logs.install_exception_hooks(lambda t, e, tb: seen.append(e))
        try:
            raise LookupError("メインスレッド")
        except LookupError:
            sys.excepthook(*sys.exc_info())
        thread = threading.Thread(target=lambda: 1 / 0, name="worker-y")
        thread.start()
        thread.join()
    finally:
        sys.excepthook, threading.excepthook = saved
    for handler in logging.getLogger().handlers:
        handler.flush()
    text = path.read_text(encoding="utf-8")
    assert "LookupError: メインスレッド" in text and "ZeroDivisionError" in text and "worker-y" in text
    assert text.count("Traceback") == 2
    assert [type(e) for e in seen] == [LookupError, ZeroDivisionError]
