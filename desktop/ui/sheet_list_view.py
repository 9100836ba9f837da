"""The sheet list: filters (年度, 府省庁, 施策分類, 状態, text) above a lazily filled table."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QItemSelectionModel, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QFont, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.store.repository import SheetFilter
from desktop.survey.definition import SurveyDefinition
from desktop.survey.sheet import Status
from desktop.survey.wareki import format_fiscal_year
from desktop.ui.sheet_list_model import COLUMNS, SheetListModel

TEXT_DEBOUNCE_MS = 300


def grouped_classification_combo(combo: QComboBox, survey: SurveyDefinition, none_label: str) -> None:
    """Fill a combobox with the 施策分類 grouped by ポイント: group rows are headings, not choices."""
    model = QStandardItemModel(combo)
    first = QStandardItem(none_label)
    first.setData(None, Qt.ItemDataRole.UserRole)
    model.appendRow(first)
    for group in survey.classification_groups:
        heading = QStandardItem(group.label)
        heading.setFlags(Qt.ItemFlag.NoItemFlags)
        font = QFont()
        font.setBold(True)
        heading.setFont(font)
        model.appendRow(heading)
        for choice in group.choices:
            item = QStandardItem("\u3000" + choice.label)
            item.setData(choice.code, Qt.ItemDataRole.UserRole)
            item.setToolTip(f"{group.label} / {choice.label}\n{choice.description}".strip())
            model.appendRow(item)
    combo.setModel(model)


def select_data(combo: QComboBox, value) -> None:
    index = combo.findData(value, Qt.ItemDataRole.UserRole)
    combo.setCurrentIndex(index if index >= 0 else 0)


class SheetListView(QWidget):
    currentSheetChanged = Signal(object)   # sheet id or None
    newRequested = Signal()
    duplicateRequested = Signal()
    deleteRequested = Signal()
    openRequested = Signal()   # Enter or a double click: go to the open sheet's fields
    filtersChanged = Signal()

    def __init__(self, survey: SurveyDefinition, model: SheetListModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.survey = survey
        self.model = model
        self._current: int | None = None

        self.year_filter = QComboBox(objectName="yearFilter")
        self.ministry_filter = QComboBox(objectName="ministryFilter")
        self.ministry_filter.setMinimumContentsLength(8)
        self.classification_filter = QComboBox(objectName="classificationFilter")
        grouped_classification_combo(self.classification_filter, survey, self.tr("すべての分類"))
        self.status_filter = QComboBox(objectName="statusFilter")
        self.status_filter.addItem(self.tr("すべての状態"), None)
        for status in Status:
            self.status_filter.addItem(status.label, status.value)
        self.text_filter = QLineEdit(objectName="textFilter")
        self.text_filter.setPlaceholderText(self.tr("シートの本文を検索"))
        self.text_filter.setClearButtonEnabled(True)
        self._text_timer = QTimer(self)
        self._text_timer.setSingleShot(True)
        self._text_timer.setInterval(TEXT_DEBOUNCE_MS)
        self._text_timer.timeout.connect(self._apply_filters)

        self.table = QTableView(objectName="sheetTable")
        self.table.setModel(model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSortingEnabled(True)
        self.table.setWordWrap(False)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.setTabKeyNavigation(False)   # Tab leaves the list; arrows move within it
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._show_menu)
        self.table.installEventFilter(self)
        self.table.doubleClicked.connect(lambda _i: self.openRequested.emit())
        self.menu_actions: list = []   # what the right-click menu offers (the window's actions; None: a line)
        self.menu: QMenu | None = None
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        header.setSortIndicator(model.sort_column, Qt.SortOrder.DescendingOrder)
        header.sortIndicatorChanged.connect(self._keep_sortable_indicator)
        widths = {"fiscal_year": 78, "ministry": 80, "classification": 100, "title": 240, "status": 56,
                  "kpis": 84, "updated_at": 112, "problems": 64}
        for i, name in enumerate(COLUMNS):
            header.resizeSection(i, widths[name])
        self.table.selectionModel().currentRowChanged.connect(self._on_current_row)
        model.modelReset.connect(self._restore_current)

        self.count_label = QLabel(objectName="sheetCount")
        new_button = QPushButton(self.tr("新規"), objectName="newSheetButton")
        new_button.clicked.connect(self.newRequested)
        dup_button = QPushButton(self.tr("複製"), objectName="duplicateSheetButton")
        dup_button.clicked.connect(self.duplicateRequested)
        del_button = QPushButton(self.tr("削除"), objectName="deleteSheetButton")
        del_button.clicked.connect(self.deleteRequested)

        filters = QGridLayout()
        filters.setContentsMargins(0, 0, 0, 0)
        filters.addWidget(self.year_filter, 0, 0)
        filters.addWidget(self.ministry_filter, 0, 1)
        filters.addWidget(self.status_filter, 0, 2)
        filters.addWidget(self.classification_filter, 1, 0, 1, 3)
        filters.addWidget(self.text_filter, 2, 0, 1, 3)
        buttons = QHBoxLayout()
        buttons.addWidget(self.count_label, 1)
        for b in (new_button, dup_button, del_button):
            buttons.addWidget(b)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)

        self.set_choices([], [])
        for combo in (self.year_filter, self.ministry_filter, self.classification_filter, self.status_filter):
            combo.activated.connect(self._apply_filters)
        self.text_filter.textChanged.connect(lambda _t: self._text_timer.start())
        model.reloaded.connect(self._update_count)

    # -- filters -----------------------------------------------------------------------

    def knows_year(self, year: int) -> bool:
        """Whether the year filter offers ``year`` (a sheet moved to a new year needs new choices)."""
        return self.year_filter.findData(year) >= 0

    def set_choices(self, years: list[int], ministries: list[str]) -> None:
        """The years and ministries the database holds, keeping the current selection if possible."""
        year, ministry = self.year_filter.currentData(), self.ministry_filter.currentData()
        self.year_filter.clear()
        self.year_filter.addItem(self.tr("すべての年度"), None)
        for y in years:
            self.year_filter.addItem(format_fiscal_year(y), y)
        select_data(self.year_filter, year)
        self.ministry_filter.clear()
        self.ministry_filter.addItem(self.tr("すべての府省庁"), None)
        for m in ministries:
            self.ministry_filter.addItem(m, m)
        select_data(self.ministry_filter, ministry)

    def current_filters(self) -> SheetFilter:
        status = self.status_filter.currentData()
        text = self.text_filter.text().strip()
        return SheetFilter(survey_key=self.survey.key, year=self.year_filter.currentData(),
                           ministry=self.ministry_filter.currentData(),
                           classification=self.classification_filter.currentData(),
                           status=Status(status) if status else None, text=text or None)

    def set_filters(self, *, year=..., ministry=..., classification=..., status=..., text=...) -> None:
        """Set filters programmatically (menus, tests) and apply them at once."""
        if year is not ...:
            select_data(self.year_filter, year)
        if ministry is not ...:
            select_data(self.ministry_filter, ministry)
        if classification is not ...:
            select_data(self.classification_filter, classification)
        if status is not ...:
            select_data(self.status_filter, status.value if isinstance(status, Status) else status)
        if text is not ...:
            self.text_filter.blockSignals(True)
            self.text_filter.setText(text or "")
            self.text_filter.blockSignals(False)
        self._apply_filters()

    def _apply_filters(self) -> None:
        self._text_timer.stop()
        self.model.set_filters(self.current_filters())
        self.filtersChanged.emit()

    def _update_count(self) -> None:
        self.count_label.setText(self.tr("{0} 件").format(self.model.rowCount()))

    def _keep_sortable_indicator(self, column: int, _order) -> None:
        """The problems count is not in the database, so it cannot sort: keep the real indicator."""
        if column != self.model.sort_column:
            header = self.table.horizontalHeader()
            header.blockSignals(True)
            header.setSortIndicator(self.model.sort_column, Qt.SortOrder.DescendingOrder
                                    if self.model.descending else Qt.SortOrder.AscendingOrder)
            header.blockSignals(False)

    # -- keys and the right-click menu ------------------------------------------------------

    def eventFilter(self, obj, event) -> bool:  # noqa: N802
        if obj is self.table and event.type() == QEvent.Type.KeyPress and not event.modifiers() & ~(
                Qt.KeyboardModifier.KeypadModifier):
            if event.key() == Qt.Key.Key_Delete and self._current is not None:
                self.deleteRequested.emit()
                return True
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self._current is not None:
                self.openRequested.emit()
                return True
        return super().eventFilter(obj, event)

    def _show_menu(self, pos) -> None:
        """Right-click: the row under the pointer becomes the open sheet, then its commands are offered."""
        index = self.table.indexAt(pos)
        if index.isValid():
            self.select_sheet(self.model.sheet_id(index.row()))
        self.menu = QMenu(self, objectName="sheetListMenu")
        for action in self.menu_actions:
            if action is None:
                self.menu.addSeparator()
            else:
                self.menu.addAction(action)
        self.menu.popup(self.table.viewport().mapToGlobal(pos))

    # -- selection -------------------------------------------------------------------

    def current_sheet_id(self) -> int | None:
        return self._current

    def select_sheet(self, sheet_id: int | None) -> bool:
        row = self.model.row_of(sheet_id) if sheet_id is not None else None
        if row is None:
            return False
        index = self.model.index(row, COLUMNS.index("title"))
        self.table.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
        self.table.scrollTo(self.model.index(row, 0))
        return True

    def _on_current_row(self, current: QModelIndex, _previous: QModelIndex) -> None:
        sheet_id = self.model.sheet_id(current.row()) if current.isValid() else None
        if sheet_id != self._current:
            self._current = sheet_id
            self.currentSheetChanged.emit(sheet_id)

    def _restore_current(self) -> None:
        if self._current is not None and not self.select_sheet(self._current):
            # The sheet left the list (filtered out or deleted): the editor keeps it open.
            self.table.selectionModel().clearSelection()
