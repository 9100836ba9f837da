"""Starting a new fiscal year over 5,000 generated sheets, and over half as many.

Run: .venv/bin/python benchmarks/bench_new_year.py [--sheets 5000] [--reuse DIR]
Prints the time of new-year for N and N/2 sheets, the ratio between them (2.0
means it scales linearly), the time per sheet, and the time of a second run
(which finds every successor and creates nothing). The comparison point is
the repository's per-sheet save, measured on a sample of the same sheets.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.datagen import databases  # noqa: E402
from benchmarks.timing import once_s  # noqa: E402
from desktop.app.new_year import start_new_year  # noqa: E402
from desktop.store.database import open_database  # noqa: E402
from desktop.store.repository import Repository, SheetFilter  # noqa: E402

SAMPLE = 200   # sheets saved one by one through the repository, for the comparison


def run(template: Path, work: Path) -> tuple[float, float, int, float]:
    import shutil

    target = work / template.name.replace(".db", "-run.db")
    shutil.copyfile(template, target)
    db = open_database(target)
    try:
        repo = Repository(db)
        first, result = once_s(lambda: start_new_year(repo, 2025, 2026, author="benchmark"))
        second, again = once_s(lambda: start_new_year(repo, 2025, 2026, author="benchmark"))
        assert again.created == () and len(again.existing) == len(result.created)
        # the peer: the same successors saved one sheet at a time through Repository.save_sheet
        sample = repo.load_sheets(SheetFilter(year=2026))[:SAMPLE]
        for sheet in sample:
            sheet.id, sheet.version, sheet.fiscal_year = None, 0, 2027
            for item in sheet.items:
                item.id = None
                for kpi in item.kpis:
                    kpi.id = None
            sheet.marks, sheet.citations = [], []
        seconds, _ = once_s(lambda: [repo.save_sheet(sheet, author="benchmark") for sheet in sample])
        per_save = seconds / len(sample)
        return first, second, len(result.created), per_save
    finally:
        db.close()
        for suffix in ("", "-wal", "-shm"):
            Path(str(target) + suffix).unlink(missing_ok=True)


def measure(templates: dict[int, Path], work: Path) -> dict[int, tuple[float, float, int, float]]:
    """``{sheets: (new-year s, second run s, created, one save_sheet s)}`` on a copy of each template."""
    return {n: run(path, work) for n, path in templates.items()}


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sheets", type=int, default=5000)
    parser.add_argument("--reuse", type=Path, help="keep the generated databases in this folder and reuse them")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.reuse or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        sizes = [args.sheets, args.sheets // 2]
        results = measure(databases(folder, sizes), Path(tmp))
    big, half = sizes
    print(f"{'件数':>6}  {'new-year':>9}  {'1件あたり':>9}  {'2回目':>7}  {'save_sheet 1件':>14}")
    for n in sizes:
        first, second, created, per_save = results[n]
        assert created == n
        print(f"{n:>6}  {first:>8.2f}s  {first / n * 1000:>7.2f}ms  {second:>6.2f}s  {per_save * 1000:>12.2f}ms")
    ratio = results[big][0] / results[half][0]
    print(f"比（{big}件 / {half}件）: {ratio:.2f}（2.0 で線形）")
    first, _, _, per_save = results[big]
    print(f"1件ずつ save_sheet した場合の見込み: {per_save * big:.1f}s（new-year の {per_save * big / first:.1f}倍）")
    return 0


if __name__ == "__main__":
    sys.exit(main())
