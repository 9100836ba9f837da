"""The command line speaks Japanese: argparse's own headings, help and usage errors included."""

from __future__ import annotations

import argparse
import re

import pytest

from desktop.cli import build_parser, main

# What argparse prints in English when its gettext strings are left alone.
ENGLISH = ("usage:", "positional arguments", "options:", "optional arguments", "show this help message",
           "version number", "error:", "the following arguments", "invalid choice", "unrecognized arguments",
           "expected one argument", "choose from", "argument ")


def _command_paths(parser: argparse.ArgumentParser, prefix=()):
    yield prefix
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield from _command_paths(sub, prefix + (name,))


def _all_commands():
    return list(_command_paths(build_parser()))


def test_every_command_is_reached():
    paths = _all_commands()
    assert ("sheets", "list") in paths and ("import",) in paths and ("new-year",) in paths and len(paths) > 15


@pytest.mark.parametrize("path", _all_commands(), ids=lambda p: " ".join(p) or "(top)")
def test_help_has_no_english_argparse_phrases(path, capsys):
    with pytest.raises(SystemExit) as stop:
        main([*path, "--help"])
    assert stop.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith("使い方: sesaku-desk")
    assert "このヘルプを表示して終了する" in out
    left = [phrase for phrase in ENGLISH if phrase in out]
    assert not left, left


def test_top_level_help_documents_the_exit_codes(capsys):
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    assert "終了コード" in out and "3 データベースの障害" in out and "バージョンとログファイルの場所を表示して終了する" in out and "4 予期しないエラー" in out


@pytest.mark.parametrize("argv, wanted", [
    (["sheets"], "次の引数を指定してください: 操作"),
    (["no-such-command"], "'no-such-command' は選べません"),
    (["sheets", "list", "--surprise"], "解釈できない引数があります: --surprise"),
    (["sheets", "list", "--year"], "値を1つ指定してください"),
    (["sheets", "list", "--year", "あした"], "引数 --year"),
])
def test_usage_errors_exit_2_in_japanese(argv, wanted, capsys):
    with pytest.raises(SystemExit) as stop:
        main(argv)
    assert stop.value.code == 2
    captured = capsys.readouterr()
    assert wanted in captured.err and "使い方の誤り" in captured.err and captured.err.startswith("使い方: ")
    assert not [phrase for phrase in ENGLISH if phrase in captured.err]
    assert captured.out == ""


def test_argparse_is_left_english_for_everyone_else():
    build_parser().format_help()
    plain = argparse.ArgumentParser(prog="other")
    assert "usage: other" in plain.format_help() and "show this help message and exit" in plain.format_help()


@pytest.mark.parametrize("path", _all_commands(), ids=lambda p: " ".join(p) or "(top)")
def test_values_are_named_in_japanese_and_help_columns_line_up(path, capsys, monkeypatch):
    from desktop.cli.argparse_ja import display_width

    monkeypatch.setenv("COLUMNS", "100")
    with pytest.raises(SystemExit):
        main([*path, "--help"])
    out = capsys.readouterr().out
    usage = out.split("\n\n", 1)[0]
    assert not re.findall(r"\b[A-Z][A-Z_]{2,}\b", usage), usage   # argparse's DEST placeholders
    assert all(display_width(line) <= 100 for line in out.splitlines()), out
    columns = set()
    for line in out.splitlines():
        found = re.match(r"^(  -\S.*?\S)  +(\S.*)$", line)
        if found and "  " not in found.group(1).strip():
            columns.add(display_width(line) - display_width(found.group(2)))
    assert len(columns) <= 1, out   # every option's help starts in the same column
