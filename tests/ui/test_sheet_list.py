"""The sheet list: lazy rows, filters in SQL, sorting, new / duplicate / delete with undo."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from desktop.store.repository import SheetFilter
from desktop.survey.sheet import SheetData, Status
from desktop.ui.services import Services
from desktop.ui.sheet_list_model import COLUMNS, PAGE, SheetListModel
from tests.ui.helpers import TIMEOUT_MS, new_sheet, text_edit, wait_writer_idle


def _sheets(app, specs):
    repo = app.services.repository()
    saved = repo.save_sheets([SheetData(survey_key=app.survey.key, fiscal_year=y, ministry=m, status=s,
                                        classification=c, fields={"title": t, "content": body})
                              for y, m, s, c, t, body in specs])
    app.workspace.set_services(app.services)
    return saved


def _titles(app) -> list[str]:
    model = app.list_model
    col = COLUMNS.index("title")
    return [model.index(r, col).data() for r in range(model.rowCount())]


def test_filters_by_year_ministry_classification_status_and_text(qtbot, make_app, seeded_db):
    app = make_app(seeded_db)
    _sheets(app, [
        (2025, "総務省", Status.DRAFT, "P1-1", "電波の国際標準", "周波数の国際協調"),
        (2026, "総務省", Status.SUBMITTED, "P1-3", "AI指針の普及", "広島AIプロセス"),
        (2026, "経済産業省", Status.DRAFT, "P1-3", "認証機関の育成", "試験・認証の見える化"),
    ])
    view = app.window.list_view
    assert app.list_model.rowCount() == 3
    assert view.year_filter.itemText(view.year_filter.findData(2026)) == "令和8年度"

    view.set_filters(year=2026)
    assert sorted(_titles(app)) == ["AI指針の普及", "認証機関の育成"]
    view.set_filters(ministry="総務省")
    assert _titles(app) == ["AI指針の普及"]
    view.set_filters(year=None, ministry=None, classification="P1-3", status=Status.DRAFT)
    assert _titles(app) == ["認証機関の育成"]
    view.set_filters(classification=None, status=None)

    view.text_filter.setText("広島")   # typed: applied after the debounce
    qtbot.waitUntil(lambda: _titles(app) == ["AI指針の普及"], timeout=TIMEOUT_MS)
    assert view.count_label.text() == "1 件"


def test_sort_by_any_column(qtbot, make_app, seeded_db):
    app = make_app(seeded_db)
    _sheets(app, [(2025, "b省", Status.DRAFT, None, "い", ""), (2026, "a省", Status.DRAFT, None, "あ", ""),
                  (2024, "c省", Status.DRAFT, None, "う", "")])
    table = app.window.list_view.table
    table.sortByColumn(COLUMNS.index("ministry"), Qt.SortOrder.AscendingOrder)
    assert _titles(app) == ["あ", "い", "う"]
    table.sortByColumn(COLUMNS.index("fiscal_year"), Qt.SortOrder.DescendingOrder)
    assert _titles(app) == ["あ", "い", "う"]
    table.sortByColumn(COLUMNS.index("title"), Qt.SortOrder.DescendingOrder)
    assert _titles(app) == ["う", "い", "あ"]


def test_model_holds_ids_and_fetches_a_page_at_a_time(qtbot, seeded_db, survey):
    services = Services.open(str(seeded_db), survey=survey)
    try:
        repo = services.repository()
        repo.save_sheets([SheetData(survey_key=survey.key, fiscal_year=2026, fields={"title": f"施策{i}"})
                          for i in range(PAGE + 50)])
        fetched = []
        original = repo.sheet_rows

        def counting(ids):
            ids = list(ids)
            fetched.append(len(ids))
            return original(ids)

        repo.sheet_rows = counting
        model = SheetListModel(survey)
        model.set_repository(repo)
        assert model.rowCount() == PAGE + 50
        assert fetched == []                      # ids only until something is shown
        model.index(0, COLUMNS.index("title")).data()
        model.index(5, COLUMNS.index("title")).data()
        assert fetched == [PAGE]
        model.index(PAGE + 10, COLUMNS.index("title")).data()
        assert fetched == [PAGE, 50]
        assert repo.count_sheets(SheetFilter(survey_key=survey.key)) == PAGE + 50
    finally:
        services.close()


def test_problem_counts_fill_in_for_visible_rows(qtbot, make_app, demo_db):
    app = make_app(demo_db)
    col = COLUMNS.index("problems")
    model = app.list_model
    for row in range(model.rowCount()):
        model.index(row, col).data()
    qtbot.waitUntil(lambda: all(model.index(r, col).data() for r in range(model.rowCount())), timeout=TIMEOUT_MS)
    shown = {model.index(r, col).data() for r in range(model.rowCount())}
    assert any(s.startswith("エラー") for s in shown)


def test_new_duplicate_and_delete_with_undo(qtbot, make_app, seeded_db, dialogs):
    app = make_app(seeded_db)
    doc = new_sheet(qtbot, app)
    qtbot.keyClicks(text_edit(app, "title"), "Original")
    app.window.actions.duplicate_sheet.trigger()
    qtbot.waitUntil(lambda: app.workspace.doc is not doc, timeout=TIMEOUT_MS)
    copy = app.workspace.doc
    assert copy.title == "Original（コピー）"
    assert copy.sheet.status is Status.DRAFT
    assert app.list_model.rowCount() == 2

    dialogs.answer("question", QMessageBox.StandardButton.No)
    app.window.actions.delete_sheet.trigger()
    assert app.list_model.rowCount() == 2        # said no: nothing happens

    dialogs.answer("question", QMessageBox.StandardButton.Yes)
    app.window.actions.delete_sheet.trigger()
    assert "削除しますか" in dialogs.of("question")[-1][2]
    qtbot.waitUntil(lambda: app.list_model.rowCount() == 1, timeout=TIMEOUT_MS)
    assert app.workspace.doc is None
    assert app.services.repository().revisions(copy.sheet_id)[-1].field == "deleted"

    app.window.actions.undo.trigger()
    qtbot.waitUntil(lambda: app.list_model.rowCount() == 2, timeout=TIMEOUT_MS)
    wait_writer_idle(qtbot, app)
    assert app.workspace.doc is copy


def test_row_of_stays_right_through_reload_sort_insert_and_remove(qtbot, seeded_db, survey):
    services = Services.open(str(seeded_db), survey=survey)
    try:
        repo = services.repository()
        saved = repo.save_sheets([SheetData(survey_key=survey.key, fiscal_year=2026, ministry=f"{i:02d}省",
                                            fields={"title": f"施策{i}"}) for i in range(12)])
        model = SheetListModel(survey)
        model.set_repository(repo)

        def consistent() -> bool:
            ids = model.ids()
            return all(model.row_of(i) == r and model.sheet_id(r) == i for r, i in enumerate(ids))

        assert consistent() and model.rowCount() == 12
        model.sort(COLUMNS.index("ministry"), Qt.SortOrder.DescendingOrder)
        assert model.sheet_id(0) == saved[-1].id and consistent()

        removed = model.sheet_id(3)
        assert model.remove_sheet(removed)
        assert model.row_of(removed) is None and model.rowCount() == 11 and consistent()
        assert not model.remove_sheet(removed)
        model.insert_sheet(removed, 0)
        assert model.row_of(removed) == 0 and model.rowCount() == 12 and consistent()
        model.insert_sheet(removed, 5)            # already shown: nothing changes
        assert model.rowCount() == 12 and consistent()
        last = model.sheet_id(11)
        model.remove_sheet(last)
        assert model.row_of(last) is None and consistent()

        repo.set_deleted(saved[0].id, True)
        model.reload()
        assert model.row_of(saved[0].id) is None and model.rowCount() == 11 and consistent()
        model.set_filters(SheetFilter(survey_key=survey.key, ministry="05省"))
        assert model.ids() == [saved[5].id] and model.row_of(saved[5].id) == 0 and model.row_of(saved[6].id) is None

        # A year's check sets every count at once; each sheet's count lands on its own row.
        model.set_filters(SheetFilter(survey_key=survey.key))
        model.set_problem_counts({s.id: (i % 3, 1) for i, s in enumerate(saved[1:], start=1)})
        problems = COLUMNS.index("problems")
        for i, s in enumerate(saved[1:], start=1):
            text = model.index(model.row_of(s.id), problems).data()
            assert text == (f"エラー {i % 3}" if i % 3 else "警告 1")
    finally:
        services.close()
