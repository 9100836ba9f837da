"""Who is responsible for the sheet, its year and its status in the survey cycle."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QFormLayout, QHBoxLayout, QLineEdit, QWidget

from desktop.survey.sheet import STATUS_TRANSITIONS, Status
from desktop.ui.document import SheetDocument
from desktop.ui.editor.ministry_combo import MinistryCombo
from desktop.ui.wrapped_label import WrappedLabel
from desktop.ui.year_combo import YearCombo

TEXT_ATTRIBUTES = ("ministry", "bureau", "person", "contact")


class HeaderEditor(QWidget):
    edited = Signal(object, object, object, bool)
    statusRequested = Signal(object)   # Status the user picked; the owner checks the transition

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.doc: SheetDocument | None = None
        # The statuses the acting role may move a sheet to (the survey's review cycle; set by the owner).
        self.targets = lambda status: STATUS_TRANSITIONS.get(status, ())
        self.year_combo = YearCombo(parent=self)
        self.year_combo.setObjectName("yearCombo")
        self.year_combo.yearChosen.connect(self._on_year)
        self.year_combo.refused.connect(lambda text: self.show_status_message(text, error=True))
        self.ministry_combo = MinistryCombo(self)
        self.lines: dict[str, QLineEdit] = {}
        labels = {"ministry": self.tr("府省庁"), "bureau": self.tr("担当部局・課室"),
                  "person": self.tr("担当者"), "contact": self.tr("連絡先")}
        placeholders = {"ministry": self.tr("例: 総務省"), "bureau": self.tr("例: 国際戦略局 技術政策課"),
                        "person": self.tr("氏名"), "contact": self.tr("電話番号・メールアドレス")}
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(self.tr("年度"), self.year_combo)
        for attr in TEXT_ATTRIBUTES:
            if attr == "ministry":
                line = self.ministry_combo.lineEdit()
                self.ministry_combo.textEdited.connect(lambda text: self._on_text("ministry", text))
                row: QWidget = self.ministry_combo
            else:
                line = row = QLineEdit(objectName=f"attr_{attr}")
                line.setPlaceholderText(placeholders[attr])
                line.textEdited.connect(lambda text, a=attr: self._on_text(a, text))
            line.setProperty("sesakuUndo", True)
            self.lines[attr] = line
            form.addRow(labels[attr], row)
        self.status_combo = QComboBox(objectName="statusCombo")
        for status in Status:
            self.status_combo.addItem(status.label, status.value)
        self.status_combo.activated.connect(self._on_status)
        self.status_message = WrappedLabel(objectName="statusMessage")
        row = QHBoxLayout()
        row.addWidget(self.status_combo)
        row.addWidget(self.status_message, 1)
        form.addRow(self.tr("状態"), row)

    def set_ministries(self, names: list[str]) -> None:
        """The 府省庁 choices: the survey's list in order, then names in use that are not on it."""
        self.ministry_combo.set_names(names)

    def knows_ministry(self, name: str) -> bool:
        return name in self.ministry_combo.names()

    def load(self, doc: SheetDocument | None) -> None:
        self.doc = doc
        self.status_message.clear()
        for attr in TEXT_ATTRIBUTES:
            self.refresh(("attr", attr))
        self.refresh(("attr", "status"))
        self.refresh(("attr", "fiscal_year"))

    def refresh(self, path: tuple) -> None:
        name = path[1]
        value = self.doc.value(path) if self.doc else None
        if name in self.lines:
            line = self.lines[name]
            if line.text() != (value or ""):
                line.setText(value or "")
        elif name == "fiscal_year":
            self.year_combo.set_year(value, around=value)
        elif name == "status":
            status = value or Status.DRAFT
            self.status_combo.setCurrentIndex(self.status_combo.findData(status.value))
            allowed = self.targets(status)
            self.status_combo.setToolTip(self.tr("変更できる状態: {0}").format(
                "・".join(s.label for s in allowed) or self.tr("なし")))

    def _on_text(self, attr: str, text: str) -> None:
        if self.doc is None:
            return
        old = self.doc.value(("attr", attr))
        if old != text:
            self.edited.emit(("attr", attr), old, text, True)

    def _on_year(self, year: int | None) -> None:
        if self.doc is None or year is None:
            return
        old = self.doc.value(("attr", "fiscal_year"))
        if old != year:
            self.edited.emit(("attr", "fiscal_year"), old, year, False)

    def _on_status(self, _index: int) -> None:
        if self.doc is None:
            return
        target = Status(self.status_combo.currentData())
        current = self.doc.value(("attr", "status"))
        self.refresh(("attr", "status"))   # shows the stored status until the owner agrees
        if target is not current:
            self.statusRequested.emit(target)

    def show_status_message(self, text: str, *, error: bool) -> None:
        self.status_message.setStyleSheet("color: #b00020;" if error else "color: #2e7d32;")
        self.status_message.setText(text)

    def focus_widget(self, name: str) -> QWidget | None:
        if name in self.lines:
            return self.lines[name]
        if name == "fiscal_year":
            return self.year_combo
        return self.status_combo if name == "status" else None
