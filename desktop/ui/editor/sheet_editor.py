"""The sheet editor: one section per field of the survey definition, in its order.

Built once per survey; switching sheets only loads values into the existing
widgets. Sub-editors emit edits of document paths; this widget adds the sheet
and a label and passes them on (the owner turns them into undo commands), and
routes the document's change signals back to the sub-editor showing that path.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEvent, QPoint, QRect, Qt, QTimer, Signal
from PySide6.QtWidgets import QLabel, QScrollArea, QStackedWidget, QVBoxLayout, QWidget

from desktop.survey.definition import FieldKind, SurveyDefinition
from desktop.survey.validation import Problem, Severity
from desktop.ui.document import SheetDocument
from desktop.survey.sheet import SheetData
from desktop.ui.editor.choices import AreasEditor, ClassificationEditor
from desktop.ui.editor.compare import CompareView
from desktop.ui.editor.find_bar import FindBar
from desktop.ui.editor.header import TEXT_ATTRIBUTES, HeaderEditor
from desktop.ui.editor.marks import MarkController, MarksPanel
from desktop.ui.editor.review_panel import ReviewPanel
from desktop.ui.editor.section import SECTION_STYLE, Section
from desktop.ui.editor.text_field import TextFieldEditor
from desktop.ui.kpi_chart_view import KpiChartView
from desktop.ui.kpi_editor import KpiEditor
from desktop.ui.read_only import lock_inputs
from desktop.ui.tasks import TaskRunner
from desktop.ui.wrapped_label import WrappedLabel

HEADER_KEY = "_header"
REVIEW_KEY = "_review"
KEPT_KEY = "_kept"   # fields of an earlier version of the survey, kept by the new-year run
# Below this viewport width the KPI rows take two columns instead of three label/field pairs a line.
KPI_WIDE_MIN_WIDTH = 760
PAGE_MARGINS = 44   # the page's and the section's margins around the KPI editor
AREAS_KEY = "areas"


class SheetEditor(QStackedWidget):
    edited = Signal(object, object, object, object, bool, str)   # doc, path, old, new, merge, label
    statusRequested = Signal(object, object)                       # doc, Status
    citationActivated = Signal(object, int)                        # doc, uid
    textFieldFocused = Signal(str)

    def __init__(self, survey: SurveyDefinition, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.survey = survey
        self.doc: SheetDocument | None = None
        self.sections: dict[str, Section] = {}
        self.texts: dict[str, TextFieldEditor] = {}
        self.kpi_editor: KpiEditor | None = None
        self.kpi_chart: KpiChartView | None = None
        self.compares: dict[str, CompareView] = {}
        # Reads the predecessor sheet for 「前年度と比較」 (set by the owner; None: no comparison).
        self.predecessor_loader: Callable[[int], SheetData | None] | None = None
        # Where 「前年度と比較」 runs its diffs, off the GUI thread (set by the owner; None: on the GUI thread).
        self.diff_runner: TaskRunner | None = None
        self._last_text_key: str | None = None
        self._loading = False   # set_document is filling the editor
        self._inputs_locked = False   # _lock_inputs last locked the page
        self._flush_queued = False
        self.read_only = False
        self.status_locked = False   # the sheet's status freezes its content (see _update_status_lock)
        # The sheet's content may not be changed by this role (a server's roles per ministry: store/access.py);
        # unlike read_only, the review (status, comments, evaluation) stays usable.
        self.content_locked = False
        # The repository the review panel reads and writes comments with, and the acting role (set by the owner).
        self.review_repository: Callable[[], object] = lambda: None
        self.review_role: Callable[[], str] = lambda: ""
        # The label a field of an earlier version of the survey had (set by the owner; default: its key).
        self.kept_label: Callable[[str], str] = lambda key: key

        self.placeholder = QLabel(self.tr("左の一覧からシートを選ぶか、「新規」でシートを作成してください。"),
                                  objectName="editorPlaceholder")
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setWordWrap(True)
        self.scroll = QScrollArea(objectName="editorScroll")
        self.scroll.setWidgetResizable(True)
        page = QWidget(objectName="editorPage")
        page.setStyleSheet(SECTION_STYLE)
        self._column = QVBoxLayout(page)
        self._column.setContentsMargins(10, 10, 10, 10)
        self._column.setSpacing(10)
        self.scroll.setWidget(page)
        self.sheet_page = QWidget(objectName="sheetPage")   # the find bar above the scrolling page
        column = QVBoxLayout(self.sheet_page)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        self.find_bar = FindBar(self.scroll, self.sheet_page)
        column.addWidget(self.find_bar)
        # Why the sheet cannot be edited although the database can (提出済, 確定: ReviewCycle.locked).
        self.locked_banner = WrappedLabel(objectName="lockedBanner")
        self.locked_banner.setStyleSheet("background: #fff4e5; color: #6d4c00; padding: 6px 10px;")
        self.locked_banner.hide()
        column.addWidget(self.locked_banner)
        column.addWidget(self.scroll, 1)
        # The page follows the viewport's width and should never need to scroll sideways (see _fit_width).
        self.scroll.viewport().installEventFilter(self)
        page.installEventFilter(self)
        self.addWidget(self.placeholder)
        self.addWidget(self.sheet_page)
        self._build()

    # -- fitting the width ---------------------------------------------------------------

    def eventFilter(self, obj, event) -> bool:  # noqa: N802
        if obj is self.scroll.widget() and event.type() == QEvent.Type.Paint:
            if self.kpi_editor is not None:
                self.kpi_editor.build_when_idle()   # after this paint: the cards out of view (see KpiEditor)
            if not self._flush_queued and any(e.list_pending for e in self.texts.values()):
                self._flush_queued = True
                QTimer.singleShot(0, self, self._flush_lists)
        elif obj is self.scroll.viewport() and event.type() == QEvent.Type.Resize:
            self._fit_width(event.size().width())
            if self.kpi_editor is not None:
                self.kpi_editor.build_in_view()   # the window grew: cards that came into view
        return super().eventFilter(obj, event)

    def _fit_width(self, width: int) -> None:
        """Rearrange the widest parts for the width at hand, so nothing hides behind a sideways scrollbar."""
        if self.kpi_editor is not None:
            self.kpi_editor.fit_width(width - PAGE_MARGINS, KPI_WIDE_MIN_WIDTH - PAGE_MARGINS)
        if self.areas is not None:
            self.areas.fit_width(width)

    # -- building ------------------------------------------------------------------------

    def _add_section(self, key: str, section: Section, body: QWidget) -> None:
        section.body.addWidget(body)
        self.sections[key] = section
        self._column.addWidget(section)

    def _build(self) -> None:
        self.review = ReviewPanel(self.survey, lambda: self.review_repository(), lambda: self.review_role())
        self.review.anchor = self._comment_anchor
        self._add_section(REVIEW_KEY, Section(self.tr("点検・評価とコメント"), key=REVIEW_KEY), self.review)
        self.header = HeaderEditor()
        self.header.targets = lambda status: self.survey.review.targets(status, self.review_role() or None)
        self.header.edited.connect(self._forward)
        self.header.statusRequested.connect(lambda status: self.doc and self.statusRequested.emit(self.doc, status))
        self._add_section(HEADER_KEY, Section(self.tr("担当・状態"), key=HEADER_KEY), self.header)
        self.classification = None
        self.areas = None
        for f in self.survey.fields:
            section = Section.for_field(f)
            if f.kind is FieldKind.CLASSIFICATION:
                self.classification = ClassificationEditor(self.survey)
                self.classification.edited.connect(self._forward)
                self._add_section(f.key, section, self.classification)
                self.areas = AreasEditor(self.survey)
                self.areas.edited.connect(self._forward)
                self._add_section(AREAS_KEY, Section(self.survey.areas_label, key=AREAS_KEY,
                                                     guidance=(self.tr("この施策が取り組む領域をすべて選択"),)),
                                  self.areas)
            elif f.kind is FieldKind.KPI_ITEMS:
                self.kpi_editor = KpiEditor(f.key)
                self.kpi_editor.edited.connect(self._forward)
                self.kpi_editor.citationActivated.connect(self._cite_activated)
                self.kpi_editor.focusMoved.connect(lambda w: QTimer.singleShot(0, lambda: self._ensure_visible(w)))
                # Cards are built as they scroll into view (see KpiEditor); those built later are locked and
                # marked like the rest of the page, and find searches them too.
                self.kpi_editor.view_rect = self._kpi_view_rect
                self.kpi_editor.scroll_by = self._scroll_by
                self.kpi_editor.cardsPlaced.connect(self._cards_placed)
                self.scroll.verticalScrollBar().valueChanged.connect(lambda _v: self.kpi_editor.build_in_view())
                self.find_bar.before_search = self.kpi_editor.build_all
                self._add_section(f.key, section, self.kpi_editor)
                self.kpi_chart = KpiChartView()
                self.kpi_editor.kpiSelected.connect(self._show_chart)
                # The chart draws its lines once scrolled into view (see KpiChartView).
                self.scroll.verticalScrollBar().valueChanged.connect(self.kpi_chart.draw_if_exposed)
                section.body.addWidget(self.kpi_chart)
            else:
                editor = TextFieldEditor(f)
                editor.edited.connect(self._forward)
                editor.citationActivated.connect(self._cite_activated)
                editor.countChanged.connect(lambda n, s=section, limit=f.max_length: s.set_count(n, limit))
                editor.focused.connect(self._text_focused)
                self.texts[f.key] = editor
                self._add_section(f.key, section, editor)
                self.compares[f.key] = CompareView(f)
                section.body.addWidget(self.compares[f.key])
                if f.kind is FieldKind.RESULTS:
                    self.results_summary = WrappedLabel(objectName="resultsSummary")
                    section.body.addWidget(self.results_summary)
                elif f.kind is FieldKind.DISCLOSURE:
                    self.marks_panel = MarksPanel()
                    section.body.addWidget(self.marks_panel)
        # Text of fields an earlier version of the survey had and this one removed (kept by the new-year run):
        # shown, not edited, never printed in the public report.
        self.kept = WrappedLabel(objectName="keptFields")
        self.kept.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._add_section(KEPT_KEY, Section(self.tr("前の版の項目（この版の調査票にはありません）"), key=KEPT_KEY,
                                            guidance=(self.tr("調査票の改訂でなくなった項目の記載内容です。必要な内容は"
                                                              "この版の項目に写してください。公開版には出力されません。"),)),
                          self.kept)
        self._column.addStretch(1)
        self.marks = MarkController(self, getattr(self, "marks_panel", None))
        self.marks.edited.connect(self._forward)

    # -- KPI cards built later ---------------------------------------------------------------

    def _kpi_view_rect(self) -> QRect | None:
        """The viewport in the KPI editor's coordinates (None while the page is not shown)."""
        kpis = self.kpi_editor
        if kpis is None or not kpis.isVisible():
            return None
        viewport = self.scroll.viewport()
        return QRect(kpis.mapFrom(viewport, QPoint(0, 0)), viewport.size())

    def _scroll_by(self, dy: int) -> None:
        """A card built above the view grew the page there: scroll by as much, so the view stays still."""
        QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)   # the page takes its new height
        QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
        bar = self.scroll.verticalScrollBar()
        bar.setValue(bar.value() + dy)

    def _flush_lists(self, in_view_only: bool = False) -> None:
        """Show the citation lists held back while the sheet opened: those in view before the first paint,
        the rest right after it. A list that appears above the view scrolls the page by its height, so
        what is in view stays where it was."""
        self._flush_queued = False
        page, viewport = self.scroll.widget(), self.scroll.viewport()
        top = self.scroll.verticalScrollBar().value()
        for editor in self.texts.values():
            if not editor.list_pending:
                continue
            bottom = editor.mapTo(page, QPoint(0, editor.height())).y()
            if in_view_only and not (top - 200 <= bottom <= top + viewport.height() + 200):
                continue
            label, spacing = editor.citations_label, editor.layout().spacing()
            before = label.height() + spacing if label.isVisibleTo(page) else 0
            editor.flush_list()
            after = label.heightForWidth(max(1, label.width() or editor.width())) + spacing \
                if label.isVisibleTo(page) else 0
            if bottom <= top and after != before:
                self._scroll_by(after - before)

    def _cards_placed(self, cards: list) -> None:
        if self._loading:
            return   # set_document locks and marks the whole page once
        if self.read_only or self.status_locked or self.content_locked:
            keep = [] if self.read_only else [self.header.status_combo]
            for card in cards:
                lock_inputs(card, True, keep)
        self.marks.show_kpi_marks()
        self.find_bar.refresh_later()

    # -- documents -------------------------------------------------------------------------

    def set_document(self, doc: SheetDocument | None) -> None:
        self._loading = True
        try:
            self._set_document(doc)
        finally:
            self._loading = False

    def _set_document(self, doc: SheetDocument | None) -> None:
        if self.doc is not None:
            self.doc.changed.disconnect(self._on_doc_changed)
        self.doc = doc
        self._last_text_key = None
        self.header.load(doc)
        self.review.load(doc.sheet_id if doc else None, doc.sheet.status if doc else None)
        if self.classification:
            self.classification.load(doc)
        if self.areas:
            self.areas.load(doc)
        for editor in self.texts.values():
            editor.defer_list = True   # the citation lists follow the first paint (_flush_lists)
            editor.load(doc)
            editor.defer_list = False
        if self.kpi_editor:
            self.kpi_editor.load(doc)
            self._fit_width(self.scroll.viewport().width())   # this sheet's rows may need more room
        self._show_kept(doc)
        self._load_predecessor(doc)
        self._show_chart(next((k for _i, k in doc.sheet.all_kpis() if k.quantitative), None) if doc else None)
        self._update_results_summary()
        self.marks.load(doc)
        self.show_problems([])
        self._update_status_lock()
        self._lock_inputs()   # rows built for this document are inputs too; a draft after a 確定 sheet unlocks
        if doc is not None:
            self._flush_lists(in_view_only=True)
            doc.changed.connect(self._on_doc_changed)
            self.setCurrentWidget(self.sheet_page)
            self.find_bar.refresh_later()
        else:
            self.find_bar.close_bar()
            self.setCurrentWidget(self.placeholder)

    def kept_fields(self, doc: SheetDocument | None) -> list[tuple[str, str]]:
        """(label, text) of the sheet's fields this version of the survey does not have."""
        if doc is None:
            return []
        return [(self.kept_label(key), text) for key, text in sorted(doc.sheet.fields.items())
                if text and not self.survey.has_field(key)]

    def _show_kept(self, doc: SheetDocument | None) -> None:
        kept = self.kept_fields(doc)
        self.kept.setText("\n\n".join(f"【{label}】\n{text}" for label, text in kept))
        self.sections[KEPT_KEY].setVisible(bool(kept))

    def _on_doc_changed(self, path: tuple) -> None:
        self.find_bar.refresh_later()
        kind = path[0]
        if kind in ("marks", "disclosure", "text"):
            self.marks.refresh()
            if kind in ("marks", "disclosure"):
                return
        if kind == "attr":
            if path[1] == "classification" and self.classification:
                self.classification.refresh()
            elif path[1] == "areas" and self.areas:
                self.areas.refresh()
            else:
                self.header.refresh(path)
                if path[1] == "status" and self._update_status_lock():
                    self._lock_inputs()
                if path[1] == "fiscal_year" and self.kpi_editor is not None:
                    self.kpi_editor.load(self.doc)   # 当年度・前年度実績 follow the sheet's year
                    self._update_results_summary()
        elif kind == "text" and path[1] in self.texts:
            self.texts[path[1]].refresh()
            self.compares[path[1]].refresh()
        elif self.kpi_editor is not None:
            if kind != "cites" or path[1] == self.kpi_editor.field_key:
                self.kpi_editor.refresh(path)
                if kind in ("items", "kpis", "actual"):   # new rows, or a year more in a row's table
                    self._fit_width(self.scroll.viewport().width())
                self.marks.show_kpi_marks()
            if self.kpi_chart is not None and kind in ("kpi", "actual") and path[1] is self.kpi_chart.kpi:
                self._show_chart(path[1])
            elif self.kpi_chart is not None and kind in ("items", "kpis") and self.doc is not None \
                    and not any(k is self.kpi_chart.kpi for _i, k in self.doc.sheet.all_kpis()):
                self._show_chart(next((k for _i, k in self.doc.sheet.all_kpis() if k.quantitative), None))
            self._update_results_summary()

    def _load_predecessor(self, doc: SheetDocument | None) -> None:
        """Give each 「前年度と比較」 the predecessor sheet (read once per opened sheet)."""
        previous = None
        if doc is not None and doc.sheet.predecessor_id is not None and self.predecessor_loader is not None:
            previous = self.predecessor_loader(doc.sheet.predecessor_id)
        for compare in self.compares.values():
            compare.runner = self.diff_runner
            compare.set_sheets(doc.sheet if doc else None, previous)

    def _show_chart(self, kpi) -> None:
        if self.kpi_chart is not None:
            self.kpi_chart.show_kpi(kpi, self.doc.sheet.fiscal_year if self.doc else None)

    def _update_results_summary(self) -> None:
        if not hasattr(self, "results_summary"):
            return
        if self.doc is None or not self.doc.sheet.all_kpis():
            self.results_summary.setText("")
            self.results_summary.hide()
            return
        year = self.doc.sheet.fiscal_year
        kpi_field = self.survey.first_field_of_kind(FieldKind.KPI_ITEMS)
        lines = [self.tr("各KPIの当年度実績は「{0}」欄で入力します。").format(kpi_field.label if kpi_field else "KPI")]
        unnamed, missing = self.tr("（指標名なし）"), self.tr("未入力")
        for _item, kpi in self.doc.sheet.all_kpis():
            value = kpi.actual(year)
            lines.append(f"・{kpi.indicator or unnamed}: {value + kpi.unit if value else missing}")
        self.results_summary.setText("\n".join(lines))
        self.results_summary.show()

    # -- edits out ----------------------------------------------------------------------------

    def set_read_only(self, read_only: bool) -> None:
        """The database is open read-only: every input is locked, reading and comparing stay."""
        self.read_only = read_only
        self._lock_inputs()

    def _update_status_lock(self) -> bool:
        """Follow the sheet's status: a status that freezes the content locks the inputs; True if that changed."""
        cycle = self.survey.review
        locked = self.doc is not None and cycle.is_locked(self.doc.sheet.status)
        self.locked_banner.setText(cycle.locked_message(self.doc.sheet.status) if locked and self.doc else "")
        self.locked_banner.setVisible(locked)
        changed = locked != self.status_locked
        self.status_locked = locked
        return changed

    def set_content_locked(self, locked: bool) -> None:
        """The role may not change this sheet's content: inputs locked, the status and the review stay."""
        self.content_locked = locked
        self._lock_inputs()

    def _lock_inputs(self) -> None:
        """Lock every input while the database is read-only; while only the status freezes the sheet, its status
        and the review stay usable (moving it out of the frozen status is how it is edited again)."""
        self.review.set_read_only(self.read_only)
        locked = self.read_only or self.status_locked or self.content_locked
        if not locked and not self._inputs_locked:
            return   # nothing to unlock: spare the walk over every widget of the page on each sheet switch
        keep = [*self.compares.values(), self.kpi_chart, self.review]
        if not self.read_only:
            keep.append(self.header.status_combo)
        lock_inputs(self.scroll.widget(), locked, keep)
        self._inputs_locked = locked

    def _forward(self, path: tuple, old, new, merge: bool) -> None:
        if self.doc is not None and not self.read_only and not self.content_locked \
                and not (self.status_locked and path != ("attr", "status")):
            self.edited.emit(self.doc, path, old, new, merge, self.label_for(path))

    def label_for(self, path: tuple) -> str:
        kind = path[0]
        if kind in ("marks", "disclosure", "releases"):
            return self.tr("非公開の指定")
        if kind in ("item", "kpi") and len(path) == 2 and isinstance(path[1], str) and self.doc is not None:
            # a merge conflict's part, named by key (desktop.store.merge)
            found = self.doc.sheet.item_by_key(path[1]) if kind == "item" else self.doc.sheet.kpi_by_key(path[1])
            name = (found.title if kind == "item" else found.indicator) if found else ""
            return (self.tr("実施項目「{0}」") if kind == "item" else self.tr("KPI「{0}」")).format(name)
        if kind == "text":
            return self.survey.field(path[1]).label if self.survey.has_field(path[1]) else path[1]
        if kind == "attr":
            if path[1] == "classification":
                f = self.survey.first_field_of_kind(FieldKind.CLASSIFICATION)
                return f.label if f else path[1]
            if path[1] == "areas":
                return self.survey.areas_label
            return {"ministry": self.tr("府省庁"), "bureau": self.tr("担当部局・課室"), "person": self.tr("担当者"),
                    "contact": self.tr("連絡先"), "status": self.tr("状態"),
                    "fiscal_year": self.tr("年度")}.get(path[1], path[1])
        f = self.survey.first_field_of_kind(FieldKind.KPI_ITEMS)
        return f.label if f else "KPI"

    def _cite_activated(self, uid: int) -> None:
        if self.doc is not None:
            self.citationActivated.emit(self.doc, uid)

    def _comment_anchor(self) -> tuple[str, str]:
        """The field last typed in and the passage selected there: where a new comment goes."""
        key = self._last_text_key
        if key is None or key not in self.texts:
            return "", ""
        return key, self.texts[key].edit.textCursor().selectedText().replace("\u2029", "\n").strip()[:200]

    def _text_focused(self, key: str) -> None:
        self._last_text_key = key
        self.textFieldFocused.emit(key)

    # -- citations in ----------------------------------------------------------------------------

    def citation_target(self) -> str | None:
        """The text field that last had focus: where 「引用」 inserts."""
        return self._last_text_key

    def insert_citation(self, uid: int, quoted_text: str | None) -> bool:
        key = self._last_text_key
        if self.doc is None or key not in self.texts:
            return False
        self.texts[key].insert_citation(uid, quoted_text)
        self.texts[key].focus_text()
        return True

    # -- problems and focus --------------------------------------------------------------------------

    def show_problems(self, problems: list[Problem]) -> None:
        worst: dict[str, str] = {}
        for p in problems:
            key = p.field if p.field in self.sections else None
            if key is None:
                continue
            if worst.get(key) != Severity.ERROR.value:
                worst[key] = p.severity.value
        for key, section in self.sections.items():
            section.set_problem(worst.get(key))

    def focus_problem(self, problem: Problem) -> None:
        self.focus_field(problem.field, problem.item_index, problem.kpi_index,
                         actual=problem.field == self._results_key())

    def _results_key(self) -> str | None:
        f = self.survey.first_field_of_kind(FieldKind.RESULTS)
        return f.key if f else None

    def focus_field(self, key: str, item_index: int | None = None, kpi_index: int | None = None,
                    *, actual: bool = False) -> QWidget | None:
        widget: QWidget | None = None
        if key in TEXT_ATTRIBUTES or key == "status":
            widget = self.header.focus_widget(key)
        elif key == AREAS_KEY and self.areas:
            widget = self.areas.focus_widget()
        elif self.classification and key == self._classification_key():
            widget = self.classification.focus_widget()
        elif self.kpi_editor and (key == self.kpi_editor.field_key or (actual and kpi_index is not None)):
            widget = self.kpi_editor.focus(item_index, kpi_index, "actual" if actual else None)
        elif key in self.texts:
            widget = self.texts[key].edit
        if widget is None:
            section = self.sections.get(key)
            widget = section
        if widget is not None:
            widget.setFocus(Qt.FocusReason.OtherFocusReason)
            # Scroll once the layout has settled (a rebuilt KPI editor may not have its size yet).
            QTimer.singleShot(0, lambda w=widget: self._ensure_visible(w))
            self._ensure_visible(widget)
        return widget

    def scroll_to_section(self, key: str) -> None:
        """Put a section's top at the top of the view (menus, screenshots)."""
        section = self.sections.get(key)
        if section is not None:
            self.scroll.widget().layout().activate()
            self.scroll.verticalScrollBar().setValue(section.y() - 6)

    def _ensure_visible(self, widget: QWidget) -> None:
        try:
            self.scroll.ensureWidgetVisible(widget, 40, 80)
        except RuntimeError:   # the widget was rebuilt meanwhile
            pass

    def _classification_key(self) -> str | None:
        f = self.survey.first_field_of_kind(FieldKind.CLASSIFICATION)
        return f.key if f else None

    def reveal(self, path: tuple) -> None:
        """Show what an undo/redo changed."""
        kind = path[0]
        if kind == "text":
            self.focus_field(path[1])
        elif kind == "attr":
            self.focus_field(path[1] if path[1] != "classification" else self._classification_key() or path[1])
        elif self.kpi_editor is not None and self.doc is not None:
            item_index = kpi_index = None
            if kind in ("item", "kpis"):
                item_index = _index_of(self.doc.sheet.items, path[1])
            elif kind in ("kpi", "actual"):
                for i, item in enumerate(self.doc.sheet.items):
                    k = _index_of(item.kpis, path[1])
                    if k is not None:
                        item_index, kpi_index = i, k
            self.focus_field(self.kpi_editor.field_key, item_index, kpi_index, actual=kind == "actual")


def _index_of(seq, obj) -> int | None:
    return next((i for i, x in enumerate(seq) if x is obj), None)


__all__ = ["SheetEditor"]
