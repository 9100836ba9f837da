"""check-public: prove that a published .docx/.xlsx/.csv holds no non-public text of the database."""

from __future__ import annotations

import argparse
from pathlib import Path

from desktop.cli.common import EXIT_FAILED, EXIT_OK, CliError, add_json_option, open_repository, print_json


def cmd_check_public(args: argparse.Namespace) -> int:
    from desktop.app.disclosure import UnreadablePackage, check_public_file
    from desktop.disclosure.leakcheck import owner_label

    path = Path(args.file)
    if not path.is_file():
        raise CliError(f"ファイルが見つかりません: {path}")
    repo = open_repository(args, create=False)
    try:
        result = check_public_file(repo, path)
    except UnreadablePackage as exc:
        raise CliError(str(exc)) from exc
    leaks = result.leaks
    if args.json:
        print_json([{"part": k.part, "text": k.text, "sheet_id": k.sheet_id, "sheet_title": k.sheet_title,
                     "where": k.where, "context": k.context} for k in leaks])
        return EXIT_FAILED if leaks else EXIT_OK
    if not leaks:
        print(f"非公開の内容は見つかりませんでした（データベースの非公開の文章 {result.passages} 件と照合、"
              f"全年度・ごみ箱を含む）: {path}")
        return EXIT_OK
    print(f"非公開の内容が {len(leaks)} か所に含まれています: {path}")
    for leak in leaks:
        where = f"、{leak.where}" if leak.where else ""
        print(f"- 部品 {leak.part}{where}: 「{leak.text}」（{owner_label(leak)}で非公開）")
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
    add_json_option(p, "見つかった箇所を JSON で出力する")
    p.set_defaults(handler=cmd_check_public)
