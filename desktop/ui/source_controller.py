"""Wires the source panel to the library and to the sheet being edited.

Searching, listing KPI candidates and adding documents run in the
background; opening a passage (a few rows by primary key) runs at once. A
citation is registered with the open sheet and inserted by the editor at the
cursor of the field that had focus; a KPI candidate becomes a KPI (and, if
needed, an item) plus its citation, as one undoable step.
"""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QMessageBox, QWidget

from desktop.survey.definition import FieldKind
from desktop.survey.sheet import ItemData, KpiData
from desktop.ui import jobs
from desktop.ui.document import SheetDocument
from desktop.ui.services import Services
from desktop.ui.source_panel import SourcePanel
from desktop.ui.tasks import TaskRunner
from desktop.ui.undo import ChangeCommand
from desktop.ui.workspace import SheetWorkspace


def decimal_text(value: Decimal) -> str:
    text = format(value, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


class SourceController(QObject):
    message = Signal(str, int)
    documentsChanged = Signal()
    passageWanted = Signal()   # a passage is about to be shown: the panel must be in sight

    def __init__(self, panel: SourcePanel, workspace: SheetWorkspace, undo_stack: QUndoStack,
                 reader: TaskRunner, writer: TaskRunner, dialog_parent: QWidget,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.panel, self.workspace, self.stack = panel, workspace, undo_stack
        self.reader, self.writer, self.dialog_parent = reader, writer, dialog_parent
        self.services: Services | None = None
        self._last_query = ""
        self._search_task = None
        panel.searchRequested.connect(self.search)
        panel.passageRequested.connect(lambda pid: self.show_passage(pid, query=self._last_query))
        panel.citeRequested.connect(self.cite)
        panel.kpiCandidatesRequested.connect(self.load_candidates)
        panel.kpiCandidateChosen.connect(self.candidate_to_kpi)
        panel.addDocumentRequested.connect(self.add_documents)
        workspace.editor.citationActivated.connect(self.open_citation)

    def set_services(self, services: Services | None) -> None:
        self.services = services
        self.panel.results.clear()
        self.refresh_documents()

    def refresh_documents(self) -> None:
        if self.services is None:
            self.panel.set_documents([])
            return
        task = self.reader.submit(jobs.documents, self.services, label=self.tr("資料の一覧を読み込んでいます"), quiet=True)
        task.succeeded.connect(self.panel.set_documents)
        task.succeeded.connect(lambda _r: self.documentsChanged.emit())

    # -- search and reading ----------------------------------------------------------------

    def search(self, query: str) -> None:
        """Search in the background; a search still waiting or running when the next one is typed is
        cancelled (typing 「海賊版対策」 runs one search, not five)."""
        if self.services is None:
            return
        self._last_query = query
        if self._search_task is not None and not self._search_task.is_finished:
            self._search_task.cancel()
        task = self.reader.submit(jobs.search_library, self.services, query, label=self.tr("資料を検索しています"), quiet=True)
        self._search_task = task
        task.succeeded.connect(lambda results, q=query: self.panel.show_results(q, results))
        task.failed.connect(lambda exc: self.panel.show_error(self.tr("検索できませんでした: {0}").format(exc)))

    def show_passage(self, passage_id: int, *, query: str = "", quote: str | None = None) -> bool:
        if self.services is None:
            return False
        library = self.services.library()
        try:
            views = library.context(passage_id)
        except KeyError:
            self.panel.show_error(self.tr("引用元の段落が見つかりません（資料が削除された可能性があります）。"))
            return False
        focus = next((v for v in views if v.id == passage_id), None)
        spans = ()
        if focus is not None and query and not quote:
            from desktop.sources.snippets import find_spans   # the search modules load with the first search

            spans = find_spans(focus.text, query)
        self.panel.show_passage(views, passage_id, spans, quote)
        return True

    def open_citation(self, doc: SheetDocument, uid: int) -> None:
        """Clicking a marker or a listed citation opens the cited passage, the quote highlighted."""
        citation = doc.citation(uid)
        if citation.passage_id is None:
            self.message.emit(self.tr("この引用には資料の段落がありません: {0}").format(citation.reference), 5000)
            return
        self.panel.tabs.setCurrentIndex(0)
        self.passageWanted.emit()   # the 資料 panel may be folded away on a small screen
        self.show_passage(citation.passage_id, quote=citation.quoted_text)

    # -- citing --------------------------------------------------------------------------------

    def cite(self, passage_id: int, selected: str) -> bool:
        doc, editor = self.workspace.doc, self.workspace.editor
        if self.workspace.refuses_writes():
            return False
        if self.services is None or doc is None:
            self.message.emit(self.tr("引用先のシートを開いてください。"), 5000)
            return False
        key = editor.citation_target()
        if key is None:
            QMessageBox.information(self.dialog_parent, self.tr("引用"),
                                    self.tr("引用を入れる欄をクリックしてカーソルを置いてから、「引用」を押してください。"))
            return False
        citation = self.services.library().citation_for(passage_id, key, quoted_text=selected or None)
        uid = doc.register_citation(citation)
        editor.insert_citation(uid, citation.quoted_text)
        self.message.emit(self.tr("引用を挿入しました: {0}").format(citation.reference), 5000)
        return True

    # -- KPI candidates -----------------------------------------------------------------------------

    def load_candidates(self, document: str | None) -> None:
        if self.services is None:
            return
        task = self.reader.submit(jobs.kpi_candidates, self.services, document,
                                  label=self.tr("KPI候補を探しています"))
        task.succeeded.connect(self.panel.show_candidates)
        task.failed.connect(lambda exc: self.panel.show_error(str(exc)))

    def candidate_to_kpi(self, candidate) -> KpiData | None:
        doc, editor = self.workspace.doc, self.workspace.editor
        if self.workspace.refuses_writes():
            return None
        field = doc.survey.first_field_of_kind(FieldKind.KPI_ITEMS) if doc else None
        if self.services is None or doc is None or field is None or editor.kpi_editor is None:
            self.message.emit(self.tr("KPIを追加するシートを開いてください。"), 5000)
            return None
        citation = self.services.library().citation_for(candidate.passage_id, field.key,
                                                        quoted_text=candidate.text)
        uid = doc.register_citation(citation)
        kpi = candidate.to_kpi() if hasattr(candidate, "to_kpi") else \
            KpiData(indicator=candidate.indicator, unit=candidate.unit,
                    target_value=decimal_text(candidate.value), target_year=candidate.target_year)
        kpi.data_source = citation.reference
        item = editor.kpi_editor.current_item()
        self.stack.beginMacro(self.tr("KPI候補からKPIを追加"))
        try:
            if item is None or not any(i is item for i in doc.sheet.items):
                item = ItemData()
                items = doc.value(("items",))
                self.stack.push(ChangeCommand(doc, ("items",), items, items + (item,), ""))
            kpis = doc.value(("kpis", item))
            self.stack.push(ChangeCommand(doc, ("kpis", item), kpis, kpis + (kpi,), ""))
            placed = doc.value(("cites", field.key))
            self.stack.push(ChangeCommand(doc, ("cites", field.key), placed, placed + ((uid, None),), ""))
        finally:
            self.stack.endMacro()
        editor.reveal(("kpi", kpi, "indicator"))
        self.message.emit(self.tr("KPI「{0}」を追加しました。").format(kpi.indicator), 5000)
        return kpi

    # -- adding documents ----------------------------------------------------------------------------

    def add_documents(self, paths: list[str]) -> None:
        if self.services is None or not paths or self.workspace.refuses_writes():
            return
        task = self.writer.submit(jobs.add_documents, self.services, paths, label=self.tr("資料を追加しています"))
        task.succeeded.connect(self._documents_added)
        task.failed.connect(lambda exc: QMessageBox.warning(self.dialog_parent, self.tr("資料を追加できませんでした"),
                                                            str(exc)))

    def _documents_added(self, result) -> None:
        added, errors = result
        self.refresh_documents()
        if added:
            self.message.emit(self.tr("資料を {0} 件追加しました。").format(len(added)), 5000)
        if errors:
            QMessageBox.warning(self.dialog_parent, self.tr("資料を追加できませんでした"), "\n".join(errors))
