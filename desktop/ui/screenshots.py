"""Screenshots of the main window with the sample data, for the README.

    python -m desktop.ui.screenshots docs/screenshots

Runs offscreen (set QT_QPA_PLATFORM to override) on a throw-away database
built from the demo; Japanese text needs CJK fonts installed (fonts-noto-cjk).
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

WIDTH, HEIGHT = 1600, 1000
_translators: list = []   # installed once per process, kept alive


def _settle(app, application, ms: int = 200) -> None:
    from PySide6.QtTest import QTest

    application.writer.wait_idle()
    application.reader.wait_idle()
    QTest.qWait(ms)
    app.processEvents()


def demo_application():
    """The QApplication and the main window on a throw-away demo database, settled (offscreen)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QSettings
    from PySide6.QtGui import QFont
    from PySide6.QtWidgets import QApplication

    from desktop.ui.app import Application
    from desktop.ui.run import install_language
    from desktop.ui.settings import Settings

    app = QApplication.instance() or QApplication([])
    font = QFont("Noto Sans CJK JP")
    font.setPointSize(10)
    app.setFont(font)
    work = Path(tempfile.mkdtemp(prefix="sesaku-shots-"))
    settings = Settings(QSettings(str(work / "settings.ini"), QSettings.Format.IniFormat))
    if not _translators:   # Qt's own buttons (閉じる) as staff see them, like run_gui
        _translators.extend(install_language(app, settings))
    application = Application(settings)
    window = application.window
    window.resize(WIDTH, HEIGHT)
    window.show()
    application.open_database(str(work / "demo.db"), create=True)
    application.build_demo()
    _settle(app, application, 400)
    return app, application


class Shots:
    """Grabs widgets into PNG files under ``out_dir``, each once the application has settled."""

    def __init__(self, app, application, out_dir: Path) -> None:
        self.app, self.application, self.out_dir = app, application, out_dir
        self.written: list[Path] = []

    def save(self, widget, name: str) -> None:
        _settle(self.app, self.application)
        path = self.out_dir / f"{name}.png"
        widget.grab().save(str(path))
        self.written.append(path)

    def close(self) -> list[Path]:
        """Close the window and stop the application's workers; the files written."""
        self.application.window.close()
        self.application.shutdown()
        return self.written


def main(take) -> None:
    """``python -m …`` entry of a screenshot module: its ``take(out_dir)``, files printed."""
    for p in take(Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots")):
        print(p)


def take(out_dir: Path) -> list[Path]:
    from desktop.survey.definition import FieldKind

    out_dir.mkdir(parents=True, exist_ok=True)
    app, application = demo_application()
    window = application.window
    shots = Shots(app, application, out_dir)

    def shot(name: str) -> None:
        shots.save(window, f"main-{name}")

    ws, editor, panel = application.workspace, window.editor, window.source_panel
    repo = application.services.repository()
    sheets = {i: repo.get_sheet(i) for i in application.list_model.ids()}
    kpi_key = application.survey.first_field_of_kind(FieldKind.KPI_ITEMS).key

    def pick(predicate) -> int:
        return next((i for i, s in sheets.items() if predicate(s)), next(iter(sheets)))

    # 1. The editor on a sheet with citations, from the top.
    rich = pick(lambda s: len(s.citations) >= 2 and len(s.all_kpis()) >= 2)
    ws.open_sheet(rich)
    editor.scroll.verticalScrollBar().setValue(0)
    shot("editor")

    # 1b. Its text fields: guidance, counts, citation markers and the sources under the field.
    editor.scroll_to_section(application.survey.title_field)
    shot("editor-text")

    # 2. The KPI editor of the same sheet.
    editor.scroll_to_section(kpi_key)
    shot("kpi-editor")

    # 3. Search, read a passage, cite part of it into 施策が必要となる背景, then open the citation.
    window.show_sources()   # folded away below 1600 px at the start
    text = editor.texts["background"].edit
    text.setFocus()
    cursor = text.textCursor()
    cursor.movePosition(cursor.MoveOperation.End)
    text.setTextCursor(cursor)
    panel.run_search("国際標準 人材")
    _settle(app, application)
    panel.results.setCurrentRow(0)
    _settle(app, application)
    view = application.services.library().passage(panel.current_passage_id())
    panel.select_in_viewer(view.text[: min(48, len(view.text))])
    panel.cite_button.click()
    _settle(app, application)
    uid = ws.doc.placed("background")[-1][0]
    application.sources.open_citation(ws.doc, uid)
    editor.scroll_to_section("background")
    shot("source-panel")

    # 4. Validation: a draft with errors, the first problem selected, and the year's check.
    draft = pick(lambda s: s.status.value == "draft" and not s.fields.get("background"))
    ws.open_sheet(draft)
    ws.check_year()
    _settle(app, application)
    window.validation_panel.tabs.setCurrentIndex(0)
    problems = window.validation_panel.problems()
    if problems:
        window.validation_panel.current.setCurrentItem(window.validation_panel.current.topLevelItem(0))
        editor.focus_problem(problems[0])
        editor.scroll_to_section(problems[0].field)
    shot("validation")
    window.validation_panel.tabs.setCurrentIndex(1)
    shot("validation-year")
    return shots.close()


if __name__ == "__main__":
    main(take)
