"""check-public: prove that a published .docx/.xlsx/.csv holds no non-public text of the database."""

from __future__ import annotations

import argparse
from pathlib import Path

from desktop.cli.common import (EXIT_FAILED, EXIT_OK, CliError, add_json_option, open_repository, print_json,
                                year_argument)


def cmd_check_public(args: argparse.Namespace) -> int:
    from desktop.disclosure.leakcheck import UnreadablePackage, check_output, marked_sheets, needles

    path = Path(args.file)
    if not path.is_file():
        raise CliError(f"ファイルが見つかりません: {path}")
    repo = open_repository(args, create=False)
    sheets = marked_sheets(repo, args.year)
    try:
        leaks = check_output(path, sheets, repo.survey)
    except UnreadablePackage as exc:
        raise CliError(str(exc)) from exc
    if args.json:
        print_json([{"part": k.part, "text": k.text, "sheet_id": k.sheet_id, "sheet_title": k.sheet_title,
                     "context": k.context} for k in leaks])
        return EXIT_FAILED if leaks else EXIT_OK
    count = len(needles(repo.survey, sheets))
    if not leaks:
        print(f"非公開の内容は見つかりませんでした（{len(sheets)} シートの非公開箇所 {count} 件と照合）: {path}")
        return EXIT_OK
    print(f"非公開の内容が {len(leaks)} か所に含まれています: {path}")
    for leak in leaks:
        print(f"- 部品 {leak.part}: 「{leak.text}」（施策「{leak.sheet_title}」の非公開箇所）")
        print(f"    該当箇所: {leak.context}")
    print("このファイルは公開しないでください。")
    return EXIT_FAILED


def register(sub) -> None:
    p = sub.add_parser("check-public",
                       help="公開用の Word・Excel ファイルに非公開の内容が含まれていないか確認する"
                            "（含まれていれば終了コード1）")
    p.add_argument("file", metavar="ファイル", help="確認する .docx・.xlsx・.csv")
    p.add_argument("--db", default=argparse.SUPPRESS,
                   help="非公開の指定を読むデータベース（省略時は既定のデータベース）")
    p.add_argument("--year", type=year_argument, help="この年度のシートの非公開箇所だけと照合する（省略時は全年度）")
    add_json_option(p, "見つかった箇所を JSON で出力する")
    p.set_defaults(handler=cmd_check_public)
