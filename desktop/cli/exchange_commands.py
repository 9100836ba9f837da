"""Submission and return files from the command line: ``exchange export`` and ``exchange import``.

They call desktop.app.exchange, the same functions the GUI's ファイル menu
uses. Exit codes: 0 done (or nothing new), 1 the file cannot be imported as
it is (a problem named by cell, or sheets changed on both sides without
``--take``; nothing saved), 2 bad usage or a file that cannot be read.
"""

from __future__ import annotations

import argparse
import sys

from desktop.cli.common import EXIT_FAILED, EXIT_OK, CliError, add_command_group, open_repository, year_argument
from desktop.cli.report_commands import _sheet_id
from desktop.reports.errors import ReportError
from desktop.survey.wareki import format_fiscal_year


def cmd_export(args: argparse.Namespace) -> int:
    from desktop.app.exchange import RETURN, SUBMISSION, export_exchange

    repo = open_repository(args, create=False)
    try:
        result = export_exchange(repo, args.out, ministry=args.ministry, year=args.year,
                                 kind=RETURN if args.is_return else SUBMISSION, sheet_ids=args.sheet or None)
    except ReportError as exc:
        raise CliError(str(exc)) from exc
    what = "差戻し・返却ファイル" if args.is_return else "提出ファイル"
    print(f"{format_fiscal_year(result.year)}の{result.ministry}の{what}を作成しました: {result.path}"
          f"（施策シート {result.count}件）")
    if result.marked:
        print(f"内部資料: 非公開の箇所を含む施策が {result.marked}件あります。公表しないよう、送付先にも伝えてください。")
    return EXIT_OK


def cmd_import(args: argparse.Namespace) -> int:
    from desktop.app.exchange import apply_exchange_import, plan_exchange_import, plan_lines
    from desktop.store.merge import Take

    repo = open_repository(args, create=False)
    try:
        plan = plan_exchange_import(repo, args.file, ministry=args.ministry)
    except ReportError as exc:
        raise CliError(str(exc)) from exc
    for warning in plan.warnings:
        print(f"確認: {warning}", file=sys.stderr)
    for problem in plan.problems:
        print(f"エラー: {problem}", file=sys.stderr)
    if plan.problems:
        print(f"取り込めない箇所が {len(plan.problems)}件あります（データベースは変更していません）。", file=sys.stderr)
        return EXIT_FAILED
    for line in plan_lines(plan):
        print(line)
    if args.dry_run:
        print("試行のため保存していません（--dry-run）。")
        return EXIT_OK
    if plan.nothing_new:
        return EXIT_OK
    if plan.conflicting and args.take is None:
        print(f"両方で変更された施策が {len(plan.conflicting)}件あります。--take mine（こちらの内容）または "
              "--take theirs（ファイルの内容）を指定するか、画面（ファイル → 提出・差戻しファイルを取り込む）で"
              "一つずつ決めてください（データベースは変更していません）。", file=sys.stderr)
        return EXIT_FAILED
    try:
        apply_exchange_import(repo, plan, take=Take(args.take) if args.take else None)
    except ReportError as exc:
        raise CliError(str(exc), EXIT_FAILED) from exc
    print("取り込みました。")
    return EXIT_OK


def register(sub) -> None:
    group = add_command_group(sub, "exchange", "提出・差戻しファイル（府省庁と事務局の間でシートをそのまま受け渡す Excel ファイル）")
    p = group.add_parser("export", help="府省庁の施策シートを提出ファイル（--return: 差戻し・返却ファイル）に出力する")
    p.add_argument("--ministry", required=True, help="府省庁（例: 総務省）")
    p.add_argument("--year", type=year_argument, required=True, help="年度（2025 または 令和7年度）")
    p.add_argument("--out", required=True, metavar="ファイル", help="出力先の .xlsx ファイル")
    p.add_argument("--return", dest="is_return", action="store_true",
                   help="事務局から府省庁へ返す差戻し・返却ファイルにする（既定は府省庁からの提出ファイル）")
    p.add_argument("--sheet", type=_sheet_id, action="append", metavar="ID",
                   help="この施策シートだけを入れる（複数指定可。省略時はその府省庁・年度のすべて）")
    p.set_defaults(handler=cmd_export)

    p = group.add_parser("import", help="提出・差戻しファイルを取り込む（すべて取り込むか、何も取り込まない）")
    p.add_argument("file", metavar="ファイル", help="取り込む .xlsx ファイル")
    p.add_argument("--ministry", help="この府省庁用のファイルであることを確かめる（例: 総務省）")
    p.add_argument("--take", choices=["mine", "theirs"],
                   help="両方で変更された箇所を、こちらの内容（mine）またはファイルの内容（theirs）にする")
    p.add_argument("--dry-run", action="store_true", help="取り込む内容を表示するだけで保存しない")
    p.set_defaults(handler=cmd_import)


__all__ = ["register"]
