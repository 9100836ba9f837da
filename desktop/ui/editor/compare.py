"""「前年度と比較」 under a text field: last year's text beside this year's, differences highlighted.

Last year's text is the predecessor sheet's (the sheet this one was carried
over from by the new-year run); this year's is the document's live text, so
the comparison follows typing — after a short pause, never on the keystroke
itself: diffing and re-rendering both panes of a long field took seconds per
key. The diff is desktop.store.history.diff_texts.
"""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QCheckBox, QVBoxLayout, QWidget

from desktop.store.history import diff_texts
from desktop.survey.definition import FieldDef
from desktop.survey.sheet import SheetData
from desktop.survey.wareki import format_fiscal_year
from desktop.ui.diff_view import SideBySideDiff


IDLE_MS = 400


class CompareView(QWidget):
    def __init__(self, field: FieldDef, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.field = field
        self._shown: tuple[str, str] | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(IDLE_MS)
        self._timer.timeout.connect(self.update_now)
        self.previous: SheetData | None = None
        self.current: SheetData | None = None
        self.toggle = QCheckBox(self.tr("前年度と比較"), objectName=f"compare_{field.key}")
        self.toggle.toggled.connect(self._on_toggled)
        self.diff = SideBySideDiff()
        self.diff.setObjectName(f"compareDiff_{field.key}")
        self.diff.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.toggle)
        layout.addWidget(self.diff)
        self.set_sheets(None, None)

    def set_sheets(self, current: SheetData | None, previous: SheetData | None) -> None:
        """The sheet being edited and its predecessor (None: no predecessor, the toggle is disabled)."""
        self.current, self.previous = current, previous
        self.toggle.setEnabled(previous is not None)
        self.toggle.setToolTip(self.tr("前年度の施策シートと、この項目の記載を並べて比較します。") if previous is not None
                               else self.tr("前年度の施策シートがありません（次年度の作成で引き継いだシートで使えます）。"))
        if previous is None and self.toggle.isChecked():
            self.toggle.setChecked(False)
        self.refresh()

    def _on_toggled(self, checked: bool) -> None:
        self.diff.setVisible(checked)
        self.update_now()

    def refresh(self) -> None:
        """The text changed: show the comparison again once typing pauses."""
        if self.toggle.isChecked():
            self._timer.start()

    def is_pending(self) -> bool:
        return self._timer.isActive()

    def update_now(self) -> None:
        self._timer.stop()
        if not self.toggle.isChecked() or self.previous is None or self.current is None:
            self._shown = None
            return
        texts = (self.previous.text(self.field.key), self.current.text(self.field.key))
        if texts == self._shown:
            return
        self._shown = texts
        diff = diff_texts(*texts)
        self.diff.show_diff(diff, self.tr("前年度（{0}）").format(format_fiscal_year(self.previous.fiscal_year)),
                            self.tr("今年度（{0}）").format(format_fiscal_year(self.current.fiscal_year)))
