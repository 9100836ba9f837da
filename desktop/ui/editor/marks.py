"""Marking parts of a sheet 非公開 in the editor, and the list of marks in the 公開範囲 section.

The marks are the document path ``("marks",)``: every change here is one
undoable edit of that tuple (the owner turns it into a command), and edits
of a text move or drop the marks of that text in the same command
(SheetDocument.marks_following). A reason is required for every mark.

- 「非公開にする…」 marks the selected passage of a text field (context menu
  and the Edit menu); 「項目全体を非公開にする…」 the whole field.
- The 公開範囲に関する希望 section lists every mark with its reason, and
  offers marking a KPI or a citation, changing a reason and removing a mark.
- Marked text is shaded, with a bar in the field's margin.

KPIs and citations are marked by their stored id: one that has not been
saved yet (autosave takes a moment) is refused with a message.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction, QCursor
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.disclosure.marks import EXCERPT, describe_marks, mark_span
from desktop.survey.definition import FieldKind
from desktop.survey.sheet import MarkData
from desktop.ui.dialogs.mark_reason import ask_reason
from desktop.ui.wrapped_label import WrappedLabel

MARKS_PATH = ("marks",)
KPI_MARKED_STYLE = "QFrame#kpiRow { background: #fff3e0; border: 1px solid #ffb74d; border-left: 4px solid #c62828; }"


def _excerpt(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= EXCERPT else flat[:EXCERPT] + "…"


class MarksPanel(QWidget):
    """The marks of the open sheet with their reasons, in the 公開範囲に関する希望 section."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("marksPanel")
        self.title = QLabel(objectName="marksTitle")
        self.title.setStyleSheet("font-weight: bold; color: #6d4c41;")
        self.list = QListWidget(objectName="marksList")
        self.list.setWordWrap(True)
        self.list.setMaximumHeight(150)
        self.hint = WrappedLabel(self.tr("本文の一部を選択して右クリック（または「編集」メニュー）の「非公開にする…」で"
                                         "指定します。指定した部分は公開版の報告書で「（非公開）」と表示されます。"),
                                 objectName="marksHint")
        self.hint.setStyleSheet("color: #546e7a;")
        self.mark_other = QPushButton(self.tr("KPI・出典を非公開にする…"), objectName="markOther")
        self.change_reason = QPushButton(self.tr("理由を変更…"), objectName="changeReason")
        self.remove = QPushButton(self.tr("指定を解除"), objectName="removeMark")
        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        for b in (self.mark_other, self.change_reason, self.remove):
            buttons.addWidget(b)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.list)
        layout.addWidget(self.hint)
        layout.addLayout(buttons)
        self.list.currentRowChanged.connect(lambda _r: self._update_buttons())
        self._update_buttons()

    def show_entries(self, lines: list[str]) -> None:
        row = self.list.currentRow()
        self.list.clear()
        for line in lines:
            self.list.addItem(QListWidgetItem(line))
        self.title.setText(self.tr("非公開の指定（{0} 件）").format(len(lines)))
        self.list.setVisible(bool(lines))
        if 0 <= row < len(lines):
            self.list.setCurrentRow(row)
        self._update_buttons()

    def _update_buttons(self) -> None:
        selected = self.list.currentRow() >= 0
        self.change_reason.setEnabled(selected)
        self.remove.setEnabled(selected)


class MarkController(QObject):
    """Marks of the editor's document: actions, highlighting and the panel (the editor owns one)."""

    edited = Signal(object, object, object, bool)   # path, old, new, merge
    message = Signal(str)

    def __init__(self, editor, panel: MarksPanel | None) -> None:
        super().__init__(editor)
        self.editor = editor
        self.panel = panel
        self.ask_reason = ask_reason          # replaced in tests
        self._menu_key: str | None = None
        self.mark_action = QAction(self.tr("非公開にする…"), self, objectName="markNonPublicText")
        self.whole_action = QAction(self.tr("項目全体を非公開にする…"), self, objectName="markWholeField")
        self.unmark_action = QAction(self.tr("非公開の指定を解除"), self, objectName="unmarkHere")
        self.cite_action = QAction(self.tr("この出典を非公開にする…"), self, objectName="markCitation")
        self.cite_action.triggered.connect(self._mark_menu_citation)
        self.mark_action.triggered.connect(lambda: self.mark_selection(self._menu_key))
        self.whole_action.triggered.connect(lambda: self.mark_field(self._menu_key))
        self.unmark_action.triggered.connect(self._unmark_at_cursor)
        for key, text in editor.texts.items():
            text.edit.menu_actions = [self.mark_action, self.whole_action, self.unmark_action, self.cite_action]
            text.edit.menuRequested.connect(lambda k=key: self._menu_opening(k))
        if editor.kpi_editor is not None:
            editor.kpi_editor.kpiMenuRequested.connect(self._kpi_menu)
        if panel is not None:
            panel.mark_other.clicked.connect(self._choose_other)
            panel.remove.clicked.connect(lambda: self.remove(self._selected_mark()))
            panel.change_reason.clicked.connect(lambda: self.change_reason(self._selected_mark()))
            panel.list.itemDoubleClicked.connect(lambda _i: self.reveal(self._selected_mark()))

    # -- state ---------------------------------------------------------------------------------

    @property
    def doc(self):
        return self.editor.doc

    @property
    def marks(self) -> list[MarkData]:
        return list(self.doc.sheet.marks) if self.doc is not None else []

    def load(self, _doc) -> None:
        self.refresh()

    def refresh(self) -> None:
        """Show the document's marks: shading in the fields, the list in the 公開範囲 section."""
        survey = self.editor.survey
        for key, text_editor in self.editor.texts.items():
            spans, whole = [], False
            for m in self.marks:
                if m.field_key != key or m.kpi_id is not None or m.citation_id is not None:
                    continue
                span = mark_span(m, self.doc.sheet.text(key), survey.field(key).kind)
                if span is None:
                    whole = True
                else:
                    spans.append(span)
            text_editor.show_marks(spans, whole)
        self.show_kpi_marks()
        if self.panel is not None:
            entries = describe_marks(survey, self.doc.snapshot()[0]) if self.doc is not None else []
            self.panel.show_entries([self.tr("・{0} — 理由: {1}").format(e.description, e.reason) for e in entries])

    def show_kpi_marks(self) -> None:
        """Shade marked KPIs in the KPI editor, with a bar at their left edge like marked text."""
        if self.editor.kpi_editor is None:
            return
        marked = {m.kpi_id for m in self.marks if m.kpi_id is not None}
        tip = self.tr("このKPIは非公開に指定されています")
        for row in self.editor.kpi_editor.findChildren(QFrame, "kpiRow"):
            is_marked = getattr(row, "kpi", None) is not None and row.kpi.id in marked
            style = KPI_MARKED_STYLE if is_marked else ""
            if row.styleSheet() != style:   # setting a style sheet re-polishes every child: only on a change
                row.setStyleSheet(style)
            row.setToolTip(tip if is_marked else "")

    def _selected_mark(self) -> MarkData | None:
        row = self.panel.list.currentRow() if self.panel is not None else -1
        marks = self.marks
        return marks[row] if 0 <= row < len(marks) else None

    def _menu_opening(self, key: str) -> None:
        self._menu_key = key
        editor = self.editor.texts[key]
        self.mark_action.setEnabled(editor.selected_span() is not None)
        self.unmark_action.setEnabled(self._mark_at(key, editor.cursor_offset()) is not None)
        uid = editor.edit.menu_citation
        self.cite_action.setEnabled(uid is not None and self._citation_mark(uid) is None)

    def _mark_at(self, key: str, offset: int) -> MarkData | None:
        for m in self.marks:
            if m.field_key == key and m.kpi_id is None and m.citation_id is None:
                if m.start is None or (m.start is not None and m.end is not None and m.start <= offset <= m.end):
                    return m
        return None

    # -- changing marks ----------------------------------------------------------------------------

    def _push(self, marks: list[MarkData]) -> None:
        self.edited.emit(MARKS_PATH, tuple(self.marks), tuple(marks), False)

    def _add(self, what: str, mark: MarkData) -> bool:
        reason = self.ask_reason(self.editor, what)
        if not reason:
            return False
        mark.reason = reason
        self._push(self.marks + [mark])
        return True

    def mark_selection(self, key: str | None = None) -> bool:
        """Mark the selected passage of a text field (the one last focused when ``key`` is None)."""
        key = key or self.editor.citation_target()
        if self.doc is None or key not in self.editor.texts:
            self.message.emit(self.tr("非公開にする文字列を、本文の欄で選択してください。"))
            return False
        span = self.editor.texts[key].selected_span()
        if span is None:
            self.message.emit(self.tr("非公開にする文字列を選択してください（項目全体は右クリックの"
                                      "「項目全体を非公開にする…」）。"))
            return False
        label = self.editor.survey.field(key).label
        text = self.doc.sheet.text(key)[span[0]:span[1]]
        return self._add(self.tr("「{0}」の「{1}」").format(label, _excerpt(text)),
                         MarkData(reason="", field_key=key, start=span[0], end=span[1]))

    def mark_field(self, key: str | None) -> bool:
        key = key or self.editor.citation_target()
        if self.doc is None or key is None or not self.editor.survey.has_field(key):
            return False
        label = self.editor.survey.field(key).label
        return self._add(self.tr("「{0}」全体").format(label), MarkData(reason="", field_key=key))

    def mark_kpi(self, kpi) -> bool:
        if self.doc is None:
            return False
        if kpi.id is None:
            self._not_saved_yet()
            return False
        return self._add(self.tr("KPI「{0}」").format(kpi.indicator or self.tr("（指標名なし）")),
                         MarkData(reason="", kpi_id=kpi.id))

    def mark_citation(self, uid: int) -> bool:
        if self.doc is None:
            return False
        citation = self.doc.citation(uid)
        if citation.id is None:
            self._not_saved_yet()
            return False
        return self._add(self.tr("出典「{0}」").format(_excerpt(citation.quoted_text or citation.reference)),
                         MarkData(reason="", citation_id=citation.id))

    def _not_saved_yet(self) -> None:
        QMessageBox.information(self.editor, self.tr("非公開にする"),
                                self.tr("まだ保存されていません。自動保存の後（数秒後）にもう一度指定してください。"))

    def remove(self, mark: MarkData | None) -> None:
        if mark is not None:
            self._push([m for m in self.marks if m is not mark])

    def change_reason(self, mark: MarkData | None) -> None:
        if mark is None:
            return
        entry = describe_marks(self.editor.survey, self.doc.snapshot()[0])[self.marks.index(mark)]
        reason = self.ask_reason(self.editor, entry.description, mark.reason)
        if reason and reason != mark.reason:
            changed = MarkData(reason=reason, field_key=mark.field_key, start=mark.start, end=mark.end,
                               kpi_id=mark.kpi_id, citation_id=mark.citation_id, id=mark.id)
            self._push([changed if m is mark else m for m in self.marks])

    def _unmark_at_cursor(self) -> None:
        key = self._menu_key or self.editor.citation_target()
        if key in self.editor.texts:
            self.remove(self._mark_at(key, self.editor.texts[key].cursor_offset()))

    # -- KPIs and citations --------------------------------------------------------------------------

    def _citation_mark(self, uid: int) -> MarkData | None:
        cid = self.doc.citation(uid).id if self.doc is not None else None
        return next((m for m in self.marks if cid is not None and m.citation_id == cid), None)

    def _mark_menu_citation(self) -> None:
        key = self._menu_key
        uid = self.editor.texts[key].edit.menu_citation if key in self.editor.texts else None
        if uid is not None:
            self.mark_citation(uid)

    def _kpi_menu(self, kpi) -> None:
        """Right-click on a KPI: mark it, or remove its mark."""
        if self.doc is None:
            return
        menu = QMenu(self.editor)
        mark = next((m for m in self.marks if kpi.id is not None and m.kpi_id == kpi.id), None)
        if mark is None:
            menu.addAction(self.tr("このKPIを非公開にする…")).triggered.connect(lambda: self.mark_kpi(kpi))
        else:
            menu.addAction(self.tr("このKPIの非公開の指定を解除")).triggered.connect(lambda: self.remove(mark))
        menu.exec(QCursor.pos())
        menu.deleteLater()

    def _choose_other(self) -> None:
        """A menu of what is not marked yet: fields without text (whole), KPIs, citations."""
        if self.doc is None:
            return
        menu = QMenu(self.editor)
        whole = {m.field_key for m in self.marks if m.is_whole_field}
        for f in self.editor.survey.fields:    # fields without a text body: marked whole
            if not f.kind.has_text and f.key not in whole:
                menu.addAction(self.tr("「{0}」全体").format(f.label)).triggered.connect(
                    lambda _c=False, k=f.key: self.mark_field(k))
        marked_kpis = {m.kpi_id for m in self.marks if m.kpi_id is not None}
        marked_cites = {m.citation_id for m in self.marks if m.citation_id is not None}
        for _item, kpi in self.doc.sheet.all_kpis():
            if kpi.id is None or kpi.id not in marked_kpis:
                action = menu.addAction(self.tr("KPI「{0}」").format(kpi.indicator or self.tr("（指標名なし）")))
                action.triggered.connect(lambda _c=False, k=kpi: self.mark_kpi(k))
        for key in [f.key for f in self.editor.survey.fields]:
            for number, uid, c in self.doc.numbered_citations(key):
                if c.id is None or c.id not in marked_cites:
                    label = self.editor.survey.field(key).label
                    action = menu.addAction(self.tr("出典 [{0}]（{1}）「{2}」").format(
                        number, label, _excerpt(c.quoted_text or c.reference)))
                    action.triggered.connect(lambda _c=False, u=uid: self.mark_citation(u))
        if menu.isEmpty():
            menu.addAction(self.tr("（非公開にできる KPI・出典がありません）")).setEnabled(False)
        menu.exec(QCursor.pos())
        menu.deleteLater()

    def reveal(self, mark: MarkData | None) -> None:
        """Show a marked passage: its field focused with the passage selected."""
        if mark is None or self.doc is None:
            return
        if mark.kpi_id is not None:
            kpi_field = self.editor.survey.first_field_of_kind(FieldKind.KPI_ITEMS)
            if kpi_field is not None:
                self.editor.focus_field(kpi_field.key)
            return
        key = mark.field_key
        if mark.citation_id is not None:
            key = next((c.field_key for c in self.doc.snapshot()[0].citations if c.id == mark.citation_id), key)
        if key is None:
            return
        self.editor.focus_field(key)
        text_editor = self.editor.texts.get(key)
        span = mark_span(mark, self.doc.sheet.text(key), self.editor.survey.field(key).kind) \
            if text_editor is not None else None
        if span is not None:
            cursor = text_editor.edit.textCursor()
            cursor.setPosition(text_editor._doc_position(span[0]))
            cursor.setPosition(text_editor._doc_position(span[1] - 1) + 1 if span[1] > span[0] else
                               cursor.position(), cursor.MoveMode.KeepAnchor)
            text_editor.edit.setTextCursor(cursor)
            text_editor.edit.ensureCursorVisible()


__all__ = ["MarkController", "MarksPanel", "MARKS_PATH"]
