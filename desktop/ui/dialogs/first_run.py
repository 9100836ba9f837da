"""The first start: open the sample data or start with an empty database."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPushButton, QVBoxLayout, QWidget

DEMO = "demo"
EMPTY = "empty"


class FirstRunDialog(QDialog):
    def __init__(self, database: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("施策デスクへようこそ"))
        self.choice = EMPTY
        text = QLabel(self.tr(
            "<p>データベースを作成しました:<br/><code>{0}</code></p>"
            "<p>参考資料（戦略文書など）を資料ライブラリに読み込んでいます。</p>"
            "<p>操作を試すためのサンプルの施策シートを開きますか？"
            "サンプルは「サンプル」と表示され、いつでも作り直せます。</p>").format(database))
        text.setWordWrap(True)
        buttons = QDialogButtonBox()
        demo = QPushButton(self.tr("サンプルデータを開く"), objectName="openDemo")
        empty = QPushButton(self.tr("空のデータベースで始める"), objectName="startEmpty")
        buttons.addButton(demo, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(empty, QDialogButtonBox.ButtonRole.RejectRole)
        demo.clicked.connect(lambda: self._done(DEMO))
        empty.clicked.connect(lambda: self._done(EMPTY))
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addWidget(buttons)

    def _done(self, choice: str) -> None:
        self.choice = choice
        self.accept()


def ask_first_run(database: str, parent: QWidget | None = None) -> str:
    """DEMO or EMPTY; tests replace this function."""
    dialog = FirstRunDialog(database, parent)
    dialog.exec()
    return dialog.choice
