"""One dialog for an error nobody expected, and the hooks that bring every such error to it.

An exception that escapes a slot, a thread or the event loop is logged with
its traceback (desktop/logs.py) and shown to the person once, modal, in
Japanese: what happened, where the log file is, and 「詳細をコピー」, which
puts the traceback, the version and the log's location on the clipboard to
paste into a mail to support. Errors that follow while the dialog is open
only add to its details; they do not stack up more dialogs (Anki's
aqt/errors.py works the same way). Qt's own warnings go to the log.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, Qt, QtMsgType, Signal, qInstallMessageHandler
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (QApplication, QDialog, QDialogButtonBox, QLabel, QPlainTextEdit, QPushButton,
                               QVBoxLayout, QWidget)

from desktop import logs
from desktop.store import failures

qt_log = logging.getLogger("qt")


class ErrorDialog(QDialog):
    def __init__(self, details: str, parent: QWidget | None = None, store_message: str | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("errorDialog")
        self.setWindowModality(Qt.WindowModality.ApplicationModal)
        self.details = details
        if store_message is None:
            self.setWindowTitle(self.tr("予期しないエラー"))
            text = self.tr(
                "予期しないエラーが発生しました。入力した内容は自動で保存されますが、念のため作業中のシートを確認してください。"
                "\n\n問題が続く場合は「詳細をコピー」を押し、メールなどに貼り付けて管理者（サポート窓口）に送ってください。")
        else:   # the database failed under an action that did not expect it: say what failed, not "a bug"
            self.setWindowTitle(self.tr("データベースのエラー"))
            text = self.tr("{0}\n\n入力した内容は画面に残っています。問題が続く場合は「詳細をコピー」を押し、"
                           "管理者（サポート窓口）に送ってください。").format(store_message)
        message = QLabel(text, objectName="errorMessage")
        message.setWordWrap(True)
        self.log_label = QLabel(self.tr("ログファイル: {0}").format(logs.current_log_file()), objectName="errorLog")
        self.log_label.setWordWrap(True)
        self.log_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.text = QPlainTextEdit(details, objectName="errorDetails")
        self.text.setReadOnly(True)
        self.text.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.copy_button = QPushButton(self.tr("詳細をコピー"), objectName="copyDetails")
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.copy_button.clicked.connect(self.copy_details)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(message)
        layout.addWidget(self.log_label)
        layout.addWidget(self.text, 1)
        layout.addWidget(buttons)
        self.resize(640, 420)

    def add(self, details: str) -> None:
        """A further error while this one is open: its details are appended, no new dialog."""
        self.details += "\n" + self.tr("続けて発生したエラー:") + "\n" + details
        self.text.setPlainText(self.details)

    def copy_details(self) -> None:
        QGuiApplication.clipboard().setText(self.details)
        self.copy_button.setText(self.tr("コピーしました"))


class ErrorReporter(QObject):
    """Receives uncaught errors from any thread and shows them in the GUI thread, one dialog at a time."""

    reported = Signal(str, object)   # details, the store's message (None: an unexpected error)

    def __init__(self, parent_widget=None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.parent_widget = parent_widget   # a callable giving the window, or None
        self.dialog: ErrorDialog | None = None
        self.reported.connect(self._show, Qt.ConnectionType.QueuedConnection)

    def report(self, exc_type, exc, tb) -> None:   # any thread
        failure = failures.classify(exc) if isinstance(exc, BaseException) else None
        self.reported.emit(logs.details(exc_type, exc, tb), failure.message if failure is not None else None)

    def _show(self, details: str, store_message: str | None = None) -> None:
        if self.dialog is not None and self.dialog.isVisible():
            self.dialog.add(details)
            return
        parent = self.parent_widget() if callable(self.parent_widget) else None
        self.dialog = ErrorDialog(details, parent, store_message)
        self.dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)
        self.dialog.show()
        self.dialog.raise_()


_LEVELS = {QtMsgType.QtDebugMsg: logging.DEBUG, QtMsgType.QtInfoMsg: logging.INFO,
           QtMsgType.QtWarningMsg: logging.WARNING, QtMsgType.QtCriticalMsg: logging.ERROR,
           QtMsgType.QtFatalMsg: logging.CRITICAL}


def _qt_message(mode, context, message: str) -> None:
    where = f" ({context.file}:{context.line})" if context is not None and context.file else ""
    qt_log.log(_LEVELS.get(mode, logging.WARNING), "%s%s", message, where)


def install_error_handling(parent_widget=None) -> ErrorReporter:
    """The exception hooks (sys, threading) with the dialog, and Qt's messages into the log."""
    app = QApplication.instance()
    reporter = ErrorReporter(parent_widget, app)
    logs.install_exception_hooks(reporter.report)
    qInstallMessageHandler(_qt_message)
    return reporter
