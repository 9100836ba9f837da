"""The owner of the ごみ箱 in the window: restoring deleted sheets and deleting them for good.

Restoring goes through the workspace's undoable deletion (Ctrl+Z deletes
the sheet again). A purge asks first, naming the sheets, runs on the writer
and cannot be undone: the undo history is cleared, since its commands may
point at the purged sheets. The withheld-text register of the purged
sheets is kept by the store (see Repository.purge_sheets), and the
confirmation says so.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from desktop.store.repository import TrashRow
from desktop.ui import jobs
from desktop.ui.dialogs.trash import TrashDialog, shown_title
from desktop.ui.tasks import TaskRunner
from desktop.ui.workspace import SheetWorkspace

NAMED = 10   # sheets named in the confirmation; the rest are counted


class TrashController(QObject):
    message = Signal(str, int)

    def __init__(self, workspace: SheetWorkspace, writer: TaskRunner, window: QWidget,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ws, self.writer, self.window = workspace, writer, window
        self.dialog: TrashDialog | None = None
        workspace.model.reloaded.connect(self._refresh)

    def open(self) -> None:
        services = self.ws.services
        if services is None:
            return
        if self.dialog is not None:
            self.dialog.raise_()
            self.dialog.activateWindow()
            return
        dialog = TrashDialog(lambda: self.ws.services.repository().trashed_sheets(self.ws.services.survey.key)
                             if self.ws.services else [], self.window)
        dialog.set_writable(not services.read_only)
        dialog.restoreRequested.connect(self.restore)
        dialog.purgeRequested.connect(self.purge)
        dialog.finished.connect(self._closed)
        self.dialog = dialog
        dialog.open()

    def close(self) -> None:
        """The database is being closed: the trash shown belongs to it."""
        if self.dialog is not None:
            self.dialog.reject()

    def _closed(self, _result: int) -> None:
        if self.dialog is not None:
            self.dialog.deleteLater()
            self.dialog = None

    def _refresh(self) -> None:
        if self.dialog is not None:
            self.dialog.refresh()

    def restore(self, rows: list[TrashRow]) -> None:
        if not rows or self.ws.refuses_writes():
            return
        for row in rows:
            self.ws.restore_deleted(row.id, shown_title(row.title))

    def purge(self, rows: list[TrashRow]) -> None:
        if not rows or self.ws.services is None or self.ws.refuses_writes():
            return
        names = "\n".join(self.tr("・「{0}」（{1}）").format(shown_title(r.title), r.ministry or self.tr("府省庁未記入"))
                          for r in rows[:NAMED])
        if len(rows) > NAMED:
            names += "\n" + self.tr("ほか {0} 件").format(len(rows) - NAMED)
        text = self.tr("次の {0} 件のシートを完全に削除しますか？\n\n{1}\n\n"
                       "内容・変更履歴とも消え、元に戻せません（「編集 > 元に戻す」の履歴も消えます）。").format(len(rows), names)
        withheld = sum(r.withheld for r in rows)
        if withheld:
            text += "\n\n" + self.tr(
                "非公開として登録された文章 {0} 件は登録に残ります。ほかのシートにコピーされていても、"
                "公開版には引き続き載りません（完全に削除した後は、この画面から解除できません）。").format(withheld)
        parent = self.dialog or self.window
        answer = QMessageBox.question(parent, self.tr("完全に削除"), text,
                                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                      QMessageBox.StandardButton.No)
        if answer != QMessageBox.StandardButton.Yes:
            return
        ids = [r.id for r in rows]
        self.ws.forget_sheets(ids)
        task = self.writer.submit(jobs.purge_sheets, self.ws.services, ids, label=self.tr("完全に削除しています"))
        task.succeeded.connect(lambda count: self._purged(count))
        task.failed.connect(lambda exc: QMessageBox.warning(parent, self.tr("完全に削除できませんでした"), str(exc)))

    def _purged(self, count: int) -> None:
        self.ws.model.reload()
        self.ws.refresh_choices()
        self._refresh()
        self.message.emit(self.tr("{0} 件のシートを完全に削除しました。").format(count), 6000)
