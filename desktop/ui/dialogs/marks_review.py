"""Every non-public mark of a fiscal year, for the secretariat to review before publishing.

One row per mark: 府省庁, 施策名, 項目, 非公開の内容, 理由; sortable by any
column. Double-clicking a row asks the owner to open that sheet. The rows
are read by the owner on a task runner (desktop.disclosure.marks.review_rows).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.disclosure.marks import ReviewRow
from desktop.survey.wareki import format_fiscal_year

SHEET_ID_ROLE = Qt.ItemDataRole.UserRole + 1


class MarksReviewDialog(QDialog):
    yearChosen = Signal(int)        # the owner loads that year's rows
    sheetRequested = Signal(int)    # sheet id to open

    def __init__(self, years: list[int], year: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("marksReviewDialog")
        self.setWindowTitle(self.tr("非公開指定の確認"))
        self.resize(1000, 560)
        self.year = QComboBox(objectName="reviewYear")
        for y in years:
            self.year.addItem(format_fiscal_year(y), y)
        self.year.setCurrentIndex(max(0, self.year.findData(year)))
        self.year.currentIndexChanged.connect(lambda _i: self.yearChosen.emit(self.year.currentData()))
        self.summary = QLabel(objectName="reviewSummary")
        head = QHBoxLayout()
        head.addWidget(QLabel(self.tr("年度")))
        head.addWidget(self.year)
        head.addSpacing(16)
        head.addWidget(self.summary, 1)
        self.table = QTreeWidget(objectName="reviewTable")
        self.table.setRootIsDecorated(False)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(True)
        self.table.setHeaderLabels([self.tr("府省庁"), self.tr("施策名"), self.tr("項目"), self.tr("非公開の内容"),
                                    self.tr("理由")])
        header = self.table.header()
        for column, width in enumerate((90, 220, 110, 330)):
            self.table.setColumnWidth(column, width)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.itemDoubleClicked.connect(self._open)
        hint = QLabel(self.tr("行をダブルクリックするとそのシートを開きます。公開版の報告書では、"
                              "これらの部分が「（非公開）」と表示され、理由は載りません。"))
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #546e7a;")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("閉じる"))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addWidget(self.table, 1)
        layout.addWidget(hint)
        layout.addWidget(buttons)
        self.set_loading()

    def chosen_year(self) -> int | None:
        return self.year.currentData()

    def set_loading(self) -> None:
        self.summary.setText(self.tr("読み込んでいます…"))

    def show_rows(self, rows: list[ReviewRow]) -> None:
        self.table.setSortingEnabled(False)
        self.table.clear()
        for row in rows:
            e = row.entry
            text = " ".join(e.text.split()) or e.description
            item = QTreeWidgetItem([row.ministry, e.sheet_title, e.part or e.description, text, e.reason])
            item.setData(0, SHEET_ID_ROLE, e.sheet_id)
            for column in (3, 4):
                item.setToolTip(column, item.text(column))
            self.table.addTopLevelItem(item)
        self.table.setSortingEnabled(True)
        sheets = len({r.entry.sheet_id for r in rows})
        self.summary.setText(self.tr("{0} シート・{1} か所が非公開に指定されています。").format(sheets, len(rows))
                             if rows else self.tr("この年度に非公開の指定はありません。"))

    def _open(self, item: QTreeWidgetItem, _column: int) -> None:
        sheet_id = item.data(0, SHEET_ID_ROLE)
        if sheet_id is not None:
            self.sheetRequested.emit(int(sheet_id))
