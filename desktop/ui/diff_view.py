"""Two texts side by side with their differences highlighted (history and year-over-year views).

The diff itself is desktop.store.history.diff_texts (difflib, lines then
characters); this module only colours its segments: on the left what was
removed or replaced (red), on the right what was added or replaced (green).
"""

from __future__ import annotations

import html

from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QGridLayout, QLabel, QTextBrowser, QTextEdit, QWidget

from desktop.store.history import TextDiff

OLD_CHANGED = "#ffd7d5"
NEW_CHANGED = "#c8f0cf"
MARKED = QColor("#c62828")      # non-public passages: underlined and boxed in the margin colour of the editor


def mark_spans(pane: QTextEdit, spans: list[tuple[int, int]], tip: str = "") -> None:
    """Underline non-public spans (offsets into the pane's plain text) in red, over any diff colouring."""
    fmt = QTextCharFormat()
    fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
    fmt.setUnderlineColor(MARKED)
    fmt.setForeground(MARKED)
    fmt.setFontWeight(700)
    if tip:
        fmt.setToolTip(tip)
    last = pane.document().characterCount() - 1
    selections = []
    for a, b in spans:
        cursor = QTextCursor(pane.document())
        cursor.setPosition(max(0, min(a, last)))
        cursor.setPosition(max(0, min(b, last)), QTextCursor.MoveMode.KeepAnchor)
        selection = QTextEdit.ExtraSelection()
        selection.cursor, selection.format = cursor, fmt
        selections.append(selection)
    pane.setExtraSelections(selections)


def segments_html(segments: list[tuple[str, str]], colour: str) -> str:
    """HTML of (text, tag) runs; every run that is not equal gets the background colour."""
    out = []
    for text, tag in segments:
        escaped = html.escape(text).replace("\n", "<br/>")
        if tag == "equal":
            out.append(escaped)
        else:
            out.append(f'<span style="background-color:{colour}">{escaped}</span>')
    return f'<div style="white-space:pre-wrap">{"".join(out)}</div>'


def old_html(diff: TextDiff) -> str:
    return segments_html(diff.old_segments(), OLD_CHANGED)


def new_html(diff: TextDiff) -> str:
    return segments_html(diff.new_segments(), NEW_CHANGED)


class SideBySideDiff(QWidget):
    """Titles over two read-only panes: the older text on the left, the newer on the right."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.left_title = QLabel(objectName="diffLeftTitle")
        self.right_title = QLabel(objectName="diffRightTitle")
        self.left = QTextBrowser(objectName="diffLeft")
        self.right = QTextBrowser(objectName="diffRight")
        self.summary = QLabel(objectName="diffSummary")
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.left_title, 0, 0)
        layout.addWidget(self.right_title, 0, 1)
        layout.addWidget(self.left, 1, 0)
        layout.addWidget(self.right, 1, 1)
        layout.addWidget(self.summary, 2, 0, 1, 2)
        self.diff: TextDiff | None = None

    def show_diff(self, diff: TextDiff | None, left_title: str = "", right_title: str = "") -> None:
        self.diff = diff
        self.left_title.setText(left_title)
        self.right_title.setText(right_title)
        if diff is None:
            self.left.clear()
            self.right.clear()
            self.summary.clear()
            return
        self.left.setHtml(old_html(diff))
        self.right.setHtml(new_html(diff))
        changes = sum(1 for op in diff.ops if op.tag != "equal")
        self.summary.setText(self.tr("違いはありません。") if not changes
                             else self.tr("違い {0} か所（左：削除・変更、右：追加・変更）").format(changes))
