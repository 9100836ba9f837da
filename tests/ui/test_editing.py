"""Typing into the real window: autosave, reopening, undo/redo across fields, closing."""

from __future__ import annotations

from PySide6.QtCore import Qt

from desktop.survey.definition import FieldKind
from tests.ui.helpers import TIMEOUT_MS, new_sheet, text_edit, type_into, wait_saved


def test_typed_text_is_saved_automatically_and_found_after_reopening(qtbot, make_app, settings_factory, seeded_db):
    db = seeded_db
    settings = settings_factory()
    app = make_app(db, settings=settings)
    doc = new_sheet(qtbot, app)
    editor = app.window.editor
    type_into(qtbot, text_edit(app, "title"), "国際標準人材の育成")
    type_into(qtbot, text_edit(app, "content"), "研修プログラムを実施する。")
    type_into(qtbot, editor.header.lines["ministry"], "経済産業省")
    type_into(qtbot, editor.header.lines["person"], "標準 花子")
    combo = editor.classification.combo
    combo.setCurrentIndex(combo.findData("P1-2"))
    combo.activated.emit(combo.currentIndex())
    editor.areas.boxes["digital-ai"].setChecked(True)
    assert "未保存" in app.window.save_state.text() or "保存中" in app.window.save_state.text()
    assert app.window.isWindowModified()

    wait_saved(qtbot, app)   # the debounce fires on its own: nothing here asks for a save
    assert app.window.save_state.text() == "保存済み"
    assert not app.window.isWindowModified()
    sheet_id = doc.sheet_id
    app.window.close()

    reopened = make_app(None, settings=settings)   # opens the last database
    assert reopened.services.target == str(db.resolve())
    assert reopened.window.list_view.select_sheet(sheet_id)
    qtbot.waitUntil(lambda: reopened.workspace.doc is not None, timeout=TIMEOUT_MS)
    assert text_edit(reopened, "title").toPlainText() == "国際標準人材の育成"
    assert text_edit(reopened, "content").toPlainText() == "研修プログラムを実施する。"
    header = reopened.window.editor.header
    assert header.lines["ministry"].text() == "経済産業省"
    assert header.lines["person"].text() == "標準 花子"
    assert reopened.window.editor.classification.combo.currentData() == "P1-2"
    assert reopened.window.editor.areas.boxes["digital-ai"].isChecked()
    assert "国際標準人材の育成" in reopened.window.windowTitle()


def test_every_save_writes_revisions(qtbot, make_app, read_repo, seeded_db):
    db = seeded_db
    app = make_app(db)
    doc = new_sheet(qtbot, app)
    type_into(qtbot, text_edit(app, "title"), "施策A")
    wait_saved(qtbot, app)
    type_into(qtbot, text_edit(app, "content"), "内容B")
    wait_saved(qtbot, app)
    fields = [r.field for r in read_repo(db).revisions(doc.sheet_id)]
    assert "field:title" in fields and "field:content" in fields


def test_undo_and_redo_work_across_fields(qtbot, make_app, seeded_db):
    app = make_app(seeded_db)
    new_sheet(qtbot, app)
    title, content = text_edit(app, "title"), text_edit(app, "content")
    type_into(qtbot, title, "施策名です")
    type_into(qtbot, content, "内容です")
    ministry = app.window.editor.header.lines["ministry"]
    type_into(qtbot, ministry, "総務省")
    actions = app.window.actions

    actions.undo.trigger()
    assert ministry.text() == ""
    actions.undo.trigger()
    assert content.toPlainText() == ""
    assert content.hasFocus()   # undo shows where it happened
    assert title.toPlainText() == "施策名です"
    actions.undo.trigger()
    assert title.toPlainText() == ""
    assert app.workspace.doc.sheet.fields["title"] == ""

    actions.redo.trigger()
    actions.redo.trigger()
    assert title.toPlainText() == "施策名です"
    assert content.toPlainText() == "内容です"
    wait_saved(qtbot, app)
    stored = app.workspace.services.repository().get_sheet(app.workspace.doc.sheet_id)
    assert stored.fields["title"] == "施策名です" and stored.fields["content"] == "内容です"
    assert stored.ministry == ""


def test_ctrl_z_in_a_field_goes_to_the_session_stack(qtbot, make_app, seeded_db):
    app = make_app(seeded_db)
    new_sheet(qtbot, app)
    app.window.activateWindow()
    qtbot.waitUntil(lambda: app.window.isActiveWindow(), timeout=TIMEOUT_MS)
    bureau = app.window.editor.header.lines["bureau"]
    type_into(qtbot, bureau, "kyoku")
    type_into(qtbot, text_edit(app, "title"), "abc")
    qtbot.keyClick(text_edit(app, "title"), Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert text_edit(app, "title").toPlainText() == ""
    qtbot.keyClick(text_edit(app, "title"), Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert bureau.text() == ""   # the line edit's own undo never ran; the session's did
    qtbot.keyClick(bureau, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert bureau.text() == "kyoku"


def test_undo_switches_back_to_the_sheet_that_changed(qtbot, make_app, seeded_db):
    app = make_app(seeded_db)
    first = new_sheet(qtbot, app)
    type_into(qtbot, text_edit(app, "title"), "一つ目")
    second = new_sheet(qtbot, app)
    assert app.workspace.doc is second
    app.window.actions.undo.trigger()
    assert app.workspace.doc is first
    assert text_edit(app, "title").toPlainText() == ""


def test_closing_waits_for_the_save_in_flight(qtbot, make_app, read_repo, settings_factory, seeded_db):
    db = seeded_db
    settings = settings_factory()
    settings.autosave_ms = 60000   # the debounce would never fire in this test
    app = make_app(db, settings=settings)
    doc = new_sheet(qtbot, app)
    type_into(qtbot, text_edit(app, "title"), "閉じる直前の入力")
    app.window.actions.save.trigger()   # a save is now in flight or queued
    assert app.window.close()
    assert read_repo(db).get_sheet(doc.sheet_id).fields["title"] == "閉じる直前の入力"


def test_switching_sheets_saves_the_one_left(qtbot, make_app, read_repo, settings_factory, seeded_db):
    db = seeded_db
    settings = settings_factory()
    settings.autosave_ms = 60000
    app = make_app(db, settings=settings)
    first = new_sheet(qtbot, app)
    type_into(qtbot, text_edit(app, "title"), "切り替え前")
    new_sheet(qtbot, app)
    qtbot.waitUntil(lambda: not first.is_dirty, timeout=TIMEOUT_MS)
    assert read_repo(db).get_sheet(first.sheet_id).fields["title"] == "切り替え前"


def test_sections_follow_the_survey_definition(qtbot, make_app, seeded_db):
    app = make_app(seeded_db)
    new_sheet(qtbot, app)
    editor = app.window.editor
    survey = app.survey
    for field in survey.fields:
        section = editor.sections[field.key]
        assert section.title_label.text() == field.label
        assert section.guidance_label is not None
        for line in field.guidance:
            assert line in section.guidance_label.text()
        badge = "必須" if field.required else "任意"
        assert any(badge == w.text() for w in section.findChildren(type(section.title_label)))
    order = [k for k in editor.sections if k in {f.key for f in survey.fields}]
    assert order == [f.key for f in survey.fields]
    title_field = survey.field(survey.title_field)
    type_into(qtbot, text_edit(app, survey.title_field), "abc")
    assert editor.sections[survey.title_field].count_label.text() == f"3 / {title_field.max_length} 文字"
    assert survey.first_field_of_kind(FieldKind.KPI_ITEMS).key in editor.sections


def test_a_sheet_saved_elsewhere_first_is_not_overwritten(qtbot, make_app, seeded_db, read_repo):
    """Both changed the title: the refused save asks (tests/ui/test_conflict_merge.py); taking theirs wins."""
    first = make_app(seeded_db)
    doc = new_sheet(qtbot, first)
    wait_saved(qtbot, first)
    second = make_app(seeded_db)
    second.workspace.open_sheet(doc.sheet_id)
    type_into(qtbot, text_edit(second, "title"), "先に保存した版")
    wait_saved(qtbot, second)

    type_into(qtbot, text_edit(first, "title"), "古い版からの変更")
    qtbot.waitUntil(lambda: first.workspace.merge_dialog is not None, timeout=TIMEOUT_MS)
    dialog = first.workspace.merge_dialog
    assert read_repo(seeded_db).get_sheet(doc.sheet_id).fields["title"] == "先に保存した版"
    dialog.panel("field:title").take_theirs.setChecked(True)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: text_edit(first, "title").toPlainText() == "先に保存した版", timeout=TIMEOUT_MS)
    wait_saved(qtbot, first)
    assert not first.workspace.doc.is_dirty
