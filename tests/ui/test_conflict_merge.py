"""Two windows on one database edit the same sheet: no update is lost, conflicts are merged by the person."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from tests.postgres import BACKENDS
from tests.ui.helpers import TIMEOUT_MS, new_sheet, text_edit, type_into, wait_saved


def _two_windows_on_one_sheet(qtbot, make_app, db, text: str):
    first = make_app(db)
    doc = new_sheet(qtbot, first)
    type_into(qtbot, text_edit(first, "content"), text)
    wait_saved(qtbot, first)
    second = make_app(db)
    second.workspace.open_sheet(doc.sheet_id)
    qtbot.waitUntil(lambda: text_edit(second, "content").toPlainText() == text, timeout=TIMEOUT_MS)
    return first, second, doc.sheet_id


def _append(qtbot, edit, text: str) -> None:
    edit.moveCursor(edit.textCursor().MoveOperation.End)
    type_into(qtbot, edit, text)


@pytest.mark.parametrize("db_backend", BACKENDS)
def test_same_field_conflict_is_merged_and_the_other_sessions_edits_kept(qtbot, make_app, db_target, read_repo,
                                                                         dialogs, tmp_path):
    """On a SQLite file and on a PostgreSQL server (the window opened with its URL)."""
    first, second, sheet_id = _two_windows_on_one_sheet(qtbot, make_app, db_target, "研修を実施する。")
    _append(qtbot, text_edit(second, "content"), "海外でも実施する。")
    type_into(qtbot, text_edit(second, "background"), "人材が不足している。")
    wait_saved(qtbot, second)

    _append(qtbot, text_edit(first, "content"), "オンラインでも実施する。")   # this autosave is stale
    qtbot.waitUntil(lambda: first.workspace.merge_dialog is not None, timeout=TIMEOUT_MS)
    dialog = first.workspace.merge_dialog
    qtbot.waitExposed(dialog)
    assert [p.conflict.part for p in dialog.panels] == ["field:content"]   # background merged by itself
    panel = dialog.panel("field:content")
    assert panel.title() == first.survey.field("content").label   # the survey's own label
    assert panel.diff.left.toPlainText() == "研修を実施する。オンラインでも実施する。"
    assert panel.diff.right.toPlainText() == "研修を実施する。海外でも実施する。"
    assert "background-color" in panel.diff.left.toHtml()   # the differences are highlighted
    assert not dialog.save_button.isEnabled()                 # nothing is decided for the person
    assert read_repo(db_target).get_sheet(sheet_id).fields["content"] == "研修を実施する。海外でも実施する。"
    dialog.grab().save(str(tmp_path / "conflict-merge.png"))

    panel.merged.setPlainText("研修を実施する。海外でも、オンラインでも実施する。")
    assert panel.take_edited.isChecked() and dialog.save_button.isEnabled()
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    wait_saved(qtbot, first)
    stored = read_repo(db_target).get_sheet(sheet_id)
    assert stored.fields["content"] == "研修を実施する。海外でも、オンラインでも実施する。"
    assert stored.fields["background"] == "人材が不足している。"   # the other session's unrelated edit
    assert text_edit(first, "background").toPlainText() == "人材が不足している。"
    assert first.workspace.merge_dialog is None and not dialogs.of("warning")


def test_changes_to_different_fields_merge_without_asking(qtbot, make_app, seeded_db, read_repo, dialogs):
    first, second, sheet_id = _two_windows_on_one_sheet(qtbot, make_app, seeded_db, "研修を実施する。")
    type_into(qtbot, text_edit(second, "background"), "人材が不足している。")
    wait_saved(qtbot, second)

    type_into(qtbot, text_edit(first, "outcome"), "専門人材が増えること。")
    wait_saved(qtbot, first)   # refused once as stale, merged, saved again
    stored = read_repo(seeded_db).get_sheet(sheet_id)
    assert stored.fields["outcome"] == "専門人材が増えること。"
    assert stored.fields["background"] == "人材が不足している。"
    assert first.workspace.merge_dialog is None and not dialogs.calls


def test_deciding_later_keeps_the_edits_on_screen_unsaved(qtbot, make_app, seeded_db, read_repo):
    first, second, sheet_id = _two_windows_on_one_sheet(qtbot, make_app, seeded_db, "研修を実施する。")
    _append(qtbot, text_edit(second, "content"), "相手の文。")
    wait_saved(qtbot, second)
    _append(qtbot, text_edit(first, "content"), "私の文。")
    qtbot.waitUntil(lambda: first.workspace.merge_dialog is not None, timeout=TIMEOUT_MS)
    first.workspace.merge_dialog.reject()

    qtbot.waitUntil(lambda: first.workspace.merge_dialog is None, timeout=TIMEOUT_MS)
    assert text_edit(first, "content").toPlainText() == "研修を実施する。私の文。"
    assert first.workspace.doc.is_dirty
    assert read_repo(seeded_db).get_sheet(sheet_id).fields["content"] == "研修を実施する。相手の文。"


@pytest.mark.parametrize("db_backend", BACKENDS)
def test_the_merge_dialog_shows_marks_of_both_sides_and_keeps_them_whatever_is_chosen(
        qtbot, make_app, db_target, read_repo, dialogs):
    first, second, sheet_id = _two_windows_on_one_sheet(qtbot, make_app, db_target,
                                                        "研修を実施する。Ω社と協議する。")
    # the other window marks 「研修」 and changes the text; this one marks 「Ω社と協議」 and changes it too
    for app, passage, reason, tail in ((second, "研修", "相手の指定", "海外でも。"),
                                       (first, "Ω社と協議", "私の指定", "国内でも。")):
        edit = text_edit(app, "content")
        start = edit.toPlainText().index(passage)
        cursor = edit.textCursor()
        cursor.setPosition(start)
        cursor.setPosition(start + len(passage), cursor.MoveMode.KeepAnchor)
        edit.setTextCursor(cursor)
        app.window.editor.marks.ask_reason = lambda *_a, r=reason, **_k: r
        assert app.window.editor.marks.mark_selection("content")
        _append(qtbot, edit, tail)
        if app is second:
            wait_saved(qtbot, second)
    qtbot.waitUntil(lambda: first.workspace.merge_dialog is not None, timeout=TIMEOUT_MS)
    dialog = first.workspace.merge_dialog
    qtbot.waitExposed(dialog)
    panel = dialog.panel("field:content")
    left = [s.cursor.selectedText() for s in panel.diff.left.extraSelections()]
    right = [s.cursor.selectedText() for s in panel.diff.right.extraSelections()]
    assert left == ["Ω社と協議"] and right == ["研修"]           # each version's marks, underlined
    panel.take_theirs.setChecked(True)                            # the saved text, without my sentence
    listed = [dialog.marks.item(i).text() for i in range(dialog.marks.count())]
    assert any("私の指定" in t for t in listed) and any("相手の指定" in t for t in listed)
    assert all("残ります" in t for t in listed)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    wait_saved(qtbot, first)
    stored = read_repo(db_target).get_sheet(sheet_id)
    text = stored.fields["content"]
    assert text == "研修を実施する。Ω社と協議する。海外でも。"
    assert sorted(text[m.start:m.end] for m in stored.marks) == ["Ω社と協議", "研修"]
    assert sorted(m.reason for m in stored.marks) == ["相手の指定", "私の指定"]
