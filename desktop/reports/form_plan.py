"""The plan an import of returned forms produces: what would be created or changed, and what is wrong.

Nothing is applied by reading; the caller shows the plan (per-field before
and after) and applies it in one transaction with
``repository.save_sheets(plan.sheets_to_save(), author)``.

KPIs written as free text in another tool's form or a Word file (the
実施項目・KPI cell) come with a review (:class:`KpiProposal`, one per target
the parser read, and one per line it could not read): what was read, next to
the line as written. A person decides each one (:class:`KpiChoice`: saved as
read or as corrected, or kept as text) before anything is saved:
:meth:`ImportPlan.sheets_to_save` refuses while a readable line is
undecided. A line kept as text, or one the parser cannot read, becomes a KPI
whose indicator is the line as written (never dropped); a KPI saved as read
keeps the line as its ``source_text`` (調査票の記載), so the original
wording stays with it for comparison; its 指標の出典 stays what the form
said of the source (usually nothing), since that is what the secretariat
prints.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import Enum

from desktop.disclosure.marks import describe_marks
from desktop.reports.errors import ReportError
from desktop.reports.model import LABEL_BUREAU, LABEL_CONTACT, LABEL_MINISTRY, LABEL_PERSON
from desktop.survey.definition import FieldKind, SurveyDefinition
from desktop.survey.parts import new_key
from desktop.survey.sheet import KpiData, SheetData
from desktop.survey.validation import Severity
from desktop.survey.vocabulary import KPI_ATTRIBUTE_LABELS
from desktop.survey.wareki import format_fiscal_year


LABEL_MARKS = "非公開の指定"
ORIGINAL_PREFIX = KPI_ATTRIBUTE_LABELS["source_text"] + "："     # how the line a KPI was read from is shown beside it (KpiData.source_text)


@dataclass(frozen=True)
class ImportProblem:
    file: str
    cell: str          # e.g. 一覧!E12, or "" for the whole file
    message: str
    severity: Severity = Severity.ERROR

    def __str__(self) -> str:
        where = f"{self.file} {self.cell}".strip()
        return f"{where}: {self.message}" if where else self.message


@dataclass(frozen=True)
class FieldChange:
    label: str
    before: str
    after: str


class KpiChoice(str, Enum):
    """What a person decided for one KPI read from a form's text."""

    ACCEPT = "accept"     # save the KPI as read, or as the person corrected it
    TEXT = "text"         # keep the line as written (a KPI whose indicator is the line)


@dataclass
class KpiProposal:
    """One target read from a line of a free-text KPI cell, or a line the parser could not read."""

    line: str                          # the line as written in the form (without its bullet)
    cell: str                          # where it is (調査票!F4, 表1 5行2列)
    parsed: KpiData | None             # what the parser read; None: no target in the line (kept as text)
    kpi: KpiData | None = None         # what is saved when accepted: the reading, as the person corrected it
    choice: KpiChoice | None = None    # None: not decided yet
    text_key: str = field(default_factory=new_key)    # the key of the KPI the line becomes when kept as text

    def __post_init__(self) -> None:
        if self.parsed is None:
            self.choice = KpiChoice.TEXT          # nothing to accept: the line stays as text
        elif self.kpi is None:
            self.kpi = copy.deepcopy(self.parsed)

    @property
    def readable(self) -> bool:
        return self.parsed is not None

    @property
    def pending(self) -> bool:
        return self.readable and self.choice is None

    @property
    def corrected(self) -> bool:
        return self.readable and self.kpi != self.parsed

    def as_text(self) -> KpiData:
        return KpiData(indicator=self.line, key=self.text_key)

    def accepted(self) -> KpiData:
        assert self.kpi is not None
        kpi = copy.deepcopy(self.kpi)
        if not kpi.indicator.strip():
            kpi.indicator = self.line
        kpi.source_text = self.line
        return kpi


@dataclass
class PlannedSheet:
    sheet: SheetData                  # what would be saved
    before: SheetData | None          # the stored sheet it updates (None: created)
    source: str                       # file and row, e.g. 調査票.xlsx 一覧!5
    changes: list[FieldChange] = field(default_factory=list)
    kpi_review: list[KpiProposal] = field(default_factory=list)   # KPIs read from the form's text
    kpi_item: str = ""                # the key of the 実施項目 they go to
    checks: list[ImportProblem] = field(default_factory=list)      # the sheet's validation (also in warnings)
    # how the sheet is validated again when its KPIs read from text are decided
    check: Callable[[SheetData], list[ImportProblem]] | None = field(default=None, repr=False, compare=False)

    @property
    def is_new(self) -> bool:
        return self.before is None

    def settle_kpis(self) -> None:
        settle_kpis(self.sheet, self.kpi_item, self.kpi_review)


def settle_kpis(sheet: SheetData, item_key: str, proposals: list[KpiProposal]) -> None:
    """The 実施項目's KPIs as decided so far: accepted readings, and each other line once as text (in the order
    of the lines; an undecided reading counts as text until it is decided)."""
    item = next((i for i in sheet.items if i.key == item_key), None)
    if item is None or not proposals:
        return
    kpis: list[KpiData] = []
    as_text: set[str] = set()
    for proposal in proposals:
        if proposal.choice is KpiChoice.ACCEPT:
            kpis.append(proposal.accepted())
        elif proposal.line not in as_text and not any(
                p.line == proposal.line and p.choice is KpiChoice.ACCEPT for p in proposals):
            as_text.add(proposal.line)
            kpis.append(proposal.as_text())
    item.kpis = kpis


@dataclass
class ImportPlan:
    creates: list[PlannedSheet] = field(default_factory=list)
    updates: list[PlannedSheet] = field(default_factory=list)
    unchanged: list[PlannedSheet] = field(default_factory=list)
    problems: list[ImportProblem] = field(default_factory=list)    # block the import
    warnings: list[ImportProblem] = field(default_factory=list)    # for the person's judgement

    @property
    def ok(self) -> bool:
        return not self.problems

    def reviewed(self) -> list[PlannedSheet]:
        """The planned sheets with KPIs read from text, in the order of the plan."""
        return [p for p in self.creates + self.updates if p.kpi_review]

    def kpi_proposals(self) -> list[KpiProposal]:
        return [k for p in self.reviewed() for k in p.kpi_review]

    @property
    def kpi_pending(self) -> list[KpiProposal]:
        """The readings nobody has decided on yet: the plan cannot be saved while there are any."""
        return [k for k in self.kpi_proposals() if k.pending]

    def decide_kpis(self, choice: KpiChoice, survey: SurveyDefinition | None = None) -> None:
        """The same decision for every undecided reading (``--kpi accept``, 「すべて読み取りどおり」)."""
        for proposal in self.kpi_pending:
            proposal.choice = choice
        self.settle_kpis(survey)

    def settle_kpis(self, survey: SurveyDefinition | None = None) -> None:
        """The sheets' KPIs as decided so far; with ``survey``, the preview's changes too."""
        for planned in self.reviewed():
            planned.settle_kpis()
            if survey is not None:
                planned.changes = changes(survey, planned.before, planned.sheet)
            if planned.check is not None:      # 「目標値が未設定」 of a line now saved with its target goes
                old = {id(p) for p in planned.checks}
                at = next((i for i, w in enumerate(self.warnings) if id(w) in old), len(self.warnings))
                kept = [w for w in self.warnings if id(w) not in old]
                planned.checks = planned.check(planned.sheet)
                at = min(at, len(kept))
                self.warnings[:] = kept[:at] + planned.checks + kept[at:]

    def sheets_to_save(self) -> list[SheetData]:
        """The sheets for ``repository.save_sheets`` (one transaction); refuses a plan with problems, and one
        whose KPIs read from text are not all decided."""
        if self.problems:
            raise ReportError(f"取り込めない箇所が{len(self.problems)}件あるため、取り込みを中止しました。"
                              f"最初の問題: {self.problems[0]}")
        pending = self.kpi_pending
        if pending:
            raise ReportError(f"文章から読み取った KPI のうち {len(pending)}件が未確認のため、取り込みを中止しました。"
                              "読み取りどおり登録するか、文章のまま残すかを選んでください"
                              f"（最初の記載: {pending[0].cell}「{pending[0].line}」）。")
        self.settle_kpis()
        return [p.sheet for p in self.creates] + [p.sheet for p in self.updates]


def _target(kpi) -> str:
    """The target as the preview shows it: with its qualifier and kind (「4以内」「+10」「46%削減」)."""
    if kpi.qualifier is None and not kpi.target_kind.relative:
        return kpi.target_value or ""
    return f"{kpi.target_value or ''}［{kpi.target_kind.label}{'・' + kpi.qualifier.label if kpi.qualifier else ''}］"


def items_text(sheet: SheetData) -> str:
    lines = []
    for i, item in enumerate(sheet.items, start=1):
        lines.append(f"（{i}）{item.title}" + (f"／今後の検討予定：{item.plan_text}" if item.plan_text else ""))
        for kpi in item.kpis:
            parts = [kpi.indicator, kpi.kind.label, kpi.direction.label, kpi.unit,
                     f"基準 {kpi.baseline_value or ''}（{format_fiscal_year(kpi.baseline_year) if kpi.baseline_year else ''}）",
                     f"目標 {_target(kpi)}（{format_fiscal_year(kpi.target_year) if kpi.target_year else ''}）"]
            parts += [f"{format_fiscal_year(y)} {v}" for y, v in sorted(kpi.actuals.items()) if v is not None]
            lines.append("　・" + "／".join(p for p in parts if p))
    return "\n".join(lines)


def changes(survey: SurveyDefinition, before: SheetData | None, after: SheetData) -> list[FieldChange]:
    """Per-field before/after for the preview (every non-empty field of a new sheet)."""

    def view(sheet: SheetData | None) -> list[tuple[str, str]]:
        if sheet is None:
            return []
        out = [(LABEL_MINISTRY, sheet.ministry), (LABEL_BUREAU, sheet.bureau), (LABEL_PERSON, sheet.person),
               (LABEL_CONTACT, sheet.contact)]
        for f in survey.fields:
            if f.kind is FieldKind.CLASSIFICATION:
                out.append((f.label, survey.classification_display(sheet.classification) if sheet.classification
                            else ""))
            elif f.kind is FieldKind.KPI_ITEMS:
                out.append((f.label, items_text(sheet)))
            else:
                out.append((f.label, sheet.text(f.key)))
        out.append((survey.areas_label, "、".join(a.label if (a := survey.area(c)) else c for c in sheet.areas)))
        # Marks are part of what an import changes: one the form adds (its markers, a request in
        # 公開範囲に関する希望) or flags must be saved and shown, like a changed text.
        out.append((LABEL_MARKS, "\n".join(sorted(f"{e.description}（理由：{e.reason}）"
                                                  for e in describe_marks(survey, sheet)))))
        return out

    old = dict(view(before))
    return [FieldChange(label, old.get(label, ""), value) for label, value in view(after)
            if value != old.get(label, "")]
