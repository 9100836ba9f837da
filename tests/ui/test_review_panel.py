"""The review in the window: who may move a sheet, 差戻し with its reason on top, comments, evaluation."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QInputDialog

from desktop.store import review as store
from desktop.store.repository import SheetFilter
from desktop.survey.sheet import Status
from tests.ui.helpers import TIMEOUT_MS, wait_saved


@pytest.fixture
def app(make_app, demo_db):
    return make_app(demo_db)


def open_with_status(qtbot, app, status: Status):
    repo = app.services.repository()
    sheet = next(s for s in repo.load_sheets(SheetFilter(year=2025)) if s.status is status)
    app.workspace.open_sheet(sheet.id)
    qtbot.waitUntil(lambda: app.workspace.doc is not None and app.workspace.doc.sheet_id == sheet.id,
                    timeout=TIMEOUT_MS)
    return sheet


def request_status(app, status: Status) -> None:
    combo = app.window.editor.header.status_combo
    combo.setCurrentIndex(combo.findData(status.value))
    combo.activated.emit(combo.currentIndex())


def act_as(app, role: str) -> None:
    action = app.window.actions.role_secretariat if role == "secretariat" else app.window.actions.role_ministry
    action.trigger()
    assert app.workspace.role == role and app.settings.role == role


def test_a_ministry_cannot_accept_and_the_secretariat_returns_with_a_reason(qtbot, app, monkeypatch):
    sheet = open_with_status(qtbot, app, Status.SUBMITTED)
    header = app.window.editor.header
    act_as(app, "ministry")
    request_status(app, Status.ACCEPTED)
    assert "事務局が行います" in header.status_message.text()
    assert app.workspace.doc.sheet.status is Status.SUBMITTED

    act_as(app, "secretariat")
    asked = []
    monkeypatch.setattr(QInputDialog, "getMultiLineText",
                        staticmethod(lambda *a, **k: (asked.append(a[1]), ("KPIの実績値の出典を記載してください。", True))[1]))
    request_status(app, Status.RETURNED)
    assert asked and "差戻し" in asked[0]
    assert app.workspace.doc.sheet.status is Status.RETURNED
    wait_saved(qtbot, app)
    history = store.status_history(app.services.repository(), sheet.id)
    assert (history[-1].from_status, history[-1].to_status, history[-1].role, history[-1].reason) == (
        Status.SUBMITTED, Status.RETURNED, "secretariat", "KPIの実績値の出典を記載してください。")
    banner = app.window.editor.review.returned
    qtbot.waitUntil(banner.isVisible, timeout=TIMEOUT_MS)
    assert "KPIの実績値の出典を記載してください。" in banner.text()
    history = app.window.editor.review.history.text()
    assert "提出済 → 差戻し" in history and "（事務局）" in history and "KPIの実績値の出典" in history


def test_returning_without_a_reason_is_refused(qtbot, app, monkeypatch):
    open_with_status(qtbot, app, Status.SUBMITTED)
    act_as(app, "secretariat")
    monkeypatch.setattr(QInputDialog, "getMultiLineText", staticmethod(lambda *a, **k: ("  ", True)))
    request_status(app, Status.RETURNED)
    assert "理由を入力してください" in app.window.editor.header.status_message.text()
    assert app.workspace.doc.sheet.status is Status.SUBMITTED


def test_comments_are_listed_replied_resolved_and_shown_on_a_returned_sheet(qtbot, app):
    sheet = open_with_status(qtbot, app, Status.RETURNED)
    panel = app.window.editor.review
    act_as(app, "secretariat")
    assert panel.no_comments.isVisible() and not panel.tree.isVisible()   # one line, not an empty list
    assert panel.add_comment(key="content", quote="普及", body="根拠となる資料を示してください。")
    assert panel.tree.topLevelItemCount() == 1
    assert panel.tree.isVisible() and not panel.no_comments.isVisible()
    first = panel.tree.topLevelItem(0)
    assert first.text(0).startswith("施策内容") and first.text(4) == "未解決"
    assert "根拠となる資料を示してください。" in panel.returned.text() and panel.returned.isVisible()
    panel.tree.setCurrentItem(first)
    assert panel.reply(body="資料を追記しました。")
    assert panel.tree.topLevelItem(0).childCount() == 1
    panel.tree.setCurrentItem(panel.tree.topLevelItem(0))
    assert panel.toggle_resolved()
    assert panel.tree.topLevelItem(0).text(4) == "解決済"
    assert store.open_comments(app.services.repository(), sheet.id) == []
    assert "根拠となる資料" not in panel.returned.text()


def test_only_the_secretariat_records_the_evaluation(qtbot, app):
    sheet = open_with_status(qtbot, app, Status.SUBMITTED)
    panel = app.window.editor.review
    act_as(app, "ministry")
    assert not panel.save_grade.isEnabled()
    act_as(app, "secretariat")
    assert panel.save_grade.isEnabled()
    panel.grade.setCurrentIndex(panel.grade.findData("概ね順調"))
    panel.grade_comment.setText("KPIの一部に遅れがある。")
    panel.save_grade.click()
    row = store.evaluation(app.services.repository(), sheet.id)
    assert (row.grade, row.comment) == ("概ね順調", "KPIの一部に遅れがある。")
    assert "概ね順調" in panel.grade_info.text()


def test_an_accepted_sheet_is_read_only_with_the_reason_until_it_is_returned(qtbot, app, monkeypatch):
    sheet = open_with_status(qtbot, app, Status.ACCEPTED)
    editor = app.window.editor
    content = editor.texts["content"].edit
    act_as(app, "ministry")
    assert not editor.locked_banner.isHidden()
    assert "「確定」のため、内容を変更できません" in editor.locked_banner.text()
    assert "差戻し" in editor.locked_banner.text() and "事務局" in editor.locked_banner.text()
    assert content.isReadOnly()
    assert editor.header.status_combo.isEnabled()        # the way out stays usable
    before = content.toPlainText()
    content.setFocus()
    qtbot.keyClicks(content, "abc")
    assert content.toPlainText() == before and not app.workspace.doc.is_dirty

    act_as(app, "secretariat")
    monkeypatch.setattr(QInputDialog, "getMultiLineText", staticmethod(lambda *a, **k: ("出典を記載してください。", True)))
    request_status(app, Status.RETURNED)
    wait_saved(qtbot, app)
    assert editor.locked_banner.isHidden() and not content.isReadOnly()
    assert app.services.repository().get_sheet(sheet.id).status is Status.RETURNED


def test_a_draft_opened_after_an_accepted_sheet_can_be_typed_in(qtbot, app):
    open_with_status(qtbot, app, Status.DRAFT)
    open_with_status(qtbot, app, Status.ACCEPTED)
    act_as(app, "ministry")
    assert app.window.editor.texts["content"].edit.isReadOnly()
    open_with_status(qtbot, app, Status.DRAFT)
    content = app.window.editor.texts["content"].edit
    assert not content.isReadOnly()
    content.setFocus()
    qtbot.keyClicks(content, "abc")
    assert "abc" in content.toPlainText() and app.workspace.doc.is_dirty
