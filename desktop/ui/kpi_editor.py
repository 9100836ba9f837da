"""The 実施項目・KPI editor: items, each with KPIs or the 今後の検討予定 text.

Each KPI shows indicator, unit, kind, baseline (value, year), target (value,
year), this year's actual and last year's actual (read only, for comparison).
Values stay text as typed (全角 digits, 桁区切り, "-" for 該当なし), but a value
that is not a number is outlined at once. Every change is emitted as an edit
of a document path; structural changes (add, remove, reorder) replace the
tuple of items or KPIs, so undo restores the same objects.
"""

from __future__ import annotations

import html
from collections.abc import Callable

from PySide6.QtCore import QRect, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.survey.progress import format_number, kpi_progress, yearly_rates
from desktop.survey.sheet import (
    NOT_APPLICABLE,
    Direction,
    ItemData,
    KpiData,
    KpiKind,
    Qualifier,
    TargetKind,
    is_number,
    normalize_value,
)
from desktop.survey.wareki import format_fiscal_year
from desktop.ui.document import SheetDocument
from desktop.ui.read_only import LOCKED
from desktop.ui.wrapped_label import WrappedLabel
from desktop.ui.year_combo import YearCombo

NUMBER_ATTRIBUTES = ("baseline_value", "target_value")

KPI_STYLE = """
QFrame#kpiItem { border: 1px solid #b0bec5; border-radius: 5px; background: #fafcfd; }
QFrame#kpiRow { border: 1px solid #cfd8dc; border-radius: 4px; background: white; }
QLineEdit[invalid="true"] { border: 2px solid #b00020; background: #fff0f0; }
QLabel#lastYear { color: #455a64; background: #eceff1; padding: 2px 6px; border-radius: 3px; }
QLabel#kpiProgress { padding: 2px 6px; border-radius: 3px; }
QLabel#kpiProgress[status="behind"] { color: white; background: #b00020; }
QLabel#kpiProgress[status="on_track"] { color: white; background: #2e7d32; }
QLabel#kpiProgress[status="achieved"] { color: white; background: #1b5e20; }
QLabel#kpiProgress[status="no_data"] { color: #455a64; background: #eceff1; }
"""


def number_problem(value: str | None) -> bool:
    text = (value or "").strip()
    return bool(text) and text != NOT_APPLICABLE and not is_number(text)


def _tool(text: str, tip: str, name: str) -> QToolButton:
    b = QToolButton(objectName=name)
    b.setText(text)
    b.setToolTip(tip)
    b.setAutoRaise(True)
    return b


def _moved(items: tuple, index: int, delta: int) -> tuple:
    target = index + delta
    if not 0 <= target < len(items):
        return items
    out = list(items)
    out[index], out[target] = out[target], out[index]
    return tuple(out)


class _UndoPlainText(QPlainTextEdit):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setUndoRedoEnabled(False)
        self.setTabChangesFocus(True)
        self.setProperty("sesakuUndo", True)
        self.setFixedHeight(self.fontMetrics().lineSpacing() * 3 + 12)


class KpiRow(QFrame):
    """One KPI; emits edits of ("kpi", kpi, attr) and ("actual", kpi, year)."""

    edited = Signal(object, object, object, bool)
    removeRequested = Signal(object)
    moveRequested = Signal(object, int)
    menuRequested = Signal(object)   # the KPI, on a right-click beside its fields (非公開にする…)

    def contextMenuEvent(self, event) -> None:  # noqa: N802
        self.menuRequested.emit(self.kpi)

    def __init__(self, kpi: KpiData, year: int, number: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("kpiRow")
        self.kpi, self.year = kpi, year
        self.lines: dict[str, QLineEdit] = {}
        grid = QGridLayout(self)
        grid.setContentsMargins(6, 4, 6, 6)
        grid.setHorizontalSpacing(6)
        head = QHBoxLayout()
        head.addWidget(QLabel(f"<b>KPI {number}</b>"))
        self.kind_combo = QComboBox(objectName="kpiKind")
        for kind in KpiKind:
            self.kind_combo.addItem(kind.label, kind.value)
        self.kind_combo.activated.connect(self._on_kind)
        head.addWidget(self.kind_combo)
        self.quantitative = QCheckBox(self.tr("定量"), objectName="kpiQuantitative")
        self.quantitative.setToolTip(self.tr("数値で測るKPI（基準値・目標値・実績値を数値で入力）"))
        self.quantitative.toggled.connect(self._on_quantitative)
        head.addWidget(self.quantitative)
        head.addStretch(1)
        up = _tool("↑", self.tr("KPIを上へ"), "kpiUp")
        down = _tool("↓", self.tr("KPIを下へ"), "kpiDown")
        remove = _tool("✕", self.tr("KPIを削除"), "kpiRemove")
        up.clicked.connect(lambda: self.moveRequested.emit(self.kpi, -1))
        down.clicked.connect(lambda: self.moveRequested.emit(self.kpi, 1))
        remove.clicked.connect(lambda: self.removeRequested.emit(self.kpi))
        self.buttons = (up, down, remove)
        for b in (up, down, remove):
            head.addWidget(b)

        self.head = head
        self.grid = grid
        self.captions: dict[str, QLabel] = {}
        for attr, label in (("indicator", self.tr("指標名")), ("unit", self.tr("単位")),
                            ("baseline_value", self.tr("基準値")), ("target_value", self.tr("目標値")),
                            ("data_source", self.tr("指標の出典"))):
            self._line(attr, label)
        self.baseline_year = self._year_combo("baseline_year", self.tr("基準年度"))
        self.target_year = self._year_combo("target_year", self.tr("目標年度"))
        # what the target means: 「4位以内」 is met at 4 or below, 「+10ポイント」 is the baseline + 10
        self._caption("qualifier", self.tr("目標値の限定"))
        self.qualifier = QComboBox(objectName="kpiQualifier")
        self.qualifier.addItem(self.tr("（なし）"), None)
        for q in Qualifier:
            self.qualifier.addItem(q.label, q.value)
        self.qualifier.setToolTip(self.tr("以下・以内・未満は少ないほどよい目標として、超・未満は目標値ちょうどでは"
                                          "未達として判定します"))
        self.qualifier.activated.connect(self._on_qualifier)
        self._caption("target_kind", self.tr("目標値の種類"))
        self.target_kind = QComboBox(objectName="kpiTargetKind")
        for kind, tip in ((TargetKind.LEVEL, self.tr("目標値そのものを目指す")),
                          (TargetKind.INCREASE, self.tr("基準値＋目標値（例：+10ポイント）")),
                          (TargetKind.REDUCTION, self.tr("基準値から目標値%削減（例：2013年度比46%削減）")),
                          (TargetKind.MULTIPLE, self.tr("基準値×目標値（例：2倍）"))):
            self.target_kind.addItem(kind.label, kind.value)
            self.target_kind.setItemData(self.target_kind.count() - 1, tip, Qt.ItemDataRole.ToolTipRole)
        self.target_kind.activated.connect(self._on_target_kind)
        self._caption("direction", self.tr("目標の方向"))
        self.direction = QComboBox(objectName="kpiDirection")
        self.direction.addItem(self.tr("上向き（増えるほどよい）"), Direction.UP.value)
        self.direction.addItem(self.tr("下向き（減るほどよい）"), Direction.DOWN.value)
        self.direction.activated.connect(self._on_direction)
        self.actual_label = self._caption("actual_label", "")
        actual = QLineEdit(objectName="kpiActual")
        actual.setProperty("sesakuUndo", True)
        actual.textEdited.connect(self._on_actual)
        self.lines["actual"] = actual
        self.last_year_label = self._caption("last_year_label", "")
        self.last_year = QLabel(objectName="lastYear")
        self.last_year.setToolTip(self.tr("前年度の実績（参照のみ）"))
        self._caption("earlier", self.tr("年度別の推移"))
        self.earlier = QLabel(objectName="earlierActuals")   # every year so far, read only
        self.earlier.setTextFormat(Qt.TextFormat.RichText)
        self.earlier.setToolTip(self.tr("各年度の実績と達成率（参照のみ。前年度以前の値は前年度のシートから引き継いだもの）"))
        self._caption("progress", self.tr("進捗"))
        self.progress = QLabel(objectName="kpiProgress")
        self.progress.setWordWrap(True)
        # the line of a form's text this KPI was read from, to compare with what was read (read only)
        self.source_text = QLabel(objectName="kpiSourceText")
        self.source_text.setWordWrap(True)
        self.source_text.setTextFormat(Qt.TextFormat.PlainText)
        self.source_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.source_text.setToolTip(self.tr("取り込んだ調査票の記載（参照のみ。公開用の出力には載りません）"))
        self.narrow: bool | None = None
        self.set_narrow(False)
        self.refresh()

    # -- layout: one grid, two arrangements ------------------------------------------------

    def _caption(self, key: str, text: str) -> QLabel:
        label = QLabel(text)
        self.captions[key] = label
        return label

    def set_narrow(self, narrow: bool) -> None:
        """Wide: three label/field pairs a line. Narrow (a laptop screen): two columns, longer labels wrapped.

        The widgets stay; only their places in the grid change, so switching
        loses no focus or typing.
        """
        if narrow == self.narrow:
            return
        self.narrow = narrow
        grid, c, ln = self.grid, self.captions, self.lines
        while grid.count():
            grid.takeAt(0)
        for col in range(6):
            grid.setColumnStretch(col, 0)
        grid.addLayout(self.head, 0, 0, 1, 6 if not narrow else 4)
        if not narrow:
            places = [
                (c["indicator"], 1, 0), (ln["indicator"], 1, 1, 1, 3), (c["unit"], 1, 4), (ln["unit"], 1, 5),
                (c["baseline_value"], 2, 0), (ln["baseline_value"], 2, 1), (c["baseline_year"], 2, 2),
                (self.baseline_year, 2, 3), (c["actual_label"], 2, 4), (ln["actual"], 2, 5),
                (c["target_value"], 3, 0), (ln["target_value"], 3, 1), (c["target_year"], 3, 2),
                (self.target_year, 3, 3), (c["last_year_label"], 3, 4), (self.last_year, 3, 5),
                (c["qualifier"], 4, 0), (self.qualifier, 4, 1), (c["target_kind"], 4, 2), (self.target_kind, 4, 3),
                (c["direction"], 4, 4), (self.direction, 4, 5),
                (c["data_source"], 5, 0), (ln["data_source"], 5, 1, 1, 5),
                (self.source_text, 6, 1, 1, 5),
                (c["earlier"], 7, 0), (self.earlier, 7, 1, 1, 3), (c["progress"], 7, 4),
                (self.progress, 7, 5)]
            stretches = {1: 2, 3: 1, 5: 1}
        else:
            places = [
                (c["indicator"], 1, 0), (ln["indicator"], 1, 1, 1, 3),
                (c["unit"], 2, 0), (ln["unit"], 2, 1, 1, 3),
                (c["baseline_value"], 3, 0), (ln["baseline_value"], 3, 1), (c["baseline_year"], 3, 2),
                (self.baseline_year, 3, 3),
                (c["target_value"], 4, 0), (ln["target_value"], 4, 1), (c["target_year"], 4, 2),
                (self.target_year, 4, 3),
                (c["qualifier"], 5, 0), (self.qualifier, 5, 1), (c["target_kind"], 5, 2), (self.target_kind, 5, 3),
                (c["direction"], 6, 0), (self.direction, 6, 1, 1, 3),
                (c["actual_label"], 7, 0), (ln["actual"], 7, 1, 1, 3),
                (c["last_year_label"], 8, 0), (self.last_year, 8, 1, 1, 3),
                (c["data_source"], 9, 0), (ln["data_source"], 9, 1, 1, 3),
                (self.source_text, 10, 0, 1, 4),
                (c["earlier"], 11, 0), (self.earlier, 11, 1, 1, 3),
                (c["progress"], 12, 0), (self.progress, 12, 1, 1, 3)]
            stretches = {1: 1, 3: 1}
        for widget, *cell in places:
            grid.addWidget(widget, *cell)
        for col, stretch in stretches.items():
            grid.setColumnStretch(col, stretch)
        for label in c.values():
            label.setWordWrap(narrow)
        if hasattr(self, "kpi"):
            self._show_progress()

    def _line(self, attr: str, label: str) -> None:
        self._caption(attr, label)
        line = QLineEdit(objectName=f"kpi_{attr}")
        line.setProperty("sesakuUndo", True)
        line.textEdited.connect(lambda text, a=attr: self._on_line(a, text))
        self.lines[attr] = line

    def _year_combo(self, attr: str, label: str) -> YearCombo:
        self._caption(attr, label)
        # a short list around the sheet's year (targets lie further ahead); any other year is typed
        combo = YearCombo(before=3, after=7, none_label=self.tr("（未設定）"), parent=self)
        combo.setObjectName(f"kpi_{attr}")
        combo.yearChosen.connect(lambda y, a=attr: self._emit(("kpi", self.kpi, a), y, False))
        return combo

    # -- showing values ------------------------------------------------------------------

    def rebind(self, kpi: KpiData, year: int) -> None:
        """Show another KPI in this row (switching sheets reuses the widgets)."""
        self.kpi, self.year = kpi, year
        self.refresh()

    def refresh(self) -> None:
        k = self.kpi
        self.actual_label.setText(self.tr("当年度実績（{0}）").format(format_fiscal_year(self.year)))
        self.last_year_label.setText(self.tr("前年度実績（{0}）").format(format_fiscal_year(self.year - 1)))
        for attr in ("indicator", "unit", "baseline_value", "target_value", "data_source"):
            self._set_line(attr, getattr(k, attr))
        self._set_line("actual", k.actual(self.year))
        source = " ".join(k.source_text.split())
        self.source_text.setText(self.tr("調査票の記載：{0}").format(source) if source else "")
        self.source_text.setVisible(bool(source))
        for combo, value in ((self.baseline_year, k.baseline_year), (self.target_year, k.target_year)):
            combo.set_year(value, around=self.year)
        self.kind_combo.setCurrentIndex(max(0, self.kind_combo.findData(k.kind.value)))
        self.qualifier.setCurrentIndex(max(0, self.qualifier.findData(k.qualifier.value if k.qualifier else None)))
        self.target_kind.setCurrentIndex(max(0, self.target_kind.findData(k.target_kind.value)))
        self.direction.setCurrentIndex(max(0, self.direction.findData(k.direction.value)))
        implied = k.judged_direction
        # a qualifier (以内) or a 削減率 decides the direction progress is judged in: say so, do not hide it
        self.direction.setEnabled(implied is k.direction or (k.qualifier is None and not k.target_kind.relative))
        self.direction.setToolTip(self.tr("「{0}」のため、{1}として判定します").format(
            k.qualifier.label if k.qualifier is not None and k.qualifier.implied_direction else k.target_kind.label,
            implied.label) if implied is not k.direction else "")
        self.quantitative.blockSignals(True)
        self.quantitative.setChecked(k.quantitative)
        self.quantitative.blockSignals(False)
        last = k.actual(self.year - 1)
        self.last_year.setText(last if last is not None else "—")
        self._show_progress()
        self._check_numbers()

    def _show_progress(self) -> None:
        """Every year's actual and 達成率 up to this one as a small table, and the status."""
        k = self.kpi
        rates = yearly_rates(k, self.year)
        if rates:
            cell = 'style="padding: 0 8px; border: 1px solid #cfd8dc"'
            now = 'style="padding: 0 8px; border: 1px solid #cfd8dc; background: #e3f2fd"'
            actual_label, rate_label = self.tr("実績"), self.tr("達成率")
            rows = []
            for r in rates:
                style = now if r.year == self.year else cell
                rate = f"{format_number(r.rate, 1)}%" if r.rate is not None else "—"
                rows.append((f"<td {style}>{format_fiscal_year(r.year)}</td>",
                             f'<td {style} align="right">{html.escape(r.actual or "")}</td>',
                             f'<td {style} align="right">{rate}</td>'))
            if self.narrow:   # a year a line: the table grows down, never sideways
                body = f"<tr><td></td><td {cell}>{actual_label}</td><td {cell}>{rate_label}</td></tr>" + "".join(
                    f"<tr>{y}{v}{p}</tr>" for y, v, p in rows)
            else:
                body = (f'<tr><td></td>{"".join(y for y, _v, _p in rows)}</tr>'
                        f'<tr><td>{actual_label}</td>{"".join(v for _y, v, _p in rows)}</tr>'
                        f'<tr><td>{rate_label}</td>{"".join(p for _y, _v, p in rows)}</tr>')
            self.earlier.setText(f'<table cellspacing="0">{body}</table>')
        else:
            self.earlier.setText(self.tr("（なし）"))
        p = kpi_progress(k, self.year)
        text = p.label
        if p.rate is not None and p.latest_year is not None:
            text += self.tr("（達成率 {0}%）").format(format_number(p.rate, 1))
        level = k.target_number() if k.target_kind.relative else None
        if level is not None:   # 「46%削減」 of 1,000 is 540: the level the target means, computed
            text += self.tr("　目標の水準 {0}{1}").format(format_number(level), k.unit)
        self.progress.setText(text)
        self.progress.setToolTip(p.reason)
        if self.progress.property("status") != p.status.value:
            self.progress.setProperty("status", p.status.value)
            self.progress.style().unpolish(self.progress)
            self.progress.style().polish(self.progress)

    def _set_line(self, attr: str, value) -> None:
        line = self.lines[attr]
        text = "" if value is None else str(value)
        if line.text() != text:
            line.setText(text)

    def _check_numbers(self) -> None:
        for attr in ("baseline_value", "target_value", "actual"):
            line = self.lines[attr]
            bad = self.kpi.quantitative and number_problem(line.text())
            if line.property("invalid") != bad:
                line.setProperty("invalid", bad)
                line.setToolTip(self.tr("数値を入力してください（該当なしは「-」）") if bad else "")
                line.style().unpolish(line)
                line.style().polish(line)

    # -- user edits ------------------------------------------------------------------------

    def _emit(self, path: tuple, new, merge: bool) -> None:
        old = getattr(self.kpi, path[2]) if path[0] == "kpi" else self.kpi.actual(path[2])
        if old != new:
            self.edited.emit(path, old, new, merge)

    def _on_line(self, attr: str, text: str) -> None:
        value = text if attr in ("indicator", "unit", "data_source") else normalize_value(text)
        self._check_numbers()
        self._emit(("kpi", self.kpi, attr), value, True)

    def _on_actual(self, text: str) -> None:
        self._check_numbers()
        self._emit(("actual", self.kpi, self.year), normalize_value(text), True)

    def _on_kind(self, _index: int) -> None:
        self._emit(("kpi", self.kpi, "kind"), KpiKind(self.kind_combo.currentData()), False)

    def _on_qualifier(self, _index: int) -> None:
        code = self.qualifier.currentData()
        qualifier = Qualifier(code) if code else None
        implied = qualifier.implied_direction if qualifier is not None else None
        if implied is not None and implied is not self.kpi.direction:
            self._emit_together([("qualifier", qualifier), ("direction", implied)])
        else:
            self._emit(("kpi", self.kpi, "qualifier"), qualifier, False)

    def _on_target_kind(self, _index: int) -> None:
        kind = TargetKind(self.target_kind.currentData())
        if kind is TargetKind.REDUCTION and self.kpi.direction is not Direction.DOWN:
            self._emit_together([("target_kind", kind), ("direction", Direction.DOWN)])
        else:
            self._emit(("kpi", self.kpi, "target_kind"), kind, False)

    def _on_direction(self, _index: int) -> None:
        self._emit(("kpi", self.kpi, "direction"), Direction(self.direction.currentData()), False)

    def _emit_together(self, changes: list[tuple[str, object]]) -> None:
        """「以内」 also turns the stored direction down, so every face of the KPI says the same."""
        for attr, new in changes:
            self._emit(("kpi", self.kpi, attr), new, False)

    def _on_quantitative(self, checked: bool) -> None:
        self._emit(("kpi", self.kpi, "quantitative"), checked, False)

    def tab_chain(self) -> list[QWidget]:
        """This KPI's inputs in reading order, its ↑↓✕ after them."""
        ln = self.lines
        return [self.kind_combo, self.quantitative, ln["indicator"], ln["unit"], ln["baseline_value"],
                self.baseline_year, ln["target_value"], self.target_year, self.qualifier, self.target_kind,
                self.direction, ln["actual"], ln["data_source"], *self.buttons]

    def focus(self, attr: str = "indicator") -> QWidget:
        widget = self.lines.get(attr, self.lines["indicator"])
        widget.setFocus(Qt.FocusReason.OtherFocusReason)
        return widget


class ItemCard(QFrame):
    """One 実施項目 with its KPIs."""

    edited = Signal(object, object, object, bool)
    activated = Signal(object)   # the item, when any of its widgets gets focus
    kpiActivated = Signal(object)   # a KPI, when one of its fields gets focus
    kpiMenuRequested = Signal(object)   # a KPI right-clicked
    kpiAdded = Signal(object)   # the KPI 「＋ KPIを追加」 just added (its name field takes the focus)

    def __init__(self, item: ItemData, number: int, count: int, year: int,
                 parent: QWidget | None = None, *, narrow: bool = False) -> None:
        super().__init__(parent)
        self.setObjectName("kpiItem")
        self.item = item
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 8)
        head = QHBoxLayout()
        self.number_label = QLabel(self.tr("<b>実施項目 {0}</b>").format(number))
        head.addWidget(self.number_label)
        self.title = QLineEdit(objectName="itemTitle")
        self.title.setPlaceholderText(self.tr("実施項目の名称"))
        self.title.setProperty("sesakuUndo", True)
        self.title.textEdited.connect(lambda t: self._emit_attr("title", t))
        head.addWidget(self.title, 1)
        up = _tool("↑", self.tr("実施項目を上へ"), "itemUp")
        down = _tool("↓", self.tr("実施項目を下へ"), "itemDown")
        remove = _tool("✕", self.tr("実施項目を削除"), "itemRemove")
        up.setEnabled(number > 1)
        down.setEnabled(number < count)
        self.up, self.down, self.remove = up, down, remove
        for b in (up, down, remove):
            head.addWidget(b)
        layout.addLayout(head)
        self.rows: list[KpiRow] = []
        for i, kpi in enumerate(item.kpis):
            row = KpiRow(kpi, year, i + 1)
            row.set_narrow(narrow)
            row.edited.connect(self.edited)
            row.removeRequested.connect(self._remove_kpi)
            row.moveRequested.connect(self._move_kpi)
            row.menuRequested.connect(self.kpiMenuRequested)
            self.rows.append(row)
            layout.addWidget(row)
        add_kpi = _tool(self.tr("＋ KPIを追加"), self.tr("この実施項目にKPIを追加"), "addKpi")
        add_kpi.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        add_kpi.clicked.connect(self._add_kpi)
        layout.addWidget(add_kpi, 0, Qt.AlignmentFlag.AlignLeft)
        self.plan_label = QLabel(self.tr("今後の検討予定（KPI未設定の場合に記載）"))
        self.plan = _UndoPlainText()
        self.plan.setObjectName("itemPlan")
        self.plan.textChanged.connect(self._on_plan)
        layout.addWidget(self.plan_label)
        layout.addWidget(self.plan)
        self.add_kpi = add_kpi
        self._loading = False
        self.refresh()
        for w in [self.title, self.plan] + [line for r in self.rows for line in r.lines.values()]:
            w.installEventFilter(self)

    def order_tabs(self) -> None:
        """Tab goes through an item as it reads: its name, each KPI's fields and then that KPI's ↑↓✕,
        「＋ KPIを追加」, the plan, and last the item's own ↑↓✕ (never a ✕ before the fields)."""
        chain: list[QWidget] = [self.title]
        for row in self.rows:
            chain += row.tab_chain()
        chain += [self.add_kpi, self.plan, self.up, self.down, self.remove]
        for first, second in zip(chain, chain[1:]):
            QWidget.setTabOrder(first, second)

    def eventFilter(self, obj, event) -> bool:  # noqa: N802
        if event.type() == event.Type.FocusIn:
            self.activated.emit(self.item)
            row = next((r for r in self.rows if obj in r.lines.values()), None)
            if row is not None:
                self.kpiActivated.emit(row.kpi)
        return False

    def rebind(self, item: ItemData, year: int) -> None:
        self.item = item
        for row, kpi in zip(self.rows, item.kpis):
            row.rebind(kpi, year)
        self.refresh()

    def set_place(self, number: int, count: int) -> None:
        """Where the item stands among the sheet's items (a reused card may stand elsewhere now)."""
        self.number_label.setText(self.tr("<b>実施項目 {0}</b>").format(number))
        for button, enabled in ((self.up, number > 1), (self.down, number < count)):
            button.setEnabled(enabled)
            button.setProperty(LOCKED, False)   # the owner locks the card again if the sheet is locked

    def refresh(self) -> None:
        if self.title.text() != self.item.title:
            self.title.setText(self.item.title)
        if self.plan.toPlainText() != self.item.plan_text:
            self._loading = True
            self.plan.setPlainText(self.item.plan_text)
            self._loading = False
        has_kpis = bool(self.item.kpis)
        self.plan_label.setEnabled(not has_kpis or bool(self.item.plan_text))

    def row_for(self, kpi: KpiData) -> KpiRow | None:
        return next((r for r in self.rows if r.kpi is kpi), None)

    def set_narrow(self, narrow: bool) -> None:
        for row in self.rows:
            row.set_narrow(narrow)

    def _emit_attr(self, attr: str, value: str) -> None:
        old = getattr(self.item, attr)
        if old != value:
            self.edited.emit(("item", self.item, attr), old, value, True)

    def _on_plan(self) -> None:
        if not self._loading:
            self._emit_attr("plan_text", self.plan.toPlainText())

    def _add_kpi(self) -> None:
        kpis = tuple(self.item.kpis)
        kpi = KpiData()
        self.edited.emit(("kpis", self.item), kpis, kpis + (kpi,), False)
        self.kpiAdded.emit(kpi)

    def _remove_kpi(self, kpi: KpiData) -> None:
        name = kpi.indicator.strip() or self.tr("（指標名なし）")
        answer = QMessageBox.question(
            self, self.tr("KPIの削除"),
            self.tr("KPI「{0}」を削除しますか？\n入力した値と実績も消えます（「編集 > 元に戻す」で取り消せます）。").format(name),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
        if answer != QMessageBox.StandardButton.Yes:
            return
        kpis = tuple(self.item.kpis)
        self.edited.emit(("kpis", self.item), kpis, tuple(k for k in kpis if k is not kpi), False)

    def _move_kpi(self, kpi: KpiData, delta: int) -> None:
        kpis = tuple(self.item.kpis)
        index = next(i for i, k in enumerate(kpis) if k is kpi)
        moved = _moved(kpis, index, delta)
        if moved != kpis:
            self.edited.emit(("kpis", self.item), kpis, moved, False)


class PendingCard(QFrame):
    """Stands in for an 実施項目 whose card is not built yet, at about the card's height, so the page
    scrolls as it will once built. Tab onto it builds the card and moves on into it."""

    wanted = Signal(object, object)   # this stand-in; True/False: reached by Shift+Tab/Tab, None: painted

    def __init__(self, item: ItemData, height: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("kpiItemPending")
        self.item = item
        self.setFixedHeight(height)
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)

    def focusInEvent(self, event) -> None:  # noqa: N802
        super().focusInEvent(event)
        self.wanted.emit(self, event.reason() == Qt.FocusReason.BacktabFocusReason)

    def paintEvent(self, event) -> None:  # noqa: N802
        # On screen some other way than scrolling (the page above it shrank, the window grew): build it.
        super().paintEvent(event)
        self.wanted.emit(self, None)


# Card heights before any card of this editor was measured (wide arrangement, offscreen default font).
GUESS_CARD_BASE, GUESS_ROW = 150, 250
POOL_SIZE = 16   # cards kept hidden for the next sheets (a switch rebinds them instead of building)
IDLE_UNSHOWN_MS = 200   # an editor not on screen (no paint to wait for) builds its cards after this


class KpiEditor(QWidget):
    """The items as cards, built as they come into view.

    Building a card (a dozen inputs per KPI) costs far more than showing a
    sheet's texts, so a sheet of 30 KPIs would take most of a second to open
    if every card were built at once. A card not built yet is a PendingCard
    of about its height; the cards in or near the view are built before the
    page is painted, the rest one per turn of the event loop once it is
    idle, and any card something needs (focus, find, a mark, a test) at once
    (``card_at``). Built cards are kept for the next sheet and rebound.
    """

    edited = Signal(object, object, object, bool)
    citationActivated = Signal(int)
    kpiSelected = Signal(object)   # the KPI whose fields got focus (the progress chart follows it)
    kpiMenuRequested = Signal(object)   # a KPI right-clicked (the owner offers 非公開にする…)
    focusMoved = Signal(object)   # a widget given the focus by the editor itself (the view scrolls to it)
    cardsPlaced = Signal(list)   # cards built or rebound for the shown sheet (the owner locks and marks them)

    def __init__(self, field_key: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setStyleSheet(KPI_STYLE + "QFrame#kpiItemPending { border: 1px dashed #cfd8dc; border-radius: 5px; }")
        self.field_key = field_key
        self.doc: SheetDocument | None = None
        self._slots: list[ItemCard | PendingCard] = []
        self._pool: list[ItemCard] = []
        self._current_item: ItemData | None = None
        self.narrow = False
        self._wide_needs = 0   # the widest the rows measured in the wide arrangement
        self._fitted: tuple[int, int] | None = None   # the last fit_width's (width, wide_needs)
        # The part of this editor in view, in its own coordinates (None: not on a page; set by the owner),
        # and how to scroll the page by some pixels (a card built above the view grows the page above it).
        self.view_rect: Callable[[], QRect | None] = lambda: None
        self.scroll_by: Callable[[int], None] = lambda _dy: None
        self._measured: dict[bool, tuple[int, int]] = {}
        self._tab_anchor: QWidget | None = None   # narrow -> (card without rows, one row) heights
        self._idle = QTimer(self)
        self._idle.setSingleShot(True)
        self._idle.timeout.connect(self._build_next)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._items_box = QVBoxLayout()
        self._layout.addLayout(self._items_box)
        add = QToolButton(objectName="addItem")
        add.setText(self.tr("＋ 実施項目を追加"))
        add.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        add.clicked.connect(self._add_item)
        self._layout.addWidget(add, 0, Qt.AlignmentFlag.AlignLeft)
        self.add_item_button = add
        self.citations_label = WrappedLabel(objectName=f"citations_{field_key}")
        self.citations_label.linkActivated.connect(lambda href: self.citationActivated.emit(int(href[5:])))
        self._layout.addWidget(self.citations_label)

    # -- the cards, built or not ------------------------------------------------------------

    @property
    def cards(self) -> list[ItemCard]:
        """Every item's card, built now if it was not yet."""
        self.build_all()
        return list(self._slots)   # type: ignore[arg-type]

    def built_cards(self) -> list[ItemCard]:
        return [s for s in self._slots if isinstance(s, ItemCard)]

    def all_built(self) -> bool:
        return all(isinstance(s, ItemCard) for s in self._slots)

    def card_at(self, index: int) -> ItemCard:
        """The card of the item at ``index``, built if it was not."""
        slot = self._slots[index]
        return slot if isinstance(slot, ItemCard) else self._build(index)

    def build_all(self) -> None:
        for i in range(len(self._slots)):
            self.card_at(i)

    def build_in_view(self, margin: int = 300) -> None:
        """Build every card within ``margin`` pixels of the view (the owner calls this on scrolling)."""
        view = self.view_rect()
        if view is None or self.all_built():
            return
        near = view.adjusted(0, -margin, 0, margin)
        for i, (top, height) in enumerate(self._places()):
            if isinstance(self._slots[i], PendingCard) and top < near.bottom() and top + height > near.top():
                self._build(i)

    def _places(self) -> list[tuple[int, int]]:
        """(top, height) of each slot in this widget, as the layout stacks them (stand-ins have a fixed height;
        a card not laid out yet counts its size hint)."""
        out, y = [], self._items_box.geometry().top()
        spacing = max(0, self._items_box.spacing())
        for slot in self._slots:
            if isinstance(slot, PendingCard):
                height = slot.maximumHeight()
            else:
                height = slot.height() if slot.testAttribute(Qt.WidgetAttribute.WA_Resized) \
                    else slot.sizeHint().height()
            out.append((y, height))
            y += height + spacing
        return out

    def _estimate(self, item: ItemData) -> int:
        base, row = self._measured.get(self.narrow, (GUESS_CARD_BASE, GUESS_ROW * (2 if self.narrow else 1)))
        return base + row * len(item.kpis)

    def _on_pending(self, slot: PendingCard, backwards: bool | None) -> None:
        if slot not in self._slots:
            return
        if backwards is None:   # painted: it is on screen
            QTimer.singleShot(0, self, self.build_in_view)
            return
        card = self._build(self._slots.index(slot))
        target = card.remove if backwards else card.title
        target.setFocus(Qt.FocusReason.TabFocusReason)
        self.focusMoved.emit(target)

    def _build(self, index: int) -> ItemCard:
        slot = self._slots[index]
        if isinstance(slot, ItemCard):
            return slot
        view = self.view_rect()
        top, old_height = self._places()[index]
        above = view is not None and top + old_height <= view.top()
        items = self.doc.sheet.items if self.doc is not None else []
        card = self._take_from_pool(slot.item, index + 1, len(items))
        if card is None:
            card = self._new_card(slot.item, index + 1, len(items))
        self._slots[index] = card
        self._items_box.replaceWidget(slot, card)
        card.show()
        if slot.hasFocus():
            card.title.setFocus(Qt.FocusReason.OtherFocusReason)
        slot.hide()
        slot.deleteLater()
        self._order_tabs(index)
        height = card.heightForWidth(slot.width()) if card.hasHeightForWidth() else card.sizeHint().height()
        self._learn_height(card, height)
        if above:   # keep what is in view where it was
            self.scroll_by(height - old_height)
        self._measure(card)
        self.cardsPlaced.emit([card])
        return card

    def _order_tabs(self, only: int | None = None) -> None:
        """Tab goes from the field above into the items in their order, then to 「＋ 実施項目を追加」: a card is
        built after the page, so without this its inputs would come last in the window's order. ``only``:
        just that slot was built (its neighbours are in place already)."""
        def ends(slot) -> tuple[QWidget, QWidget]:
            return (slot.title, slot.remove) if isinstance(slot, ItemCard) else (slot, slot)

        if self._tab_anchor is None:   # the last widget of the field above, before any card moved in after it
            self._tab_anchor = self.previousInFocusChain()
        indices = range(len(self._slots)) if only is None else [only]
        for i in indices:
            first, last = ends(self._slots[i])
            QWidget.setTabOrder(ends(self._slots[i - 1])[1] if i > 0 else self._tab_anchor, first)
            if isinstance(self._slots[i], ItemCard):
                self._slots[i].order_tabs()
            if i + 1 < len(self._slots):
                QWidget.setTabOrder(last, ends(self._slots[i + 1])[0])
        if self._slots and (only is None or only == len(self._slots) - 1):
            QWidget.setTabOrder(ends(self._slots[-1])[1], self.add_item_button)

    def _learn_height(self, card: ItemCard, height: int) -> None:
        if card.rows and self.narrow not in self._measured:
            row = card.rows[0].sizeHint().height() + max(0, card.layout().spacing())
            self._measured[self.narrow] = (max(60, height - row * len(card.rows)), row)

    def _new_card(self, item: ItemData, number: int, count: int) -> ItemCard:
        card = ItemCard(item, number, count, self.doc.sheet.fiscal_year if self.doc else 0, narrow=self.narrow)
        card.edited.connect(self.edited)
        card.activated.connect(self._set_current)
        card.kpiActivated.connect(self.kpiSelected)
        card.kpiMenuRequested.connect(self.kpiMenuRequested)
        card.kpiAdded.connect(self._focus_new_kpi)
        card.up.clicked.connect(lambda _c=False, c=card: self._move_item(c.item, -1))
        card.down.clicked.connect(lambda _c=False, c=card: self._move_item(c.item, 1))
        card.remove.clicked.connect(lambda _c=False, c=card: self._remove_item(c.item))
        return card

    def _take_from_pool(self, item: ItemData, number: int, count: int) -> ItemCard | None:
        card = next((c for c in self._pool if len(c.rows) == len(item.kpis)), None)
        if card is None:
            return None
        self._pool.remove(card)
        card.rebind(item, self.doc.sheet.fiscal_year if self.doc else 0)
        card.set_place(number, count)
        card.set_narrow(self.narrow)
        return card

    def _retire(self, card: ItemCard) -> None:
        """Keep a card no longer shown for a later sheet, or let it go."""
        card.hide()   # first, so a focused field hands the focus on inside the window
        self._items_box.removeWidget(card)
        if len(self._pool) < POOL_SIZE:
            self._pool.append(card)
        else:
            card.setParent(None)
            card.deleteLater()

    def _build_next(self) -> None:
        """One card not yet built, nearest below the view first; again on the next turn until all are."""
        pending = [i for i, s in enumerate(self._slots) if isinstance(s, PendingCard)]
        if not pending:
            return
        view = self.view_rect()
        top = view.top() if view is not None else 0
        places = self._places()
        below = [i for i in pending if places[i][0] + places[i][1] > top]
        self._build(below[0] if below else pending[-1])
        if not self.all_built():
            self._idle.start(0)

    # -- building ---------------------------------------------------------------------------

    def load(self, doc: SheetDocument | None) -> None:
        self.doc = doc
        self._current_item = None
        self._wide_needs = 0   # measured again for this sheet's rows (the owner calls fit_width)
        if self.narrow and self._fitted is not None and self._fitted[0] >= self._fitted[1]:
            self.set_narrow(False)   # narrow only for the last sheet's long rows: measure these wide
        self._rebuild()

    def _rebuild(self) -> None:
        """Show the document's items: a card whose place holds as many KPIs as before is rebound, the rest
        stand in as PendingCards, those in view built at once, the others once the loop is idle."""
        focus_item = self._current_item
        items = list(self.doc.sheet.items) if self.doc is not None else []
        year = self.doc.sheet.fiscal_year if self.doc is not None else 0
        old, self._slots = self._slots, []   # scrolling while the old ones go must not build them
        kept: dict[int, ItemCard] = {}
        for i, item in enumerate(items):
            slot = old[i] if i < len(old) else None
            if isinstance(slot, ItemCard) and len(slot.rows) == len(item.kpis):
                kept[i] = slot
        keep = set(map(id, kept.values()))
        for slot in old:
            if id(slot) in keep:
                continue
            if isinstance(slot, ItemCard):
                self._retire(slot)
            else:
                slot.hide()
                self._items_box.removeWidget(slot)
                slot.setParent(None)
                slot.deleteLater()
        placed: list[ItemCard] = []
        for i, item in enumerate(items):
            card = kept.get(i)
            if card is not None:
                card.rebind(item, year)
                card.set_place(i + 1, len(items))
                self._slots.append(card)
                placed.append(card)
                if self._items_box.indexOf(card) != i:
                    self._items_box.removeWidget(card)
                    self._items_box.insertWidget(i, card)
                continue
            pending = PendingCard(item, self._estimate(item))
            pending.wanted.connect(self._on_pending)
            self._slots.append(pending)
            self._items_box.insertWidget(i, pending)
        self._current_item = focus_item if any(s.item is focus_item for s in self._slots) else None
        self._order_tabs()
        self._update_citations()
        if placed:
            self.cardsPlaced.emit(placed)
        self.build_in_view()
        if not self.all_built() and not self.isVisible():
            self._idle.start(IDLE_UNSHOWN_MS)

    def build_when_idle(self) -> None:
        """The page has painted: build the remaining cards, one per turn of the event loop (the owner calls this
        from the page's paint, so the first paint of a sheet never waits for cards out of view)."""
        if not self._idle.isActive() and not self.all_built():
            self._idle.start(0)

    def refresh(self, path: tuple) -> None:
        kind = path[0]
        if kind in ("items", "kpis"):
            self._rebuild()
        elif kind == "item":
            card = self.card_for(path[1], build=False)
            if card:
                card.refresh()
        elif kind in ("kpi", "actual"):
            row = self.row_for(path[1], build=False)
            if row:
                row.refresh()
        elif kind == "cites":
            self._update_citations()

    def fit_width(self, width: int, wide_needs: int) -> None:
        """Two columns when ``width`` is short of what the wide rows need: at least ``wide_needs``, more
        if the rows measured wider (a larger font, a long 年度別の推移), so they never push the page sideways.
        Only the cards built so far are measured; each card built later is measured as it comes."""
        self._fitted = (width, wide_needs)
        if not self.narrow:
            measured = max((c.minimumSizeHint().width() for c in self.built_cards()), default=0)
            self._wide_needs = max(self._wide_needs, measured)
        self.set_narrow(width < max(wide_needs, self._wide_needs))

    def _measure(self, card: ItemCard) -> None:
        if self._fitted is None:
            return
        if not self.narrow:
            self._wide_needs = max(self._wide_needs, card.minimumSizeHint().width())
        width, wide_needs = self._fitted
        self.set_narrow(width < max(wide_needs, self._wide_needs))

    def set_narrow(self, narrow: bool) -> None:
        """Lay the KPI rows out for a narrow editor (two columns) or a wide one (three pairs a line)."""
        if narrow != self.narrow:
            self.narrow = narrow
            for card in self.built_cards():
                card.set_narrow(narrow)
            for slot in self._slots:
                if isinstance(slot, PendingCard):
                    slot.setFixedHeight(self._estimate(slot.item))

    def card_for(self, item: ItemData, *, build: bool = True) -> ItemCard | None:
        index = next((i for i, s in enumerate(self._slots) if s.item is item), None)
        if index is None:
            return None
        slot = self._slots[index]
        if isinstance(slot, ItemCard):
            return slot
        return self._build(index) if build else None

    def row_for(self, kpi: KpiData, *, build: bool = True) -> KpiRow | None:
        for i, slot in enumerate(self._slots):
            if any(k is kpi for k in slot.item.kpis):
                if isinstance(slot, PendingCard) and not build:
                    return None
                return self.card_at(i).row_for(kpi)
        return None

    def _update_citations(self) -> None:
        if self.doc is None or not self.doc.placed(self.field_key):
            self.citations_label.hide()
            return
        lines = [f'<a href="cite:{uid}">[{n}]</a> {html.escape(c.reference or c.document_title)}'
                 for n, uid, c in self.doc.numbered_citations(self.field_key)]
        self.citations_label.setText("<br/>".join(lines))
        self.citations_label.show()

    # -- structure ---------------------------------------------------------------------

    def _set_current(self, item: ItemData) -> None:
        self._current_item = item

    def current_item(self) -> ItemData | None:
        return self._current_item

    def _items(self) -> tuple:
        return tuple(self.doc.sheet.items) if self.doc else ()

    def _add_item(self) -> None:
        if self.doc is None:
            return
        item = ItemData()
        self._current_item = item
        self.edited.emit(("items",), self._items(), self._items() + (item,), False)
        card = self.card_for(item)
        if card:
            card.title.setFocus()
            self.focusMoved.emit(card.title)

    def _focus_new_kpi(self, kpi: KpiData) -> None:
        row = self.row_for(kpi)
        if row is not None:
            self.focusMoved.emit(row.focus("indicator"))

    def _remove_item(self, item: ItemData) -> None:
        items = self._items()
        self.edited.emit(("items",), items, tuple(i for i in items if i is not item), False)

    def _move_item(self, item: ItemData, delta: int) -> None:
        items = self._items()
        index = next(i for i, it in enumerate(items) if it is item)
        moved = _moved(items, index, delta)
        if moved != items:
            self.edited.emit(("items",), items, moved, False)

    def focus(self, item_index: int | None, kpi_index: int | None, attr: str | None = None) -> QWidget | None:
        if not self._slots:
            return None
        if item_index is None or not 0 <= item_index < len(self._slots):
            card = self.card_at(0)
            card.title.setFocus()
            return card.title
        card = self.card_at(item_index)
        if kpi_index is not None and 0 <= kpi_index < len(card.rows):
            return card.rows[kpi_index].focus(attr or "indicator")
        target = card.title if card.item.title.strip() or card.item.kpis else card.plan
        target.setFocus()
        return target
