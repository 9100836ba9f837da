"""The validation panel follows typing, jumps to fields, and guards 提出済."""

from __future__ import annotations

from desktop.survey.sheet import Status
from desktop.survey.validation import Severity
from tests.factories import complete_sheet
from tests.ui.helpers import TIMEOUT_MS, new_sheet, text_edit, type_into, wait_saved


def _messages(app) -> list[str]:
    return [p.message for p in app.window.validation_panel.problems()]


def test_panel_updates_as_the_user_types_and_jumps_to_the_field(qtbot, make_app, seeded_db):
    app = make_app(seeded_db)
    new_sheet(qtbot, app)
    panel = app.window.validation_panel
    title_label = app.survey.field("title").label
    assert any(title_label in m for m in _messages(app))

    type_into(qtbot, text_edit(app, "title"), "施策")
    qtbot.waitUntil(lambda: not any(f"「{title_label}」は必須" in m for m in _messages(app)), timeout=TIMEOUT_MS)

    content_label = app.survey.field("content").label
    tree = panel.current
    item = next(tree.topLevelItem(i) for i in range(tree.topLevelItemCount())
                if f"「{content_label}」は必須" in tree.topLevelItem(i).text(1))
    tree.itemClicked.emit(item, 1)
    assert text_edit(app, "content").hasFocus()
    assert app.window.editor.sections["content"].property("problem") == Severity.ERROR.value


def test_validation_is_debounced_not_run_per_keystroke(qtbot, make_app, seeded_db):
    app = make_app(seeded_db)
    new_sheet(qtbot, app)
    calls = []
    original = app.window.validation_panel.show_problems
    app.window.validation_panel.show_problems = lambda problems: (calls.append(1), original(problems))
    type_into(qtbot, text_edit(app, "background"), "背景を入力している")
    assert len(calls) == 0
    qtbot.waitUntil(lambda: len(calls) == 1, timeout=TIMEOUT_MS)


def test_submitting_with_errors_is_refused_with_the_reason(qtbot, make_app, seeded_db):
    app = make_app(seeded_db)
    doc = new_sheet(qtbot, app)
    header = app.window.editor.header
    combo = header.status_combo
    combo.setCurrentIndex(combo.findData(Status.SUBMITTED.value))
    combo.activated.emit(combo.currentIndex())
    assert doc.sheet.status is Status.DRAFT
    assert combo.currentData() == Status.DRAFT.value
    assert "提出済にできません" in header.status_message.text()
    assert "提出済にできません" in app.window.statusBar().currentMessage()


def test_a_complete_sheet_can_be_submitted(qtbot, make_app, seeded_db):
    app = make_app(seeded_db)
    saved = app.services.repository().create_sheet(complete_sheet(app.survey))
    app.workspace.set_services(app.services)
    app.workspace.open_sheet(saved.id)
    combo = app.window.editor.header.status_combo
    combo.setCurrentIndex(combo.findData(Status.SUBMITTED.value))
    combo.activated.emit(combo.currentIndex())
    assert app.workspace.doc.sheet.status is Status.SUBMITTED
    wait_saved(qtbot, app)      # a status move is saved at once, as a step of the review
    assert app.services.repository().get_sheet(saved.id).status is Status.SUBMITTED
    # ...and is not an edit Ctrl+Z takes back: undoing it would be a move the ministry may not make.
    app.window.actions.undo.trigger()
    assert app.workspace.doc.sheet.status is Status.SUBMITTED
    assert combo.currentData() == Status.SUBMITTED.value


def test_all_sheets_of_the_year_on_demand(qtbot, make_app, demo_db):
    app = make_app(demo_db)
    panel = app.window.validation_panel
    app.window.actions.check_year.trigger()
    qtbot.waitUntil(lambda: panel.year_tree.topLevelItemCount() > 0, timeout=TIMEOUT_MS)
    assert "件中" in panel.year_summary.text()
    top = panel.year_tree.topLevelItem(0)
    sheet_id = top.data(1, 0x0100)
    child = top.child(0)
    panel.year_tree.itemClicked.emit(child, 1)
    assert app.workspace.doc.sheet_id == sheet_id
