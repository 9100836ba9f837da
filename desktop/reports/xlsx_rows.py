"""Data rows of a report sheet written as SpreadsheetML text and spliced into the saved workbook.

openpyxl builds a cell object per value and serialises it through lxml,
about 25 µs a cell; the Excel report of a thousand sheets has some fifty
thousand cells. openpyxl still writes the workbook, the styles, the title and
header rows and every sheet setting (widths, panes, filter, print set-up);
the data rows are written here as text into each sheet's ``sheetData`` after
the save, which is several times faster and leaves the file as openpyxl
would have written it.

Cell text is checked and made safe exactly as for openpyxl cells
(excel_cells.safe_text): never a formula (every text cell is an inline
string), illegal characters replaced, Excel's cell limit refused.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Border, Font, PatternFill
from openpyxl.utils import get_column_letter

from desktop.reports.excel_cells import GRID, apply_style, row_height, safe_text
from desktop.reports.textsafe import xml_text
from desktop.reports.zip_parts import Spill, Writer, stream_parts

_ENCODING = re.compile(rb"^<\?xml[^>]*encoding=['\"]([A-Za-z0-9_-]+)['\"]")


@dataclass(frozen=True, eq=False)
class Look:
    """A combination of cell styles, registered once per workbook.

    Compared by identity (openpyxl style objects hash slowly): define looks
    once, as constants, and reuse them.
    """

    font: Font
    alignment: Alignment
    fill: PatternFill | None = None
    border: Border | None = GRID
    number_format: str | None = None


class SheetRows:
    """Collects the data rows of one write-only sheet as text."""

    def __init__(self, ws, widths: list[float], first_row: int) -> None:
        self.ws = ws
        self.widths = widths
        self.row = first_row
        self.parts = Spill()      # the rows' text, spilled to a temporary file past a megabyte
        self._styles: dict[Look, int] = {}
        self._letters = [get_column_letter(i) for i in range(1, len(widths) + 1)]

    def style_id(self, look: Look) -> int:
        found = self._styles.get(look)
        if found is None:
            probe = WriteOnlyCell(self.ws)
            apply_style(probe, look.font, look.fill, look.alignment, look.border, look.number_format)
            found = self._styles[look] = probe.style_id
        return found

    def add(self, cells: list[tuple[object, Look]], *, where: dict) -> None:
        """Add a row; text values are checked and escaped (``where`` names sheet and measure for errors)."""
        r = self.row
        out = []
        texts = []
        for i, (value, look) in enumerate(cells):
            ref = f"{self._letters[i]}{r}"
            s = self.style_id(look)
            if value is None or value == "":
                out.append(f'<c r="{ref}" s="{s}"/>')
            elif isinstance(value, tuple):          # (text, field label)
                text = safe_text(value[0], field=value[1], **where)
                if text:
                    texts.append((text, self.widths[i]))
                    out.append(f'<c r="{ref}" s="{s}" t="inlineStr"><is><t xml:space="preserve">'
                               f'{xml_text(text)}</t></is></c>')
                else:
                    out.append(f'<c r="{ref}" s="{s}"/>')
            else:
                out.append(f'<c r="{ref}" s="{s}" t="n"><v>{value!r}</v></c>')
        height = row_height(texts)
        ht = f' ht="{height}" customHeight="1"' if height else ""
        self.parts.append(f'<row r="{r}"{ht}>{"".join(out)}</row>')
        self.row += 1

    @property
    def xml(self) -> str:
        return "".join(self.parts.chunks())

    def close(self) -> None:
        self.parts.close()


def splice(path: Path, rows: dict[str, Spill]) -> None:
    """Insert row text before ``</sheetData>`` of each named part (e.g. xl/worksheets/sheet1.xml), streamed."""
    def insert(extra: Spill) -> Callable[[bytes, Writer], None]:
        def edit(data: bytes, write: Writer) -> None:
            match = _ENCODING.match(data)
            encoding = match.group(1).decode().lower() if match else "utf-8"

            def encode(text: str) -> bytes:
                return text.encode("utf-8") if encoding in ("utf-8", "utf8") else \
                    text.encode("ascii", "xmlcharrefreplace")

            if b"<sheetData/>" in data:
                at = data.index(b"<sheetData/>")
                head, tail = data[:at] + b"<sheetData>", b"</sheetData>" + data[at + len(b"<sheetData/>"):]
            else:
                at = data.rindex(b"</sheetData>")
                head, tail = data[:at], data[at:]
            write(head)
            for piece in extra.chunks():
                write(encode(piece))
            write(tail)
        return edit

    stream_parts(path, {name: insert(extra) for name, extra in rows.items() if extra})
