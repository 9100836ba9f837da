"""The review of KPIs an import read from free text, as lines to read (the CLI prints them).

A form made by another tool, or a Word file of last year's sheets, has KPIs
as sentences in its 実施項目・KPI cell. The import reads each target into a
proposal (desktop.reports.form_plan.KpiProposal) and saves nothing until a
person has decided: saved as read (or corrected in the GUI's review table),
or kept as text. These lines show, per sheet, each line as written next to
what was read, and the lines that stay text because nothing could be read:
the same facts the GUI's review table shows, for a terminal.
"""

from __future__ import annotations

from desktop.reports.form_plan import ImportPlan, KpiChoice, KpiProposal, PlannedSheet
from desktop.survey.definition import SurveyDefinition
from desktop.survey.sheet import KpiData
from desktop.survey.wareki import format_fiscal_year

_CHOICE_LABELS = {None: "未確認", KpiChoice.ACCEPT: "読み取りどおり登録", KpiChoice.TEXT: "文章のまま"}


def describe_kpi(kpi: KpiData) -> str:
    """What was read, in one line: 指標「…」 基準 12件（令和5年度） 目標 30件（令和9年度） 上向き 実績 …"""
    parts = [f"指標「{kpi.indicator}」"]
    if kpi.baseline_value:
        year = f"（{format_fiscal_year(kpi.baseline_year)}）" if kpi.baseline_year else ""
        parts.append(f"基準 {kpi.baseline_value}{kpi.unit if not kpi.target_kind.relative else ''}{year}")
    target = kpi.target_text() or "（目標値なし）"
    year = f"（{format_fiscal_year(kpi.target_year)}）" if kpi.target_year else "（目標年度なし）"
    parts.append(f"目標 {target}{year}")
    if kpi.target_kind.relative:
        parts.append(kpi.target_kind.label)
    parts.append(kpi.judged_direction.label)
    for y, v in sorted(kpi.actuals.items()):
        if v is not None:
            parts.append(f"実績 {format_fiscal_year(y)} {v}")
    return " ".join(parts)


def sheet_title(survey: SurveyDefinition, planned: PlannedSheet) -> str:
    return " ".join(planned.sheet.text(survey.title_field).split()) or "（施策名なし）"


def choice_label(proposal: KpiProposal) -> str:
    if not proposal.readable:
        return "文章のまま（読み取れません）"
    if proposal.choice is KpiChoice.ACCEPT and proposal.corrected:
        return "修正して登録"
    return _CHOICE_LABELS[proposal.choice]


def readings(plan: ImportPlan) -> list[KpiProposal]:
    """The plan's readings in the order the lines print them: reading n of the listing is ``readings(plan)[n-1]``
    (``import --kpi-text 2,5`` names them so)."""
    return [p for p in plan.kpi_proposals() if p.readable]


def review_lines(survey: SurveyDefinition, plan: ImportPlan) -> list[str]:
    """Per sheet: each line as written, what was read from it (numbered across the plan), and the lines kept
    as text."""
    out: list[str] = []
    number = {id(p): n for n, p in enumerate(readings(plan), start=1)}
    for planned in plan.reviewed():
        out.append(f"施策「{sheet_title(survey, planned)}」（{planned.source}）の KPI の記載:")
        readable = [p for p in planned.kpi_review if p.readable]
        seen: set[str] = set()
        for proposal in readable:
            n = number[id(proposal)]
            if proposal.line not in seen:
                out.append(f"  原文「{proposal.line}」（{proposal.cell}）")
                seen.add(proposal.line)
            assert proposal.kpi is not None
            out.append(f"    {n}. → {describe_kpi(proposal.kpi)}［{choice_label(proposal)}］")
        unreadable = [p.line for p in planned.kpi_review if not p.readable]
        if unreadable:
            out.append("  読み取れない記載（文章のまま KPI の指標として取り込みます）:")
            out += [f"    ・「{line}」" for line in unreadable]
    return out


__all__ = ["choice_label", "describe_kpi", "readings", "review_lines", "sheet_title"]
