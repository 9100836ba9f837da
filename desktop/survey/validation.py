"""Checks of a measure sheet against its survey definition.

The rules follow the format's wording: required fields, a 施策分類 from the
list, each 実施項目 with a KPI or a 今後の検討予定, KPIs quantitative "可能な限り"
(so a warning, not an error), and this year's actual for every KPI unless the
text explains it. Errors block 提出済; warnings are for the author's judgement.
A KPI behind its path to the target (desktop.survey.progress) with nothing in
the survey's issues field (進捗における課題と解決の方向性) is a warning: evaluation
reviewers ask for the cause of every missed target.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from desktop.survey.definition import FieldKind, SurveyDefinition
from desktop.survey.progress import KpiStatus, format_number, sheet_progress
from desktop.survey.review import MoveRefused, check_move
from desktop.survey.sheet import SheetData, Status, is_number, split_qualifier
from desktop.survey.wareki import format_fiscal_year


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"

    @property
    def label(self) -> str:
        return "エラー" if self is Severity.ERROR else "警告"


@dataclass(frozen=True)
class Problem:
    severity: Severity
    field: str          # a field key of the survey, or a sheet attribute
    message: str
    item_index: int | None = None
    kpi_index: int | None = None


def _required_text(survey: SurveyDefinition, sheet: SheetData) -> list[Problem]:
    problems = []
    for f in survey.fields:
        if f.kind is FieldKind.TEXT and f.required and not sheet.text(f.key).strip():
            problems.append(Problem(Severity.ERROR, f.key, f"「{f.label}」は必須です。入力してください。"))
        if f.kind.has_text and f.max_length and len(sheet.text(f.key)) > f.max_length:
            problems.append(Problem(
                Severity.ERROR, f.key,
                f"「{f.label}」は{f.max_length}文字以内にしてください（現在{len(sheet.text(f.key))}文字）。"))
    return problems


def _classification(survey: SurveyDefinition, sheet: SheetData) -> list[Problem]:
    f = survey.first_field_of_kind(FieldKind.CLASSIFICATION)
    if f is None:
        return []
    if not sheet.classification:
        if f.required:
            return [Problem(Severity.ERROR, f.key, f"「{f.label}」を選択してください。")]
        return []
    if survey.choice(sheet.classification) is None:
        return [Problem(Severity.ERROR, f.key,
                        f"「{f.label}」の「{sheet.classification}」は一覧にない分類です。選択し直してください。")]
    return []


def _areas(survey: SurveyDefinition, sheet: SheetData) -> list[Problem]:
    unknown = [a for a in sheet.areas if survey.area(a) is None]
    return [Problem(Severity.ERROR, "areas", f"「{survey.areas_label}」に一覧にない領域「{a}」があります。")
            for a in unknown]


def _kpi_quality(label: str, item_no: int, kpi_no: int, kpi, i: int, k: int, key: str) -> list[Problem]:
    problems = []
    name = kpi.indicator.strip() or f"KPI{kpi_no}"
    where = f"「{label}」実施項目{item_no}のKPI「{name}」"
    if not kpi.indicator.strip():
        problems.append(Problem(Severity.ERROR, key, f"{where}: 指標名を入力してください。", i, k))
    for value, what in ((kpi.baseline_value, "基準値"), (kpi.target_value, "目標値")):
        if value and value != "-" and not is_number(value) and kpi.quantitative:
            number, qualifier = split_qualifier(value, kpi.unit)
            hint = f"（「{qualifier.label}」は目標値の限定で選び、{what}には「{number}」と入力してください）" \
                if qualifier is not None else ""
            problems.append(Problem(Severity.ERROR, key, f"{where}: {what}「{value}」が数値ではありません。{hint}", i, k))
    if kpi.quantitative and kpi.target_kind.relative and is_number(kpi.target_value) \
            and not (is_number(kpi.baseline_value) and kpi.baseline_year is not None):
        problems.append(Problem(Severity.WARNING, key, f"{where}: 目標値が{kpi.target_kind.label}のため、"
                                f"基準値（数値と年度）がないと目標の水準と達成率を計算できません。", i, k))
    has_target = bool(kpi.target_value) or kpi.target_year is not None
    quantitative = is_number(kpi.target_value) and bool(kpi.unit.strip()) and kpi.target_year is not None
    if not has_target:
        problems.append(Problem(Severity.WARNING, key,
                                f"{where}: 目標値が未設定です。可能な限り定量的な目標を設定してください。", i, k))
    elif not quantitative:
        problems.append(Problem(Severity.WARNING, key,
                                f"{where}: 定量的なKPIになっていません（目標値の数値・単位・目標年度が必要です）。", i, k))
    return problems


def _items(survey: SurveyDefinition, sheet: SheetData) -> list[Problem]:
    f = survey.first_field_of_kind(FieldKind.KPI_ITEMS)
    if f is None:
        return []
    problems = []
    if not sheet.items and f.required:
        problems.append(Problem(Severity.ERROR, f.key, f"「{f.label}」に実施項目を1つ以上入力してください。"))
    for i, item in enumerate(sheet.items):
        no = i + 1
        if not item.title.strip():
            problems.append(Problem(Severity.ERROR, f.key, f"「{f.label}」実施項目{no}の名称を入力してください。", i))
        if not item.kpis:
            if item.plan_text.strip():
                problems.append(Problem(
                    Severity.WARNING, f.key,
                    f"「{f.label}」実施項目{no}はKPI未設定です（今後の検討予定が記載されています）。", i))
            else:
                problems.append(Problem(
                    Severity.ERROR, f.key,
                    f"「{f.label}」実施項目{no}にKPIを設定するか、今後の検討予定を記載してください。", i))
        for k, kpi in enumerate(item.kpis):
            problems.extend(_kpi_quality(f.label, no, k + 1, kpi, i, k, f.key))
    return problems


def _results(survey: SurveyDefinition, sheet: SheetData) -> list[Problem]:
    f = survey.first_field_of_kind(FieldKind.RESULTS)
    if f is None:
        return []
    text = sheet.text(f.key).strip()
    kpis = sheet.all_kpis()
    problems = []
    if f.required and not text and not kpis:
        problems.append(Problem(Severity.ERROR, f.key, f"「{f.label}」は必須です。入力してください。"))
    for i, item in enumerate(sheet.items):
        for k, kpi in enumerate(item.kpis):
            value = kpi.actual(sheet.fiscal_year)
            if value:
                if kpi.quantitative and value != "-" and not is_number(value):
                    problems.append(Problem(
                        Severity.ERROR, f.key,
                        f"「{f.label}」KPI「{kpi.indicator or k + 1}」の実績値「{value}」が数値ではありません。", i, k))
                continue
            name = kpi.indicator.strip() or f"実施項目{i + 1}のKPI{k + 1}"
            if text:
                problems.append(Problem(
                    Severity.WARNING, f.key,
                    f"「{f.label}」KPI「{name}」の当年度実績値が未入力です（本文で説明していれば問題ありません）。", i, k))
            else:
                problems.append(Problem(
                    Severity.ERROR, f.key,
                    f"「{f.label}」KPI「{name}」の当年度実績を入力するか、本文で説明してください。", i, k))
    return problems


def _marks(survey: SurveyDefinition, sheet: SheetData) -> list[Problem]:
    f = survey.first_field_of_kind(FieldKind.DISCLOSURE)
    key = f.key if f else "disclosure"
    return [Problem(Severity.ERROR, key, "非公開とする箇所には希望理由を記載してください。")
            for m in sheet.marks if not m.reason.strip()]


def _behind_without_issues(survey: SurveyDefinition, sheet: SheetData) -> list[Problem]:
    if survey.issues_field is None or sheet.text(survey.issues_field).strip():
        return []
    f = survey.field(survey.issues_field)
    problems = []
    for i, k, kpi, progress in sheet_progress(sheet):
        if progress.status is not KpiStatus.BEHIND or progress.latest_year is None:
            continue
        name = kpi.indicator.strip() or f"実施項目{i + 1}のKPI{k + 1}"
        unit = kpi.unit.strip()
        problems.append(Problem(
            Severity.WARNING, f.key,
            f"KPI「{name}」は目標に対して遅れています"
            f"（{format_fiscal_year(progress.latest_year)}の実績 {format_number(progress.latest)}{unit}、"
            f"目標までの見込み {format_number(progress.expected)}{unit}）。"
            f"「{f.label}」に遅れの原因と解決の方向性を記載してください。", i, k))
    return problems


def validate_sheet(survey: SurveyDefinition, sheet: SheetData) -> list[Problem]:
    """All problems of one sheet, in the order of the survey's fields."""
    problems = (_classification(survey, sheet) + _required_text(survey, sheet) + _areas(survey, sheet)
                + _items(survey, sheet) + _results(survey, sheet) + _behind_without_issues(survey, sheet)
                + _marks(survey, sheet))
    order = {f.key: i for i, f in enumerate(survey.fields)}
    return sorted(problems, key=lambda p: order.get(p.field, len(order)))


def has_errors(problems: list[Problem]) -> bool:
    return any(p.severity is Severity.ERROR for p in problems)


class TransitionRefused(ValueError):
    """A status change the cycle or the validation does not allow."""


def check_transition(survey: SurveyDefinition, sheet: SheetData, target: Status, role: str | None = None,
                     reason: str = "") -> None:
    """Raise TransitionRefused with the reason staff should read.

    The moves, who may make them and whether a reason is needed are the
    survey's review cycle (desktop.survey.review); ``role`` None checks the
    move only (any role may make it), as imports of returned forms do.
    """
    if target is sheet.status:
        return
    cycle = survey.review
    if role is None:
        if target not in cycle.targets(sheet.status):
            raise TransitionRefused(f"「{sheet.status.label}」から「{target.label}」には変更できません。")
    else:
        try:
            check_move(cycle, sheet.status, target, role, reason)
        except MoveRefused as exc:
            raise TransitionRefused(str(exc)) from None
    if target is Status.SUBMITTED:
        errors = [p for p in validate_sheet(survey, sheet) if p.severity is Severity.ERROR]
        if errors:
            raise TransitionRefused(
                f"エラーが{len(errors)}件あるため提出済にできません。最初のエラー: {errors[0].message}")
