"""A database the window may not change is opened read-only with a banner saying why; notes are banners too."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from tests.ui.helpers import TIMEOUT_MS, type_into

ROOT = Path(__file__).resolve().parents[2]

# A second program editing the same file: it opens it the way the window does and keeps it open.
HOLDER = r"""
import sys
from desktop.ui.services import Services
services = Services.open(sys.argv[1], create=False, editing=True)
print("read-only" if services.read_only else "editing", flush=True)
sys.stdin.read()
services.close()
"""


@pytest.fixture
def other_program(demo_db):
    proc = subprocess.Popen([sys.executable, "-c", HOLDER, str(demo_db)], cwd=ROOT, stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout.readline().strip() == "editing"
        yield proc
    finally:
        proc.stdin.close()
        proc.wait(timeout=30)


def _stored(read_repo, path) -> tuple:
    repo = read_repo(path)
    return repo.count_sheets(), [(s.id, s.version) for s in repo.load_sheets()]


def test_second_program_opens_read_only_with_a_banner(qtbot, make_app, demo_db, other_program, read_repo, tmp_path):
    before = _stored(read_repo, demo_db)
    app = make_app(demo_db)
    window = app.window
    banner = window.banners.findChild(type(window.banners.banners[0]), "readOnlyBanner")
    assert banner is not None and banner.isVisible()
    assert "別の施策デスクで開かれている" in banner.text.text()
    assert "@" in banner.text.text()                       # who holds it: user@machine (PID)
    assert "もう一方の施策デスクを閉じて" in banner.text.text()  # what to do
    assert not window.actions.new_sheet.isEnabled() and not window.actions.save.isEnabled()
    from PySide6.QtWidgets import QPushButton

    for name in ("newSheetButton", "deleteSheetButton", "addDocumentButton"):
        assert not window.findChild(QPushButton, name).isEnabled()

    app.workspace.open_sheet(app.list_model.sheet_id(0))
    qtbot.waitUntil(lambda: app.workspace.doc is not None, timeout=TIMEOUT_MS)
    title = window.editor.texts["title"].edit
    text = title.toPlainText()
    assert title.isReadOnly()
    assert not window.editor.header.lines["ministry"].isEnabled() or window.editor.header.lines["ministry"].isReadOnly()
    type_into(qtbot, title, "abc")
    assert title.toPlainText() == text and not app.workspace.doc.is_dirty
    assert window.save_state.text() == "読み取り専用"
    window.grab().save(str(tmp_path / "read-only-banner.png"))
    assert _stored(read_repo, demo_db) == before


def test_editing_again_once_the_other_program_closed(qtbot, make_app, demo_db, other_program):
    app = make_app(demo_db)
    assert app.services.read_only
    other_program.stdin.close()
    other_program.wait(timeout=30)
    assert app.open_database(str(demo_db))
    assert not app.services.read_only and not app.window.banners.isVisible()
    assert app.window.actions.new_sheet.isEnabled()
    app.workspace.open_sheet(app.list_model.sheet_id(0))
    qtbot.waitUntil(lambda: app.workspace.doc is not None, timeout=TIMEOUT_MS)
    assert not app.window.editor.texts["title"].edit.isReadOnly()


def test_a_file_this_user_may_not_write_opens_read_only(qtbot, make_app, demo_db, monkeypatch):
    # The test may run as root, whom file permissions do not stop: the permission check answers "no".
    from desktop.ui import services

    monkeypatch.setattr(services, "writable", lambda path: False)
    app = make_app(demo_db)
    assert app.services.read_only
    (banner,) = app.window.banners.banners
    assert banner.objectName() == "readOnlyBanner" and "書き込む権限がない" in banner.text.text()


def test_database_notes_are_shown_as_a_warning_banner(qtbot, make_app, demo_db, monkeypatch, tmp_path):
    from desktop.store import filesystem

    monkeypatch.setattr(filesystem, "is_network_path", lambda path: True)
    app = make_app(demo_db)
    assert not app.services.read_only
    (banner,) = app.window.banners.banners
    assert banner.objectName() == "warningBanner"
    assert "ネットワーク上のフォルダ" in banner.text.text() and "PostgreSQL" in banner.text.text()
    assert app.window.actions.new_sheet.isEnabled()
    app.window.grab().save(str(tmp_path / "network-drive-banner.png"))
    qtbot.mouseClick(app.window.banners.banners[0], Qt.MouseButton.LeftButton)   # stays: it is not a popup
    assert app.window.banners.isVisible()
