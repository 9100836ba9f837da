"""The owner of sheet editing: wires the list, the editor, validation, autosave and undo.

The widgets only emit signals; this object decides what they mean: which
sheet is open, turning edits into undo commands, validating (debounced),
refusing status changes, creating, duplicating and deleting sheets through
the writer, and keeping the list's rows and problem counts current.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import partial

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QDialog, QInputDialog, QMessageBox, QWidget

from desktop.disclosure.copying import duplicate
from desktop.store import merge
from desktop.store.access import EVERYTHING, Access
from desktop.store.repository import SheetNotFound, StaleSheetError
from desktop.survey.ministries import ministry_choices
from desktop.survey.progress import sheet_statuses
from desktop.survey.review import MINISTRY
from desktop.survey.sheet import SheetData, Status, StatusNote
from desktop.survey.validation import Severity, TransitionRefused, check_transition, validate_sheet
from desktop.survey.wareki import fiscal_year_of, format_fiscal_year
from desktop.ui import jobs
from desktop.ui.autosave import AutoSaver
from desktop.ui.dialogs.merge import MergeDialog
from desktop.ui.save_failures import SaveFailureNotice
from desktop.ui.document import SheetDocument
from desktop.ui.journal import CrashJournal
from desktop.ui.editor.sheet_editor import SheetEditor
from desktop.ui.services import Services
from desktop.ui.sheet_list_model import SheetListModel
from desktop.ui.sheet_list_view import SheetListView
from desktop.ui.tasks import TaskRunner
from desktop.ui.undo import CallbackCommand, ChangeCommand
from desktop.ui.validation_panel import ValidationPanel

VALIDATE_DEBOUNCE_MS = 300


def counts(problems) -> tuple[int, int]:
    errors = sum(1 for p in problems if p.severity is Severity.ERROR)
    return errors, len(problems) - errors


class SheetWorkspace(QObject):
    currentChanged = Signal(object)   # SheetDocument or None
    stateChanged = Signal()           # title / saved state to show
    message = Signal(str, int)        # status bar text, timeout ms

    def __init__(self, *, list_model: SheetListModel, list_view: SheetListView, editor: SheetEditor,
                 validation: ValidationPanel, undo_stack: QUndoStack, writer: TaskRunner, reader: TaskRunner,
                 autosave_ms: int, dialog_parent: QWidget, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.model, self.list_view, self.editor, self.validation = list_model, list_view, editor, validation
        self.stack, self.writer, self.reader = undo_stack, writer, reader
        self.dialog_parent = dialog_parent
        self.services: Services | None = None
        self.doc: SheetDocument | None = None
        # Who is acting in the review cycle (desktop.survey.review: ministry / secretariat); the 表示 > 立場 setting.
        self.role = MINISTRY
        self.editor.review_repository = lambda: self.services.repository() if self.services else None
        self.editor.review_role = lambda: self.role
        self.editor.review.message.connect(lambda text, error: self.message.emit(text, 8000 if error else 4000))
        self._docs: dict[int, SheetDocument] = {}
        self.autosaver = AutoSaver(writer, None, autosave_ms, self)
        self.autosaver.saved.connect(self._on_saved)
        self.autosaver.failed.connect(self._on_save_failed)
        self.autosaver.activityChanged.connect(lambda _b: self.stateChanged.emit())
        self.journal = CrashJournal(lambda: list(self._docs.values()), self)
        self.journal.message.connect(self.message)
        self.autosaver.submitted.connect(self.journal.save_submitted)
        self.autosaver.saved.connect(self.journal.save_ended)
        self.autosaver.failed.connect(lambda doc, _exc: self.journal.save_ended(doc))
        self.save_failures = SaveFailureNotice(self.autosaver, dialog_parent,
                                               lambda: self.services.target if self.services else None, self)
        self.save_failures.message.connect(self.message)
        self._validate_timer = QTimer(self)
        self._validate_timer.setSingleShot(True)
        self._validate_timer.setInterval(VALIDATE_DEBOUNCE_MS)
        self._validate_timer.timeout.connect(self.validate_now)
        self.last_problems: list = []
        self.merge_dialog: MergeDialog | None = None   # open while a refused save waits for decisions
        self._counting: set[int] = set()        # ids a count task is working on
        self._pending_counts: set[int] = set()  # ids shown without a count, waiting for the next task

        list_view.currentSheetChanged.connect(self._on_list_current)
        list_view.newRequested.connect(self.new_sheet)
        list_view.duplicateRequested.connect(self.duplicate_sheet)
        list_view.deleteRequested.connect(self.delete_sheet)
        list_model.problemCountsWanted.connect(self._count_problems)
        editor.edited.connect(self._on_edit)
        editor.statusRequested.connect(self._on_status_requested)
        validation.problemActivated.connect(self.editor.focus_problem)
        validation.sheetProblemActivated.connect(self._on_year_problem)
        validation.yearCheckRequested.connect(self.check_year)

    # -- database -------------------------------------------------------------------------

    def set_services(self, services: Services | None) -> None:
        """Switch databases: forget the open sheets and the session's undo history."""
        self.show_document(None)
        self.journal.set_target(None)   # the last word on the old database: what is still unsaved
        for doc in self._docs.values():
            self.autosaver.forget(doc)
            doc.deleteLater()
        self._docs.clear()
        self.stack.clear()
        self.services = services
        writable = services is not None and not services.read_only
        self.autosaver.save_function = partial(jobs.save_sheet, services) if writable else None
        self.journal.set_target(services.target if writable else None)
        self.editor.marks.count_elsewhere = partial(jobs.count_elsewhere, services) if services else None
        self.editor.set_read_only(services is not None and not writable)
        if self.access.review_role is not None:   # the server's map decides, not the 立場 setting
            self.role = self.access.review_role
        self._counting.clear()
        self._pending_counts.clear()
        self.model.set_repository(services.repository() if services else None)
        self.refresh_choices()
        self.stateChanged.emit()

    def refresh_choices(self) -> None:
        if self.services is None:
            self.list_view.set_choices([], [])
            return
        repo = self.services.repository()
        ministries = repo.ministries()   # in the survey's order (desktop/survey/ministries.py)
        self.list_view.set_choices(repo.years(), ministries)
        # staff of one ministry (a server's roles) may only file sheets under it
        choices = [self.access.ministry] if self.access.ministry else ministry_choices(self.services.survey.ministries,
                                                                                        ministries)
        self.editor.header.set_ministries(choices)

    # -- opening sheets -------------------------------------------------------------------------

    def _on_list_current(self, sheet_id: int | None) -> None:
        if sheet_id is not None and self.open_sheet(sheet_id) is not None:
            text = self.list_view.current_filters().text
            if text:   # a hit of the list's text search: show where it matched
                self.editor.find_bar.open_hit(text)

    def document(self, sheet_id: int) -> SheetDocument | None:
        doc = self._docs.get(sheet_id)
        if doc is None and self.services is not None:
            try:
                data = self.services.repository().get_sheet(sheet_id)
            except SheetNotFound:
                return None
            doc = self._watch(SheetDocument(self.services.survey, data, self))
        return doc

    def _watch(self, doc: SheetDocument) -> SheetDocument:
        doc.revealRequested.connect(partial(self._on_reveal, doc))
        doc.dirtyChanged.connect(lambda _d: self.stateChanged.emit())
        doc.changed.connect(partial(self._on_doc_changed, doc))
        self.autosaver.watch(doc)
        self.journal.watch(doc)
        self._docs[doc.sheet_id] = doc
        return doc

    def restore_document(self, sheet: SheetData, base: SheetData) -> SheetDocument:
        """A sheet with edits the database lacks (the crash journal's), opened as unsaved and saved.

        ``sheet`` carries the version its edits started from, so a sheet saved
        elsewhere meanwhile is refused as stale and merged, never overwritten.
        """
        old = self._docs.get(sheet.id)
        if old is not None:
            self._drop(old)
        doc = self._watch(SheetDocument(self.services.survey, sheet, self, base=base))
        doc.mark_unsaved()
        self.autosaver.save_now(doc)
        return doc

    def open_sheet(self, sheet_id: int) -> SheetDocument | None:
        if self.doc is not None and self.doc.sheet_id == sheet_id:
            return self.doc
        doc = self.document(sheet_id)
        if doc is None:
            self.message.emit(self.tr("シートが見つかりません（削除された可能性があります）。"), 5000)
            return None
        self.show_document(doc)
        return doc

    @property
    def access(self) -> Access:
        """What the open database lets this person do (store/access.py; everything on a SQLite file)."""
        return self.services.db.access if self.services is not None else EVERYTHING

    def edit_refusal(self, doc: SheetDocument | None = None) -> str | None:
        """Why the role may not change the content of ``doc`` (the open sheet by default); None: it may."""
        doc = doc or self.doc
        return self.access.edit_refusal(doc.sheet.ministry) if doc is not None and doc.sheet_id is not None else None

    def show_document(self, doc: SheetDocument | None) -> None:
        if self.doc is not None and self.doc is not doc:
            self.autosaver.save_now(self.doc)   # switching sheets saves the one left
        self.doc = doc
        self.editor.set_content_locked(self.edit_refusal(doc) is not None)
        self.editor.set_document(doc)
        if doc is not None and self.list_view.current_sheet_id() != doc.sheet_id:
            self.list_view.select_sheet(doc.sheet_id)
        self.validate_now()
        self.currentChanged.emit(doc)
        self.stateChanged.emit()

    def _on_reveal(self, doc: SheetDocument, path: tuple) -> None:
        if doc is not self.doc:
            self.show_document(doc)
        self.editor.reveal(path)

    # -- editing -------------------------------------------------------------------------------

    def _on_edit(self, doc: SheetDocument, path: tuple, old, new, merge: bool, label: str) -> None:
        marks, gone = doc.marks_following(path, old, new)
        also = ((("marks",), doc.value(("marks",)), marks),) if marks is not None else ()
        self.stack.push(ChangeCommand(doc, path, old, new, self.tr("「{0}」の変更").format(label),
                                      merge=merge and not gone and marks is None, also=also))
        if gone:
            texts = "、".join(f"「{' '.join(m.text.split())[:30]}」" for m in gone)
            self.message.emit(self.tr(
                "非公開に指定していた {0} が削除されたため、その指定は外れました（元に戻す: Ctrl+Z）。"
                "この文章は非公開の登録に残るため、再び入力・貼り付けされても公開版には載りません。"
                "公開してよい場合は「公開範囲に関する希望」の一覧から解除してください。").format(texts), 15000)

    def _on_doc_changed(self, doc: SheetDocument, _path: tuple) -> None:
        if doc is self.doc:
            self._validate_timer.start()
        if doc.sheet_id is not None:
            self.model.forget_problem_count(doc.sheet_id)

    def _on_status_requested(self, doc: SheetDocument, target: Status, reason: str | None = None) -> None:
        """A status move as the acting role; a move that needs a reason (差戻し) asks for it first."""
        data, _refs = doc.snapshot()
        role = self.role
        move = doc.survey.review.transition(data.status, target)
        try:
            check_transition(doc.survey, data, target, role, reason if reason is not None else "-")
        except TransitionRefused as exc:
            self._refuse_status(str(exc))
            return
        if move is not None and move.reason_required and reason is None:
            reason, ok = QInputDialog.getMultiLineText(
                self.editor, self.tr("「{0}」の理由").format(target.label),
                self.tr("「{0}」にする理由（府省庁の担当者にシートの先頭で表示されます）").format(target.label))
            if not ok:
                return
        if move is not None and move.reason_required and not (reason or "").strip():
            self._refuse_status(self.tr("「{0}」にするには理由を入力してください。").format(target.label))
            return
        doc.sheet.status_note = StatusNote(role=role, reason=(reason or "").strip())
        # A status move is a step of the review recorded in the history, not an edit: it is saved at once and is
        # not undone with Ctrl+Z (an undo would make a move the acting role may not make, e.g. 確定 → 提出済).
        # Entering or leaving a status that freezes the content ends the undo history: undoing an edit made
        # before 提出 would change what the secretariat reviews.
        cycle = doc.survey.review
        if cycle.is_locked(data.status) or cycle.is_locked(target):
            self.stack.clear()
        doc.apply(("attr", "status"), target)
        self.autosaver.save_now(doc)
        self.editor.header.show_status_message(self.tr("「{0}」にしました。").format(target.label), error=False)

    def _refuse_status(self, text: str) -> None:
        self.editor.header.show_status_message(text, error=True)
        self.message.emit(text, 8000)

    def save_now(self) -> None:
        """Ctrl+S: save everything at once, retrying saves that failed."""
        self.autosaver.flush_all(retry_failed=True)

    def is_saving(self) -> bool:
        return self.autosaver.is_busy()

    def wait_saved(self, timeout_ms: int = 30000) -> bool:
        """Closing and quitting only: waits (events processed) until every edit is saved."""
        return self.autosaver.wait_idle(timeout_ms)

    def when_saved(self, then: Callable[[], None], refused: Callable[[str], None] | None = None) -> None:
        """Run ``then`` once what was typed is saved (the export, history or import that follows sees it).
        A failed save does not run it: ``refused`` is told why (default: the status bar)."""
        def go(ok: bool) -> None:
            if ok:
                then()
                return
            text = self.tr("保存できていない変更があるため、実行しませんでした。シートの保存の問題を解決してから、"
                           "もう一度実行してください。")
            (refused or (lambda t: self.message.emit(t, 10000)))(text)

        self.autosaver.when_idle(go)

    def unsaved_documents(self) -> list[SheetDocument]:
        return self.autosaver.unsaved()

    def current_year(self, years: list[int]) -> int | None:
        """The year a dialog starts on: the open sheet's, else the latest of ``years`` (None: no sheets)."""
        if self.doc is not None:
            return self.doc.sheet.fiscal_year
        return max(years) if years else None

    def set_role(self, role: str) -> None:
        """The acting role changed: the status choices and the evaluation follow it.

        On a server with roles per ministry the role is the server's (set_services), whatever is asked.
        """
        self.role = self.access.review_role or role
        if self.doc is not None:
            self.editor.header.refresh(("attr", "status"))
            self.editor.review.reload()

    def _on_saved(self, doc: SheetDocument) -> None:
        panel = self.editor.review
        if doc is self.doc and doc.sheet_id is not None and (panel.sheet_id != doc.sheet_id
                                                             or panel.status is not doc.sheet.status):
            panel.load(doc.sheet_id, doc.sheet.status)   # a new sheet's id; a status saved (差戻し's reason)
        if doc.sheet_id is not None:
            self.model.refresh_sheet(doc.sheet_id)
            if doc is not self.doc:
                data, _ = doc.snapshot()
                self.model.set_problem_count(doc.sheet_id, *counts(validate_sheet(doc.survey, data)),
                                             sheet_statuses(data))
        if (doc.sheet.ministry and not self.editor.header.knows_ministry(doc.sheet.ministry)) \
                or not self.list_view.knows_year(doc.sheet.fiscal_year):
            self.refresh_choices()
        self.stateChanged.emit()

    def _on_save_failed(self, doc: SheetDocument, exc: object) -> None:
        self.stateChanged.emit()
        title = doc.title or self.tr("（無題）")
        if isinstance(exc, StaleSheetError):
            self.merge_with_stored(doc)
            return
        self.save_failures.report(title, exc)

    def merge_with_stored(self, doc: SheetDocument) -> None:
        """A save refused as stale: merge with the stored sheet, asking only about parts both changed.

        The merged sheet replaces the document and is saved; 「後で決める」 keeps
        the edits on screen, unsaved (Ctrl+S or the next edit asks again).
        """
        if self.services is None or doc.sheet_id is None or self.merge_dialog is not None:
            return
        try:
            theirs = self.services.repository().get_sheet(doc.sheet_id)
        except SheetNotFound as exc:
            QMessageBox.warning(self.dialog_parent, self.tr("保存できませんでした"), str(exc))
            return
        mine, _refs = doc.snapshot()
        found = merge.conflicts(doc.survey, doc.base, mine, theirs)
        if not found:
            self._replace_merged(doc, merge.merge(doc.base, mine, theirs, {}, doc.survey), theirs)
            self.message.emit(self.tr("別の画面・別の人の変更と合わせて保存しています。"), 6000)
            return
        dialog = MergeDialog(doc.title or self.tr("（無題）"), found, self.editor.label_for, self.dialog_parent,
                             outcomes=lambda decisions: merge.merge_marks(doc.survey, doc.base, doc.snapshot()[0],
                                                                          theirs, decisions))
        self.merge_dialog = dialog

        def finished(result: int) -> None:
            self.merge_dialog = None
            dialog.deleteLater()
            if result == QDialog.DialogCode.Accepted and doc in self._docs.values():
                latest, _ = doc.snapshot()
                self._replace_merged(doc, merge.merge(doc.base, latest, theirs, dialog.decisions(), doc.survey),
                                     theirs)
            else:
                self.message.emit(self.tr("変更は画面に残っています（まだ保存されていません）。"), 8000)

        dialog.finished.connect(finished)
        dialog.open()

    def _replace_merged(self, doc: SheetDocument, merged: SheetData, theirs: SheetData) -> None:
        """Show the merged sheet in place of the document and save it (undo history is cleared)."""
        shown = self.doc is doc
        self._drop(doc)
        new = self._watch(SheetDocument(self.services.survey, merged, self, base=theirs))
        new.mark_unsaved()
        if shown:
            self.show_document(new)
        self.autosaver.save_now(new)

    def _drop(self, doc: SheetDocument) -> None:
        self.stack.clear()   # commands point at the dropped copy
        self.autosaver.forget(doc)
        self._docs.pop(doc.sheet_id, None)
        if self.doc is doc:
            self.doc = None
        doc.deleteLater()

    def reload(self, doc: SheetDocument) -> None:
        """Drop a document's edits and read the stored sheet again (undo history is cleared)."""
        sheet_id = doc.sheet_id
        self._drop(doc)
        self.model.refresh_sheet(sheet_id)
        self.open_sheet(sheet_id)

    def reload_sheet(self, sheet_id: int) -> None:
        """A sheet changed in the store outside the editor (a restore): show the stored sheet."""
        doc = self._docs.get(sheet_id)
        if doc is not None:
            self.reload(doc)
        else:
            self.model.refresh_sheet(sheet_id)

    # -- validation --------------------------------------------------------------------------------

    def validate_now(self) -> None:
        self._validate_timer.stop()
        if self.doc is None:
            self.last_problems = []
            self.validation.show_problems(None)
            self.editor.show_problems([])
            return
        data, _refs = self.doc.snapshot()
        problems = validate_sheet(self.doc.survey, data)
        self.last_problems = problems
        self.validation.show_problems(problems)
        self.editor.show_problems(problems)
        if self.doc.sheet_id is not None:
            self.model.set_problem_count(self.doc.sheet_id, *counts(problems), sheet_statuses(data))

    def _count_problems(self, ids: list[int]) -> None:
        """Counts for rows shown without one; one task at a time, only for rows still on screen."""
        if self.services is None:
            return
        for sheet_id in ids:
            doc = self._docs.get(sheet_id)
            if doc is not None:
                data, _ = doc.snapshot()
                self.model.set_problem_count(sheet_id, *counts(validate_sheet(doc.survey, data)),
                                             sheet_statuses(data))
            else:
                self._pending_counts.add(sheet_id)
        self._next_count_batch()

    def _visible_ids(self) -> set[int]:
        table = self.list_view.table
        first = table.rowAt(0)
        last = table.rowAt(table.viewport().height() - 1)
        if first < 0:
            return set()
        last = last if last >= 0 else self.model.rowCount() - 1
        return {i for i in (self.model.sheet_id(r) for r in range(first, last + 1)) if i is not None}

    def _next_count_batch(self) -> None:
        if self._counting or not self._pending_counts or self.services is None:
            return
        visible = self._visible_ids()
        dropped = self._pending_counts - visible
        self.model.release_wanted(dropped)   # scrolled past: asked again when shown again
        wanted = sorted(self._pending_counts & visible)
        self._pending_counts.clear()
        if not wanted:
            return
        self._counting = set(wanted)
        services = self.services
        task = self.reader.submit(jobs.problem_counts, services, wanted, label=self.tr("問題を数えています"),
                                  quiet=True)

        def done(result: dict) -> None:
            self._counting = set()
            if services is self.services:
                for sheet_id, (e, w, kpis) in result.items():
                    if sheet_id not in self._docs:
                        self.model.set_problem_count(sheet_id, e, w, kpis)
                self._next_count_batch()

        def failed(_exc) -> None:
            self._counting = set()

        task.succeeded.connect(done)
        task.failed.connect(failed)
        task.cancelled.connect(lambda: failed(None))

    def check_year(self) -> None:
        if self.services is None:
            return
        year = self.doc.sheet.fiscal_year if self.doc else self.list_view.current_filters().year
        if year is None:
            years = self.services.repository().years()
            if not years:
                return
            year = years[0]
        overrides = {d.sheet_id: d.snapshot()[0] for d in self._docs.values() if d.is_dirty}
        label = format_fiscal_year(year)
        self.validation.set_year_running(True, self.tr("{0}の全シートを検査しています…").format(label))
        task = self.reader.submit(jobs.check_year, self.services, year, overrides,
                                  label=self.tr("{0}の全シートを検査").format(label))
        task.succeeded.connect(lambda results: self._year_done(label, results))
        task.failed.connect(lambda exc: self._year_failed(exc))
        task.cancelled.connect(lambda: self.validation.set_year_running(False, self.tr("中止しました。")))

    def _year_done(self, label: str, results: list) -> None:
        self.validation.set_year_running(False)
        self.validation.show_year_results(label, results)
        self.model.set_problem_counts({sheet_id: counts(problems) for sheet_id, _title, problems in results})

    def _year_failed(self, exc: object) -> None:
        self.validation.set_year_running(False, self.tr("検査できませんでした: {0}").format(exc))

    def _on_year_problem(self, sheet_id: int, problem) -> None:
        if self.open_sheet(sheet_id) is not None and problem is not None:
            self.editor.focus_problem(problem)

    # -- creating, duplicating, deleting ------------------------------------------------------------

    def refuses_writes(self) -> bool:
        """True (and says so) while the database is open read-only: nothing may be changed."""
        if self.services is not None and self.services.read_only:
            self.message.emit(self.tr("読み取り専用で開いているため、変更できません。"), 6000)
            return True
        return False

    def refuses_access(self, refusal: str | None) -> bool:
        """True (and says why) when the server's roles do not allow the action."""
        if refusal:
            self.message.emit(refusal, 8000)
            QMessageBox.information(self.dialog_parent, self.tr("この操作はできません"), refusal)
            return True
        return False

    def new_sheet(self) -> None:
        if self.services is None or self.refuses_writes():
            return
        filters = self.list_view.current_filters()
        # the list's year only when exactly one is filtered, else this fiscal year; said on creation,
        # and the editor's 年度 field changes it
        year = filters.year if filters.year is not None else fiscal_year_of(date.today())
        ministry = self.access.ministry or filters.ministry or (self.doc.sheet.ministry if self.doc else "")
        if self.refuses_access(self.access.create_refusal(ministry)):
            return
        data = SheetData(survey_key=self.services.survey.key, fiscal_year=year, ministry=ministry,
                         bureau=self.doc.sheet.bureau if self.doc and self.doc.sheet.ministry == ministry else "")
        self._create(data, self.tr("新しいシートを作成しています"))

    def duplicate_sheet(self) -> None:
        if self.services is None or self.doc is None or self.refuses_writes():
            return
        data, _refs = self.doc.snapshot()
        if self.refuses_access(self.access.create_refusal(data.ministry)):
            return
        copy = duplicate(data, self.services.survey.title_field, self.tr("（コピー）"))
        self._create(copy, self.tr("シートを複製しています"))

    def _create(self, data: SheetData, label: str) -> None:
        task = self.writer.submit(jobs.create_sheet, self.services, data, label=label)
        task.succeeded.connect(self._created)
        task.failed.connect(lambda exc: QMessageBox.warning(
            self.dialog_parent, self.tr("シートを作成できませんでした"), str(exc)))

    def _created(self, saved: SheetData) -> None:
        self.refresh_choices()
        self.model.reload()
        self.open_sheet(saved.id)
        self.editor.focus_field(self.services.survey.title_field)
        self.message.emit(self.tr("新しいシートを{0}で作成しました（年度は編集画面の「年度」で変更できます）。").format(
            format_fiscal_year(saved.fiscal_year)), 8000)

    def delete_sheet(self) -> None:
        doc = self.doc
        if self.services is None or doc is None or doc.sheet_id is None or self.refuses_writes() \
                or self.refuses_access(self.edit_refusal(doc)):
            return
        title = doc.title or self.tr("（無題）")
        answer = QMessageBox.question(
            self.dialog_parent, self.tr("シートの削除"),
            self.tr("「{0}」を削除しますか？\n削除は記録され、「編集 > 元に戻す」で取り消せます。").format(title),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
        if answer != QMessageBox.StandardButton.Yes:
            return
        self.autosaver.save_now(doc)
        sheet_id = doc.sheet_id
        self.stack.push(CallbackCommand(self.tr("「{0}」の削除").format(title),
                                        partial(self._set_deleted, sheet_id, True),
                                        partial(self._set_deleted, sheet_id, False)))

    def restore_deleted(self, sheet_id: int, title: str) -> None:
        """Take a sheet out of the trash (ごみ箱); Ctrl+Z deletes it again."""
        if self.services is None or self.refuses_writes():
            return
        self.stack.push(CallbackCommand(self.tr("「{0}」の復元").format(title),
                                        partial(self._set_deleted, sheet_id, False),
                                        partial(self._set_deleted, sheet_id, True)))

    def forget_sheets(self, sheet_ids: list[int]) -> None:
        """Sheets about to be purged: drop their documents and the undo history that names them."""
        for sheet_id in sheet_ids:
            doc = self._docs.get(sheet_id)
            if doc is not None:
                if self.doc is doc:
                    self.show_document(None)
                self._drop(doc)
        self.stack.clear()

    def _set_deleted(self, sheet_id: int, deleted: bool) -> None:
        if self.services is None:
            return
        if deleted and self.doc is not None and self.doc.sheet_id == sheet_id:
            self.show_document(None)
        task = self.writer.submit(jobs.set_deleted, self.services, sheet_id, deleted,
                                  label=self.tr("削除しています") if deleted else self.tr("元に戻しています"))
        task.succeeded.connect(lambda _id: self._after_delete(sheet_id, deleted))
        task.failed.connect(lambda exc: QMessageBox.warning(self.dialog_parent, self.tr("削除できませんでした"),
                                                            str(exc)))

    def _after_delete(self, sheet_id: int, deleted: bool) -> None:
        self.model.reload()
        self.refresh_choices()
        if deleted:
            self.message.emit(self.tr("シートを削除しました（元に戻すには Ctrl+Z）。"), 6000)
        else:
            self.open_sheet(sheet_id)
            self.message.emit(self.tr("削除を取り消しました。"), 4000)
