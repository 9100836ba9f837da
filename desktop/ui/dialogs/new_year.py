"""「次年度の調査票を作成」: choose the years and which measures to carry over.

The list shows what a run would do (a dry run of desktop.app.new_year): each
sheet of the old year, ticked to be carried over; untick the measures that
ended. Sheets that already have a successor are shown greyed out as 作成済み:
running again never creates them twice. The dialog decides nothing itself;
its owner plans and runs the work.

When the old sheets were filled in an earlier version of the survey than the
window's, the dialog also shows how each field moves (renamed, new, removed:
desktop.survey.field_map) and in how many sheets, before anything is written.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.app.new_year import NewYearError, NewYearResult
from desktop.survey.wareki import format_fiscal_year

Planner = Callable[[int, int], NewYearResult]


class NewYearDialog(QDialog):
    def __init__(self, years: list[int], default_year: int, planner: Planner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("次年度の調査票を作成"))
        self.setObjectName("newYearDialog")
        self.planner = planner
        self.plan: NewYearResult | None = None
        self.from_year = QComboBox(objectName="fromYear")
        for y in sorted(years, reverse=True):
            self.from_year.addItem(format_fiscal_year(y), y)
        self.from_year.setCurrentIndex(max(0, self.from_year.findData(default_year)))
        self.to_year = QComboBox(objectName="toYear")
        form = QFormLayout()
        form.addRow(self.tr("元の年度"), self.from_year)
        form.addRow(self.tr("作成する年度"), self.to_year)
        hint = QLabel(self.tr("チェックした施策の施策シートを作成します。終了した施策はチェックを外すと除外できます。"
                              "記載内容・分類・担当・KPIの定義と目標は引き継ぎ、当年度の実績と実績値は空で始まります。"))
        hint.setWordWrap(True)
        self.sheets = QListWidget(objectName="newYearSheets")
        self.fields_caption = QLabel(objectName="newYearFieldsCaption")
        self.fields_caption.setWordWrap(True)
        self.fields = QTableWidget(0, 4, objectName="newYearFields")
        self.fields.setHorizontalHeaderLabels([self.tr("前の版の項目"), self.tr("新しい版の項目"), self.tr("扱い"),
                                               self.tr("本文のあるシート")])
        self.fields.verticalHeader().setVisible(False)
        self.fields.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.fields.horizontalHeader().setStretchLastSection(True)
        self.summary = QLabel(objectName="newYearSummary")
        self.summary.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.create_button = QPushButton(self.tr("作成"), objectName="createNewYear")
        self.buttons.addButton(self.create_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(self.sheets, 1)
        layout.addWidget(self.fields_caption)
        layout.addWidget(self.fields, 1)
        layout.addWidget(self.summary)
        layout.addWidget(self.buttons)
        self.resize(620, 520)
        self.from_year.currentIndexChanged.connect(self._fill_targets)
        self.to_year.currentIndexChanged.connect(self._replan)
        self.sheets.itemChanged.connect(lambda _item: self._update_summary())
        self._fill_targets()

    # -- choices ----------------------------------------------------------------------------

    def chosen_from(self) -> int:
        return self.from_year.currentData()

    def chosen_to(self) -> int:
        return self.to_year.currentData()

    def excluded_ids(self) -> list[int]:
        return [item.data(Qt.ItemDataRole.UserRole) for item in self._items()
                if item.flags() & Qt.ItemFlag.ItemIsEnabled and item.checkState() != Qt.CheckState.Checked]

    def chosen_count(self) -> int:
        return sum(1 for item in self._items()
                   if item.flags() & Qt.ItemFlag.ItemIsEnabled and item.checkState() == Qt.CheckState.Checked)

    def _items(self) -> list[QListWidgetItem]:
        return [self.sheets.item(i) for i in range(self.sheets.count())]

    # -- filling ----------------------------------------------------------------------------------

    def _fill_targets(self) -> None:
        source = self.chosen_from()
        self.to_year.blockSignals(True)
        self.to_year.clear()
        if source is not None:
            for y in range(source + 1, source + 4):
                self.to_year.addItem(format_fiscal_year(y), y)
        self.to_year.blockSignals(False)
        self._replan()

    def _replan(self) -> None:
        self.sheets.blockSignals(True)
        self.sheets.clear()
        self.plan = None
        try:
            if self.chosen_from() is not None and self.chosen_to() is not None:
                self.plan = self.planner(self.chosen_from(), self.chosen_to())
        except NewYearError as exc:
            self.summary.setText(str(exc))
        if self.plan is not None:
            for successor in self.plan.created:
                item = QListWidgetItem(successor.title or self.tr("（無題）"))
                item.setData(Qt.ItemDataRole.UserRole, successor.predecessor_id)
                item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(Qt.CheckState.Checked)
                self.sheets.addItem(item)
            for successor in self.plan.existing:
                item = QListWidgetItem(self.tr("{0}（作成済み）").format(successor.title or self.tr("（無題）")))
                item.setData(Qt.ItemDataRole.UserRole, successor.predecessor_id)
                item.setFlags(Qt.ItemFlag.NoItemFlags)
                self.sheets.addItem(item)
        self.sheets.blockSignals(False)
        self._show_fields()
        self._update_summary()

    def _show_fields(self) -> None:
        """The preview of a run onto a newer version: one row per field, where its text goes."""
        plans = [v for v in (self.plan.versions if self.plan is not None else ()) if v.changes_version]
        rows = [(p, f) for p in plans for f in p.fields]
        self.fields.setRowCount(len(rows))
        for row, (_plan, f) in enumerate(rows):
            for column, text in enumerate((f.move.old_label or "", f.move.new_label or "", f.move.move.label,
                                           str(f.sheets))):
                self.fields.setItem(row, column, QTableWidgetItem(text))
        self.fields.resizeColumnsToContents()
        if plans:
            self.fields_caption.setText(self.tr("調査票の第{0}版の施策シートを第{1}版で作成します。項目の移し方:").format(
                "・".join(str(p.from_version) for p in plans), plans[0].to_version))
        self.fields_caption.setVisible(bool(plans))
        self.fields.setVisible(bool(plans))

    def _update_summary(self) -> None:
        if self.plan is None:
            self.create_button.setEnabled(False)
            return
        chosen = self.chosen_count()
        self.summary.setText(self.tr("{0}の施策シートを {1} 件作成します（作成済み {2} 件、除外 {3} 件）。").format(
            format_fiscal_year(self.chosen_to()), chosen, len(self.plan.existing), len(self.excluded_ids())))
        self.create_button.setEnabled(chosen > 0)
