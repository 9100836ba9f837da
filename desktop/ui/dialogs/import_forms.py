"""「調査票を取り込む」: choose returned forms, see what would change, then apply or cancel.

The preview is the import plan (desktop.reports.form_plan): sheets that
would be created, sheets that would change with each field's before and
after, the problems that block the import (with their cell, e.g. 一覧!E12)
and the points to check. KPIs read from a form's free text are reviewed in
the 「KPI の確認」 tab (desktop.ui.dialogs.kpi_review) next to their lines.
取り込む is enabled only for a plan without problems whose readings are all
decided; applying saves every sheet in one transaction. The owner
(desktop.ui.reports) reads and applies in the background.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.reports.form_plan import ImportPlan, PlannedSheet
from desktop.survey.definition import SurveyDefinition
from desktop.survey.wareki import fiscal_year_of, format_fiscal_year
from desktop.ui.year_combo import YearCombo
from desktop.ui.dialogs.kpi_review import KpiReviewPanel
from desktop.ui.dialogs.task_dialog import TaskDialog

ERROR_COLOUR = "#b00020"
WARNING_COLOUR = "#8a5a00"
_SHORT = 80
EXPAND_AT_MOST = 20        # sheets per group shown with their fields opened


def _short(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= _SHORT else flat[:_SHORT] + "…"


class ImportDialog(TaskDialog):
    planRequested = Signal(list)     # paths
    applyRequested = Signal()
    folderChosen = Signal(str)

    def __init__(self, survey: SurveyDefinition, folder: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("importDialog")
        self.setWindowTitle(self.tr("調査票を取り込む"))
        self.survey = survey
        self.folder = folder
        self.plan: ImportPlan | None = None

        hint = QLabel(self.tr("記入済みの調査票（Excel）または前年度のシートの Word 文書を選ぶと、取り込んだ場合の変更内容を表示します。"
                              "問題がなければ「取り込む」で、すべてのシートを一度に保存します。"))
        hint.setWordWrap(True)
        self.hint = hint
        self.files = QListWidget(objectName="importFiles")
        self.files.setMaximumHeight(52)
        self.choose = QPushButton(self.tr("ファイルを選ぶ…"), objectName="chooseImportFiles")
        files_row = QHBoxLayout()
        files_row.addWidget(self.files, 1)
        files_row.addWidget(self.choose, 0, Qt.AlignmentFlag.AlignTop)
        # Another tool's form may not say its year (no 年度 column, none in its title or sheet names).
        self.year_field = YearCombo(none_label=self.tr("調査票の記載による"))
        self.year_field.setObjectName("importYear")
        self.year_field.set_year(None, around=fiscal_year_of(date.today()))
        self.year_field.setToolTip(self.tr("調査票（他の様式）に年度の記載がない場合に使う年度。"
                                           "表題・シート名・年度の列の記載があれば、そちらを使います。"))
        year_row = QHBoxLayout()
        self.year_label = QLabel(self.tr("年度の記載がない調査票の年度:"))
        year_row.addWidget(self.year_label)
        year_row.addWidget(self.year_field)
        year_row.addStretch(1)
        self._paths: list[str] = []
        self.summary = QLabel(objectName="importSummary")
        self.summary.setWordWrap(True)
        self.preview = QTreeWidget(objectName="importPreview")
        self.preview.setColumnCount(3)
        self.preview.setHeaderLabels([self.tr("内容"), self.tr("取り込み前"), self.tr("取り込み後")])
        self.preview.setColumnWidth(0, 230)
        self.preview.setColumnWidth(1, 310)
        self.preview.setWordWrap(True)
        self.kpi_review = KpiReviewPanel(survey)
        self.kpi_review.changed.connect(self._kpis_changed)
        self.tabs = QTabWidget(objectName="importTabs")
        self.tabs.addTab(self.preview, self.tr("変更内容"))
        self.tabs.addTab(self.kpi_review, self.tr("KPI の確認"))
        self.tabs.setTabEnabled(1, False)
        self.progress.setObjectName("importProgress")
        self.buttons = QDialogButtonBox()
        self.apply_button = QPushButton(self.tr("取り込む"), objectName="applyImport")
        self.apply_button.setEnabled(False)
        self.close_button.setText(self.tr("キャンセル"))
        self.close_button.setObjectName("cancelImport")
        self.buttons.addButton(self.apply_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(self.close_button, QDialogButtonBox.ButtonRole.RejectRole)

        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addLayout(files_row)
        layout.addLayout(year_row)
        layout.addWidget(self.summary)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.progress)
        layout.addWidget(self.buttons)
        self.resize(900, 600)

        self.choose.clicked.connect(self.choose_files)
        self.year_field.yearChosen.connect(lambda _year: self._paths and self.set_files(self._paths))
        self.apply_button.clicked.connect(self._apply)

    # -- choosing -----------------------------------------------------------------------------

    def choose_files(self) -> None:
        paths, _filter = QFileDialog.getOpenFileNames(self, self.tr("取り込む調査票"), self.folder,
                                                      self.tr("調査票 (*.xlsx *.docx);;Excel ブック (*.xlsx);;Word 文書 (*.docx);;すべてのファイル (*)"))
        if paths:
            self.set_files(paths)

    def year(self) -> int | None:
        """The year for forms that do not say theirs (None: only what the forms say)."""
        return self.year_field.year()

    def set_files(self, paths: list[str]) -> None:
        self._paths = list(paths)
        self.files.clear()
        self.files.addItems([Path(p).name for p in paths])
        self.folder = str(Path(paths[0]).parent)
        self.folderChosen.emit(self.folder)
        self.plan = None
        self.preview.clear()
        self.kpi_review.set_plan(None)
        self.tabs.setTabEnabled(1, False)
        self.apply_button.setEnabled(False)
        self.planRequested.emit(list(paths))

    # -- the plan -------------------------------------------------------------------------------

    def _title(self, planned: PlannedSheet) -> str:
        title = " ".join(planned.sheet.text(self.survey.title_field).split()) or self.tr("（施策名なし）")
        return f"{title}（{format_fiscal_year(planned.sheet.fiscal_year)}、{planned.source}）"

    def show_plan(self, plan: ImportPlan) -> None:
        self.plan = plan
        reviewed = plan.ok and bool(plan.reviewed())
        self.kpi_review.set_plan(plan if reviewed else None)
        self.tabs.setTabEnabled(1, reviewed)
        self.tabs.setTabText(1, self.tr("KPI の確認（{0}件）").format(len(plan.kpi_pending)) if reviewed
                             else self.tr("KPI の確認"))
        self._fill_preview()
        if reviewed and plan.kpi_pending:
            self.tabs.setCurrentIndex(1)
        self._update_apply()

    def _kpis_changed(self) -> None:
        """A reading decided or corrected: the preview shows what would now be saved."""
        if self.plan is not None:
            self.tabs.setTabText(1, self.tr("KPI の確認（未確認 {0}件）").format(len(self.plan.kpi_pending))
                                 if self.plan.kpi_pending else self.tr("KPI の確認（確認済み）"))
            self._fill_preview()
            self._update_apply()

    def _fill_preview(self) -> None:
        plan = self.plan
        if plan is None:
            return
        self.preview.clear()
        red, amber = QBrush(QColor(ERROR_COLOUR)), QBrush(QColor(WARNING_COLOUR))
        if plan.problems:
            group = self._group(self.tr("取り込めない箇所（{0}件）").format(len(plan.problems)), "problems")
            for p in plan.problems:
                self._line(group, str(p)).setForeground(0, red)
            group.setForeground(0, red)
            group.setExpanded(True)
        for title, planned_list, key in ((self.tr("新規作成（{0}件）"), plan.creates, "creates"),
                                         (self.tr("変更（{0}件）"), plan.updates, "updates")):
            if not planned_list:
                continue
            group = self._group(title.format(len(planned_list)), key)
            for planned in planned_list:
                sheet_item = self._line(group, self._title(planned))
                for change in planned.changes:
                    row = QTreeWidgetItem(sheet_item, [change.label, _short(change.before), _short(change.after)])
                    row.setToolTip(1, change.before)
                    row.setToolTip(2, change.after)
                sheet_item.setExpanded(len(planned_list) <= EXPAND_AT_MOST)
            group.setExpanded(True)
        if plan.unchanged:
            group = self._group(self.tr("変更なし（{0}件）").format(len(plan.unchanged)), "unchanged")
            for planned in plan.unchanged:
                self._line(group, self._title(planned))
        if plan.warnings:
            group = self._group(self.tr("確認事項（{0}件、取り込みは可能）").format(len(plan.warnings)), "warnings")
            for p in plan.warnings:
                self._line(group, f"［{p.severity.label}］{p}").setForeground(0, amber)

    def _can_apply(self) -> bool:
        return self.plan is not None and self.plan.ok and bool(self.plan.creates or self.plan.updates) \
            and self.kpi_review.complete

    def _update_apply(self) -> None:
        plan = self.plan
        if plan is None:
            return
        if plan.problems:
            self.summary.setStyleSheet(f"color: {ERROR_COLOUR};")
            self.summary.setText(self.tr("取り込めない箇所が {0} 件あります。調査票を直してから、もう一度選んでください"
                                         "（データベースは変更されません）。").format(len(plan.problems)))
        else:
            text = self.tr("新規 {0} 件、変更 {1} 件、変更なし {2} 件。").format(
                len(plan.creates), len(plan.updates), len(plan.unchanged))
            if plan.kpi_pending or not self.kpi_review.complete:
                text += self.tr("文章から読み取った KPI を「KPI の確認」で確認すると、取り込めます。")
            self.summary.setStyleSheet("")
            self.summary.setText(text)
        self.apply_button.setEnabled(self._can_apply())

    @staticmethod
    def _line(parent: QTreeWidgetItem, text: str) -> QTreeWidgetItem:
        """A row whose text runs across all columns (a sheet, a problem), in full as its tooltip."""
        item = QTreeWidgetItem(parent, [text])
        item.setToolTip(0, text)
        item.setFirstColumnSpanned(True)
        return item

    def _group(self, text: str, key: str) -> QTreeWidgetItem:
        item = QTreeWidgetItem(self.preview, [text])
        item.setData(0, Qt.ItemDataRole.UserRole, key)
        font = item.font(0)
        font.setBold(True)
        item.setFont(0, font)
        item.setFirstColumnSpanned(True)
        return item

    def group(self, key: str) -> QTreeWidgetItem | None:
        """The preview's group of a kind ("problems", "creates", "updates", "unchanged", "warnings")."""
        for i in range(self.preview.topLevelItemCount()):
            item = self.preview.topLevelItem(i)
            if item.data(0, Qt.ItemDataRole.UserRole) == key:
                return item
        return None

    def show_failed(self, text: str) -> None:
        self.summary.setStyleSheet(f"color: {ERROR_COLOUR};")
        self.summary.setText(text)

    # -- running ----------------------------------------------------------------------------------

    def _apply(self) -> None:
        if self._can_apply():
            self.applyRequested.emit()

    def show_status(self, text: str) -> None:
        self.summary.setStyleSheet("")
        self.summary.setText(text)

    def set_running(self, running: bool, message: str = "") -> None:
        self.show_running(running)
        self.choose.setEnabled(not running)
        self.apply_button.setEnabled(not running and self._can_apply())
        self.kpi_review.setEnabled(not running)
        if running:
            self.show_status(message)
