"""The import preview's 「KPI の確認」: what was read from a form's free-text KPIs, next to each line as written.

One table per sheet (chosen above it): 原文 | 指標 | 基準値 | 基準年度 | 目標値 |
単位 | 目標年度 | 目標値の限定 | 目標値の種類 | 方向 | 実績 | 扱い. The person
confirms each reading (読み取りどおり登録), corrects it (editing a value makes
it 修正して登録), or keeps the line as text (文章のまま); a line the parser
could not read stays text and is shown, greyed, so nothing is dropped
unseen. The choices are written into the plan's proposals
(desktop.reports.form_plan.KpiProposal) as they are made; the dialog applies
the plan only when none is undecided and no value is invalid. Nothing here
saves anything.
"""

from __future__ import annotations

import copy

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.app.kpi_review import sheet_title
from desktop.reports.form_plan import ImportPlan, KpiChoice, KpiProposal, PlannedSheet
from desktop.survey.definition import SurveyDefinition
from desktop.survey.sheet import NOT_APPLICABLE, Direction, Qualifier, TargetKind, normalize_value, parse_number
from desktop.survey.wareki import FiscalYearError, format_fiscal_year, parse_fiscal_year

ERROR_COLOUR = "#b00020"
UNREADABLE_COLOUR = "#6b6b6b"

# Columns: the attribute each edits (None: read-only).
COL_LINE, COL_INDICATOR, COL_BASELINE, COL_BASELINE_YEAR, COL_TARGET, COL_UNIT, COL_TARGET_YEAR, \
    COL_QUALIFIER, COL_KIND, COL_DIRECTION, COL_ACTUALS, COL_CHOICE = range(12)
_TEXT_COLUMNS = {COL_INDICATOR: "indicator", COL_BASELINE: "baseline_value", COL_BASELINE_YEAR: "baseline_year",
                 COL_TARGET: "target_value", COL_UNIT: "unit", COL_TARGET_YEAR: "target_year"}

# The 扱い combo: what each entry means for a proposal.
ROW_PENDING, ROW_ACCEPT, ROW_CORRECTED, ROW_TEXT = "pending", "accept", "corrected", "text"


class KpiReviewPanel(QWidget):
    """The review of one plan's KPIs read from text; ``changed`` after every decision or correction."""

    changed = Signal()

    def __init__(self, survey: SurveyDefinition, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("kpiReview")
        self.survey = survey
        self.plan: ImportPlan | None = None
        self.tables: list[QTableWidget] = []
        self._sheets: list[PlannedSheet] = []
        self._errors: dict[tuple[int, int, int], str] = {}    # (sheet, row, column) → what is wrong
        self._filling = False

        hint = QLabel(self.tr("調査票の「実施項目・KPI」の文章から読み取った KPI です。原文と見比べて、"
                              "読み取りどおり登録するか、値を直して登録するか、文章のまま残すかを行ごとに選んでください。"
                              "すべての行を選ぶまで取り込めません。読み取れなかった行は文章のまま取り込みます。"))
        hint.setWordWrap(True)
        self.sheet_choice = QComboBox(objectName="kpiReviewSheet")
        self.stack = QStackedWidget(objectName="kpiReviewTables")
        self.accept_all = QPushButton(self.tr("未確認の行をすべて読み取りどおり登録"), objectName="kpiAcceptAll")
        self.text_all = QPushButton(self.tr("未確認の行をすべて文章のまま残す"), objectName="kpiTextAll")
        self.status = QLabel(objectName="kpiReviewStatus")
        self.status.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("施策:")))
        row.addWidget(self.sheet_choice, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.accept_all)
        buttons.addWidget(self.text_all)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addLayout(row)
        layout.addWidget(self.stack, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.status)
        self.sheet_choice.currentIndexChanged.connect(self.stack.setCurrentIndex)
        self.accept_all.clicked.connect(lambda: self._decide_all(KpiChoice.ACCEPT))
        self.text_all.clicked.connect(lambda: self._decide_all(KpiChoice.TEXT))

    # -- filling ------------------------------------------------------------------------------------

    def set_plan(self, plan: ImportPlan | None) -> None:
        self.plan = plan
        self._errors.clear()
        self.sheet_choice.clear()
        while self.stack.count():
            widget = self.stack.widget(0)
            self.stack.removeWidget(widget)
            widget.deleteLater()
        self.tables = []
        self._sheets = plan.reviewed() if plan is not None else []
        for n, planned in enumerate(self._sheets):
            table = self._table(n, planned)
            self.tables.append(table)
            self.stack.addWidget(table)
            self.sheet_choice.addItem("")
        self._update_status()

    def _headers(self) -> list[str]:
        return [self.tr("原文"), self.tr("指標"), self.tr("基準値"), self.tr("基準年度"), self.tr("目標値"),
                self.tr("単位"), self.tr("目標年度"), self.tr("目標値の限定"), self.tr("目標値の種類"),
                self.tr("方向"), self.tr("実績"), self.tr("扱い")]

    def _table(self, n: int, planned: PlannedSheet) -> QTableWidget:
        table = QTableWidget(len(planned.kpi_review), len(self._headers()), objectName=f"kpiReviewTable{n}")
        table.setHorizontalHeaderLabels(self._headers())
        table.setWordWrap(True)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                              | QAbstractItemView.EditTrigger.EditKeyPressed
                              | QAbstractItemView.EditTrigger.AnyKeyPressed)
        for column, width in ((COL_LINE, 200), (COL_INDICATOR, 140), (COL_BASELINE, 55), (COL_BASELINE_YEAR, 85),
                              (COL_TARGET, 55), (COL_UNIT, 50), (COL_TARGET_YEAR, 85), (COL_QUALIFIER, 95),
                              (COL_KIND, 95), (COL_DIRECTION, 75), (COL_ACTUALS, 80), (COL_CHOICE, 160)):
            table.setColumnWidth(column, width)      # the whole row, 扱い included, in a dialog 1,200 wide
        self._filling = True
        for r, proposal in enumerate(planned.kpi_review):
            self._fill_row(table, n, r, proposal)
        self._filling = False
        table.itemChanged.connect(lambda item, n=n: self._edited(n, item))
        table.resizeRowsToContents()
        return table

    def _fill_row(self, table: QTableWidget, n: int, r: int, proposal: KpiProposal) -> None:
        line = QTableWidgetItem(proposal.line)
        line.setToolTip(f"{proposal.cell}: {proposal.line}")
        line.setFlags(line.flags() & ~Qt.ItemFlag.ItemIsEditable)
        table.setItem(r, COL_LINE, line)
        kpi = proposal.kpi
        readable = kpi is not None
        values = {COL_INDICATOR: kpi.indicator if kpi else "", COL_BASELINE: kpi.baseline_value or "" if kpi else "",
                  COL_BASELINE_YEAR: format_fiscal_year(kpi.baseline_year) if kpi and kpi.baseline_year else "",
                  COL_TARGET: kpi.target_value or "" if kpi else "", COL_UNIT: kpi.unit if kpi else "",
                  COL_TARGET_YEAR: format_fiscal_year(kpi.target_year) if kpi and kpi.target_year else ""}
        for column, text in values.items():
            cell = QTableWidgetItem(text)
            if not readable:
                cell.setFlags(cell.flags() & ~Qt.ItemFlag.ItemIsEditable)
            table.setItem(r, column, cell)
        actuals = "、".join(f"{format_fiscal_year(y)} {v}" for y, v in sorted(kpi.actuals.items()) if v) if kpi else ""
        cell = QTableWidgetItem(actuals)
        cell.setFlags(cell.flags() & ~Qt.ItemFlag.ItemIsEditable)
        table.setItem(r, COL_ACTUALS, cell)
        qualifier = self._combo(f"kpiReviewQualifier{r}", [(self.tr("（なし）"), None)] +
                                [(q.label, q) for q in Qualifier], kpi.qualifier if kpi else None, readable)
        kind = self._combo(f"kpiReviewKind{r}", [(k.label, k) for k in TargetKind],
                           kpi.target_kind if kpi else TargetKind.LEVEL, readable)
        direction = self._combo(f"kpiReviewDirection{r}", [(d.label, d) for d in Direction],
                                kpi.direction if kpi else Direction.UP, readable)
        for column, combo, attr in ((COL_QUALIFIER, qualifier, "qualifier"), (COL_KIND, kind, "target_kind"),
                                    (COL_DIRECTION, direction, "direction")):
            table.setCellWidget(r, column, combo)
            combo.activated.connect(lambda _i, combo=combo, attr=attr, n=n, r=r: self._chosen(n, r, attr, combo))
        if readable:
            choice = self._combo(f"kpiReviewChoice{r}", [(self.tr("未確認"), ROW_PENDING),
                                                         (self.tr("読み取りどおり登録"), ROW_ACCEPT),
                                                         (self.tr("修正して登録"), ROW_CORRECTED),
                                                         (self.tr("文章のまま"), ROW_TEXT)],
                                 self._choice_of(proposal), True)
            choice.activated.connect(lambda _i, n=n, r=r: self._decided(n, r))
        else:
            choice = self._combo(f"kpiReviewChoice{r}", [(self.tr("文章のまま（読み取れません）"), ROW_TEXT)],
                                 ROW_TEXT, False)
            grey = QBrush(QColor(UNREADABLE_COLOUR))
            for column in range(table.columnCount()):
                if table.item(r, column) is not None:
                    table.item(r, column).setForeground(grey)
        table.setCellWidget(r, COL_CHOICE, choice)

    @staticmethod
    def _combo(name: str, entries: list[tuple[str, object]], current: object, enabled: bool) -> QComboBox:
        combo = QComboBox(objectName=name)
        for label, data in entries:
            combo.addItem(label, data)
        index = next((i for i, (_l, d) in enumerate(entries) if d == current), 0)
        combo.setCurrentIndex(index)
        combo.setEnabled(enabled)
        return combo

    @staticmethod
    def _choice_of(proposal: KpiProposal) -> str:
        if proposal.choice is KpiChoice.TEXT:
            return ROW_TEXT
        if proposal.choice is KpiChoice.ACCEPT:
            return ROW_CORRECTED if proposal.corrected else ROW_ACCEPT
        return ROW_PENDING

    # -- what the person does -------------------------------------------------------------------------

    def proposal(self, n: int, r: int) -> KpiProposal:
        return self._sheets[n].kpi_review[r]

    def _choice_combo(self, n: int, r: int) -> QComboBox:
        combo = self.tables[n].cellWidget(r, COL_CHOICE)
        assert isinstance(combo, QComboBox)
        return combo

    def _set_choice(self, n: int, r: int, value: str) -> None:
        combo = self._choice_combo(n, r)
        combo.setCurrentIndex(combo.findData(value))

    def _edited(self, n: int, item: QTableWidgetItem) -> None:
        """A value typed in the table: the reading corrected (and accepted), or the cell marked wrong."""
        if self._filling or item.column() not in _TEXT_COLUMNS:
            return
        r, column = item.row(), item.column()
        proposal = self.proposal(n, r)
        if proposal.kpi is None:
            return
        attr, text = _TEXT_COLUMNS[column], item.text().strip()
        error = ""
        if attr in ("baseline_year", "target_year"):
            try:
                setattr(proposal.kpi, attr, parse_fiscal_year(text) if text else None)
            except FiscalYearError as exc:
                error = str(exc)
        elif attr in ("baseline_value", "target_value"):
            if text and text != NOT_APPLICABLE and parse_number(text) is None:
                error = self.tr("「{0}」は数値として読み取れません。").format(text)
            else:
                setattr(proposal.kpi, attr, normalize_value(text))
        elif attr == "indicator" and not text:
            error = self.tr("指標を入力してください。")
        else:
            setattr(proposal.kpi, attr, text)
        self._mark(n, r, column, error)
        if not error:
            proposal.choice = KpiChoice.ACCEPT
            self._set_choice(n, r, ROW_CORRECTED if proposal.corrected else ROW_ACCEPT)
        self._settled()

    def _chosen(self, n: int, r: int, attr: str, combo: QComboBox) -> None:
        proposal = self.proposal(n, r)
        if proposal.kpi is None:
            return
        setattr(proposal.kpi, attr, combo.currentData())
        proposal.choice = KpiChoice.ACCEPT
        self._set_choice(n, r, ROW_CORRECTED if proposal.corrected else ROW_ACCEPT)
        self._settled()

    def _decided(self, n: int, r: int) -> None:
        proposal = self.proposal(n, r)
        value = self._choice_combo(n, r).currentData()
        if value == ROW_ACCEPT and proposal.corrected:       # 読み取りどおり: the reading, without the corrections
            self._reset_row(n, r)
        proposal.choice = {ROW_PENDING: None, ROW_TEXT: KpiChoice.TEXT}.get(value, KpiChoice.ACCEPT)
        self._settled()

    def _reset_row(self, n: int, r: int) -> None:
        proposal = self.proposal(n, r)
        proposal.kpi = copy.deepcopy(proposal.parsed)
        for column in _TEXT_COLUMNS:
            self._errors.pop((n, r, column), None)
        table = self.tables[n]
        self._filling = True
        self._fill_row(table, n, r, proposal)
        self._filling = False
        self._set_choice(n, r, ROW_ACCEPT)

    def _decide_all(self, choice: KpiChoice) -> None:
        if self.plan is None:
            return
        for n, planned in enumerate(self._sheets):
            for r, proposal in enumerate(planned.kpi_review):
                if proposal.pending:
                    proposal.choice = choice
                    self._set_choice(n, r, ROW_ACCEPT if choice is KpiChoice.ACCEPT else ROW_TEXT)
        self._settled()

    def _mark(self, n: int, r: int, column: int, error: str) -> None:
        item = self.tables[n].item(r, column)
        self._filling = True
        if error:
            self._errors[(n, r, column)] = error
            item.setBackground(QBrush(QColor("#fde7ea")))
            item.setToolTip(error)
        else:
            self._errors.pop((n, r, column), None)
            item.setBackground(QBrush())
            item.setToolTip("")
        self._filling = False

    def _settled(self) -> None:
        if self.plan is not None:
            self.plan.settle_kpis(self.survey)
        self._update_status()
        self.changed.emit()

    # -- state ------------------------------------------------------------------------------------------

    @property
    def pending(self) -> int:
        return len(self.plan.kpi_pending) if self.plan is not None else 0

    @property
    def errors(self) -> list[str]:
        """What is wrong in corrected values of rows to be saved (a row kept as text needs none of them)."""
        return [e for (n, r, _c), e in self._errors.items() if self.proposal(n, r).choice is not KpiChoice.TEXT]

    @property
    def complete(self) -> bool:
        """Every reading decided and every corrected value valid: the plan may be applied."""
        return self.pending == 0 and not self.errors

    def _sheet_label(self, planned: PlannedSheet) -> str:
        pending = sum(1 for p in planned.kpi_review if p.pending)
        state = self.tr("未確認 {0}件").format(pending) if pending else self.tr("確認済み")
        return f"{sheet_title(self.survey, planned)}（{planned.source}）［{state}］"

    def _update_status(self) -> None:
        for n, planned in enumerate(self._sheets):      # which sheets still need a look, in the chooser
            self.sheet_choice.setItemText(n, self._sheet_label(planned))
        if self.plan is None or not self._sheets:
            self.status.setText("")
            return
        readable = [p for p in self.plan.kpi_proposals() if p.readable]
        unreadable = [p for p in self.plan.kpi_proposals() if not p.readable]
        text = self.tr("読み取った KPI {0} 件のうち未確認 {1} 件、読み取れず文章のまま取り込む行 {2} 件。").format(
            len(readable), self.pending, len(unreadable))
        errors = self.errors
        if errors:
            text += self.tr("直した値に誤りが {0} 件あります：{1}").format(len(errors), errors[0])
        self.status.setStyleSheet(f"color: {ERROR_COLOUR};" if errors or self.pending else "")
        self.status.setText(text)
        self.accept_all.setEnabled(self.pending > 0)
        self.text_all.setEnabled(self.pending > 0)
