"""Cell helpers shared by the Excel report and the fillable form.

Every free-text cell goes through :func:`safe_text` (via :func:`set_text` for
openpyxl cells, or xlsx_rows for report rows): its length is checked against
Excel's limit with a message naming where it comes from, and it is made safe
(textsafe). Text cells are always string cells, so text starting with ``=``,
``+``, ``-`` or ``@`` is never stored as a formula.
"""

from __future__ import annotations

import copy
import math
import re
import weakref
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.worksheet.properties import PageSetupProperties

from desktop.reports.errors import ReportError
from desktop.reports.textsafe import EXCEL_CELL_LIMIT, cell_text, excel_escape, excel_length, printable

FONT_NAME = "游ゴシック"
BODY_FONT = Font(name=FONT_NAME, size=10)
HEADER_FONT = Font(name=FONT_NAME, size=10, bold=True, color="FFFFFF")
TITLE_FONT = Font(name=FONT_NAME, size=12, bold=True)
MARK_FONT = Font(name=FONT_NAME, size=12, bold=True, color="C00000")
HEADER_FILL = PatternFill("solid", fgColor="1F4E78")
INPUT_HEADER_FILL = PatternFill("solid", fgColor="2F5597")
LOCKED_FILL = PatternFill("solid", fgColor="EDEDED")
NONPUBLIC_FILL = PatternFill("solid", fgColor="D9D9D9")
WRAP = Alignment(wrap_text=True, vertical="top")
CENTER = Alignment(wrap_text=True, vertical="center", horizontal="center")
NO_WRAP = Alignment(vertical="center")
NUMBER = Alignment(wrap_text=True, vertical="top", horizontal="center")
_THIN = Side(style="thin", color="A6A6A6")
GRID = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)


def check_length(text: str, *, sheet: str, measure: str, field: str) -> None:
    """Refuse text Excel would cut, naming the Excel sheet, the measure and the field."""
    n = excel_length(text)
    if n > EXCEL_CELL_LIMIT:
        raise ReportError(
            f"Excel の「{sheet}」シートに出力できません。施策「{printable(measure)[:60]}」の「{field}」が"
            f"{n:,}文字あり、Excel の1つのセルに入る上限（{EXCEL_CELL_LIMIT:,}文字）を超えています。"
            "内容を短くするか分けてから、もう一度出力してください。")


_STYLES: "weakref.WeakKeyDictionary[object, dict]" = weakref.WeakKeyDictionary()


def apply_style(cell, font: Font, fill: PatternFill | None, alignment: Alignment, border: Border | None = GRID,
                number_format: str | None = None) -> None:
    """Give ``cell`` a combination of styles, registering the combination once per workbook.

    Assigning openpyxl style objects hashes them into the workbook's style
    tables on every cell, which was two thirds of the export time; a cell's
    style is an array of table indexes, so the array of the first cell with a
    combination is copied to the next ones.
    """
    workbook = cell.parent.parent
    cache = _STYLES.setdefault(workbook, {})
    key = (id(font), id(fill), id(alignment), id(border), number_format)
    style = cache.get(key)
    if style is None:
        cell.font = font
        if fill is not None:
            cell.fill = fill
        cell.alignment = alignment
        if border is not None:
            cell.border = border
        if number_format is not None:
            cell.number_format = number_format
        cache[key] = (copy.copy(cell._style), font, fill, alignment, border)  # keep the objects: ids stay valid
        return
    cell._style = copy.copy(style[0])


def text_cell(ws, text: str | None, **options) -> WriteOnlyCell:
    """A new write-only string cell (never a formula) holding ``text`` made safe."""
    return set_text(WriteOnlyCell(ws), text, **options)


def safe_text(text: str | None, *, sheet: str, measure: str, field: str, lossless: bool = False) -> str:
    """Cell text made safe (textsafe) after refusing what Excel would cut; "" for no text."""
    raw = text or ""
    safe = raw if lossless else printable(raw)
    check_length(safe, sheet=sheet, measure=measure, field=field)
    return excel_escape(safe)


def set_text(cell, text: str | None, *, sheet: str, measure: str, field: str, lossless: bool = False,
             font: Font = BODY_FONT, fill: PatternFill | None = None, alignment: Alignment = WRAP,
             border: Border | None = GRID):
    """Put ``text`` in ``cell`` as a string: length checked, made safe, typed "s" (no formula)."""
    cell.value = safe_text(text, sheet=sheet, measure=measure, field=field, lossless=lossless) or None
    if cell.value is not None:
        cell.data_type = "s"
    apply_style(cell, font, fill, alignment, border)
    return cell


def plain_number(number: Decimal) -> int | float:
    return int(number) if number == number.to_integral_value() else float(number)


def header_cell(ws, text: str, *, fill: PatternFill = HEADER_FILL) -> WriteOnlyCell:
    cell = WriteOnlyCell(ws, value=cell_text(text))
    cell.data_type = "s"
    apply_style(cell, HEADER_FONT, fill, CENTER)
    return cell


LINE_HEIGHT = 14.0      # points per line of 10 pt 游ゴシック (Excel draws it tall)
MAX_ROW_HEIGHT = 409.0  # Excel's limit


# Wide (East Asian full-width) characters, approximately: CJK, kana, hangul, full-width forms, emoji.
_WIDE = re.compile("[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60"
                   "\uffe0-\uffe6\U0001f300-\U0001faff\U00020000-\U0003fffd]")


def _display_units(line: str) -> float:
    """Approximate width of a line in column-width units (a CJK character is about two)."""
    return len(line) + 0.8 * len(_WIDE.findall(line))


def row_height(cells: list[tuple[str, float]]) -> float | None:
    """A row height that shows wrapped text whole, or None for one line.

    Excel recalculates heights of rows that have none only when it edits them,
    and LibreOffice does not on opening; an estimate written into the file
    shows the text in both without anyone resizing rows.
    """
    lines = 1
    for text, width in cells:
        if not text:
            continue
        capacity = max(width - 1.5, 1.0)
        n = sum(max(1, math.ceil(_display_units(line) / capacity)) for line in text.split("\n"))
        lines = max(lines, n)
    if lines == 1:
        return None
    return min(MAX_ROW_HEIGHT, lines * LINE_HEIGHT + 3)


# --- print set-up ----------------------------------------------------------
#
# A list printed "fit to one page wide" on A4 came out at 44 % (10 pt text at 4.4 pt). The scale
# is computed here from the column widths instead, and the paper chosen so that text prints at
# MIN_PRINTED_PT or more: A4 landscape if the sheet fits its width at that scale, else A3
# landscape, else A3 landscape at SPLIT_SCALE split into pages across, the key columns and the
# header row repeated on every page.

MIN_PRINTED_PT = 8.0
BODY_PT = 10.0
MIN_SCALE = MIN_PRINTED_PT / BODY_PT
SPLIT_SCALE = 85                      # percent, when no paper holds the sheet's width at MIN_SCALE
MARGIN_SIDE_IN = 0.4                  # left and right page margins (inches)
_MAX_DIGIT_PX = 7                     # the workbook's default font (Calibri 11) at 96 dpi
_PAPERS = (("A4", 9, 297.0), ("A3", 8, 420.0))   # name, Excel's paperSize, landscape width (mm)


def column_points(width: float) -> float:
    """Printed width in points of a column ``width`` characters wide (Excel's pixel rule at 96 dpi)."""
    pixels = math.trunc((256 * width + math.trunc(128 / _MAX_DIGIT_PX)) / 256 * _MAX_DIGIT_PX)
    return pixels * 72 / 96


@dataclass(frozen=True)
class PrintLayout:
    """The paper, the scale (percent) and how many pages across a sheet prints on."""

    paper: str
    paper_size: int
    scale: int
    pages_across: int

    @property
    def printed_pt(self) -> float:
        """The size 10 pt text has on paper."""
        return BODY_PT * self.scale / 100


def print_layout(widths: Sequence[float]) -> PrintLayout:
    """The smallest landscape paper on which the columns ``widths`` print at MIN_SCALE or more."""
    total = sum(column_points(w) for w in widths) or 1.0
    for name, size, width_mm in _PAPERS:
        printable = (width_mm / 25.4 - 2 * MARGIN_SIDE_IN) * 72
        # 2 % kept back: Excel and LibreOffice measure columns a little differently.
        scale = min(100, math.floor(printable / total * 100 * 0.98))
        if scale >= MIN_SCALE * 100:
            return PrintLayout(name, size, scale, 1)
    printable = (_PAPERS[-1][2] / 25.4 - 2 * MARGIN_SIDE_IN) * 72
    return PrintLayout(_PAPERS[-1][0], _PAPERS[-1][1], SPLIT_SCALE,
                       math.ceil(total * SPLIT_SCALE / 100 / printable))


def set_print_layout(ws, widths: Sequence[float], *, title_rows: str, title_columns: str | None = None
                     ) -> PrintLayout:
    """Landscape, the paper and scale of print_layout, the header rows (and, split, the key columns) repeated."""
    layout = print_layout(widths)
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = layout.paper_size
    ws.page_setup.scale = layout.scale
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=False)
    ws.print_title_rows = title_rows
    if layout.pages_across > 1 and title_columns:
        ws.print_title_cols = title_columns
    ws.page_margins.left = ws.page_margins.right = MARGIN_SIDE_IN
    return layout
