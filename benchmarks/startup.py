"""Start-up in fresh processes: the real app (``--smoke-test``), a bare window, and the first start of a day.

    .venv/bin/python -m benchmarks.startup [--sheets 60000] [--runs 3] [--data DIR]

The app's start-up is timed from spawn to the first painted list, in a
process of its own (``python -m desktop --db DB --smoke-test``, the path the
bundle's smoke test takes), so every run pays the interpreter start, the
imports and the first paint. The first start of a day is the same start
with today's backup removed beforehand, so that one is due; the process
reports the backup it then took (and when), and a run that took none is an
error, not a fast figure. Run on its own, this prints both starts on a
generated database of ``--sheets`` sheets (60,000 make the 440 MB file the
issue measured); ``make bench`` has the line at its own size.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def spawn(args: list[str]) -> dict:
    """Run a measuring process; its last stdout line is JSON. Adds ``started`` (wall clock at spawn)."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    started = time.time()
    done = subprocess.run([sys.executable, *args], capture_output=True, text=True, env=env, cwd=ROOT,
                          timeout=900)
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(args)} exited {done.returncode}:\n{done.stderr[-2000:]}")
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    seen["started"] = started
    return seen


def _painted(seen: list[dict]) -> tuple[float, float]:
    """Median seconds from spawn to the first painted window, and the largest peak memory (MB)."""
    return (statistics.median(s["window_painted"] - s["started"] for s in seen),
            max(s["peak_rss_mb"] for s in seen))


def app(db: Path, runs: int) -> tuple[float, float]:
    """A start on a day whose backup is already taken."""
    return _painted([spawn(["-m", "desktop", "--db", str(db), "--smoke-test"]) for _ in range(runs)])


def bare_window(runs: int) -> tuple[float, float]:
    return _painted([spawn(["benchmarks/bare_window.py"]) for _ in range(runs)])


def make_backup_due(db: Path) -> None:
    """Remove today's rolling backups of ``db``, so that the next open is the first of the day."""
    from desktop.store import backups

    for old in backups.list_backups(db):
        if old.kind == backups.ROLLING and old.taken_at.date() == date.today():
            old.path.unlink()


def first_of_day(db: Path, runs: int) -> tuple[float, float]:
    """Median seconds to the first painted window with today's backup due, and to that backup done."""
    seen = []
    for _ in range(runs):
        make_backup_due(db)
        run = spawn(["-m", "desktop", "--db", str(db), "--smoke-test"])
        if not run.get("daily_backup"):
            raise RuntimeError(f"the first start of the day took no backup of {db}: {run}")
        seen.append(run)
    return _painted(seen)[0], statistics.median(s["backup_done"] - s["started"] for s in seen)


def main() -> int:
    from benchmarks.datagen import databases

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sheets", type=int, default=60_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--data", type=Path, default=ROOT / "build" / "bench" / "large",
                        help="where the generated database stays (reused by later runs)")
    args = parser.parse_args()
    db = databases(args.data, [args.sheets])[args.sheets]
    later, _mb = app(db, args.runs)
    first, backup_done = first_of_day(db, args.runs)
    size_mb = db.stat().st_size / 1024 / 1024
    print(f"{args.sheets:,} sheets, {size_mb:.0f} MB file; median of {args.runs} fresh processes")
    print(f"{'start-up to first window, first of the day (backup due)':<58}{first:>7.2f} s")
    print(f"{'start-up to first window, later start (backup taken)':<58}{later:>7.2f} s")
    print(f"{'first of the day: spawn to the backup done (off the window)':<58}{backup_done:>7.2f} s")
    print("target: first of the day < 1.5 s" + (" — met" if first < 1.5 else " — MISSED"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
