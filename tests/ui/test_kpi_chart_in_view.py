"""The KPI chart draws its lines when staff scroll to it, not on every sheet passed through (sheet switching)."""

from __future__ import annotations

from tests.ui.test_annual_gui import PIRACY, _open


def test_chart_lines_are_drawn_once_the_chart_is_scrolled_into_view(qtbot, make_app, demo_db, read_repo):
    app = make_app(demo_db)
    editor = app.window.editor
    editor.scroll.verticalScrollBar().setValue(0)
    doc = _open(app, read_repo, demo_db, PIRACY)
    chart = editor.kpi_chart
    qtbot.waitUntil(lambda: editor.scroll.widget().isVisible())

    # At the top of the sheet the chart is out of view: its caption is there, its lines are not built yet.
    assert chart.kpi is doc.sheet.all_kpis()[0][1]
    assert "遅れ" in chart.caption.text()
    assert chart.chart.series() == []

    # Scrolling to the KPI section draws them.
    editor.scroll_to_section(editor.kpi_editor.field_key)
    editor.scroll.ensureWidgetVisible(chart.view)
    qtbot.waitUntil(lambda: len(chart.chart.series()) > 0)
    assert [(p.x(), p.y()) for p in chart.series_named("実績").points()] == [(2023, 2.2), (2024, 2.0), (2025, 1.9)]

    # Switching to another sheet while the chart is in view draws that sheet's KPI at once.
    other = next(s for s in read_repo(demo_db).load_sheets()
                 if s.id != doc.sheet_id and any(k.quantitative and k.actuals for _i, k in s.all_kpis()))
    app.workspace.open_sheet(other.id)
    editor.scroll.ensureWidgetVisible(chart.view)
    qtbot.waitUntil(lambda: chart.series_named("実績") is not None and chart.kpi is not None)
    assert chart.kpi.indicator in chart.caption.text()
