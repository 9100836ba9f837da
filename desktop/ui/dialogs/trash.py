"""ごみ箱: the deleted sheets, to restore them or to delete them for good.

The dialog only lists and asks; the owner (desktop.ui.trash) confirms a
purge, runs the writes and calls :meth:`TrashDialog.refresh` when they are done.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.store.repository import TrashRow
from desktop.survey.wareki import format_fiscal_year
from desktop.ui.sheet_list_model import local_time_text


def shown_title(title: str) -> str:
    return " ".join((title or "").split()) or "（無題）"


class TrashDialog(QDialog):
    restoreRequested = Signal(list)   # [TrashRow]
    purgeRequested = Signal(list)     # [TrashRow]

    def __init__(self, load: Callable[[], list[TrashRow]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("trashDialog")
        self.setWindowTitle(self.tr("ごみ箱"))
        self._load = load
        self.rows: list[TrashRow] = []
        self.writable = True
        self.table = QTreeWidget(objectName="trashList")
        self.table.setHeaderLabels([self.tr("施策名"), self.tr("府省庁"), self.tr("年度"), self.tr("削除日時")])
        self.table.setRootIsDecorated(False)
        self.table.setAlternatingRowColors(True)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        for column, width in enumerate((300, 110, 100)):
            self.table.setColumnWidth(column, width)
        self.table.itemSelectionChanged.connect(self._enable)
        self.empty = QLabel(self.tr("ごみ箱は空です。削除したシートはここに残り、元に戻せます。"),
                            objectName="trashEmpty")
        self.empty.setWordWrap(True)
        self.read_only_note = QLabel(self.tr("読み取り専用で開いているため、元に戻す・完全に削除はできません。"),
                                     objectName="trashReadOnly")
        self.read_only_note.setWordWrap(True)
        self.read_only_note.hide()
        self.restore_button = QPushButton(self.tr("元に戻す"), objectName="trashRestore")
        self.restore_button.setToolTip(self.tr("選んだシートをシート一覧に戻します（Ctrl+Z で再び削除できます）。"))
        self.purge_button = QPushButton(self.tr("完全に削除…"), objectName="trashPurge")
        self.purge_button.setToolTip(self.tr("選んだシートをデータベースから消します。元に戻せません。"))
        self.restore_button.clicked.connect(lambda: self.restoreRequested.emit(self.selected()))
        self.purge_button.clicked.connect(lambda: self.purgeRequested.emit(self.selected()))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.purge_button, QDialogButtonBox.ButtonRole.DestructiveRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty)
        layout.addWidget(self.read_only_note)
        layout.addWidget(buttons)
        self.resize(720, 420)
        self.refresh()

    def refresh(self) -> None:
        """Read the trash again (after a restore or a purge), keeping the selection where possible."""
        chosen = {r.id for r in self.selected()}
        self.rows = self._load()
        self.table.clear()
        for row in self.rows:
            item = QTreeWidgetItem([shown_title(row.title), row.ministry, format_fiscal_year(row.fiscal_year),
                                    local_time_text(row.deleted_at)])
            item.setData(0, Qt.ItemDataRole.UserRole, row.id)
            item.setToolTip(0, shown_title(row.title))
            self.table.addTopLevelItem(item)
            item.setSelected(row.id in chosen)
        self.empty.setVisible(not self.rows)
        self._enable()

    def selected(self) -> list[TrashRow]:
        ids = {item.data(0, Qt.ItemDataRole.UserRole) for item in self.table.selectedItems()}
        return [r for r in self.rows if r.id in ids]

    def select_ids(self, ids) -> None:
        wanted = set(ids)
        for i in range(self.table.topLevelItemCount()):
            item = self.table.topLevelItem(i)
            item.setSelected(item.data(0, Qt.ItemDataRole.UserRole) in wanted)

    def set_writable(self, writable: bool) -> None:
        """Read-only databases: the trash can be looked at, not changed."""
        self.writable = writable
        self.read_only_note.setVisible(not writable)
        self._enable()

    def _enable(self) -> None:
        some = bool(self.table.selectedItems()) and self.writable
        self.restore_button.setEnabled(some)
        self.purge_button.setEnabled(some)
