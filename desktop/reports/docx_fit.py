"""How much of a page the Word report's text takes, estimated, to size a chart to the room left.

Word lays the document out, not us; but a chart that is a centimetre too
tall moves with its KPI table to the next page and leaves a third of a page
empty. The writer therefore estimates where the KPI block of a measure
starts on its page (every measure starts a page) and picks the tallest chart
height that still fits there. The estimate leans to "does not fit": when it
is wrong the block is kept together anyway (keepNext), so a bad guess costs
white space, never a chart apart from its table.

Heights are in twips (1/20 pt); sizes in half-points, as WordprocessingML writes them.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence

# LibreOffice draws a line of Noto Serif CJK (for 游明朝) 1.44 times the font size (measured on
# the PDF of the sample report); Word's 游明朝 is taller still, and there a chart that does not fit
# simply moves to the next page with its table.
LINE_FACTOR = 1.45
CELL_MARGIN = 2 * 85 + 20         # left and right cell margins and the borders
ROW_PADDING = 30                  # borders and the cell's top and bottom

_WIDE = re.compile("[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60"
                   "\uffe0-\uffe6\U0001f300-\U0001faff\U00020000-\U0003fffd]")


def line_height(size: int, line: int = 240) -> float:
    """Twips of one line of text of ``size`` half-points at line spacing ``line`` (240 = single)."""
    return size / 2 * LINE_FACTOR * line / 240 * 20


def lines(text: str, width: int, size: int) -> int:
    """Lines ``text`` wraps to in ``width`` twips (a full-width character is one em, others about half)."""
    em = size / 2 * 20
    capacity = max(1.0, width / em)
    total = 0
    for part in text.split("\n"):
        wide = len(_WIDE.findall(part))
        units = wide + 0.55 * (len(part) - wide)
        total += max(1, math.ceil(units / capacity))
    return total


def row_height(cells: Iterable[tuple[str, int]], size: int, line: int = 240) -> float:
    """A table row: the tallest of its cells, each (text, cell width in twips)."""
    most = max((lines(text, width - CELL_MARGIN, size) for text, width in cells), default=1)
    return most * line_height(size, line) + ROW_PADDING


def table_height(rows: Sequence[Sequence[tuple[str, int]]], size: int, line: int = 240) -> float:
    return sum(row_height(cells, size, line) for cells in rows)


def room_left(used: float, page: int) -> float:
    """What is left on the last page after ``used`` twips that started at the top of a page."""
    return page - (used % page)
