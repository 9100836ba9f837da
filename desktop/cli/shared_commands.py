"""``sesaku-desk shared``: other ministries' sheets, their public part only (a shared PostgreSQL server).

Where the survey definition's ``[sharing]`` says so, staff read the public
part of other ministries' sheets in the shared status (e.g. 確定), read
only: ``list`` and ``show`` read the public forms the server holds
(desktop/app/sharing.py), never the sheets' own tables. ``refresh`` writes
the public forms of the sheets this role sees (the secretariat: all).
Exit codes: 0 done, 1 a sheet that is not shared, 2 bad usage or no sharing here.
"""

from __future__ import annotations

import argparse

from desktop.cli.common import (EXIT_FAILED, EXIT_OK, CliError, add_command_group, add_json_option, open_repository,
                                print_json, print_table, year_argument)
from desktop.cli.report_commands import _sheet_id


def _repo(args: argparse.Namespace):
    from desktop.app.sharing import available, sharing_of

    repo = open_repository(args)
    if not available(repo.db):
        raise CliError("他府省庁の公開部分の共有は、府省庁ごとのロールを設定した PostgreSQL サーバーでだけ使えます"
                       "（docs/postgresql.md）。")
    return repo, sharing_of(repo.db, repo.survey.key)


def _off(repo) -> str:
    return (f"調査票「{repo.survey.title}」では、他府省庁の施策シートは共有されていません"
            "（調査票定義の [sharing] public_parts。docs/postgresql.md）。")


def cmd_list(args: argparse.Namespace) -> int:
    from desktop.app.sharing import shared_sheets

    repo, sharing = _repo(args)
    rows = shared_sheets(repo, year=args.year, include_own=args.include_own) if sharing.enabled else []
    if args.json:
        print_json([{"id": r.sheet_id, "fiscal_year": r.fiscal_year, "ministry": r.ministry, "title": r.title,
                     "status": r.status.value} for r in rows])
        return EXIT_OK
    if not sharing.enabled:
        print(_off(repo))
        return EXIT_OK
    print(sharing.label)
    for line in sharing.guidance:
        print(line)
    print_table(["ID", "年度", "府省庁", "施策名", "状態"],
                [[str(r.sheet_id), r.fiscal_year_label, r.ministry, r.title, r.status.label] for r in rows])
    print(f"{len(rows)}件")
    return EXIT_OK


def cmd_show(args: argparse.Namespace) -> int:
    from desktop.app.sharing import SharedNotFound, shared_sheet, shared_text

    repo, sharing = _repo(args)
    if not sharing.enabled:
        raise CliError(_off(repo), EXIT_FAILED)
    try:
        found = shared_sheet(repo, args.sheet)
    except SharedNotFound as exc:
        raise CliError(str(exc), EXIT_FAILED) from None
    if args.json:
        print_json({"id": found.sheet_id, "fiscal_year": found.fiscal_year, "ministry": found.ministry,
                    "title": found.title, "status": found.status.value, "rendered_at": found.rendered_at,
                    "rendered_by": found.rendered_by, "content": found.content})
        return EXIT_OK
    print(f"{sharing.label}（閲覧のみ）")
    print(shared_text(found))
    return EXIT_OK


def cmd_refresh(args: argparse.Namespace) -> int:
    from desktop.app.sharing import share_public_parts

    repo, _sharing = _repo(args)
    result = share_public_parts(repo)
    for line in result.refused:
        print(f"共有しませんでした: {line}")
    print(f"公開部分を {result.written}件 書き込み、{result.removed}件 取り除きました。")
    return EXIT_FAILED if result.refused else EXIT_OK


def register(sub) -> None:
    group = add_command_group(sub, "shared", "他府省庁の施策シートの公開部分（共有の PostgreSQL サーバー、閲覧のみ）")
    p = group.add_parser("list", help="共有されている他府省庁の施策シートを一覧する")
    p.add_argument("--year", type=year_argument, metavar="年度", help="年度（例: 2025、令和7年度）")
    p.add_argument("--include-own", action="store_true", help="自府省庁のシートも含める")
    add_json_option(p)
    p.set_defaults(handler=cmd_list)

    p = group.add_parser("show", help="共有されている施策シートの公開部分を表示する")
    p.add_argument("sheet", type=_sheet_id, metavar="ID", help="施策シートのID")
    add_json_option(p)
    p.set_defaults(handler=cmd_show)

    p = group.add_parser("refresh", help="このロールが見られる施策シートの公開部分を書き直す（事務局・管理者）")
    p.set_defaults(handler=cmd_refresh)
