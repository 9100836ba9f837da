"""The font of the long-text editors and their comparison panes.

Qt lays a paragraph out again, whole, on every key; for a field kept as one
long paragraph (30,000 characters) that layout is the cost of a key, and
OpenType shaping through HarfBuzz was half of it (56 ms of a 30,000-character
layout, 26 ms without). Japanese and Latin text need no shaping to be read
correctly, so the editors ask Qt to skip it where a script does not require
it (``PreferNoShaping``; Qt still shapes the scripts that need it, such as
Arabic or the Indic scripts). The cost is cosmetic: no Latin ligatures or
kerning inside an editor; reports are laid out by Word, not by this font.
"""

from __future__ import annotations

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QWidget


def typing_font() -> QFont:
    """A font that sets only the shaping rule: family and size still come from the window (and the system)."""
    font = QFont()
    font.setStyleStrategy(QFont.StyleStrategy.PreferNoShaping)
    return font


def use_typing_font(widget: QWidget) -> None:
    """Give ``widget`` (a text editor or a pane showing the same text) the typing font."""
    widget.setFont(typing_font())
