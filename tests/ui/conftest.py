"""Fixtures that drive the real main window offscreen.

Static dialogs are replaced for every test (a dialog left open would hang the
run); each records its call and returns a scripted answer. Settings live in an
INI file in the test's folder, and every window is closed in teardown, which
also waits for its saves, like a user closing the window.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections import deque  # noqa: E402
from dataclasses import dataclass, field  # noqa: E402

import pytest  # noqa: E402
from PySide6.QtCore import QSettings  # noqa: E402
from PySide6.QtWidgets import QFileDialog, QMessageBox  # noqa: E402

from desktop.ui.dialogs import first_run, mark_reason  # noqa: E402

FAST_AUTOSAVE_MS = 60


@dataclass
class Dialogs:
    """What the code under test asked the user, and what the 'user' answers next."""

    calls: list[tuple[str, str, str]] = field(default_factory=list)
    answers: dict[str, deque] = field(default_factory=dict)

    def answer(self, kind: str, *values) -> None:
        self.answers.setdefault(kind, deque()).extend(values)

    def _next(self, kind: str, default):
        queue = self.answers.get(kind)
        return queue.popleft() if queue else default

    def of(self, kind: str) -> list[tuple[str, str, str]]:
        return [c for c in self.calls if c[0] == kind]

    def messages(self) -> str:
        return "\n".join(f"{k}: {t}: {x}" for k, t, x in self.calls)


@pytest.fixture(autouse=True)
def dialogs(monkeypatch) -> Dialogs:
    log = Dialogs()

    def box(kind: str, default):
        def shown(_parent, title, text, *args, **kwargs):
            log.calls.append((kind, str(title), str(text)))
            return log._next(kind, default)
        return staticmethod(shown)

    ok = QMessageBox.StandardButton.Ok
    monkeypatch.setattr(QMessageBox, "warning", box("warning", ok))
    monkeypatch.setattr(QMessageBox, "critical", box("critical", ok))
    monkeypatch.setattr(QMessageBox, "information", box("information", ok))
    monkeypatch.setattr(QMessageBox, "question", box("question", QMessageBox.StandardButton.No))
    monkeypatch.setattr(QMessageBox, "about", box("about", None))

    def file_dialog(kind: str):
        def shown(_parent=None, caption="", *args, **kwargs):
            log.calls.append((kind, str(caption), ""))
            return log._next(kind, ([], "") if kind == "open_files" else ("", ""))
        return staticmethod(shown)

    monkeypatch.setattr(QFileDialog, "getOpenFileName", file_dialog("open_file"))
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", file_dialog("open_files"))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", file_dialog("save_file"))

    def ask_first_run(database, parent=None):
        log.calls.append(("first_run", database, ""))
        return log._next("first_run", first_run.EMPTY)

    monkeypatch.setattr(first_run, "ask_first_run", ask_first_run)

    def reason_dialog(dialog):
        raise AssertionError(f"a reason dialog opened that the test did not answer: {dialog.objectName()}")

    monkeypatch.setattr(mark_reason, "_ask", reason_dialog)
    return log


@pytest.fixture
def settings_factory(tmp_path):
    from desktop.ui.settings import Settings

    def make(name: str = "settings.ini") -> Settings:
        settings = Settings(QSettings(str(tmp_path / name), QSettings.Format.IniFormat))
        settings.autosave_ms = FAST_AUTOSAVE_MS
        return settings

    return make


@pytest.fixture
def make_app(qtbot, settings_factory):
    """Build the application like run_gui does; every one is closed (and its saves awaited) at teardown."""
    from desktop.ui.app import Application

    built = []

    def make(db_target=None, *, settings=None, start: bool = True, show: bool = True, survey=None):
        application = Application(settings or settings_factory(), survey)
        built.append(application)
        if show:
            application.window.show()
            qtbot.waitExposed(application.window)
            application.window.activateWindow()
            qtbot.waitUntil(application.window.isActiveWindow)
        if start:
            application.start(str(db_target) if db_target is not None else None)
        return application

    yield make
    for application in reversed(built):
        application.window.close()
        application.shutdown()
        application.window.deleteLater()


@pytest.fixture(scope="session")
def _template_databases(tmp_path_factory):
    """A seeded library and a demo database, built once and copied per test."""
    from desktop.samples import build_demo
    from desktop.sources.library import Library
    from desktop.store.database import open_database
    from desktop.store.repository import Repository

    folder = tmp_path_factory.mktemp("templates")
    seeded = folder / "seeded.db"
    db = open_database(seeded)
    Library(db).ensure_seeds()
    db.close()
    demo = folder / "demo.db"
    db = open_database(demo)
    build_demo(Repository(db))
    db.close()
    return {"seeded": seeded, "demo": demo}


@pytest.fixture
def seeded_db(_template_databases, tmp_path):
    """A database whose reference library already holds the seeds (no sheets)."""
    import shutil

    target = tmp_path / "seeded.db"
    shutil.copyfile(_template_databases["seeded"], target)
    return target


@pytest.fixture
def demo_db(_template_databases, tmp_path):
    """A database with the seeds and the sample sheets."""
    import shutil

    target = tmp_path / "demo.db"
    shutil.copyfile(_template_databases["demo"], target)
    return target


@pytest.fixture
def read_repo():
    """Open a database independently of the window, to check what was really stored."""
    from desktop.store.database import open_database
    from desktop.store.repository import Repository

    opened = []

    def open_(path):
        db = open_database(path, create=False)
        opened.append(db)
        return Repository(db)

    yield open_
    for db in opened:
        db.close()
