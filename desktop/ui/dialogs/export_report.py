"""「報告書を出力」: format, audience, which sheets, and the file; progress and cancel while it runs.

The dialog only collects the choices and shows the task's progress; its
owner (desktop.ui.reports) runs desktop.app.export in the background.
It stays open while the export runs, so キャンセル can stop it; a failed or
cancelled export leaves no file (the writer is atomic).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from desktop.app.export import ExportFormat, Selection, default_file_name
from desktop.reports.model import Audience
from desktop.survey.definition import SurveyDefinition
from desktop.survey.wareki import format_fiscal_year
from desktop.ui.dialogs.task_dialog import TaskDialog


class ExportDialog(TaskDialog):
    exportRequested = Signal(object, str, object, object)   # ExportFormat, path, Audience, Selection
    folderChosen = Signal(str)

    def __init__(self, survey: SurveyDefinition, years: list[int], year: int | None,
                 ministries: Callable[[int | None], list[str]], folder: str,
                 current_sheet: tuple[int, str] | None = None, parent: QWidget | None = None, *,
                 public_preview: Callable[[Selection], str] | None = None) -> None:
        super().__init__(parent)
        # What the public result would leave out for a selection (「確定」でない施策シート n件…), "" when nothing.
        self.public_preview = public_preview
        self.setObjectName("exportDialog")
        self.setWindowTitle(self.tr("報告書を出力"))
        self.survey = survey
        self.ministries = ministries
        self.folder = folder
        self._path_edited = False

        self.format = QComboBox(objectName="exportFormat")
        for fmt in ExportFormat:
            self.format.addItem(self.tr(fmt.label) + f"（{fmt.suffix}）", fmt.value)
        self.public = QRadioButton(self.tr("公開版（非公開の箇所を除く）"), objectName="audiencePublic")
        self.internal = QRadioButton(self.tr("内部資料（すべて、非公開の箇所に印）"), objectName="audienceInternal")
        self.public.setChecked(True)
        self.audiences = QButtonGroup(self)
        self.audiences.addButton(self.public)
        self.audiences.addButton(self.internal)
        audience_row = QVBoxLayout()
        audience_row.setSpacing(2)
        audience_row.addWidget(self.public)
        audience_row.addWidget(self.internal)

        self.year = QComboBox(objectName="exportYear")
        self.year.addItem(self.tr("すべての年度"), None)
        for y in sorted(years, reverse=True):
            self.year.addItem(format_fiscal_year(y), y)
        self.year.setCurrentIndex(max(0, self.year.findData(year)))
        self.ministry = QComboBox(objectName="exportMinistry")
        self.classification = QComboBox(objectName="exportClassification")
        self.classification.addItem(self.tr("すべての施策分類"), None)
        for choice in survey.choices:
            self.classification.addItem(survey.classification_display(choice.code), choice.code)
        self.only_current = QCheckBox(objectName="onlyCurrentSheet")
        self.current_sheet = current_sheet
        if current_sheet is not None:
            self.only_current.setText(self.tr("表示中のシートだけ（{0}）").format(current_sheet[1] or self.tr("（無題）")))
        else:
            self.only_current.setText(self.tr("表示中のシートだけ"))
            self.only_current.setEnabled(False)

        published = survey.review.published_status.label
        self.include_unaccepted = QCheckBox(
            self.tr("「{0}」でない施策シートも含める（見出しに【未{0}】と表示）").format(published),
            objectName="includeUnaccepted")
        self.public_note = QLabel(objectName="publicNote")
        self.public_note.setWordWrap(True)
        self.title = QLineEdit(objectName="exportTitle")
        self.title.setPlaceholderText(survey.result_title or survey.title)
        self.as_of = QDateEdit(QDate.currentDate(), objectName="exportAsOf")
        self.as_of.setCalendarPopup(True)
        self.as_of.setDisplayFormat("yyyy-MM-dd")

        self.path = QLineEdit(objectName="exportPath")
        self.browse = QPushButton(self.tr("参照…"), objectName="browseExport")
        path_row = QHBoxLayout()
        path_row.addWidget(self.path, 1)
        path_row.addWidget(self.browse)

        form = QFormLayout()
        form.addRow(self.tr("形式"), self.format)
        form.addRow(self.tr("公開範囲"), audience_row)
        form.addRow(self.tr("年度"), self.year)
        form.addRow(self.tr("府省庁"), self.ministry)
        form.addRow(self.tr("施策分類"), self.classification)
        form.addRow("", self.only_current)
        form.addRow("", self.include_unaccepted)
        form.addRow("", self.public_note)
        form.addRow(self.tr("表題"), self.title)
        form.addRow(self.tr("時点"), self.as_of)
        form.addRow(self.tr("保存先"), path_row)

        self.progress.setObjectName("exportProgress")
        self.message = QLabel(objectName="exportMessage")
        self.message.setWordWrap(True)
        self.buttons = QDialogButtonBox()
        self.start_button = QPushButton(self.tr("出力"), objectName="startExport")
        self.start_button.setDefault(True)
        self.close_button.setText(self.tr("閉じる"))
        self.close_button.setObjectName("closeExport")
        self.buttons.addButton(self.start_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(self.close_button, QDialogButtonBox.ButtonRole.RejectRole)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.progress)
        layout.addWidget(self.message)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.resize(640, 420)

        self.start_button.clicked.connect(self._start)
        self.browse.clicked.connect(self.choose_path)
        self.path.textEdited.connect(lambda _t: setattr(self, "_path_edited", True))
        self.year.currentIndexChanged.connect(lambda _i: self._fill_ministries())
        for signal in (self.format.currentIndexChanged, self.year.currentIndexChanged,
                       self.ministry.currentIndexChanged, self.audiences.buttonToggled, self.only_current.toggled):
            signal.connect(lambda *_a: self._suggest_path())
        self.only_current.toggled.connect(self._scope_changed)
        for signal in (self.year.currentIndexChanged, self.ministry.currentIndexChanged,
                       self.classification.currentIndexChanged, self.audiences.buttonToggled,
                       self.only_current.toggled, self.include_unaccepted.toggled):
            signal.connect(lambda *_a: self._update_public_note())
        self._fill_ministries()
        self._suggest_path()
        self._update_public_note()

    # -- choices ----------------------------------------------------------------------------

    def chosen_format(self) -> ExportFormat:
        return ExportFormat(self.format.currentData())

    def chosen_audience(self) -> Audience:
        return Audience.PUBLIC if self.public.isChecked() else Audience.INTERNAL

    def selection(self) -> Selection:
        if self.only_current.isChecked() and self.current_sheet is not None:
            return Selection(sheet_id=self.current_sheet[0])
        return Selection(year=self.year.currentData(), ministry=self.ministry.currentData(),
                         classification=self.classification.currentData())

    def options(self) -> dict:
        """The public result's choices: include sheets not accepted, the title and 時点."""
        day = self.as_of.date()
        return {"include_unaccepted": self.include_unaccepted.isChecked(),
                "title": self.title.text().strip() or None,
                "as_of": date(day.year(), day.month(), day.day())}

    def _update_public_note(self) -> None:
        """Before exporting: how many sheets the public result leaves out, and why."""
        public = self.chosen_audience() is Audience.PUBLIC
        for widget in (self.include_unaccepted, self.title, self.as_of):
            widget.setVisible(public)
        text = ""
        if public and self.public_preview is not None and not self.include_unaccepted.isChecked():
            text = self.public_preview(self.selection())
        self.public_note.setText(text)
        self.public_note.setVisible(bool(text))

    def _fill_ministries(self) -> None:
        current = self.ministry.currentData()
        self.ministry.blockSignals(True)
        self.ministry.clear()
        self.ministry.addItem(self.tr("全府省庁"), None)
        for name in self.ministries(self.year.currentData()):
            self.ministry.addItem(name, name)
        self.ministry.setCurrentIndex(max(0, self.ministry.findData(current)))
        self.ministry.blockSignals(False)

    def _scope_changed(self, only_current: bool) -> None:
        for widget in (self.year, self.ministry, self.classification):
            widget.setEnabled(not only_current)

    def _suggest_path(self) -> None:
        """A file name from the choices, in the last folder, until the person types their own."""
        fmt = self.chosen_format()
        text = self.path.text().strip()
        if self._path_edited and text:
            self.path.setText(str(Path(text).with_suffix(fmt.suffix)))
            return
        name = default_file_name(self.survey, fmt, self.chosen_audience(), self.selection())
        self.path.setText(str(Path(self.folder) / name))

    def choose_path(self) -> None:
        fmt = self.chosen_format()
        path, _filter = QFileDialog.getSaveFileName(self, self.tr("保存先"), self.path.text(),
                                                    self.tr(fmt.label) + f" (*{fmt.suffix})")
        if path:
            if not path.lower().endswith(fmt.suffix):
                path += fmt.suffix
            self.path.setText(path)
            self._path_edited = True

    # -- running ------------------------------------------------------------------------------

    def _start(self) -> None:
        text = self.path.text().strip()
        if not text:
            self.show_message(self.tr("保存先のファイルを指定してください。"), error=True)
            return
        path = Path(text)
        self.folder = str(path.parent)
        self.folderChosen.emit(self.folder)
        self.exportRequested.emit(self.chosen_format(), str(path), self.chosen_audience(), self.selection())

    def show_status(self, text: str) -> None:
        self.show_message(text)

    def set_running(self, running: bool) -> None:
        self.show_running(running)
        for widget in (self.format, self.public, self.internal, self.year, self.ministry, self.classification,
                       self.only_current, self.include_unaccepted, self.title, self.as_of, self.path, self.browse,
                       self.start_button):
            widget.setEnabled(not running)
        if not running:
            self._scope_changed(self.only_current.isChecked())
            self.only_current.setEnabled(self.current_sheet is not None)
        self.close_button.setText(self.tr("キャンセル") if running else self.tr("閉じる"))
        if running:
            self.show_message(self.tr("出力しています…"))

    def show_message(self, text: str, *, error: bool = False) -> None:
        self.message.setStyleSheet("color: #b00020;" if error else "")
        self.message.setText(text)
