"""A text field with citations: numbered markers in the text, the sources listed below.

A marker is an inline image (one object character, so it moves with the text
and is deleted as a whole) carrying the citation's uid. The field's value is
the text without the markers; each citation's position is the offset of its
marker in that value, which is what the store keeps. The widget's own undo is
off: the session's undo stack covers every field.
"""

from __future__ import annotations

import html
import json

from PySide6.QtCore import QByteArray, QMimeData, QSize, Qt, QUrl, Signal
from PySide6.QtGui import (
    QAction,
    QColor,
    QFont,
    QFontMetrics,
    QImage,
    QPainter,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
    QTextImageFormat,
)
from PySide6.QtWidgets import QSizePolicy, QTextEdit, QVBoxLayout, QWidget

from desktop.survey.definition import FieldDef
from desktop.survey.parts import Part
from desktop.survey.sheet import MarkData
from desktop.ui.clipboard import own_mime_data
from desktop.ui.text_font import use_typing_font
from desktop.ui.document import Placed, SheetDocument, TextState
from desktop.ui.wrapped_label import WrappedLabel

MARKER_PROPERTY = QTextFormat.Property.UserProperty + 1
OBJECT_CHAR = "\ufffc"
# The clipboard format that carries marks with copied text, inside the app (JSON: text and marks).
MARKED_MIME = "application/x-sesaku-marked-text"
MIN_LINES, MAX_LINES = 3, 18
# How non-public text looks: shaded, with a bar in the margin (within the document margin).
MARK_SHADE = QColor("#ffd9b3")
ECHO_SHADE = QColor("#fde9d9")    # text withheld before (the register), found again unmarked
MARK_BAR_COLOR = QColor("#c62828")
MARK_BAR_WIDTH = 3


def scan_document(doc: QTextDocument) -> TextState:
    """The value (text without markers) and where each marker sits in it.

    Runs on every key: a field without markers or other objects is read in one
    call (``toRawText``) instead of fragment by fragment in Python, which took
    21 ms per key in a field of 30,000 characters written in 650 lines.
    """
    raw = doc.toRawText()
    if not any(c in raw for c in _OBJECTS):
        return raw.replace("\u2029", "\n").replace("\u2028", "\n"), ()
    return _scan_fragments(doc)


_OBJECTS = (OBJECT_CHAR, "\ufdd0", "\ufdd1")   # an inline object (a marker); a frame's start and end


def _scan_fragments(doc: QTextDocument) -> TextState:
    parts: list[str] = []
    placed: list[tuple[int, int | None]] = []
    seen: set[int] = set()
    length = 0
    block = doc.begin()
    first = True
    while block.isValid():
        if not first:
            parts.append("\n")
            length += 1
        first = False
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            if fragment.isValid():
                fmt = fragment.charFormat()
                text = fragment.text()
                uid = fmt.property(MARKER_PROPERTY) if fmt.isImageFormat() else None
                if uid is not None:
                    if int(uid) not in seen:
                        seen.add(int(uid))
                        placed.append((int(uid), length))
                else:
                    text = text.replace("\u2028", "\n").replace(OBJECT_CHAR, "")
                    parts.append(text)
                    length += len(text)
            it += 1
        block = block.next()
    return "".join(parts), tuple(placed)


class CitableTextEdit(QTextEdit):
    markerClicked = Signal(int)
    menuRequested = Signal()   # the context menu is about to open (owners enable their actions)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.menu_actions: list[QAction] = []           # added below the standard entries
        self.mark_ranges: list[tuple[int, int]] = []    # document positions of non-public text
        self.copy_marks = None     # (doc start, doc end) -> marks of the selection (set by the field editor)
        self.pasting = None        # (doc position, marks) before a paste that carries marks
        self.menu_citation: int | None = None
        self.fit_paused = False    # while a whole text is put in: its height is fitted once, at the end
        use_typing_font(self)
        self.setAcceptRichText(False)
        self.setUndoRedoEnabled(False)
        self.setTabChangesFocus(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.document().documentLayout().documentSizeChanged.connect(
            lambda _s: None if self.fit_paused else self._fit_height())
        self.cursorPositionChanged.connect(self._plain_typing_format)
        self._fit_height()

    def createMimeDataFromSelection(self) -> QMimeData:  # noqa: N802 - Qt's name
        """Plain text for other programs; the marks of the selection too, for a paste inside the app."""
        mime = own_mime_data()
        cursor = self.textCursor()
        text = cursor.selection().toPlainText().replace("\u2028", "\n").replace(OBJECT_CHAR, "")
        mime.setText(text)
        marks = self.copy_marks(cursor.selectionStart(), cursor.selectionEnd()) if self.copy_marks else []
        if marks:
            payload = {"text": text, "marks": [{"start": m.start, "end": m.end, "reason": m.reason} for m in marks]}
            mime.setData(MARKED_MIME, QByteArray(json.dumps(payload, ensure_ascii=False).encode("utf-8")))
        return mime

    def canInsertFromMimeData(self, source: QMimeData) -> bool:  # noqa: N802
        return source.hasText() or source.hasFormat(MARKED_MIME)

    def insertFromMimeData(self, source: QMimeData) -> None:  # noqa: N802 - Qt's name
        text = source.text().replace(OBJECT_CHAR, "")
        marks: list[MarkData] = []
        if source.hasFormat(MARKED_MIME):
            try:
                payload = json.loads(bytes(source.data(MARKED_MIME)).decode("utf-8"))
            except (ValueError, UnicodeDecodeError):
                payload = {}
            if payload.get("text") == text:     # the marks belong to exactly this text
                for m in payload.get("marks", []):
                    start, end, reason = m.get("start"), m.get("end"), m.get("reason") or ""
                    if isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text) and reason:
                        marks.append(MarkData(reason=reason, part=Part.field("?"), start=start, end=end,
                                              text=text[start:end]))
        if marks and self.pasting is not None:
            self.pasting(self.textCursor().selectionStart(), marks)
        self.textCursor().insertText(text, QTextCharFormat())

    def mouseReleaseEvent(self, event) -> None:  # noqa: N802
        href = self.anchorAt(event.position().toPoint())
        if href.startswith("cite:"):
            self.markerClicked.emit(int(href[5:]))
        super().mouseReleaseEvent(event)

    def contextMenuEvent(self, event) -> None:  # noqa: N802
        menu = self.createStandardContextMenu(event.pos())
        href = self.anchorAt(event.pos())
        self.menu_citation = int(href[5:]) if href.startswith("cite:") else None   # a marker right-clicked
        self.menuRequested.emit()
        if self.menu_actions:
            menu.addSeparator()
            menu.addActions(self.menu_actions)
        menu.exec(event.globalPos())
        menu.deleteLater()

    def paintEvent(self, event) -> None:  # noqa: N802
        """The text, then a bar in the left margin beside every non-public passage."""
        super().paintEvent(event)
        if not self.mark_ranges:
            return
        painter = QPainter(self.viewport())
        for start, end in self.mark_ranges:
            a, b = QTextCursor(self.document()), QTextCursor(self.document())
            a.setPosition(start)
            b.setPosition(max(start, end - 1) if end > start else start)
            top, bottom = self.cursorRect(a).top(), self.cursorRect(b).bottom()
            painter.fillRect(0, top, MARK_BAR_WIDTH, bottom - top + 1, MARK_BAR_COLOR)
        painter.end()

    def _plain_typing_format(self) -> None:
        fmt = self.currentCharFormat()
        if fmt.isAnchor() or fmt.property(MARKER_PROPERTY) is not None:
            self.setCurrentCharFormat(QTextCharFormat())

    def _fit_height(self) -> None:
        line = self.fontMetrics().lineSpacing()
        content = int(self.document().documentLayout().documentSize().height())
        frame = self.contentsMargins()
        margins = frame.top() + frame.bottom() + 2 * int(self.document().documentMargin())
        height = max(MIN_LINES * line, min(MAX_LINES * line, content)) + margins
        if self.height() != height:
            self.setFixedHeight(height)

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._fit_height()

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(400, self.height())


def marker_image(number: int, font: QFont, ratio: float) -> QImage:
    small = QFont(font)
    small.setPointSizeF(max(6.0, font.pointSizeF() * 0.8))
    small.setBold(True)
    text = f"[{number}]"
    metrics = QFontMetrics(small)
    width, height = metrics.horizontalAdvance(text) + 4, metrics.height()
    image = QImage(int(width * ratio), int(height * ratio), QImage.Format.Format_ARGB32_Premultiplied)
    image.setDevicePixelRatio(ratio)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setFont(small)
    painter.setPen(QColor("#1565c0"))
    painter.drawText(2, metrics.ascent(), text)
    painter.end()
    return image


class TextFieldEditor(QWidget):
    """The body of a text section: the text and the list of its citations."""

    edited = Signal(object, object, object, bool)   # path, old, new, merge
    citationActivated = Signal(int)                  # uid
    countChanged = Signal(int)
    focused = Signal(str)                            # field key

    def __init__(self, field: FieldDef, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.field = field
        self.path = ("text", field.key)
        self.doc: SheetDocument | None = None
        self._state: TextState = ("", ())
        self._numbers: dict[int, int] = {}
        self._loading = False
        self._marks: tuple[list[tuple[int, int]], bool, list[tuple[int, int]]] = ([], False, [])
        self.marks_for_copy = None    # (value start, value end) -> marks (MarkController sets it)
        # While set, loading a text holds its list of citations back (list_pending) until flush_list.
        self.defer_list = False
        self.list_pending = False
        self.edit = CitableTextEdit(self)
        self.edit.copy_marks = lambda a, b: self.marks_for_copy(self.value_offset(a), self.value_offset(b)) \
            if self.marks_for_copy is not None else []
        self.edit.pasting = self._pasting
        self.edit.setObjectName(f"field_{field.key}")
        self.edit.setProperty("sesakuUndo", True)
        self.edit.textChanged.connect(self._on_text_changed)
        self.edit.markerClicked.connect(self.citationActivated)
        self.edit.installEventFilter(self)
        self.citations_label = WrappedLabel(objectName=f"citations_{field.key}")
        self.citations_label.setTextFormat(Qt.TextFormat.RichText)
        self.citations_label.linkActivated.connect(lambda href: self.citationActivated.emit(int(href[5:])))
        self.citations_label.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.edit)
        layout.addWidget(self.citations_label)

    def eventFilter(self, obj, event) -> bool:  # noqa: N802
        if obj is self.edit and event.type() == event.Type.FocusIn:
            self.focused.emit(self.field.key)
        return False

    # -- state in and out ----------------------------------------------------------------

    @property
    def state(self) -> TextState:
        return self._state

    def load(self, doc: SheetDocument | None) -> None:
        self.doc = doc
        self._render(doc.value(self.path) if doc is not None else ("", ()))

    def refresh(self) -> None:
        """The document changed this field (undo, redo, a citation): show it if different."""
        if self.doc is None:
            return
        state = self.doc.value(self.path)
        if state != self._state:
            old_text = self._state[0]
            self._render(state)
            prefix = _common_prefix(old_text, state[0])
            cursor = self.edit.textCursor()
            cursor.setPosition(min(self._doc_position(prefix), self.edit.document().characterCount() - 1))
            self.edit.setTextCursor(cursor)

    def _render(self, state: TextState) -> None:
        """Put a whole text in: the markers' images first, then text and markers in one edit block, so the
        document is laid out once (not once per marker) and the height fitted once."""
        self._loading = True
        self.edit.fit_paused = True
        try:
            text, placed = state
            self.edit.setPlainText(text)
            self._numbers = {}
            self._add_marker_images([(uid, pos) for uid, pos in placed])
            cursor = QTextCursor(self.edit.document())
            cursor.beginEditBlock()
            for uid, pos in reversed(placed):
                if pos is None:
                    continue
                cursor.setPosition(max(0, min(pos, len(text))))
                cursor.insertImage(self._marker_format(uid))
            cursor.endEditBlock()
            self._state = state
        finally:
            self._loading = False
            self.edit.fit_paused = False
        self.edit._fit_height()
        self._after_change()

    def _marker_format(self, uid: int) -> QTextImageFormat:
        fmt = QTextImageFormat()
        fmt.setName(f"cite:{uid}")
        fmt.setProperty(MARKER_PROPERTY, uid)
        fmt.setAnchor(True)
        fmt.setAnchorHref(f"cite:{uid}")
        fmt.setToolTip(self.tr("引用（クリックで出典を表示）"))
        return fmt

    def _doc_position(self, offset: int) -> int:
        """Document position of an offset in the value (markers take one position each)."""
        before = sum(1 for _uid, pos in self._state[1] if pos is not None and pos <= offset)
        return offset + before

    def value_offset(self, position: int) -> int:
        """The offset in the value of a document position (the inverse of _doc_position)."""
        markers = sorted(pos for _uid, pos in self._state[1] if pos is not None)
        before = sum(1 for i, pos in enumerate(markers) if pos + i < position)
        return max(0, min(position - before, len(self._state[0])))

    def selected_span(self) -> tuple[int, int] | None:
        """The selected text as offsets in the value; None when nothing is selected."""
        cursor = self.edit.textCursor()
        if not cursor.hasSelection():
            return None
        start, end = self.value_offset(cursor.selectionStart()), self.value_offset(cursor.selectionEnd())
        return (start, end) if end > start else None

    def cursor_offset(self) -> int:
        return self.value_offset(self.edit.textCursor().position())

    # -- non-public marks -----------------------------------------------------------------------

    def _pasting(self, position: int, marks: list[MarkData]) -> None:
        """A paste carrying marks: the document puts them on the pasted text in the edit's command."""
        if self.doc is not None:
            self.doc.pending_paste = (self.path, self.value_offset(position), marks)

    def show_marks(self, spans: list[tuple[int, int]], whole: bool, echoes: list[tuple[int, int]] = ()) -> None:
        """Shade the marked spans (or the whole text) with a bar beside them; ``echoes`` (text withheld
        before, found again) lighter, without the bar."""
        self._marks = (list(spans), whole, list(echoes))
        self._paint_marks()

    def _paint_marks(self) -> None:
        spans, whole, echoes = self._marks
        document = self.edit.document()
        last = document.characterCount() - 1
        if whole:
            ranges = [(0, last)] if last > 0 else []
        else:
            ranges = [(self._doc_position(a), self._doc_position(b - 1) + 1) for a, b in spans if b > a]
        fmt = QTextCharFormat()
        fmt.setBackground(MARK_SHADE)
        fmt.setToolTip(self.tr("非公開の指定があります"))
        echo = QTextCharFormat()
        echo.setBackground(ECHO_SHADE)
        echo.setToolTip(self.tr("以前に非公開とした文章です（公開版には載りません）"))
        echo_ranges = [(self._doc_position(a), self._doc_position(b - 1) + 1) for a, b in echoes if b > a]
        selections = []
        for (a, b), style in [(r, echo) for r in echo_ranges] + [(r, fmt) for r in ranges]:
            cursor = QTextCursor(document)
            cursor.setPosition(min(a, last))
            cursor.setPosition(min(b, last), QTextCursor.MoveMode.KeepAnchor)
            selection = QTextEdit.ExtraSelection()
            selection.cursor = cursor
            selection.format = style
            selections.append(selection)
        self.edit.mark_selections = selections   # the find bar's shading goes beside them (FindBar)
        self.edit.setExtraSelections(selections + list(getattr(self.edit, "found_selections", [])))
        self.edit.mark_ranges = ranges
        self.edit.viewport().update()

    def _on_text_changed(self) -> None:
        if self._loading:
            return
        new = scan_document(self.edit.document())
        if new == self._state:
            return
        old, self._state = self._state, new
        self._after_change()
        self.edited.emit(self.path, old, new, True)

    # -- markers and the list below ------------------------------------------------------------

    def _after_change(self) -> None:
        placed = [(uid, pos) for uid, pos in self._state[1]]
        if self._add_marker_images(placed):
            document = self.edit.document()
            document.markContentsDirty(0, document.characterCount())
        self._update_list(placed)
        self._paint_marks()
        self.countChanged.emit(len(self._state[0]))

    def flush_list(self) -> None:
        """Show the list of citations held back while the sheet opened (see defer_list)."""
        if self.list_pending:
            self.citations_label.setMinimumHeight(0)
            self._update_list(list(self._state[1]))

    def _add_marker_images(self, placed: list[tuple[int, int | None]]) -> bool:
        """Give each marker the image of its number; True if any number changed."""
        numbers = {uid: n for n, (uid, _pos) in enumerate(placed, start=1)}
        if numbers == self._numbers:
            return False
        ratio = self.devicePixelRatioF()
        document = self.edit.document()
        for uid, n in numbers.items():
            document.addResource(QTextDocument.ResourceType.ImageResource, QUrl(f"cite:{uid}"),
                                 marker_image(n, self.edit.font(), ratio))
        self._numbers = numbers
        return True

    def _update_list(self, placed: list[tuple[int, int | None]]) -> None:
        if self.defer_list and placed and self.doc is not None:
            # Opening a sheet: the list (rich text, costly to lay out) follows the first paint (SheetEditor).
            self.list_pending = True
            label = self.citations_label
            if label.isVisibleTo(self):   # keep its room, blank, so the page below does not move meanwhile
                label.setMinimumHeight(label.height())
                label.clear()
            return
        if self.list_pending:
            self.citations_label.setMinimumHeight(0)
        self.list_pending = False
        if not placed or self.doc is None:
            self.citations_label.hide()
            self.citations_label.clear()
            return
        lines = []
        for n, (uid, _pos) in enumerate(placed, start=1):
            c = self.doc.citation(uid)
            source = c.reference or c.document_title or self.tr("出典不明")
            quote = c.quoted_text.replace("\n", " ")
            if len(quote) > 60:
                quote = quote[:60] + "…"
            lines.append(f'<a href="cite:{uid}">[{n}]</a> {html.escape(source)}'
                         f'<br/><span style="color:#607d8b">「{html.escape(quote)}」</span>')
        self.citations_label.setText("<br/>".join(lines))
        self.citations_label.show()

    # -- citing ------------------------------------------------------------------------------

    def insert_citation(self, uid: int, quoted_text: str | None) -> None:
        """Insert the quoted text (if any) and the citation's marker at the cursor."""
        cursor = self.edit.textCursor()
        self._loading = True
        try:
            cursor.beginEditBlock()
            if cursor.hasSelection():
                cursor.removeSelectedText()
            if quoted_text:
                cursor.insertText(quoted_text, QTextCharFormat())
            cursor.insertImage(self._marker_format(uid))
            cursor.endEditBlock()
        finally:
            self._loading = False
        self.edit.setTextCursor(cursor)
        new = scan_document(self.edit.document())
        old, self._state = self._state, new
        self._after_change()
        self.edited.emit(self.path, old, new, False)

    def focus_text(self) -> None:
        self.edit.setFocus(Qt.FocusReason.OtherFocusReason)


def _common_prefix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b):
        if x != y:
            break
        n += 1
    return n


__all__ = ["TextFieldEditor", "CitableTextEdit", "scan_document", "Placed"]
