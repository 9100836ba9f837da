"""Starting the desktop application: ``sesaku-desk`` without a subcommand lands here."""

from __future__ import annotations

import sys

from PySide6.QtCore import QCoreApplication, QTranslator
from PySide6.QtWidgets import QApplication

from desktop.ui.i18n import install_translators
from desktop.ui.settings import APPLICATION, ORGANIZATION, Settings


def qt_application() -> QApplication:
    """The one QApplication, named so that QSettings finds the staff member's settings."""
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationName(APPLICATION)
    return app


def install_language(app: QApplication, settings: Settings) -> list[QTranslator]:
    """Translators of the chosen language (keep the list alive) and the translated display name."""
    translators = install_translators(app, settings.language)
    app.setApplicationDisplayName(QCoreApplication.translate("run", "施策デスク"))
    return translators


def run_gui(db_target: str | None = None) -> int:
    from desktop.logs import setup_logging
    from desktop.ui.error_dialog import install_error_handling

    setup_logging()

    from desktop.reports.partials import remove_leftovers

    remove_leftovers()          # temporary report files of an export killed last time (withheld text inside)
    app = qt_application()
    settings = Settings()
    translators = install_language(app, settings)

    from desktop.ui.app import Application

    reporter = install_error_handling()   # before the window: an error building it is logged too
    survey = None
    while True:
        application = Application(settings, survey)
        reporter.parent_widget = lambda: application.window
        application.window.show()
        application.start(db_target)
        code = app.exec()
        application.shutdown()
        if application.switch_to is None:
            break
        # 調査票 > 切り替え (or a newer version): the next window is built for that definition, same database
        survey, db_target = application.switch_to
        application.window.deleteLater()
    del translators, reporter
    return code
