"""What every command shares: opening the store, errors, JSON output."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from desktop.cli.argparse_ja import JapaneseArgumentParser  # noqa: F401 - the parser every command uses

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2
EXIT_STORE = 3         # the database failed (store/failures.py): out of reach, locked, read-only, full, damaged
EXIT_INTERNAL = 4      # an unexpected error (a bug): logged with its traceback
EXIT_UNAVAILABLE = EXIT_STORE   # the name the server-outage code had first


class CliError(Exception):
    """A failure to report on stderr in Japanese, with the exit code to return."""

    def __init__(self, message: str, code: int = EXIT_USAGE) -> None:
        super().__init__(message)
        self.code = code


def database_error(exc: BaseException, target=None) -> CliError:
    """A database that failed to open or in the middle of a command, as the CLI reports it.

    A database that failed (a server out of reach, another program writing,
    a read-only folder, a full disk, a damaged file: store/failures.py) exits
    3, so a script (a nightly export) can tell it from a wrong path or URL (2).
    The message is Japanese and never shows SQL.
    """
    from desktop.store import failures

    from desktop.store.database import DatabaseError

    failure = failures.classify(exc, target)
    if failure is None:
        return CliError(str(exc), EXIT_USAGE)
    # a database refused at the open for what it is (a mistyped path, another program's file) is input: 2
    refused = isinstance(exc, DatabaseError) and failure.kind == failures.OTHER and not getattr(exc, "transient", False)
    if failure.kind == failures.FORBIDDEN:   # the server's roles refused it (nothing written): like a refused move
        return CliError(failure.message, EXIT_FAILED)
    return CliError(failure.message, EXIT_USAGE if refused else EXIT_STORE)


def kept_message_error(exc: BaseException, target=None) -> CliError:
    """A store error whose own Japanese message is more specific (a backup folder): kept, with exit 3 if the store failed."""
    from desktop.store import failures

    failure = failures.classify(exc, target)
    return CliError(str(exc), EXIT_STORE if failure is not None and failure.kind != failures.OTHER else EXIT_USAGE)


def add_command_group(sub, name: str, help: str):
    """A command with operations of its own (``sheets list``, ``sources add``): the operations' subparsers."""
    group = sub.add_parser(name, help=help)
    return group.add_subparsers(dest=f"{name}_command", metavar="操作", required=True, parser_class=group.__class__)


def add_json_option(parser: argparse.ArgumentParser, help: str = "JSON で出力する") -> None:
    parser.add_argument("--json", action="store_true", help=help)


def open_repository(args: argparse.Namespace, *, create: bool | None = None):
    """The repository on the database given by --db / SESAKU_DB / the default.

    A database named with --db that does not exist is an error rather than a new
    empty file: a mistyped path must not look like a database without sheets.
    The default database is created on first use; `init` and `demo` always create.
    ``--survey KEY`` chooses the survey worked in (the database's latest version of it); without it,
    the shipped survey.
    """
    if create is None:
        create = getattr(args, "db", None) is None
    from desktop.store.database import DatabaseError, open_database, resolve_target
    from desktop.store.repository import Repository

    try:
        db = open_database(getattr(args, "db", None), create=create)
    except DatabaseError as exc:
        raise database_error(exc, resolve_target(getattr(args, "db", None))) from exc
    if db.dialect == "postgresql":   # other ministries' public parts follow every save (app/sharing.py)
        from desktop.app.sharing import install

        install(db)
    key = getattr(args, "survey", None)
    if not key:
        return Repository(db)
    from desktop.store.surveys import SurveyCatalog, SurveyNotFound

    try:
        return Repository(db, SurveyCatalog(db).definition(key))
    except SurveyNotFound as exc:
        db.close()
        raise CliError(str(exc)) from None


def year_argument(text: str) -> int:
    """--year accepts 2026 as well as 令和8年度."""
    from desktop.survey.wareki import FiscalYearError, parse_fiscal_year

    try:
        return parse_fiscal_year(text)
    except FiscalYearError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from exc


def print_json(data: Any) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2, default=str)
    sys.stdout.write("\n")


def print_table(headers: list[str], rows: list[list[str]]) -> None:
    """A plain aligned table; East Asian wide characters count as two columns."""
    import unicodedata

    def width(text: str) -> int:
        return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)

    table = [headers] + rows
    widths = [max(width(r[i]) for r in table) for i in range(len(headers))]
    for row in table:
        print("  ".join(cell + " " * (w - width(cell)) for cell, w in zip(row, widths)).rstrip())
