"""The editor fits a government laptop's screen: no sideways scrolling, and most of the window."""

from __future__ import annotations

import pytest

from tests.ui.helpers import TIMEOUT_MS, new_sheet, type_into


def _sheet_with_kpi_data(qtbot, app):
    """A new sheet with an item and a KPI whose fields are filled, as staff would."""
    doc = new_sheet(qtbot, app)
    kpis = app.window.editor.kpi_editor
    kpis.findChildren(object, "addItem")[0].click()
    kpis.cards[0].findChildren(object, "addKpi")[0].click()
    row = kpis.cards[0].rows[0]
    type_into(qtbot, row.lines["indicator"], "研修を受講した地方公共団体職員の累計人数")
    type_into(qtbot, row.lines["unit"], "人（累計）")
    type_into(qtbot, row.lines["baseline_value"], "1,200")
    type_into(qtbot, row.lines["target_value"], "10,000")
    type_into(qtbot, row.lines["actual"], "4,500")
    type_into(qtbot, row.lines["data_source"], "総務省調べ")
    return doc


def _settle(qtbot, app, size):
    window = app.window
    window.resize(*size)
    qtbot.waitUntil(lambda: window.width() == size[0] and window.height() == size[1], timeout=TIMEOUT_MS)
    qtbot.wait(50)   # one turn of the event loop: the dock and splitter sizes follow the window


@pytest.mark.parametrize("size", [(1280, 800), (1366, 768), (1500, 900)])
def test_editor_fits_a_laptop_screen_without_sideways_scrolling(qtbot, make_app, seeded_db, size):
    app = make_app(seeded_db)
    _sheet_with_kpi_data(qtbot, app)
    _settle(qtbot, app, size)
    scroll = app.window.editor.scroll
    qtbot.waitUntil(lambda: scroll.horizontalScrollBar().maximum() == 0, timeout=TIMEOUT_MS)
    assert not scroll.horizontalScrollBar().isVisible()
    assert scroll.widget().width() <= scroll.viewport().width()
    viewport = scroll.viewport()
    assert viewport.width() >= size[0] * 0.55, viewport.width()
    assert viewport.height() >= size[1] * 0.6, viewport.height()
    assert not app.window.source_dock.isVisible()   # folded away; its button is in the menu bar
    assert app.window.findChild(object, "sourcePanelButton").isVisible()


@pytest.mark.parametrize("size", [(1280, 800), (1366, 768)])
def test_kpi_rows_wrap_when_the_source_panel_is_shown(qtbot, make_app, seeded_db, size):
    """With the 資料 panel open beside it on a laptop screen, the KPI rows take two lines instead of overflowing."""
    app = make_app(seeded_db)
    _sheet_with_kpi_data(qtbot, app)
    _settle(qtbot, app, size)
    app.window.findChild(object, "sourcePanelButton").click()
    assert app.window.source_dock.isVisible()
    scroll, kpis = app.window.editor.scroll, app.window.editor.kpi_editor
    qtbot.waitUntil(lambda: kpis.narrow, timeout=TIMEOUT_MS)
    qtbot.waitUntil(lambda: scroll.horizontalScrollBar().maximum() == 0, timeout=TIMEOUT_MS)
    row = kpis.cards[0].rows[0]
    # 単位 and 当年度実績 have a line of their own, inside the visible width
    for attr in ("unit", "actual"):
        line = row.lines[attr]
        right = line.mapTo(scroll.widget(), line.rect().topRight()).x()
        assert right <= scroll.viewport().width(), attr
    assert row.lines["unit"].y() > row.lines["indicator"].y()


def test_panel_choice_is_remembered(qtbot, make_app, seeded_db, settings_factory):
    settings = settings_factory()
    app = make_app(seeded_db, settings=settings)
    assert not app.window.source_dock.isVisible()
    app.window.findChild(object, "sourcePanelButton").click()
    app.window.findChild(object, "validationPanelButton").click()
    assert app.window.source_dock.isVisible() and not app.window.validation_dock.isVisible()
    app.window.close()
    again = make_app(seeded_db, settings=settings_factory())
    assert again.window.source_dock.isVisible()
    assert not again.window.validation_dock.isVisible()
    again.window.source_dock.close()   # the dock's own ✕ is a choice too
    again.window.close()
    third = make_app(seeded_db, settings=settings_factory())
    assert not third.window.source_dock.isVisible()


def test_library_search_shows_the_folded_source_panel(qtbot, make_app, seeded_db):
    app = make_app(seeded_db)
    assert not app.window.source_dock.isVisible()
    app.window.actions.find_sources.trigger()
    assert app.window.source_dock.isVisible()
    assert app.window.source_panel.search.hasFocus() or app.window.source_panel.isAncestorOf(
        app.window.focusWidget())


def test_a_kpi_with_many_years_of_actuals_does_not_push_the_page_sideways(qtbot, make_app, seeded_db):
    """The 年度別の推移 table of twenty years is wider than the three-pair rows: the rows take two columns."""
    from desktop.survey.sheet import ItemData, KpiData, SheetData

    app = make_app(seeded_db)
    actuals = {year: str(100 + year % 100) for year in range(2006, 2026)}
    saved = app.services.repository().create_sheet(SheetData(
        survey_key=app.survey.key, fiscal_year=2025, fields={"title": "長く続く施策"},
        items=[ItemData(title="項目", kpis=[KpiData(indicator="件数", unit="件", baseline_value="100",
                                                    target_value="200", target_year=2030, actuals=actuals)])]))
    app.list_model.reload()
    _settle(qtbot, app, (1500, 900))
    app.workspace.open_sheet(saved.id)
    scroll, kpis = app.window.editor.scroll, app.window.editor.kpi_editor
    qtbot.waitUntil(lambda: kpis.narrow, timeout=TIMEOUT_MS)
    qtbot.wait(50)   # the page takes its new width
    assert scroll.horizontalScrollBar().maximum() == 0
    assert scroll.widget().width() <= scroll.viewport().width()
    assert "令和7年度" in kpis.cards[0].rows[0].earlier.text()
    # Another sheet whose rows fit gets the wide rows back.
    other = app.services.repository().create_sheet(SheetData(
        survey_key=app.survey.key, fiscal_year=2025, fields={"title": "短い施策"},
        items=[ItemData(title="項目", kpis=[KpiData(indicator="件数", unit="件", actuals={2025: "1"})])]))
    app.workspace.open_sheet(other.id)
    qtbot.waitUntil(lambda: not kpis.narrow, timeout=TIMEOUT_MS)
    qtbot.wait(50)
    assert scroll.horizontalScrollBar().maximum() == 0
