"""Marking parts of a sheet 非公開 in the editor, releasing them, and the list in the 公開範囲 section.

Every change here is one undoable edit of the document path
``("disclosure",)`` — the marks and the releases together — so a release and
the mark it removes undo as one. A reason is required for every mark and for
every release (「非公開を解除」 is the only way a mark goes; it is recorded with
who, when and why). Edits of a text move the marks of that text in the same
command as the edit (SheetDocument.marks_following).

- 「非公開にする…」 marks the selected passage of a text field (context menu
  and the Edit menu); 「項目全体を非公開にする…」 the whole field.
- A KPI, one of its values (the target, the baseline, a year's actual), an
  実施項目 or a citation can be marked at once, saved or not: marks name them
  by their keys.
- The 公開範囲に関する希望 section lists every mark with its reason, marks that
  need a person (「要確認」: an import or a merge could not find their passage)
  with 「選択した箇所に指定し直す」, and offers releasing a mark.
- Marked text is shaded, with a bar in the field's margin; text that was
  withheld before (the register) is shaded too, lighter, wherever it appears.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction, QCursor
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.disclosure.marks import EXCERPT, KPI_VALUE_LABELS, describe_marks, mark_span
from desktop.disclosure.reader_form import reader_form
from desktop.disclosure.textedit import find_passage, mark_text, marks_between
from desktop.survey.definition import FieldKind
from desktop.survey.parts import Part, PartKind
from desktop.survey.sheet import MarkData, Release
from desktop.survey.wareki import format_fiscal_year
from desktop.ui.dialogs.mark_reason import ask_reason, ask_release_reason
from desktop.ui.wrapped_label import WrappedLabel

DISCLOSURE_PATH = ("disclosure",)
MARKS_PATH = ("marks",)
KPI_MARKED_STYLE = "QFrame#kpiRow { background: #fff3e0; border: 1px solid #ffb74d; border-left: 4px solid #c62828; }"
VALUE_MARKED_STYLE = "QLineEdit { background: #ffd9b3; border: 1px solid #c62828; }"


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
        self.pending = WrappedLabel(objectName="marksPending")
        self.pending.setStyleSheet("color: #b71c1c; font-weight: bold;")
        self.pending.hide()
        self.list = QListWidget(objectName="marksList")
        self.list.setWordWrap(True)
        self.list.setMaximumHeight(150)
        self.hint = WrappedLabel(self.tr("本文の一部を選択して右クリック（または「編集」メニュー）の「非公開にする…」で"
                                         "指定します。指定した部分は公開版の報告書で「（非公開）」と表示されます。"),
                                 objectName="marksHint")
        self.hint.setStyleSheet("color: #546e7a;")
        self.register_title = QLabel(objectName="registerTitle")
        self.register_title.setStyleSheet("color: #6d4c41;")
        self.register = QListWidget(objectName="registerList")
        self.register.setWordWrap(True)
        self.register.setMaximumHeight(90)
        self.register.setToolTip(self.tr("以前に非公開とした文章です。指定が外れても、再び書かれると公開版には載りません。"))
        self.release_registered = QPushButton(self.tr("公開してよい（登録から外す）…"), objectName="releaseRegistered")
        self.register.currentRowChanged.connect(lambda r: self.release_registered.setEnabled(r >= 0))
        self.release_registered.setEnabled(False)
        self.mark_other = QPushButton(self.tr("KPI・出典を非公開にする…"), objectName="markOther")
        self.change_reason = QPushButton(self.tr("理由を変更…"), objectName="changeReason")
        self.replace_here = QPushButton(self.tr("選択した箇所に指定し直す"), objectName="replaceMark")
        self.remove = QPushButton(self.tr("非公開を解除…"), objectName="removeMark")
        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        for b in (self.mark_other, self.change_reason, self.replace_here, self.remove):
            buttons.addWidget(b)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.pending)
        layout.addWidget(self.list)
        layout.addWidget(self.hint)
        layout.addLayout(buttons)
        layout.addWidget(self.register_title)
        layout.addWidget(self.register)
        registered = QHBoxLayout()
        registered.setContentsMargins(0, 0, 0, 0)
        registered.addWidget(self.release_registered)
        registered.addStretch(1)
        layout.addLayout(registered)
        self.list.currentRowChanged.connect(lambda _r: self._update_buttons())
        self._unplaced: list[bool] = []
        self._update_buttons()

    def show_entries(self, lines: list[str], unplaced: list[bool]) -> None:
        row = self.list.currentRow()
        self.list.clear()
        for line in lines:
            self.list.addItem(QListWidgetItem(line))
        self._unplaced = list(unplaced)
        self.title.setText(self.tr("非公開の指定（{0} 件）").format(len(lines)))
        waiting = sum(unplaced)
        self.pending.setText(self.tr(
            "非公開の確認が必要です：{0} 件の指定の位置が見つかりません（取り込み・統合で文章が変わったため）。"
            "該当する文章を選択して「選択した箇所に指定し直す」か、公開してよければ「非公開を解除…」を選んでください。"
            "確認するまで公開版は出力できません。").format(waiting))
        self.pending.setVisible(bool(waiting))
        self.list.setVisible(bool(lines))
        if 0 <= row < len(lines):
            self.list.setCurrentRow(row)
        self._update_buttons()

    def show_register(self, texts: list[str]) -> None:
        """Texts withheld before whose mark has gone (deleted with its text, cleared by the new year)."""
        self.register.clear()
        for text in texts:
            self.register.addItem(QListWidgetItem(f"・「{_excerpt(text)}」"))
        self.register_title.setText(self.tr("以前に非公開とした文章（{0} 件）：再び書かれても公開版には載りません").format(
            len(texts)))
        for widget in (self.register_title, self.register, self.release_registered):
            widget.setVisible(bool(texts))
        self.release_registered.setEnabled(self.register.currentRow() >= 0)

    def _update_buttons(self) -> None:
        row = self.list.currentRow()
        selected = row >= 0
        self.change_reason.setEnabled(selected)
        self.remove.setEnabled(selected)
        self.replace_here.setVisible(any(self._unplaced))
        self.replace_here.setEnabled(selected and row < len(self._unplaced) and self._unplaced[row])


class MarkController(QObject):
    """Marks of the editor's document: actions, highlighting and the panel (the editor owns one)."""

    edited = Signal(object, object, object, bool)   # path, old, new, merge
    message = Signal(str)

    def __init__(self, editor, panel: MarksPanel | None) -> None:
        super().__init__(editor)
        self.editor = editor
        self.panel = panel
        self.ask_reason = ask_reason                  # replaced in tests
        self.ask_release_reason = ask_release_reason  # replaced in tests
        self.count_elsewhere = None    # (text, sheet id) -> how many other sheets hold it; set by the owner
        self._menu_key: str | None = None
        self.mark_action = QAction(self.tr("非公開にする…"), self, objectName="markNonPublicText")
        self.whole_action = QAction(self.tr("項目全体を非公開にする…"), self, objectName="markWholeField")
        self.unmark_action = QAction(self.tr("非公開を解除…"), self, objectName="unmarkHere")
        self.cite_action = QAction(self.tr("この出典を非公開にする…"), self, objectName="markCitation")
        self.cite_action.triggered.connect(self._mark_menu_citation)
        self.mark_action.triggered.connect(lambda: self.mark_selection(self._menu_key))
        self.whole_action.triggered.connect(lambda: self.mark_field(self._menu_key))
        self.unmark_action.triggered.connect(self._unmark_at_cursor)
        for key, text in editor.texts.items():
            text.edit.menu_actions = [self.mark_action, self.whole_action, self.unmark_action, self.cite_action]
            text.edit.menuRequested.connect(lambda k=key: self._menu_opening(k))
            text.marks_for_copy = lambda a, b, k=key: self._marks_in(k, a, b)
        if editor.kpi_editor is not None:
            editor.kpi_editor.kpiMenuRequested.connect(self._kpi_menu)
        if panel is not None:
            panel.mark_other.clicked.connect(self._choose_other)
            panel.remove.clicked.connect(lambda: self.release(self._selected_mark()))
            panel.change_reason.clicked.connect(lambda: self.change_reason(self._selected_mark()))
            panel.replace_here.clicked.connect(lambda: self.replace_at_selection(self._selected_mark()))
            panel.list.itemDoubleClicked.connect(lambda _i: self.reveal(self._selected_mark()))
            panel.release_registered.clicked.connect(self._release_registered)

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
        sheet = self.doc.sheet if self.doc is not None else None
        released = {reader_form(r.text) for r in sheet.releases} if sheet is not None else set()
        withheld = [t for t in ([w.text for w in sheet.withheld] + [m.text for m in self.marks] if sheet else [])
                    if reader_form(t) not in released]
        for key, text_editor in self.editor.texts.items():
            spans, whole = [], False
            for m in self.marks:
                if m.part != Part.field(key) or m.unplaced:
                    continue
                span = mark_span(m, sheet.text(key), survey.field(key).kind)
                if span is None:
                    whole = True
                else:
                    spans.append(span)
            echoes = []
            if sheet is not None and not whole:
                text = sheet.text(key)
                for passage in dict.fromkeys(t for t in withheld if t and len(t.strip()) >= 2):
                    echoes += [s for s in find_passage(text, passage) if not any(a <= s[0] and s[1] <= b
                                                                                 for a, b in spans)]
            text_editor.show_marks(spans, whole, echoes)
        self.show_kpi_marks()
        if self.panel is not None:
            entries = describe_marks(survey, self.doc.snapshot()[0]) if self.doc is not None else []
            self.panel.show_entries([self.tr("・{0} — 理由: {1}").format(e.description, e.reason) for e in entries],
                                    [m.unplaced for m in self.marks])
            self.panel.show_register(self.registered_only())

    def registered_only(self) -> list[str]:
        """Register texts no mark withholds now, nor a release pending (shown so a person can release them)."""
        if self.doc is None:
            return []
        sheet = self.doc.sheet
        covered = {reader_form(mark_text(sheet, m)) for m in sheet.marks} | {reader_form(m.text) for m in sheet.marks}
        covered |= {reader_form(r.text) for r in sheet.releases}
        seen, out = set(), []
        for w in sheet.withheld:
            form = reader_form(w.text)
            if form and form not in covered and form not in seen:
                seen.add(form)
                out.append(w.text)
        return out

    def _release_registered(self) -> None:
        row = self.panel.register.currentRow() if self.panel is not None else -1
        texts = self.registered_only()
        if not 0 <= row < len(texts) or self.doc is None:
            return
        reason = self.ask_release_reason(self.editor, self.tr("以前に非公開とした「{0}」").format(_excerpt(texts[row])))
        if reason:
            self._push(self.marks, list(self.doc.sheet.releases) + [Release(texts[row], reason)])

    def show_kpi_marks(self) -> None:
        """Shade marked KPIs (and marked values) in the KPI editor, with a bar like marked text."""
        if self.editor.kpi_editor is None or self.doc is None:
            return
        parts = {m.part for m in self.marks if not m.unplaced}
        tip = self.tr("このKPIは非公開に指定されています")
        # the rows built so far (KpiEditor builds the rest as they come into view, and marks them then)
        for row in [r for card in self.editor.kpi_editor.built_cards() for r in card.rows]:
            kpi = getattr(row, "kpi", None)
            is_marked = kpi is not None and Part.kpi(kpi.key) in parts
            style = KPI_MARKED_STYLE if is_marked else ""
            if row.styleSheet() != style:   # setting a style sheet re-polishes every child: only on a change
                row.setStyleSheet(style)
            row.setToolTip(tip if is_marked else "")
            for attr, line in getattr(row, "lines", {}).items():
                value_attr = f"actual:{row.year}" if attr == "actual" else attr
                marked = kpi is not None and Part.kpi(kpi.key, value_attr) in parts
                value_style = VALUE_MARKED_STYLE if marked else ""
                if isinstance(line, QLineEdit) and line.styleSheet() != value_style:
                    line.setStyleSheet(value_style)
                    line.setToolTip(self.tr("この値は非公開に指定されています") if marked else "")

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
            if m.part == Part.field(key) and not m.unplaced:
                if not m.is_span or (m.start is not None and m.end is not None and m.start <= offset <= m.end):
                    return m
        return None

    def _marks_in(self, key: str, start: int, end: int) -> list[MarkData]:
        """The marks of field ``key`` inside [start, end), relative to ``start`` (what a copy carries)."""
        return marks_between(self.doc.sheet, Part.field(key), start, end) if self.doc is not None else []

    # -- changing marks ----------------------------------------------------------------------------

    def _push(self, marks: list[MarkData], releases: list | None = None) -> None:
        old = self.doc.value(DISCLOSURE_PATH)
        new = (tuple(marks), tuple(self.doc.sheet.releases if releases is None else releases))
        self.edited.emit(DISCLOSURE_PATH, old, new, False)

    def _common_note(self, text: str) -> str:
        """A warning when the text to withhold is common across the database (it is withheld everywhere)."""
        if self.count_elsewhere is None or len(text.strip()) < 2 or self.doc is None:
            return ""
        try:
            n = self.count_elsewhere(text, self.doc.sheet_id)
        except Exception:   # noqa: BLE001 - a count is advice; marking never fails for it
            return ""
        if not n:
            return ""
        return self.tr("この語句は他の {0} 件のシートにも出てきます。公開版ではそれらのシートでも伏せられるか、"
                       "出力が止まります。語句を長めに選ぶと、必要な部分だけを非公開にできます。").format(n)

    def _add(self, what: str, mark: MarkData, note: str = "") -> bool:
        reason = self.ask_reason(self.editor, what, "", note) if note else self.ask_reason(self.editor, what)
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
                         MarkData(reason="", part=Part.field(key), start=span[0], end=span[1], text=text),
                         self._common_note(text))

    def mark_field(self, key: str | None) -> bool:
        key = key or self.editor.citation_target()
        if self.doc is None or key is None or not self.editor.survey.has_field(key):
            return False
        label = self.editor.survey.field(key).label
        return self._add(self.tr("「{0}」全体").format(label),
                         MarkData(reason="", part=Part.field(key), text=self.doc.sheet.text(key)))

    def mark_kpi(self, kpi, attr: str = "") -> bool:
        """Mark a KPI (``attr`` empty) or one of its values; saved or not, it is named by its key."""
        if self.doc is None:
            return False
        name = kpi.indicator or self.tr("（指標名なし）")
        if attr:
            year = Part.kpi(kpi.key, attr).year
            what = self.tr("{0}実績").format(format_fiscal_year(year)) if year is not None \
                else KPI_VALUE_LABELS.get(attr, attr)
            return self._add(self.tr("KPI「{0}」の{1}").format(name, what),
                             MarkData(reason="", part=Part.kpi(kpi.key, attr), text=kpi.value(attr) or ""))
        return self._add(self.tr("KPI「{0}」").format(name),
                         MarkData(reason="", part=Part.kpi(kpi.key), text=kpi.indicator),
                         self._common_note(kpi.indicator))

    def mark_citation(self, uid: int) -> bool:
        if self.doc is None:
            return False
        citation = self.doc.citation(uid)
        return self._add(self.tr("出典「{0}」").format(_excerpt(citation.quoted_text or citation.reference)),
                         MarkData(reason="", part=Part.citation(citation.key), text=citation.quoted_text))

    def release(self, mark: MarkData | None) -> bool:
        """「非公開を解除」: the only way a mark goes; asks why, and records it with the next save."""
        if mark is None or self.doc is None:
            return False
        entry = describe_marks(self.editor.survey, self.doc.snapshot()[0])[self.marks.index(mark)]
        reason = self.ask_release_reason(self.editor, entry.description)
        if not reason:
            return False
        text = mark_text(self.doc.sheet, mark) or mark.text
        releases = list(self.doc.sheet.releases) + [Release(text, reason, str(mark.part))]
        if mark.text and mark.text != text:
            releases.append(Release(mark.text, reason, str(mark.part)))
        self._push([m for m in self.marks if m is not mark], releases)
        self.message.emit(self.tr("非公開の指定を解除しました（保存すると、解除した人・日時・理由が履歴に残ります。"
                                  "元に戻す: Ctrl+Z）。"))
        return True

    remove = release

    def change_reason(self, mark: MarkData | None) -> None:
        if mark is None or self.doc is None:
            return
        entry = describe_marks(self.editor.survey, self.doc.snapshot()[0])[self.marks.index(mark)]
        reason = self.ask_reason(self.editor, entry.description, mark.reason)
        if reason and reason != mark.reason:
            from dataclasses import replace

            changed = replace(mark, reason=reason)
            self._push([changed if m is mark else m for m in self.marks])

    def replace_at_selection(self, mark: MarkData | None) -> bool:
        """Place a mark that needs a person on the passage selected in a text field (its reason kept)."""
        if mark is None or self.doc is None or not mark.unplaced:
            return False
        key = self.editor.citation_target()
        span = self.editor.texts[key].selected_span() if key in self.editor.texts else None
        if span is None:
            self.message.emit(self.tr("指定し直す文章を、本文の欄で選択してから押してください。"))
            return False
        from dataclasses import replace

        text = self.doc.sheet.text(key)[span[0]:span[1]]
        placed = replace(mark, part=Part.field(key), start=span[0], end=span[1], text=text, unplaced=False)
        marks = [placed if m is mark else m for m in self.marks]
        releases = list(self.doc.sheet.releases)
        if mark.text and mark.text != text:    # the old wording is no longer what is withheld: say so
            releases.append(Release(mark.text, self.tr("「{0}」に指定し直したため").format(_excerpt(text)),
                                    str(mark.part)))
        self._push(marks, releases)
        return True

    def _unmark_at_cursor(self) -> None:
        key = self._menu_key or self.editor.citation_target()
        if key in self.editor.texts:
            self.release(self._mark_at(key, self.editor.texts[key].cursor_offset()))

    # -- KPIs and citations --------------------------------------------------------------------------

    def _citation_mark(self, uid: int) -> MarkData | None:
        key = self.doc.citation(uid).key if self.doc is not None else None
        return next((m for m in self.marks if key is not None and m.part == Part.citation(key)), None)

    def _mark_menu_citation(self) -> None:
        key = self._menu_key
        uid = self.editor.texts[key].edit.menu_citation if key in self.editor.texts else None
        if uid is not None:
            self.mark_citation(uid)

    def _value_parts(self, kpi) -> list[tuple[str, str]]:
        """(attr, label) of the KPI's values that can be withheld on their own."""
        out = [(a, KPI_VALUE_LABELS[a]) for a in ("target_value", "baseline_value") if kpi.value(a)]
        out += [(f"actual:{y}", self.tr("{0}実績").format(format_fiscal_year(y)))
                for y in sorted(kpi.actuals) if kpi.actuals[y]]
        return out

    def _kpi_menu(self, kpi) -> None:
        """Right-click on a KPI: mark it or one of its values, or release a mark."""
        if self.doc is None:
            return
        menu = QMenu(self.editor)
        by_part = {m.part: m for m in self.marks}
        whole = by_part.get(Part.kpi(kpi.key))
        if whole is None:
            menu.addAction(self.tr("このKPIを非公開にする…")).triggered.connect(lambda: self.mark_kpi(kpi))
        else:
            menu.addAction(self.tr("このKPIの非公開を解除…")).triggered.connect(lambda: self.release(whole))
        values = self._value_parts(kpi)
        if values and whole is None:
            sub = menu.addMenu(self.tr("値だけを非公開にする"))
            for attr, label in values:
                mark = by_part.get(Part.kpi(kpi.key, attr))
                if mark is None:
                    sub.addAction(self.tr("{0}を非公開にする…").format(label)).triggered.connect(
                        lambda _c=False, a=attr: self.mark_kpi(kpi, a))
                else:
                    sub.addAction(self.tr("{0}の非公開を解除…").format(label)).triggered.connect(
                        lambda _c=False, m=mark: self.release(m))
        menu.exec(QCursor.pos())
        menu.deleteLater()

    def _choose_other(self) -> None:
        """A menu of what is not marked yet: fields without text (whole), KPIs, citations."""
        if self.doc is None:
            return
        menu = QMenu(self.editor)
        marked = {m.part for m in self.marks}
        for f in self.editor.survey.fields:    # fields without a text body: marked whole
            if not f.kind.has_text and Part.field(f.key) not in marked:
                menu.addAction(self.tr("「{0}」全体").format(f.label)).triggered.connect(
                    lambda _c=False, k=f.key: self.mark_field(k))
        for _item, kpi in self.doc.sheet.all_kpis():
            if Part.kpi(kpi.key) not in marked:
                action = menu.addAction(self.tr("KPI「{0}」").format(kpi.indicator or self.tr("（指標名なし）")))
                action.triggered.connect(lambda _c=False, k=kpi: self.mark_kpi(k))
        for key in [f.key for f in self.editor.survey.fields]:
            for number, uid, c in self.doc.numbered_citations(key):
                if Part.citation(c.key) not in marked:
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
        kpi_field = self.editor.survey.first_field_of_kind(FieldKind.KPI_ITEMS)
        if mark.part.kind in (PartKind.KPI, PartKind.ITEM):
            if kpi_field is not None:
                self.editor.focus_field(kpi_field.key)
            return
        key = mark.field_key
        if mark.part.kind is PartKind.CITATION:
            c = self.doc.sheet.citation_by_key(mark.part.key)
            key = c.field_key if c else None
            if key is None:
                key = next((k for k, placed in self.doc._placed.items()
                            for uid, _p in placed if self.doc.citation(uid).key == mark.part.key), None)
        if key is None:
            return
        self.editor.focus_field(key)
        text_editor = self.editor.texts.get(key)
        span = mark_span(mark, self.doc.sheet.text(key), self.editor.survey.field(key).kind) \
            if text_editor is not None and not mark.unplaced else None
        if span is not None:
            cursor = text_editor.edit.textCursor()
            cursor.setPosition(text_editor._doc_position(span[0]))
            cursor.setPosition(text_editor._doc_position(span[1] - 1) + 1 if span[1] > span[0] else
                               cursor.position(), cursor.MoveMode.KeepAnchor)
            text_editor.edit.setTextCursor(cursor)
            text_editor.edit.ensureCursorVisible()


__all__ = ["DISCLOSURE_PATH", "MARKS_PATH", "MarkController", "MarksPanel"]
