"""Asking for the reason of a non-public mark: required, so the secretariat can judge it."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPlainTextEdit, QVBoxLayout, QWidget


class MarkReasonDialog(QDialog):
    """The reason of a mark, or of its release (``release=True``); both are required."""

    def __init__(self, what: str, reason: str = "", parent: QWidget | None = None, *, note: str = "",
                 release: bool = False) -> None:
        super().__init__(parent)
        self.setObjectName("releaseReasonDialog" if release else "markReasonDialog")
        self.setWindowTitle(self.tr("非公開を解除する") if release else self.tr("非公開にする"))
        self.setMinimumWidth(460)
        target = QLabel((self.tr("解除する指定：{0}") if release else self.tr("非公開にする部分：{0}")).format(what),
                        objectName="markTarget")
        target.setWordWrap(True)
        if release:
            prompt = QLabel(self.tr("解除する理由（必須）。解除した人・日時・理由は変更履歴に残ります。解除すると、"
                                    "この文章は公開版の報告書に載るようになります。"))
        else:
            prompt = QLabel(self.tr("非公開を希望する理由（必須）。公開版の報告書では「（非公開）」と表示され、"
                                    "理由は内部資料にだけ載ります。"))
        prompt.setWordWrap(True)
        self.note = QLabel(note, objectName="markNote")
        self.note.setWordWrap(True)
        self.note.setStyleSheet("color: #b71c1c;")
        self.note.setVisible(bool(note))
        self.reason = QPlainTextEdit(reason, objectName="markReason")
        self.reason.setPlaceholderText(self.tr("例：関係先の了承が得られ、公表済みとなったため") if release
                                       else self.tr("例：交渉中の相手方の名称を含むため"))
        self.reason.setFixedHeight(80)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(
            self.tr("解除する") if release else self.tr("非公開にする"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("キャンセル"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.reason.textChanged.connect(self._update)
        layout = QVBoxLayout(self)
        layout.addWidget(target)
        layout.addWidget(self.note)
        layout.addWidget(prompt)
        layout.addWidget(self.reason)
        layout.addWidget(self.buttons)
        self._update()

    def _update(self) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(bool(self.reason.toPlainText().strip()))

    def value(self) -> str:
        return self.reason.toPlainText().strip()


def _ask(dialog: MarkReasonDialog) -> str | None:
    try:
        return dialog.value() if dialog.exec() == QDialog.DialogCode.Accepted and dialog.value() else None
    finally:
        dialog.deleteLater()


def ask_reason(parent: QWidget | None, what: str, reason: str = "", note: str = "") -> str | None:
    """The reason the user gives, or None when they cancel (OK stays disabled while it is empty)."""
    return _ask(MarkReasonDialog(what, reason, parent, note=note))


def ask_release_reason(parent: QWidget | None, what: str) -> str | None:
    """Why a mark is released (required): the release is recorded with it."""
    return _ask(MarkReasonDialog(what, "", parent, release=True))
