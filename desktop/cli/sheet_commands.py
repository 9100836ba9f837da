"""Commands over the sheets themselves: init, demo, sheets list, validate."""

from __future__ import annotations

import argparse

from desktop.cli.common import (EXIT_FAILED, EXIT_OK, add_command_group, add_json_option, open_repository, print_json,
                                print_table, year_argument)
from desktop.store.repository import SheetFilter, SheetRow
from desktop.survey.sheet import Status
from desktop.survey.validation import Severity, validate_sheet
from desktop.survey.wareki import format_fiscal_year


def _status_argument(text: str) -> Status:
    try:
        return Status.from_text(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from exc


def _add_filters(p: argparse.ArgumentParser) -> None:
    p.add_argument("--year", type=year_argument, help="年度（2026 または 令和8年度）")
    p.add_argument("--ministry", help="府省庁（例: 総務省）")
    p.add_argument("--classification", help="施策分類のコード（例: P1-1）または名称")
    p.add_argument("--status", type=_status_argument, help="状態（下書き・確認中・提出済・差戻し）")
    add_json_option(p)


def _filters(args: argparse.Namespace, repo) -> SheetFilter:
    classification = getattr(args, "classification", None)
    if classification:
        choice = repo.survey.choice(classification) or repo.survey.choice_by_label(classification)
        classification = choice.code if choice else classification
    return SheetFilter(survey_key=repo.survey.key, year=args.year, ministry=args.ministry,
                       classification=classification, status=getattr(args, "status", None))


def sheet_json(row: SheetRow) -> dict:
    """The stable shape scripts rely on; keys are English and never renamed."""
    return {
        "id": row.id,
        "fiscal_year": row.fiscal_year,
        "ministry": row.ministry,
        "bureau": row.bureau,
        "classification": row.classification,
        "title": row.title,
        "status": row.status.value,
        "updated_at": row.updated_at.isoformat(timespec="seconds"),
        "sample": row.is_sample,
    }


def cmd_init(args: argparse.Namespace) -> int:
    repo = open_repository(args, create=True)
    print(f"データベースを準備しました: {repo.db.target}")
    return EXIT_OK


def cmd_demo(args: argparse.Namespace) -> int:
    from desktop.samples import build_demo

    repo = open_repository(args, create=True)
    created = build_demo(repo)
    print(f"サンプルの施策シートを{len(created)}件作成しました（{repo.db.target}）。")
    return EXIT_OK


def cmd_list(args: argparse.Namespace) -> int:
    repo = open_repository(args)
    rows = repo.list_sheets(_filters(args, repo), order="id", descending=False)
    if args.json:
        print_json([sheet_json(r) for r in rows])
        return EXIT_OK
    survey = repo.survey
    print_table(["ID", "年度", "府省庁", "施策分類", "施策名", "状態"],
                [[str(r.id), format_fiscal_year(r.fiscal_year), r.ministry,
                  survey.choice(r.classification).label if survey.choice(r.classification) else "",
                  r.title, r.status.label] for r in rows])
    print(f"{len(rows)}件")
    return EXIT_OK


def cmd_validate(args: argparse.Namespace) -> int:
    repo = open_repository(args)
    problems = []
    for sheet in repo.load_sheets(_filters(args, repo)):
        survey = repo.survey_definition(sheet.survey_key)
        problems.extend((sheet, p) for p in validate_sheet(survey, sheet))
    errors = sum(1 for _, p in problems if p.severity is Severity.ERROR)
    if args.json:
        print_json([{"sheet_id": s.id, "severity": p.severity.value, "field": p.field, "message": p.message}
                    for s, p in problems])
    else:
        for sheet, p in problems:
            title = sheet.text(repo.survey.title_field) or "（施策名なし）"
            print(f"[{p.severity.label}] シート{sheet.id}「{title}」 {p.field}: {p.message}")
        warnings = len(problems) - errors
        print(f"エラー {errors}件、警告 {warnings}件")
    return EXIT_FAILED if errors else EXIT_OK


def register(sub) -> None:
    p = sub.add_parser("init", help="データベースを作成（または最新の形式に更新）する")
    p.set_defaults(handler=cmd_init)

    p = sub.add_parser("demo", help="サンプルの施策シートを作成する（既存のサンプルは作り直す）")
    p.set_defaults(handler=cmd_demo)

    sheets_sub = add_command_group(sub, "sheets", "施策シートの一覧など")
    p = sheets_sub.add_parser("list", help="施策シートの一覧を表示する")
    _add_filters(p)
    p.set_defaults(handler=cmd_list)

    p = sub.add_parser("validate", help="施策シートを検証する（エラーがあれば終了コード1）")
    _add_filters(p)
    p.set_defaults(handler=cmd_validate)
