"""Loading the interface language.

The source strings inside ``tr()`` are written in Japanese, the language the
application ships in: with no translator installed the UI is Japanese, so a
missing or broken translation file can never leave staff with an English or
empty screen. English is ``resources/translations/sesaku_en.qm``, compiled from
``sesaku_en.ts`` (``pyside6-lupdate`` collects the strings, ``pyside6-lrelease``
compiles them).

Qt's own strings (dialog buttons, Qt's file dialog on Linux, the colour
dialog) come from Qt's ``qtbase_<language>.qm``, shipped with PySide6 (and kept
in the bundle, packaging/sesaku-desk.spec). Qt 6's Japanese file lacks a few
strings of the file dialog (「&Look in:」, 「Files of &type:」, the kind of a
folder); ``qtbase_extra_ja.qm`` beside the app's own translation fills them in.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from desktop.paths import resources_dir

APP_CATALOG = "sesaku"
QT_EXTRA_CATALOG = "qtbase_extra"

log = logging.getLogger(__name__)


def translations_dir():
    return resources_dir() / "translations"


def qt_translation_dirs() -> list[str]:
    """Where Qt's own .qm files may be: Qt's configured folder, then PySide6's (a bundle may not have qt.conf)."""
    dirs = [QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)]
    import PySide6

    package = Path(PySide6.__file__).resolve().parent
    dirs += [str(package / "Qt" / "translations"), str(package / "translations")]
    return list(dict.fromkeys(d for d in dirs if d))


def _load_qt_base(app: QCoreApplication, language: str) -> QTranslator | None:
    for folder in qt_translation_dirs():
        translator = QTranslator(app)
        if translator.load(f"qtbase_{language}", folder):
            return translator
    log.warning("Qt's own translation qtbase_%s.qm was not found in %s", language, qt_translation_dirs())
    return None


def install_translators(app: QCoreApplication, language: str) -> list[QTranslator]:
    """Install the translators of a language; returns them (keep them alive)."""
    installed: list[QTranslator] = []
    qt_base = _load_qt_base(app, language)
    if qt_base is not None:
        app.installTranslator(qt_base)
        installed.append(qt_base)
    qt_extra = QTranslator(app)
    if qt_extra.load(f"{QT_EXTRA_CATALOG}_{language}", str(translations_dir())):
        app.installTranslator(qt_extra)   # installed later, so asked before qtbase
        installed.append(qt_extra)
    if language != "ja":
        own = QTranslator(app)
        if own.load(f"{APP_CATALOG}_{language}", str(translations_dir())):
            app.installTranslator(own)
            installed.append(own)
    QLocale.setDefault(QLocale(QLocale.Language.Japanese if language == "ja" else QLocale.Language.English))
    return installed


def remove_translators(app: QCoreApplication, translators: list[QTranslator]) -> None:
    for t in translators:
        app.removeTranslator(t)

