"""Importing returned survey forms: 50 ministries' Excel files of 40 measures each.

Run: .venv/bin/python benchmarks/bench_import.py [--forms 50] [--rows 40] [--reuse PATH]

The forms are made by the app's own ``write_form`` from stored sheets, with
one field changed in every row (what a ministry sends back), so every row is
an update. The timed import is what staff wait for, through the functions the
GUI and the CLI call: read every form into a plan (``plan_import``), save the
plan in one transaction (``apply_import``). The floor is openpyxl alone reading every cell of the same files
in read-only mode (no parsing, no checks, no saving). Target (issue 9): 50
forms of 40 rows under 5 s.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.datagen import database  # noqa: E402
from benchmarks.timing import best_s, once_s  # noqa: E402
from desktop.app.export import apply_import, plan_import  # noqa: E402
from desktop.reports.form import write_form  # noqa: E402
from desktop.store.database import open_database  # noqa: E402
from desktop.store.repository import Repository, SheetFilter  # noqa: E402

YEAR = 2025
TARGET_S = 5.0


def make_forms(repo: Repository, folder: Path, forms: int, rows: int) -> list[Path]:
    """``forms`` returned forms of ``rows`` sheets each, every row with an edited 課題 field.

    As a ministry returns them: each form holds one ministry's sheets (an import refuses a row of another
    ministry) that are still open to edits (提出済・確定 sheets are frozen by the review)."""
    review = repo.survey.review
    by_ministry: dict[str, list] = {}
    for s in repo.load_sheets(SheetFilter(year=YEAR)):
        if not review.is_locked(s.status):
            by_ministry.setdefault(s.ministry, []).append(s)
    groups = [group[i:i + rows] for group in by_ministry.values() for i in range(0, len(group) - rows + 1, rows)]
    if len(groups) < forms:
        raise ValueError(f"the database holds {len(groups)} groups of {rows} editable sheets of one ministry "
                         f"in {YEAR}; {forms} are needed")
    paths = []
    for f, group in enumerate(groups[:forms]):
        for s in group:
            s.fields["issues"] = s.text("issues") + "（回答で更新）"
        paths.append(write_form(repo.survey, group, folder / f"form-{f:02d}.xlsx", ministry=group[0].ministry,
                                year=YEAR))
    return paths


def import_forms(repo: Repository, paths: list[Path]) -> int:
    """What 取り込み does (GUI and CLI alike): read the forms into a plan, then save it in one transaction."""
    return len(apply_import(repo, plan_import(repo, paths), author="benchmark"))


def read_cells(paths: list[Path]) -> int:
    """The floor: openpyxl reading every cell of every sheet of the forms, read-only."""
    from openpyxl import load_workbook

    count = 0
    for path in paths:
        book = load_workbook(path, read_only=True)
        for ws in book.worksheets:
            for row in ws.iter_rows(values_only=True):
                count += len(row)
        book.close()
    return count


def measure(template: Path, form_counts: list[int], rows: int) -> dict[int, dict[str, float]]:
    """``{forms: {"import": s, "floor": s}}``; each size imports into its own copy of ``template``."""
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        for n in form_counts:
            work = Path(tmp) / str(n)
            work.mkdir()
            target = work / "import.db"
            shutil.copyfile(template, target)
            db = open_database(target, keep_backups=0)
            try:
                repo = Repository(db)
                paths = make_forms(repo, work, n, rows)
                floor = best_s(lambda: read_cells(paths), 2)
                seconds, saved = once_s(lambda: import_forms(repo, paths))
                if saved != n * rows:
                    raise AssertionError(f"imported {saved} sheets, expected {n * rows}")
                results[n] = {"import": seconds, "floor": floor}
            finally:
                db.close()
    return results


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--forms", type=int, default=50)
    parser.add_argument("--rows", type=int, default=40)
    parser.add_argument("--reuse", type=Path, help="keep the generated database here and reuse it next time")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        # four times the rows imported: a form holds one ministry's editable sheets (see make_forms)
        template = database(args.reuse or Path(tmp) / "bench.db", args.forms * args.rows * 4)
        results = measure(template, [args.forms // 2, args.forms], args.rows)
    print(f"{'forms':>6}{'import s':>10}{'openpyxl read s':>17}{'ratio':>8}")
    for n, r in results.items():
        print(f"{n:>6}{r['import']:>10.2f}{r['floor']:>17.2f}{r['import'] / r['floor']:>8.1f}")
    big, half = args.forms, args.forms // 2
    print(f"growth ({big} / {half} forms): {results[big]['import'] / results[half]['import']:.2f} (2.0 is linear)")
    ok = results[big]["import"] < TARGET_S
    print(f"{'OK' if ok else 'NG'} {args.forms} forms of {args.rows} rows under {TARGET_S:.0f} s")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
