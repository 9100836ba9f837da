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


def cmd_search(args: argparse.Namespace) -> int:
    if not args.query.strip():
        raise CliError("検索語を指定してください。")
    library = _library(args)
    hits = library.search(args.query, limit=args.limit)
    if args.json:
        print_json([{"document": h.document, "title": h.title, "heading_path": h.heading_path,
                     "passage_id": h.passage_id, "snippet": h.snippet,
                     "highlights": [list(span) for span in h.highlights]} for h in hits])
        return EXIT_OK
    for h in hits:
        print(f"■ {h.title}（{h.document}）")
        if h.heading_path:
            print(f"  {h.heading_path}")
        print(f"  {h.marked_snippet()}  [passage {h.passage_id}]")
    print(f"{len(hits)}件")
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


def cmd_kpi_candidates(args: argparse.Namespace) -> int:
    library = _library(args)
    if args.document and args.document not in {d.file_name for d in library.documents()}:
        raise CliError(f"資料「{args.document}」は登録されていません。")
    found = library.kpi_candidates(args.document)
    if args.json:
        print_json([{"text": c.text, "indicator": c.indicator, "value": float(c.value), "unit": c.unit,
                     "target_year": c.target_year, "document": c.document, "passage_id": c.passage_id}
                    for c in found])
        return EXIT_OK
    print_table(["目標年", "目標値", "単位", "指標", "資料"],
                [[str(c.target_year), format(c.value.normalize(), "f"), c.unit, c.indicator, c.document]
                 for c in found])
    print(f"{len(found)}件")
    return EXIT_OK


def register(sub) -> None:
    p = sub.add_parser("search", help="参考資料を全文検索する")
    p.add_argument("query", help="検索語（空白で区切ると、すべてを含む段落を探します）")
    p.add_argument("--limit", type=int, default=20, help="最大件数（既定 20）")
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
