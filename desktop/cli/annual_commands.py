"""Commands of the annual cycle: new-year, history, overview."""

from __future__ import annotations

import argparse
from pathlib import Path

from desktop.cli.common import (EXIT_OK, CliError, add_json_option, open_repository, print_json, print_table,
                                year_argument)
from desktop.app.new_year import NewYearError, NewYearResult, start_new_year
from desktop.store.history import display_value, sheet_history
from desktop.store.overview import GroupRow, Overview, year_overview
from desktop.reports.errors import ReportError
from desktop.app.export import Selection, export_report
from desktop.store.repository import SheetNotFound, current_user
from desktop.survey.definition import FieldKind
from desktop.survey.progress import KpiStatus
from desktop.survey.sheet import Status
from desktop.survey.wareki import format_fiscal_year, format_fiscal_year_both

SHOWN_VALUE = 30   # characters of a value shown in the history table


def _short(value: str | None) -> str:
    if value is None:
        return ""
    flat = " ".join(value.split())
    return flat if len(flat) <= SHOWN_VALUE else flat[:SHOWN_VALUE - 1] + "…"


# -- new-year --------------------------------------------------------------------------


def new_year_json(result: NewYearResult) -> dict:
    def rows(successors) -> list[dict]:
        return [{"predecessor_id": s.predecessor_id, "id": s.sheet_id, "title": s.title} for s in successors]

    return {"from_year": result.from_year, "to_year": result.to_year, "dry_run": result.dry_run,
            "created": rows(result.created), "existing": rows(result.existing), "excluded": list(result.excluded),
            "versions": [{"from_version": v.from_version, "to_version": v.to_version,
                          "fields": [{"move": f.move.move.value, "old_key": f.move.old_key, "old_label": f.move.old_label,
                                      "new_key": f.move.new_key, "new_label": f.move.new_label, "sheets": f.sheets}
                                     for f in v.fields]} for v in result.versions]}


def print_field_map(result: NewYearResult) -> None:
    """The preview of a run onto another version of the survey: each field, where its text goes, how many sheets."""
    for plan in result.versions:
        if not plan.changes_version:
            continue
        print(f"調査票の第{plan.from_version}版から第{plan.to_version}版へ:")
        print_table(["前の版の項目", "新しい版の項目", "扱い", "本文のあるシート"],
                    [[f.move.old_label or "", f.move.new_label or "", f.move.move.label, str(f.sheets)]
                     for f in plan.fields])


def cmd_new_year(args: argparse.Namespace) -> int:
    to_year = args.to_year if args.to_year is not None else args.from_year + 1
    onto = None
    if args.definition:
        from desktop.cli.survey_commands import read_definition_file

        onto = read_definition_file(Path(args.definition))
    repo = open_repository(args)
    try:
        result = start_new_year(repo, args.from_year, to_year, exclude_ids=args.exclude or (),
                                author=current_user(), dry_run=args.dry_run, onto=onto)
    except NewYearError as exc:
        raise CliError(str(exc)) from exc
    if args.json:
        print_json(new_year_json(result))
        return EXIT_OK
    old, new = format_fiscal_year_both(result.from_year), format_fiscal_year_both(result.to_year)
    print_field_map(result)
    if result.dry_run:
        if result.created:
            print_table(["元のID", "施策名"], [[str(s.predecessor_id), s.title] for s in result.created])
        print(f"（試行のため保存していません）{old}の施策シートから{new}の施策シートを{len(result.created)}件作成します。"
              f"作成済みのため省略 {len(result.existing)}件、除外 {len(result.excluded)}件。")
    else:
        print(f"{old}の施策シートから{new}の施策シートを{len(result.created)}件作成しました。"
              f"作成済みのため省略 {len(result.existing)}件、除外 {len(result.excluded)}件。")
        results = repo.survey.first_field_of_kind(FieldKind.RESULTS)
        if result.created and results is not None:
            print(f"新しい施策シートは「{Status.DRAFT.label}」です。「{results.label}」と各KPIの実績値を入力してください。")
    return EXIT_OK


# -- history ---------------------------------------------------------------------------


def cmd_history(args: argparse.Namespace) -> int:
    repo = open_repository(args)
    try:
        entries = sheet_history(repo, args.sheet_id)
    except SheetNotFound as exc:
        raise CliError(str(exc)) from exc
    if args.field:
        entries = [e for e in entries if e.field == args.field or e.field == f"field:{args.field}"]
    if args.json:
        print_json([{"revision_id": e.revision_id, "version": e.version, "at": e.at.isoformat(timespec="seconds"),
                     "author": e.author, "field": e.field, "label": e.label, "old_value": e.old_value,
                     "new_value": e.new_value} for e in entries])
        return EXIT_OK
    survey = repo.survey

    def shown(e, value):
        return _short(display_value(survey, e.field, value))

    print_table(["版", "日時", "変更者", "項目", "変更前", "変更後"],
                [[str(e.version), e.at.strftime("%Y-%m-%d %H:%M"), e.author, e.label, shown(e, e.old_value),
                  shown(e, e.new_value)] for e in entries])
    print(f"{len(entries)}件")
    return EXIT_OK


# -- overview --------------------------------------------------------------------------


def _kpi_json(counts) -> dict:
    return {s.value: counts.of(s) for s in KpiStatus} | {"total": counts.total}


def _group_json(row: GroupRow) -> dict:
    return {"code": row.code, "label": row.label, "measures": row.measures, "kpis": _kpi_json(row.kpis)}


def overview_json(o: Overview) -> dict:
    """The stable shape scripts rely on; keys are English and never renamed."""
    return {
        "survey": o.survey_key, "fiscal_year": o.year, "sheets": o.sheets,
        "status": {s.value: n for s, n in o.by_status.items()}, "with_errors": o.with_errors, "kpis": _kpi_json(o.kpis),
        "ministries": [{"ministry": m.ministry, "sheets": m.sheets,
                        "status": {s.value: n for s, n in m.by_status.items()}, "with_errors": m.with_errors,
                        "error_sheet_ids": m.error_sheet_ids, "kpis": _kpi_json(m.kpis)} for m in o.ministries],
        "classifications": [_group_json(g) for g in o.classifications],
        "areas": [_group_json(g) for g in o.areas],
    }


def _group_table(title: str, rows: list[GroupRow]) -> None:
    print_table([title, "施策数", "KPI数"] + [s.label for s in KpiStatus],
                [[g.label, str(g.measures), str(g.kpis.total)] + [str(g.kpis.of(s)) for s in KpiStatus]
                 for g in rows])


def cmd_overview(args: argparse.Namespace) -> int:
    repo = open_repository(args)
    year = args.year
    if year is None:
        years = repo.years()
        if not years:
            raise CliError("施策シートがありません。--year で年度を指定してください。")
        year = years[0]
    if args.xlsx:
        try:
            written = export_report(repo, "xlsx", args.xlsx, audience="internal", selection=Selection(year=year)).path
        except (ReportError, OSError) as exc:
            raise CliError(str(exc)) from exc
        print(f"{format_fiscal_year(year)}の報告書（内部資料、集計シート付き）を書き出しました: {written}")
        return EXIT_OK
    o = year_overview(repo, year)
    if args.json:
        print_json(overview_json(o))
        return EXIT_OK
    survey = repo.survey
    print(f"{survey.title} {format_fiscal_year(year)}: 施策シート {o.sheets}件"
          f"（エラーのあるシート {o.with_errors}件）、KPI {o.kpis.total}件")
    print()
    print_table(["府省庁", "シート数"] + [s.label for s in Status] + ["エラーあり"],
                [[m.ministry or "（府省庁なし）", str(m.sheets)] + [str(m.by_status[s]) for s in Status]
                 + [str(m.with_errors)] for m in o.ministries])
    print()
    classification = survey.first_field_of_kind(FieldKind.CLASSIFICATION)
    _group_table(classification.label if classification else "分類", o.classifications)
    print()
    _group_table(survey.areas_label, o.areas)
    return EXIT_OK


def register(sub) -> None:
    p = sub.add_parser("new-year", help="前年度の施策シートから新しい年度の施策シートを作成する（2回実行しても重複しない）")
    p.add_argument("--from", dest="from_year", type=year_argument, required=True,
                   help="元の年度（2025 または 令和7年度）")
    p.add_argument("--to", dest="to_year", type=year_argument,
                   help="作成する年度（省略時は元の年度の翌年度）")
    p.add_argument("--exclude", type=int, nargs="+", action="extend", metavar="ID",
                   help="引き継がない施策シートのID（終了した施策など。複数指定可）")
    p.add_argument("--definition", metavar="ファイル",
                   help="新しい年度の調査票の定義（定義ブック .xlsx または .toml）。調査票の次の版として登録し、"
                        "項目を key と旧名で引き継ぐ（--dry-run で移し方を確認できる）")
    p.add_argument("--dry-run", action="store_true",
                   help="作成される施策シートと項目の移し方を表示するだけで保存しない")
    add_json_option(p)
    p.set_defaults(handler=cmd_new_year)

    p = sub.add_parser("history", help="施策シートの変更履歴を表示する")
    p.add_argument("sheet_id", type=int, metavar="シートID", help="施策シートのID")
    p.add_argument("--field", help="この項目の履歴だけを表示する（例: content、status）")
    add_json_option(p)
    p.set_defaults(handler=cmd_history)

    p = sub.add_parser("overview", help="年度の集計（府省庁別の状態、施策分類・領域別のKPIの進捗）を表示する")
    p.add_argument("--year", type=year_argument, help="年度（省略時は最新の年度）")
    add_json_option(p)
    p.add_argument("--xlsx", metavar="ファイル", help="集計シート付きの Excel 報告書（内部資料）に書き出す")
    p.set_defaults(handler=cmd_overview)
