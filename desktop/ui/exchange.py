"""The owner of the submission and return dialogs: desktop.app.exchange in the background.

Exporting writes the sheets' exchange keys, and applying an import writes
the sheets, so both run on the writer (the one thread that writes);
planning an import only reads and runs on a reader. Sheets changed on both
sides are decided one after the other in the merge dialog of concurrent
edits (desktop.ui.dialogs.merge) before anything is saved; 「後で決める」 on
any of them saves nothing.
"""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QDialog, QMessageBox, QWidget
from shiboken6 import isValid

from desktop.app import exchange
from desktop.store import merge
from desktop.survey.review import SECRETARIAT
from desktop.ui.dialogs.exchange import ExchangeExportDialog, ExchangeImportDialog
from desktop.ui.dialogs.merge import MergeDialog, Wording
from desktop.ui.services import Services
from desktop.ui.controller import WorkspaceController
from desktop.ui.settings import Settings
from desktop.ui.tasks import Task, TaskRunner
from desktop.ui.workspace import SheetWorkspace

EXCHANGE_FOLDER = "exchange"


def _export(services: Services, ministry: str, year: int, is_return: bool, path: str) -> exchange.ExchangeExport:
    return exchange.export_exchange(services.repository(), path, ministry=ministry, year=year,
                                    kind=exchange.RETURN if is_return else exchange.SUBMISSION)


def _plan(services: Services, path: str) -> exchange.ExchangePlan:
    return exchange.plan_exchange_import(services.repository(), path)


def _apply(services: Services, plan: exchange.ExchangePlan, decisions: dict) -> list[int]:
    return exchange.apply_exchange_import(services.repository(), plan, decisions=decisions)


class ExchangeController(WorkspaceController):
    def __init__(self, workspace: SheetWorkspace, writer: TaskRunner, reader: TaskRunner, window: QWidget,
                 settings: Settings, parent: QObject | None = None) -> None:
        super().__init__(workspace, writer, reader, window, settings, parent)
        self.export_dialog: ExchangeExportDialog | None = None
        self.import_dialog: ExchangeImportDialog | None = None
        self.merge_dialog: MergeDialog | None = None
        self.plan: exchange.ExchangePlan | None = None
        self.task: Task | None = None

    # -- export ---------------------------------------------------------------------------------

    def export(self) -> None:
        services = self.services
        if services is None:
            return
        repo = services.repository()
        year = self.ws.current_year(repo.years())
        dialog = ExchangeExportDialog(repo.ministries(year) or list(services.survey.ministries), year,
                                      self.settings.folder(EXCHANGE_FOLDER), self.ws.role == SECRETARIAT, self.window)
        dialog.exportRequested.connect(lambda *args: self._run_export(dialog, *args))
        dialog.finished.connect(dialog.deleteLater)
        self.export_dialog = dialog
        dialog.open()

    def _run_export(self, dialog: ExchangeExportDialog, ministry: str, year: int, is_return: bool, path: str) -> None:
        self.settings.set_folder(EXCHANGE_FOLDER, dialog.folder)
        dialog.export_button.setEnabled(False)

        def done(result: exchange.ExchangeExport) -> None:
            text = self.tr("{0}（{1}、施策シート {2} 件）を出力しました: {3}").format(
                self.tr("差戻し・返却ファイル") if is_return else self.tr("提出ファイル"), result.ministry,
                result.count, result.path)
            self.message.emit(text, 10000)
            if isValid(dialog):
                dialog.export_button.setEnabled(True)
                dialog.show_message(text)

        def failed(exc: object) -> None:
            if isValid(dialog):
                dialog.export_button.setEnabled(True)
                dialog.show_message(str(exc), error=True)
            QMessageBox.warning(self.window, self.tr("提出・差戻しファイルを出力できませんでした"), str(exc))

        def run() -> None:       # after the saves: what was just typed is in the file
            self.task = self.writer.submit(_export, self.services, ministry, year, is_return, path,
                                           label=self.tr("提出・差戻しファイルを出力しています"))
            self.task.succeeded.connect(done)
            self.task.failed.connect(failed)

        self.ws.when_saved(run, failed)

    # -- import ----------------------------------------------------------------------------------

    def import_file(self) -> None:
        if self.services is None:
            return
        dialog = ExchangeImportDialog(self.services.survey, self.settings.folder(EXCHANGE_FOLDER), self.window)
        dialog.folderChosen.connect(lambda folder: self.settings.set_folder(EXCHANGE_FOLDER, folder))
        dialog.planRequested.connect(lambda paths: self._plan(dialog, paths[0]))
        dialog.applyRequested.connect(lambda: self._decide(dialog))
        dialog.finished.connect(dialog.deleteLater)
        self.import_dialog = dialog
        dialog.open()
        dialog.choose_files()

    def _plan(self, dialog: ExchangeImportDialog, path: str) -> None:
        dialog.set_running(True, self.tr("提出・差戻しファイルを読み込んでいます…"))
        task = self.reader.submit(_plan, self.services, path, label=self.tr("提出・差戻しファイルを読み込んでいます"))
        self.task = task

        def planned(plan: exchange.ExchangePlan) -> None:
            self.plan = plan
            if isValid(dialog):
                dialog.set_running(False)
                dialog.show_plan(exchange.preview_plan(plan))
                if plan.nothing_new and plan.ok:
                    dialog.show_status(self.tr("このファイルから取り込む新しい内容はありません（取り込み済みです）。"))

        def failed(exc: object) -> None:
            if isValid(dialog):
                dialog.set_running(False)
                dialog.show_failed(str(exc))

        task.succeeded.connect(planned)
        task.failed.connect(failed)

    def _decide(self, dialog: ExchangeImportDialog, decisions: dict | None = None) -> None:
        """Ask for the conflicts of each sheet changed on both sides, one dialog after the other, then apply."""
        plan = self.plan
        if plan is None or not plan.ok:
            return
        decisions = decisions if decisions is not None else {}
        waiting = [e for e in plan.conflicting if e.key not in decisions]
        if not waiting:
            self._apply(dialog, plan, decisions)
            return
        entry = waiting[0]
        assert entry.base is not None and entry.mine is not None
        base, mine, theirs = entry.base, entry.mine, entry.theirs
        survey = plan.survey or self.services.repository().survey_definition(plan.survey_key)
        wording = Wording(self.tr("このデータベースの内容"), self.tr("ファイルの内容"),
                          self.tr("このデータベースの内容を使う"), self.tr("ファイルの内容を使う"),
                          self.tr("「{0}」は、前回の受け渡しの後、このデータベースとファイルの送り主の両方で変更されています。"
                                  "下の {1} 項目は両方で異なる内容になっています。項目ごとに、どちらの内容を残すか選ぶか、"
                                  "編集して統合してください。そのほかの変更は両方とも取り込まれます。"
                                  "非公開の指定は、どちらを選んでも両方の指定が残ります。"))
        merge_dialog = MergeDialog(entry.title, entry.conflicts, lambda path: "：".join(map(str, path)), dialog,
                                   outcomes=lambda chosen: merge.merge_marks(survey, base, mine, theirs, chosen),
                                   wording=wording)
        merge_dialog.setWindowTitle(self.tr("両方で変更された施策の統合"))
        self.merge_dialog = merge_dialog

        def finished(result: int) -> None:
            self.merge_dialog = None
            chosen = merge_dialog.decisions()
            merge_dialog.deleteLater()
            if result == QDialog.DialogCode.Accepted and isValid(dialog):
                self._decide(dialog, {**decisions, entry.key: chosen})
            elif isValid(dialog):
                dialog.show_status(self.tr("取り込みを見送りました（データベースは変更していません）。"))

        merge_dialog.finished.connect(finished)
        merge_dialog.open()

    def _apply(self, dialog: ExchangeImportDialog, plan: exchange.ExchangePlan, decisions: dict) -> None:
        def done() -> str:
            text = self.tr("提出・差戻しファイルを取り込みました（新規 {0} 件、変更 {1} 件）。").format(
                plan.count(exchange.NEW), plan.count(exchange.CHANGED) + plan.count(exchange.CONFLICT))
            if plan.definitions:
                text += self.tr("ファイルの調査票定義を新しい版として追加しました（「調査票」メニューで切り替えられます）。")
            return text

        self.apply_import(
            dialog, _apply, (plan, decisions), label=self.tr("提出・差戻しファイルを取り込んでいます"),
            changed=lambda: [e.mine.id for e in plan.entries if e.mine is not None and e.mine.id is not None],
            done=done, failed_title=self.tr("提出・差戻しファイルを取り込めませんでした"))
