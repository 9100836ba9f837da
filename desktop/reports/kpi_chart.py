"""A KPI's progress chart as a PNG, drawn in pure Python for the Word report.

Why not Qt or matplotlib: the report path is core code and must run without
Qt (the CLI exports too, and tests/test_architecture.py keeps Qt out of the
core); matplotlib would add tens of megabytes to the Windows bundle for one
kind of line chart. The chart needs lines, dots and digits, which a small
raster canvas and a 5x7 digit font do; the Japanese legend is printed as text
under the image by the writer (:data:`LEGEND`), where Word renders it in the
document's own font.

The chart draws :class:`desktop.survey.progress.KpiSeries`, the same data the
GUI's QtCharts view draws: actuals by fiscal year (blue line with dots), the
target value (red dashed line, red diamond at the target year), the baseline
(grey dotted line, grey square at its year) and the expected path from the
start point to the target (thin grey dashes). Years on the x axis are Western
years (a chart axis has no room for 令和N年度).
"""

from __future__ import annotations

import functools
import math
import struct
import zlib
from decimal import Decimal

from desktop.survey.progress import KpiSeries, format_number

WIDTH, HEIGHT = 720, 300          # pixels; printed 15 cm wide (about 120 dpi)
LEGEND = "●実績　◆目標値（赤の破線）　■基準値（灰の点線）　┄ 基準から目標への見込み"

WHITE = (255, 255, 255)
AXIS = (96, 110, 120)
GRID = (226, 232, 236)
ACTUAL = (21, 101, 192)
TARGET = (192, 0, 0)
BASELINE = (120, 130, 140)
PATH = (150, 160, 170)
TEXT = (55, 71, 79)

# 5x7 glyphs, one string of 7 rows of 5 bits per character.
_FONT = {
    "0": "01110 10001 10011 10101 11001 10001 01110",
    "1": "00100 01100 00100 00100 00100 00100 01110",
    "2": "01110 10001 00001 00010 00100 01000 11111",
    "3": "11110 00001 00001 01110 00001 00001 11110",
    "4": "00010 00110 01010 10010 11111 00010 00010",
    "5": "11111 10000 11110 00001 00001 10001 01110",
    "6": "00110 01000 10000 11110 10001 10001 01110",
    "7": "11111 00001 00010 00100 01000 01000 01000",
    "8": "01110 10001 10001 01110 10001 10001 01110",
    "9": "01110 10001 10001 01111 00001 00010 01100",
    ".": "00000 00000 00000 00000 00000 01100 01100",
    ",": "00000 00000 00000 00000 01100 00100 01000",
    "-": "00000 00000 00000 11111 00000 00000 00000",
    "%": "11001 11010 00010 00100 01000 01011 10011",
}
_SCALE = 2   # each font pixel is 2x2


def _runs(glyph: str) -> tuple[tuple[int, int, int], ...]:
    """(row, first column, end column) of each horizontal run of set pixels of a glyph."""
    out = []
    for row, bits in enumerate(glyph.split()):
        col = 0
        while col < len(bits):
            if bits[col] == "1":
                end = bits.index("0", col) if "0" in bits[col:] else len(bits)
                out.append((row, col, end))
                col = end
            else:
                col += 1
    return tuple(out)


_RUNS = {ch: _runs(glyph) for ch, glyph in _FONT.items()}


@functools.lru_cache(maxsize=256)
def _glyph_rows(ch: str, index: int) -> tuple[bytes, ...]:
    """The 7 rows of a glyph in palette ``index`` on the background (0), each pixel ``_SCALE`` wide."""
    return tuple(b"".join((bytes((index,)) if bit == "1" else b"\x00") * _SCALE for bit in bits)
                 for bits in _FONT[ch].split())


class Canvas:
    """A palette raster (one byte a pixel) with the few primitives a line chart needs.

    A handful of colours is all a chart uses, so an indexed PNG is a third of
    the bytes to fill and to compress of an RGB one (a thousand charts in a
    Word report are written in seconds, not tens of seconds).
    """

    def __init__(self, width: int, height: int, background=WHITE) -> None:
        self.width, self.height = width, height
        self.palette: dict[tuple[int, int, int], int] = {tuple(background): 0}
        self.rows = [bytearray(width) for _ in range(height)]

    def _index(self, color) -> int:
        found = self.palette.get(color)
        if found is None:
            found = self.palette[color] = len(self.palette)
        return found

    def rect(self, x0: int, y0: int, x1: int, y1: int, color) -> None:
        """Fill [x0, x1) x [y0, y1), clipped."""
        x0, x1 = max(0, x0), min(self.width, x1)
        y0, y1 = max(0, y0), min(self.height, y1)
        if x0 >= x1:
            return
        run = bytes((self._index(color),)) * (x1 - x0)
        rows = self.rows
        for y in range(y0, y1):
            rows[y][x0:x1] = run

    def dot(self, x: float, y: float, size: int, color) -> None:
        half = size // 2
        self.rect(round(x) - half, round(y) - half, round(x) - half + size, round(y) - half + size, color)

    def circle(self, cx: float, cy: float, r: int, color) -> None:
        for dy in range(-r, r + 1):
            dx = int(math.sqrt(r * r - dy * dy))
            self.rect(round(cx) - dx, round(cy) + dy, round(cx) + dx + 1, round(cy) + dy + 1, color)

    def diamond(self, cx: float, cy: float, r: int, color) -> None:
        for dy in range(-r, r + 1):
            dx = r - abs(dy)
            self.rect(round(cx) - dx, round(cy) + dy, round(cx) + dx + 1, round(cy) + dy + 1, color)

    def hline(self, x0: int, x1: int, y: float, color, width: int = 1, dash: tuple[int, int] | None = None) -> None:
        """A horizontal line: one pattern of dashes, copied into each row it covers (over white)."""
        top = round(y) - width // 2
        x0, x1 = max(0, x0), min(self.width, x1)
        on = bytes((self._index(color),))
        pattern = on * (x1 - x0) if not dash else \
            ((on * dash[0] + b"\x00" * dash[1]) * ((x1 - x0) // sum(dash) + 1))[:x1 - x0]
        for row in self.rows[max(0, top):max(0, min(self.height, top + width))]:
            row[x0:x1] = pattern

    def line(self, x0: float, y0: float, x1: float, y1: float, color, width: int = 2,
             dash: tuple[int, int] | None = None) -> None:
        """A straight line stamped with a square pen; ``dash`` is (on, off) in pixels."""
        steps = max(1, int(max(abs(x1 - x0), abs(y1 - y0))))
        stride = 1 if dash or width < 3 else width - 1    # a wide pen overlaps itself: skip steps
        run = bytes((self._index(color),)) * width
        rows, half = self.rows, width // 2
        for i in range(0, steps + stride, stride):
            if dash and (i % (dash[0] + dash[1])) >= dash[0]:
                continue
            t = min(1.0, i / steps)
            x = round(x0 + (x1 - x0) * t) - half
            y = round(y0 + (y1 - y0) * t) - half
            if 0 <= x <= self.width - width and 0 <= y <= self.height - width:
                for row in rows[y:y + width]:
                    row[x:x + width] = run
            else:
                self.rect(x, y, x + width, y + width, color)

    def text(self, x: int, y: int, text: str, color=TEXT, align: str = "left") -> None:
        """Digits and . , - % only (other characters are skipped); ``y`` is the top."""
        width = text_width(text)
        if align == "right":
            x -= width
        elif align == "center":
            x -= width // 2
        index = self._index(color)
        for ch in text:
            if ch in _FONT and 0 <= x <= self.width - 5 * _SCALE and 0 <= y <= self.height - 7 * _SCALE:
                for r, pixels in enumerate(_glyph_rows(ch, index)):   # the label areas are white: copy rows
                    for row in self.rows[y + r * _SCALE:y + (r + 1) * _SCALE]:
                        row[x:x + 5 * _SCALE] = pixels
            else:
                for r, start, end in _RUNS.get(ch, ()):
                    self.rect(x + start * _SCALE, y + r * _SCALE, x + end * _SCALE, y + (r + 1) * _SCALE, color)
            x += 6 * _SCALE

    def png(self) -> bytes:
        raw = b"".join(b"\x00" + bytes(row) for row in self.rows)

        def chunk(kind: bytes, data: bytes) -> bytes:
            return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

        header = struct.pack(">IIBBBBB", self.width, self.height, 8, 3, 0, 0, 0)   # 8-bit palette
        palette = b"".join(bytes(c) for c in sorted(self.palette, key=self.palette.__getitem__))
        return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"PLTE", palette)
                + chunk(b"IDAT", zlib.compress(raw, 1)) + chunk(b"IEND", b""))


def text_width(text: str) -> int:
    return max(0, len(text) * 6 * _SCALE - _SCALE)


def nice_ticks(lo: float, hi: float, count: int = 5) -> list[float]:
    """Round tick values (1, 2 or 5 times a power of ten) covering [lo, hi]."""
    if hi <= lo:
        pad = abs(lo) * 0.1 or 1.0
        lo, hi = lo - pad, hi + pad
    raw = (hi - lo) / count
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 5, 10) if m * power >= raw)
    first = math.floor(lo / step) * step
    ticks, value = [], first
    while value < hi + step * 0.999:
        ticks.append(round(value, 10))
        value += step
    return ticks


def has_chart(series: KpiSeries | None) -> bool:
    """Whether there is anything to draw: at least one actual, or a baseline and a target."""
    return series is not None and (bool(series.actuals) or (series.baseline is not None and series.target is not None))


def _label(value: float) -> str:
    return format_number(Decimal(str(value)), 2)


def render_png(series: KpiSeries, width: int = WIDTH, height: int = HEIGHT) -> bytes:
    """The chart of one KPI as PNG bytes."""
    points: list[tuple[int, Decimal]] = list(series.actuals) + list(series.path)
    points += [p for p in (series.baseline, series.target) if p is not None]
    years = [y for y, _ in points] or [0]
    values = [float(v) for _, v in points] or [0.0]
    first, last = min(years) - 0.4, max(years) + 0.4     # room for the dots and the year labels
    lo, hi = min(values), max(values)
    if lo >= 0 and (hi <= 0 or lo <= hi * 0.5):
        lo = 0.0     # counts and amounts read better from zero
    ticks = nice_ticks(lo, hi)
    lo, hi = ticks[0], ticks[-1]
    left = 16 + max(text_width(_label(t)) for t in ticks)
    right, top, bottom = 24, 16, 36
    canvas = Canvas(width, height)

    def px(year: float) -> float:
        return left + (year - first) / (last - first) * (width - left - right)

    def py(value: float) -> float:
        return top + (hi - value) / (hi - lo) * (height - top - bottom)

    for t in ticks:
        canvas.rect(left, round(py(t)), width - right, round(py(t)) + 1, GRID)
        canvas.text(left - 8, round(py(t)) - 7, _label(t), align="right")
    step = max(1, math.ceil((last - first) / 10))
    for year in range(min(years), max(years) + 1, step):
        canvas.rect(round(px(year)), height - bottom, round(px(year)) + 1, height - bottom + 5, AXIS)
        canvas.text(round(px(year)), height - bottom + 10, str(year), align="center")
    canvas.rect(left, top, left + 1, height - bottom + 1, AXIS)
    canvas.rect(left, height - bottom, width - right, height - bottom + 1, AXIS)

    if series.path:
        (x0, v0), (x1, v1) = series.path
        canvas.line(px(x0), py(float(v0)), px(x1), py(float(v1)), PATH, 1, dash=(4, 4))
    if series.baseline is not None:
        y = py(float(series.baseline[1]))
        canvas.hline(left, width - right, y, BASELINE, 1, dash=(2, 3))
        canvas.dot(px(series.baseline[0]), y, 9, BASELINE)
    if series.target is not None:
        y = py(float(series.target[1]))
        canvas.hline(left, width - right, y, TARGET, 2, dash=(8, 5))
        canvas.diamond(px(series.target[0]), y, 6, TARGET)
    actual = [(px(year), py(float(value))) for year, value in series.actuals]
    for (xa, ya), (xb, yb) in zip(actual, actual[1:]):
        canvas.line(xa, ya, xb, yb, ACTUAL, 3)
    for x, y in actual:
        canvas.circle(x, y, 5, ACTUAL)
    return canvas.png()
