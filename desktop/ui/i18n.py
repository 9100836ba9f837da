"""Loading the interface language.

The source strings inside ``tr()`` are written in Japanese, the language the
application ships in: with no translator installed the UI is Japanese, so a
missing or broken translation file can never leave staff with an English or
empty screen. English is ``resources/translations/sesaku_en.qm``, compiled from
``sesaku_en.ts`` (``pyside6-lupdate`` collects the strings, ``pyside6-lrelease``
compiles them). Qt's own strings (dialog buttons) come from Qt's qtbase files.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from desktop.paths import resources_dir

APP_CATALOG = "sesaku"


def translations_dir():
    return resources_dir() / "translations"


def install_translators(app: QCoreApplication, language: str) -> list[QTranslator]:
    """Install the translators of a language; returns them (keep them alive)."""
    installed: list[QTranslator] = []
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    qt_base = QTranslator(app)
    if qt_base.load(f"qtbase_{language}", qt_dir):
        app.installTranslator(qt_base)
        installed.append(qt_base)
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

