"""The problems of the current sheet, and on demand of every sheet of its year.

A year holds thousands of sheets: the year's results go into the tree a slice
at a time between events (``FILL_BUDGET_MS`` per slice), so the window keeps
answering while they arrive; the summary line is there at once.
"""

from __future__ import annotations

import time

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.survey.validation import Problem, Severity

ERROR_COLOR = QColor("#b00020")
WARNING_COLOR = QColor("#8a6d00")
FILL_BUDGET_MS = 15


def _severity_item(problem: Problem, parent=None) -> QTreeWidgetItem:
    item = QTreeWidgetItem(parent) if parent is not None else QTreeWidgetItem()
    item.setText(0, problem.severity.label)
    item.setText(1, problem.message)
    item.setToolTip(1, problem.message)
    color = ERROR_COLOR if problem.severity is Severity.ERROR else WARNING_COLOR
    item.setForeground(0, QBrush(color))
    item.setData(0, Qt.ItemDataRole.UserRole, problem)
    return item


class ValidationPanel(QWidget):
    problemActivated = Signal(object)             # Problem of the current sheet
    sheetProblemActivated = Signal(int, object)   # sheet id, Problem
    yearCheckRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.summary = QLabel(objectName="validationSummary")
        self.current = QTreeWidget(objectName="currentProblems")
        self.current.setHeaderLabels([self.tr("重要度"), self.tr("内容")])
        self.current.setRootIsDecorated(False)
        self.current.setColumnWidth(0, 60)
        self.current.itemActivated.connect(self._on_current)
        self.current.itemClicked.connect(self._on_current)

        self.year_tree = QTreeWidget(objectName="yearProblems")
        self._year_pending: list[tuple[int, str, list[Problem]]] = []
        self._year_fill = QTimer(self)
        self._year_fill.setSingleShot(True)
        self._year_fill.setInterval(0)
        self._year_fill.timeout.connect(self._fill_year_slice)
        self.year_tree.setHeaderLabels([self.tr("重要度"), self.tr("内容")])
        self.year_tree.setColumnWidth(0, 96)
        self.year_tree.itemActivated.connect(self._on_year)
        self.year_tree.itemClicked.connect(self._on_year)
        self.year_button = QPushButton(self.tr("この年度の全シートを検査"), objectName="yearCheckButton")
        self.year_button.clicked.connect(self.yearCheckRequested)
        self.year_summary = QLabel(objectName="yearSummary")
        year_page = QWidget()
        year_layout = QVBoxLayout(year_page)
        year_layout.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        row.addWidget(self.year_button)
        row.addWidget(self.year_summary, 1)
        year_layout.addLayout(row)
        year_layout.addWidget(self.year_tree)

        current_page = QWidget()
        current_layout = QVBoxLayout(current_page)
        current_layout.setContentsMargins(0, 0, 0, 0)
        current_layout.addWidget(self.summary)
        current_layout.addWidget(self.current)
        self.tabs = QTabWidget(objectName="validationTabs")
        self.tabs.addTab(current_page, self.tr("このシート"))
        self.tabs.addTab(year_page, self.tr("年度の全シート"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.tabs)
        self.show_problems(None)

    # -- current sheet ----------------------------------------------------------------

    def show_problems(self, problems: list[Problem] | None) -> None:
        self.current.clear()
        if problems is None:
            self.summary.setText(self.tr("シートが選ばれていません。"))
            return
        errors = sum(1 for p in problems if p.severity is Severity.ERROR)
        warnings = len(problems) - errors
        if not problems:
            self.summary.setText(self.tr("問題はありません。"))
        else:
            self.summary.setText(self.tr("エラー {0} 件、警告 {1} 件（クリックで該当箇所へ移動）").format(errors, warnings))
        self.current.addTopLevelItems([_severity_item(p) for p in problems])

    def problems(self) -> list[Problem]:
        return [self.current.topLevelItem(i).data(0, Qt.ItemDataRole.UserRole)
                for i in range(self.current.topLevelItemCount())]

    def _on_current(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        problem = item.data(0, Qt.ItemDataRole.UserRole)
        if problem is not None:
            self.problemActivated.emit(problem)

    # -- every sheet of the year ----------------------------------------------------------

    def set_year_running(self, running: bool, label: str = "") -> None:
        self.year_button.setEnabled(not running)
        if running:
            self.year_summary.setText(label)

    def show_year_results(self, year_label: str, results: list[tuple[int, str, list[Problem]]]) -> None:
        """results: (sheet id, title, problems) of every sheet checked."""
        self._year_fill.stop()
        self.year_tree.clear()
        failing = [(i, t, ps) for i, t, ps in results if ps]
        errors = sum(1 for _i, _t, ps in results for p in ps if p.severity is Severity.ERROR)
        self.year_summary.setText(self.tr("{0}: {1} 件中 {2} 件に問題（エラー {3} 件）").format(
            year_label, len(results), len(failing), errors))
        self._year_pending = failing[::-1]      # popped from the end: first sheet first
        self.tabs.setCurrentIndex(1)
        self._fill_year_slice()

    def is_filling(self) -> bool:
        """True while the year's results are still going into the tree."""
        return bool(self._year_pending)

    def _fill_year_slice(self) -> None:
        deadline = time.perf_counter() + FILL_BUDGET_MS / 1000
        tops = []
        while self._year_pending and (len(tops) < 20 or time.perf_counter() < deadline):
            tops.append(self._year_item(*self._year_pending.pop()))
        self.year_tree.addTopLevelItems(tops)
        if self._year_pending:
            self._year_fill.start()

    def _year_item(self, sheet_id: int, title: str, problems: list[Problem]) -> QTreeWidgetItem:
        top = QTreeWidgetItem()
        n_err = sum(1 for p in problems if p.severity is Severity.ERROR)
        if n_err:
            top.setText(0, self.tr("エラー {0}").format(n_err))
            top.setForeground(0, QBrush(ERROR_COLOR))
        else:
            top.setText(0, self.tr("警告 {0}").format(len(problems)))
            top.setForeground(0, QBrush(WARNING_COLOR))
        top.setText(1, title or self.tr("（無題）"))
        top.setData(1, Qt.ItemDataRole.UserRole, sheet_id)
        for p in problems:
            child = _severity_item(p, top)
            child.setData(1, Qt.ItemDataRole.UserRole, sheet_id)
        return top

    def _on_year(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        sheet_id = item.data(1, Qt.ItemDataRole.UserRole)
        problem = item.data(0, Qt.ItemDataRole.UserRole)
        if sheet_id is not None:
            self.sheetProblemActivated.emit(int(sheet_id), problem)
