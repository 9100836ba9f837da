"""The plan an import of returned forms produces: what would be created or changed, and what is wrong.

Nothing is applied by reading; the caller shows the plan (per-field before
and after) and applies it in one transaction with
``repository.save_sheets(plan.sheets_to_save(), author)``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from desktop.disclosure.marks import describe_marks
from desktop.reports.errors import ReportError
from desktop.reports.model import LABEL_BUREAU, LABEL_CONTACT, LABEL_MINISTRY, LABEL_PERSON
from desktop.survey.definition import FieldKind, SurveyDefinition
from desktop.survey.sheet import SheetData
from desktop.survey.validation import Severity
from desktop.survey.wareki import format_fiscal_year


LABEL_MARKS = "非公開の指定"


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


@dataclass
class PlannedSheet:
    sheet: SheetData                  # what would be saved
    before: SheetData | None          # the stored sheet it updates (None: created)
    source: str                       # file and row, e.g. 調査票.xlsx 一覧!5
    changes: list[FieldChange] = field(default_factory=list)

    @property
    def is_new(self) -> bool:
        return self.before is None


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

    def sheets_to_save(self) -> list[SheetData]:
        """The sheets for ``repository.save_sheets`` (one transaction); refuses a plan with problems."""
        if self.problems:
            raise ReportError(f"取り込めない箇所が{len(self.problems)}件あるため、取り込みを中止しました。"
                              f"最初の問題: {self.problems[0]}")
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
