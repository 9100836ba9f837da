"""``sesaku-desk survey list|import|export``: the survey definitions a database holds.

A definition travels as an Excel workbook the secretariat edits
(reports/definition_workbook.py) or as the shipped TOML form; importing one
stores it as its survey's next version (store/surveys.py), all or nothing.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from desktop.cli.common import (EXIT_OK, CliError, add_command_group, add_json_option, open_repository, print_json,
                                print_table)
from desktop.store.repository import current_user
from desktop.store.surveys import SurveyCatalog, SurveyNotFound
from desktop.survey.definition import SurveyDefinition

ORIGIN_LABELS = {"shipped": "同梱", "imported": "取り込み"}


def read_definition_file(path: Path) -> SurveyDefinition:
    """A definition from a workbook (.xlsx) or a TOML file; CliError with every problem otherwise."""
    from desktop.app.definitions import DefinitionFileError, read_definition_file as read

    try:
        return read(path)
    except DefinitionFileError as exc:
        raise CliError(str(exc)) from None


def cmd_list(args: argparse.Namespace) -> int:
    repo = open_repository(args)
    surveys = SurveyCatalog(repo.db).surveys()
    if args.json:
        print_json([{"key": s.key, "title": s.title, "latest": s.latest,
                     "versions": [{"version": v.version, "title": v.title, "origin": v.origin, "sheets": v.sheets,
                                   "created_at": v.created_at, "created_by": v.created_by} for v in s.versions]}
                    for s in surveys])
        return EXIT_OK
    rows = [[s.key, str(v.version) + ("（最新）" if v.version == s.latest else ""), v.title,
             ORIGIN_LABELS.get(v.origin, v.origin), str(v.sheets)] for s in surveys for v in s.versions]
    print_table(["キー", "版", "名称", "登録", "シート数"], rows)
    print(f"調査票 {len(surveys)}件")
    return EXIT_OK


def cmd_import(args: argparse.Namespace) -> int:
    definition = read_definition_file(Path(args.file))
    repo = open_repository(args)
    catalog = SurveyCatalog(repo.db)
    added = catalog.add(definition, current_user())
    if added.created:
        print(f"調査票「{definition.title}」（{added.key}）を第{added.version}版として取り込みました。")
        if added.version > 1:
            _print_changes(catalog.definition(added.key, added.version - 1), definition)
    else:
        print(f"調査票「{definition.title}」（{added.key}）は同じ内容の第{added.version}版が登録済みです。"
              "何も変更していません。")
    return EXIT_OK


def _print_changes(old: SurveyDefinition, new: SurveyDefinition) -> None:
    """What changed between two versions, as the new-year run onto the new one will move the fields."""
    from desktop.survey.field_map import Move, field_moves

    changed = [m for m in field_moves(old, new) if m.move in (Move.RENAMED, Move.NEW, Move.REMOVED)]
    if changed:
        print(f"第{old.version}版からの変更（次年度の作成で次のように移します）:")
        print_table(["前の版の項目", "新しい版の項目", "扱い"],
                    [[m.old_label or "", m.new_label or "", m.move.label] for m in changed])


def cmd_export(args: argparse.Namespace) -> int:
    from desktop.reports.definition_workbook import write_definition_workbook
    from desktop.reports.errors import ReportError

    repo = open_repository(args)
    key = args.key or repo.survey.key
    try:
        definition = SurveyCatalog(repo.db).definition(key, args.survey_version)
    except SurveyNotFound as exc:
        raise CliError(str(exc)) from None
    try:
        written = write_definition_workbook(definition, args.file)
    except (ReportError, OSError) as exc:
        raise CliError(str(exc)) from exc
    print(f"調査票「{definition.title}」（{definition.key} 第{definition.version}版）の定義ブックを書き出しました: {written}")
    return EXIT_OK


def register(sub) -> None:
    ops = add_command_group(sub, "survey", help="調査票の定義（一覧、Excel の定義ブックの取り込み・書き出し）")
    p = ops.add_parser("list", help="データベースにある調査票とその版を表示する")
    add_json_option(p)
    p.set_defaults(handler=cmd_list)

    p = ops.add_parser("import", help="調査票の定義ブック（.xlsx）または TOML を新しい版として取り込む（誤りがあれば何も変えない）")
    p.add_argument("file", metavar="ファイル", help="定義ブック（.xlsx）または .toml")
    p.set_defaults(handler=cmd_import)

    p = ops.add_parser("export", help="調査票の定義を Excel の定義ブックに書き出す")
    p.add_argument("file", metavar="ファイル", help="書き出す .xlsx")
    p.add_argument("--key", metavar="キー", help="調査票のキー（省略時は --survey、なければ既定の調査票）")
    p.add_argument("--survey-version", dest="survey_version", type=int, metavar="版",
                   help="書き出す版（省略時は最新の版）")
    p.set_defaults(handler=cmd_export)
