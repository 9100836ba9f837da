"""A heavy sheet (30 KPIs, citations) opens without building every KPI card first, yet every KPI is there
for whoever needs it: scrolling, the validation panel, find, typing and autosave."""

from __future__ import annotations

from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QApplication

from desktop.survey.sheet import CitationData, ItemData, KpiData
from tests.factories import complete_sheet
from tests.ui.helpers import TIMEOUT_MS, type_into, wait_saved

ITEMS, PER_ITEM = 10, 3
LAST_NAME = "量子暗号通信の実証件数"


def _heavy_sheet(survey):
    items = [ItemData(title=f"実施項目その{i + 1}", kpis=[KpiData(
        indicator=f"指標{i * PER_ITEM + k + 1}", unit="件", baseline_value="0", baseline_year=2023,
        target_value="10", target_year=2030, actuals={2024: "2", 2025: "3"}) for k in range(PER_ITEM)])
        for i in range(ITEMS)]
    last = items[-1].kpis[-1]
    last.indicator, last.target_value = LAST_NAME, "未定"   # the 30th KPI has a problem to jump to
    sheet = complete_sheet(survey, items=items)
    sheet.fields["content"] = "国際指針の普及を行う。" * 20
    sheet.citations = [CitationData(field_key="content", passage_id=None, quoted_text=f"引用{n}",
                                    reference=f"出典{n}", position=n * 10) for n in range(20)]
    return sheet


def _open_heavy(qtbot, app):
    saved = app.services.repository().create_sheet(_heavy_sheet(app.survey))
    editor = app.window.editor
    editor.scroll.verticalScrollBar().setValue(0)
    doc = app.workspace.open_sheet(saved.id)
    qtbot.waitUntil(lambda: editor.doc is doc, timeout=TIMEOUT_MS)
    return doc


def _in_view(editor, widget) -> bool:
    top = widget.mapTo(editor.scroll.widget(), QPoint(0, 0)).y()
    value = editor.scroll.verticalScrollBar().value()
    return value <= top and top + widget.height() <= value + editor.scroll.viewport().height()


def test_a_heavy_sheet_opens_with_cards_out_of_view_pending_and_all_come_editable(qtbot, make_app, seeded_db):
    app = make_app(seeded_db)
    doc = _open_heavy(qtbot, app)
    kpis = app.window.editor.kpi_editor
    # At the top of the sheet the KPI section is out of view: its cards wait until the page has painted.
    assert not kpis.all_built()
    qtbot.waitUntil(kpis.all_built, timeout=TIMEOUT_MS)
    rows = [row for card in kpis.built_cards() for row in card.rows]
    assert [r.kpi for r in rows] == [k for _i, k in doc.sheet.all_kpis()]
    assert len(rows) == ITEMS * PER_ITEM
    assert rows[-1].lines["indicator"].text() == LAST_NAME
    assert all(r.isVisible() and r.lines["indicator"].isEnabled() and not r.lines["indicator"].isReadOnly()
               for r in rows)
    assert [c.title.text() for c in kpis.built_cards()] == [f"実施項目その{i + 1}" for i in range(ITEMS)]
    assert kpis.built_cards()[-1].down.isEnabled() is False and kpis.built_cards()[-1].up.isEnabled()


def test_the_validation_panel_jumps_to_the_30th_kpi_before_it_was_built(qtbot, make_app, seeded_db):
    app = make_app(seeded_db)
    doc = _open_heavy(qtbot, app)
    editor, kpis = app.window.editor, app.window.editor.kpi_editor
    assert not kpis.all_built()
    tree = app.window.validation_panel.current
    qtbot.waitUntil(lambda: any("未定" in tree.topLevelItem(i).text(1) for i in range(tree.topLevelItemCount())),
                    timeout=TIMEOUT_MS)
    item = next(tree.topLevelItem(i) for i in range(tree.topLevelItemCount())
                if "未定" in tree.topLevelItem(i).text(1))
    tree.itemClicked.emit(item, 1)
    focused = QApplication.focusWidget()
    last = doc.sheet.items[-1].kpis[-1]
    assert focused is kpis.row_for(last).lines["indicator"] and focused.text() == LAST_NAME
    qtbot.waitUntil(lambda: _in_view(editor, focused), timeout=TIMEOUT_MS)
    # The cards above, built afterwards, do not push it out of view.
    qtbot.waitUntil(kpis.all_built, timeout=TIMEOUT_MS)
    QApplication.processEvents()
    assert _in_view(editor, focused)


def test_find_reaches_the_30th_kpi_before_it_was_scrolled_to(qtbot, make_app, seeded_db):
    app = make_app(seeded_db)
    _open_heavy(qtbot, app)
    editor = app.window.editor
    assert not editor.kpi_editor.all_built()
    app.window.actions.find.trigger()
    bar = editor.find_bar
    type_into(qtbot, bar.query, "量子暗号")
    assert bar.count.text() == "1 件中 1 件目"
    match = bar.current()
    assert match.widget.objectName() == "kpi_indicator" and match.widget.text() == LAST_NAME
    assert match.widget.property("found") == "current"
    qtbot.waitUntil(lambda: _in_view(editor, match.widget), timeout=TIMEOUT_MS)


def test_typing_into_a_card_built_later_autosaves(qtbot, make_app, seeded_db, read_repo):
    app = make_app(seeded_db)
    doc = _open_heavy(qtbot, app)
    editor, kpis = app.window.editor, app.window.editor.kpi_editor
    qtbot.waitUntil(kpis.all_built, timeout=TIMEOUT_MS)
    last = doc.sheet.items[-1].kpis[-1]
    actual = kpis.row_for(last).lines["actual"]
    editor.scroll.ensureWidgetVisible(actual)
    actual.selectAll()
    type_into(qtbot, actual, "7")
    assert last.actual(2025) == "7"
    wait_saved(qtbot, app)
    stored = read_repo(seeded_db).get_sheet(doc.sheet_id)
    assert stored.items[-1].kpis[-1].actual(2025) == "7"
    # Undo brings the old value back into the row.
    app.window.actions.undo.trigger()
    assert actual.text() == "3"


def test_a_read_only_sheet_locks_the_cards_built_later(qtbot, make_app, seeded_db):
    app = make_app(seeded_db)
    editor = app.window.editor
    editor.set_read_only(True)
    _open_heavy(qtbot, app)
    kpis = editor.kpi_editor
    qtbot.waitUntil(kpis.all_built, timeout=TIMEOUT_MS)
    rows = [row for card in kpis.built_cards() for row in card.rows]
    assert all(r.lines["indicator"].isReadOnly() and not r.kind_combo.isEnabled() for r in rows)
    editor.set_read_only(False)
    assert all(not r.lines["indicator"].isReadOnly() and r.kind_combo.isEnabled() for r in rows)
    assert not kpis.built_cards()[0].up.isEnabled()   # disabled for its own reason, it stays so


def test_a_kpi_marked_before_its_card_was_built_is_shaded_once_built(qtbot, make_app, seeded_db):
    app = make_app(seeded_db)
    doc = _open_heavy(qtbot, app)
    editor, kpis = app.window.editor, app.window.editor.kpi_editor
    editor.marks.ask_reason = lambda *_a, **_k: "調整中"
    last = doc.sheet.items[-1].kpis[-1]
    assert kpis.row_for(last, build=False) is None
    assert editor.marks.mark_kpi(last)
    qtbot.waitUntil(kpis.all_built, timeout=TIMEOUT_MS)
    assert "c62828" in kpis.row_for(last).styleSheet()          # shaded, with the bar
    assert "c62828" not in kpis.row_for(doc.sheet.items[0].kpis[0]).styleSheet()


def test_tab_goes_through_the_items_in_order_into_cards_not_built_yet(qtbot, make_app, seeded_db):
    from PySide6.QtCore import Qt

    app = make_app(seeded_db)
    doc = _open_heavy(qtbot, app)
    editor, kpis = app.window.editor, app.window.editor.kpi_editor
    assert kpis.row_for(doc.sheet.items[-1].kpis[0], build=False) is None
    # From the field above the items, Tab goes to the first item's name.
    outcome = editor.texts["outcome"].edit
    outcome.setFocus()
    qtbot.keyClick(outcome, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is kpis.card_at(0).title
    # From the end of the ninth item, Tab goes on to the tenth (built then), and after it to 「＋ 実施項目を追加」.
    ninth = kpis.card_at(ITEMS - 2)
    ninth.remove.setFocus()
    qtbot.keyClick(ninth.remove, Qt.Key.Key_Tab)
    tenth = kpis.card_at(ITEMS - 1)
    assert QApplication.focusWidget() is tenth.title and tenth.title.text() == f"実施項目その{ITEMS}"
    tenth.remove.setFocus()
    qtbot.keyClick(tenth.remove, Qt.Key.Key_Tab)
    assert QApplication.focusWidget().objectName() == "addItem"


def test_citation_lists_come_with_the_sheet_and_keep_the_view_still(qtbot, make_app, seeded_db):
    app = make_app(seeded_db)
    editor = app.window.editor
    _open_heavy(qtbot, app)
    label = editor.texts["content"].citations_label
    qtbot.waitUntil(lambda: label.isVisible() and "[20]" in label.text(), timeout=TIMEOUT_MS)
    assert "「引用0」" in label.text() and "「引用19」" in label.text()
    # Another such sheet opened while scrolled down to the items: the lists above appear without moving the view.
    qtbot.waitUntil(editor.kpi_editor.all_built, timeout=TIMEOUT_MS)
    editor.scroll.verticalScrollBar().setValue(editor.kpi_editor.card_at(4).mapTo(editor.scroll.widget(),
                                                                                    QPoint(0, 0)).y())
    QApplication.processEvents()
    at = editor.scroll.verticalScrollBar().value()
    other = app.services.repository().create_sheet(_heavy_sheet(app.survey))
    app.workspace.open_sheet(other.id)
    assert editor.texts["content"].list_pending   # held back for the first paint
    qtbot.waitUntil(lambda: not editor.texts["content"].list_pending, timeout=TIMEOUT_MS)
    QApplication.processEvents()
    assert "[20]" in label.text()
    assert abs(editor.scroll.verticalScrollBar().value() - at) <= 8
