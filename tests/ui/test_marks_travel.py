"""In the window, a mark travels with its text: cut and paste (in a field, to another field, to another
sheet), typing or an IME commit over the passage, duplicating the sheet, and the public export withholds it
after each of them."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent, QKeySequence, QTextCursor
from PySide6.QtWidgets import QApplication

from desktop.app.export import Selection, export_report
from desktop.survey.parts import Part
from tests.reports.sheetkit import package_text
from tests.ui.helpers import TIMEOUT_MS, new_sheet, text_edit, type_into, wait_saved

TEXT = "前文。Ω社との共同実証を行う。後文。"
SECRET = "Ω社との共同実証"


def select(edit, start: int, end: int) -> None:
    cursor = edit.textCursor()
    cursor.setPosition(start)
    cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
    edit.setTextCursor(cursor)


def marked(doc, key: str) -> list[str]:
    text = doc.sheet.text(key)
    return [text[m.start:m.end] for m in doc.sheet.marks if m.part == Part.field(key) and m.start is not None]


def keys(qtbot, edit, sequence: QKeySequence.StandardKey) -> None:
    shortcut = QKeySequence(sequence)[0]
    qtbot.keyClick(edit, shortcut.key(), shortcut.keyboardModifiers())


def sheet_with_mark(qtbot, app):
    doc = new_sheet(qtbot, app)
    app.window.editor.marks.ask_reason = lambda *_a, **_k: "企業名を含むため"
    content = text_edit(app, "content")
    type_into(qtbot, content, TEXT)
    start = TEXT.index(SECRET)
    select(content, start, start + len(SECRET))
    assert app.window.editor.marks.mark_selection("content")
    return doc, content


def public_text(app, tmp_path, sheet_id, name="p.docx"):
    repo = app.workspace.services.repository()
    target = tmp_path / name
    export_report(repo, "docx", target, selection=Selection(sheet_id=sheet_id), include_unaccepted=True)
    return package_text(target)


def test_cut_and_paste_inside_a_field_keeps_the_mark_and_undo_restores_it(qtbot, make_app, seeded_db, tmp_path):
    app = make_app(seeded_db)
    doc, content = sheet_with_mark(qtbot, app)
    start = TEXT.index(SECRET)
    select(content, start - 1, start + len(SECRET) + 4)        # the sentence holding the passage
    keys(qtbot, content, QKeySequence.StandardKey.Cut)
    assert SECRET not in doc.sheet.text("content") and marked(doc, "content") == []
    cursor = content.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.End)
    content.setTextCursor(cursor)
    keys(qtbot, content, QKeySequence.StandardKey.Paste)
    assert SECRET in doc.sheet.text("content") and marked(doc, "content") == [SECRET]
    assert doc.sheet.marks[-1].reason == "企業名を含むため"
    app.window.actions.undo.trigger()                          # the paste goes, with its mark
    assert SECRET not in doc.sheet.text("content") and marked(doc, "content") == []
    app.window.actions.redo.trigger()
    assert marked(doc, "content") == [SECRET]
    wait_saved(qtbot, app)
    text = public_text(app, tmp_path, doc.sheet_id)
    assert SECRET not in text and "（非公開）" in text


def test_pasting_into_another_field_and_another_sheet_carries_the_mark(qtbot, make_app, seeded_db, tmp_path):
    app = make_app(seeded_db)
    doc, content = sheet_with_mark(qtbot, app)
    start = TEXT.index(SECRET)
    select(content, start, start + len(SECRET))
    keys(qtbot, content, QKeySequence.StandardKey.Copy)
    background = text_edit(app, "background")
    type_into(qtbot, background, "背景として、")
    keys(qtbot, background, QKeySequence.StandardKey.Paste)
    assert marked(doc, "background") == [SECRET]
    wait_saved(qtbot, app)
    other = new_sheet(qtbot, app)                              # another sheet, another measure
    issues = text_edit(app, "issues")
    type_into(qtbot, issues, "課題：")
    keys(qtbot, issues, QKeySequence.StandardKey.Paste)
    assert marked(other, "issues") == [SECRET] and other.sheet.marks[0].reason == "企業名を含むため"
    wait_saved(qtbot, app)
    assert SECRET not in public_text(app, tmp_path, other.sheet_id, "other.docx")


def test_typing_over_a_marked_passage_keeps_it_marked(qtbot, make_app, seeded_db, tmp_path):
    app = make_app(seeded_db)
    doc, content = sheet_with_mark(qtbot, app)
    start = TEXT.index(SECRET)
    select(content, start, start + len(SECRET))
    type_into(qtbot, content, "Ψ社との共同研究")                # a corrected wording typed over it
    assert marked(doc, "content") == ["Ψ社との共同研究"]
    # IME 再変換: the input method replaces a part of the passage with its commit
    at = doc.sheet.text("content").index("共同研究")
    select(content, at, at + 2)
    event = QInputMethodEvent()
    event.setCommitString("協働")
    QApplication.sendEvent(content, event)
    assert marked(doc, "content") == ["Ψ社との協働研究"]
    wait_saved(qtbot, app)
    text = public_text(app, tmp_path, doc.sheet_id)
    assert "Ψ社" not in text and SECRET not in text


def test_deleted_then_retyped_text_stays_withheld(qtbot, make_app, seeded_db, tmp_path):
    app = make_app(seeded_db)
    doc, content = sheet_with_mark(qtbot, app)
    wait_saved(qtbot, app)                                     # the passage is in the register now
    content.selectAll()
    qtbot.keyClick(content, Qt.Key.Key_Delete)
    type_into(qtbot, content, "書き直した。" + SECRET + "を予定。")
    assert marked(doc, "content") == []
    shades = [s.cursor.selectedText() for s in content.extraSelections()]
    assert SECRET in shades                                    # shown as text withheld before
    wait_saved(qtbot, app)
    assert SECRET not in public_text(app, tmp_path, doc.sheet_id)


def test_a_duplicate_keeps_kpi_and_citation_marks_and_exports_without_refusal(qtbot, make_app, demo_db, tmp_path):
    app = make_app(demo_db)
    repo = app.workspace.services.repository()
    sheet_id = next(s.id for s in repo.load_sheets()
                    if s.citations and s.all_kpis() and not app.survey.review.is_locked(s.status))
    app.window.list_view.select_sheet(sheet_id)
    qtbot.waitUntil(lambda: app.workspace.doc is not None, timeout=TIMEOUT_MS)
    doc, editor = app.workspace.doc, app.window.editor
    editor.marks.ask_reason = lambda *_a, **_k: "調整中"
    kpi = doc.sheet.all_kpis()[0][1]
    assert editor.marks.mark_kpi(kpi)
    key = next(k for k in editor.texts if doc.numbered_citations(k))
    _n, uid, citation = doc.numbered_citations(key)[0]
    assert editor.marks.mark_citation(uid)
    wait_saved(qtbot, app)
    app.window.actions.duplicate_sheet.trigger()
    qtbot.waitUntil(lambda: app.workspace.doc is not None and app.workspace.doc.sheet_id != sheet_id,
                    timeout=TIMEOUT_MS)
    copy = repo.get_sheet(app.workspace.doc.sheet_id)
    parts = {m.part for m in copy.marks}
    assert Part.kpi(kpi.key) in parts and Part.citation(citation.key) in parts
    assert all(copy.exists(m.part) and not m.unplaced for m in copy.marks)
    text = public_text(app, tmp_path, copy.id, "copy.docx")        # exports; the KPI is withheld
    assert kpi.indicator not in text


def test_a_deleted_passage_stays_registered_until_a_person_releases_it(qtbot, make_app, seeded_db, tmp_path):
    app = make_app(seeded_db)
    doc, content = sheet_with_mark(qtbot, app)
    wait_saved(qtbot, app)
    start = doc.sheet.text("content").index(SECRET)
    select(content, start, start + len(SECRET))
    qtbot.keyClick(content, Qt.Key.Key_Delete)
    wait_saved(qtbot, app)
    panel = app.window.editor.marks_panel
    assert panel.register.count() == 1 and SECRET in panel.register.item(0).text()   # shown, not silent
    type_into(qtbot, content, SECRET)                          # typed again: still withheld
    wait_saved(qtbot, app)
    assert SECRET not in public_text(app, tmp_path, doc.sheet_id, "a.docx")
    app.window.editor.marks.ask_release_reason = lambda *_a, **_k: "公表済みのため"
    panel.register.setCurrentRow(0)
    panel.release_registered.click()
    wait_saved(qtbot, app)
    assert panel.register.count() == 0
    assert SECRET in public_text(app, tmp_path, doc.sheet_id, "b.docx")   # released by a person: printed
    history = app.workspace.services.repository().revisions(doc.sheet_id)
    assert any(r.field.startswith("release:") and r.new_value == "公表済みのため" for r in history)


def test_marking_a_phrase_common_to_other_sheets_warns_how_many(qtbot, make_app, demo_db):
    app = make_app(demo_db)
    new_sheet(qtbot, app)
    content = text_edit(app, "content")
    type_into(qtbot, content, "令和7年度に実施する。")
    notes = []
    app.window.editor.marks.ask_reason = lambda _p, what, reason="", note="": notes.append(note) or "理由"
    select(content, 0, 5)
    assert app.window.editor.marks.mark_selection("content")
    assert notes and "他の" in notes[0] and "件のシートにも出てきます" in notes[0]


def test_closing_the_app_leaves_the_copied_text_on_the_clipboard_held_by_qt(qtbot, make_app, seeded_db):
    """Qt destroys clipboard content after Python has shut down; content made in Python crashed the exit."""
    from desktop.ui.clipboard import OWN_PROPERTY

    app = make_app(seeded_db)
    _doc, content = sheet_with_mark(qtbot, app)
    start = TEXT.index(SECRET)
    select(content, start, start + len(SECRET))
    keys(qtbot, content, QKeySequence.StandardKey.Copy)
    clipboard = QApplication.clipboard()
    assert clipboard.mimeData().property(OWN_PROPERTY)
    app.window.close()
    assert not clipboard.mimeData().property(OWN_PROPERTY)
    assert clipboard.text() == SECRET
