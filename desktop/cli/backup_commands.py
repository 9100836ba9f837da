"""Backups of the SQLite file: backup, backups list, restore.

These work on the file, without opening it as a database (no migration runs
and no daily backup is taken by the command itself), so they also rescue a
file that no longer opens. A PostgreSQL database is backed up by its
administrator with pg_dump; the commands say so instead of pretending.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from desktop.cli.common import (EXIT_OK, EXIT_USAGE, CliError, add_command_group, add_json_option, kept_message_error,
                                print_json, print_table)
from desktop.store.backups import DEFAULT_KEEP


def _sqlite_path(args: argparse.Namespace) -> Path:
    from desktop.store.database import display_target, is_url, resolve_target

    target = resolve_target(getattr(args, "db", None))
    if is_url(target) and not target.startswith("sqlite"):
        raise CliError(f"{display_target(target)} は PostgreSQL のデータベースです。"
                       "サーバーのバックアップは管理者が pg_dump で行ってください（README 参照）。")
    if is_url(target):
        from sqlalchemy.engine import make_url

        target = make_url(target).database or ""
    return Path(target).expanduser().resolve()


def _keep(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"「{text}」は数として読み取れません。") from None
    if value < 1:
        raise argparse.ArgumentTypeError("保持する数は 1 以上を指定してください。")
    return value


def cmd_backup(args: argparse.Namespace) -> int:
    from desktop.store import backups
    from desktop.store.database import DatabaseError, check_sqlite_file

    path = _sqlite_path(args)
    try:
        check_sqlite_file(path)
        made = backups.take_backup(path, keep=args.keep)
    except DatabaseError as exc:
        raise kept_message_error(exc, path) from exc
    print(f"バックアップを作成しました: {made}")
    return EXIT_OK


def cmd_list(args: argparse.Namespace) -> int:
    from desktop.store import backups

    path = _sqlite_path(args)
    found = backups.list_backups(path)
    if args.json:
        print_json([{"number": i, "path": str(b.path), "taken_at": b.taken_at.isoformat(timespec="seconds"),
                     "kind": b.kind, "size": b.size} for i, b in enumerate(found, start=1)])
        return EXIT_OK
    if not found:
        print(f"{path} のバックアップはまだありません（保存先: {backups.backup_folder(path)}）。")
        return EXIT_OK
    print_table(["番号", "日時", "種類", "大きさ", "ファイル"],
                [[str(i), b.taken_at.strftime("%Y-%m-%d %H:%M:%S"), b.label, f"{max(1, b.size // 1024):,} KB",
                  b.path.name] for i, b in enumerate(found, start=1)])
    print(f"{len(found)}件（保存先: {backups.backup_folder(path)}）")
    return EXIT_OK


def _confirm(question: str) -> bool:
    if not sys.stdin or not sys.stdin.isatty():
        return False
    try:
        answer = input(f"{question} [y/N]: ")
    except EOFError:
        return False
    return answer.strip().lower() in ("y", "yes", "はい")


def cmd_restore(args: argparse.Namespace) -> int:
    from desktop.store import backups
    from desktop.store.database import DatabaseError

    path = _sqlite_path(args)
    try:
        chosen = backups.resolve_backup(path, args.backup)
    except DatabaseError as exc:
        raise kept_message_error(exc, path) from exc
    if not args.yes:
        question = (f"{path} の内容を {chosen.name} の内容で置き換えます。"
                    "施策デスクの画面を閉じてから実行してください。現在の内容は控えとして残します。よろしいですか？")
        if not _confirm(question):
            raise CliError("復元を中止しました（確認なしで実行するには --yes を付けてください）。", EXIT_USAGE)
    try:
        safety = backups.restore_backup(path, chosen)
    except DatabaseError as exc:
        raise kept_message_error(exc, path) from exc
    print(f"{chosen.name} から復元しました: {path}")
    if safety is not None:
        print(f"復元前の内容の控え: {safety}")
    return EXIT_OK


def register(sub) -> None:
    p = sub.add_parser("backup", help="データベース（SQLite ファイル）のバックアップを今すぐ作成する")
    p.add_argument("--keep", type=_keep, default=DEFAULT_KEEP,
                   help=f"残すバックアップの数（既定 {DEFAULT_KEEP}、古いものから削除）")
    p.set_defaults(handler=cmd_backup)

    gsub = add_command_group(sub, "backups", "バックアップの一覧")
    p = gsub.add_parser("list", help="バックアップの一覧を新しい順に表示する")
    add_json_option(p)
    p.set_defaults(handler=cmd_list)

    p = sub.add_parser("restore", help="バックアップから復元する（現在の内容は控えとして残す）")
    p.add_argument("backup", help="バックアップ（一覧の番号、ファイル名、またはパス）")
    p.add_argument("--yes", action="store_true", help="確認せずに復元する")
    p.set_defaults(handler=cmd_restore)
