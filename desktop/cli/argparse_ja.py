"""argparse in Japanese: its headings, the -h help and its usage errors.

argparse builds every message it shows through ``gettext`` (bound in its
module as ``_`` and ``ngettext``) and ships no Japanese catalogue. Rather
than install a gettext catalogue for the whole process, the parser swaps those
two names for a lookup in :data:`MESSAGES` while it builds itself, formats its
help or parses, and puts them back afterwards, so nothing else in the process
(the GUI, a library using argparse) is affected. A message missing from the
table (a newer Python's) falls back to argparse's English.
"""

from __future__ import annotations

import argparse
import contextlib
import sys
from typing import NoReturn

# argparse's templates (Python 3.11-3.13) and their Japanese; the placeholders are kept as they are.
MESSAGES = {
    "usage: ": "使い方: ",
    "positional arguments": "位置引数",
    "options": "オプション",
    "optional arguments": "オプション",
    "show this help message and exit": "このヘルプを表示して終了する",
    "show program's version number and exit": "バージョンを表示して終了する",
    "argument %(argument_name)s: %(message)s": "引数 %(argument_name)s: %(message)s",
    "unknown parser %(parser_name)r (choices: %(choices)s)":
        "%(parser_name)r というコマンドはありません（選べるもの: %(choices)s）",
    "can't open '%(filename)s': %(error)s": "'%(filename)s' を開けません: %(error)s",
    "unrecognized arguments: %s": "解釈できない引数があります: %s",
    "not allowed with argument %s": "引数 %s と同時には指定できません",
    "ignored explicit argument %r": "値 %r は指定できません（無視されます）",
    "the following arguments are required: %s": "次の引数を指定してください: %s",
    "one of the arguments %s is required": "引数 %s のいずれかを指定してください",
    "expected one argument": "値を1つ指定してください",
    "expected at most one argument": "値は1つまでです",
    "expected at least one argument": "値を1つ以上指定してください",
    "expected %s argument": "値を %s 個指定してください",
    "expected %s arguments": "値を %s 個指定してください",
    "ambiguous option: %(option)s could match %(matches)s":
        "オプション %(option)s があいまいです（候補: %(matches)s）",
    "unexpected option string: %s": "予期しないオプションです: %s",
    "invalid %(type)s value: %(value)r": "値 %(value)r は正しくありません（%(type)s）",
    "invalid choice: %(value)r (choose from %(choices)s)": "%(value)r は選べません（選べるもの: %(choices)s）",
    "%(prog)s: error: %(message)s\n": "%(prog)s: 使い方の誤り: %(message)s\n",
    "cannot have multiple subparser arguments": "サブコマンドの引数は1つだけです",
    "argument '%(argument_name)s' is deprecated": "引数 '%(argument_name)s' は廃止予定です",
    "command '%(parser_name)s' is deprecated": "コマンド '%(parser_name)s' は廃止予定です",
}


def translate(text: str) -> str:
    return MESSAGES.get(text, text)


def _ngettext(singular: str, plural: str, n: int) -> str:
    return translate(singular if n == 1 else plural)


@contextlib.contextmanager
def japanese_messages():
    """argparse's gettext replaced by :func:`translate` for the duration (re-entrant: nested parsers)."""
    saved = argparse._, argparse.ngettext
    argparse._, argparse.ngettext = translate, _ngettext
    try:
        yield
    finally:
        argparse._, argparse.ngettext = saved


class JapaneseHelpFormatter(argparse.HelpFormatter):
    """A wider help column, so the Japanese help texts are not cut into short lines."""

    def __init__(self, prog: str, indent_increment: int = 2, max_help_position: int = 30, width=None) -> None:
        super().__init__(prog, indent_increment, max_help_position, width)

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        # A description or epilog keeps its own line breaks (the list of exit codes), each line wrapped.
        lines = []
        for line in text.splitlines():
            lead = indent + line[:len(line) - len(line.lstrip())]
            lines.append(super()._fill_text(line, width, lead) if line.strip() else "")
        return "\n".join(lines)

    def add_usage(self, usage, actions, groups, prefix=None):
        super().add_usage(usage, actions, groups, translate("usage: ") if prefix is None else prefix)


class JapaneseArgumentParser(argparse.ArgumentParser):
    """argparse with its headings, help and usage errors in Japanese, and exit code 2 for bad usage."""

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("formatter_class", JapaneseHelpFormatter)
        with japanese_messages():
            super().__init__(*args, **kwargs)

    def add_argument(self, *args, **kwargs):
        if kwargs.get("action") == "version":
            kwargs.setdefault("help", translate("show program's version number and exit"))
        with japanese_messages():
            return super().add_argument(*args, **kwargs)

    def add_subparsers(self, **kwargs):
        kwargs.setdefault("parser_class", type(self))
        with japanese_messages():
            return super().add_subparsers(**kwargs)

    def parse_args(self, args=None, namespace=None):
        with japanese_messages():
            return super().parse_args(args, namespace)

    def parse_known_args(self, args=None, namespace=None):
        with japanese_messages():
            return super().parse_known_args(args, namespace)

    def format_usage(self) -> str:
        with japanese_messages():
            return super().format_usage()

    def format_help(self) -> str:
        with japanese_messages():
            return super().format_help()

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        print(f"{self.prog}: 使い方の誤り: {message}", file=sys.stderr)
        raise SystemExit(2)
