"""The 調査票 menu: the second survey of a database chosen in the window; new year onto a newer version
with the preview in the dialog; the removed field's text shown in the editor."""

from __future__ import annotations

from openpyxl import load_workbook

from desktop.reports.definition_workbook import SHEET_FIELDS, SHEET_SETTINGS, read_definition_workbook
from desktop.store.database import open_database
from desktop.store.repository import Repository, SheetFilter
from desktop.store.surveys import SurveyCatalog
from desktop.survey.loader import default_survey
from tests.factories import complete_sheet
from tests.ui.helpers import TIMEOUT_MS, wait_writer_idle

OUTCOME = "成果として乙国との合意を目指す。"


def _workbook(tmp_path, survey, *, key=None, title=None):
    """The survey as a workbook: background renamed to context, outcome removed, partners added."""
    from desktop.reports.definition_workbook import write_definition_workbook

    path = write_definition_workbook(survey, tmp_path / f"{key or 'revised'}.xlsx")
    wb = load_workbook(path)
    for row in wb[SHEET_SETTINGS].iter_rows(min_row=2):
        if row[0].value == "key" and key:
            row[2].value = key
        if row[0].value == "title" and title:
            row[2].value = title
    ws = wb[SHEET_FIELDS]
    for row in ws.iter_rows(min_row=2):
        if row[0].value == "background":
            row[0].value, row[1].value, row[8].value = "context", "施策の背景・必要性", "background"
    ws.delete_rows(next(r[0].row for r in ws.iter_rows(min_row=2) if r[0].value == "outcome"))
    ws.append(["partners", "協力機関", "任意", "text", "連携する機関を記載", None, None, None, None, None])
    wb.save(path)
    return path


def test_the_second_survey_is_chosen_in_the_window(qtbot, make_app, seeded_db, settings_factory, tmp_path,
                                                   read_repo, dialogs):
    survey = default_survey()
    other = read_definition_workbook(_workbook(tmp_path, survey, key="other-followup", title="別の戦略 調査票"))
    db = open_database(seeded_db)
    SurveyCatalog(db).add(other, "事務局")
    Repository(db).create_sheet(complete_sheet(survey))
    Repository(db, other).create_sheet(complete_sheet(other, survey_key=other.key, fields={"title": "別の施策"}))
    db.close()

    settings = settings_factory()
    app = make_app(seeded_db, settings=settings)
    assert app.list_model.rowCount() == 1 and app.switch_to is None
    app.window.actions.switch_survey.trigger()
    picker = app.surveys.picker
    assert [picker.choice.itemData(i) for i in range(picker.choice.count())] == [survey.key, other.key]
    picker.choice.setCurrentIndex(1)
    picker.accept()
    assert settings.survey_key == other.key
    chosen, target = app.switch_to
    assert (chosen.key, chosen.version, target) == (other.key, 1, str(seeded_db))
    assert not app.window.isVisible()
    app.shutdown()

    again = make_app(target, settings=settings, survey=chosen)       # what run_gui builds next
    assert again.switch_to is None
    assert [read_repo(target).get_sheet(i).fields["title"] for i in again.list_model.ids()] == ["別の施策"]
    assert "partners" in again.window.editor.sections and "outcome" not in again.window.editor.sections
    again.shutdown()

    fresh = make_app(seeded_db, settings=settings)     # a later start remembers the choice
    qtbot.waitUntil(lambda: fresh.switch_to is not None, timeout=TIMEOUT_MS)
    assert fresh.switch_to[0].key == other.key


def test_new_year_onto_a_newer_version_previews_the_fields_and_keeps_the_removed_text(
        qtbot, make_app, seeded_db, tmp_path, read_repo, dialogs):
    survey = default_survey()
    db = open_database(seeded_db)
    old = complete_sheet(survey)
    old.fields.update(background="国内外の動向。", outcome=OUTCOME)
    Repository(db).create_sheet(old)
    SurveyCatalog(db).add(read_definition_workbook(_workbook(tmp_path, survey)), "事務局")
    newer = SurveyCatalog(db).definition(survey.key)
    db.close()

    app = make_app(seeded_db, survey=newer)
    assert app.switch_to is None
    app.window.actions.new_year.trigger()
    dialog = app.annual.new_year_dialog
    table = dialog.fields
    rows = [tuple(table.item(r, c).text() for c in range(4)) for r in range(table.rowCount())]
    assert ("施策が必要となる背景", "施策の背景・必要性", "名称を変えて引き継ぐ", "1") in rows
    assert ("", "協力機関", "新しい項目（空欄）", "0") in rows
    assert ("目指す成果（定性的に記述）", "", "廃止（本文は「前の版の項目」として残す）", "1") in rows
    assert "第1版の施策シートを第2版で作成します" in dialog.fields_caption.text()
    assert read_repo(seeded_db).count_sheets(SheetFilter(year=2026)) == 0
    with qtbot.waitSignal(app.writer.idleChanged, timeout=TIMEOUT_MS):
        dialog.create_button.click()
    wait_writer_idle(qtbot, app)
    [made] = app.annual.last_result.created
    sheet = read_repo(seeded_db).get_sheet(made.sheet_id)
    assert sheet.survey_version == 2 and sheet.fields["context"] == "国内外の動向。"
    app.workspace.open_sheet(made.sheet_id)
    editor = app.window.editor
    qtbot.waitUntil(lambda: editor.doc is not None and editor.doc.sheet_id == made.sheet_id, timeout=TIMEOUT_MS)
    assert editor.kept_fields(editor.doc) == [("目指す成果（定性的に記述）", OUTCOME)]
    assert not editor.sections["_kept"].isHidden() and OUTCOME in editor.kept.text()
