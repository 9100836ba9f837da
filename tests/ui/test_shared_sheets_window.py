"""表示 > 他府省の公開シート: another ministry's accepted sheets, their public form only (ui/shared_sheets.py).

As 外務省's role on a server whose survey shares accepted sheets, the window
lists 総務省's accepted sheet and shows its public form, without the
withheld passage (which a filter cannot find either); its own sheet is not
listed. Where nothing can be shown (a SQLite file, a survey that shares
nothing) the menu item is disabled and says why.
"""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QMenu

from desktop.store.database import open_database
from desktop.store.surveys import SurveyCatalog
from desktop.survey.definition import Sharing
from tests.app.test_sharing_server import SHARING, WITHHELD, _accept, _share
from tests.store.test_server_roles import GAIMU
from tests.store.test_server_roles import login_roles, shared  # noqa: F401 - the role tests' set-up database
from tests.ui.helpers import TIMEOUT_MS

PUBLIC_REST = "及び行動規範の普及・展開を行う。"   # 総務省's 施策内容 after its withheld first words


def _stored(server, name, survey):
    """The survey as the database holds it now (the window is built for the latest version)."""
    db = open_database(server.url(name))
    try:
        return SurveyCatalog(db).definition(survey.key)
    finally:
        db.close()


def _checked(qtbot, action):
    qtbot.waitUntil(lambda: "確認しています" not in action.toolTip() and action.toolTip() != "", timeout=TIMEOUT_MS)


def _open_dialog(qtbot, app):
    action = app.window.actions.shared_sheets
    _checked(qtbot, action)
    assert action.isEnabled(), action.toolTip()
    action.trigger()
    dialog = app.shared.dialog
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.reload_button.isEnabled(), timeout=TIMEOUT_MS)
    return dialog


@pytest.fixture
def roles_db(request):
    """The role tests' set-up database (tests/store/test_server_roles.py ``shared``): 総務省's and 外務省's
    submitted sheets, 総務省's 施策内容 starting with a withheld passage."""
    return request.getfixturevalue("shared")


@pytest.fixture
def sharing_server(roles_db, survey):
    server, name, ids = roles_db
    _share(server, name, survey)
    for sheet_id in ids.values():      # both accepted: 外務省 is shown 総務省's, not its own
        _accept(server, name, survey, sheet_id)
    return server, name, ids


def test_another_ministrys_accepted_sheet_is_shown_in_its_public_form_only(qtbot, make_app, sharing_server, survey):
    server, name, ids = sharing_server
    soumu = ids["総務省"]
    app = make_app(server.url(name, role=GAIMU), survey=_stored(server, name, survey))
    qtbot.waitUntil(lambda: app.list_model.rowCount() == 1, timeout=TIMEOUT_MS)   # its own sheet only
    action = app.window.actions.shared_sheets
    assert action in app.window.findChild(QMenu, "viewMenu").actions()
    dialog = _open_dialog(qtbot, app)

    assert dialog.visible_ids() == [soumu]
    assert SHARING.label in dialog.windowTitle() and "閲覧のみ" in dialog.windowTitle()
    assert dialog.guidance.isVisible() and SHARING.guidance[0] in dialog.guidance.text()
    item = dialog.table.topLevelItem(0)
    assert [item.text(c) for c in range(4)] == ["総務省", "令和7年度", "総務省の施策", "確定"]
    shown = dialog.viewer.toPlainText()
    assert "総務省の施策" in shown and PUBLIC_REST in shown and survey.public_placeholder in shown
    assert WITHHELD not in shown
    assert dialog.viewer.isReadOnly()

    dialog.words.setText(WITHHELD)          # the withheld words are not there to be found
    assert dialog.visible_ids() == [] and WITHHELD not in dialog.viewer.toPlainText()
    assert "条件に合うシートはありません" in dialog.viewer.toPlainText()
    dialog.words.setText("行動規範　普及")   # words of its public text, any width of space between them
    assert dialog.visible_ids() == [soumu] and PUBLIC_REST in dialog.viewer.toPlainText()
    dialog.words.clear()
    assert dialog.ministry.findText("外務省") == -1      # the filter offers what is listed
    dialog.ministry.setCurrentIndex(dialog.ministry.findText("総務省"))
    dialog.year.setCurrentIndex(dialog.year.findText("令和7年度"))
    assert dialog.visible_ids() == [soumu] and "1 件" in dialog.summary.text()


def test_a_survey_that_stops_sharing_empties_the_open_view_and_disables_it(qtbot, make_app, sharing_server, survey):
    server, name, _ids = sharing_server
    app = make_app(server.url(name, role=GAIMU), survey=_stored(server, name, survey))
    dialog = _open_dialog(qtbot, app)
    assert len(dialog.visible_ids()) == 1
    _share(server, name, survey, Sharing())            # the secretariat stops sharing meanwhile
    dialog.reload_button.click()
    qtbot.waitUntil(lambda: dialog.reload_button.isEnabled(), timeout=TIMEOUT_MS)
    assert dialog.visible_ids() == [] and "共有されていません" in dialog.viewer.toPlainText()
    action = app.window.actions.shared_sheets
    assert not action.isEnabled() and "共有されていません" in action.toolTip()


def test_with_sharing_off_the_menu_item_is_disabled_and_says_why(qtbot, make_app, roles_db, survey):
    server, name, ids = roles_db
    _accept(server, name, survey, ids["総務省"])        # the shipped survey shares nothing
    app = make_app(server.url(name, role=GAIMU))
    action = app.window.actions.shared_sheets
    _checked(qtbot, action)
    assert not action.isEnabled()
    assert "共有されていません" in action.toolTip() and survey.title in action.toolTip()
    action.trigger()
    assert app.shared.dialog is None


def test_on_a_sqlite_file_the_menu_item_is_disabled_and_says_why(qtbot, make_app, db_path):
    app = make_app(db_path)
    action = app.window.actions.shared_sheets
    assert not action.isEnabled()
    assert "PostgreSQL" in action.toolTip() and "ファイル" in action.toolTip()
    assert action.statusTip() == action.toolTip()
