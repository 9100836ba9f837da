"""Telling staff once, in words they can act on, that their edits could not be saved.

A save that fails because of the database (a PostgreSQL server out of reach,
another program writing, a read-only folder, a full disk: store/failures.py)
would fail again at every autosave. The person is told once per kind of
failure, in Japanese and without SQL: what happened, that the edits are still
on screen, and what happens next. Later failures of the same kind only update
the status bar. A failure that may pass by itself (the server, the lock) is
retried every ``RETRY_MS`` until a save succeeds; the first save that goes
through says so and makes the next failure worth a message again.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from desktop.store import failures
from desktop.ui.autosave import AutoSaver

RETRY_MS = 10_000


class SaveFailureNotice(QObject):
    message = Signal(str, int)   # status bar text, timeout ms

    def __init__(self, autosaver: AutoSaver, dialog_parent: QWidget, target: Callable[[], str | None],
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.autosaver = autosaver
        self.dialog_parent = dialog_parent
        self.target = target
        self.shown_kind: str | None = None   # the failure already told about; cleared by a save that works
        self.retry_timer = QTimer(self)
        self.retry_timer.setSingleShot(True)
        self.retry_timer.setInterval(RETRY_MS)
        self.retry_timer.timeout.connect(lambda: self.autosaver.flush_all(retry_failed=True))
        autosaver.saved.connect(self._on_saved)

    def report(self, title: str, exc: object) -> None:
        """A save of the sheet ``title`` failed with ``exc``."""
        failure = failures.classify(exc, self.target()) if isinstance(exc, BaseException) else None
        if failure is None:   # not the database: say what it said (a bug is logged by the task runner)
            QMessageBox.warning(self.dialog_parent, self.tr("保存できませんでした"),
                                self.tr("「{0}」を保存できませんでした。\n\n{1}").format(title, exc))
            return
        kept = self.tr("入力した内容は画面に残っています（失われていません）。")
        if failure.transient:
            then = self.tr("{0} 秒ごとに自動で保存し直します（Ctrl+S ですぐに再試行できます）。").format(RETRY_MS // 1000)
            self.retry_timer.start()
        else:
            then = self.tr("原因を解決してから、Ctrl+S で保存し直してください。")
        if failure.kind == self.shown_kind:
            self.message.emit(self.tr("まだ保存できません。{0}").format(then), RETRY_MS)
            return
        self.shown_kind = failure.kind
        QMessageBox.warning(self.dialog_parent, self.tr("保存できませんでした"),
                            self.tr("「{0}」を保存できませんでした。\n\n{1}\n\n{2}{3}")
                            .format(title, failure.message, kept, then))

    def _on_saved(self, _doc) -> None:
        self.retry_timer.stop()
        if self.shown_kind is not None:
            self.shown_kind = None
            self.message.emit(self.tr("保存できるようになりました。変更を保存しました。"), 8000)
