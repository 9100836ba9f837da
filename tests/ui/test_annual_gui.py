"""The annual cycle in the GUI: next year's sheets, history and restore, year over year, KPI progress, overview."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from desktop.store.overview import year_overview
from desktop.store.repository import SheetFilter
from desktop.ui.diff_view import NEW_CHANGED, OLD_CHANGED
from desktop.ui.sheet_list_model import COLUMNS
from tests.ui.helpers import TIMEOUT_MS, type_into, wait_saved, wait_writer_idle

PIRACY = "海賊版対策の強化"          # demo sheet of 2025 with a predecessor and three years of a 下向き KPI
SUPPORT = "標準活用加速化支援事業"    # demo sheet of 2025 whose 施策が必要となる背景 was rewritten since 2024


def highlighted(pane, colour: str) -> list[str]:
    """The passages of a comparison pane painted in ``colour`` (the differences, as staff see them)."""
    return [s.cursor.selectedText() for s in pane.extraSelections()
            if s.format.background().color().name() == colour]


def _open(app, read_repo, db, title: str, year: int = 2025):
    repo = read_repo(db)
    sheet = next(s for s in repo.load_sheets(SheetFilter(survey_key=repo.survey.key, year=year))
                 if s.text(repo.survey.title_field).startswith(title))
    return app.workspace.open_sheet(sheet.id)


def _new_year(qtbot, app, from_year: int, to_year: int, untick: str | None = None):
    app.window.actions.new_year.trigger()
    dialog = app.annual.new_year_dialog
    dialog.from_year.setCurrentIndex(dialog.from_year.findData(from_year))
    dialog.to_year.setCurrentIndex(dialog.to_year.findData(to_year))
    if untick is not None:
        item = next(dialog.sheets.item(i) for i in range(dialog.sheets.count())
                    if dialog.sheets.item(i).text().startswith(untick))
        item.setCheckState(Qt.CheckState.Unchecked)
    plan = dialog.plan
    with qtbot.waitSignal(app.writer.idleChanged, timeout=TIMEOUT_MS):
        dialog.create_button.click()
    wait_writer_idle(qtbot, app)
    return plan, app.annual.last_result


def test_new_year_from_the_menu_is_idempotent(qtbot, make_app, demo_db, read_repo, dialogs):
    app = make_app(demo_db)
    plan, result = _new_year(qtbot, app, 2025, 2026, untick="国際標準人材の育成")
    assert len(plan.created) == 10 and not plan.existing
    assert len(result.created) == 9 and result.excluded and not result.existing
    message = dialogs.of("information")[-1][2]
    assert "9 件作成しました" in message and "除外 1 件" in message
    repo = read_repo(demo_db)
    new = repo.load_sheets(SheetFilter(survey_key=repo.survey.key, year=2026))
    assert len(new) == 9 and all(s.predecessor_id for s in new)
    assert 2026 in [app.window.list_view.year_filter.itemData(i) for i in range(app.window.list_view.year_filter.count())]

    # Again, ticking the excluded measure: only that one is created; the others are 作成済み.
    plan, result = _new_year(qtbot, app, 2025, 2026)
    assert len(plan.existing) == 9 and [s.title for s in result.created] == ["国際標準人材の育成"]
    assert "1 件作成しました" in dialogs.of("information")[-1][2]

    # A third time there is nothing left to create: every sheet is listed as 作成済み and 作成 is disabled.
    app.window.actions.new_year.trigger()
    dialog = app.annual.new_year_dialog
    dialog.from_year.setCurrentIndex(dialog.from_year.findData(2025))
    dialog.to_year.setCurrentIndex(dialog.to_year.findData(2026))
    assert dialog.plan.created == () and len(dialog.plan.existing) == 10
    assert all(dialog.sheets.item(i).text().endswith("（作成済み）") for i in range(dialog.sheets.count()))
    assert not dialog.create_button.isEnabled()
    dialog.reject()
    assert len(repo.load_sheets(SheetFilter(survey_key=repo.survey.key, year=2026))) == 10


def test_history_diff_and_restore(qtbot, make_app, demo_db, read_repo):
    app = make_app(demo_db)
    doc = _open(app, read_repo, demo_db, PIRACY)
    edit = app.window.editor.texts["issues"].edit
    original = doc.sheet.text("issues")
    type_into(qtbot, edit, "追記ABC")
    wait_saved(qtbot, app)

    app.window.actions.history.trigger()
    dialog = app.annual.history_dialog
    items = [dialog.revisions.topLevelItem(i) for i in range(dialog.revisions.topLevelItemCount())]
    newest = next(i for i in items if i.text(3) == app.survey.field("issues").label)
    assert newest.text(1) == str(max(int(i.text(1)) for i in items))       # newest first
    dialog.revisions.setCurrentItem(newest)
    assert dialog.current_field() == "field:issues"
    assert "追記ABC" in dialog.diff.right.toPlainText() and "追記ABC" not in dialog.diff.left.toPlainText()
    assert NEW_CHANGED in dialog.diff.right.toHtml().lower() or "background-color" in dialog.diff.right.toHtml()

    dialog.restore_button.click()
    qtbot.waitUntil(lambda: app.workspace.doc is not None and app.workspace.doc is not doc
                    and app.workspace.doc.sheet.text("issues") == original, timeout=TIMEOUT_MS)
    stored = read_repo(demo_db).get_sheet(doc.sheet_id)
    assert stored.text("issues") == original
    # The restore is itself a revision, listed first.
    assert dialog.revisions.topLevelItem(0).text(1) == str(stored.version)
    assert app.window.editor.texts["issues"].edit.toPlainText() == original


def test_year_over_year_toggle_highlights_the_difference(qtbot, make_app, demo_db, read_repo):
    app = make_app(demo_db)
    doc = _open(app, read_repo, demo_db, SUPPORT)
    compare = app.window.editor.compares["background"]
    assert compare.toggle.isEnabled() and not compare.diff.isVisible()
    compare.toggle.setChecked(True)
    assert compare.diff.isVisible()
    qtbot.waitUntil(lambda: not compare.is_pending(), timeout=5000)     # diffed on a worker thread
    previous = read_repo(demo_db).get_sheet(doc.sheet.predecessor_id)
    assert compare.diff.left.toPlainText() == previous.text("background")
    assert compare.diff.right.toPlainText() == doc.sheet.text("background")
    assert "2025年6月に「新たな国際標準戦略」を決定し" in compare.diff.right.toPlainText()
    assert highlighted(compare.diff.left, OLD_CHANGED) and highlighted(compare.diff.right, NEW_CHANGED)
    assert any("2025年6月" in t for t in highlighted(compare.diff.right, NEW_CHANGED))
    assert compare.diff.left_title.text() == "前年度（令和6年度）"

    # Typing updates the comparison once typing pauses, not on each key.
    type_into(qtbot, app.window.editor.texts["background"].edit, "XYZ")
    assert compare.is_pending() and "XYZ" not in compare.diff.right.toPlainText()
    qtbot.waitUntil(lambda: "XYZ" in compare.diff.right.toPlainText(), timeout=5000)

    # A sheet without a predecessor cannot compare.
    _open(app, read_repo, demo_db, "国際標準人材の育成")
    assert not app.window.editor.compares["issues"].toggle.isEnabled()


def test_kpi_chart_and_progress_for_a_demo_kpi(qtbot, make_app, demo_db, read_repo, dialogs):
    app = make_app(demo_db)
    doc = _open(app, read_repo, demo_db, PIRACY)
    chart = app.window.editor.kpi_chart
    kpi = doc.sheet.all_kpis()[0][1]
    assert chart.kpi is kpi
    actual = chart.series_named("実績")
    assert [(p.x(), p.y()) for p in actual.points()] == [(2023, 2.2), (2024, 2.0), (2025, 1.9)]
    target = chart.series_named("目標値")
    assert {p.y() for p in target.points()} == {1.0}
    assert {p.y() for p in chart.series_named("基準値").points()} == {2.0}
    assert [(p.x(), p.y()) for p in chart.series_named("見込み").points()] == [(2024, 2.0), (2028, 1.0)]
    assert "遅れ" in chart.caption.text()

    row = app.window.editor.kpi_editor.cards[0].rows[0]
    assert row.progress.text().startswith("遅れ（達成率 52.6%")
    table = row.earlier.text()
    assert all(t in table for t in ("令和5年度", "2.2", "令和6年度", "令和7年度", "1.9", "52.6%", "50%"))

    # Entering this year's actual at the target: the row and the chart say 達成.
    row.lines["actual"].selectAll()
    type_into(qtbot, row.lines["actual"], "0.9")
    assert row.progress.text().startswith("達成")
    assert chart.series_named("実績").points()[-1].y() == 0.9

    # Removing the KPI (confirmed) empties the chart.
    dialogs.answer("question", QMessageBox.StandardButton.Yes)
    row.findChild(type(row.findChildren(object, "kpiRemove")[0]), "kpiRemove").click()
    assert chart.kpi is None and not chart.view.isVisible()


def test_kpi_status_column_in_the_sheet_list(qtbot, make_app, demo_db, read_repo):
    app = make_app(demo_db)
    model = app.list_model
    col = COLUMNS.index("kpis")
    assert model.headerData(col, Qt.Orientation.Horizontal) == "KPI進捗"
    for row in range(model.rowCount()):
        model.index(row, col).data()
    qtbot.waitUntil(lambda: all(model.index(r, col).data() for r in range(model.rowCount())), timeout=TIMEOUT_MS)
    repo = read_repo(demo_db)
    piracy = next(s for s in repo.load_sheets(SheetFilter(survey_key=repo.survey.key, year=2025))
                  if s.text(repo.survey.title_field).startswith(PIRACY))
    shown = model.index(model.row_of(piracy.id), col)
    assert shown.data() == "遅れ 1/1"
    assert "遅れ 1" in shown.data(Qt.ItemDataRole.ToolTipRole)
    no_kpi = next(s for s in repo.load_sheets(SheetFilter(survey_key=repo.survey.key, year=2025))
                  if not s.all_kpis())
    assert model.index(model.row_of(no_kpi.id), col).data() == "—"


def test_overview_dialog_matches_the_store(qtbot, make_app, demo_db, read_repo, dialogs, tmp_path):
    app = make_app(demo_db)
    app.window.actions.overview.trigger()
    dialog = app.annual.overview_dialog
    qtbot.waitUntil(lambda: dialog.overview is not None, timeout=TIMEOUT_MS)
    expected = year_overview(read_repo(demo_db), dialog.chosen_year())
    table = dialog.tables["府省庁"]
    names = [table.item(r, 0).text() for r in range(table.rowCount())]
    assert names == [m.ministry for m in expected.ministries] + ["合計"]
    sheets_col = [table.horizontalHeaderItem(c).text() for c in range(table.columnCount())].index("施策数")
    assert int(table.item(table.rowCount() - 1, sheets_col).text()) == expected.sheets

    target = tmp_path / "集計.xlsx"
    dialogs.answer("save_file", (str(target), ""))
    dialog.export_button.click()
    qtbot.waitUntil(lambda: "書き出しました" in dialog.state.text(), timeout=TIMEOUT_MS)
    import openpyxl

    assert "集計" in openpyxl.load_workbook(target).sheetnames
