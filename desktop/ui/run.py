"""Starting the desktop application: ``sesaku-desk`` without a subcommand lands here."""

from __future__ import annotations

import sys

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication

from desktop.ui.i18n import install_translators
from desktop.ui.settings import APPLICATION, ORGANIZATION, Settings


def run_gui(db_target: str | None = None) -> int:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationName(APPLICATION)
    settings = Settings()
    translators = install_translators(app, settings.language)
    app.setApplicationDisplayName(QCoreApplication.translate("run", "施策デスク"))

    from desktop.ui.app import Application

    application = Application(settings)
    application.window.show()
    application.start(db_target)
    code = app.exec()
    application.shutdown()
    del translators
    return code
