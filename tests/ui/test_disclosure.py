"""Marking non-public parts in the editor: marks follow their text, go with it, come back with undo."""

from __future__ import annotations

from desktop.survey.parts import Part

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QDialogButtonBox, QFrame

from desktop.ui.dialogs.mark_reason import MarkReasonDialog
from tests.ui.helpers import TIMEOUT_MS, new_sheet, text_edit, type_into, wait_saved, wait_writer_idle

TEXT = "前文。秘密の部分。後文。"
SECRET = "秘密の部分"


def select(edit, start: int, end: int) -> None:
    cursor = edit.textCursor()
    cursor.setPosition(start)
    cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
    edit.setTextCursor(cursor)


def marked_texts(doc, key="content"):
    text = doc.sheet.text(key)
    return [text[m.start:m.end] for m in doc.sheet.marks if m.field_key == key and m.start is not None]


def shaded(edit) -> list[str]:
    return [s.cursor.selectedText() for s in edit.extraSelections()]


def test_marked_passage_follows_edits_goes_with_its_text_and_undo_brings_it_back(qtbot, make_app, seeded_db):
    app = make_app(seeded_db)
    doc = new_sheet(qtbot, app)
    editor = app.window.editor
    asked = []
    editor.marks.ask_reason = lambda _parent, what, reason="": asked.append(what) or "交渉中のため"
    content = text_edit(app, "content")
    type_into(qtbot, content, TEXT)
    start = TEXT.index(SECRET)
    select(content, start, start + len(SECRET))
    app.window.actions.mark_nonpublic.trigger()          # 編集 > 非公開にする…

    assert asked == [f"「施策内容」の「{SECRET}」"]
    assert marked_texts(doc) == [SECRET] and doc.sheet.marks[0].reason == "交渉中のため"
    assert shaded(content) == [SECRET] and content.mark_ranges
    panel = editor.marks_panel
    assert panel.list.count() == 1
    assert SECRET in panel.list.item(0).text() and "交渉中のため" in panel.list.item(0).text()
    assert "1 件" in panel.title.text()

    cursor = content.textCursor()
    cursor.setPosition(0)
    content.setTextCursor(cursor)
    type_into(qtbot, content, "追加の")                     # typed before the passage
    assert doc.sheet.text("content") == "追加の" + TEXT
    assert marked_texts(doc) == [SECRET] and shaded(content) == [SECRET]

    start = doc.sheet.text("content").index(SECRET)
    select(content, start, start + len(SECRET))
    with qtbot.waitSignal(app.workspace.message, timeout=TIMEOUT_MS) as notice:
        qtbot.keyClick(content, Qt.Key.Key_Delete)        # the marked text itself is deleted
    assert SECRET not in doc.sheet.text("content")
    assert doc.sheet.marks == [] and shaded(content) == [] and panel.list.count() == 0
    assert SECRET in notice.args[0] and "Ctrl+Z" in notice.args[0]      # told, never silent

    app.window.actions.undo.trigger()
    assert SECRET in content.toPlainText()
    assert marked_texts(doc) == [SECRET] and shaded(content) == [SECRET] and panel.list.count() == 1
    wait_saved(qtbot, app)
    stored = app.workspace.services.repository().get_sheet(doc.sheet_id)
    assert [stored.fields["content"][m.start:m.end] for m in stored.marks] == [SECRET]
    assert stored.marks[0].reason == "交渉中のため"


def test_whole_field_kpi_marks_and_removal_are_undoable(qtbot, make_app, demo_db):
    app = make_app(demo_db)
    app.window.list_view.select_sheet(app.workspace.services.repository().list_sheets()[0].id)
    qtbot.waitUntil(lambda: app.workspace.doc is not None, timeout=TIMEOUT_MS)
    doc = app.workspace.doc
    editor = app.window.editor
    editor.marks.ask_reason = lambda *_a, **_k: "調整中"
    before = len(doc.sheet.marks)
    assert editor.marks.mark_field("background")
    whole = [t.replace("\ufffc", "") for t in shaded(text_edit(app, "background"))]   # citation markers aside
    assert whole == [doc.sheet.text("background").replace("\n", "\u2029")]
    kpi = doc.sheet.all_kpis()[0][1]
    assert editor.marks.mark_kpi(kpi)
    qtbot.waitUntil(editor.kpi_editor.all_built, timeout=TIMEOUT_MS)   # cards out of view come after the paint
    rows = [r for r in editor.kpi_editor.findChildren(QFrame, "kpiRow") if r.kpi is kpi and r.isVisibleTo(editor)]
    assert rows and "c62828" in rows[0].styleSheet()          # the KPI is shaded, with a bar
    assert editor.marks_panel.list.count() == before + 2
    assert f"KPI「{kpi.indicator}」" in editor.marks_panel.list.item(before + 1).text()
    editor.marks.ask_release_reason = lambda *_a, **_k: None      # cancelled: nothing released
    editor.marks_panel.list.setCurrentRow(before + 1)
    editor.marks_panel.remove.click()
    assert editor.marks_panel.list.count() == before + 2 and doc.sheet.releases == []
    editor.marks.ask_release_reason = lambda *_a, **_k: "数値が公表されたため"
    editor.marks_panel.remove.click()
    assert editor.marks_panel.list.count() == before + 1
    assert [(r.reason, r.part) for r in doc.sheet.releases] == [("数値が公表されたため", str(Part.kpi(kpi.key)))]
    app.window.actions.undo.trigger()
    assert editor.marks_panel.list.count() == before + 2 and doc.sheet.releases == []
    wait_saved(qtbot, app)
    stored = app.workspace.services.repository().get_sheet(doc.sheet_id)
    assert any(m.part == Part.kpi(kpi.key) for m in stored.marks)
    assert any(m.field_key == "background" and m.start is None for m in stored.marks)


def test_review_lists_every_mark_of_the_year_and_opens_the_sheet(qtbot, make_app, demo_db):
    app = make_app(demo_db)
    app.window.actions.review_marks.trigger()
    dialog = app.disclosure.dialog
    qtbot.waitUntil(lambda: dialog.table.topLevelItemCount() > 0, timeout=TIMEOUT_MS)
    wait_writer_idle(qtbot, app)
    item = dialog.table.topLevelItem(0)
    assert item.text(4) and item.text(3)          # the text and the reason
    assert "か所" in dialog.summary.text()
    dialog.table.sortByColumn(4, Qt.SortOrder.DescendingOrder)
    dialog.table.itemDoubleClicked.emit(item, 0)
    qtbot.waitUntil(lambda: app.workspace.doc is not None, timeout=TIMEOUT_MS)
    assert app.workspace.doc.sheet.text("title") == item.text(1)
    dialog.close()


def test_reason_is_required(qtbot):
    dialog = MarkReasonDialog("「施策内容」の「秘密」")
    qtbot.addWidget(dialog)
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert not ok.isEnabled()
    dialog.reason.setPlainText("  ")
    assert not ok.isEnabled()
    dialog.reason.setPlainText("交渉中のため")
    assert ok.isEnabled() and dialog.value() == "交渉中のため"


def test_deleting_a_marked_kpi_removes_its_mark_and_undo_restores_both(qtbot, make_app, demo_db):
    app = make_app(demo_db)
    sheet_id = next(s.id for s in app.workspace.services.repository().load_sheets()
                    if s.all_kpis() and not app.survey.review.is_locked(s.status))   # one still being written
    app.window.list_view.select_sheet(sheet_id)
    qtbot.waitUntil(lambda: app.workspace.doc is not None, timeout=TIMEOUT_MS)
    doc, editor = app.workspace.doc, app.window.editor
    editor.marks.ask_reason = lambda *_a, **_k: "調整中"
    item, kpi = doc.sheet.all_kpis()[0]
    assert editor.marks.mark_kpi(kpi)
    count = len(doc.sheet.marks)
    app.window.editor.edited.emit(doc, ("kpis", item), tuple(item.kpis),
                                  tuple(k for k in item.kpis if k is not kpi), False, "KPI")
    assert kpi not in item.kpis and len(doc.sheet.marks) == count - 1
    assert not any(m.part == Part.kpi(kpi.key) for m in doc.sheet.marks)
    app.window.actions.undo.trigger()
    assert kpi in item.kpis and any(m.part == Part.kpi(kpi.key) for m in doc.sheet.marks)


def test_marking_a_citation_lists_it_saves_it_and_undo_removes_it(qtbot, make_app, demo_db):
    app = make_app(demo_db)
    repo = app.workspace.services.repository()
    sheet_id = next(s.id for s in repo.list_sheets() if repo.get_sheet(s.id).citations)
    app.window.list_view.select_sheet(sheet_id)
    qtbot.waitUntil(lambda: app.workspace.doc is not None, timeout=TIMEOUT_MS)
    doc = app.workspace.doc
    editor = app.window.editor
    editor.marks.ask_reason = lambda *_a, **_k: "資料が未公表のため"
    key = next(k for k in editor.texts if doc.numbered_citations(k))
    _number, uid, citation = doc.numbered_citations(key)[0]
    before = editor.marks_panel.list.count()
    assert editor.marks.mark_citation(uid)
    assert editor.marks_panel.list.count() == before + 1
    assert "出典「" in editor.marks_panel.list.item(before).text()
    wait_saved(qtbot, app)
    assert any(m.part == Part.citation(citation.key) and m.reason == "資料が未公表のため"
               for m in repo.get_sheet(sheet_id).marks)
    app.window.actions.undo.trigger()
    assert editor.marks_panel.list.count() == before
    wait_saved(qtbot, app)
    assert not any(m.part == Part.citation(citation.key) for m in repo.get_sheet(sheet_id).marks)
