"""The mouse wheel scrolls the form and never changes a drop-down or spin box that has no focus."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import (
    QAbstractSlider,
    QApplication,
    QComboBox,
    QDialog,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop.ui.wheel_guard import is_guarded_kind
from tests.ui.helpers import TIMEOUT_MS, wait_saved

NOTCH = 120


def wheel(widget: QWidget, notches: int) -> None:
    """A mouse wheel turned over the middle of ``widget`` (negative: towards the user, scrolls down)."""
    pos = QPointF(widget.rect().center())
    event = QWheelEvent(pos, QPointF(widget.mapToGlobal(pos.toPoint())), QPoint(), QPoint(0, notches * NOTCH),
                        Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase,
                        False)
    QApplication.sendEvent(widget, event)


def value_of(widget: QWidget):
    if isinstance(widget, QComboBox):
        return widget.currentIndex(), widget.currentText()
    return widget.value()


def _open_sheet_with_kpis(qtbot, app):
    repo = app.services.repository()
    for row in range(app.list_model.rowCount()):
        sheet_id = app.list_model.sheet_id(row)
        if any(k.target_year for _i, k in repo.get_sheet(sheet_id).all_kpis()):
            doc = app.workspace.open_sheet(sheet_id)
            qtbot.waitUntil(lambda: app.window.editor.doc is doc, timeout=TIMEOUT_MS)
            # the KPI cards out of view are built once the page has painted (KpiEditor)
            qtbot.waitUntil(app.window.editor.kpi_editor.all_built, timeout=TIMEOUT_MS)
            return doc
    raise AssertionError("the demo has no sheet with a KPI target year")


def _editor_value_widgets(app) -> list[QWidget]:
    page = app.window.editor.scroll.widget()
    return [w for w in page.findChildren(QWidget) if is_guarded_kind(w) and w.isVisible()]


def test_wheel_over_every_value_widget_scrolls_the_form_and_changes_nothing(qtbot, make_app, demo_db, read_repo):
    app = make_app(demo_db)
    doc = _open_sheet_with_kpis(qtbot, app)
    editor = app.window.editor
    widgets = _editor_value_widgets(app)
    names = {w.objectName() for w in widgets}
    # 施策分類, 状態, KPI 種類, 基準年度 and 目標年度 of every KPI row
    assert {"classificationCombo", "statusCombo", "kpiKind", "kpi_baseline_year", "kpi_target_year"} <= names
    kpi_rows = sum(len(c.rows) for c in editor.kpi_editor.cards)
    assert sum(w.objectName() == "kpi_target_year" for w in widgets) == kpi_rows
    stored_before = read_repo(demo_db).get_sheet(doc.sheet_id)
    sheet_before, _refs = doc.snapshot()
    bar = editor.scroll.verticalScrollBar()
    app.window.list_view.table.setFocus()   # the person was using the list, not the form
    QApplication.processEvents()

    for widget in widgets:
        editor.scroll.ensureWidgetVisible(widget, 0, 200)
        QApplication.processEvents()
        before_value, before_scroll = value_of(widget), bar.value()
        notches = -2 if before_scroll < bar.maximum() else 2
        wheel(widget, notches)
        QApplication.processEvents()
        where = f"{widget.objectName()} at scroll {before_scroll}"
        assert value_of(widget) == before_value, where
        assert bar.value() != before_scroll, f"the form did not scroll: {where}"
        assert not doc.is_dirty, where
        assert widget.focusPolicy() != Qt.FocusPolicy.WheelFocus and not widget.hasFocus(), where

    assert doc.snapshot()[0] == sheet_before
    assert app.undo_stack.count() == 0
    app.save_now()
    wait_saved(qtbot, app)
    stored = read_repo(demo_db).get_sheet(doc.sheet_id)
    assert stored.version == stored_before.version
    assert (stored.classification, stored.status) == (stored_before.classification, stored_before.status)
    assert [(k.kind, k.baseline_year, k.target_year) for _i, k in stored.all_kpis()] == \
        [(k.kind, k.baseline_year, k.target_year) for _i, k in stored_before.all_kpis()]


def test_with_focus_the_wheel_still_changes_the_value(qtbot, make_app, demo_db, read_repo):
    app = make_app(demo_db)
    doc = _open_sheet_with_kpis(qtbot, app)
    editor = app.window.editor
    row = editor.kpi_editor.cards[0].rows[0] if editor.kpi_editor.cards[0].rows else \
        next(r for c in editor.kpi_editor.cards for r in c.rows)
    combo = row.target_year
    editor.scroll.ensureWidgetVisible(combo, 0, 200)
    combo.setFocus(Qt.FocusReason.MouseFocusReason)   # clicked first, as staff do
    qtbot.waitUntil(combo.hasFocus, timeout=TIMEOUT_MS)
    before, scroll = combo.currentData(), editor.scroll.verticalScrollBar().value()
    wheel(combo, -1)
    assert combo.currentData() != before
    assert row.kpi.target_year == combo.currentData()
    assert editor.scroll.verticalScrollBar().value() == scroll
    wait_saved(qtbot, app)
    stored = read_repo(demo_db).get_sheet(doc.sheet_id)
    assert any(k.key == row.kpi.key and k.target_year == combo.currentData() for _i, k in stored.all_kpis())


def test_value_widgets_created_later_are_guarded_too(qtbot, make_app, seeded_db):
    """A dialog built after start (a spin box and a drop-down in a scroll area) follows the same rule."""
    app = make_app(seeded_db)
    visible = [w for w in app.window.findChildren(QWidget) if is_guarded_kind(w) and w.isVisible()]
    assert visible and all(w.focusPolicy() != Qt.FocusPolicy.WheelFocus for w in visible)   # list filters too

    dialog = QDialog(app.window)
    area = QScrollArea(dialog)
    page = QWidget()
    column = QVBoxLayout(page)
    combos = []
    for i in range(20):
        combo = QComboBox()
        combo.addItems(["一", "二", "三"])
        column.addWidget(combo)
        combos.append(combo)
    spin = QSpinBox()
    column.addWidget(spin)
    area.setWidget(page)
    area.setWidgetResizable(True)
    QVBoxLayout(dialog).addWidget(area)
    dialog.resize(300, 200)
    dialog.show()
    qtbot.waitExposed(dialog)
    bar = area.verticalScrollBar()
    for widget in (combos[1], spin):
        area.ensureWidgetVisible(widget)
        QApplication.processEvents()
        before, scroll = value_of(widget), bar.value()
        wheel(widget, -1 if scroll < bar.maximum() else 1)
        assert value_of(widget) == before
        assert bar.value() != scroll
    assert isinstance(bar, QAbstractSlider) and not is_guarded_kind(bar)   # scroll bars keep the wheel
    dialog.close()
