"""A heavy sheet's first paint: 30 KPIs (10 実施項目 of 3) and 20 citations, opened from the list.

Run: .venv/bin/python benchmarks/bench_heavy_sheet.py [--json] [--profile]

Timed from asking the window to open the sheet until the editor's page has
painted, the first time such a sheet is shown (the editor holds a light
sheet before, so no KPI row can be reused). The peer is the floor for the
same texts: the sheet loaded and its texts, its KPIs' values and its
citations set into bare widgets (a QPlainTextEdit per field, a QLineEdit
per KPI value, a QLabel per citation list) in one scrolling column, shown
once. Target (issue 22): under 100 ms. Background work (indexing the seeds of
the new database) is waited for first. The GUI thread's CPU time is printed
beside the wall clock: on a shared machine the wall clock also counts other
processes' turns. ``--profile`` prints cProfile's view of the first heavy
paint (the cards built after the paint left out).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings  # noqa: E402
from PySide6.QtWidgets import (  # noqa: E402
    QApplication,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from benchmarks.datagen import make_realistic_sheet, seed_sentences  # noqa: E402
from desktop.store.database import open_database  # noqa: E402
from desktop.store.repository import Repository  # noqa: E402
from desktop.survey.sheet import CitationData, ItemData, KpiData, SheetData  # noqa: E402
from desktop.ui.first_paint import PaintProbe  # noqa: E402

TARGET_MS = 100


class CpuPaintProbe(PaintProbe):
    """A PaintProbe that also notes this thread's CPU time at the paint: on a shared machine the wall clock
    counts the other processes' turns too, the CPU time only ours."""

    cpu_at: float | None = None

    def _done(self) -> None:
        self.cpu_at = time.thread_time()
        super()._done()
ITEMS, KPIS_PER_ITEM, CITATIONS = 10, 3, 20
CITED_FIELDS = ("content", "background", "outcome", "results", "issues")


def heavy_sheet(survey, seed: int = 11, year: int = 2025, items: int = ITEMS, citations: int = CITATIONS) -> SheetData:
    """A realistic sheet grown to ITEMS x KPIS_PER_ITEM KPIs and CITATIONS citations over its text fields."""
    rng = random.Random(seed)
    sentences = seed_sentences()
    sheet = make_realistic_sheet(rng, survey, sentences, year, 1)
    sheet.items = [ItemData(title=rng.choice(sentences)[:40], kpis=[KpiData(
        indicator=rng.choice(sentences)[:30], unit=rng.choice(["件", "人", "%", "社"]),
        baseline_value=str(rng.randint(0, 50)), baseline_year=year - 4, target_value=str(rng.randint(60, 200)),
        target_year=year + 5, data_source="所管課調べ",
        actuals={y: str(rng.randint(0, 100)) for y in range(year - 3, year + 1)}) for _ in range(KPIS_PER_ITEM)])
        for _ in range(items)]
    sheet.marks = [m for m in sheet.marks if m.part.kind != "kpi"]
    sheet.citations = []
    for n in range(citations):
        key = CITED_FIELDS[n % len(CITED_FIELDS)]
        text = sheet.fields[key]
        sheet.citations.append(CitationData(field_key=key, passage_id=None, quoted_text=rng.choice(sentences),
                                            reference=f"出典{n + 1}：知的財産戦略推進事務局「論点」（令和7年11月）",
                                            locator=f"第{n + 1}", position=len(text) * (n // 5 + 1) // 5))
    return sheet


def make_database(path: Path, items: int = ITEMS, citations: int = CITATIONS) -> tuple[int, int]:
    """The heavy sheet and a light one (opened first, so the editor is laid out but holds no KPI rows to reuse)."""
    db = open_database(path)
    try:
        repo = Repository(db)
        rng = random.Random(3)
        light = make_realistic_sheet(rng, repo.survey, seed_sentences(), 2025, 2)
        light.items = light.items[:1]
        light.items[0].kpis = light.items[0].kpis[:1]
        saved = repo.save_sheets([heavy_sheet(repo.survey, items=items, citations=citations), light], author="benchmark")
        return saved[0].id, saved[1].id
    finally:
        db.close()


def ours(path: Path, heavy: int, light: int, work: Path, profile: bool = False) -> dict:
    from desktop.ui.app import Application
    from desktop.ui.settings import Settings

    application = Application(Settings(QSettings(str(work / "bench.ini"), QSettings.Format.IniFormat)))
    window, editor = application.window, application.window.editor
    window.resize(1500, 900)
    window.show()
    application.start(str(path))
    app = QApplication.instance()
    deadline = time.perf_counter() + 60
    while application.workspace.services is None and time.perf_counter() < deadline:
        app.processEvents()

    def settle() -> None:
        """Wait for background work (indexing the seeds of a new database, saves, counts) to finish: it would
        share the GUI thread's interpreter with what is measured."""
        end = time.perf_counter() + 120
        while not (application.writer.is_idle() and application.reader.is_idle()) and time.perf_counter() < end:
            app.processEvents()
            time.sleep(0.01)

    settle()
    probe = CpuPaintProbe(editor.scroll.widget())
    cpu: list[float] = []

    def show(sheet_id: int) -> float:
        probe.arm()
        t0, c0 = time.perf_counter(), time.thread_time()
        application.workspace.open_sheet(sheet_id)
        wall = (probe.wait() - t0) * 1000
        cpu.append((probe.cpu_at - c0) * 1000)
        return wall

    show(light)   # the editor's first layout is not this sheet's
    settle()
    profiler = None
    if profile:
        import cProfile

        profiler = cProfile.Profile()
        # the cards built after the paint (in the same processEvents call) are not part of the figure
        editor.kpi_editor.build_when_idle = lambda: None
        profiler.enable()
    first = show(heavy)
    if profiler is not None:
        profiler.disable()
        import pstats

        pstats.Stats(profiler).sort_stats(os.environ.get("BENCH_SORT", "cumulative")).print_stats(45)
        del editor.kpi_editor.build_when_idle
    # Let the rest of the rows come (idle slices), then measure a revisit after another sheet.
    deadline = time.perf_counter() + 30
    kpis = editor.kpi_editor
    while time.perf_counter() < deadline and not _all_built(kpis):
        app.processEvents()
    show(light)
    settle()
    again = show(heavy)
    window.close()
    application.shutdown()
    return {"first": first, "again": again, "first_cpu": cpu[1], "again_cpu": cpu[3]}


def _all_built(kpi_editor) -> bool:
    probe = getattr(kpi_editor, "all_built", None)
    return probe() if callable(probe) else True



def peer(path: Path, heavy: int) -> tuple[float, float]:
    """The same texts into bare widgets: what showing them costs at the least."""
    db = open_database(path, create=False)
    try:
        repo = Repository(db)
        t0, c0 = time.perf_counter(), time.thread_time()
        sheet = repo.get_sheet(heavy)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        page = QWidget()
        column = QVBoxLayout(page)
        for key, text in sheet.fields.items():
            edit = QPlainTextEdit()
            edit.setPlainText(text)
            column.addWidget(edit)
        for item in sheet.items:
            column.addWidget(QLineEdit(item.title))
            for kpi in item.kpis:
                for value in (kpi.indicator, kpi.unit, kpi.baseline_value, kpi.target_value, kpi.data_source,
                              kpi.actual(sheet.fiscal_year)):
                    column.addWidget(QLineEdit(value or ""))
        for key in CITED_FIELDS:
            column.addWidget(QLabel("<br/>".join(f"[{n}] {c.reference}「{c.quoted_text}」"
                                                 for n, c in enumerate(sheet.citations, 1) if c.field_key == key)))
        scroll.setWidget(page)
        probe = CpuPaintProbe(page)
        probe.arm()
        scroll.resize(1456, 800)
        scroll.show()
        painted = probe.wait()
        scroll.close()
        return (painted - t0) * 1000, (probe.cpu_at - c0) * 1000
    finally:
        db.close()


def measure(runs: int = 3, profile: bool = False, items: int = ITEMS, citations: int = CITATIONS) -> dict:
    app = QApplication.instance() or QApplication([])  # noqa: F841
    firsts, agains, peers, cpus, peer_cpus = [], [], [], [], []
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        path = work / "heavy.db"
        heavy, light = make_database(path, items, citations)
        peer(path, heavy)   # warms Qt's fonts and styles for both sides alike
        for i in range(runs):
            wall, cpu = peer(path, heavy)
            peers.append(wall)
            peer_cpus.append(cpu)
            f = ours(path, heavy, light, work, profile=profile and i == 0)
            firsts.append(f["first"])
            agains.append(f["again"])
            cpus.append(f["first_cpu"])
    return {"first_paint": statistics.median(firsts), "first_paints": firsts, "again": statistics.median(agains),
            "peer": statistics.median(peers), "peers": peers, "first_paint_cpu": statistics.median(cpus),
            "peer_cpu": statistics.median(peer_cpus)}


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--items", type=int, default=ITEMS, help=f"実施項目 of {KPIS_PER_ITEM} KPIs each")
    parser.add_argument("--citations", type=int, default=CITATIONS)
    parser.add_argument("--json", action="store_true", help="print the figures as one JSON line (make bench)")
    parser.add_argument("--profile", action="store_true", help="cProfile the first heavy paint of the first run")
    args = parser.parse_args()
    f = measure(args.runs, args.profile, args.items, args.citations)
    if args.json:
        print(json.dumps(f))
        return 0
    print(f"{'measure':<52}{'Sesaku Desk':>12}{'peer':>10}{'target':>8}")
    what = f"heavy sheet first paint ({args.items * KPIS_PER_ITEM} KPIs, {args.citations} citations), ms"
    print(f"{what:<52}{f['first_paint']:>12.0f}{f['peer']:>10.0f}"
          f"{TARGET_MS:>8}")
    print(f"{'  the same, CPU time of the GUI thread, ms':<52}{f['first_paint_cpu']:>12.0f}{f['peer_cpu']:>10.0f}")
    print(f"{'heavy sheet again after another sheet, ms':<52}{f['again']:>12.0f}")
    print(f"  runs: {', '.join(f'{x:.0f}' for x in f['first_paints'])}; peer runs: "
          f"{', '.join(f'{x:.0f}' for x in f['peers'])}")
    print("target met" if f["first_paint"] < TARGET_MS else "TARGET MISSED")
    return 0


if __name__ == "__main__":
    sys.exit(main())
