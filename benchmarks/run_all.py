"""`make bench`: every benchmark in one run, printed as one table.

    .venv/bin/python -m benchmarks.run_all [--quick] [--data DIR] [--json PATH] [--strict]

Each line is one operation: our figure at the full size, a peer or floor
measured in the same run on the same data, their ratio, the target of issue 9,
and the growth: our figure at the full size over our figure at half the size
(2.0 is linear; up to 2.2 passes). The generated databases are kept in
``--data`` (build/bench by default) and reused by later runs; ``--quick``
uses a fifth of the sizes (a few minutes instead of ten).

Start-up and peak memory run the real application in a fresh process
(``python -m desktop --smoke-test``, the path the bundle's smoke test takes)
against a bare PySide6 window in a fresh process (benchmarks/startup.py); the
first start of a day is the same start with the day's backup due, against a
later start; the list and switching run benchmarks/bench_gui.py in a fresh
process per size; the rest run here.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks import (bench_export_scale, bench_import, bench_new_year, bench_reports, bench_revisions,  # noqa: E402
                        bench_search, bench_search_quality, bench_sheet_search, startup)
from benchmarks.datagen import databases  # noqa: E402

GROWTH_LIMIT = 2.2   # for twice the size: linear, with room for noise


@dataclass(frozen=True)
class Sizes:
    sheets: int      # the list, switching, search, start-up and memory
    export: int      # sheets in the Word and Excel reports
    forms: int       # returned forms imported
    rows: int        # rows per form
    new_year: int    # sheets carried over to the next fiscal year
    chars: int       # characters in the field typed into
    keys: int        # keys typed per measurement


FULL = Sizes(sheets=10_000, export=1_000, forms=50, rows=40, new_year=5_000, chars=30_000, keys=40)
QUICK = Sizes(sheets=2_000, export=200, forms=10, rows=40, new_year=1_000, chars=30_000, keys=20)


@dataclass
class Line:
    operation: str
    size: str
    unit: str
    ours: float
    ours_half: float
    peer: float
    peer_name: str
    target: str
    met: bool

    @property
    def ratio(self) -> float:
        return self.ours / self.peer if self.peer else float("nan")

    @property
    def growth(self) -> float:
        return self.ours / self.ours_half if self.ours_half else float("nan")

    @property
    def passed(self) -> bool:
        return self.met and self.growth <= GROWTH_LIMIT


# --- fresh-process measurements ----------------------------------------------------------------

def gui(db: Path, sheets: int) -> dict:
    return startup.spawn(["benchmarks/bench_gui.py", "--sheets", str(sheets), "--reuse", str(db), "--json"])


def typing(chars: int, keys: int) -> dict:
    return startup.spawn(["benchmarks/bench_typing.py", "--chars", str(chars), "--keys", str(keys), "--json"])


def typing_lines(sizes: Sizes) -> list[Line]:
    """p95 per-key latency in the editor's longest field, against a bare QTextEdit with the same text; the
    growth is against a field of half the characters."""
    full, half = typing(sizes.chars, sizes.keys), typing(sizes.chars // 2, sizes.keys)
    out = []
    for layout, label in (("lines", "lines"), ("paragraph", "para.")):
        for who, what in (("ours", "compare off"), ("ours_compare", "compare on")):
            f, h, peer = full[layout][who], half[layout][who], full[layout]["peer"]
            out.append(Line(f"typing p95 {what}, {label}", f"{sizes.chars:,} chars", "ms", f["p95"], h["p95"],
                            peer["p95"], "bare QTextEdit, same text", "< 50 ms", f["p95"] < 50))
    return out


def heavy_sheet(items: int, citations: int) -> dict:
    return startup.spawn(["benchmarks/bench_heavy_sheet.py", "--items", str(items), "--citations", str(citations),
                          "--json"])


# --- the table ---------------------------------------------------------------------------------

def quality_lines() -> list[Line]:
    """Recall and MRR over the query set of tests/sources/data against BM25 over bigrams (no size: growth 1)."""
    with tempfile.TemporaryDirectory() as tmp:
        measured = bench_search_quality.measure(bench_search_quality.load_queries(), Path(tmp) / "quality.db")
    ours = bench_search_quality.scores(measured["results"], "ours")
    peer = bench_search_quality.scores(measured["results"], "peer")
    size = f"{len(measured['results'])} queries"
    targets = {"recall@1": ("> peer", 0.0), "recall@5": (">= 0.95", 0.95), "mrr": (">= 0.85", 0.85)}
    return [Line(f"search {figure} (seeds)", size, "", ours[figure], ours[figure], peer[figure],
                 "BM25 over bigrams, same run", target, ours[figure] > peer[figure] and ours[figure] >= floor)
            for figure, (target, floor) in targets.items()]


def sheet_search_lines(db_half: Path, db_full: Path, fmt: str, progress=print,
                       postgres_sizes: tuple[int, int] | None = None) -> list[Line]:
    """「AI」 (in two sheets of three) through the list's text filter and sheet search, against the
    unfiltered list (the floor), on SQLite and, where a server can be started, PostgreSQL."""
    runs = [("SQLite", bench_sheet_search.measure(str(db_half)), bench_sheet_search.measure(str(db_full)))]
    if postgres_sizes:
        pg_half, pg_full = (bench_sheet_search.postgres(n, progress) for n in postgres_sizes)
        if pg_half and pg_full:
            runs.append(("PostgreSQL", pg_half, pg_full))
    out = []
    for engine, half, full in runs:
        for kind, label in (("filter", "list text filter"), ("search", "sheet search")):
            out.append(Line(f"{label} 「AI」 {engine}", fmt, "ms", full["AI"][kind], half["AI"][kind],
                            full["(peers)"]["list"], "the list without a filter", "< 50 ms",
                            full["AI"][kind] < 50))
    return out


def export_scale_lines(data: Path, scale: int, progress=print) -> list[Line]:
    """One fiscal year of ``scale`` sheets to Word and Excel through export_report, public against internal,
    each export in a fresh process (bench_export_scale): time and peak memory (issue 22)."""
    half = scale // 2
    r = bench_export_scale.measure(data, [half, scale], progress)
    full, part = r[scale], r[half]
    fmt = f"{scale:,} sheets"
    lines = []
    for kind, label in (("xlsx", "Excel"), ("docx", "Word")):
        pub, internal = full[f"{kind} public"], full[f"{kind} internal"]
        met = pub["seconds"] < 10 if kind == "xlsx" else pub["seconds"] <= 1.3 * internal["seconds"]
        lines.append(Line(f"one year to public {label}", fmt, "s", pub["seconds"], part[f"{kind} public"]["seconds"],
                          internal["seconds"], f"internal {label}, same sheets",
                          "< 10 s" if kind == "xlsx" else "<= 1.3x", met))
        lines.append(Line("  of which the leak check", fmt, "s", pub["check_seconds"],
                          part[f"{kind} public"]["check_seconds"], pub["seconds"], f"the whole public {label}",
                          "linear", True))
        for audience in ("public", "internal"):
            x = full[f"{kind} {audience}"]
            lines.append(Line(f"peak memory, {label} {audience}", fmt, "MB", x["peak_rss_mb"],
                              part[f"{kind} {audience}"]["peak_rss_mb"], 4096,
                              "the 4 GB office PC", "< 400 MB", x["peak_rss_mb"] < 400))
    return lines


def measure(sizes: Sizes, data: Path, progress=print, search_scale: int = 0) -> list[Line]:
    n, half, quarter = sizes.sheets, sizes.sheets // 2, sizes.sheets // 4
    dbs = databases(data, [quarter, half, n])
    lines: list[Line] = []
    fmt = f"{n:,} sheets"

    progress("start-up and memory (fresh processes) …")
    runs = 3
    bare_s, bare_mb = startup.bare_window(runs)
    (ours_half_s, mb_half), (ours_s, mb) = startup.app(dbs[half], runs), startup.app(dbs[n], runs)
    lines.append(Line("start-up to first window", fmt, "s", ours_s, ours_half_s, bare_s,
                      "bare PySide6 window", "< 1.5 s", ours_s < 1.5))
    progress("first start of the day, a backup due (fresh processes) …")
    (first_half_s, _), (first_s, _) = startup.first_of_day(dbs[half], runs), startup.first_of_day(dbs[n], runs)
    lines.append(Line("start-up, first of the day", fmt, "s", first_s, first_half_s, ours_s,
                      "later start (backup taken)", "< 1.5 s", first_s < 1.5))

    progress("list and sheet switching (bench_gui.py) …")
    g_half, g = gui(dbs[half], half), gui(dbs[n], n)
    lines.append(Line("open the list (first paint)", fmt, "ms", g["first_paint"], g_half["first_paint"],
                      g["base_first_paint"], "QTableView + lazy table model", "< 1000 ms", g["first_paint"] < 1000))
    lines.append(Line("scroll the list (median page)", fmt, "ms", g["scroll_median"], g_half["scroll_median"],
                      g["base_scroll_median"], "QTableView + lazy table model", "< 50 ms", g["scroll_median"] < 50))
    lines.append(Line("list text filter, the box", fmt, "ms", g["filter_median"], g_half["filter_median"],
                      g["base_filter_median"], "lazy table model, same filter", "< 50 ms", g["filter_median"] < 50))
    lines.append(Line("year check, longest block", f"{g['year_checked']:,} sheets", "ms", g["year_check_block"],
                      g_half["year_check_block"], g["base_year_check_block"], "the check's worker alone",
                      "< 100 ms", g["year_check_block"] < 100))
    lines.append(Line("switch sheets (median)", fmt, "ms", g["switch_median"], g_half["switch_median"],
                      g["base_switch_median"], "load + bare QPlainTextEdits", "< 50 ms", g["switch_median"] < 50))

    progress("typing into a long field, with and without the comparison (bench_typing.py) …")
    lines += typing_lines(sizes)

    progress("a heavy sheet's first paint (bench_heavy_sheet.py) …")
    h_half, h = heavy_sheet(5, 10), heavy_sheet(10, 20)
    lines.append(Line("heavy sheet first paint", "30 KPI, 20 cit", "ms", h["first_paint"],
                      h_half["first_paint"], h["peer"], "same texts into bare widgets", "< 100 ms",
                      h["first_paint"] < 100))

    progress("search (bench_search.py) …")
    s_half, s = bench_search.medians(bench_search.measure(dbs[half])), bench_search.medians(bench_search.measure(dbs[n]))
    lines.append(Line("search (median of 8 queries)", fmt, "ms", s[0], s_half[0], s[1], "LIKE '%…%' scan",
                      "< 20 ms", s[0] < 20))

    progress("search quality over the seeds (bench_search_quality.py) …")
    lines += quality_lines()
    progress("short words over the sheets, SQLite and PostgreSQL (bench_sheet_search.py) …")
    lines += sheet_search_lines(dbs[half], dbs[n], fmt, progress)
    if search_scale:
        big = databases(data / "search", [search_scale // 2, search_scale])
        lines += sheet_search_lines(big[search_scale // 2], big[search_scale], f"{search_scale:,} sheets", progress,
                                    postgres_sizes=(search_scale // 2, search_scale))

    progress("Word and Excel export (bench_reports.py) …")
    e, e2 = sizes.export, sizes.export // 2
    r = bench_reports.measure([e2, e], repeat=2)
    xlsx = r["sesaku xlsx"]
    efmt = f"{e:,} sheets"
    lines.append(Line("export to Excel", efmt, "s", xlsx[e], xlsx[e2], r["pandas to_excel (openpyxl)"][e],
                      "pandas to_excel (openpyxl)", "<= 1.0x", xlsx[e] <= r["pandas to_excel (openpyxl)"][e]))
    lines.append(Line("export to Excel", efmt, "s", xlsx[e], xlsx[e2], r["pandas to_excel (xlsxwriter)"][e],
                      "pandas to_excel (xlsxwriter)", "<= 1.0x", xlsx[e] <= r["pandas to_excel (xlsxwriter)"][e]))
    lines.append(Line("export to Excel", efmt, "s", xlsx[e], xlsx[e2], r["xlsxwriter cells"][e],
                      "XlsxWriter, same cells", "<= 1.5x", xlsx[e] <= 1.5 * r["xlsxwriter cells"][e]))
    docx = r["sesaku docx"]
    lines.append(Line("export to Word", efmt, "s", docx[e], docx[e2], r["docxtpl render"][e], "docxtpl render",
                      "<= 1.0x", docx[e] <= r["docxtpl render"][e]))
    charts, peer = r["sesaku docx with KPI charts"], r["docxtpl render + same chart XML"]
    lines.append(Line("export to Word, KPI charts", efmt, "s", charts[e], charts[e2], peer[e],
                      "docxtpl + same chart XML built", "<= 1.5x", charts[e] <= 1.5 * peer[e]))

    progress("import of returned forms (bench_import.py) …")
    f, f2 = sizes.forms, sizes.forms // 2
    imp = bench_import.measure(dbs[quarter], [f2, f], sizes.rows)
    lines.append(Line("import returned forms", f"{f} x {sizes.rows} rows", "s", imp[f]["import"],
                      imp[f2]["import"], imp[f]["floor"], "openpyxl reading the cells", "< 5 s",
                      imp[f]["import"] < 5))

    progress("new fiscal year (bench_new_year.py) …")
    with tempfile.TemporaryDirectory() as tmp:
        ny = bench_new_year.measure({quarter: dbs[quarter], half: dbs[half]}, Path(tmp))
    first, _, _, per_save = ny[half]
    lines.append(Line("new fiscal year", f"{half:,} sheets", "s", first, ny[quarter][0], per_save * half,
                      "save_sheet one by one", "linear", True))

    progress("database growth per saved revision (bench_revisions.py) …")
    grown, grown_half = bench_revisions.measure(30_000), bench_revisions.measure(15_000)
    lines.append(Line("database growth per saved revision", "30,000-character field", "B", grown["ours"],
                      grown_half["ours"], grown["peer"], "full old and new text", "< 1 KB", grown["ours"] < 1024))

    lines.append(Line("peak memory, list open", fmt, "MB", mb, mb_half, bare_mb, "bare PySide6 window",
                      "< 400 MB", mb < 400))
    return lines


def table(lines: list[Line]) -> str:
    head = (f"{'operation':<30} {'size':>14} {'ours':>10} {'peer':>10} {'peer / floor':<32} {'ratio':>6} "
            f"{'target':>10} {'growth x2':>9}  {'':4}")
    out = [head, "-" * len(head)]
    for x in lines:
        out.append(f"{x.operation:<30} {x.size:>14} {x.ours:>7.{_digits(x)}f} {x.unit:<2} "
                   f"{x.peer:>7.{_digits(x)}f} {x.unit:<2} {x.peer_name:<32} {x.ratio:>6.2f} {x.target:>10} "
                   f"{x.growth:>9.2f}  {'pass' if x.passed else 'FAIL'}")
    return "\n".join(out)


def _digits(line: Line) -> int:
    if line.unit == "":
        return 3
    return 0 if line.unit in ("MB",) or (line.unit == "ms" and line.ours >= 100) else (1 if line.unit == "ms" else 2)


def machine() -> str:
    cpu = "unknown CPU"
    try:
        cpu = next(line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                   if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    import sqlite3

    import PySide6
    from PySide6.QtCore import qVersion

    return (f"{os.cpu_count()} cores, {cpu}; Python {sys.version.split()[0]}, PySide6 {PySide6.__version__} "
            f"(Qt {qVersion()}), SQLite {sqlite3.sqlite_version}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="a fifth of the sizes")
    parser.add_argument("--data", type=Path, default=ROOT / "build" / "bench", help="where generated databases stay")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    parser.add_argument("--strict", action="store_true", help="exit 1 when a line fails its target")
    parser.add_argument("--search-scale", type=int, default=0, metavar="N",
                        help="also the short-word sheet search lines at N sheets (e.g. 60000), SQLite and PostgreSQL")
    parser.add_argument("--export-scale", type=int, default=0, metavar="N",
                        help="also one year of N sheets (e.g. 6000) to public and internal Word and Excel: time and "
                             "peak memory of each export in a fresh process (generated data kept in DATA/export)")
    parser.add_argument("--scale", type=int, default=0, metavar="N",
                        help="the issue-22 lines at N sheets: --search-scale 10*N and --export-scale N "
                             "(e.g. --scale 6000: 60,000 sheets searched, a year of 6,000 exported)")
    args = parser.parse_args()
    sizes = QUICK if args.quick else FULL
    t0 = time.perf_counter()
    say = lambda msg: print(msg, file=sys.stderr, flush=True)  # noqa: E731
    search_scale = args.search_scale or 10 * args.scale
    export_scale = args.export_scale or args.scale
    lines = measure(sizes, args.data / ("quick" if args.quick else "full"), progress=say, search_scale=search_scale)
    if export_scale:
        say(f"one year of {export_scale:,} sheets to Word and Excel, fresh processes (bench_export_scale.py) …")
        lines += export_scale_lines(args.data, export_scale, say)
    print(machine())
    print(table(lines))
    passed = sum(x.passed for x in lines)
    print(f"{passed} of {len(lines)} lines pass; growth = figure at the size shown / at half that size "
          f"(2.0 is linear, pass <= {GROWTH_LIMIT}); run took {time.perf_counter() - t0:.0f} s")
    if args.quick:
        print("--quick: a fifth of the sizes against the full-size targets; judge targets on a full run")
    if args.json:
        args.json.write_text(json.dumps([asdict(x) | {"ratio": x.ratio, "growth": x.growth, "passed": x.passed}
                                         for x in lines], ensure_ascii=False, indent=1))
    return 1 if args.strict and passed < len(lines) else 0


if __name__ == "__main__":
    sys.exit(main())
