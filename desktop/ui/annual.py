"""The owner of the annual cycle in the GUI: next year's sheets, history and restore, the overview.

It opens the dialogs, runs their work on the task runners (creating sheets
and restoring on the writer, reading the overview and writing its Excel file
on a reader) and tells the workspace and the list what changed. It also
gives the editor the predecessor sheets for 「前年度と比較」.
"""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget
from shiboken6 import isValid

from desktop.app.new_year import NewYearResult
from desktop.store.repository import SheetNotFound
from desktop.survey.sheet import SheetData, Status
from desktop.survey.wareki import format_fiscal_year
from desktop.ui import annual_jobs
from desktop.ui.dialogs.history import HistoryDialog
from desktop.ui.dialogs.new_year import NewYearDialog
from desktop.ui.dialogs.overview import OverviewDialog
from desktop.ui.controller import WorkspaceController
from desktop.ui.settings import Settings
from desktop.ui.tasks import TaskRunner
from desktop.ui.workspace import SheetWorkspace


def _no_progress(*_args, **_kwargs) -> None:
    pass


class AnnualController(WorkspaceController):
    def __init__(self, workspace: SheetWorkspace, writer: TaskRunner, reader: TaskRunner, window: QWidget,
                 settings: Settings, parent: QObject | None = None) -> None:
        super().__init__(workspace, writer, reader, window, settings, parent)
        self.new_year_dialog: NewYearDialog | None = None
        self.history_dialog: HistoryDialog | None = None
        self.overview_dialog: OverviewDialog | None = None
        self.last_result: NewYearResult | None = None   # of the last new-year run (tests, status)
        workspace.editor.predecessor_loader = self.predecessor
        workspace.editor.diff_runner = reader

    def predecessor(self, sheet_id: int) -> SheetData | None:
        if self.services is None:
            return None
        try:
            return self.services.repository().get_sheet(sheet_id)
        except SheetNotFound:
            return None

    # -- next fiscal year ---------------------------------------------------------------------

    def new_year(self) -> None:
        services = self.services
        if services is None:
            return
        years = services.repository().years()
        if not years:
            QMessageBox.information(self.window, self.tr("次年度の調査票を作成"),
                                    self.tr("施策シートがありません。先に施策シートを作成してください。"))
            return
        default = self.ws.current_year(years)
        dialog = NewYearDialog(years, default, lambda f, t: annual_jobs.plan_new_year(services, f, t,
                                                                                      progress=_no_progress),
                               self.window)
        dialog.accepted.connect(lambda: self._run_new_year(dialog))
        dialog.finished.connect(dialog.deleteLater)
        self.new_year_dialog = dialog
        dialog.open()

    def _run_new_year(self, dialog: NewYearDialog) -> None:
        from_year, to_year, excluded = dialog.chosen_from(), dialog.chosen_to(), dialog.excluded_ids()
        refused = self.tr("次年度の調査票を作成できませんでした")

        def run() -> None:
            task = self.writer.submit(annual_jobs.new_year, self.services, from_year, to_year, excluded,
                                      label=self.tr("{0}の施策シートを作成しています").format(format_fiscal_year(to_year)))
            task.succeeded.connect(self._new_year_done)
            task.failed.connect(lambda exc: QMessageBox.warning(self.window, refused, str(exc)))

        self.ws.when_saved(run, lambda text: QMessageBox.warning(self.window, refused, text))

    def _new_year_done(self, result: NewYearResult) -> None:
        self.ws.model.reload()
        self.ws.refresh_choices()
        text = self.tr("{0}の施策シートから{1}の施策シートを {2} 件作成しました。作成済みのため省略 {3} 件、除外 {4} 件。").format(
            format_fiscal_year(result.from_year), format_fiscal_year(result.to_year), len(result.created),
            len(result.existing), len(result.excluded))
        if result.created:
            text += "\n\n" + self.tr("新しい施策シートは「{0}」です。当年度の実績と各KPIの実績値を入力してください。").format(
                Status.DRAFT.label)
        self.last_result = result
        self.message.emit(text.split("\n")[0], 8000)
        QMessageBox.information(self.window, self.tr("次年度の調査票を作成"), text)

    # -- history ----------------------------------------------------------------------------

    def history(self) -> None:
        doc = self.ws.doc
        if self.services is None or doc is None or doc.sheet_id is None:
            return
        sheet_id = doc.sheet_id

        def show() -> None:      # after the save: the list then includes what was just typed
            if self.services is None:
                return
            dialog = HistoryDialog(self.services.repository(), sheet_id, self.window)
            dialog.restoreRequested.connect(lambda field, version: self._restore(dialog, field, version))
            dialog.finished.connect(dialog.deleteLater)
            self.history_dialog = dialog
            dialog.open()

        self.ws.when_saved(show)

    def _restore(self, dialog: HistoryDialog, field: str, version: int) -> None:
        sheet_id = dialog.sheet_id

        def run() -> None:
            task = self.writer.submit(annual_jobs.restore, self.services, sheet_id, field, version,
                                      label=self.tr("以前の版に戻しています"))

            def done(_saved: SheetData) -> None:
                self.ws.reload_sheet(sheet_id)
                if not isValid(dialog):
                    return
                dialog.reload(field)
                dialog.show_message(self.tr("第{0}版の内容に戻しました（新しい版として保存しました）。").format(version))
                self.message.emit(self.tr("以前の版に戻しました。"), 5000)

            def failed(exc: object) -> None:
                if isValid(dialog):
                    dialog.show_message(str(exc))
                QMessageBox.warning(self.window, self.tr("戻せませんでした"), str(exc))

            task.succeeded.connect(done)
            task.failed.connect(failed)

        self.ws.when_saved(run, lambda _text: isValid(dialog) and dialog.show_message(
            self.tr("保存できていない変更があるため戻せません。先に保存してください。")))

    # -- the secretariat's overview ---------------------------------------------------------------

    def overview(self) -> None:
        services = self.services
        if services is None:
            return
        years = services.repository().years()
        if not years:
            QMessageBox.information(self.window, self.tr("事務局集計"), self.tr("施策シートがありません。"))
            return
        year = self.ws.current_year(years)
        dialog = OverviewDialog(services.survey, years, year, self.window)
        dialog.yearChosen.connect(lambda y: self._compute(dialog, y))
        dialog.exportRequested.connect(lambda y: self._export(dialog, y))
        dialog.finished.connect(dialog.deleteLater)
        self.overview_dialog = dialog
        dialog.open()
        self._compute(dialog, year)

    def _compute(self, dialog: OverviewDialog, year: int) -> None:
        dialog.set_running()
        task = self.reader.submit(annual_jobs.overview, self.services, year,
                                  label=self.tr("{0}を集計しています").format(format_fiscal_year(year)))
        def done(overview) -> None:
            if isValid(dialog) and overview.year == dialog.chosen_year():
                dialog.show_overview(overview)

        task.succeeded.connect(done)
        task.failed.connect(lambda exc: isValid(dialog) and dialog.show_message(
            self.tr("集計できませんでした: {0}").format(exc)))

    def _export(self, dialog: OverviewDialog, year: int) -> None:
        path, _filter = QFileDialog.getSaveFileName(
            dialog, self.tr("Excelに書き出す"), self.tr("集計_{0}.xlsx").format(format_fiscal_year(year)),
            self.tr("Excel ブック (*.xlsx)"))
        if not path:
            return
        def run() -> None:
            if isValid(dialog):
                dialog.show_message(self.tr("書き出しています…"))
            task = self.reader.submit(annual_jobs.export_year_xlsx, self.services, year, path,
                                      label=self.tr("Excel報告書を書き出しています"))
            task.succeeded.connect(lambda written: isValid(dialog) and dialog.show_message(
                self.tr("書き出しました: {0}").format(written)))
            task.failed.connect(lambda exc: QMessageBox.warning(self.window, self.tr("書き出せませんでした"), str(exc)))

        self.ws.when_saved(run, lambda text: isValid(dialog) and dialog.show_message(text))
