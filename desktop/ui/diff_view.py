"""Two texts side by side with their differences highlighted (history and year-over-year views).

The diff itself is desktop.store.history.diff_texts (difflib, lines then
characters); this module only colours its segments: on the left what was
removed or replaced (red), on the right what was added or replaced (green).

Two ways to show a diff: ``show_diff`` renders both panes as HTML (the history
and merge dialogs, shown once), and ``update_diff`` for the live year-over-year
comparison, which follows typing: re-rendering 30,000 characters of HTML in two
panes took 0.4 s, so it patches only the changed part of each pane's plain text
and paints the differences over it as extra selections (no relayout).
"""

from __future__ import annotations

import html

from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QGridLayout, QLabel, QTextBrowser, QTextEdit, QWidget

from desktop.disclosure.textedit import changed_region
from desktop.store.history import TextDiff
from desktop.ui.text_font import use_typing_font

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
        for pane in (self.left, self.right):
            use_typing_font(pane)
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.left_title, 0, 0)
        layout.addWidget(self.right_title, 0, 1)
        layout.addWidget(self.left, 1, 0)
        layout.addWidget(self.right, 1, 1)
        layout.addWidget(self.summary, 2, 0, 1, 2)
        self.diff: TextDiff | None = None
        # The plain text each pane holds when it was filled by update_diff (None: HTML or nothing).
        self._plain: dict[QTextBrowser, str | None] = {self.left: None, self.right: None}

    def show_diff(self, diff: TextDiff | None, left_title: str = "", right_title: str = "") -> None:
        self.diff = diff
        self._plain = {self.left: None, self.right: None}
        self.left.setExtraSelections([])
        self.right.setExtraSelections([])
        self.left_title.setText(left_title)
        self.right_title.setText(right_title)
        if diff is None:
            self.left.clear()
            self.right.clear()
            self.summary.clear()
            return
        self.left.setHtml(old_html(diff))
        self.right.setHtml(new_html(diff))
        self._summarise(diff)

    def clear_diff(self, message: str = "") -> None:
        """Nothing shown (a comparison under way, or none), so a diff of something else never lingers."""
        self.diff = None
        self.left_title.clear()
        self.right_title.clear()
        for pane in (self.left, self.right):
            pane.setExtraSelections([])
            pane.clear()
            self._plain[pane] = ""
        self.summary.setText(message)

    def update_diff(self, diff: TextDiff, left_title: str = "", right_title: str = "") -> None:
        """Show ``diff`` by patching what each pane already holds: cost follows the change, not the text."""
        self.diff = diff
        self.left_title.setText(left_title)
        self.right_title.setText(right_title)
        _patch(self.left, self._plain[self.left], diff.old)
        _patch(self.right, self._plain[self.right], diff.new)
        self._plain[self.left], self._plain[self.right] = diff.old, diff.new
        self.left.setExtraSelections(_highlights(
            self.left, [(o.old_start, o.old_end) for o in diff.ops if o.tag != "equal"], OLD_CHANGED))
        self.right.setExtraSelections(_highlights(
            self.right, [(o.new_start, o.new_end) for o in diff.ops if o.tag != "equal"], NEW_CHANGED))
        self._summarise(diff)

    def _summarise(self, diff: TextDiff) -> None:
        changes = sum(1 for op in diff.ops if op.tag != "equal")
        self.summary.setText(self.tr("違いはありません。") if not changes
                             else self.tr("違い {0} か所（左：削除・変更、右：追加・変更）").format(changes))


def _patch(pane: QTextEdit, shown: str | None, text: str) -> None:
    """Make ``pane`` hold ``text``, replacing only what differs from ``shown`` (None: refill)."""
    if shown is None:
        pane.setUndoRedoEnabled(False)    # patched on every pause in typing: keep no history of it
        pane.setPlainText(text)
        return
    if shown == text:
        return
    start, old_end, new_end = changed_region(shown, text)
    cursor = QTextCursor(pane.document())
    cursor.setPosition(start)
    cursor.setPosition(old_end, QTextCursor.MoveMode.KeepAnchor)
    cursor.insertText(text[start:new_end])


def _highlights(pane: QTextEdit, spans: list[tuple[int, int]], colour: str) -> list[QTextEdit.ExtraSelection]:
    fmt = QTextCharFormat()
    fmt.setBackground(QColor(colour))
    out = []
    for a, b in spans:
        if b <= a:
            continue
        cursor = QTextCursor(pane.document())
        cursor.setPosition(a)
        cursor.setPosition(b, QTextCursor.MoveMode.KeepAnchor)
        selection = QTextEdit.ExtraSelection()
        selection.cursor, selection.format = cursor, fmt
        out.append(selection)
    return out
