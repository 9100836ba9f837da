"""``sesaku-desk server``: roles per ministry on a shared PostgreSQL server (docs/postgresql.md).

``setup`` brings a database to the current revision as its owner, creates
the group roles and grants them their tables (idempotent: run it again after
every update of the program); ``grant`` makes a login role staff of a
ministry, the secretariat or an administrator; ``revoke`` takes that back;
``roles`` lists the map. The URL is an administrator's (``--url``, else
``--db``): a role that may create roles and act as the database's owner.
Exit codes: 0 done, 2 bad usage or a refusal of the set-up (the message says
what to do), 3 the server failed.
"""

from __future__ import annotations

import argparse
import sys

from desktop.cli.common import EXIT_OK, CliError, add_command_group, add_json_option, database_error, print_json, print_table
from desktop.store import access


def _url(args: argparse.Namespace) -> str:
    url = args.url or getattr(args, "db", None)
    if not url or "://" not in url:
        raise CliError("管理者の PostgreSQL の URL を --url で指定してください（例: postgresql://postgres@dbserver/sesaku）。")
    return url


def _run(step, args: argparse.Namespace):
    from desktop.store.database import DatabaseError
    from desktop.store.server_roles import ServerSetupError

    try:
        return step()
    except ServerSetupError as exc:
        raise CliError(str(exc)) from exc
    except DatabaseError as exc:
        raise database_error(exc, _url(args)) from exc


def cmd_setup(args: argparse.Namespace) -> int:
    from desktop.store import server_roles

    for line in _run(lambda: server_roles.setup(_url(args)), args):
        print(line)
    print(_run(lambda: _share_all(_url(args)), args))
    print("次に、職員のロールを sesaku-desk server grant で府省庁・役割に割り当ててください。")
    return EXIT_OK


def _share_all(url: str) -> str:
    """Other ministries' public parts rewritten as the administrator, who sees every sheet and register entry."""
    from desktop.app.sharing import share_public_parts
    from desktop.store.database import open_database
    from desktop.store.repository import Repository

    db = open_database(url, create=False)
    try:
        result = share_public_parts(Repository(db))
    finally:
        db.close()
    refused = f"（共有できなかったシート {len(result.refused)}件: sesaku-desk shared refresh で理由を表示）" \
        if result.refused else ""
    return f"他府省庁に共有する公開部分を {result.written}件 書き込み、{result.removed}件 取り除きました{refused}。"


def cmd_grant(args: argparse.Namespace) -> int:
    from desktop.store import server_roles

    from desktop.survey.loader import default_survey

    mapping = _run(lambda: server_roles.grant(_url(args), args.role_name, args.role, args.ministry or ""), args)
    if mapping.role == access.STAFF and mapping.ministry not in default_survey().ministries:
        print(f"注意: 「{mapping.ministry}」は調査票定義の府省庁の一覧にありません。"
              "シートの府省庁と同じ名前でなければ、シートは表示されません。", file=sys.stderr)
    what = f"{mapping.ministry}の職員" if mapping.role == access.STAFF else access.KIND_LABELS[mapping.role]
    print(f"ロール {mapping.role_name} を{what}として割り当てました（グループ: {', '.join(mapping.groups)}）。")
    return EXIT_OK


def cmd_revoke(args: argparse.Namespace) -> int:
    from desktop.store import server_roles

    if not _run(lambda: server_roles.revoke(_url(args), args.role_name), args):
        raise CliError(f"ロール {args.role_name} は割り当てられていません。")
    print(f"ロール {args.role_name} の割り当てを解除しました（施策シートは表示されなくなります）。")
    return EXIT_OK


def cmd_roles(args: argparse.Namespace) -> int:
    from desktop.store import server_roles

    found = _run(lambda: server_roles.mappings(_url(args)), args)
    if args.json:
        print_json([{"role_name": m.role_name, "role": m.role, "ministry": m.ministry, "groups": list(m.groups)}
                    for m in found])
        return EXIT_OK
    if not found:
        print("割り当てられたロールはありません。")
        return EXIT_OK
    print_table(["ロール", "役割", "府省庁", "グループ"],
                [[m.role_name, access.KIND_LABELS.get(m.role, m.role), m.ministry, ", ".join(m.groups)] for m in found])
    return EXIT_OK


def register(sub) -> None:
    ops = add_command_group(sub, "server", "共有の PostgreSQL サーバーの府省庁別ロール（管理者用）")

    def url_option(parser):
        parser.add_argument("--url", metavar="接続先", help="管理者の接続先（postgresql://…）。省略時は --db")

    p = ops.add_parser("setup", help="データベースの更新・グループロールの作成・表の権限の設定（何度実行しても同じ結果）")
    url_option(p)
    p.set_defaults(handler=cmd_setup)

    p = ops.add_parser("grant", help="ログインロールを府省庁の職員・事務局・管理者に割り当てる")
    p.add_argument("role_name", metavar="ロール", help="PostgreSQL のログインロール名（先に CREATE ROLE で作成）")
    p.add_argument("--role", required=True, choices=list(access.KINDS),
                   help="staff（府省庁の職員）、secretariat（事務局）、admin（割り当ての管理）")
    p.add_argument("--ministry", help="府省庁（staff のとき必須）")
    url_option(p)
    p.set_defaults(handler=cmd_grant)

    p = ops.add_parser("revoke", help="ロールの割り当てを解除する")
    p.add_argument("role_name", metavar="ロール")
    url_option(p)
    p.set_defaults(handler=cmd_revoke)

    p = ops.add_parser("roles", help="割り当ての一覧")
    url_option(p)
    add_json_option(p)
    p.set_defaults(handler=cmd_roles)
