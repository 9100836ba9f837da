"""Commands over the reference library: search, sources list/add/remove, kpi-candidates."""

from __future__ import annotations

import argparse

from desktop.cli.common import (EXIT_OK, EXIT_USAGE, CliError, add_command_group, add_json_option, open_repository,
                                print_json, print_table)


def _library(args: argparse.Namespace):
    from desktop.sources.library import Library

    library = Library(open_repository(args).db)
    library.ensure_seeds()
    return library


def _count_line(results) -> str:
    """What was printed, said plainly (the same wording as the source panel)."""
    if results.exact and results.truncated:
        return f"上位 {len(results)} 件／全 {results.total} 件"
    if results.exact:
        return f"全 {results.total} 件"
    return "完全に一致する箇所はありません。" + (f"近い箇所 {len(results)} 件を表示しました。" if len(results) else "")


def cmd_search(args: argparse.Namespace) -> int:
    if not args.query.strip():
        raise CliError("検索語を指定してください。")
    library = _library(args)
    if args.sheets:
        return _search_sheets(args, library)
    results = library.search(args.query, limit=args.limit)
    if args.json:
        print_json({"exact": results.exact, "total": results.total, "hits": [
            {"document": h.document, "title": h.title, "heading_path": h.heading_path, "passage_id": h.passage_id,
             "snippet": h.snippet, "highlights": [list(span) for span in h.highlights]} for h in results]})
        return EXIT_OK
    if not results.exact and len(results):
        print("完全に一致する箇所はありません。近い箇所:")
    for h in results:
        print(f"■ {h.title}（{h.document}）")
        if h.heading_path:
            print(f"  {h.heading_path}")
        print(f"  {h.marked_snippet()}  [passage {h.passage_id}]")
    print(_count_line(results))
    return EXIT_OK


def _search_sheets(args: argparse.Namespace, library) -> int:
    results = library.search_sheets(args.query, limit=args.limit, year=args.year)
    if args.json:
        print_json({"exact": results.exact, "total": results.total, "hits": [
            {"sheet_id": h.sheet_id, "fiscal_year": h.fiscal_year, "ministry": h.ministry, "title": h.title,
             "field": h.field_key, "snippet": h.snippet, "highlights": [list(span) for span in h.highlights]}
            for h in results]})
        return EXIT_OK
    if not results.exact and len(results):
        print("完全に一致する箇所はありません。近い箇所:")
    for h in results:
        print(f"■ {h.title or '（施策名なし）'}（{h.fiscal_year}年度 {h.ministry}、シート {h.sheet_id}）")
        print(f"  [{h.field_key}] {h.marked_snippet()}")
    print(_count_line(results))
    return EXIT_OK


def cmd_sources_list(args: argparse.Namespace) -> int:
    docs = _library(args).documents()
    if args.json:
        print_json([{"document": d.file_name, "title": d.title, "issuer": d.issuer, "issued": d.issued,
                     "origin": d.origin, "passages": d.passages} for d in docs])
        return EXIT_OK
    print_table(["資料", "表題", "発行者", "時期", "区分", "段落数"],
                [[d.file_name, d.title, d.issuer, d.issued, "同梱" if d.origin == "seed" else "追加", str(d.passages)]
                 for d in docs])
    return EXIT_OK


def cmd_sources_add(args: argparse.Namespace) -> int:
    from desktop.sources.readers import SourceReadError

    library = _library(args)
    try:
        row = library.add_document(args.file, title=args.title, issuer=args.issuer or "", issued=args.issued or "")
    except SourceReadError as exc:
        raise CliError(str(exc), EXIT_USAGE) from exc
    print(f"資料「{row.title}」（{row.file_name}）を追加しました。段落数: {row.passages}")
    return EXIT_OK


def cmd_sources_remove(args: argparse.Namespace) -> int:
    from desktop.sources.library import DocumentInUse, DocumentNotFound

    try:
        _library(args).remove_document(args.document)
    except (DocumentInUse, DocumentNotFound) as exc:
        raise CliError(str(exc), 1) from exc
    print(f"資料「{args.document}」を削除しました。")
    return EXIT_OK


def _code(member) -> str | None:
    return member.value if member is not None else None


def cmd_kpi_candidates(args: argparse.Namespace) -> int:
    library = _library(args)
    if args.document and args.document not in {d.file_name for d in library.documents()}:
        raise CliError(f"資料「{args.document}」は登録されていません。")
    found = library.kpi_candidates(args.document)
    if args.json:
        print_json([{"text": c.text, "indicator": c.indicator, "value": float(c.value), "unit": c.unit,
                     "target_year": c.target_year, "document": c.document, "passage_id": c.passage_id,
                     "qualifier": _code(c.to_kpi().qualifier), "direction": c.to_kpi().direction.value,
                     "target_kind": c.to_kpi().target_kind.value,
                     "baseline_year": c.to_kpi().baseline_year, "target": c.to_kpi().target_text()}
                    for c in found])
        return EXIT_OK
    print_table(["目標年", "目標", "種類", "方向", "指標", "資料"],
                [[str(c.target_year), c.to_kpi().target_text() or c.unit, c.to_kpi().target_kind.label,
                  c.to_kpi().judged_direction.label, c.indicator, c.document]
                 for c in found])
    print(f"{len(found)}件")
    return EXIT_OK


def register(sub) -> None:
    p = sub.add_parser("search", help="参考資料（--sheets で施策シート）を全文検索する")
    p.add_argument("query", help="検索語（空白で区切ると、すべてを含む段落を探します。見つからなければ近い箇所を示します）")
    p.add_argument("--limit", type=int, default=20, help="最大件数（既定 20）")
    p.add_argument("--sheets", action="store_true", help="参考資料ではなく施策シートの記載を検索する")
    p.add_argument("--year", type=int, help="--sheets で対象にする年度（西暦、例: 2025）")
    add_json_option(p)
    p.set_defaults(handler=cmd_search)

    ssub = add_command_group(sub, "sources", "参考資料の一覧・追加・削除")
    p = ssub.add_parser("list", help="登録されている資料の一覧")
    add_json_option(p)
    p.set_defaults(handler=cmd_sources_list)
    p = ssub.add_parser("add", help="資料を追加する（.txt .md .docx .pdf）")
    p.add_argument("file", help="追加するファイル")
    p.add_argument("--title", help="表題（省略時はファイルから推定）")
    p.add_argument("--issuer", help="発行者")
    p.add_argument("--issued", help="発行時期（例: 令和7年11月）")
    p.set_defaults(handler=cmd_sources_add)
    p = ssub.add_parser("remove", help="資料を削除する（引用されている資料は削除できません）")
    p.add_argument("document", help="資料のファイル名")
    p.set_defaults(handler=cmd_sources_remove)

    p = sub.add_parser("kpi-candidates", help="資料から KPI になり得る目標の記述を抽出する")
    p.add_argument("--document", help="資料のファイル名（省略時はすべての資料）")
    add_json_option(p)
    p.set_defaults(handler=cmd_kpi_candidates)
