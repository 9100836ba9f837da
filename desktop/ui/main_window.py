"""The main window: layout, menus and status bar. It decides nothing itself.

Sheet list on the left and the editor in the middle (a splitter), the source
panel docked on the right and the validation panel below (both can be
hidden). Whoever composes the window connects the actions and sets
``close_guard``, asked before the window may close (it waits for saves).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QIcon, QUndoStack
from PySide6.QtWidgets import (
    QDockWidget,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMenu,
    QPushButton,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.paths import resources_dir
from desktop.survey.definition import SurveyDefinition
from desktop.ui.actions import Actions
from desktop.ui.banner import BannerArea
from desktop.ui.editor.sheet_editor import SheetEditor
from desktop.ui.settings import Settings
from desktop.ui.sheet_list_model import SheetListModel
from desktop.ui.sheet_list_view import SheetListView
from desktop.ui.source_panel import SourcePanel
from desktop.ui.task_status import TaskStatus
from desktop.ui.tasks import TaskRunner
from desktop.ui.validation_panel import ValidationPanel


VALIDATION_MIN_HEIGHT = 120
WRITE_BUTTONS = ("newSheetButton", "duplicateSheetButton", "deleteSheetButton", "addDocumentButton")


def app_icon() -> QIcon:
    return QIcon(str(resources_dir() / "icons" / "sesaku-desk.svg"))


class MainWindow(QMainWindow):
    recentChosen = Signal(str)

    def __init__(self, survey: SurveyDefinition, list_model: SheetListModel, undo_stack: QUndoStack,
                 runners: list[TaskRunner], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.setWindowIcon(app_icon())
        self.close_guard: Callable[[], bool] | None = None
        self.actions = Actions(self, undo_stack)

        self.list_view = SheetListView(survey, list_model)
        self.editor = SheetEditor(survey)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, objectName="mainSplitter")
        self.splitter.addWidget(self.list_view)
        self.splitter.addWidget(self.editor)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setSizes([480, 800])
        self.banners = BannerArea()
        central = QWidget(objectName="centralArea")
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.banners)
        column.addWidget(self.splitter, 1)
        self.setCentralWidget(central)
        self.read_only = False

        self.source_panel = SourcePanel()
        self.source_dock = QDockWidget(self.tr("資料"), self, objectName="sourceDock")
        self.source_dock.setWidget(self.source_panel)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.source_dock)
        self.validation_panel = ValidationPanel()
        self.validation_panel.setMinimumHeight(80)   # compact: a line or two of problems, the editor keeps the room
        self.validation_dock = QDockWidget(self.tr("検査"), self, objectName="validationDock")
        self.validation_dock.setWidget(self.validation_panel)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.validation_dock)
        self.setCorner(Qt.Corner.BottomRightCorner, Qt.DockWidgetArea.RightDockWidgetArea)
        self.resizeDocks([self.source_dock], [420], Qt.Orientation.Horizontal)
        self.resizeDocks([self.validation_dock], [VALIDATION_MIN_HEIGHT + 20], Qt.Orientation.Vertical)
        self._settings: Settings | None = None
        # Panels shown or hidden by restore_layout, or hidden with the closing window, are no one's choice.
        self._restoring = False

        self.save_state = QLabel(objectName="saveState")
        self.database_label = QLabel(objectName="databaseLabel")
        self.task_status = TaskStatus(runners)
        self.statusBar().addPermanentWidget(self.task_status)
        self.statusBar().addPermanentWidget(self.save_state)
        self.statusBar().addPermanentWidget(self.database_label)
        self._build_menus()
        self.list_view.menu_actions = [self.actions.open_sheet, None, self.actions.new_sheet,
                                       self.actions.duplicate_sheet, None, self.actions.delete_sheet]
        self.resize(1500, 900)

    def _build_menus(self) -> None:
        a = self.actions
        bar = self.menuBar()
        file_menu = bar.addMenu(self.tr("ファイル(&F)"))
        file_menu.setObjectName("fileMenu")
        for action in (a.new_sheet, a.duplicate_sheet, a.delete_sheet, a.trash, a.save):
            file_menu.addAction(action)
        file_menu.addSeparator()
        file_menu.addAction(a.open_database)
        file_menu.addAction(a.new_database)
        self.recent_menu = QMenu(self.tr("最近使ったデータベース"), self, objectName="recentMenu")
        file_menu.addMenu(self.recent_menu)
        file_menu.addSeparator()
        file_menu.addAction(a.export_report)
        file_menu.addAction(a.import_forms)
        file_menu.addAction(a.export_exchange)
        file_menu.addAction(a.import_exchange)
        file_menu.addSeparator()
        file_menu.addAction(a.add_document)
        file_menu.addAction(a.rebuild_demo)
        file_menu.addSeparator()
        file_menu.addAction(a.close_window)
        file_menu.addAction(a.quit)

        edit_menu = bar.addMenu(self.tr("編集(&E)"))
        edit_menu.setObjectName("editMenu")
        edit_menu.addAction(a.undo)
        edit_menu.addAction(a.redo)
        edit_menu.addSeparator()
        edit_menu.addAction(a.find)
        edit_menu.addAction(a.find_sources)
        edit_menu.addAction(a.check_year)
        edit_menu.addAction(a.history)
        edit_menu.addSeparator()
        edit_menu.addAction(a.mark_nonpublic)

        year_menu = bar.addMenu(self.tr("年度(&Y)"))
        year_menu.setObjectName("yearMenu")
        year_menu.addAction(a.new_year)
        year_menu.addAction(a.overview)
        year_menu.addAction(a.review_marks)

        survey_menu = bar.addMenu(self.tr("調査票(&S)"))
        survey_menu.setObjectName("surveyMenu")
        survey_menu.addAction(a.switch_survey)
        survey_menu.addSeparator()
        survey_menu.addAction(a.import_survey)
        survey_menu.addAction(a.export_survey)

        view_menu = bar.addMenu(self.tr("表示(&V)"))
        view_menu.setObjectName("viewMenu")
        view_menu.setToolTipsVisible(True)   # a disabled 他府省の公開シート says why
        view_menu.addAction(a.shared_sheets)
        view_menu.addSeparator()
        source_toggle = self.source_dock.toggleViewAction()
        source_toggle.setText(a.show_sources.text())
        source_toggle.setShortcut(a.show_sources.shortcut())
        validation_toggle = self.validation_dock.toggleViewAction()
        validation_toggle.setText(a.show_validation.text())
        validation_toggle.setShortcut(a.show_validation.shortcut())
        view_menu.addAction(source_toggle)
        view_menu.addAction(validation_toggle)
        self._add_panel_buttons(source_toggle, validation_toggle)
        view_menu.addSeparator()
        role_menu = view_menu.addMenu(self.tr("立場（点検・評価）"))
        role_menu.setObjectName("roleMenu")
        role_menu.addAction(a.role_ministry)
        role_menu.addAction(a.role_secretariat)
        language_menu = view_menu.addMenu(self.tr("表示言語"))
        language_menu.addAction(a.language_ja)
        language_menu.addAction(a.language_en)

        help_menu = bar.addMenu(self.tr("ヘルプ(&H)"))
        help_menu.setObjectName("helpMenu")
        help_menu.addAction(a.usage)
        help_menu.addAction(a.about)

    def _add_panel_buttons(self, *toggles: QAction) -> None:
        """The panels' toggles, always in sight at the menu bar's right end: a hidden panel is one click away."""
        corner = self.panel_buttons = QWidget(objectName="panelButtons")   # kept: the menu bar does not own it
        row = QHBoxLayout(corner)
        row.setContentsMargins(0, 0, 4, 0)
        row.setSpacing(2)
        for toggle, name in zip(toggles, ("sourcePanelButton", "validationPanelButton")):
            button = QToolButton(objectName=name)
            button.setDefaultAction(toggle)
            button.setAutoRaise(True)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            row.addWidget(button)
        self.menuBar().setCornerWidget(corner, Qt.Corner.TopRightCorner)
        self._panel_names = {}
        for dock, name in ((self.source_dock, "sources"), (self.validation_dock, "validation")):
            # toggled, not triggered: the dock's own ✕ and the 表示 menu count as a choice too. A bound
            # method, not a lambda: Qt drops the connection with the window, whose docks hide as it goes.
            self._panel_names[dock.toggleViewAction()] = name
            dock.toggleViewAction().toggled.connect(self._on_panel_toggled)

    def _on_panel_toggled(self, shown: bool) -> None:
        name = self._panel_names.get(self.sender())
        if name is not None:
            self._remember_panel(name, shown)

    def _remember_panel(self, name: str, shown: bool) -> None:
        # a window being torn down (never closed, e.g. at exit) hides its docks: no one's choice either
        if self._settings is not None and not self._restoring and self.isVisible():
            self._settings.set_panel_shown(name, shown)
            self._settings.sync()

    def show_sources(self) -> None:
        """Show the 資料 panel on demand (library search, a citation opened); remembered as shown."""
        self.source_dock.show()

    def _fit_panels(self, settings: Settings) -> None:
        """Give the editor the room on a laptop screen unless the person chose otherwise.

        Below 1600 px of width the 資料 panel starts hidden (its button and
        Ctrl+Shift+R bring it back) and the 検査 panel is kept low; a panel the
        person showed or hid (button, menu, the dock's ✕) stays as they left it.
        """
        width, height = self.width(), self.height()
        sources = settings.panel_shown("sources")
        self.source_dock.setVisible(width >= 1600 if sources is None else sources)
        validation = settings.panel_shown("validation")
        if validation is not None:
            self.validation_dock.setVisible(validation)
        self._keep_validation_low(height)

    def _keep_validation_low(self, height: int) -> None:
        """The 検査 panel takes at most a fifth of the window's height: the editor keeps the room."""
        most = max(VALIDATION_MIN_HEIGHT, height // 5)
        if self.validation_dock.isVisible() and self.validation_dock.height() > most:
            self.resizeDocks([self.validation_dock], [most], Qt.Orientation.Vertical)

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        if event.size().height() < event.oldSize().height():   # once the docks have their new sizes
            QTimer.singleShot(0, lambda h=event.size().height(): self._keep_validation_low(h))

    # -- state shown ------------------------------------------------------------------------

    def set_recent(self, targets: list[str]) -> None:
        self.recent_menu.clear()
        for target in targets:
            action = QAction(target, self.recent_menu)
            action.triggered.connect(lambda _c=False, t=target: self.recentChosen.emit(t))
            self.recent_menu.addAction(action)
        self.recent_menu.setEnabled(bool(targets))

    def set_database_enabled(self, enabled: bool) -> None:
        for action in self.actions.sheet_actions():
            action.setEnabled(enabled)
        self.list_view.setEnabled(enabled)
        self.source_panel.setEnabled(enabled)
        self.apply_read_only()

    def set_read_only(self, read_only: bool) -> None:
        """A read-only database: browsing and searching stay, every action that writes is disabled."""
        self.read_only = read_only
        self.apply_read_only()

    def apply_read_only(self) -> None:
        if self.read_only:
            for action in self.actions.write_actions():
                action.setEnabled(False)
        for name in WRITE_BUTTONS:
            for button in self.findChildren(QPushButton, name):
                button.setEnabled(not self.read_only)

    # -- layout memory --------------------------------------------------------------------------

    def restore_layout(self, settings: Settings) -> None:
        self._settings = settings
        self._restoring = True
        try:
            geometry = settings.geometry("window")
            if geometry is not None:
                self.restoreGeometry(geometry)
            else:
                self._fit_to_screen()
            state = settings.geometry("windowState")
            if state is not None:
                self.restoreState(state)
            splitter = settings.geometry("splitter")
            if splitter is not None:
                self.splitter.restoreState(splitter)
            sources = settings.geometry("sourceSplitter")
            if sources is not None:
                self.source_panel.splitter.restoreState(sources)
            self._fit_panels(settings)
        finally:
            self._restoring = False

    def _fit_to_screen(self) -> None:
        """First start: the default size, but never larger than the screen (a 1366×768 laptop shows it whole)."""
        screen = self.screen()
        if screen is None:
            return
        available = screen.availableGeometry()
        frame = self.frameGeometry().size() - self.geometry().size()
        if frame.isEmpty():   # not shown yet: the window manager's frame is unknown, leave room for a title bar
            frame = QSize(16, 48)
        width = min(self.width(), available.width() - frame.width())
        height = min(self.height(), available.height() - frame.height())
        self.resize(width, height)
        self.move(available.x() + (available.width() - width - frame.width()) // 2,
                  available.y() + (available.height() - height - frame.height()) // 2)

    def save_layout(self, settings: Settings) -> None:
        settings.set_geometry("window", self.saveGeometry())
        settings.set_geometry("windowState", self.saveState())
        settings.set_geometry("splitter", self.splitter.saveState())
        settings.set_geometry("sourceSplitter", self.source_panel.splitter.saveState())

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        if self.close_guard is not None and not self.close_guard():
            event.ignore()
            return
        self._restoring = True   # the docks hide with the window: not a choice to remember
        event.accept()

    def showEvent(self, event) -> None:  # noqa: N802
        super().showEvent(event)
        self._restoring = False
