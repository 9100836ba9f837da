"""One fiscal year exported whole, public against internal, each export in a fresh process for its peak memory.

    .venv/bin/python -m benchmarks.bench_export_scale [--scale 6000] [--data build/bench]

The issue-22 lines of ``make bench --export-scale N``: a database of N generated
sheets of one year (benchmarks/datagen.py, kept in ``DATA/export`` and reused;
every fifth sheet withholds a passage of its 施策の概要, so the public side
blanks text and the leak check has needles to look for), exported through
``export_report`` exactly as the GUI and the CLI do it, every sheet included
(``include_unaccepted``: both audiences print the same N sheets). Each export
runs in its own process (``--child``), which reports its wall clock, the part
spent on the post-write leak check and its peak resident memory
(``ru_maxrss``): a figure for that export alone, not for what the parent
process already held.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

MARK_EVERY = 5


def _mark_sheets(path: Path) -> None:
    """Every fifth sheet withholds characters 10–30 of its 施策の概要 (once per database)."""
    from desktop.store.database import open_database
    from desktop.store.repository import Repository
    from desktop.disclosure.reader_form import reader_form
    from desktop.survey.parts import Part
    from desktop.survey.sheet import MarkData

    db = open_database(path)
    try:
        repo = Repository(db)
        ids = sorted(repo.sheet_ids())
        wanted = [i for n, i in enumerate(ids) if n % MARK_EVERY == 0]
        for start in range(0, len(wanted), 500):
            sheets = list(repo.get_sheets(wanted[start:start + 500]).values())
            todo = []
            for s in sheets:
                text = s.fields.get("content", "")
                # A passage of mostly words (a reader form of 12 characters or more), as staff mark them.
                at = next((a for a in range(0, max(0, len(text) - 20), 7) if len(reader_form(text[a:a + 20])) >= 12),
                          None)
                if s.marks or at is None:
                    continue
                s.marks = [MarkData(reason="調整中", part=Part.field("content"), start=at, end=at + 20,
                                    text=text[at:at + 20])]
                todo.append(s)
            if todo:
                repo.store_sheets(todo, "benchmark")
    finally:
        db.close()


def database(data: Path, n: int) -> Path:
    """The generated year of ``n`` sheets, marked (made once, then reused)."""
    from benchmarks.datagen import database as generated

    folder = data / "export"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"year-{n}.db"
    done = path.with_suffix(".marked")
    if not done.exists():
        generated(path, n)
        _mark_sheets(path)
        done.write_text("marked\n")
    return path


def child(db: Path, fmt: str, audience: str) -> dict:
    """One export in this process: seconds, seconds of the leak check, peak memory."""
    from desktop.app import export as app_export
    from desktop.store.database import open_database
    from desktop.store.repository import Repository

    checking: list[float] = []
    checking_cpu: list[float] = []
    original = app_export.leak_verifier

    def timed_verifier(*args, **kwargs):
        verify = original(*args, **kwargs)

        def timed(temp):
            t0, c0 = time.perf_counter(), time.process_time()
            try:
                verify(temp)
            finally:
                checking.append(time.perf_counter() - t0)
                checking_cpu.append(time.process_time() - c0)
        return timed

    app_export.leak_verifier = timed_verifier
    database_ = open_database(db)
    try:
        repo = Repository(database_)
        with tempfile.TemporaryDirectory() as tmp:
            out = Path(tmp) / f"report.{fmt}"
            t0 = time.perf_counter()
            result = app_export.export_report(repo, fmt, out, audience=audience,
                                              selection=app_export.Selection(year=2025), include_unaccepted=True)
            seconds = time.perf_counter() - t0
            size = out.stat().st_size
            keep = os.environ.get("SESAKU_BENCH_KEEP")
            if keep:
                import shutil

                shutil.copyfile(out, Path(keep) / f"{audience}.{fmt}")
    finally:
        database_.close()
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return {"seconds": seconds, "check_seconds": sum(checking), "check_cpu_seconds": sum(checking_cpu),
            "sheets": result.sheet_count, "bytes": size,
            "cpu_seconds": usage.ru_utime + usage.ru_stime,    # of the whole process: a loaded machine's wall
            "peak_rss_mb": usage.ru_maxrss / 1024}             # clock stretches, this does not much


def spawn(db: Path, fmt: str, audience: str) -> dict:
    done = subprocess.run([sys.executable, "-m", "benchmarks.bench_export_scale", "--child", str(db), fmt, audience],
                          capture_output=True, text=True, cwd=ROOT, timeout=1800)
    if done.returncode != 0:
        raise RuntimeError(f"export {fmt} {audience} exited {done.returncode}:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def measure(data: Path, sizes: list[int], progress=print) -> dict[int, dict[str, dict]]:
    """``{n: {"docx public": {...}, "docx internal": {...}, "xlsx public": ..., "xlsx internal": ...}}``."""
    out: dict[int, dict[str, dict]] = {}
    for n in sizes:
        db = database(data, n)
        for fmt in ("xlsx", "docx"):
            for audience in ("internal", "public"):
                progress(f"  {n:,} sheets, {fmt} {audience} …")
                out.setdefault(n, {})[f"{fmt} {audience}"] = spawn(db, fmt, audience)
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scale", type=int, default=6000, help="sheets in the year (also measured at half)")
    parser.add_argument("--data", type=Path, default=ROOT / "build" / "bench")
    parser.add_argument("--child", nargs=3, metavar=("DB", "FORMAT", "AUDIENCE"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        db, fmt, audience = args.child
        print(json.dumps(child(Path(db), fmt, audience)))
        return 0
    half, full = args.scale // 2, args.scale
    r = measure(args.data, [half, full], progress=lambda m: print(m, file=sys.stderr, flush=True))
    print(f"{'export':18} {'sheets':>7} {'seconds':>8} {'cpu s':>8} {'check s':>8} {'check cpu':>9} "
          f"{'peak MB':>8} {'growth':>7}")
    for key in r[full]:
        for n in (half, full):
            x = r[n][key]
            growth = f"x{x['seconds'] / r[half][key]['seconds']:.2f}" if n == full else ""
            print(f"{key:18} {n:>7,} {x['seconds']:>8.2f} {x['cpu_seconds']:>8.2f} {x['check_seconds']:>8.2f} "
                  f"{x['check_cpu_seconds']:>9.2f} {x['peak_rss_mb']:>8.0f} {growth:>7}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
