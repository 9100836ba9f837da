"""Banners above the sheets: what staff must know about the open database before they type.

A database opened read-only (another program edits it, or no write
permission), who the server says the person is (roles per ministry on
PostgreSQL) and why the open sheet cannot be edited by that role, and the
database's notes (a network drive: no WAL, use
PostgreSQL for shared use; a failed daily backup) are shown here, in the
window, for as long as they hold, rather than in a dialog clicked away once.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

READ_ONLY = "readOnly"
WARNING = "warning"
INFO = "info"

STYLES = {
    READ_ONLY: "QFrame#readOnlyBanner { background: #fde2e1; border: 1px solid #d9534f; border-radius: 4px; }",
    WARNING: "QFrame#warningBanner { background: #fff4d6; border: 1px solid #e0a800; border-radius: 4px; }",
    INFO: "QFrame#infoBanner { background: #e3f0fb; border: 1px solid #5b9bd5; border-radius: 4px; }",
}


class Banner(QFrame):
    def __init__(self, level: str, title: str, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(f"{level}Banner")
        self.setStyleSheet(STYLES[level])
        self.title = QLabel(f"<b>{title}</b>")
        self.text = QLabel(text)
        self.text.setWordWrap(True)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        layout.addWidget(self.title, 0, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.text, 1)


class BannerArea(QWidget):
    """A column of banners; empty (and taking no space) when there is nothing to say."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("bannerArea")
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(6, 6, 6, 0)
        self.banners: list[Banner] = []
        self.setVisible(False)

    def set_banners(self, banners: list[tuple[str, str, str]]) -> None:
        """(level, title, text) of each banner, replacing those shown."""
        for banner in self.banners:
            self._layout.removeWidget(banner)
            banner.deleteLater()
        self.banners = [Banner(level, title, text, self) for level, title, text in banners]
        for banner in self.banners:
            self._layout.addWidget(banner)
        self.setVisible(bool(self.banners))
