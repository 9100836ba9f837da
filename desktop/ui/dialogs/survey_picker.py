"""「調査票を切り替える」: choose which of the database's surveys the window works in.

One database holds several surveys (store/surveys.py); the list shows each
with its latest version and how many sheets it holds. The dialog decides
nothing itself: its owner switches the window to the chosen survey.
"""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QVBoxLayout, QWidget

from desktop.store.surveys import SurveyInfo


class SurveyPickerDialog(QDialog):
    def __init__(self, surveys: list[SurveyInfo], current: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("調査票を切り替える"))
        self.setObjectName("surveyPicker")
        self.choice = QComboBox(objectName="surveyChoice")
        for info in surveys:
            sheets = sum(v.sheets for v in info.versions)
            self.choice.addItem(self.tr("{0}（{1}、第{2}版、シート {3} 件）").format(
                info.title, info.key, info.latest, sheets), info.key)
        self.choice.setCurrentIndex(max(0, self.choice.findData(current)))
        hint = QLabel(self.tr("選んだ調査票の最新の版で、施策シートの一覧・編集・報告書を扱います。"))
        hint.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("調査票"), self.choice)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(self.buttons)

    def chosen_key(self) -> str:
        return self.choice.currentData()
