"""A field's value is read in one call when it holds no markers, and reads exactly as the full walk does."""

from __future__ import annotations

from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QTextEdit

from desktop.ui.editor.text_field import _scan_fragments, scan_document


def test_the_quick_read_gives_the_same_value_as_the_walk_through_fragments(qtbot):
    edit = QTextEdit()
    qtbot.addWidget(edit)
    for text, value in [("", ""), ("施策", "施策"), ("一行目\n二行目\n", "一行目\n二行目\n"),
                        ("\n\n", "\n\n"), ("全角\u3000空白\u00a0と\tタブ", "全角\u3000空白\u00a0と\tタブ")]:
        edit.setPlainText(text)
        assert scan_document(edit.document()) == _scan_fragments(edit.document()) == (value, ())

    cursor = edit.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.End)
    cursor.insertText("改行\u2028の後")            # Shift+Enter: a line break inside the paragraph
    assert scan_document(edit.document())[0].endswith("改行\nの後")
    assert scan_document(edit.document()) == _scan_fragments(edit.document())

    edit.setHtml("<p>表の前</p><table><tr><td>セル</td></tr></table>")   # a frame: the full walk
    assert scan_document(edit.document()) == _scan_fragments(edit.document())
