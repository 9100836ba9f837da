"""施策分類 (one choice, grouped by ポイント) and the areas (any number, by tier)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QGridLayout, QGroupBox, QVBoxLayout, QWidget

from desktop.survey.definition import SurveyDefinition
from desktop.ui.document import SheetDocument
from desktop.ui.sheet_list_view import grouped_classification_combo, select_data
from desktop.ui.wrapped_label import WrappedLabel

AREA_COLUMNS = 4


class ClassificationEditor(QWidget):
    edited = Signal(object, object, object, bool)
    PATH = ("attr", "classification")

    def __init__(self, survey: SurveyDefinition, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.survey = survey
        self.doc: SheetDocument | None = None
        self.combo = QComboBox(objectName="classificationCombo")
        grouped_classification_combo(self.combo, survey, self.tr("（選択してください）"))
        self.combo.activated.connect(self._on_activated)
        self.description = WrappedLabel(objectName="classificationDescription")
        self.description.setStyleSheet("color: #546e7a;")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.combo)
        layout.addWidget(self.description)

    def load(self, doc: SheetDocument | None) -> None:
        self.doc = doc
        self.refresh()

    def refresh(self) -> None:
        code = self.doc.value(self.PATH) if self.doc else None
        select_data(self.combo, code)
        choice = self.survey.choice(code)
        self.description.setText(self.survey.classification_display(code) + (
            f"：{choice.description}" if choice and choice.description else "") if code else "")

    def _on_activated(self, _index: int) -> None:
        if self.doc is None:
            return
        old, new = self.doc.value(self.PATH), self.combo.currentData()
        if old != new:
            self.edited.emit(self.PATH, old, new, False)

    def focus_widget(self) -> QWidget:
        return self.combo


class AreasEditor(QWidget):
    edited = Signal(object, object, object, bool)
    PATH = ("attr", "areas")

    def __init__(self, survey: SurveyDefinition, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.survey = survey
        self.doc: SheetDocument | None = None
        self.boxes: dict[str, QCheckBox] = {}
        self._grids: list[tuple[QGridLayout, list[QCheckBox]]] = []
        self.columns = 0
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for tier in survey.area_tiers:
            group = QGroupBox(tier.label)
            grid = QGridLayout(group)
            grid.setContentsMargins(6, 4, 6, 4)
            boxes = []
            for area in tier.areas:
                box = QCheckBox(area.label, objectName=f"area_{area.code}")
                box.setToolTip(area.label)
                box.toggled.connect(self._on_toggled)
                self.boxes[area.code] = box
                boxes.append(box)
            self._grids.append((grid, boxes))
            layout.addWidget(group)
        self._place(AREA_COLUMNS)
        self._loading = False

    def fit_width(self, width: int) -> None:
        """As many columns as the longest label allows at this width (4 at most), so no label is cut."""
        widest = max((b.sizeHint().width() for b in self.boxes.values()), default=1) + 12
        self._place(max(1, min(AREA_COLUMNS, (width - 40) // widest)))

    def _place(self, columns: int) -> None:
        if columns == self.columns:
            return
        self.columns = columns
        for grid, boxes in self._grids:
            for box in boxes:
                grid.removeWidget(box)
            for i, box in enumerate(boxes):
                grid.addWidget(box, i // columns, i % columns)

    def load(self, doc: SheetDocument | None) -> None:
        self.doc = doc
        self.refresh()

    def refresh(self) -> None:
        selected = set(self.doc.value(self.PATH)) if self.doc else set()
        self._loading = True
        try:
            for code, box in self.boxes.items():
                box.setChecked(code in selected)
        finally:
            self._loading = False

    def _on_toggled(self, _checked: bool) -> None:
        if self._loading or self.doc is None:
            return
        old = self.doc.value(self.PATH)
        unknown = tuple(a for a in old if a not in self.boxes)   # kept: validation reports them
        new = tuple(code for code, box in self.boxes.items() if box.isChecked()) + unknown
        if new != old:
            self.edited.emit(self.PATH, old, new, False)

    def focus_widget(self) -> QWidget:
        return next(iter(self.boxes.values()), self)


__all__ = ["ClassificationEditor", "AreasEditor"]
