"""The owner of the export and import dialogs: runs their work in the background and reports back.

Exports run on a reader (they only read the database and write a file),
reading returned forms too; applying an import runs on the writer, the one
thread that writes. The dialogs stay open while their task runs and show
its progress; キャンセル cancels the task (the export's temporary file is
removed, the target stays as it was). Failures (a locked target, a leak in a
public file, a damaged form) are shown in Japanese, in the dialog and in a
message box.
"""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QMessageBox, QWidget
from shiboken6 import isValid

from desktop.app.export import ExportResult
from desktop.reports.form_plan import ImportPlan
from desktop.ui import report_jobs
from desktop.ui.dialogs.export_report import ExportDialog
from desktop.ui.dialogs.import_forms import ImportDialog
from desktop.ui.controller import WorkspaceController
from desktop.ui.settings import Settings
from desktop.ui.tasks import Task, TaskRunner
from desktop.ui.workspace import SheetWorkspace

EXPORT_FOLDER = "reports"
IMPORT_FOLDER = "forms"


class ReportController(WorkspaceController):
    def __init__(self, workspace: SheetWorkspace, writer: TaskRunner, reader: TaskRunner, window: QWidget,
                 settings: Settings, parent: QObject | None = None) -> None:
        super().__init__(workspace, writer, reader, window, settings, parent)
        self.export_dialog: ExportDialog | None = None
        self.import_dialog: ImportDialog | None = None
        self.task: Task | None = None
        self.cancel_before_start = False

    # -- export ---------------------------------------------------------------------------------

    def export(self) -> None:
        services = self.services
        if services is None:
            return
        repo = services.repository()
        years = repo.years()
        doc = self.ws.doc
        current = (doc.sheet_id, doc.title) if doc is not None and doc.sheet_id is not None else None
        year = self.ws.current_year(years)
        dialog = ExportDialog(services.survey, years, year, lambda y: services.repository().ministries(y),
                              self.settings.folder(EXPORT_FOLDER), current, self.window,
                              public_preview=lambda selection: report_jobs.public_preview(services, selection))
        dialog.folderChosen.connect(lambda folder: self.settings.set_folder(EXPORT_FOLDER, folder))
        dialog.exportRequested.connect(lambda *args: self._run_export(dialog, *args))
        dialog.cancelRequested.connect(self._cancel)
        dialog.finished.connect(dialog.deleteLater)
        self.export_dialog = dialog
        dialog.open()

    def _run_export(self, dialog: ExportDialog, fmt, path: str, audience, selection) -> None:
        dialog.set_running(True)
        options = dialog.options()
        self.task, self.cancel_before_start = None, False
        stopped = self.tr("出力を中止しました。ファイルは作成・変更されていません。")

        def run() -> None:       # after the saves: what was just typed is in the report
            if self.cancel_before_start:      # キャンセル while the saves were going in
                if isValid(dialog):
                    dialog.set_running(False)
                    dialog.show_message(stopped)
                return
            task = self.reader.submit(report_jobs.export_report, self.services, fmt, path, audience, selection,
                                      **options, label=self.tr("報告書を出力しています"))
            self.task = task
            task.progressed.connect(lambda d, t, m: isValid(dialog) and dialog.show_progress(d, t, m))
            task.succeeded.connect(lambda result: self._exported(dialog, result))
            task.failed.connect(lambda exc: self._export_failed(dialog, exc))
            task.cancelled.connect(lambda: isValid(dialog) and (dialog.set_running(False), dialog.show_message(stopped)))

        self.ws.when_saved(run, lambda text: self._export_failed(dialog, text))

    def _exported(self, dialog: ExportDialog, result: ExportResult) -> None:
        text = self.tr("{0}の{1}を出力しました（施策シート {2} 件）: {3}").format(
            self.tr(result.audience.label), self.tr(result.format.label), result.sheet_count, result.path)
        if result.left_out:
            text += "\n" + result.left_out
        if result.marked:
            text += "\n" + self.tr("確定していない施策シート {0} 件を含めました（見出しに表示）。").format(result.marked)
        self.message.emit(text, 10000)
        if isValid(dialog):
            dialog.set_running(False)
            dialog.show_message(text)

    def _export_failed(self, dialog: ExportDialog, exc: object) -> None:
        if isValid(dialog):
            dialog.set_running(False)
            dialog.show_message(str(exc), error=True)
        QMessageBox.warning(self.window, self.tr("報告書を出力できませんでした"), str(exc))

    def _cancel(self) -> None:
        if self.task is None:
            self.cancel_before_start = True   # an export waiting for the saves: it will not start
        elif isValid(self.task) and not self.task.is_finished:
            self.task.cancel()

    # -- import ----------------------------------------------------------------------------------

    def import_forms(self) -> None:
        if self.services is None:
            return
        dialog = ImportDialog(self.services.survey, self.settings.folder(IMPORT_FOLDER), self.window)
        dialog.folderChosen.connect(lambda folder: self.settings.set_folder(IMPORT_FOLDER, folder))
        dialog.planRequested.connect(lambda paths: self._plan(dialog, paths))
        dialog.applyRequested.connect(lambda: self._apply(dialog))
        dialog.cancelRequested.connect(self._cancel)
        dialog.finished.connect(dialog.deleteLater)
        self.import_dialog = dialog
        dialog.open()
        dialog.choose_files()

    def _plan(self, dialog: ImportDialog, paths: list[str]) -> None:
        dialog.set_running(True, self.tr("調査票を読み込んでいます…"))
        task = self.reader.submit(report_jobs.plan_import, self.services, paths, year=dialog.year(),
                                  label=self.tr("調査票を読み込んでいます"))
        self.task = task
        task.progressed.connect(lambda d, t, m: isValid(dialog) and dialog.show_progress(d, t, m))

        def planned(plan: ImportPlan) -> None:
            if isValid(dialog):
                dialog.set_running(False)
                dialog.show_plan(plan)

        def failed(exc: object) -> None:
            if isValid(dialog):
                dialog.set_running(False)
                dialog.show_failed(str(exc))

        task.succeeded.connect(planned)
        task.failed.connect(failed)
        task.cancelled.connect(lambda: isValid(dialog) and (dialog.set_running(False), dialog.reject()))

    def _apply(self, dialog: ImportDialog) -> None:
        plan = dialog.plan
        if plan is None or not plan.ok:
            return
        self.apply_import(
            dialog, report_jobs.apply_import, (plan,), label=self.tr("調査票を取り込んでいます"),
            changed=lambda: [planned.sheet.id for planned in plan.updates],
            done=lambda: self.tr("調査票を取り込みました（新規 {0} 件、変更 {1} 件）。").format(
                len(plan.creates), len(plan.updates)),
            failed_title=self.tr("調査票を取り込めませんでした"))
