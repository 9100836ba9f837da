"""Commands over reports and the survey form: export, template, import.

They call desktop.app.export, the same services the GUI's dialogs use.
Exit codes: 0 done, 1 the import has problems or the public file held
non-public text (nothing saved or written), 2 bad usage or a file that
cannot be written or read, or an import of KPIs read from free text without
``--kpi`` saying what to do with them (nothing saved; the readings are listed).
"""

from __future__ import annotations

import argparse
import sys

from desktop.cli.common import EXIT_FAILED, EXIT_OK, EXIT_USAGE, CliError, open_repository, year_argument
from desktop.reports.errors import DisclosureRefused, ReportError
from desktop.app.export import (
    ExportFormat,
    LeakFound,
    Selection,
    apply_import,
    export_report,
    plan_import,
    plan_lines,
    resolve_classification,
    write_template,
)
from desktop.app.kpi_review import readings, review_lines
from desktop.reports.form_plan import KpiChoice
from desktop.reports.model import Audience
from desktop.survey.wareki import format_fiscal_year


def _sheet_id(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"シートID「{text}」は数字で指定してください。") from None
    if value <= 0:
        raise argparse.ArgumentTypeError(f"シートID「{text}」は1以上の数字で指定してください。")
    return value


def _numbers(text: str) -> list[int]:
    """「2,5」「2、5」: numbers of the listing of KPIs read from text."""
    import unicodedata

    parts = [p.strip() for p in unicodedata.normalize("NFKC", text).replace("、", ",").split(",") if p.strip()]
    if not parts or not all(p.isdigit() for p in parts):
        raise argparse.ArgumentTypeError(f"「{text}」は番号をカンマ区切りで指定してください（例: 2,5）。")
    return [int(p) for p in parts]


def cmd_export(args: argparse.Namespace) -> int:
    repo = open_repository(args, create=False)
    try:
        selection = Selection(year=args.year, ministry=args.ministry,
                              classification=resolve_classification(repo.survey, args.classification),
                              sheet_id=args.sheet)
        result = export_report(repo, args.format, args.out, audience=args.audience, selection=selection,
                               include_unaccepted=args.include_unaccepted, title=args.title, as_of=args.as_of)
    except DisclosureRefused as exc:
        raise CliError(str(exc), EXIT_FAILED) from exc
    except LeakFound as exc:
        places = [f"- 施策「{leak.sheet_title}」の非公開箇所「{leak.text}」（{leak.part}）" for leak in exc.leaks]
        raise CliError("\n".join([str(exc), *places]), EXIT_FAILED) from exc
    except ReportError as exc:
        raise CliError(str(exc)) from exc
    checked = "（非公開の内容が含まれていないことを確認済み）" if result.checked else ""
    print(f"{result.audience.label}の{result.format.label}を出力しました: {result.path}"
          f"（施策シート {result.sheet_count}件）{checked}")
    if result.left_out:
        print(result.left_out)
    if result.marked:
        print(f"「{repo.survey.review.published_status.label}」でない施策シート {result.marked}件を含めました"
              "（見出しに【未確定】と表示しています）。")
    return EXIT_OK


def _date(text: str):
    from datetime import date

    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"時点「{text}」は 2026-12-03 の形で指定してください。") from None


def cmd_template(args: argparse.Namespace) -> int:
    repo = open_repository(args, create=False)
    try:
        result = write_template(repo, args.out, year=args.year, ministry=args.ministry)
    except ReportError as exc:
        raise CliError(str(exc)) from exc
    who = args.ministry or "全府省庁"
    print(f"{format_fiscal_year(args.year)}の調査票（{who}）を作成しました: {result.path}")
    print(f"記入済みの行: 当年度の施策 {result.current}件、前年度から引き継ぐ施策 {result.carried}件")
    if result.marked:
        print(f"内部資料: 非公開の箇所を含む施策が {result.marked}件あります。【非公開】〜【/非公開】の箇所と"
              "KPI シートの「非公開」列の行は公表しないよう、転送先にも伝えてください（「記入要領」シート参照）。")
    return EXIT_OK


def cmd_import(args: argparse.Namespace) -> int:
    repo = open_repository(args, create=False)
    try:
        plan = plan_import(repo, args.files, year=args.year)
    except ReportError as exc:
        raise CliError(str(exc)) from exc
    for warning in plan.warnings:   # the checks of an incomplete sheet do not stop the import
        print(f"確認（{warning.severity.label}）: {warning}", file=sys.stderr)
    for problem in plan.problems:
        print(f"エラー: {problem}", file=sys.stderr)
    if plan.problems:
        print(f"取り込めない箇所が {len(plan.problems)}件あります。調査票を直してから、もう一度取り込んでください"
              "（データベースは変更していません）。", file=sys.stderr)
        unreadable = all(not p.cell for p in plan.problems)
        return EXIT_USAGE if unreadable else EXIT_FAILED
    if args.kpi_text:
        found = readings(plan)
        wrong = [n for n in args.kpi_text if not 1 <= n <= len(found)]
        if wrong:
            raise CliError(f"--kpi-text の番号 {'、'.join(map(str, wrong))} は読み取った KPI の番号ではありません"
                           f"（1〜{len(found)}。--dry-run で番号を確認できます）。データベースは変更していません。"
                           if found else "この調査票には文章から読み取った KPI がないため、--kpi-text は使えません。")
        for n in args.kpi_text:
            found[n - 1].choice = KpiChoice.TEXT
        plan.settle_kpis(repo.survey)
    if args.kpi is not None:
        plan.decide_kpis(KpiChoice(args.kpi), repo.survey)
    for line in plan_lines(repo.survey, plan):
        print(line)
    if plan.reviewed():
        print("文章から読み取った KPI（取り込む前に原文と見比べて確認してください）:")
        for line in review_lines(repo.survey, plan):
            print(line)
    pending = plan.kpi_pending
    if args.dry_run:
        if pending:
            print(f"文章から読み取った KPI が {len(pending)}件あります。取り込むときは --kpi accept（読み取りどおり登録）"
                  "か --kpi text（文章のまま残す）を指定してください。")
        print("試行のため保存していません（--dry-run）。")
        return EXIT_OK
    if pending:
        print(f"調査票の KPI の記載から KPI を {len(pending)}件読み取りました（上の一覧）。読み取りどおり登録する場合は"
              " --kpi accept、文章のまま KPI の指標として残す場合は --kpi text を付けて、もう一度実行してください。"
              "一部の KPI だけを文章のまま残す場合は --kpi-text に一覧の番号を付けてください（例: --kpi accept "
              "--kpi-text 2）。値を直す場合は、画面の「調査票を取り込む」で修正するか、取り込み後に編集画面で直してください"
              "（データベースは変更していません）。", file=sys.stderr)
        return EXIT_USAGE
    if not plan.creates and not plan.updates:
        print("取り込む変更はありません。")
        return EXIT_OK
    try:
        saved = apply_import(repo, plan)
    except ReportError as exc:
        raise CliError(str(exc)) from exc
    print(f"取り込みました（新規 {len(plan.creates)}件、変更 {len(plan.updates)}件、計 {len(saved)}件を保存）。")
    return EXIT_OK


def register(sub) -> None:
    p = sub.add_parser("export", help="報告書（Word・Excel・CSV）を出力する")
    p.add_argument("format", choices=[f.value for f in ExportFormat], metavar="形式",
                   help="docx（Word）、xlsx（Excel）、csv（KPI の実績）")
    p.add_argument("--out", required=True, metavar="ファイル", help="出力先のファイル（既にあれば置き換える）")
    p.add_argument("--audience", choices=[a.value for a in Audience], default=Audience.PUBLIC.value,
                   help="public（公開版: 非公開の箇所を除く、既定）または internal（内部資料: すべて、非公開の箇所に印）")
    p.add_argument("--year", type=year_argument, help="年度（2026 または 令和8年度）")
    p.add_argument("--ministry", help="府省庁（例: 総務省）")
    p.add_argument("--classification", help="施策分類のコード（例: P1-1）または名称")
    p.add_argument("--sheet", type=_sheet_id, metavar="ID", help="この施策シートだけを出力する")
    p.add_argument("--include-unaccepted", action="store_true",
                   help="公開版に「確定」（調査票定義の published_status）でない施策シートも含める（見出しに【未確定】と表示）")
    p.add_argument("--title", metavar="表題", help="報告書の表題（公開版の既定: 調査票定義の「…フォローアップ結果」）")
    p.add_argument("--as-of", type=_date, metavar="日付", help="時点（例: 2026-12-03、既定は出力日）")
    p.set_defaults(handler=cmd_export)

    p = sub.add_parser("template", help="記入用の調査票（Excel）を作成する")
    p.add_argument("--year", type=year_argument, required=True, help="調査票の年度（2026 または 令和8年度）")
    p.add_argument("--ministry", help="府省庁（省略時は全府省庁）")
    p.add_argument("--out", required=True, metavar="ファイル", help="出力先の .xlsx ファイル")
    p.set_defaults(handler=cmd_template)

    p = sub.add_parser("import", help="記入済みの調査票（Excel・Word）を取り込む（すべて取り込むか、何も取り込まない）")
    p.add_argument("files", nargs="+", metavar="ファイル", help="取り込む .xlsx ファイル、または前年度のシートの .docx ファイル（複数可）")
    p.add_argument("--year", type=year_argument,
                   help="調査票に年度の記載がない場合の年度（2026 または 令和8年度）。表題・シート名・年度の列の記載が優先")
    p.add_argument("--dry-run", action="store_true", help="変更内容を表示するだけで保存しない")
    p.add_argument("--kpi", choices=[c.value for c in KpiChoice], metavar="accept|text",
                   help="他の様式・Word 文書の「実施項目・KPI」の文章から読み取った KPI の扱い。"
                        "accept: 読み取った指標・目標値・単位・年度などで登録する（原文は KPI の「指標の出典」に残す）、"
                        "text: 文章のまま KPI の指標として残す。文章から KPI を読み取った調査票では指定が必要"
                        "（指定がなければ読み取り結果を表示して終了し、何も保存しない）。読み取れない行は、"
                        "どちらでも文章のまま残す。一部だけ直す場合は画面の「調査票を取り込む」を使う")
    p.add_argument("--kpi-text", type=_numbers, metavar="番号,…", default=[],
                   help="読み取り結果の一覧の番号（例: 2,5）の KPI を文章のまま残し、残りは --kpi の指定どおりにする"
                        "（番号は --dry-run の表示で確認できる）")
    p.set_defaults(handler=cmd_import)


__all__ = ["register", "EXIT_FAILED"]
