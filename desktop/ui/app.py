"""The composition root: builds the window and its owners, opens databases, first run.

Nothing else creates services, task runners or the undo stack; tests build an
:class:`Application` with their own settings file and database, exactly as
``run_gui`` does for staff.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QKeySequence, QUndoStack
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QPushButton

from desktop.store import failures
from desktop.store.database import DatabaseError, is_url, resolve_target
from desktop.survey.definition import SurveyDefinition
from desktop.store.surveys import SurveyCatalog, SurveyNotFound
from desktop.survey.loader import default_survey
from desktop.ui.survey_controller import SurveyController
from desktop.ui import jobs
from desktop.ui.annual import AnnualController
from desktop.ui.clipboard import release_clipboard
from desktop.ui.daily_backup import DailyBackup
from desktop.ui.disclosure import DisclosureController
from desktop.ui.banner import INFO, READ_ONLY, WARNING
from desktop.ui.dialogs import first_run
from desktop.ui.dialogs.help import HelpDialog, show_about
from desktop.ui.main_window import MainWindow
from desktop.ui.exchange import ExchangeController
from desktop.ui.reports import ReportController
from desktop.ui.services import Services
from desktop.ui.shared_sheets import SharedSheetsController
from desktop.ui.settings import Settings
from desktop.ui.sheet_list_model import SheetListModel
from desktop.ui.source_controller import SourceController
from desktop.ui.tasks import TaskRunner
from desktop.ui.trash import TrashController
from desktop.ui.wheel_guard import install_wheel_guard
from desktop.ui.workspace import SheetWorkspace

DATABASE_FILTER = "*.db *.sqlite *.sqlite3"


class UndoKeyFilter(QObject):
    """Let Ctrl+Z / Ctrl+Y reach the session's undo stack instead of a line edit's own undo.

    Shortcut overrides go to the focused widget, so the filter sits on that widget only (moved on every
    focus change): an application-wide filter ran Python for each of the hundreds of move, resize and
    paint events of a sheet switch.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        app = QApplication.instance()
        app.focusChanged.connect(self._focus_changed)
        self._focus_changed(None, app.focusWidget())

    def _focus_changed(self, old: QObject | None, new: QObject | None) -> None:
        for widget, watch in ((old, False), (new, True)):
            try:
                if widget is not None:
                    widget.removeEventFilter(self)
                    if watch and widget.property("sesakuUndo"):
                        widget.installEventFilter(self)
            except RuntimeError:   # the old widget is being deleted
                pass

    def detach(self) -> None:
        QApplication.instance().focusChanged.disconnect(self._focus_changed)
        self._focus_changed(QApplication.instance().focusWidget(), None)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.ShortcutOverride and obj.property("sesakuUndo"):
            if event.matches(QKeySequence.StandardKey.Undo) or event.matches(QKeySequence.StandardKey.Redo) \
                    or event.keyCombination().toCombined() == QKeySequence("Ctrl+Y")[0].toCombined():
                return True
        return False


class Application(QObject):
    def __init__(self, settings: Settings, survey: SurveyDefinition | None = None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.survey = survey or default_survey()
        self.services: Services | None = None
        # Set when the window is to be rebuilt for another survey (or version): the definition and the
        # database to reopen in it; run_gui builds the next window from it (ui/survey_controller.py).
        self.switch_to: tuple[SurveyDefinition, str | None] | None = None
        self._shut_down = False
        install_wheel_guard()   # before any widget: the wheel never changes a value without focus
        self.writer = TaskRunner("writer", 1, self)
        self.reader = TaskRunner("reader", 2, self)
        self.undo_stack = QUndoStack(self)
        self.list_model = SheetListModel(self.survey, self)
        self.window = MainWindow(self.survey, self.list_model, self.undo_stack, [self.writer, self.reader])
        w = self.window
        self.workspace = SheetWorkspace(list_model=self.list_model, list_view=w.list_view, editor=w.editor,
                                        validation=w.validation_panel, undo_stack=self.undo_stack,
                                        writer=self.writer, reader=self.reader, autosave_ms=settings.autosave_ms,
                                        dialog_parent=w, parent=self)
        self.sources = SourceController(w.source_panel, self.workspace, self.undo_stack, self.reader, self.writer,
                                        w, self)
        self.annual = AnnualController(self.workspace, self.writer, self.reader, w, settings, self)
        self.disclosure = DisclosureController(self.workspace, self.reader, w, self)
        self.trash = TrashController(self.workspace, self.writer, w, self)
        self.reports = ReportController(self.workspace, self.writer, self.reader, w, settings, self)
        self.surveys = SurveyController(lambda: self.services, settings, self.switch_survey, w, self)
        w.editor.kept_label = self._kept_label
        self.exchange = ExchangeController(self.workspace, self.writer, self.reader, w, settings, self)
        self.shared = SharedSheetsController(self.workspace, self.writer, self.reader, w, settings,
                                             w.actions.shared_sheets, self)
        self.daily_backup = DailyBackup(self.writer, w.list_view.table.viewport(), self)
        self.help_dialog: HelpDialog | None = None
        self._undo_filter = UndoKeyFilter(self)
        self._wire()
        w.restore_layout(settings)
        w.set_recent(settings.existing_recent_databases())
        (w.actions.language_en if settings.language == "en" else w.actions.language_ja).setChecked(True)
        (w.actions.role_secretariat if settings.role == "secretariat" else w.actions.role_ministry).setChecked(True)
        self.workspace.set_role(settings.role)
        self._show_state()

    # -- wiring ----------------------------------------------------------------------------

    def _wire(self) -> None:
        a, w, ws = self.window.actions, self.window, self.workspace
        a.new_sheet.triggered.connect(ws.new_sheet)
        a.duplicate_sheet.triggered.connect(ws.duplicate_sheet)
        a.delete_sheet.triggered.connect(ws.delete_sheet)
        a.trash.triggered.connect(self.trash.open)
        a.save.triggered.connect(self.save_now)
        a.open_database.triggered.connect(self.choose_database)
        a.new_database.triggered.connect(self.choose_new_database)
        a.add_document.triggered.connect(w.source_panel.choose_documents)
        a.rebuild_demo.triggered.connect(self.rebuild_demo)
        a.export_report.triggered.connect(self.reports.export)
        a.import_forms.triggered.connect(self.reports.import_forms)
        a.switch_survey.triggered.connect(self.surveys.choose)
        a.import_survey.triggered.connect(self.surveys.import_definition)
        a.export_survey.triggered.connect(self.surveys.export_definition)
        a.export_exchange.triggered.connect(self.exchange.export)
        a.import_exchange.triggered.connect(self.exchange.import_file)
        a.close_window.triggered.connect(w.close)
        a.quit.triggered.connect(w.close)
        a.find.triggered.connect(self.find_in_sheet)
        a.find_sources.triggered.connect(self.focus_search)
        a.open_sheet.triggered.connect(self.go_to_sheet)
        w.list_view.openRequested.connect(self.go_to_sheet)
        a.check_year.triggered.connect(self.check_year)
        a.history.triggered.connect(self.annual.history)
        a.new_year.triggered.connect(self.annual.new_year)
        a.overview.triggered.connect(self.annual.overview)
        a.mark_nonpublic.triggered.connect(lambda: ws.editor.marks.mark_selection())
        a.review_marks.triggered.connect(self.disclosure.review)
        a.languages.triggered.connect(lambda action: self.set_language(action.data()))
        a.roles.triggered.connect(lambda action: self.set_role(action.data()))
        a.usage.triggered.connect(self.show_help)
        a.about.triggered.connect(lambda: show_about(w, self.services.target if self.services else None))
        self.sources.passageWanted.connect(w.show_sources)
        w.recentChosen.connect(lambda target: self.open_database(target, create=False))
        w.close_guard = self._may_close
        ws.stateChanged.connect(self._show_state)
        ws.currentChanged.connect(lambda _doc: self._show_banners())
        for owner in (ws, self.sources, self.annual, self.disclosure, self.trash, self.reports, self.exchange,
                      self.shared, self.daily_backup):
            owner.message.connect(w.statusBar().showMessage)
        self.daily_backup.failed.connect(lambda _note: self._show_banners())
        self.undo_stack.indexChanged.connect(lambda _i: self._show_state())
        for runner in (self.writer, self.reader):
            runner.failedUnhandled.connect(self._task_failed)

    def _task_failed(self, task) -> None:
        """A task failed that no screen was waiting on: said to the person, never dropped. Background
        tasks (counts, previews) on the status bar; work someone started in a dialog."""
        text = self.tr("「{0}」を完了できませんでした: {1}").format(task.label or self.tr("処理"), task.error)
        if task.quiet:
            self.window.statusBar().showMessage(text, 10000)
        else:
            QMessageBox.warning(self.window, self.tr("処理を完了できませんでした"), text)

    # -- starting ----------------------------------------------------------------------------

    def start(self, db_target: str | None = None) -> bool:
        """Open what staff asked for, else the last database, else the default (first run)."""
        if db_target:
            return self.open_database(db_target, create=True)
        last = self.settings.last_database
        if last and is_url(last):
            # A server that refuses now is no reason to land the person in a local file unawares.
            return self.open_database(last, create=False)
        if last and Path(last).exists():
            if self.open_database(last, create=False):
                return True
        target = resolve_target(None)
        is_first_run = not is_url(target) and not Path(target).exists()
        if not self.open_database(target, create=True):
            return False
        if is_first_run:
            self.first_run(target)
        return True

    def first_run(self, target: str) -> None:
        choice = first_run.ask_first_run(target, self.window)
        if choice == first_run.DEMO:
            self.build_demo()

    def services_target(self) -> str | None:
        return self.services.target if self.services is not None else None

    def build_demo(self) -> None:
        if self.services is None:
            return
        task = self.writer.submit(jobs.build_demo, self.services, label=self.tr("サンプルデータを作成しています"))
        task.succeeded.connect(self._demo_built)
        task.failed.connect(lambda exc: QMessageBox.warning(self.window, self.tr("サンプルデータを作成できませんでした"),
                                                            failures.message(exc, self.services_target())))

    def _demo_built(self, count: int) -> None:
        self.workspace.set_services(self.services)
        self.sources.refresh_documents()
        first = self.list_model.sheet_id(0)
        if first is not None:
            self.workspace.open_sheet(first)
        self.window.statusBar().showMessage(self.tr("サンプルのシートを {0} 件作成しました。").format(count), 6000)

    def rebuild_demo(self) -> None:
        answer = QMessageBox.question(
            self.window, self.tr("サンプルデータ"),
            self.tr("サンプルのシートを作り直しますか？サンプルに加えた変更は失われます（他のシートはそのままです）。"))
        if answer == QMessageBox.StandardButton.Yes:
            self.workspace.wait_saved()
            self.build_demo()

    # -- databases ------------------------------------------------------------------------------

    def open_database(self, target: str, *, create: bool = False) -> bool:
        """Open a database; a missing or foreign file is reported and nothing changes."""
        services = self._open_services(target, create)
        if services is None:
            return False
        if not self._unsaved_may_be_dropped(self.tr("保存できなかった変更があります（{0} 件のシート）。"
                                                    "変更を破棄して別のデータベースを開きますか？")):
            services.close()
            return False
        self._close_services()
        self.services = services
        self.workspace.set_services(services)
        self.sources.set_services(services)
        self.settings.last_database = services.target
        self.settings.add_recent_database(services.target)
        self.window.set_recent(self.settings.existing_recent_databases())
        self.window.set_read_only(services.read_only)
        self.window.set_database_enabled(True)
        self._show_role()
        self._show_banners()
        self._show_state()
        self.shared.check()
        if not services.read_only:
            self.index_seeds()
            self.workspace.journal.recover(self.workspace, self.window)
        self.daily_backup.schedule(services)
        wanted = self._wanted_survey(services)
        if wanted is not None:
            QTimer.singleShot(0, lambda: self.switch_survey(wanted))
        return True

    def _wanted_survey(self, services: Services) -> SurveyDefinition | None:
        """The definition the window should be built for, when it is not this one: the survey chosen in
        調査票 > 切り替え (this one when the database does not hold it), in its latest stored version."""
        catalog = SurveyCatalog(services.db)
        key = self.settings.survey_key if self.settings.survey_key in catalog.keys() else self.survey.key
        try:
            wanted = catalog.definition(key)
        except SurveyNotFound:
            return None
        same = wanted.key == self.survey.key and wanted.version == self.survey.version and wanted == self.survey
        return None if same else wanted

    def _kept_label(self, field_key: str) -> str:
        """The label of a field an earlier version of the survey had, for the editor's 前の版の項目."""
        if self.services is None:
            return field_key
        return SurveyCatalog(self.services.db).field_label(self.survey.key, field_key)

    def switch_survey(self, definition: SurveyDefinition) -> None:
        """Rebuild the window for ``definition`` on the same database (run_gui makes the next window)."""
        if self.switch_to is not None:
            return
        self.switch_to = (definition, self.services_target())
        self.window.close()
        if self.window.isVisible():     # closing was refused (unsaved changes kept): stay
            self.switch_to = None

    def _open_services(self, target: str, create: bool) -> Services | None:
        """Services of the database, or None once the person was told why not.

        A server that is full or out of reach may answer in a moment: the
        person may try again from the message, as often as they like.
        """
        while True:
            try:
                return Services.open(target, create=create, survey=self.survey, editing=True)
            except DatabaseError as exc:
                if not getattr(exc, "transient", False):
                    QMessageBox.warning(self.window, self.tr("データベースを開けません"), str(exc))
                    return None
                retry = QMessageBox.StandardButton.Retry
                answer = QMessageBox.warning(
                    self.window, self.tr("データベースに接続できません"),
                    self.tr("{0}\n\n「再試行」でもう一度接続します。").format(exc),
                    retry | QMessageBox.StandardButton.Cancel, retry)
                if answer != retry:
                    self.window.statusBar().showMessage(
                        self.tr("データベースに接続できませんでした。「ファイル」メニューから開き直せます。"), 15000)
                    return None

    def _show_role(self) -> None:
        """表示 > 立場 follows the server where it decides (roles per ministry), else the setting."""
        a = self.window.actions
        given = self.services.db.access.review_role if self.services is not None else None
        role = given or self.settings.role
        (a.role_secretariat if role == "secretariat" else a.role_ministry).setChecked(True)
        for action in (a.role_ministry, a.role_secretariat):
            action.setEnabled(given is None)
            action.setToolTip(self.tr("立場はサーバーのロールの割り当てで決まります（{0}）。").format(
                self.services.db.access.describe()) if given else "")
        self.workspace.set_role(role)

    def _access_banners(self) -> list[tuple[str, str, str]]:
        """Who the server says this is and what that allows; why the open sheet is not editable."""
        access = self.services.db.access if self.services is not None else None
        if access is None or not access.restricted or access.note():
            return []   # a role the map does not know (or an administrator): its note says it
        if access.review_role == "secretariat":
            scope = self.tr("{0}として接続しています。すべての府省庁のシートを閲覧し、状態の変更・コメント・評価を行えます。"
                            "シートの内容は編集できません（サーバーが制限しています）。").format(access.describe())
        else:
            scope = self.tr("{0}として接続しています。表示・編集できるのは{1}のシートだけです"
                            "（サーバーが制限しています）。").format(access.describe(), access.ministry)
        banners = [(INFO, self.tr("ロール"), scope)]
        refusal = self.workspace.edit_refusal()
        if refusal and access.review_role != "secretariat":
            banners.append((READ_ONLY, self.tr("このシートは編集できません"), refusal))
        return banners

    def _show_banners(self) -> None:
        """Why the database is read-only, who the server says this is, and its notes (network drive, failed backup),
        above the sheets."""
        banners = []
        if self.services is not None and self.services.read_only:
            banners.append((READ_ONLY, self.tr("読み取り専用"),
                            self.services.read_only_reason or self.tr("このデータベースは読み取り専用で開かれています。")))
        banners.extend(self._access_banners())
        for note in self.services.db.notes if self.services is not None else []:
            banners.append((WARNING, self.tr("注意"), note))
        self.window.banners.set_banners(banners)

    def index_seeds(self) -> None:
        if self.services is None:
            return
        task = self.writer.submit(jobs.index_seeds, self.services, label=self.tr("資料ライブラリを準備しています"))
        task.succeeded.connect(lambda n: n and self.sources.refresh_documents())
        task.failed.connect(lambda exc: self.window.statusBar().showMessage(
            self.tr("資料ライブラリを準備できませんでした: {0}").format(failures.message(exc, self.services_target())),
            10000))

    def _close_services(self) -> None:
        if self.services is None:
            return
        self.daily_backup.schedule(None)
        self.trash.close()
        self.shared.close()
        self.workspace.wait_saved()
        self.writer.wait_idle()
        self.reader.wait_idle()
        self.workspace.set_services(None)
        self.sources.set_services(None)
        self.services.close()
        self.services = None
        self.window.set_read_only(False)
        self.window.banners.set_banners([])
        self.window.set_database_enabled(False)

    def choose_database(self) -> None:
        path, _f = QFileDialog.getOpenFileName(
            self.window, self.tr("データベースを開く"), self._database_folder(),
            self.tr("施策デスクのデータベース ({0});;すべてのファイル (*)").format(DATABASE_FILTER))
        if path:
            self.open_database(path, create=False)

    def choose_new_database(self) -> None:
        path, _f = QFileDialog.getSaveFileName(
            self.window, self.tr("新しいデータベース"), str(Path(self._database_folder()) / "sesaku.db"),
            self.tr("施策デスクのデータベース ({0})").format(DATABASE_FILTER))
        if path:
            if Path(path).exists():
                QMessageBox.warning(self.window, self.tr("新しいデータベース"),
                                    self.tr("{0} は既にあります。開くには「データベースを開く」を使ってください。").format(path))
                return
            self.open_database(path, create=True)

    def _database_folder(self) -> str:
        if self.services is not None and self.services.db.path is not None:
            return str(self.services.db.path.parent)
        return str(Path.home())

    # -- commands ----------------------------------------------------------------------------------

    def save_now(self) -> None:
        self.workspace.save_now()
        self.window.statusBar().showMessage(self.tr("保存しています…"), 2000)

    def go_to_sheet(self) -> None:
        """開く (Enter in the list): the open sheet's first field takes the focus."""
        if self.workspace.doc is not None:
            self.window.editor.focus_field(self.survey.title_field)

    def find_in_sheet(self) -> None:
        if self.workspace.doc is not None:
            self.window.editor.find_bar.open()

    def focus_search(self) -> None:
        self.window.show_sources()
        self.window.source_dock.raise_()
        self.window.source_panel.focus_search()

    def check_year(self) -> None:
        self.window.validation_dock.show()
        self.workspace.check_year()

    def set_role(self, role: str) -> None:
        """表示 > 立場: who acts in the review cycle (remembered between sessions; the server's on PostgreSQL)."""
        if self.services is not None and self.services.db.access.review_role is not None:
            self._show_role()
            return
        self.settings.role = role
        self.settings.sync()
        self.workspace.set_role(self.settings.role)
        label = self.services.survey.review.role_label(role) if self.services else role
        self.window.statusBar().showMessage(self.tr("{0}として操作します。").format(label), 4000)

    def set_language(self, code: str) -> None:
        if code == self.settings.language:
            return
        self.settings.language = code
        self.settings.sync()
        QMessageBox.information(self.window, self.tr("表示言語"),
                                self.tr("表示言語は次回の起動から切り替わります。"))

    def show_help(self) -> None:
        if self.help_dialog is None:
            self.help_dialog = HelpDialog(self.window)
        self.help_dialog.show()
        self.help_dialog.raise_()

    # -- what the window shows ---------------------------------------------------------------------

    def save_state_text(self) -> str:
        doc = self.workspace.doc
        if doc is None:
            return ""
        if self.services is not None and self.services.read_only:
            return self.tr("読み取り専用")
        if doc.save_error:
            return self.tr("保存できません")
        if self.workspace.autosaver.is_saving(doc):
            return self.tr("保存中…")
        return self.tr("未保存の変更あり") if doc.is_dirty else self.tr("保存済み")

    def _show_state(self) -> None:
        doc = self.workspace.doc
        name = self.tr("施策デスク")
        parts = []
        if doc is not None:
            parts.append((doc.title or self.tr("（無題）")) + "[*]")
        if self.services is not None:
            parts.append(Path(self.services.target).name if not is_url(self.services.target) else self.services.target)
        parts.append(name)
        self.window.setWindowTitle(" — ".join(parts))
        self.window.setWindowModified(bool(doc and doc.is_dirty))
        self.window.save_state.setText(self.save_state_text())
        self.window.database_label.setText(self.services.target if self.services else self.tr("データベースなし"))
        self.window.set_database_enabled(self.services is not None)
        has_doc = doc is not None
        access = self.workspace.access
        self.window.actions.new_sheet.setEnabled(self.services is not None and access.may_create)
        self.window.actions.duplicate_sheet.setEnabled(has_doc and access.may_create)
        self.window.actions.delete_sheet.setEnabled(has_doc and self.workspace.edit_refusal() is None)
        self.window.actions.history.setEnabled(has_doc)
        self.window.apply_read_only()
        if access.restricted:   # the list's buttons say no too, and why (the server's roles)
            why = self.tr("このロール（{0}）ではできません。").format(access.describe())
            a = self.window.actions
            for name, action in (("newSheetButton", a.new_sheet), ("duplicateSheetButton", a.duplicate_sheet),
                                 ("deleteSheetButton", a.delete_sheet)):
                for button in self.window.findChildren(QPushButton, name):
                    button.setEnabled(action.isEnabled())
                    button.setToolTip("" if action.isEnabled() else why)

    # -- closing ---------------------------------------------------------------------------------------

    def _unsaved_may_be_dropped(self, question: str) -> bool:
        """Wait for the saves; if some could not be saved (or wait for a merge), ask before dropping them."""
        if self.services is None or self.workspace.wait_saved():
            return True
        answer = QMessageBox.question(
            self.window, self.tr("保存されていない変更"), question.format(len(self.workspace.unsaved_documents())),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
        if answer == QMessageBox.StandardButton.Yes:
            self.workspace.journal.discard()   # dropped on purpose: not restored on the next start
            return True
        return False

    def _may_close(self) -> bool:
        self.window.statusBar().showMessage(self.tr("保存しています…"))
        if not self._unsaved_may_be_dropped(
                self.tr("保存できなかった変更があります（{0} 件のシート）。変更を破棄して閉じますか？")):
            return False
        self.shutdown()
        return True

    def shutdown(self) -> None:
        """Remember the layout, finish background work and close the database (idempotent)."""
        if self._shut_down:
            return
        self._shut_down = True
        self.window.save_layout(self.settings)
        self.settings.sync()
        if self.services is not None:
            self.workspace.wait_saved()   # quitting without closing the window (logout) still saves
        self.reader.shutdown()
        self.writer.shutdown()
        self._undo_filter.detach()
        release_clipboard()
        if self.services is not None:
            self.workspace.set_services(None)
            self.services.close()
            self.services = None
