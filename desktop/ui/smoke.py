"""The hidden ``--smoke-test`` mode: the real start-up path, once, with no one at the screen.

The packaging smoke test (packaging/smoke_test.py) runs it inside the built
bundle to prove that Qt, the translations, the survey definition, the
migrations and both report writers made it into the bundle; the start-up and
memory benchmarks run it to time the first window (and, on the first start
of a day, when the day's backup is done: ``daily_backup``). It uses a throwaway
settings file, so a staff member's window layout and recent files are never
touched, and prints one JSON line of what it saw.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time
from pathlib import Path


def peak_rss_mb() -> float | None:
    """The most memory this process has held so far (None where the OS does not say)."""
    try:
        import resource
    except ImportError:  # Windows: no getrusage
        return None
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 1024 / (1024 if sys.platform == "darwin" else 1)


def _export(application, outdir: Path) -> list[str]:
    """Word and Excel of every sheet, through the export staff use (selection, model, writers, leak check)."""
    from desktop.app.export import export_report

    outdir.mkdir(parents=True, exist_ok=True)
    repo = application.services.repository()
    return [str(export_report(repo, fmt, outdir / f"smoke.{fmt}").path) for fmt in ("docx", "xlsx")]


def _wait(done, timeout_s: float = 120) -> None:
    from PySide6.QtCore import QCoreApplication

    deadline = time.perf_counter() + timeout_s
    while not done() and time.perf_counter() < deadline:
        QCoreApplication.processEvents()


def run_smoke(db_target: str | None, outdir: str | None) -> int:
    """Open ``db_target`` in the main window, wait for the list and a sheet to paint, optionally export."""
    if not db_target:
        print("エラー: --smoke-test には --db でデータベースを指定してください。", file=sys.stderr)
        return 2
    if "://" not in db_target and not Path(db_target).is_file():
        # checked here: the GUI would answer with a modal message box, which nobody closes offscreen
        print(f"エラー: データベースがありません: {db_target}", file=sys.stderr)
        return 1
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    wall = time.time() - time.perf_counter()   # perf_counter → wall clock, comparable across processes

    from PySide6.QtCore import QCoreApplication, QSettings

    from desktop.ui.app import Application
    from desktop.ui.first_paint import PaintProbe
    from desktop.ui.run import install_language, qt_application
    from desktop.ui.settings import Settings

    app = qt_application()
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(QSettings(str(Path(tmp) / "smoke.ini"), QSettings.Format.IniFormat))
        translators = install_language(app, settings)
        application = Application(settings)
        window = application.window
        list_probe = PaintProbe(window.list_view.table.viewport(), lambda: application.list_model.rowCount() > 0)
        first_probe = PaintProbe(window.list_view.table.viewport())
        list_probe.arm()
        first_probe.arm()
        window.resize(1280, 800)
        window.show()
        if not application.start(db_target):
            print(f"エラー: データベースを開けませんでした: {db_target}", file=sys.stderr)
            return 1
        seen: dict[str, object] = {"window_painted": wall + first_probe.wait(),
                                   "list_painted": wall + list_probe.wait(),
                                   "rows": application.list_model.rowCount(),
                                   # Qt's own Japanese (qtbase_ja and its supplement) made it into the bundle
                                   "qt_japanese": [QCoreApplication.translate("QFileDialog", text)
                                                   for text in ("Back", "&Look in:")]}
        editor_probe = PaintProbe(window.editor.scroll.widget())
        editor_probe.arm()
        window.list_view.select_sheet(application.list_model.sheet_id(0))
        seen["sheet_painted"] = wall + editor_probe.wait()
        _wait(lambda: not application.daily_backup.busy)   # the first start of the day copies the file
        seen["backup_done"] = wall + time.perf_counter()
        backup = application.services.db.daily_backup
        seen["daily_backup"] = str(backup) if backup else None
        if outdir:
            seen["exported"] = _export(application, Path(outdir))
        seen["peak_rss_mb"] = peak_rss_mb()
        window.close()
        application.shutdown()
        del translators
    print(json.dumps(seen, ensure_ascii=False), flush=True)
    return 0
