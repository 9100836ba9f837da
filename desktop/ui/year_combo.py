"""A fiscal year field that takes typing (令和8, R8, 令和8年度, 2026, 2026年度) and offers a short list.

The drop-down lists a few years around a reference year (the sheet's),
shown in both calendars (令和8年度（2026年度）), instead of fifty entries
taller than the screen; any other year is typed. What is typed is read by
desktop.survey.wareki; text that is not a year is refused with a message
(``refused``) and the field shows the stored year again, which is not
changed. Used for the sheet's year and the KPI 基準・目標年度 alike.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QComboBox, QToolTip, QWidget

from desktop.survey.wareki import FiscalYearError, format_fiscal_year_both, parse_fiscal_year


class YearCombo(QComboBox):
    yearChosen = Signal(object)   # int, or None when an optional year is cleared
    refused = Signal(str)         # a Japanese message for text that is not a year

    def __init__(self, *, before: int = 3, after: int = 3, none_label: str | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.before, self.after, self.none_label = before, after, none_label
        self._year: int | None = None
        self._around: int | None = None
        self.last_error = ""
        self.setEditable(True)
        self.setCompleter(None)   # inline completion turned 「令和1」 into 令和10年度
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        # as wide as its longest entry: a count of characters sized by Latin letters cut 「令和8年度（2026年度）」
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.lineEdit().setPlaceholderText(self.tr("例: 令和8年度、R8、2026"))
        self.setToolTip(self.tr("一覧から選ぶか、「令和8」「R8」「2026」のように入力して Enter"))
        self.activated.connect(self._on_activated)
        self.lineEdit().editingFinished.connect(self._on_typed)
        self.lineEdit().installEventFilter(self)

    def year(self) -> int | None:
        return self._year

    def set_year(self, year: int | None, around: int | None = None) -> None:
        """Show ``year``; the list covers ``around`` (default: the year itself) ± the span, and the year."""
        around = around if around is not None else self._around
        if (year, around) == (self._year, self._around) and self.count() and not self.last_error:
            if self.currentData() == year:
                return   # switching sheets reuses rows: refill only what changed
        self._year, self._around = year, around
        self._fill()

    def _fill(self) -> None:
        centre = self._around if self._around is not None else self._year
        years = set(range(centre - self.before, centre + self.after + 1)) if centre is not None else set()
        if self._year is not None:
            years.add(self._year)
        self.blockSignals(True)
        self.clear()
        if self.none_label is not None:
            self.addItem(self.none_label, None)
        for y in sorted(years):
            self.addItem(format_fiscal_year_both(y), y)
        index = self.findData(self._year) if self._year is not None else (0 if self.none_label is not None else -1)
        self.setCurrentIndex(index)
        if index < 0:
            self.setEditText("")
        self.lineEdit().setCursorPosition(0)   # a narrow field shows 令和8年度… rather than …2026年度）
        self.blockSignals(False)

    def _on_activated(self, index: int) -> None:
        self._choose(self.itemData(index))

    def _on_typed(self) -> None:
        text = self.currentText().strip()
        index = self.findText(text)
        if index >= 0:
            self._choose(self.itemData(index))
            return
        if not text:
            if self.none_label is not None:
                self._choose(None)
            else:
                self._refuse(self.tr("年度を入力してください（例: 令和8年度、2026）。"))
            return
        try:
            year = parse_fiscal_year(text)
        except FiscalYearError as exc:
            self._refuse(self.tr("{0}。年度は変わっていません。").format(exc))
            return
        self._choose(year)

    def _choose(self, year: int | None) -> None:
        self.last_error = ""
        changed = year != self._year
        self._year = year
        self._fill()
        if changed:
            self.yearChosen.emit(year)

    def _refuse(self, message: str) -> None:
        self.last_error = message
        self._fill()   # the stored year again
        QToolTip.showText(self.mapToGlobal(self.rect().bottomLeft()), message, self)
        self.refused.emit(message)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if watched is self.lineEdit() and event.type() == QEvent.Type.KeyPress \
                and event.key() == Qt.Key.Key_Escape:
            self._fill()   # Esc: back to the stored year
            return True
        return super().eventFilter(watched, event)

    def showPopup(self) -> None:  # noqa: N802
        """The list is as wide as its entries, even where the field is narrow (KPI rows)."""
        view = self.view()
        view.setMinimumWidth(view.sizeHintForColumn(0) + view.verticalScrollBar().sizeHint().width() + 8)
        super().showPopup()

    def wheelEvent(self, event: QWheelEvent) -> None:  # noqa: N802
        """The wheel scrolls the form unless the field has focus (a passing pointer changes nothing)."""
        if self.hasFocus():
            super().wheelEvent(event)
        else:
            event.ignore()
