"""The history of one sheet: its revisions, any two versions of a field side by side, restoring one.

Everything comes from desktop.store.history (revisions, values at a
version, the diff). Choosing a revision in the list compares the value it
set with the one before; the two version lists choose any other pair.
「この版に戻す」 asks the owner to restore the left-hand version, which is
saved as a new revision; the owner reloads the editor and this dialog.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.store.history import FieldVersion, HistoryEntry, diff_texts, display_value, field_versions, sheet_history
from desktop.store.repository import Repository
from desktop.ui.diff_view import SideBySideDiff
from desktop.ui.sheet_list_model import local_time_text

SHOWN_VALUE = 40   # characters of a value in the revision list


def _short(value: str) -> str:
    flat = " ".join(value.split())
    return flat if len(flat) <= SHOWN_VALUE else flat[:SHOWN_VALUE - 1] + "…"


class HistoryDialog(QDialog):
    restoreRequested = Signal(str, int)   # field, version

    def __init__(self, repo: Repository, sheet_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("historyDialog")
        self.repo, self.sheet_id = repo, sheet_id
        self.entries: list[HistoryEntry] = []
        self.versions: list[FieldVersion] = []
        self.revisions = QTreeWidget(objectName="revisions")
        self.revisions.setHeaderLabels([self.tr("日時"), self.tr("版"), self.tr("変更者"), self.tr("項目"),
                                        self.tr("変更後")])
        self.revisions.setRootIsDecorated(False)
        self.revisions.setAlternatingRowColors(True)
        for column, width in enumerate((130, 40, 90, 260)):
            self.revisions.setColumnWidth(column, width)
        self.revisions.currentItemChanged.connect(self._on_revision)
        self.field = QComboBox(objectName="historyField")
        self.field.currentIndexChanged.connect(self._on_field)
        self.left_version = QComboBox(objectName="leftVersion")
        self.right_version = QComboBox(objectName="rightVersion")
        self.left_version.currentIndexChanged.connect(self._show_diff)
        self.right_version.currentIndexChanged.connect(self._show_diff)
        self.diff = SideBySideDiff()
        self.restore_button = QPushButton(self.tr("この版に戻す"), objectName="restoreVersion")
        self.restore_button.setToolTip(self.tr("左に表示した版の内容に戻します（戻した操作も履歴に残ります）。"))
        self.restore_button.clicked.connect(self._restore)
        self.message = QLabel(objectName="historyMessage")
        self.message.setWordWrap(True)

        choose = QHBoxLayout()
        choose.addWidget(QLabel(self.tr("項目")))
        choose.addWidget(self.field, 2)
        choose.addWidget(QLabel(self.tr("左の版")))
        choose.addWidget(self.left_version, 1)
        choose.addWidget(QLabel(self.tr("右の版")))
        choose.addWidget(self.right_version, 1)
        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addLayout(choose)
        lower_layout.addWidget(self.diff, 1)
        actions = QHBoxLayout()
        actions.addWidget(self.restore_button)
        actions.addWidget(self.message, 1)
        lower_layout.addLayout(actions)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.revisions)
        splitter.addWidget(lower)
        splitter.setSizes([220, 380])
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addWidget(buttons)
        self.resize(1000, 680)
        self.reload()

    # -- loading -------------------------------------------------------------------------------

    def reload(self, field: str | None = None) -> None:
        """Read the history again (after a restore); keeps the chosen field."""
        keep = field or self.current_field()
        sheet = self.repo.get_sheet(self.sheet_id)
        self.survey = self.repo.survey_definition(sheet.survey_key)
        self.setWindowTitle(self.tr("変更履歴 — {0}").format(sheet.text(self.survey.title_field) or self.tr("（無題）")))
        self.entries = sheet_history(self.repo, self.sheet_id)
        self.revisions.blockSignals(True)
        self.revisions.clear()
        for entry in reversed(self.entries):
            item = QTreeWidgetItem([local_time_text(entry.at), str(entry.version), entry.author, entry.label,
                                    _short(display_value(self.survey, entry.field, entry.new_value))])
            item.setData(0, Qt.ItemDataRole.UserRole, entry)
            item.setToolTip(3, entry.label)
            self.revisions.addTopLevelItem(item)
        self.revisions.blockSignals(False)
        fields = list(dict.fromkeys(e.field for e in self.entries if e.field != "sheet"))
        labels = {e.field: e.label for e in self.entries}
        self.field.blockSignals(True)
        self.field.clear()
        for name in fields:
            self.field.addItem(labels[name], name)
        self.field.blockSignals(False)
        index = self.field.findData(keep) if keep else -1
        self.field.setCurrentIndex(index if index >= 0 else (0 if fields else -1))
        self._on_field()

    def current_field(self) -> str | None:
        return self.field.currentData() if self.field.count() else None

    def _on_revision(self, item: QTreeWidgetItem | None, _previous=None) -> None:
        if item is None:
            return
        entry: HistoryEntry = item.data(0, Qt.ItemDataRole.UserRole)
        if entry.field == "sheet":
            return
        self.select(entry.field, entry.version)

    def select(self, field: str, version: int | None = None) -> None:
        """Compare the version that ``version`` produced (default: the latest) with the one before it."""
        index = self.field.findData(field)
        if index < 0:
            return
        self.field.setCurrentIndex(index)
        positions = [i for i, v in enumerate(self.versions) if version is None or v.version <= version]
        right = positions[-1] if positions else len(self.versions) - 1
        self.left_version.setCurrentIndex(max(0, right - 1))
        self.right_version.setCurrentIndex(right)

    def _on_field(self) -> None:
        field = self.current_field()
        self.versions = field_versions(self.repo, self.sheet_id, field) if field else []
        for combo in (self.left_version, self.right_version):
            combo.blockSignals(True)
            combo.clear()
            for v in self.versions:
                when = local_time_text(v.at) if v.at else ""
                combo.addItem(self.tr("第{0}版 {1} {2}").format(v.version, when, v.author).strip(), v.version)
            combo.blockSignals(False)
        self.left_version.setCurrentIndex(max(0, len(self.versions) - 2))
        self.right_version.setCurrentIndex(len(self.versions) - 1)
        self._show_diff()

    def _version(self, combo: QComboBox) -> FieldVersion | None:
        index = combo.currentIndex()
        return self.versions[index] if 0 <= index < len(self.versions) else None

    def _show_diff(self) -> None:
        left, right = self._version(self.left_version), self._version(self.right_version)
        field = self.current_field()
        if left is None or right is None or field is None:
            self.diff.show_diff(None)
            self.restore_button.setEnabled(False)
            return
        shown = [display_value(self.survey, field, v.value) for v in (left, right)]
        self.diff.show_diff(diff_texts(*shown), self.left_version.currentText(), self.right_version.currentText())
        latest = self.versions[-1]
        self.restore_button.setEnabled(left.value != latest.value)
        self.message.setText("" if left.value != latest.value else self.tr("左の版は現在の内容と同じです。"))

    def _restore(self) -> None:
        left = self._version(self.left_version)
        field = self.current_field()
        if left is not None and field is not None:
            self.restore_button.setEnabled(False)
            self.message.setText(self.tr("戻しています…"))
            self.restoreRequested.emit(field, left.version)

    def show_message(self, text: str) -> None:
        self.message.setText(text)
