"""The 年度 field (typed or chosen, short list) and the 府省庁 list, in the editor and the list filter."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication

from desktop.survey.sheet import SheetData
from desktop.survey.wareki import fiscal_year_of
from desktop.ui.year_combo import YearCombo
from tests.ui.helpers import TIMEOUT_MS, commit_text, new_sheet, wait_saved


def _type(qtbot, combo, text: str) -> None:
    """Select the field's text, type over it as a user would and press Enter."""
    line = combo.lineEdit()
    combo.setFocus(Qt.FocusReason.MouseFocusReason)
    line.selectAll()
    qtbot.keyClick(line, Qt.Key.Key_Backspace)
    for ch in text:
        if ch.isascii():
            qtbot.keyClicks(line, ch)
        else:
            commit_text(line, ch)
    qtbot.keyClick(line, Qt.Key.Key_Return)


def _items(combo) -> list[str]:
    return [combo.itemText(i) for i in range(combo.count())]


def test_year_field_offers_a_short_list_in_both_calendars(qtbot):
    combo = YearCombo()
    qtbot.addWidget(combo)
    combo.set_year(2026)
    assert _items(combo) == [f"令和{n}年度（{2018 + n}年度）" for n in range(5, 12)]
    assert combo.currentText() == "令和8年度（2026年度）"
    combo.set_year(2040, around=2026)            # a year far off is listed too, not the years between
    assert len(_items(combo)) == 8 and _items(combo)[-1] == "令和22年度（2040年度）"


def test_year_field_reads_every_usual_spelling(qtbot):
    combo = YearCombo()
    qtbot.addWidget(combo)
    combo.show()
    chosen = []
    combo.yearChosen.connect(chosen.append)
    for text in ("令和8", "R8", "令和8年度", "2026", "2026年度", "r8"):
        combo.set_year(2015)
        _type(qtbot, combo, text)
        assert combo.year() == 2026, text
        assert combo.currentText() == "令和8年度（2026年度）"
    assert chosen == [2026] * 6


def test_year_field_refuses_what_is_not_a_year_and_keeps_the_stored_one(qtbot):
    combo = YearCombo()
    qtbot.addWidget(combo)
    combo.show()
    chosen, refused = [], []
    combo.yearChosen.connect(chosen.append)
    combo.refused.connect(refused.append)
    combo.set_year(2026)
    _type(qtbot, combo, "来年")
    assert chosen == [] and combo.year() == 2026 and combo.currentText() == "令和8年度（2026年度）"
    assert "「来年」を年度として読み取れません" in refused[-1] and "年度は変わっていません" in refused[-1]
    _type(qtbot, combo, "")
    assert "年度を入力してください" in refused[-1] and combo.year() == 2026


def test_the_wheel_over_an_unfocused_year_field_changes_nothing(qtbot):
    combo = YearCombo()
    qtbot.addWidget(combo)
    combo.set_year(2026)
    combo.show()
    combo.clearFocus()
    event = QWheelEvent(QPointF(5, 5), QPointF(combo.mapToGlobal(QPoint(5, 5))), QPoint(0, 0), QPoint(0, -120),
                        Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(combo, event)
    assert combo.year() == 2026 and combo.currentText() == "令和8年度（2026年度）"


def test_new_sheet_takes_this_fiscal_year_unless_one_year_is_filtered(qtbot, make_app, seeded_db, read_repo):
    app = make_app(seeded_db)
    doc = new_sheet(qtbot, app)
    this_year = fiscal_year_of(date.today())
    assert doc.sheet.fiscal_year == this_year
    assert app.window.editor.header.year_combo.year() == this_year

    app.services.repository().create_sheet(SheetData(survey_key=app.survey.key, fiscal_year=2024))
    app.workspace.refresh_choices()
    app.window.list_view.set_filters(year=2024)
    doc = new_sheet(qtbot, app)
    assert doc.sheet.fiscal_year == 2024
    assert "令和6年度で作成しました" in app.window.statusBar().currentMessage()

    # the person changes it in the editor: typed, saved, and undoable
    _type(qtbot, app.window.editor.header.year_combo, "R9")
    assert doc.sheet.fiscal_year == 2027
    wait_saved(qtbot, app)
    assert read_repo(seeded_db).get_sheet(doc.sheet_id).fiscal_year == 2027
    assert app.window.list_view.knows_year(2027)        # the filter offers the new year

    _type(qtbot, app.window.editor.header.year_combo, "らいねん")
    message = app.window.editor.header.status_message.text()
    assert "年度として読み取れません" in message
    wait_saved(qtbot, app)
    assert read_repo(seeded_db).get_sheet(doc.sheet_id).fiscal_year == 2027

    app.window.actions.undo.trigger()
    assert doc.sheet.fiscal_year == 2024
    assert app.window.editor.header.year_combo.currentText() == "令和6年度（2024年度）"


def test_kpi_years_use_the_same_short_field(qtbot, make_app, seeded_db):
    app = make_app(seeded_db)
    doc = new_sheet(qtbot, app)
    kpis = app.window.editor.kpi_editor
    kpis.findChildren(object, "addItem")[0].click()
    kpis.cards[0].findChildren(object, "addKpi")[0].click()
    row = kpis.cards[0].rows[0]
    assert isinstance(row.target_year, YearCombo) and isinstance(row.baseline_year, YearCombo)
    assert row.target_year.count() <= 12            # not 51 entries
    assert row.target_year.itemText(0) == "（未設定）"
    _type(qtbot, row.target_year, "R12")
    assert doc.sheet.items[0].kpis[0].target_year == 2030


def test_ministry_is_chosen_from_the_list_in_the_governments_order(qtbot, make_app, seeded_db, read_repo):
    app = make_app(seeded_db)
    doc = new_sheet(qtbot, app)
    combo = app.window.editor.header.ministry_combo
    names = combo.names()
    assert names[:2] == ["内閣官房", "内閣法制局"]
    assert names.index("内閣府") < names.index("デジタル庁") < names.index("総務省") < names.index("防衛省")

    combo.setFocus(Qt.FocusReason.MouseFocusReason)
    combo.setCurrentIndex(names.index("経済産業省"))
    combo.textActivated.emit("経済産業省")          # what choosing an entry with the mouse sends
    assert doc.sheet.ministry == "経済産業省"

    # typed with a stray space (full width here): trimmed when the field is left
    line = combo.lineEdit()
    line.selectAll()
    qtbot.keyClick(line, Qt.Key.Key_Backspace)
    for ch in "総務省\u3000":
        commit_text(line, ch)
    assert doc.sheet.ministry == "総務省\u3000"
    app.window.editor.header.lines["bureau"].setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(lambda: doc.sheet.ministry == "総務省", timeout=TIMEOUT_MS)
    assert line.text() == "総務省"
    wait_saved(qtbot, app)
    assert read_repo(seeded_db).get_sheet(doc.sheet_id).ministry == "総務省"


def test_list_filter_shows_ministries_in_order_then_others(qtbot, make_app, seeded_db):
    app = make_app(seeded_db)
    repo = app.services.repository()
    for ministry in ("経済産業省", "総務庁", "総務省 ", "内閣府", "Zアライアンス"):
        repo.create_sheet(SheetData(survey_key=app.survey.key, fiscal_year=2025, ministry=ministry))
    app.workspace.refresh_choices()
    combo = app.window.list_view.ministry_filter
    assert _items(combo) == ["すべての府省庁", "内閣府", "総務省", "経済産業省", "Zアライアンス", "総務庁"]
    # a name off the list is offered in the editor too, after the list
    names = app.window.editor.header.ministry_combo.names()
    assert names[-2:] == ["Zアライアンス", "総務庁"]
