"""The secretariat's review from the command line: status moves, the history, comments, evaluations.

``--role`` says who is acting (府省庁 or 事務局, as the survey's [review] table
names them); the moves each role may make come from the survey definition.
Exit codes: 0 done, 1 a move or an entry the review does not allow (nothing
saved), 2 bad usage.
"""

from __future__ import annotations

import argparse
import contextlib

from desktop.cli.common import EXIT_FAILED, EXIT_OK, CliError, add_command_group, open_repository, print_table
from desktop.cli.report_commands import _sheet_id
from desktop.store import review as store
from desktop.store.repository import SheetNotFound
from desktop.survey.parts import Part
from desktop.survey.sheet import Status


def _role(repo, text: str | None) -> str:
    """The acting role: on a server with roles per ministry, the one the server gives (--role may only agree)."""
    cycle = repo.survey.review
    given = repo.db.access.review_role
    if not text:
        if given is None:
            raise CliError("--role で立場（ministry または secretariat）を指定してください。")
        return given
    code = _role_of(cycle, text)
    if code is None:
        raise CliError(f"立場「{text}」は使えません（{'・'.join(f'{c}（{label}）' for c, label in cycle.role_labels)}）。")
    if given is not None and code != given:
        raise CliError(f"このデータベースでは立場はサーバーが決めます: {repo.db.access.describe()}は"
                       f"「{cycle.role_label(given)}」として操作します（--role {text} は使えません）。", EXIT_FAILED)
    return code


def _role_of(cycle, text: str) -> str | None:
    for code, label in cycle.role_labels:
        if text.strip() in (code, label):
            return code
    return None


@contextlib.contextmanager
def _refusals():
    """The review's refusals exit 1 (nothing saved); an unknown sheet is bad input (exit 2)."""
    try:
        yield
    except store.ReviewError as exc:
        raise CliError(str(exc), EXIT_FAILED) from exc
    except SheetNotFound as exc:
        raise CliError(str(exc)) from exc


def _status(text: str) -> Status:
    try:
        return Status.from_text(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from exc


def _at(value) -> str:
    return value.strftime("%Y-%m-%d %H:%M")


def cmd_move(args: argparse.Namespace) -> int:
    repo = open_repository(args)
    with _refusals():
        moved = store.change_status(repo, args.sheet, args.to, role=_role(repo, args.role), reason=args.reason or "")
    print(f"施策シート {moved.id} を「{moved.status.label}」にしました。")
    return EXIT_OK


def cmd_history(args: argparse.Namespace) -> int:
    repo = open_repository(args)
    cycle = repo.survey.review
    rows = store.status_history(repo, args.sheet)
    print_table(["日時", "変更前", "変更後", "実施者", "立場", "理由"],
                [[_at(h.at), h.from_status.label if h.from_status else "（作成）", h.to_status.label, h.actor,
                  cycle.role_label(h.role) if h.role else "", h.reason] for h in rows])
    print(f"{len(rows)}件")
    return EXIT_OK


def cmd_comment(args: argparse.Namespace) -> int:
    repo = open_repository(args)
    part = ""
    if args.field:
        if not repo.survey.has_field(args.field):
            keys = "、".join(f.key for f in repo.survey.fields)
            raise CliError(f"項目「{args.field}」は調査票にありません（{keys}）。")
        part = str(Part.field(args.field))
    with _refusals():
        if args.resolve:
            row = store.set_resolved(repo, args.resolve, True)
            print(f"コメント {row.id} を解決済にしました。")
            return EXIT_OK
        row = store.add_comment(repo, args.sheet, part, args.text or "", quote=args.quote or "",
                                parent_id=args.reply_to,
                                role=_role(repo, args.role) if args.role or repo.db.access.review_role else "")
    print(f"コメント {row.id} を追加しました。")
    return EXIT_OK


def cmd_comments(args: argparse.Namespace) -> int:
    repo = open_repository(args)
    rows = store.comments(repo, args.sheet)
    print_table(["ID", "返信先", "箇所", "コメント", "記入者", "日時", "状態"],
                [[str(c.id), str(c.parent_id or ""), c.part + (f"「{c.quote}」" if c.quote else ""), c.body, c.author,
                  _at(c.created_at), "解決済" if c.resolved else ("" if c.parent_id else "未解決")] for c in rows])
    print(f"{len(rows)}件")
    return EXIT_OK


def cmd_evaluate(args: argparse.Namespace) -> int:
    repo = open_repository(args)
    with _refusals():
        row = store.set_evaluation(repo, args.sheet, args.grade, args.comment or "", role=_role(repo, args.role))
    print(f"施策シート {row.sheet_id} の{repo.survey.review.evaluation_label}を「{row.grade}」と記録しました。")
    return EXIT_OK


def register(sub) -> None:
    group = add_command_group(sub, "review", "点検・評価（状態の変更、履歴、コメント、評価）")
    p = group.add_parser("move", help="施策シートの状態を変更する（立場ごとに調査票定義で許された変更のみ）")
    p.add_argument("sheet", type=_sheet_id, metavar="ID", help="施策シートのID")
    p.add_argument("--to", type=_status, required=True, metavar="状態", help="変更後の状態（例: 提出済、確定、差戻し）")
    p.add_argument("--role", metavar="立場", help="ministry（府省庁）または secretariat（事務局）"
                                               "（府省庁別ロールのサーバーでは、サーバーの割り当てによる）")
    p.add_argument("--reason", metavar="理由", help="理由（差戻しでは必須）")
    p.set_defaults(handler=cmd_move)

    p = group.add_parser("history", help="施策シートの状態の履歴を表示する")
    p.add_argument("sheet", type=_sheet_id, metavar="ID", help="施策シートのID")
    p.set_defaults(handler=cmd_history)

    p = group.add_parser("comment", help="コメントを追加する（--reply-to で返信、--resolve で解決済に）")
    p.add_argument("sheet", type=_sheet_id, metavar="ID", help="施策シートのID")
    p.add_argument("text", nargs="?", metavar="本文", help="コメントの本文")
    p.add_argument("--field", metavar="項目", help="コメントする項目のキー（例: content）。省略時はシート全体")
    p.add_argument("--quote", metavar="語句", help="コメントする箇所の文章")
    p.add_argument("--reply-to", type=int, metavar="コメントID", help="このコメントに返信する")
    p.add_argument("--resolve", type=int, metavar="コメントID", help="このコメントを解決済にする")
    p.add_argument("--role", metavar="立場", help="ministry（府省庁）または secretariat（事務局）")
    p.set_defaults(handler=cmd_comment)

    p = group.add_parser("comments", help="施策シートのコメントを一覧する")
    p.add_argument("sheet", type=_sheet_id, metavar="ID", help="施策シートのID")
    p.set_defaults(handler=cmd_comments)

    p = group.add_parser("evaluate", help="施策シートの評価を記録する（事務局）")
    p.add_argument("sheet", type=_sheet_id, metavar="ID", help="施策シートのID")
    p.add_argument("grade", metavar="評価", help="調査票定義の評価（例: 順調・概ね順調・遅れ）")
    p.add_argument("--comment", metavar="コメント", help="評価コメント")
    p.add_argument("--role", metavar="立場", help="secretariat（事務局）（府省庁別ロールのサーバーでは、サーバーの割り当てによる）")
    p.set_defaults(handler=cmd_evaluate)


__all__ = ["register", "EXIT_FAILED"]
