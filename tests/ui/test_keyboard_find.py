"""Keyboard use: Tab out of the list, Delete and the right-click menu there, a sensible order through
実施項目, and find in the open sheet (Ctrl+F) apart from the library search (Ctrl+Shift+F)."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QMenu, QMessageBox

from desktop.ui.sheet_list_model import COLUMNS
from tests.ui.helpers import TIMEOUT_MS, new_sheet, text_edit, type_into, wait_saved, wait_writer_idle


def _tab_path(qtbot, start, steps: int) -> list:
    start.setFocus(Qt.FocusReason.TabFocusReason)
    path = []
    for _ in range(steps):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        path.append(QApplication.focusWidget())
    return path


def test_tab_leaves_the_sheet_list(qtbot, make_app, demo_db):
    app = make_app(demo_db)
    table = app.window.list_view.table
    qtbot.waitUntil(lambda: app.list_model.rowCount() > 0, timeout=TIMEOUT_MS)
    table.setCurrentIndex(app.list_model.index(0, 0))
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is not table


def test_delete_key_and_context_menu_in_the_list(qtbot, make_app, demo_db, dialogs):
    app = make_app(demo_db)
    view, table = app.window.list_view, app.window.list_view.table
    qtbot.waitUntil(lambda: app.list_model.rowCount() > 2, timeout=TIMEOUT_MS)
    view.select_sheet(app.list_model.sheet_id(0))
    qtbot.waitUntil(lambda: app.workspace.doc is not None, timeout=TIMEOUT_MS)
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_Delete)   # answered No: nothing is deleted
    assert [c[1] for c in dialogs.of("question")] == ["シートの削除"]
    count = app.list_model.rowCount()

    # Right-click on the third row: it becomes the open sheet, and the menu offers its commands.
    third = app.list_model.sheet_id(2)
    rect = table.visualRect(app.list_model.index(2, COLUMNS.index("title")))
    table.customContextMenuRequested.emit(rect.center())
    assert app.workspace.doc.sheet_id == third
    menu = view.menu
    assert isinstance(menu, QMenu) and menu.isVisible()
    texts = [a.text() for a in menu.actions() if not a.isSeparator()]
    assert texts[0] == "開く" and {"シートを複製", "シートを削除…"} <= set(texts)
    delete = next(a for a in menu.actions() if a.objectName() == "deleteSheet")
    dialogs.answer("question", QMessageBox.StandardButton.Yes)
    menu.hide()
    delete.trigger()
    wait_writer_idle(qtbot, app)
    qtbot.waitUntil(lambda: app.list_model.rowCount() == count - 1, timeout=TIMEOUT_MS)
    assert app.list_model.row_of(third) is None

    # 開く (Enter) puts the focus in the editor.
    view.select_sheet(app.list_model.sheet_id(0))
    app.window.activateWindow()   # offscreen, the closed menu leaves no window active
    qtbot.waitUntil(app.window.isActiveWindow, timeout=TIMEOUT_MS)
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_Return)
    assert app.window.editor.isAncestorOf(QApplication.focusWidget())


def test_tab_order_through_an_item_and_focus_after_adding_a_kpi(qtbot, make_app, seeded_db, dialogs):
    app = make_app(seeded_db)
    doc = new_sheet(qtbot, app)
    kpis = app.window.editor.kpi_editor
    kpis.findChildren(object, "addItem")[0].click()
    card = kpis.cards[0]
    card.findChildren(object, "addKpi")[0].click()
    card = kpis.cards[0]
    row = card.rows[0]
    assert QApplication.focusWidget() is row.lines["indicator"]   # typing goes to the new KPI's name
    type_into(qtbot, row.lines["indicator"], "KPI-A")

    names = [w.objectName() for w in _tab_path(qtbot, card.title, 20)]   # 16 + 限定・種類・方向
    add_kpi = names.index("addKpi")
    assert names.index("kpi_indicator") < names.index("kpiActual") < names.index("kpiRemove") < add_kpi
    assert names.index("kpi_target_value") < names.index("kpiQualifier") < names.index("kpiTargetKind") \
        < names.index("kpiDirection") < names.index("kpiActual")
    assert add_kpi < names.index("itemPlan") < names.index("itemRemove")

    # Deleting a KPI asks first; 「いいえ」 keeps it, 「はい」 removes it.
    remove = row.findChildren(object, "kpiRemove")[0]
    remove.click()
    assert dialogs.of("question")[-1][1] == "KPIの削除" and "KPI-A" in dialogs.of("question")[-1][2]
    assert len(doc.sheet.items[0].kpis) == 1
    dialogs.answer("question", QMessageBox.StandardButton.Yes)
    remove.click()
    assert not doc.sheet.items[0].kpis


def _fill_demo_like_sheet(qtbot, app):
    doc = new_sheet(qtbot, app)
    type_into(qtbot, text_edit(app, "title"), "人材育成の施策")
    type_into(qtbot, text_edit(app, "background"), "専門人材が足りない。人材の確保が課題。")
    kpis = app.window.editor.kpi_editor
    kpis.findChildren(object, "addItem")[0].click()
    kpis.cards[0].findChildren(object, "addKpi")[0].click()
    type_into(qtbot, kpis.cards[0].rows[0].lines["indicator"], "育成した人材の数")
    wait_saved(qtbot, app)
    return doc


def test_ctrl_f_finds_in_the_sheet_and_counts(qtbot, make_app, seeded_db):
    app = make_app(seeded_db)
    _fill_demo_like_sheet(qtbot, app)
    a = app.window.actions
    assert a.find.shortcut() == QKeySequence(QKeySequence.StandardKey.Find)
    assert a.find_sources.shortcut() == QKeySequence("Ctrl+Shift+F")
    editor = app.window.editor
    editor.resize(editor.width(), 300)
    a.find.trigger()
    bar = editor.find_bar
    assert bar.isVisible() and bar.query.hasFocus()
    type_into(qtbot, bar.query, "人材")
    # title, background (twice), the KPI's name: top to bottom
    assert bar.count.text() == "4 件中 1 件目"
    assert bar.current().widget is text_edit(app, "title")
    qtbot.keyClick(bar.query, Qt.Key.Key_Return)
    assert bar.count.text() == "4 件中 2 件目"
    background = text_edit(app, "background")
    assert bar.current().widget is background
    # both matches of 背景 are shaded, and the current one is in view
    shaded = [s.cursor.selectedText() for s in background.extraSelections()]
    assert shaded.count("人材") == 2
    qtbot.keyClick(bar.query, Qt.Key.Key_Return)
    qtbot.keyClick(bar.query, Qt.Key.Key_Return)
    match = bar.current()
    assert match.widget.objectName() == "kpi_indicator" and match.widget.property("found") == "current"
    scroll = editor.scroll
    top = match.widget.mapTo(scroll.widget(), QPoint(0, 0)).y()
    assert scroll.verticalScrollBar().value() <= top <= scroll.verticalScrollBar().value() + \
        scroll.viewport().height()
    qtbot.keyClick(bar.query, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert bar.count.text() == "4 件中 3 件目"
    # Typing elsewhere while the bar is open: the matches follow, the typist's cursor stays put.
    content = text_edit(app, "content")
    type_into(qtbot, content, "人材")
    qtbot.waitUntil(lambda: bar.count.text() == "5 件中 3 件目", timeout=TIMEOUT_MS)
    assert content.hasFocus() and content.textCursor().position() == len("人材")
    bar.query.setFocus()
    qtbot.keyClick(bar.query, Qt.Key.Key_Escape)
    assert not bar.isVisible()
    assert not [s for s in background.extraSelections() if s.cursor.selectedText() == "人材"]
    assert match.widget.property("found") is None

    bar.open("見つからない語")
    assert bar.count.text() == "見つかりません"


def test_library_search_has_its_own_shortcut(qtbot, make_app, seeded_db):
    app = make_app(seeded_db)
    new_sheet(qtbot, app)
    app.window.actions.find_sources.trigger()
    assert app.window.source_dock.isVisible()
    assert app.window.source_panel.search.hasFocus()
    assert not app.window.editor.find_bar.isVisible()
    menu = [act.objectName() for act in app.window.findChild(QMenu, "editMenu").actions()]
    assert "find" in menu and "findSources" in menu


def test_opening_a_list_search_hit_scrolls_to_and_shades_the_match(qtbot, make_app, demo_db):
    app = make_app(demo_db)
    view = app.window.list_view
    qtbot.waitUntil(lambda: app.list_model.rowCount() > 0, timeout=TIMEOUT_MS)
    view.set_filters(text="広島")
    qtbot.waitUntil(lambda: 0 < app.list_model.rowCount(), timeout=TIMEOUT_MS)
    wait_writer_idle(qtbot, app)
    view.table.setFocus()
    view.select_sheet(app.list_model.sheet_id(0))
    qtbot.waitUntil(lambda: app.workspace.doc is not None, timeout=TIMEOUT_MS)
    bar = app.window.editor.find_bar
    qtbot.waitUntil(lambda: bar.current() is not None, timeout=TIMEOUT_MS)
    assert bar.isVisible() and bar.query.text() == "広島"
    assert view.table.hasFocus()   # the list keeps the keyboard: arrows still walk the hits
    match = bar.current()
    assert "広島" in (match.widget.text() if hasattr(match.widget, "text") else match.widget.toPlainText())
