"""Find in the open sheet (Ctrl+F): every field's text, the matches shaded, the current one in view.

The fields searched are the editor's own inputs (those that take typing, marked
``sesakuUndo``), in the order they stand on the page, so 「次へ」 walks down the
sheet. Text edits shade every match with extra selections (kept beside the
非公開 shading, see TextFieldEditor); one-line fields are tinted as a whole.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QKeySequence, QShortcut, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QTextEdit,
    QToolButton,
    QWidget,
)

FOUND_SHADE = QColor("#fff176")
CURRENT_SHADE = QColor("#ffb74d")


@dataclass
class Match:
    widget: QWidget
    start: int    # position in the widget's text (a QTextDocument position for text edits)
    length: int


def _searchable(page: QWidget) -> list[QWidget]:
    """The page's inputs that hold typed text, top to bottom, then left to right."""
    found = [w for w in page.findChildren(QWidget)
             if isinstance(w, (QLineEdit, QTextEdit, QPlainTextEdit)) and w.property("sesakuUndo")
             and w.isVisibleTo(page)]

    def place(w: QWidget) -> tuple[int, int]:
        p = w.mapTo(page, QPoint(0, 0))
        return p.y(), p.x()

    return sorted(found, key=place)


def find_in(widget: QWidget, query: str) -> list[Match]:
    """Where ``query`` occurs in one field, ignoring letter case."""
    if isinstance(widget, QLineEdit):
        text, needle = widget.text().casefold(), query.casefold()
        out, at = [], text.find(needle)
        while at >= 0 and needle:
            out.append(Match(widget, at, len(query)))
            at = text.find(needle, at + len(needle))
        return out
    document = widget.document()
    out, cursor = [], QTextCursor(document)
    while True:
        cursor = document.find(query, cursor)
        if cursor.isNull():
            return out
        out.append(Match(widget, cursor.selectionStart(), cursor.selectionEnd() - cursor.selectionStart()))


class FindBar(QWidget):
    """The bar above the editor's page; ``matches`` and ``index`` tell what it shows."""

    closed = Signal()

    def __init__(self, scroll: QScrollArea, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("findBar")
        self.scroll = scroll
        self.matches: list[Match] = []
        self.index = -1
        # Builds whatever the page builds only as it scrolls into view (the KPI cards), before a search.
        self.before_search: Callable[[], None] = lambda: None
        self._shaded: list[QWidget] = []
        self.query = QLineEdit(objectName="findQuery")
        self.query.setPlaceholderText(self.tr("シート内を検索"))
        self.query.setClearButtonEnabled(True)
        self.query.textChanged.connect(lambda _t: self.search())
        self.query.returnPressed.connect(self.next)
        self.count = QLabel(objectName="findCount")
        self.previous_button = self._button("▲", self.tr("前を検索（Shift+Enter）"), "findPrevious", self.previous)
        self.next_button = self._button("▼", self.tr("次を検索（Enter）"), "findNext", self.next)
        close = self._button("✕", self.tr("検索を閉じる（Esc）"), "findClose", self.close_bar)
        row = QHBoxLayout(self)
        row.setContentsMargins(6, 4, 6, 4)
        row.addWidget(QLabel(self.tr("シート内を検索:")))
        row.addWidget(self.query, 1)
        row.addWidget(self.count)
        for b in (self.previous_button, self.next_button, close):
            row.addWidget(b)
        for keys, slot in (("Shift+Return", self.previous), ("Shift+Enter", self.previous),
                           ("Escape", self.close_bar)):
            QShortcut(QKeySequence(keys), self.query, slot, context=Qt.ShortcutContext.WidgetShortcut)
        for keys, slot in ((QKeySequence.StandardKey.FindNext, self.next),
                           (QKeySequence.StandardKey.FindPrevious, self.previous)):
            QShortcut(QKeySequence(keys), parent or self, slot,
                      context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self._again = QTimer(self)   # the sheet changed under the bar: search again once it settles
        self._again.setSingleShot(True)
        self._again.setInterval(0)
        self._again.timeout.connect(lambda: self.search(keep=True, reveal=False))
        self.hide()

    def _button(self, text: str, tip: str, name: str, slot) -> QToolButton:
        b = QToolButton(objectName=name)
        b.setText(text)
        b.setToolTip(tip)
        b.setAutoRaise(True)
        b.clicked.connect(slot)
        return b

    # -- opening and closing -------------------------------------------------------------------

    def open(self, text: str | None = None, *, focus: bool = True) -> None:
        """Show the bar (Ctrl+F), the query selected; ``text`` starts a search for it."""
        self.show()
        if text is not None and text != self.query.text():
            self.query.setText(text)   # searches
        elif self.query.text():
            self.search(keep=True)
        if focus:
            self.query.setFocus(Qt.FocusReason.ShortcutFocusReason)
            self.query.selectAll()

    def open_hit(self, query: str) -> None:
        """A hit of the list's text search was opened: shade it here and scroll to it (the list keeps the focus).

        The list matches every word of the query somewhere in the sheet; here
        the whole phrase is looked for first, else its first word that occurs.
        """
        words = [query.strip()] + query.split()
        self.before_search()
        page = self.scroll.widget()
        page.layout().activate()
        fields = _searchable(page)
        chosen = next((w for w in words if w and any(find_in(f, w) for f in fields)), None)
        if chosen is not None:
            self.open(chosen, focus=False)

    def close_bar(self) -> None:
        self._unshade()
        self.matches, self.index = [], -1
        self.hide()
        self.closed.emit()

    def refresh_later(self) -> None:
        """The sheet's text changed: the matches move with it."""
        if self.isVisible() and self.query.text():
            self._again.start()

    # -- searching ----------------------------------------------------------------------------------

    def search(self, *, keep: bool = False, reveal: bool = True) -> None:
        """Find the query in every field; ``keep`` stays on the same match number, ``reveal`` scrolls to it
        (not when the sheet changed while someone types: their cursor must stay where it is)."""
        text = self.query.text()
        previous = self.index
        self._unshade()
        if text:
            self.before_search()
        self.scroll.widget().layout().activate()   # rows just rebuilt take their places first
        self.matches = [m for w in _searchable(self.scroll.widget()) for m in find_in(w, text)] if text else []
        self.index = (min(previous, len(self.matches) - 1) if keep and previous >= 0 else 0) \
            if self.matches else -1
        self._show(reveal)

    def next(self) -> None:
        self._step(1)

    def previous(self) -> None:
        self._step(-1)

    def _step(self, delta: int) -> None:
        if not self.isVisible():
            self.open()
        if not self.matches:
            self.search()
        if self.matches:
            self.index = (self.index + delta) % len(self.matches)
            self._show()

    def current(self) -> Match | None:
        return self.matches[self.index] if 0 <= self.index < len(self.matches) else None

    # -- showing --------------------------------------------------------------------------------------

    def _show(self, reveal: bool = True) -> None:
        if not self.query.text():
            self.count.setText("")
        elif not self.matches:
            self.count.setText(self.tr("見つかりません"))
        else:
            self.count.setText(self.tr("{0} 件中 {1} 件目").format(len(self.matches), self.index + 1))
        self.query.setProperty("notFound", bool(self.query.text()) and not self.matches)
        self.query.setStyleSheet("QLineEdit { background: #ffebee; }" if self.query.property("notFound") else "")
        self._shade()
        match = self.current()
        if match is not None and reveal:
            self._reveal(match)

    def _shade(self) -> None:
        current = self.current()
        by_widget: dict[int, tuple[QWidget, list[Match]]] = {}
        for m in self.matches:
            by_widget.setdefault(id(m.widget), (m.widget, []))[1].append(m)
        for widget, matches in by_widget.values():
            self._shaded.append(widget)
            if isinstance(widget, QLineEdit):
                value = "current" if current is not None and current.widget is widget else "true"
                _set_found(widget, value)
                continue
            selections = []
            for m in matches:
                cursor = QTextCursor(widget.document())
                cursor.setPosition(m.start)
                cursor.setPosition(m.start + m.length, QTextCursor.MoveMode.KeepAnchor)
                selection = QTextEdit.ExtraSelection()
                selection.cursor = cursor
                fmt = QTextCharFormat()
                fmt.setBackground(CURRENT_SHADE if m is current else FOUND_SHADE)
                selection.format = fmt
                selections.append(selection)
            widget.found_selections = selections
            widget.setExtraSelections(list(getattr(widget, "mark_selections", [])) + selections)

    def _unshade(self) -> None:
        for widget in self._shaded:
            try:
                if isinstance(widget, QLineEdit):
                    _set_found(widget, None)
                else:
                    widget.found_selections = []
                    widget.setExtraSelections(list(getattr(widget, "mark_selections", [])))
            except RuntimeError:   # rebuilt meanwhile (a KPI row)
                pass
        self._shaded = []

    def _reveal(self, match: Match) -> None:
        """Scroll the page so the match stands in view, with its surroundings."""
        widget, page = match.widget, self.scroll.widget()
        if isinstance(widget, QLineEdit):
            widget.setSelection(match.start, match.length)
            self.scroll.ensureWidgetVisible(widget, 40, 80)
            return
        cursor = QTextCursor(widget.document())
        cursor.setPosition(match.start)
        cursor.setPosition(match.start + match.length, QTextCursor.MoveMode.KeepAnchor)
        widget.setTextCursor(cursor)
        rect = widget.cursorRect(cursor)
        centre = widget.viewport().mapTo(page, rect.center())
        self.scroll.ensureVisible(centre.x(), centre.y(), 40, 80)


def _set_found(widget: QLineEdit, value: str | None) -> None:
    if widget.property("found") != value:
        widget.setProperty("found", value)
        widget.style().unpolish(widget)
        widget.style().polish(widget)


__all__ = ["FindBar", "Match", "find_in"]
