"""The window on a server with roles per ministry shows what the person may do, and why (store/access.py)."""

from __future__ import annotations

import os

import pytest

from desktop.store import access, server_roles
from desktop.store.database import open_database
from desktop.store.repository import Repository
from tests.conftest import _pg_template
from tests.factories import complete_sheet
from desktop.store.review import change_status, status_history
from desktop.survey.sheet import Status
from tests.ui.helpers import TIMEOUT_MS, type_into, wait_saved

STAFF = f"win_soumu_{os.getpid()}"
SECRETARIAT = f"win_sec_{os.getpid()}"


@pytest.fixture
def server_db(pg_server, pg_database, survey):
    if not pg_server.can_create_roles:
        pytest.skip("the test server's role may not create roles")
    for role in (STAFF, SECRETARIAT):
        if not pg_server.admin(f"SELECT 1 FROM pg_roles WHERE rolname = '{role}'"):
            pg_server.admin(f"CREATE ROLE {role} LOGIN")
    name = pg_database(_pg_template(pg_server, "migrated"))
    admin = pg_server.admin_url(name)
    server_roles.setup(admin)
    server_roles.grant(admin, STAFF, access.STAFF, "総務省")
    server_roles.grant(admin, SECRETARIAT, access.SECRETARIAT)
    db = open_database(pg_server.url(name))
    repo = Repository(db, survey)
    for ministry in ("総務省", "外務省"):
        sheet = complete_sheet(survey, ministry=ministry)
        sheet.fields["title"] = f"{ministry}の施策"
        saved = repo.create_sheet(sheet)
        change_status(repo, saved.id, Status.SUBMITTED, role="ministry")
    db.close()
    return pg_server, name


def _banner_texts(window) -> str:
    return "\n".join(f"{b.objectName()}: {b.text.text()}" for b in window.banners.banners)


def test_staff_see_their_ministry_and_act_as_it(qtbot, make_app, server_db):
    server, name = server_db
    db = open_database(server.url(name))
    try:   # returned to the ministry: a submitted sheet's content is frozen until then
        repo = Repository(db)
        own = next(r.id for r in repo.list_sheets() if r.ministry == "総務省")
        change_status(repo, own, Status.RETURNED, role="secretariat", reason="KPIを見直してください")
    finally:
        db.close()
    app = make_app(server.url(name, role=STAFF))
    qtbot.waitUntil(lambda: app.list_model.rowCount() == 1, timeout=TIMEOUT_MS)
    a = app.window.actions
    assert a.role_ministry.isChecked() and not a.role_ministry.isEnabled() and not a.role_secretariat.isEnabled()
    assert "サーバーのロール" in a.role_secretariat.toolTip()
    app.set_role("secretariat")                     # asked anyway (an old setting): the server's role stays
    assert app.workspace.role == "ministry" and a.role_ministry.isChecked()
    assert "infoBanner" in _banner_texts(app.window) and "総務省のシートだけ" in _banner_texts(app.window)
    assert a.new_sheet.isEnabled()
    app.workspace.open_sheet(app.list_model.sheet_id(0))
    qtbot.waitUntil(lambda: app.workspace.doc is not None, timeout=TIMEOUT_MS)
    assert app.workspace.doc.sheet.ministry == "総務省"
    assert not app.window.editor.texts["title"].edit.isReadOnly() and a.delete_sheet.isEnabled()


def test_the_secretariat_reads_every_sheet_and_may_only_review(qtbot, make_app, server_db):
    server, name = server_db
    app = make_app(server.url(name, role=SECRETARIAT))
    qtbot.waitUntil(lambda: app.list_model.rowCount() == 2, timeout=TIMEOUT_MS)
    a = app.window.actions
    assert a.role_secretariat.isChecked() and not a.role_ministry.isEnabled()
    assert not a.new_sheet.isEnabled()
    from PySide6.QtWidgets import QPushButton

    new_button = app.window.findChild(QPushButton, "newSheetButton")
    assert not new_button.isEnabled() and "事務局" in new_button.toolTip()
    app.workspace.open_sheet(app.list_model.sheet_id(0))
    qtbot.waitUntil(lambda: app.workspace.doc is not None, timeout=TIMEOUT_MS)
    editor = app.window.editor
    title = editor.texts["title"].edit
    text = title.toPlainText()
    assert title.isReadOnly() and editor.header.status_combo.isEnabled()
    assert "内容は編集できません" in _banner_texts(app.window)
    assert not a.delete_sheet.isEnabled() and not a.duplicate_sheet.isEnabled()
    type_into(qtbot, title, "abc")
    assert title.toPlainText() == text and not app.workspace.doc.is_dirty

    editor.header.statusRequested.emit(Status.ACCEPTED)   # the review stays the secretariat's to do
    wait_saved(qtbot, app)
    db = open_database(server.url(name))
    try:
        history = status_history(Repository(db), app.workspace.doc.sheet_id)
    finally:
        db.close()
    assert (history[-1].to_status, history[-1].actor, history[-1].role) == (Status.ACCEPTED, SECRETARIAT,
                                                                            "secretariat")
    assert _banner_texts(app.window).count("readOnlyBanner") == 0
