"""The secretariat's overview of a survey year: per ministry, per 施策分類 and per area.

Shows desktop.store.overview's figures in the layout of the Excel report's
集計 sheet (desktop.reports.xlsx_summary builds the rows for both), one tab
per kind of row. The owner computes the overview in the background and asks
where to write the Excel report; this dialog only shows and emits.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.reports import xlsx_summary
from desktop.store.overview import Overview
from desktop.survey.definition import FieldKind, SurveyDefinition
from desktop.survey.progress import KpiStatus
from desktop.survey.wareki import format_fiscal_year

BEHIND_COLOUR = "#b00020"


class OverviewDialog(QDialog):
    yearChosen = Signal(int)
    exportRequested = Signal(int)

    def __init__(self, survey: SurveyDefinition, years: list[int], year: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("overviewDialog")
        self.setWindowTitle(self.tr("事務局集計"))
        self.survey = survey
        self.overview: Overview | None = None
        self.year = QComboBox(objectName="overviewYear")
        for y in sorted(years, reverse=True):
            self.year.addItem(format_fiscal_year(y), y)
        self.year.setCurrentIndex(max(0, self.year.findData(year)))
        self.year.currentIndexChanged.connect(lambda _i: self.yearChosen.emit(self.year.currentData()))
        self.state = QLabel(objectName="overviewState")
        self.export_button = QPushButton(self.tr("Excelに書き出す…"), objectName="exportOverview")
        self.export_button.setToolTip(self.tr("この年度のExcel報告書（内部資料）を、集計シート付きで書き出します。"))
        self.export_button.clicked.connect(lambda: self.exportRequested.emit(self.year.currentData()))
        self.tabs = QTabWidget(objectName="overviewTabs")
        classification = survey.first_field_of_kind(FieldKind.CLASSIFICATION)
        self.kinds = (xlsx_summary.KIND_MINISTRY, classification.label if classification else "施策分類",
                      survey.areas_label)
        self.tables: dict[str, QTableWidget] = {}
        for kind in self.kinds:
            table = QTableWidget(objectName=f"overviewTable{len(self.tables)}")
            table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
            table.verticalHeader().hide()
            self.tables[kind] = table
            self.tabs.addTab(table, kind)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("年度")))
        top.addWidget(self.year)
        top.addWidget(self.state, 1)
        top.addWidget(self.export_button)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(buttons)
        self.resize(1100, 560)

    def chosen_year(self) -> int:
        return self.year.currentData()

    def set_running(self) -> None:
        self.state.setText(self.tr("集計しています…"))

    def show_message(self, text: str) -> None:
        self.state.setText(text)

    def show_overview(self, overview: Overview) -> None:
        self.overview = overview
        headers = xlsx_summary.headers()
        rows = xlsx_summary.rows(overview, self.kinds[1], self.kinds[2])
        for kind, table in self.tables.items():
            mine = [r for r in rows if r[0] == kind or (kind == xlsx_summary.KIND_MINISTRY
                                                       and r[0] == xlsx_summary.KIND_TOTAL)]
            # Status and error counts exist for ministries only; group tabs leave those columns out.
            keep = [i for i in range(1, len(headers))
                    if kind == xlsx_summary.KIND_MINISTRY or any(r[i] is not None for r in mine)]
            table.clear()
            table.setColumnCount(len(keep))
            table.setRowCount(len(mine))
            table.setHorizontalHeaderLabels([headers[i] for i in keep])
            behind = headers.index(KpiStatus.BEHIND.label)
            for r, row in enumerate(mine):
                for c, i in enumerate(keep):
                    value = row[i]
                    item = QTableWidgetItem("" if value is None else str(value))
                    if isinstance(value, int):
                        item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                    if i == behind and value:
                        item.setForeground(QColor(BEHIND_COLOUR))
                    if row[0] == xlsx_summary.KIND_TOTAL:
                        font = item.font()
                        font.setBold(True)
                        item.setFont(font)
                        if i == 1:
                            item.setText(xlsx_summary.KIND_TOTAL)
                    table.setItem(r, c, item)
            table.resizeColumnsToContents()
        self.state.setText(self.tr("{0}：施策シート {1} 件、エラーのあるシート {2} 件、KPI {3} 件（遅れ {4} 件）").format(
            format_fiscal_year(overview.year), overview.sheets, overview.with_errors, overview.kpis.total,
            overview.kpis.behind))
