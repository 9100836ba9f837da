"""The main window over 10,000 sheets: first paint of the list, scrolling, switching sheets.

Run: .venv/bin/python benchmarks/bench_gui.py [--sheets 10000] [--reuse PATH]

Measured in the same run against a baseline that does the least possible
with the same rows: a bare QTableView over a QStandardItemModel filled with
every row (``Repository.list_sheets``), and, for switching, loading the sheet
and setting its texts into bare QPlainTextEdits. Targets: first paint of the
list under 1 s, switching sheets under 50 ms.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings  # noqa: E402
from PySide6.QtGui import QStandardItem, QStandardItemModel  # noqa: E402
from PySide6.QtWidgets import QApplication, QPlainTextEdit, QTableView, QVBoxLayout, QWidget  # noqa: E402

from benchmarks.datagen import database  # noqa: E402
from desktop.store.database import open_database  # noqa: E402
from desktop.store.repository import Repository, SheetFilter  # noqa: E402
from desktop.survey.wareki import format_fiscal_year  # noqa: E402
from desktop.ui.app import Application  # noqa: E402
from desktop.ui.first_paint import PaintProbe, show_painted  # noqa: E402
from desktop.ui.settings import Settings  # noqa: E402

TARGET_FIRST_PAINT_MS = 1000
TARGET_SWITCH_MS = 50


def app_first_paint(app: QApplication, path: Path, work: Path) -> tuple[float, Application]:
    t0 = time.perf_counter()
    application = Application(Settings(QSettings(str(work / "bench.ini"), QSettings.Format.IniFormat)))
    table = application.window.list_view.table
    probe = PaintProbe(table.viewport(), lambda: application.list_model.rowCount() > 0)
    probe.arm()
    application.window.resize(1500, 900)
    application.window.show()
    application.open_database(str(path))
    painted = probe.wait()
    return (painted - t0) * 1000, application


def baseline_first_paint(app: QApplication, path: Path) -> float:
    t0 = time.perf_counter()
    db = open_database(path, create=False)
    repo = Repository(db)
    rows = repo.list_sheets(SheetFilter(survey_key=repo.survey.key), order="updated_at", descending=True)
    model = QStandardItemModel(len(rows), 6)
    for r, row in enumerate(rows):
        for c, value in enumerate((format_fiscal_year(row.fiscal_year), row.ministry, row.classification or "",
                                   row.title, row.status.label, str(row.updated_at))):
            model.setItem(r, c, QStandardItem(value))
    view = QTableView()
    view.setModel(model)
    painted = show_painted(view, view.viewport(), (600, 800))
    view.close()
    db.close()
    return (painted - t0) * 1000


def scroll_frames(app: QApplication, application: Application, steps: int = 60) -> list[float]:
    """Page down through the whole list: the time each page takes to show."""
    table = application.window.list_view.table
    bar = table.verticalScrollBar()
    probe = PaintProbe(table.viewport())
    frames = []
    for i in range(1, steps + 1):
        probe.arm()
        t0 = time.perf_counter()
        bar.setValue(bar.maximum() * i // steps)
        frames.append((probe.wait() - t0) * 1000)
    bar.setValue(0)
    return frames


def switch_times(app: QApplication, application: Application, count: int) -> tuple[list[float], list[float]]:
    """Selecting sheets in the list until the editor has painted them: first visits, then revisits."""
    view, editor = application.window.list_view, application.window.editor
    probe = PaintProbe(editor.scroll.widget())
    ids = [application.list_model.sheet_id(r) for r in range(count)]

    def visit(sheet_id: int) -> float:
        probe.arm()
        t0 = time.perf_counter()
        view.select_sheet(sheet_id)
        return (probe.wait() - t0) * 1000

    visit(ids[-1])   # the editor's first layout is not a switch
    first = [visit(i) for i in ids[:-1]]
    again = [visit(i) for i in ids[:-1]]
    return first, again


def baseline_switch(app: QApplication, path: Path, ids: list[int], keys: list[str]) -> list[float]:
    db = open_database(path, create=False)
    repo = Repository(db)
    widget = QWidget()
    layout = QVBoxLayout(widget)
    edits = {k: QPlainTextEdit() for k in keys}
    for e in edits.values():
        layout.addWidget(e)
    widget.resize(700, 900)
    widget.show()
    probe = PaintProbe(widget)
    times = []
    for sheet_id in ids:
        probe.arm()
        t0 = time.perf_counter()
        sheet = repo.get_sheet(sheet_id)
        for k, e in edits.items():
            e.setPlainText(sheet.text(k))
        widget.update()
        times.append((probe.wait() - t0) * 1000)
    widget.close()
    db.close()
    return times


def measure(app: QApplication, path: Path, work: Path, switches: int = 21) -> dict:
    """Every figure of this benchmark over the database at ``path`` (milliseconds), baselines first."""
    base_paint = baseline_first_paint(app, path)
    ours_paint, application = app_first_paint(app, path, work)
    rows = application.list_model.rowCount()
    frames = scroll_frames(app, application)
    first, again = switch_times(app, application, switches)
    keys = [f.key for f in application.survey.text_fields]
    base_switch = baseline_switch(app, path, application.list_model.ids()[:switches - 1], keys)
    application.window.close()
    application.shutdown()
    return {"rows": rows, "first_paint": ours_paint, "base_first_paint": base_paint, "frames": frames,
            "switch_first": first, "switch_again": again, "base_switch": base_switch,
            "switch_median": statistics.median(first), "base_switch_median": statistics.median(base_switch)}


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sheets", type=int, default=10_000)
    parser.add_argument("--reuse", type=Path, help="keep the generated database here and reuse it next time")
    parser.add_argument("--switches", type=int, default=21)
    parser.add_argument("--json", action="store_true", help="print the figures as one JSON line (make bench)")
    args = parser.parse_args()
    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        path = args.reuse or work / "bench.db"
        database(path, args.sheets)
        f = measure(app, path, work, args.switches)
    if args.json:
        print(json.dumps(f))
        return 0
    frames, first, again, base_switch = f["frames"], f["switch_first"], f["switch_again"], f["base_switch"]
    ours_paint, base_paint = f["first_paint"], f["base_first_paint"]
    print(f"rows in the list: {f['rows']}")
    print(f"{'measure':<44}{'Sesaku Desk':>14}{'baseline':>12}{'target':>10}")
    print(f"{'first paint of the list (ms)':<44}{ours_paint:>14.0f}{base_paint:>12.0f}"
          f"{TARGET_FIRST_PAINT_MS:>10}")
    print(f"{'scrolling: median / worst page (ms)':<44}"
          f"{statistics.median(frames):>7.1f} / {max(frames):<5.1f}{'':>12}{'':>10}")
    print(f"{'switch sheet, first visit: median (ms)':<44}{statistics.median(first):>14.1f}"
          f"{statistics.median(base_switch):>12.1f}{TARGET_SWITCH_MS:>10}")
    print(f"{'switch sheet, first visit: worst (ms)':<44}{max(first):>14.1f}{max(base_switch):>12.1f}")
    print(f"{'switch sheet, revisit: median (ms)':<44}{statistics.median(again):>14.1f}")
    ok = ours_paint < TARGET_FIRST_PAINT_MS and statistics.median(first) < TARGET_SWITCH_MS
    print("targets met" if ok else "TARGETS MISSED")
    return 0


if __name__ == "__main__":
    sys.exit(main())
