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
import re
import sys
import unicodedata
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


# The placeholder shown for a value in the help when a command gives none (argparse would show DEST in capitals).
METAVARS = {
    "db": "データベース", "year": "年度", "from_year": "年度", "to_year": "年度", "ministry": "府省庁",
    "classification": "施策分類", "status": "状態", "query": "検索語", "limit": "件数", "file": "ファイル",
    "title": "表題", "issuer": "発行者", "issued": "発行時期", "document": "資料", "field": "項目", "keep": "数",
    "backup": "バックアップ",
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


def display_width(text: str) -> int:
    """Columns on a terminal: East Asian wide characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


_TOKENS = re.compile(r"[!-~]+|\s+|.")   # an ASCII word stays whole; Japanese may break at any character
_NO_LINE_START = set("、。，．）」』】〕・ー：；！？%")


def wrap(text: str, width: int) -> list[str]:
    """Lines of at most ``width`` columns; punctuation never starts a line."""
    lines, line = [], ""
    for token in _TOKENS.findall(" ".join(text.split())):
        if line and display_width(line + token) > width and token[0] not in _NO_LINE_START:
            lines.append(line.rstrip())
            line = "" if token.isspace() else token
        else:
            line += token
    if line.strip():
        lines.append(line.rstrip())
    return lines or [""]


class JapaneseHelpFormatter(argparse.HelpFormatter):
    """A wider help column, aligned and wrapped by terminal columns (a Japanese character takes two)."""

    def __init__(self, prog: str, indent_increment: int = 2, max_help_position: int = 30, width=None) -> None:
        super().__init__(prog, indent_increment, max_help_position, width)

    def add_argument(self, action) -> None:
        if action.help is argparse.SUPPRESS:
            return
        invocations = [self._format_action_invocation(action)]
        invocations += [self._format_action_invocation(sub) for sub in self._iter_indented_subactions(action)]
        self._action_max_length = max(self._action_max_length,
                                      max(map(display_width, invocations)) + self._current_indent)
        self._add_item(self._format_action, [action])

    def _format_action(self, action) -> str:
        # argparse's own layout, with widths counted in columns rather than characters
        help_position = min(self._action_max_length + 2, self._max_help_position)
        help_width = max(self._width - help_position, 11)
        action_width = help_position - self._current_indent - 2
        header = self._format_action_invocation(action)
        indent = " " * self._current_indent
        if not action.help:
            parts, first = [f"{indent}{header}\n"], 0
        elif display_width(header) <= action_width:
            parts, first = [indent + header + " " * (action_width - display_width(header)) + "  "], 0
        else:
            parts, first = [f"{indent}{header}\n"], help_position
        help_text = self._expand_help(action) if action.help and action.help.strip() else ""
        if help_text:
            lines = self._split_lines(help_text, help_width)
            parts.append(" " * first + lines[0] + "\n")
            parts += [" " * help_position + line + "\n" for line in lines[1:]]
        elif not parts[0].endswith("\n"):
            parts.append("\n")
        parts += [self._format_action(sub) for sub in self._iter_indented_subactions(action)]
        return self._join_parts(parts)

    def _split_lines(self, text: str, width: int) -> list[str]:
        return wrap(text, width)

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        # A description or epilog keeps its own line breaks (the list of exit codes), each line wrapped.
        lines = []
        for line in text.splitlines():
            lead = indent + line[:len(line) - len(line.lstrip())]
            parts = wrap(line, max(width - display_width(lead) - 2, 11))
            # continued lines hang under the text of their item (the exit codes)
            lines.append("\n".join([lead + parts[0]] + [lead + "  " + part for part in parts[1:]])
                         if line.strip() else "")
        return "\n".join(lines)

    def _format_usage(self, usage, actions, groups, prefix) -> str:
        # argparse wraps the usage by characters; narrow it until every line fits in columns
        width = self._width
        try:
            while True:
                text = super()._format_usage(usage, actions, groups, prefix)
                over = max(display_width(line) for line in text.splitlines()) - width
                if over <= 0 or self._width <= 40:
                    return text
                self._width -= over
        finally:
            self._width = width

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
        takes_value = kwargs.get("action") in (None, "store", "append", "extend") and "choices" not in kwargs
        if takes_value and "metavar" not in kwargs:
            dest = kwargs.get("dest") or next((a.lstrip("-").replace("-", "_") for a in args if a.startswith("--")),
                                              args[0] if args else "")
            if dest in METAVARS:
                kwargs["metavar"] = METAVARS[dest]
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
