"""府省庁: chosen from the survey's list (in the government's order), typed only for a name not on it.

An editable drop-down with completion that matches anywhere in the name
(「経産」 finds nothing, 「経済」 finds 経済産業省); leaving the field trims
surrounding spaces, so 「総務省 」 does not become a second ministry.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QComboBox, QCompleter, QWidget

from desktop.survey.ministries import clean_ministry


class MinistryCombo(QComboBox):
    textEdited = Signal(str)   # typed, chosen from the list, or trimmed

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ministryCombo")
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMaxVisibleItems(16)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(10)
        completer = QCompleter(self.model(), self)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.setCompleter(completer)
        line = self.lineEdit()
        line.setObjectName("attr_ministry")
        line.setPlaceholderText(self.tr("一覧から選択（一覧にない名称は入力）"))
        line.textEdited.connect(self.textEdited)
        self.textActivated.connect(self._chosen)
        line.editingFinished.connect(self._trim)

    def names(self) -> list[str]:
        return [self.itemText(i) for i in range(self.count())]

    def set_names(self, names: list[str]) -> None:
        """The choices, in order; what the field shows is kept."""
        if names == self.names():
            return
        text = self.currentText()
        self.blockSignals(True)
        self.clear()
        self.addItems(names)
        self.setCurrentIndex(-1)
        self.setEditText(text)
        self.blockSignals(False)

    def _chosen(self, text: str) -> None:
        self.textEdited.emit(text)

    def _trim(self) -> None:
        text = self.currentText()
        cleaned = clean_ministry(text)
        if cleaned != text:
            self.setEditText(cleaned)
            self.textEdited.emit(cleaned)

    def wheelEvent(self, event: QWheelEvent) -> None:  # noqa: N802
        """The wheel scrolls the form unless the field has focus (a passing pointer changes nothing)."""
        if self.hasFocus():
            super().wheelEvent(event)
        else:
            event.ignore()
