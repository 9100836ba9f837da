"""Smoke test of the built bundle: it starts, opens the sample database, exports Word and Excel.

    python packaging/smoke_test.py [BUNDLE_DIR] [--start-times RUNS]     (default dist/sesaku-desk)

Runs the bundle's own executable, never the checkout's Python code:

1. ``--version`` and ``--db S demo``: the CLI, the migrations and the demo data;
2. ``--db S sheets list``: the repository reads what it wrote;
3. ``--db S --smoke-test OUT`` offscreen: the GUI opens S, paints the list
   and a sheet, and writes OUT/smoke.docx and OUT/smoke.xlsx through the
   report writers (desktop/ui/smoke.py);
4. ``--db S export …`` when the bundle has the ``export`` command.

The written files are opened with python-docx and openpyxl and must contain
the first sample sheet's title. Prints the start-up time to the first window
and the bundle's size. Exit 0 when everything passed.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TIMEOUT_S = 180


class SmokeFailure(Exception):
    pass


def executable(bundle: Path) -> Path:
    """The console executable of the bundle (on Windows the GUI .exe has no stdout)."""
    for name in ("sesaku-desk-cli.exe", "sesaku-desk.exe", "sesaku-desk"):
        if (bundle / name).exists():
            return bundle / name
    raise SmokeFailure(f"no sesaku-desk executable in {bundle}")


def run(exe: Path, *args: str, expect: int = 0) -> subprocess.CompletedProcess:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONUTF8="1")
    env.pop("PYTHONPATH", None)   # the bundle must not borrow the checkout's modules
    done = subprocess.run([str(exe), *args], capture_output=True, text=True, encoding="utf-8", errors="replace",
                          env=env, timeout=TIMEOUT_S)
    shown = " ".join(args)
    if done.returncode != expect:
        raise SmokeFailure(f"`{exe.name} {shown}` exited {done.returncode}\n{done.stdout}\n{done.stderr}")
    print(f"ok  {exe.name} {shown}")
    return done


def check_reports(docx_path: Path, xlsx_path: Path, title: str) -> None:
    """Both files open, and the first sheet's title is in each."""
    import docx
    import openpyxl

    text = "\n".join(p.text for p in docx.Document(str(docx_path)).paragraphs)
    if title not in text:
        raise SmokeFailure(f"{docx_path.name} does not contain 「{title}」")
    book = openpyxl.load_workbook(xlsx_path, read_only=True)
    cells = [str(v) for row in book.worksheets[0].iter_rows(values_only=True) for v in row if v is not None]
    book.close()
    if not any(title in c for c in cells):
        raise SmokeFailure(f"{xlsx_path.name} does not contain 「{title}」")
    print(f"ok  {docx_path.name} and {xlsx_path.name} open and contain 「{title}」")


def gui_run(exe: Path, db: str, *outdir: str) -> tuple[float, dict]:
    """The GUI in smoke-test mode: the wall-clock time it was started, and what it reported."""
    started = time.time()
    done = run(exe, "--db", db, "--smoke-test", *outdir)
    return started, json.loads(done.stdout.strip().splitlines()[-1])


def drop_caches() -> bool:
    """Empty the OS file cache (Linux, as root), so the next start reads the bundle from disk."""
    try:
        os.sync()
        Path("/proc/sys/vm/drop_caches").write_text("3\n")
        return True
    except OSError:
        return False


def start_times(bundle: Path, runs: int) -> dict[str, float | bool]:
    """Median seconds to the first window: cold (file cache dropped before each run) and warm."""
    exe = executable(bundle)
    with tempfile.TemporaryDirectory() as tmp:
        db = str(Path(tmp) / "sample.db")
        run(exe, "--db", db, "demo")
        cold, warm, dropped = [], [], True
        for _ in range(runs):
            dropped = drop_caches() and dropped
            started, seen = gui_run(exe, db)
            cold.append(seen["window_painted"] - started)
            started, seen = gui_run(exe, db)
            warm.append(seen["window_painted"] - started)
    return {"cold_s": statistics.median(cold), "warm_s": statistics.median(warm), "caches_dropped": dropped}


def first_title(listing: str) -> str:
    """A sheet title out of ``sheets list --json`` output, or the plain listing's first data line."""
    try:
        rows = json.loads(listing)
        return rows[0]["title"]
    except (ValueError, KeyError, IndexError, TypeError):
        raise SmokeFailure(f"cannot read the sheet list:\n{listing[:500]}") from None


def folder_size_mb(folder: Path) -> float:
    return sum(p.lstat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink()) / 1e6


def smoke(bundle: Path) -> dict:
    exe = executable(bundle)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        db = str(work / "smoke.db")
        run(exe, "--version")
        run(exe, "--db", db, "demo")
        title = first_title(run(exe, "--db", db, "sheets", "list", "--json").stdout)
        started, seen = gui_run(exe, db, str(work / "gui"))
        if seen["rows"] < 1:
            raise SmokeFailure("the list showed no sheets")
        if seen.get("qt_japanese") != ["戻る", "場所(&L):"]:
            raise SmokeFailure(f"Qt's own dialogs are not in Japanese (qtbase_ja.qm missing?): {seen.get('qt_japanese')}")
        check_reports(work / "gui" / "smoke.docx", work / "gui" / "smoke.xlsx", title)
        if subprocess.run([str(exe), "export", "--help"], capture_output=True).returncode == 0:
            run(exe, "--db", db, "export", "docx", "--out", str(work / "cli.docx"))
            run(exe, "--db", db, "export", "xlsx", "--out", str(work / "cli.xlsx"))
            check_reports(work / "cli.docx", work / "cli.xlsx", title)
        else:
            print("--  the bundle has no `export` command yet; exports checked through the GUI path only")
        return {"window_s": seen["window_painted"] - started, "sheet_s": seen["sheet_painted"] - started,
                "peak_rss_mb": seen.get("peak_rss_mb"), "size_mb": folder_size_mb(bundle)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("bundle", nargs="?", type=Path, default=ROOT / "dist" / "sesaku-desk")
    parser.add_argument("--start-times", type=int, metavar="RUNS", default=0,
                        help="then time RUNS cold and warm starts to the first window (docs/benchmarks.md)")
    args = parser.parse_args()
    bundle = args.bundle
    try:
        figures = smoke(bundle)
    except (SmokeFailure, subprocess.TimeoutExpired, KeyError, ValueError) as exc:
        print(f"SMOKE TEST FAILED: {exc}", file=sys.stderr)
        return 1
    rss = f", peak memory {figures['peak_rss_mb']:.0f} MB" if figures["peak_rss_mb"] else ""
    print(f"smoke test passed: first window {figures['window_s']:.2f} s, sheet shown {figures['sheet_s']:.2f} s"
          f"{rss}; bundle {figures['size_mb']:.0f} MB")
    if args.start_times:
        t = start_times(bundle, args.start_times)
        how = "file cache dropped before each" if t["caches_dropped"] else "file cache could NOT be dropped"
        print(f"start to first window (median of {args.start_times}): cold {t['cold_s']:.2f} s ({how}), "
              f"warm {t['warm_s']:.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
