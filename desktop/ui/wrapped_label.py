"""A word-wrapped QLabel that remembers its height for each width.

QLabel does not cache ``heightForWidth``: every layout pass lays its text out
again (a whole QTextDocument when the text is rich or selectable). The editor
page holds a few dozen wrapped labels — guidance, citation lists, captions —
and switching sheets re-runs the page layout several times, so uncached they
cost about a quarter of a sheet switch. The cache is keyed by width and text
and dropped when the font or style changes.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QLabel


class WrappedLabel(QLabel):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.setWordWrap(True)
        self._heights: dict[tuple[int, str], int] = {}

    def heightForWidth(self, width: int) -> int:  # noqa: N802
        key = (width, self.text())
        height = self._heights.get(key)
        if height is None:
            if len(self._heights) > 64:
                self._heights.clear()
            height = self._heights[key] = super().heightForWidth(width)
        return height

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._heights.clear()
        super().changeEvent(event)


__all__ = ["WrappedLabel"]
