"""「提出・差戻しファイル」: writing a ministry's sheets to a file, and importing one with a preview.

The export dialog asks for the ministry, the year, the kind (a ministry's
submission, or the secretariat's return) and the file. The import dialog is
the form import's preview (desktop.ui.dialogs.import_forms) on the plan of
desktop.app.exchange: new sheets, changed ones (each part changed on both
sides listed as 「両方で変更」), unchanged ones, problems with their cells.
Conflicts are decided in the merge dialog of concurrent edits when
「取り込む」 is pressed (desktop.ui.exchange). The owner runs the work.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from desktop.survey.definition import SurveyDefinition
from desktop.survey.wareki import fiscal_year_of
from desktop.ui.dialogs.import_forms import ImportDialog
from desktop.ui.year_combo import YearCombo


class ExchangeExportDialog(QDialog):
    exportRequested = Signal(str, int, bool, str)     # ministry, year, is a return, path

    def __init__(self, ministries: list[str], year: int | None, folder: str, secretariat: bool,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("exchangeExportDialog")
        self.setWindowTitle(self.tr("提出・差戻しファイルを出力"))
        self.folder = folder
        intro = QLabel(self.tr("府省庁の施策シートを、引用・非公開の指定・コメント・状態の履歴ごと1つの Excel ファイルにします。"
                               "Excel で読める調査票の形で、施策デスクでは内容をそのまま取り込めます。"))
        intro.setWordWrap(True)
        self.ministry = QComboBox(objectName="exchangeMinistry")
        self.ministry.setEditable(True)
        self.ministry.addItems(ministries)
        self.year_field = YearCombo()
        self.year_field.setObjectName("exchangeYear")
        self.year_field.set_year(year, around=fiscal_year_of(date.today()))
        self.submission = QRadioButton(self.tr("提出ファイル（府省庁から事務局へ）"), objectName="exchangeSubmission")
        self.returned = QRadioButton(self.tr("差戻し・返却ファイル（事務局から府省庁へ）"), objectName="exchangeReturn")
        (self.returned if secretariat else self.submission).setChecked(True)
        self.message = QLabel(objectName="exchangeExportMessage")
        self.message.setWordWrap(True)
        self.export_button = QPushButton(self.tr("出力…"), objectName="runExchangeExport")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.export_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(self.tr("府省庁:"), self.ministry)
        form.addRow(self.tr("年度:"), self.year_field)
        form.addRow(self.tr("種類:"), self.submission)
        form.addRow("", self.returned)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.export_button.clicked.connect(self.choose_file)

    def choose_file(self) -> None:
        ministry, year = self.ministry.currentText().strip(), self.year_field.year()
        if not ministry or year is None:
            self.show_message(self.tr("府省庁と年度を選んでください。"), error=True)
            return
        kind = self.tr("差戻し") if self.returned.isChecked() else self.tr("提出")
        suggested = str(Path(self.folder) / f"{ministry}_{year}_{kind}.xlsx")
        path, _filter = QFileDialog.getSaveFileName(self, self.tr("出力先"), suggested,
                                                    self.tr("Excel ブック (*.xlsx)"))
        if path:
            self.folder = str(Path(path).parent)
            self.exportRequested.emit(ministry, year, self.returned.isChecked(), path)

    def show_message(self, text: str, error: bool = False) -> None:
        self.message.setStyleSheet("color: #b00020;" if error else "")
        self.message.setText(text)


class ExchangeImportDialog(ImportDialog):
    """The form import's dialog, for one submission or return file (no year to give: the file says it)."""

    def __init__(self, survey: SurveyDefinition, folder: str, parent: QWidget | None = None) -> None:
        super().__init__(survey, folder, parent)
        self.setObjectName("exchangeImportDialog")
        self.setWindowTitle(self.tr("提出・差戻しファイルを取り込む"))
        self.hint.setText(self.tr("提出・差戻しファイルを選ぶと、取り込んだ場合の内容（新規・変更・両方で変更・変更なし）を表示します。"
                                  "「取り込む」で、すべてを一度に保存します。両方で変更された施策は、保存の前にどちらの内容に"
                                  "するかを決めます。"))
        self.year_label.setVisible(False)
        self.year_field.setVisible(False)

    def choose_files(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(self, self.tr("取り込む提出・差戻しファイル"), self.folder,
                                                    self.tr("Excel ブック (*.xlsx);;すべてのファイル (*)"))
        if path:
            self.set_files([path])
