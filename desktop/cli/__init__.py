"""The ``sesaku-desk`` command: the GUI without a subcommand, the CLI with one.

Each command group lives in its own module exposing ``register(subparsers)``;
handlers take the parsed arguments and return the exit code: 0 success,
1 validation failures (or leaks found), 2 bad usage or unreadable input,
3 the database failed (store/failures.py: a server out of reach, another
program writing, a read-only folder, a full disk, a damaged file), 4 an
unexpected error (a bug: logged with its traceback, desktop/logs.py).
"""

from __future__ import annotations

import argparse
import logging
import sys

from desktop import __version__
from desktop.paths import log_file
from desktop.cli import sheet_commands
from desktop.cli.common import EXIT_FAILED, EXIT_INTERNAL, EXIT_USAGE, CliError, JapaneseArgumentParser, database_error

COMMAND_MODULES = [sheet_commands]

log = logging.getLogger(__name__)

EXIT_CODES = ("終了コード:\n"
              "  0  成功\n"
              "  1  検証でエラーが見つかった（validate）、非公開の内容が見つかった（check-public）、"
              "ロールに許されない操作だった（府省庁ごとのロールを設定した PostgreSQL サーバー。何も変更されていません）\n"
              "  2  使い方の誤り、または読み取れない入力（ファイル・URL の誤りなど）\n"
              "  3  データベースの障害（サーバーに接続できない、他のプログラムが書き込み中、"
              "読み取り専用、ディスクの空き不足、ファイルの破損）。メッセージの指示に従ってから、もう一度実行してください\n"
              "  4  予期しないエラー（不具合の可能性があります）。ログファイル（--version で場所を表示）を添えて管理者に連絡してください\n"
              "  130  中断された（Ctrl+C）")


def _optional_modules() -> list:
    """Command groups of the library, the reports, the annual cycle and backups, present once those land."""
    modules = []
    for name in ("desktop.cli.source_commands", "desktop.cli.report_commands", "desktop.cli.annual_commands",
                 "desktop.cli.backup_commands", "desktop.cli.disclosure_commands", "desktop.cli.review_commands",
                 "desktop.cli.survey_commands", "desktop.cli.exchange_commands",
                 "desktop.cli.server_commands", "desktop.cli.shared_commands"):
        try:
            modules.append(__import__(name, fromlist=["register"]))
        except ModuleNotFoundError as exc:
            if exc.name != name:
                raise
    return modules


class _VersionAction(argparse.Action):
    """The version and where the log is (support asks for both), unwrapped: a long path stays one line."""

    def __init__(self, option_strings, dest=argparse.SUPPRESS, default=argparse.SUPPRESS, help=None):
        super().__init__(option_strings=option_strings, dest=dest, default=default, nargs=0, help=help)

    def __call__(self, parser, namespace, values, option_string=None):
        print(f"sesaku-desk {__version__}\nログファイル: {log_file()}")
        parser.exit()


def _top_level_parser(**options) -> argparse.ArgumentParser:
    """The options before any command: all the GUI takes."""
    parser = JapaneseArgumentParser(
        prog="sesaku-desk",
        description="施策デスク: フォローアップ調査票（施策シート）の作成・管理・出力。"
                    "サブコマンドを付けずに起動すると画面（GUI）が開きます。",
        epilog=EXIT_CODES,
        **options,
    )
    parser.add_argument("--db", help="データベース（SQLite ファイルのパス、または postgresql://… の URL）。"
                                     "省略時は環境変数 SESAKU_DB、なければ既定のファイル")
    parser.add_argument("--survey", metavar="キー",
                        help="扱う調査票のキー（`sesaku-desk survey list` で確認。省略時は既定の調査票）")
    parser.add_argument("--version", action=_VersionAction, help="バージョンとログファイルの場所を表示して終了する")
    # hidden: the packaging smoke test and the start-up benchmark (desktop/ui/smoke.py)
    parser.add_argument("--smoke-test", nargs="?", const="", metavar="OUTDIR", help=argparse.SUPPRESS)
    return parser


def build_parser() -> argparse.ArgumentParser:
    parser = _top_level_parser()
    sub = parser.add_subparsers(dest="command", metavar="コマンド", parser_class=JapaneseArgumentParser)
    for module in COMMAND_MODULES + _optional_modules():
        module.register(sub)
    return parser


def _gui_arguments(argv: list[str]) -> argparse.Namespace | None:
    """The arguments when they name no command (the GUI start), else None.

    Building the full parser imports every command group and, through them, openpyxl, python-docx and the
    report code; the window needs none of it, and those imports were a third of the start-up time.
    """
    try:
        args, rest = _top_level_parser(add_help=False, exit_on_error=False).parse_known_args(argv)
    except argparse.ArgumentError:
        return None   # the full parser reports it, with the whole usage
    if rest:
        return None   # a command, --help, or something only the full parser can judge
    args.command = None
    return args


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    args = _gui_arguments(argv)
    if args is None:
        args = build_parser().parse_args(argv)
    if args.smoke_test is not None:
        from desktop.ui.smoke import run_smoke

        return run_smoke(args.db, args.smoke_test or None)
    if args.command is None:
        from desktop.ui.run import run_gui

        return run_gui(args.db)
    from desktop.logs import setup_logging

    setup_logging()
    return _run_command(args)


def _run_command(args: argparse.Namespace) -> int:
    """The command's exit code; a database that fails on the way is a Japanese message and exit 3, never a traceback."""
    from desktop.logs import current_log_file
    from desktop.store import failures
    from desktop.store.access import AccessRefused
    from desktop.store.database import resolve_target

    try:
        return int(args.handler(args) or 0)
    except CliError as exc:
        print(f"エラー: {exc}", file=sys.stderr)
        return exc.code
    except AccessRefused as exc:   # the server's roles: said before the server refuses, nothing written
        print(f"エラー: {exc}", file=sys.stderr)
        return EXIT_FAILED
    except KeyboardInterrupt:
        print("中断しました。", file=sys.stderr)
        return 130
    except Exception as exc:
        target = resolve_target(getattr(args, "db", None))
        if failures.classify(exc, target) is None:   # a bug: the traceback goes to the log for support
            log.exception("command %s failed unexpectedly", args.command)
            print(f"エラー: 予期しないエラーが発生しました（{type(exc).__name__}: {exc}）。"
                  f"詳しい内容をログファイルに記録しました: {current_log_file()}\n"
                  "このファイルを添えて管理者に連絡してください。", file=sys.stderr)
            return EXIT_INTERNAL
        log.warning("command %s failed on the database", args.command, exc_info=True)
        error = database_error(exc, target)
        print(f"エラー: {error}", file=sys.stderr)
        return error.code


__all__ = ["main", "build_parser", "EXIT_USAGE"]
