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


def _choose(combo, data):
    combo.setCurrentIndex(combo.findData(data))
    combo.activated.emit(combo.currentIndex())


def test_qualifier_kind_and_direction_are_edited_saved_and_judged(qtbot, make_app, read_repo, seeded_db):
    from desktop.survey.sheet import Direction, Qualifier, TargetKind

    app = make_app(seeded_db)
    doc = new_sheet(qtbot, app)
    kpis = _kpi_editor(app)
    kpis.findChildren(object, "addItem")[0].click()
    kpis.cards[0].findChildren(object, "addKpi")[0].click()
    row = kpis.cards[0].rows[0]
    type_into(qtbot, row.lines["indicator"], "GII順位")
    type_into(qtbot, row.lines["unit"], "位")
    type_into(qtbot, row.lines["baseline_value"], "13")
    row.baseline_year.setCurrentIndex(row.baseline_year.findData(doc.sheet.fiscal_year - 2))
    row.baseline_year.activated.emit(row.baseline_year.currentIndex())
    type_into(qtbot, row.lines["target_value"], "4")
    type_into(qtbot, row.lines["actual"], "12")
    assert row.progress.text().startswith("達成")         # read as a plain target of 4 upwards: wrong
    _choose(row.qualifier, Qualifier.WITHIN.value)
    kpi = doc.sheet.items[0].kpis[0]
    assert (kpi.qualifier, kpi.direction) == (Qualifier.WITHIN, Direction.DOWN)   # 以内 turns it downwards
    assert not row.progress.text().startswith("達成")
    assert row.direction.currentData() == Direction.DOWN.value
    wait_saved(qtbot, app)
    stored = read_repo(seeded_db).get_sheet(doc.sheet_id).items[0].kpis[0]
    assert (stored.qualifier, stored.direction, stored.target_value) == (Qualifier.WITHIN, Direction.DOWN, "4")

    # a relative target: +10 from the baseline
    _choose(row.qualifier, None)
    _choose(row.direction, Direction.UP.value)
    _choose(row.target_kind, TargetKind.INCREASE.value)
    row.lines["target_value"].clear()
    type_into(qtbot, row.lines["target_value"], "10")
    row.lines["actual"].clear()
    type_into(qtbot, row.lines["actual"], "18")
    assert "50%" in row.progress.text()                  # 5 of the 10 points
    assert "目標の水準 23位" in row.progress.text()        # 13 + 10, computed for the person
    wait_saved(qtbot, app)
    stored = read_repo(seeded_db).get_sheet(doc.sheet_id).items[0].kpis[0]
    assert (stored.qualifier, stored.target_kind, stored.direction) == (None, TargetKind.INCREASE, Direction.UP)
    def place(widget):
        return row.grid.getItemPosition(row.grid.indexOf(widget))[:2]

    app.workspace.editor.kpi_editor.set_narrow(False)
    wide = [place(w) for w in (row.qualifier, row.target_kind, row.direction)]
    app.workspace.editor.kpi_editor.set_narrow(True)     # the narrow arrangement keeps the new fields, two a line
    narrow = [place(w) for w in (row.qualifier, row.target_kind, row.direction)]
    assert wide[0][0] == wide[2][0] and narrow[0][0] != narrow[2][0] and all(c < 4 for _, c in narrow)
    assert row.target_kind.currentData() == TargetKind.INCREASE.value


def test_a_reduction_target_is_judged_downwards_whatever_the_direction_said(qtbot, make_app, seeded_db):
    from desktop.survey.sheet import Direction, TargetKind

    app = make_app(seeded_db)
    doc = new_sheet(qtbot, app)
    kpis = _kpi_editor(app)
    kpis.findChildren(object, "addItem")[0].click()
    kpis.cards[0].findChildren(object, "addKpi")[0].click()
    row = kpis.cards[0].rows[0]
    _choose(row.target_kind, TargetKind.REDUCTION.value)
    assert doc.sheet.items[0].kpis[0].direction is Direction.DOWN


def test_the_form_line_a_kpi_was_read_from_is_shown_read_only_beside_it(qtbot, make_app, seeded_db):
    app = make_app(seeded_db)
    repo = app.services.repository()
    from desktop.survey.sheet import SheetData

    line = "研修修了者数：令和9年度までに累計100名"
    saved = repo.create_sheet(SheetData(
        survey_key=app.survey.key, fiscal_year=2026, fields={"title": "取り込んだ施策"},
        items=[ItemData(title="項目", kpis=[KpiData(indicator="研修修了者数", unit="名", target_value="100",
                                                  source_text=line), KpiData(indicator="相談件数")])]))
    app.workspace.set_services(app.services)
    app.workspace.open_sheet(saved.id)
    read, typed = _kpi_editor(app).cards[0].rows
    assert read.source_text.text() == "調査票の記載：" + line and not read.source_text.isHidden()
    assert read.lines["data_source"].text() == ""              # 指標の出典 stays the person's to fill
    assert typed.source_text.isHidden()                        # a KPI typed in the editor has no form line
    read.set_narrow(True)
    assert not read.source_text.isHidden()
