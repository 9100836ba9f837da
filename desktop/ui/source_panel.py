"""The source panel: search the reference library, read a passage in place, cite it.

The panel only shows things and emits ``*Requested``/``*Chosen`` signals; the
owner runs the library calls (in the background where they may take time)
and hands results back through the ``show_*`` methods.
"""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QTextBlockFormat, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

SEARCH_DEBOUNCE_MS = 400
HIGHLIGHT = QColor("#ffe082")
DOCUMENT_FILTER = "*.txt *.md *.pdf *.docx"


def marked_html(text: str, spans) -> str:
    out, last = [], 0
    for start, end in spans:
        out.append(html.escape(text[last:start]))
        out.append(f'<span style="background:#ffe082;font-weight:bold">{html.escape(text[start:end])}</span>')
        last = end
    out.append(html.escape(text[last:]))
    return "".join(out)


class SourcePanel(QWidget):
    searchRequested = Signal(str)
    passageRequested = Signal(int)
    citeRequested = Signal(int, str)          # passage id, selected text ("" = the whole passage)
    kpiCandidatesRequested = Signal(object)   # document file name or None
    kpiCandidateChosen = Signal(object)       # KpiCandidateView
    addDocumentRequested = Signal(list)       # paths

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAcceptDrops(True)
        self._passage_id: int | None = None
        self._ranges: list[tuple[int, int, int]] = []   # (start, end, passage id) in the viewer
        self._query = ""

        self.search = QLineEdit(objectName="sourceSearch")
        self.search.setPlaceholderText(self.tr("資料を検索（例: 国際標準 人材）"))
        self.search.setClearButtonEnabled(True)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DEBOUNCE_MS)
        self._timer.timeout.connect(self._emit_search)
        self.search.textChanged.connect(lambda _t: self._timer.start())
        self.search.returnPressed.connect(self._emit_search)
        self.results = QListWidget(objectName="searchResults")
        self.results.setStyleSheet("QListWidget#searchResults::item:selected { background: #d6e9fb; }"
                                   "QListWidget#searchResults::item { border-bottom: 1px solid #e0e6ea; }")
        self.results.setWordWrap(True)
        self.results.setAlternatingRowColors(True)
        self.results.currentItemChanged.connect(self._on_result)
        self.message = QLabel(self.tr("語を入力して資料ライブラリを検索します（複数の語はすべてを含む段落）。"),
                              objectName="sourceMessage")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color:#546e7a;")

        self.viewer = QTextBrowser(objectName="passageViewer")
        self.viewer.setOpenLinks(False)
        self.viewer.setPlaceholderText(self.tr("検索結果を選ぶと、ここに段落が表示されます。"))
        self.location = QLabel(objectName="passageLocation")
        self.location.setWordWrap(True)
        self.location.setStyleSheet("color:#455a64;")
        self.cite_button = QPushButton(self.tr("引用"), objectName="citeButton")
        self.cite_button.setToolTip(self.tr("選択した部分（選択がなければ段落全体）を、"
                                            "最後に入力していた欄のカーソル位置に引用します"))
        self.cite_button.setEnabled(False)
        self.cite_button.clicked.connect(self._emit_cite)
        add_button = QPushButton(self.tr("資料を追加…"), objectName="addDocumentButton")
        add_button.clicked.connect(self.choose_documents)

        search_page = QWidget()
        top = QVBoxLayout(search_page)
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.search)
        top.addWidget(self.message)
        top.addWidget(self.results, 1)
        reader = QWidget()
        bottom = QVBoxLayout(reader)
        bottom.setContentsMargins(0, 0, 0, 0)
        bottom.addWidget(self.location)
        bottom.addWidget(self.viewer, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.cite_button)
        buttons.addStretch(1)
        bottom.addLayout(buttons)
        self.splitter = QSplitter(Qt.Orientation.Vertical, objectName="sourceSplitter")
        self.splitter.addWidget(search_page)
        self.splitter.addWidget(reader)
        self.splitter.setSizes([300, 400])

        self.candidate_document = QComboBox(objectName="candidateDocument")
        self.candidate_document.addItem(self.tr("すべての資料"), None)
        self.candidate_document.activated.connect(
            lambda _i: self.kpiCandidatesRequested.emit(self.candidate_document.currentData()))
        self.candidates = QListWidget(objectName="kpiCandidates")
        self.candidates.setWordWrap(True)
        self.candidates.currentItemChanged.connect(self._on_candidate)
        self.candidate_button = QPushButton(self.tr("KPIにする"), objectName="candidateToKpi")
        self.candidate_button.setToolTip(self.tr("選んだ候補を、選択中の実施項目のKPIとして出典付きで追加します"))
        self.candidate_button.setEnabled(False)
        self.candidate_button.clicked.connect(self._emit_candidate)
        candidates_page = QWidget()
        cand = QVBoxLayout(candidates_page)
        cand.setContentsMargins(0, 0, 0, 0)
        cand.addWidget(self.candidate_document)
        cand.addWidget(self.candidates, 1)
        cand.addWidget(self.candidate_button)

        self.tabs = QTabWidget(objectName="sourceTabs")
        self.tabs.addTab(self.splitter, self.tr("検索・引用"))
        self.tabs.addTab(candidates_page, self.tr("KPI候補"))
        self.tabs.currentChanged.connect(self._on_tab)
        self._candidates_loaded = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.tabs, 1)
        hint = QLabel(self.tr("資料ファイルをここにドロップして追加できます。"))
        hint.setStyleSheet("color:#78909c;")
        layout.addWidget(hint)
        layout.addWidget(add_button)

    # -- search ------------------------------------------------------------------------

    def focus_search(self) -> None:
        self.tabs.setCurrentIndex(0)
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def _emit_search(self) -> None:
        self._timer.stop()
        query = self.search.text().strip()
        if query and query != self._query:
            self._query = query
            self.message.setText(self.tr("検索しています…"))
            self.searchRequested.emit(query)

    def run_search(self, query: str) -> None:
        self.search.setText(query)
        self._query = ""
        self._emit_search()

    def results_message(self, query: str, results) -> str:
        """What the list holds, said plainly: the top of how many matches, or only the closest passages."""
        if results.exact and results.truncated:
            return self.tr("「{0}」: 上位 {1} 件／全 {2} 件").format(query, len(results), results.total)
        if results.exact and len(results):
            return self.tr("「{0}」: 全 {1} 件").format(query, results.total)
        if len(results):
            return self.tr("「{0}」: 完全に一致する箇所はありません。近い箇所:").format(query)
        return self.tr("「{0}」に一致する箇所はありません。").format(query)

    def show_results(self, query: str, results) -> None:
        """Show a search's results (desktop.sources.library.SearchResults)."""
        if query != self._query:
            return   # an older search answered late
        self.results.clear()
        self.message.setText(self.results_message(query, results))
        for hit in results:
            item = QListWidgetItem()
            item.setData(Qt.ItemDataRole.UserRole, hit.passage_id)
            snippet = marked_html(hit.snippet, hit.highlights)
            if not hit.exact:
                snippet = f'<span style="color:#546e7a">{snippet}</span>'
            label = QLabel(f'<b>{html.escape(hit.title or hit.document)}</b><br/>'
                           f'<span style="color:#607d8b">{marked_html(hit.heading_path, hit.heading_highlights)}'
                           f'</span><br/>{snippet}')
            label.setWordWrap(True)
            label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
            label.setContentsMargins(4, 3, 4, 3)
            item.setToolTip(hit.snippet)
            self.results.addItem(item)
            self.results.setItemWidget(item, label)
            item.setSizeHint(label.sizeHint().expandedTo(label.minimumSizeHint()))
        self._fit_result_heights()
        QTimer.singleShot(0, self._fit_result_heights)

    def _fit_result_heights(self) -> None:
        bar = self.results.verticalScrollBar()
        reserve = 0 if bar.isVisible() else self.results.style().pixelMetric(
            self.results.style().PixelMetric.PM_ScrollBarExtent)
        width = max(200, self.results.viewport().width() - reserve - 8)
        for i in range(self.results.count()):
            item = self.results.item(i)
            label = self.results.itemWidget(item)
            if label is not None:
                item.setSizeHint(QSize(width, label.heightForWidth(width) + 6))

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._fit_result_heights()

    def show_error(self, text: str) -> None:
        self.message.setText(text)

    def _on_result(self, current: QListWidgetItem | None, _previous=None) -> None:
        if current is not None:
            self.passageRequested.emit(int(current.data(Qt.ItemDataRole.UserRole)))

    # -- reading a passage ----------------------------------------------------------------

    def show_passage(self, views: list, focus_id: int, spans=(), quote: str | None = None) -> None:
        """The passage with its neighbours; spans (in the passage text) or a quote are highlighted."""
        self._passage_id = focus_id
        self._ranges = []
        self.viewer.clear()
        cursor = QTextCursor(self.viewer.document())
        plain, dim, head = QTextCharFormat(), QTextCharFormat(), QTextCharFormat()
        dim.setForeground(QBrush(QColor("#90a4ae")))
        head.setForeground(QBrush(QColor("#546e7a")))
        head.setFontPointSize(max(7.0, self.font().pointSizeF() * 0.85))
        mark = QTextCharFormat()
        mark.setBackground(QBrush(HIGHLIGHT))
        mark.setFontWeight(QFont.Weight.Bold)
        focus_block = QTextBlockFormat()
        focus_block.setBackground(QBrush(QColor("#f1f8e9")))
        focus_block.setLeftMargin(4)
        first_block = True
        focus_start = 0
        for view in views:
            is_focus = view.id == focus_id
            if not first_block:
                cursor.insertBlock(QTextBlockFormat())
            first_block = False
            if is_focus:
                self.location.setText(f"{view.title} {view.locator}".strip())
            if view.heading_path:
                cursor.insertText(view.heading_path, head)
                cursor.insertBlock(focus_block if is_focus else QTextBlockFormat())
            elif is_focus:
                cursor.setBlockFormat(focus_block)
            start = cursor.position()
            text = view.text
            marks = list(spans) if is_focus and spans else []
            if is_focus and quote:
                at = text.find(quote)
                if at >= 0:
                    marks = [(at, at + len(quote))]
            last = 0
            for s, e in sorted(marks):
                cursor.insertText(text[last:s], plain if is_focus else dim)
                cursor.insertText(text[s:e], mark)
                last = e
            cursor.insertText(text[last:], plain if is_focus else dim)
            self._ranges.append((start, cursor.position(), view.id))
            if is_focus:
                focus_start = start
        self.cite_button.setEnabled(bool(views))
        scroll = QTextCursor(self.viewer.document())
        scroll.setPosition(focus_start)
        self.viewer.setTextCursor(scroll)
        self._scroll_to(focus_start)
        QTimer.singleShot(0, lambda pos=focus_start: self._scroll_to(pos))   # once the layout is done

    def _scroll_to(self, position: int) -> None:
        """Put the passage read (not its neighbours before it) at the top of the viewer."""
        block = self.viewer.document().findBlock(position).previous()   # its heading line
        if not block.isValid():
            block = self.viewer.document().findBlock(position)
        top = self.viewer.document().documentLayout().blockBoundingRect(block).top()
        self.viewer.verticalScrollBar().setValue(int(top))

    def current_passage_id(self) -> int | None:
        return self._passage_id

    def select_in_viewer(self, text: str) -> bool:
        """Select a piece of the shown text (what a user does with the mouse before 「引用」)."""
        found = self.viewer.document().find(text)
        if found.isNull():
            return False
        self.viewer.setTextCursor(found)
        return True

    def _emit_cite(self) -> None:
        cursor = self.viewer.textCursor()
        selected = cursor.selectedText().replace("\u2029", "\n").strip() if cursor.hasSelection() else ""
        passage = self._passage_id
        if cursor.hasSelection():
            start = cursor.selectionStart()
            passage = next((pid for s, e, pid in self._ranges if s <= start <= e), passage)
        if passage is not None:
            self.citeRequested.emit(int(passage), selected)

    # -- KPI candidates ----------------------------------------------------------------------

    def _on_tab(self, index: int) -> None:
        if index == 1 and not self._candidates_loaded:
            self._candidates_loaded = True
            self.kpiCandidatesRequested.emit(self.candidate_document.currentData())

    def set_documents(self, documents: list) -> None:
        current = self.candidate_document.currentData()
        self.candidate_document.clear()
        self.candidate_document.addItem(self.tr("すべての資料"), None)
        for d in documents:
            self.candidate_document.addItem(d.title or d.file_name, d.file_name)
        index = self.candidate_document.findData(current)
        self.candidate_document.setCurrentIndex(max(0, index))
        self._candidates_loaded = False
        if self.tabs.currentIndex() == 1:
            self._on_tab(1)

    def show_candidates(self, candidates: list) -> None:
        self.candidates.clear()
        for c in candidates:
            kpi = c.to_kpi() if hasattr(c, "to_kpi") else None
            # 「4位以内」「+10ポイント」「46%削減（2013年度比）」: the candidate as it is meant
            target = (kpi.target_text() if kpi is not None else "") or f"{c.value:,}{c.unit}"
            item = QListWidgetItem(self.tr("{0}：{1}（{2}年）\n{3}").format(c.indicator, target, c.target_year,
                                                                          c.text.replace("\n", " ")))
            item.setData(Qt.ItemDataRole.UserRole, c)
            item.setToolTip(c.text)
            self.candidates.addItem(item)
        if not candidates:
            self.candidates.addItem(self.tr("KPIになりそうな数値目標は見つかりませんでした。"))

    def _on_candidate(self, current: QListWidgetItem | None, _previous=None) -> None:
        candidate = current.data(Qt.ItemDataRole.UserRole) if current else None
        self.candidate_button.setEnabled(candidate is not None)
        if candidate is not None:
            self.passageRequested.emit(int(candidate.passage_id))

    def _emit_candidate(self) -> None:
        item = self.candidates.currentItem()
        candidate = item.data(Qt.ItemDataRole.UserRole) if item else None
        if candidate is not None:
            self.kpiCandidateChosen.emit(candidate)

    # -- adding documents -----------------------------------------------------------------------

    def choose_documents(self) -> None:
        paths, _filter = QFileDialog.getOpenFileNames(
            self, self.tr("資料を追加"), "", self.tr("資料 ({0});;すべてのファイル (*)").format(DOCUMENT_FILTER))
        if paths:
            self.addDocumentRequested.emit(list(paths))

    def dragEnterEvent(self, event) -> None:  # noqa: N802
        if event.mimeData().hasUrls() and any(u.isLocalFile() for u in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:  # noqa: N802
        paths = [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]
        paths = [p for p in paths if Path(p).is_file()]
        if paths:
            event.acceptProposedAction()
            self.addDocumentRequested.emit(paths)
