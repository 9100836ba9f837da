"""Asking for the reason of a non-public mark: required, so the secretariat can judge it."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPlainTextEdit, QVBoxLayout, QWidget


class MarkReasonDialog(QDialog):
    def __init__(self, what: str, reason: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("markReasonDialog")
        self.setWindowTitle(self.tr("非公開にする"))
        self.setMinimumWidth(460)
        target = QLabel(self.tr("非公開にする部分：{0}").format(what), objectName="markTarget")
        target.setWordWrap(True)
        prompt = QLabel(self.tr("非公開を希望する理由（必須）。公開版の報告書では「（非公開）」と表示され、"
                                "理由は内部資料にだけ載ります。"))
        prompt.setWordWrap(True)
        self.reason = QPlainTextEdit(reason, objectName="markReason")
        self.reason.setPlaceholderText(self.tr("例：交渉中の相手方の名称を含むため"))
        self.reason.setFixedHeight(80)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("非公開にする"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("キャンセル"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.reason.textChanged.connect(self._update)
        layout = QVBoxLayout(self)
        layout.addWidget(target)
        layout.addWidget(prompt)
        layout.addWidget(self.reason)
        layout.addWidget(self.buttons)
        self._update()

    def _update(self) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(bool(self.reason.toPlainText().strip()))

    def value(self) -> str:
        return self.reason.toPlainText().strip()


def ask_reason(parent: QWidget | None, what: str, reason: str = "") -> str | None:
    """The reason the user gives, or None when they cancel (OK stays disabled while it is empty)."""
    dialog = MarkReasonDialog(what, reason, parent)
    try:
        return dialog.value() if dialog.exec() == QDialog.DialogCode.Accepted and dialog.value() else None
    finally:
        dialog.deleteLater()
