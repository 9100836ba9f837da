"""A KPI's progress chart as a DrawingML chart part, for the Word report.

Why a chart part and not a picture: the report is printed. A raster image
is blurry on paper at any size a report can afford (the former 720x300
pixels printed at 120 dpi), cannot carry Japanese text without a font
rasteriser, and is the same image on screen and paper. A chart part is
drawn by Word or LibreOffice as vectors, in the document's own 游ゴシック, with
the fiscal years as the survey writes them (令和7年度, or R7 where the axis
is crowded) and the values with comma groups; staff can restyle it in Word
as they would a chart of their own. No Qt and no matplotlib are needed
(core code must run without Qt, and matplotlib would add tens of megabytes to
the Windows bundle for one kind of line chart).

The chart draws :class:`desktop.survey.progress.KpiSeries`, the same data the
GUI's QtCharts view draws: actuals by fiscal year (blue line with dots), the
target value (red dashed line, red diamond at the target year), the baseline
(grey dotted line, grey square at its year) and the expected path from the
start point to the target (thin grey dashes). The legend is part of the chart.

The data are written as cached values of references (``numRef``/``strRef``
with their caches) without an embedded workbook: Word and LibreOffice draw
the caches; Word's 「データの編集」 then says the linked data are not
available, which is what a published report needs.
"""

from __future__ import annotations

from decimal import Decimal

from desktop.reports.textsafe import printable, xml_text
from desktop.survey.progress import KpiSeries
from desktop.survey.wareki import format_fiscal_year, format_fiscal_year_short

CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.drawingml.chart+xml"
GRAPHIC_URI = "http://schemas.openxmlformats.org/drawingml/2006/chart"
C_NS = "http://schemas.openxmlformats.org/drawingml/2006/chart"
A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

FONT = "游ゴシック"
FONT_SIZE = 800            # hundredths of a point: 8 pt, the smallest size the report prints
LONG_LABEL_WIDTH_CM = 1.6  # room 「令和10年度」 needs at 8 pt on the category axis

ACTUAL = "1565C0"
TARGET = "C00000"
BASELINE = "787F8C"
PATH = "969FAA"

SERIES_ACTUAL = "実績"
SERIES_TARGET = "目標値"
SERIES_BASELINE = "基準値"
SERIES_PATH = "基準から目標への見込み"
LEGEND = "凡例　━●━ 実績　‐‐◆‐‐ 目標値（赤）　‥■‥ 基準値（灰）　‐‐‐ 基準から目標への見込み（灰）"


def has_chart(series: KpiSeries | None) -> bool:
    """Whether there is anything to draw: at least one actual, or a baseline and a target."""
    return series is not None and (bool(series.actuals) or (series.baseline is not None and series.target is not None))


def years_of(series: KpiSeries) -> list[int]:
    """Every fiscal year from the first to the last point of the chart (the category axis)."""
    points = list(series.actuals) + list(series.path)
    points += [p for p in (series.baseline, series.target) if p is not None]
    years = [y for y, _ in points]
    return list(range(min(years), max(years) + 1)) if years else []


def year_labels(years: list[int], width_cm: float) -> list[str]:
    """令和7年度 when every label has room on an axis ``width_cm`` long, else the short R7."""
    roomy = years and width_cm / len(years) >= LONG_LABEL_WIDTH_CM
    return [format_fiscal_year(y) if roomy else format_fiscal_year_short(y) for y in years]


def _number(value: Decimal) -> str:
    text = format(value, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def _text_props(size: int = FONT_SIZE, bold: bool = False) -> str:
    b = ' b="1"' if bold else ' b="0"'
    return (f'<c:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="{size}"{b}>'
            '<a:solidFill><a:srgbClr val="37474F"/></a:solidFill>'
            f'<a:latin typeface="{FONT}"/><a:ea typeface="{FONT}"/><a:cs typeface="{FONT}"/>'
            '</a:defRPr></a:pPr><a:endParaRPr lang="ja-JP"/></a:p></c:txPr>')


def _line(color: str, width_emu: int, dash: str) -> str:
    return (f'<c:spPr><a:ln w="{width_emu}" cap="rnd"><a:solidFill><a:srgbClr val="{color}"/></a:solidFill>'
            f'<a:prstDash val="{dash}"/><a:round/></a:ln></c:spPr>')


def _marker(symbol: str, size: int, color: str) -> str:
    if symbol == "none":
        return '<c:marker><c:symbol val="none"/></c:marker>'
    return (f'<c:marker><c:symbol val="{symbol}"/><c:size val="{size}"/><c:spPr>'
            f'<a:solidFill><a:srgbClr val="{color}"/></a:solidFill>'
            f'<a:ln w="9525"><a:solidFill><a:srgbClr val="{color}"/></a:solidFill></a:ln></c:spPr></c:marker>')


def _series(index: int, name: str, color: str, width: int, dash: str, marker: str, point: int | None,
            labels: list[str], values: list[Decimal | None], format_code: str) -> str:
    """One line series; ``marker`` on every point, or only on ``point`` (the target or baseline year)."""
    n = len(labels)
    letter = "ABCDE"[index + 1]
    cats = "".join(f'<c:pt idx="{i}"><c:v>{xml_text(t)}</c:v></c:pt>' for i, t in enumerate(labels))
    vals = "".join(f'<c:pt idx="{i}"><c:v>{_number(v)}</c:v></c:pt>' for i, v in enumerate(values) if v is not None)
    if point is None:
        markers = _marker(marker, 7, color)
    else:
        markers = (_marker("none", 0, color) + f'<c:dPt><c:idx val="{point}"/>{_marker(marker, 8, color)}'
                   '<c:bubble3D val="0"/></c:dPt>')
    return (f'<c:ser><c:idx val="{index}"/><c:order val="{index}"/>'
            f'<c:tx><c:strRef><c:f>Sheet1!${letter}$1</c:f><c:strCache><c:ptCount val="1"/>'
            f'<c:pt idx="0"><c:v>{xml_text(name)}</c:v></c:pt></c:strCache></c:strRef></c:tx>'
            f'{_line(color, width, dash)}{markers}'
            f'<c:cat><c:strRef><c:f>Sheet1!$A$2:$A${n + 1}</c:f><c:strCache><c:ptCount val="{n}"/>{cats}'
            '</c:strCache></c:strRef></c:cat>'
            f'<c:val><c:numRef><c:f>Sheet1!${letter}$2:${letter}${n + 1}</c:f><c:numCache>'
            f'<c:formatCode>{format_code}</c:formatCode><c:ptCount val="{n}"/>{vals}</c:numCache></c:numRef></c:val>'
            '<c:smooth val="0"/></c:ser>')


def value_format(series: KpiSeries) -> tuple[str, str]:
    """The value axis' number format (comma groups, a decimal only when a value has one) and its step.

    Small counts (0 to 4) get a step of 1, so the axis does not show 0.5 of a meeting.
    """
    values = [v for _, v in series.actuals] + [p[1] for p in (series.baseline, series.target) if p is not None]
    if any(v != v.to_integral_value() for v in values):
        return "#,##0.0", ""
    small = not values or max(abs(v) for v in values) < 5
    return "#,##0", '<c:majorUnit val="1"/>' if small else ""


def chart_xml(series: KpiSeries, width_cm: float, unit: str = "", legend: bool = True) -> str:
    """The chart part (c:chartSpace) of one KPI, for a chart ``width_cm`` wide on the page.

    Without ``legend`` the writer prints :data:`LEGEND` once under a row of small charts
    (in a chart 8 cm wide the four entries would take the plot's room).
    """
    years = years_of(series)
    labels = year_labels(years, width_cm)
    at = {y: i for i, y in enumerate(years)}
    fmt, step = value_format(series)
    parts = []
    actual = dict(series.actuals)
    parts.append(_series(0, SERIES_ACTUAL, ACTUAL, 28575, "solid", "circle", None, labels,
                         [actual.get(y) for y in years], fmt))
    index = 1
    if series.target is not None:
        year, value = series.target
        parts.append(_series(index, SERIES_TARGET, TARGET, 19050, "dash", "diamond", at[year], labels,
                             [value] * len(years), fmt))
        index += 1
    if series.baseline is not None:
        year, value = series.baseline
        parts.append(_series(index, SERIES_BASELINE, BASELINE, 12700, "sysDot", "square", at[year], labels,
                             [value] * len(years), fmt))
        index += 1
    if series.path:
        path = dict(series.path)
        parts.append(_series(index, SERIES_PATH, PATH, 9525, "dash", "none", None, labels,
                             [path.get(y) for y in years], fmt))
    title = ""
    if unit.strip():
        title = ('<c:title><c:tx><c:rich><a:bodyPr rot="0" vert="horz"/><a:lstStyle/><a:p><a:pPr>'
                 f'<a:defRPr sz="{FONT_SIZE}" b="0"><a:latin typeface="{FONT}"/><a:ea typeface="{FONT}"/></a:defRPr>'
                 f'</a:pPr><a:r><a:rPr lang="ja-JP" sz="{FONT_SIZE}" b="0"><a:latin typeface="{FONT}"/>'
                 f'<a:ea typeface="{FONT}"/></a:rPr><a:t>（{xml_text(printable(unit))}）</a:t></a:r></a:p></c:rich></c:tx>'
                 '<c:overlay val="0"/></c:title>')
    legend_xml = f'<c:legend><c:legendPos val="b"/><c:overlay val="0"/>{_text_props()}</c:legend>'
    grid = '<c:spPr><a:ln w="6350"><a:solidFill><a:srgbClr val="E2E8EC"/></a:solidFill></a:ln></c:spPr>'
    axis = '<c:spPr><a:ln w="9525"><a:solidFill><a:srgbClr val="606E78"/></a:solidFill></a:ln></c:spPr>'
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<c:chartSpace xmlns:c="{C_NS}" xmlns:a="{A_NS}" xmlns:r="{R_NS}">'
        '<c:date1904 val="0"/><c:lang val="ja-JP"/><c:roundedCorners val="0"/>'
        '<c:chart><c:autoTitleDeleted val="1"/><c:plotArea><c:layout/>'
        '<c:lineChart><c:grouping val="standard"/><c:varyColors val="0"/>'
        f'{"".join(parts)}<c:marker val="1"/><c:axId val="10"/><c:axId val="20"/></c:lineChart>'
        '<c:catAx><c:axId val="10"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/>'
        '<c:axPos val="b"/><c:numFmt formatCode="General" sourceLinked="0"/><c:majorTickMark val="out"/>'
        f'<c:minorTickMark val="none"/><c:tickLblPos val="low"/>{axis}{_text_props()}'
        '<c:crossAx val="20"/><c:crosses val="autoZero"/><c:auto val="1"/><c:lblAlgn val="ctr"/>'
        '<c:lblOffset val="100"/><c:noMultiLvlLbl val="0"/></c:catAx>'
        '<c:valAx><c:axId val="20"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/>'
        f'<c:axPos val="l"/><c:majorGridlines>{grid}</c:majorGridlines>{title}'
        f'<c:numFmt formatCode="{fmt}" sourceLinked="0"/><c:majorTickMark val="out"/><c:minorTickMark val="none"/>'
        f'<c:tickLblPos val="nextTo"/>{axis}{_text_props()}<c:crossAx val="10"/><c:crosses val="autoZero"/>'
        f'<c:crossBetween val="between"/>{step}</c:valAx>'
        '<c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr></c:plotArea>'
        f'{legend_xml if legend else ""}'
        '<c:plotVisOnly val="1"/><c:dispBlanksAs val="span"/></c:chart>'
        '<c:spPr><a:solidFill><a:srgbClr val="FFFFFF"/></a:solidFill><a:ln><a:noFill/></a:ln></c:spPr>'
        f'{_text_props()}</c:chartSpace>')
