"""The owner of 表示 > 他府省の公開シート: other ministries' shared public parts, read only.

The action is enabled only where the view can show something: a PostgreSQL
server whose survey definition shares a status ([sharing] public_parts);
elsewhere it stays disabled and its tooltip says why. Whether it can is
asked on the reader when a database is opened (two small queries on a
server; nothing on a SQLite file), and again with every load of the dialog,
since the secretariat may stop sharing meanwhile. The rows are read on the
reader through desktop.app.sharing, which reads the shared table only.
"""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QWidget
from shiboken6 import isValid

from desktop.app import sharing
from desktop.store import failures
from desktop.ui.controller import WorkspaceController
from desktop.ui.dialogs.shared_sheets import SharedSheetsDialog
from desktop.ui.services import Services
from desktop.ui.settings import Settings
from desktop.ui.tasks import TaskRunner
from desktop.ui.workspace import SheetWorkspace


def _view(services: Services) -> sharing.SharedView:
    return sharing.view_of(services.db, services.survey.key)


def _load(services: Services) -> tuple[sharing.SharedView, list[sharing.SharedSheet]]:
    view = _view(services)
    return view, (sharing.shared_sheets(services.repository()) if view.open else [])


class SharedSheetsController(WorkspaceController):
    def __init__(self, workspace: SheetWorkspace, writer: TaskRunner, reader: TaskRunner, window: QWidget,
                 settings: Settings, action: QAction, parent: QObject | None = None) -> None:
        super().__init__(workspace, writer, reader, window, settings, parent)
        self.action = action
        self.view: sharing.SharedView | None = None
        self.dialog: SharedSheetsDialog | None = None
        action.triggered.connect(self.open)
        self._set_action(None, self.tr("データベースが開かれていません。"))

    # -- whether the view can be opened --------------------------------------------------------

    def check(self) -> None:
        """A database was opened (or closed): find out whether its survey shares, and say so on the action."""
        services = self.services
        self.view = None
        if services is None:
            self._set_action(None, self.tr("データベースが開かれていません。"))
            return
        if services.db.dialect != "postgresql":    # known without asking the database
            self._show_view(_view(services))
            return
        self._set_action(None, self.tr("共有の設定を確認しています…"))
        task = self.reader.submit(_view, services, label=self.tr("他府省の公開シートの共有を確認しています"),
                                  quiet=True)
        task.succeeded.connect(lambda view: self.services is services and self._show_view(view))
        task.failed.connect(lambda exc: self.services is services and self._set_action(
            None, self.tr("共有の設定を確認できませんでした: {0}").format(failures.message(exc, services.target))))

    def reason(self, view: sharing.SharedView) -> str:
        """Why the view cannot be opened (empty when it can), in the window's language."""
        state = view.state
        if state is sharing.ViewState.NOT_SERVER:
            return self.tr("他府省の公開シートは、府省庁ごとのロールを設定した共有の PostgreSQL サーバーでだけ閲覧できます"
                           "（開いているデータベースはこのパソコンのファイルです）。")
        if state is sharing.ViewState.NOT_SET_UP:
            return self.tr("このサーバーには公開シートを共有する設定がありません（管理者が sesaku-desk server setup を"
                           "実行します。docs/postgresql.md）。")
        if state is sharing.ViewState.NOT_SHARED:
            survey = self.services.survey.title if self.services is not None else ""
            return self.tr("調査票「{0}」では、他府省庁の施策シートは共有されていません"
                           "（調査票の定義の [sharing] で事務局が設定します）。").format(survey)
        return ""

    def _show_view(self, view: sharing.SharedView) -> None:
        self.view = view
        if view.open:
            self._set_action(view, self.tr("他府省庁の施策シートのうち共有されているものを、公開部分だけ閲覧します"
                                           "（{0}）。").format(view.sharing.label or self.tr("閲覧のみ")))
        else:
            self._set_action(None, self.reason(view))

    def _set_action(self, view: sharing.SharedView | None, tip: str) -> None:
        self.action.setEnabled(view is not None and view.open)
        self.action.setToolTip(tip)
        self.action.setStatusTip(tip)

    # -- the dialog ------------------------------------------------------------------------------

    def open(self) -> None:
        services, view = self.services, self.view
        if services is None or view is None or not view.open:
            return
        if self.dialog is None:
            dialog = SharedSheetsDialog(view.sharing, services.survey.public_placeholder, self.window)
            dialog.reloadRequested.connect(self.load)
            dialog.finished.connect(self._closed)
            self.dialog = dialog
        self.dialog.show()
        self.dialog.raise_()
        self.dialog.activateWindow()
        self.load()

    def load(self) -> None:
        services, dialog = self.services, self.dialog
        if services is None or dialog is None:
            return
        dialog.set_loading()
        task = self.reader.submit(_load, services, label=self.tr("他府省の公開シートを読み込んでいます"))

        def loaded(result: tuple[sharing.SharedView, list[sharing.SharedSheet]]) -> None:
            view, rows = result
            if self.services is not services:
                return
            self._show_view(view)
            if not isValid(dialog) or dialog is not self.dialog:
                return
            if view.open:
                dialog.set_sharing(view.sharing)
                dialog.show_rows(rows)
            else:
                dialog.show_unavailable(self.reason(view))

        def failed(exc: object) -> None:
            if isValid(dialog) and dialog is self.dialog:
                dialog.show_failed(failures.message(exc, services.target))   # type: ignore[arg-type]

        task.succeeded.connect(loaded)
        task.failed.connect(failed)

    def close(self) -> None:
        """The database is being closed: what the dialog shows belongs to it."""
        if self.dialog is not None:
            self.dialog.reject()
        self._closed(0)
        self.view = None
        self._set_action(None, self.tr("データベースが開かれていません。"))

    def _closed(self, _result: int) -> None:
        if self.dialog is not None:
            self.dialog.deleteLater()
            self.dialog = None
