"""The progress chart of one KPI (QtCharts): actuals by fiscal year against the target and the baseline.

It draws desktop.survey.progress.KpiSeries, the same data as the chart image
in the Word report (desktop.reports.kpi_chart), so both show the same lines:
実績 (blue, with dots), 目標値 (red dashed line, a diamond at the target year),
基準値 (grey dotted line, a square at its year) and 見込み, the straight path
from the start to the target that the status is judged against.

Building the QtCharts series and axes costs about as much as the rest of a
sheet switch, and the chart sits far down the editor page; so the caption is
set at once, and the lines are drawn only once the chart is scrolled into view
(or asked for), never for a sheet only passed through.
"""

from __future__ import annotations

from PySide6.QtCharts import QChart, QChartView, QLineSeries, QScatterSeries, QValueAxis
from PySide6.QtCore import QMargins, Qt, QTimer
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QVBoxLayout, QWidget

from desktop.survey.progress import KpiSeries, KpiStatus, format_number, kpi_series
from desktop.survey.sheet import KpiData
from desktop.survey.wareki import format_fiscal_year
from desktop.ui.wrapped_label import WrappedLabel

STATUS_COLOURS = {
    KpiStatus.ACHIEVED: "#1b5e20",
    KpiStatus.ON_TRACK: "#2e7d32",
    KpiStatus.BEHIND: "#b00020",
    KpiStatus.NO_DATA: "#607d8b",
}


def _pen(colour: str, width: float, style: Qt.PenStyle = Qt.PenStyle.SolidLine) -> QPen:
    pen = QPen(QColor(colour))
    pen.setWidthF(width)
    pen.setStyle(style)
    return pen


def _on_screen(widget: QWidget) -> bool:
    """Whether any part of ``widget`` lies within its window, after clipping by every parent (a scroll area's
    viewport hides the rest of the page). ``visibleRegion`` will not do: it subtracts opaque children, and a
    chart view is covered by its own opaque viewport."""
    if not widget.isVisible():
        return False
    rect = widget.rect()
    while not widget.isWindow() and widget.parentWidget() is not None:
        rect = rect.translated(widget.pos()).intersected(widget.parentWidget().rect())
        if rect.isEmpty():
            return False
        widget = widget.parentWidget()
    return True


class KpiChartView(QWidget):
    """A caption (indicator, status) over the chart; empty with a hint when there is nothing to draw."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kpi: KpiData | None = None
        self.year: int | None = None
        self.data: KpiSeries | None = None
        self._pending = False   # the series of ``data`` are still to be drawn
        self.caption = WrappedLabel(objectName="kpiChartCaption")
        self.chart = QChart()
        self.chart.setMargins(QMargins(4, 4, 4, 4))
        self.chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        self.chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        self.view = QChartView(self.chart, objectName="kpiChart")
        self.view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.view.setMinimumHeight(240)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.caption)
        layout.addWidget(self.view)
        self.show_kpi(None, None)

    def series_named(self, name: str):
        self.draw()
        return next((s for s in self.chart.series() if s.name() == name), None)

    def show_kpi(self, kpi: KpiData | None, year: int | None) -> None:
        """Caption at once; the lines now if the chart is in view, else when it comes into view."""
        self.kpi, self.year = kpi, year
        self.data = kpi_series(kpi, year) if kpi is not None else None
        self._pending = False
        if kpi is None:
            self._clear()
            self.caption.setText(self.tr("KPIの欄を選ぶと、その推移をここに表示します。"))
            self.view.hide()
            return
        data = self.data
        progress = data.progress
        name = kpi.indicator or self.tr("（指標名なし）")
        colour = STATUS_COLOURS[progress.status]
        rate = ""
        if progress.rate is not None and progress.latest_year is not None:
            rate = self.tr("、達成率 {0}%（{1}）").format(format_number(progress.rate, 1),
                                                      format_fiscal_year(progress.latest_year))
        self.caption.setText(f'<b>{name}</b>　<span style="color:{colour}"><b>{progress.label}</b></span>{rate}')
        self.caption.setToolTip(progress.reason)
        if not self._points():
            self._clear()
            self.view.hide()
            self.caption.setText(self.caption.text() + "<br/>" + self.tr("グラフに描ける数値がありません。"))
            return
        self.view.show()
        self._pending = True
        self.chart.hide()   # not the previous KPI's lines meanwhile
        self.draw_if_exposed()

    def draw_if_exposed(self) -> None:
        """Draw the pending lines if any part of the chart is on screen (the editor calls this on scrolling)."""
        if self._pending and _on_screen(self.view):
            self.draw()

    def paintEvent(self, event) -> None:  # noqa: N802
        # Came into view some other way than scrolling (the page above it shrank, the window grew).
        super().paintEvent(event)
        if self._pending:
            QTimer.singleShot(0, self, self.draw_if_exposed)   # not after this widget is gone

    def _points(self) -> list:
        data = self.data
        return list(data.actuals) + list(data.path) + [p for p in (data.baseline, data.target) if p]

    def _clear(self) -> None:
        self.chart.removeAllSeries()
        for axis in self.chart.axes():
            self.chart.removeAxis(axis)

    def draw(self) -> None:
        """Build the series and axes of the shown KPI now (if not drawn yet)."""
        if not self._pending:
            return
        self._pending = False
        self._clear()
        self.chart.show()
        kpi, data = self.kpi, self.data
        points = self._points()
        years = [y for y, _ in points]
        first, last = min(years) - 0.4, max(years) + 0.4
        if data.path:
            self._add_line(self.tr("見込み"), data.path, _pen("#90a4ae", 1.5, Qt.PenStyle.DashLine))
        if data.baseline:
            self._add_line(self.tr("基準値"), [(first, data.baseline[1]), (last, data.baseline[1])],
                           _pen("#78909c", 1.5, Qt.PenStyle.DotLine), marker=(data.baseline, "#78909c", True))
        if data.target:
            self._add_line(self.tr("目標値"), [(first, data.target[1]), (last, data.target[1])],
                           _pen("#c00000", 2, Qt.PenStyle.DashLine), marker=(data.target, "#c00000", False))
        actual = self._add_line(self.tr("実績"), data.actuals, _pen("#1565c0", 3))
        actual.setPointsVisible(True)
        x_axis, y_axis = QValueAxis(), QValueAxis()
        x_axis.setRange(first, last)
        x_axis.setTickType(QValueAxis.TickType.TicksDynamic)
        x_axis.setTickAnchor(min(years))
        x_axis.setTickInterval(max(1, round((last - first) / 8)))
        x_axis.setLabelFormat("%d")
        x_axis.setTitleText(self.tr("年度"))
        values = [float(v) for _, v in points]
        lo, hi = min(values), max(values)
        if lo >= 0 and (hi <= 0 or lo <= hi * 0.5):
            lo = 0.0
        pad = (hi - lo) * 0.1 or abs(hi) * 0.1 or 1.0
        y_axis.setRange(lo if lo == 0.0 else lo - pad, hi + pad)
        y_axis.applyNiceNumbers()
        y_axis.setTitleText(kpi.unit)
        self.chart.addAxis(x_axis, Qt.AlignmentFlag.AlignBottom)
        self.chart.addAxis(y_axis, Qt.AlignmentFlag.AlignLeft)
        for s in self.chart.series():
            s.attachAxis(x_axis)
            s.attachAxis(y_axis)

    def _add_line(self, name: str, points, pen: QPen, marker=None) -> QLineSeries:
        line = QLineSeries()
        line.setName(name)
        line.setPen(pen)
        for x, y in points:
            line.append(float(x), float(y))
        self.chart.addSeries(line)
        if marker is not None:
            (x, y), colour, square = marker
            dot = QScatterSeries()
            dot.setName(name + self.tr("（年度）"))
            dot.setMarkerShape(QScatterSeries.MarkerShape.MarkerShapeRectangle if square
                               else QScatterSeries.MarkerShape.MarkerShapeRotatedRectangle)
            dot.setMarkerSize(11)
            dot.setColor(QColor(colour))
            dot.setBorderColor(QColor(colour))
            dot.append(float(x), float(y))
            self.chart.addSeries(dot)
            self.chart.legend().markers(dot)[0].setVisible(False)
        return line
