"""Japanese is the default; English loads from settings; no UI string is left untranslated."""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from desktop.paths import resources_dir
from desktop.ui.i18n import install_translators, remove_translators, translations_dir

UI_SOURCES = Path(__file__).resolve().parents[2] / "desktop" / "ui"


def _menu_titles(app) -> list[str]:
    return [a.text() for a in app.window.menuBar().actions()]


def test_japanese_is_the_default(qtbot, make_app, seeded_db):
    app = make_app(seeded_db)
    assert _menu_titles(app) == ["ファイル(&F)", "編集(&E)", "年度(&Y)", "調査票(&S)", "表示(&V)", "ヘルプ(&H)"]
    assert app.settings.language == "ja"


def test_english_translation_is_loaded_from_settings(qtbot, make_app, seeded_db, settings_factory):
    settings = settings_factory()
    settings.language = "en"
    translators = install_translators(QApplication.instance(), settings.language)
    try:
        app = make_app(seeded_db, settings=settings)
        assert _menu_titles(app) == ["&File", "&Edit", "&Year", "&Survey", "&View", "&Help"]
        assert app.window.actions.new_sheet.text() == "New Sheet"
        # Labels and guidance of the survey are data and stay as the format writes them.
        title = app.survey.field("title")
        assert app.window.editor.sections["title"].title_label.text() == title.label
        assert app.window.editor.sections["title"].findChild(type(app.window.database_label),
                                                            "badgeRequired").text() == "Required"
    finally:
        remove_translators(QApplication.instance(), translators)


def test_choosing_a_language_is_remembered_for_the_next_start(qtbot, make_app, seeded_db, dialogs):
    app = make_app(seeded_db)
    app.window.actions.language_en.trigger()
    assert app.settings.language == "en"
    assert dialogs.of("information")


def _lupdate() -> str | None:
    exe = Path(sys.executable).with_name("pyside6-lupdate")
    return str(exe) if exe.exists() else shutil.which("pyside6-lupdate")


@pytest.mark.skipif(_lupdate() is None, reason="pyside6-lupdate is not installed")
def test_every_ui_string_has_an_english_translation(tmp_path):
    fresh = tmp_path / "fresh.ts"
    sources = sorted(str(p) for p in UI_SOURCES.rglob("*.py"))
    subprocess.run([_lupdate(), *sources, "-ts", str(fresh), "-source-language", "ja", "-target-language", "en",
                    "-silent"], check=True)
    shipped = {}
    for message in ET.parse(translations_dir() / "sesaku_en.ts").iter("message"):
        translation = message.find("translation")
        shipped[message.find("source").text] = (translation.text, translation.get("type"))
    wanted = {m.find("source").text for m in ET.parse(fresh).iter("message")}
    untranslated = sorted(s for s in wanted if not shipped.get(s, (None, None))[0]
                          or shipped[s][1] in ("unfinished", "vanished", "obsolete"))
    assert not untranslated, "run pyside6-lupdate and translate: " + " | ".join(untranslated)
    qm = translations_dir() / "sesaku_en.qm"
    assert qm.exists() and qm.stat().st_mtime >= (translations_dir() / "sesaku_en.ts").stat().st_mtime - 1
    assert resources_dir() in qm.parents
