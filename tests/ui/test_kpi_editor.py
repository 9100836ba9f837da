"""The 実施項目・KPI editor: items with KPIs or a plan text, numbers checked, last year's actual."""

from __future__ import annotations

from desktop.survey.sheet import ItemData, KpiData
from tests.ui.helpers import TIMEOUT_MS, new_sheet, type_into, wait_saved


def _kpi_editor(app):
    return app.window.editor.kpi_editor


def test_add_items_and_kpis_type_values_and_reorder(qtbot, make_app, read_repo, seeded_db):
    db = seeded_db
    app = make_app(db)
    doc = new_sheet(qtbot, app)
    kpis = _kpi_editor(app)
    add_item = kpis.findChildren(object, "addItem")[0]
    add_item.click()
    add_item.click()
    assert len(doc.sheet.items) == 2 and len(kpis.cards) == 2
    first, second = kpis.cards
    type_into(qtbot, first.title, "普及啓発")
    type_into(qtbot, second.title, "人材育成")
    first.findChildren(object, "addKpi")[0].click()
    row = kpis.cards[0].rows[0]
    type_into(qtbot, row.lines["indicator"], "研修受講者数")
    type_into(qtbot, row.lines["unit"], "人")
    type_into(qtbot, row.lines["baseline_value"], "120")
    type_into(qtbot, row.lines["target_value"], "1,000")
    row.target_year.setCurrentIndex(row.target_year.findData(2027))
    row.target_year.activated.emit(row.target_year.currentIndex())
    type_into(qtbot, row.lines["actual"], "450")
    type_into(qtbot, kpis.cards[1].plan, "令和8年度にKPIを設定する予定")

    kpis.cards[1].up.click()   # 人材育成 moves first
    assert [i.title for i in doc.sheet.items] == ["人材育成", "普及啓発"]
    wait_saved(qtbot, app)
    stored = read_repo(db).get_sheet(doc.sheet_id)
    assert [i.title for i in stored.items] == ["人材育成", "普及啓発"]
    kpi = stored.items[1].kpis[0]
    assert (kpi.indicator, kpi.unit, kpi.baseline_value, kpi.target_value, kpi.target_year) == \
        ("研修受講者数", "人", "120", "1,000", 2027)
    assert kpi.actuals == {doc.sheet.fiscal_year: "450"}
    assert stored.items[0].plan_text == "令和8年度にKPIを設定する予定"

    # Saving again must update the same rows, not re-create them.
    ids = [i.id for i in stored.items]
    type_into(qtbot, _kpi_editor(app).cards[0].title, "（拡充）")
    wait_saved(qtbot, app)
    again = read_repo(db).get_sheet(doc.sheet_id)
    assert [i.id for i in again.items] == ids
    assert again.items[1].kpis[0].id == kpi.id


def test_numbers_are_checked_as_numbers(qtbot, make_app, seeded_db):
    app = make_app(seeded_db)
    new_sheet(qtbot, app)
    kpis = _kpi_editor(app)
    kpis.findChildren(object, "addItem")[0].click()
    kpis.cards[0].findChildren(object, "addKpi")[0].click()
    row = kpis.cards[0].rows[0]
    type_into(qtbot, row.lines["target_value"], "たくさん")
    assert row.lines["target_value"].property("invalid") is True
    row.lines["target_value"].clear()
    type_into(qtbot, row.lines["target_value"], "１２０")   # 全角 digits are numbers
    assert row.lines["target_value"].property("invalid") is False
    type_into(qtbot, row.lines["actual"], "-")            # 該当なし
    assert row.lines["actual"].property("invalid") is False
    app.workspace.validate_now()
    assert not any("数値ではありません" in p.message for p in app.workspace.last_problems)


def test_last_years_actual_is_shown_read_only(qtbot, make_app, seeded_db):
    app = make_app(seeded_db)
    repo = app.services.repository()
    from desktop.survey.sheet import SheetData

    saved = repo.create_sheet(SheetData(
        survey_key=app.survey.key, fiscal_year=2026, fields={"title": "継続施策"},
        items=[ItemData(title="項目", kpis=[KpiData(indicator="件数", unit="件", actuals={2025: "7", 2026: "9"})])]))
    app.workspace.set_services(app.services)
    app.workspace.open_sheet(saved.id)
    row = _kpi_editor(app).cards[0].rows[0]
    assert row.last_year.text() == "7"
    assert row.lines["actual"].text() == "9"
    assert not hasattr(row.last_year, "setReadOnly") or row.last_year.isReadOnly()


def test_removing_an_item_can_be_undone_with_its_kpis(qtbot, make_app, seeded_db):
    app = make_app(seeded_db)
    doc = new_sheet(qtbot, app)
    kpis = _kpi_editor(app)
    kpis.findChildren(object, "addItem")[0].click()
    kpis.cards[0].findChildren(object, "addKpi")[0].click()
    type_into(qtbot, kpis.cards[0].rows[0].lines["indicator"], "指標")
    kpis.cards[0].remove.click()
    assert doc.sheet.items == []
    app.window.actions.undo.trigger()
    qtbot.waitUntil(lambda: len(_kpi_editor(app).cards) == 1, timeout=TIMEOUT_MS)
    assert doc.sheet.items[0].kpis[0].indicator == "指標"
    assert _kpi_editor(app).cards[0].rows[0].lines["indicator"].text() == "指標"
