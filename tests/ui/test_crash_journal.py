"""The crash journal: unsaved edits survive a program that never saved them, marks included.

A "crash" here is a window whose saves never happen (its autosave has no
database to write to) and which then shuts down: the database lacks the edits,
the journal has them, as after a kill. tests/ui/test_crash_process.py kills
a real window process.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtGui import QTextCursor

from desktop.app.crash_journal import journal_path, read_journal
from desktop.survey.loader import default_survey
from desktop.survey.parts import Part
from desktop.survey.sheet import MarkData
from tests.factories import complete_sheet
from tests.ui.helpers import TIMEOUT_MS, commit_text, text_edit, wait_saved

MARKED = "国際指針"


def _create_marked_sheet(read_repo, db):
    survey = default_survey()
    sheet = complete_sheet(survey)
    text = sheet.text("content")
    start = text.index(MARKED)
    sheet.marks = [MarkData(reason="交渉中", part=Part.field("content"), start=start, end=start + len(MARKED),
                            text=MARKED)]
    return read_repo(db).create_sheet(sheet)


def _edit_without_saving(qtbot, make_app, settings, db, sheet_id, typed: str):
    """Open the sheet, type ``typed`` at the start of 施策の内容, and end without any save reaching the database."""
    app = make_app(db, settings=settings)
    app.workspace.open_sheet(sheet_id)
    app.workspace.autosaver.save_function = None   # as if the program were killed before each save
    edit = text_edit(app, "content")
    edit.setFocus()
    edit.moveCursor(QTextCursor.MoveOperation.Start)
    for ch in typed:
        commit_text(edit, ch)
    target = app.services.target
    qtbot.waitUntil(lambda: _journal_text(target, sheet_id).startswith(typed), timeout=TIMEOUT_MS)
    app.shutdown()
    return target


def _journal_text(target: str, sheet_id: int) -> str:
    journal = read_journal(target)
    entry = next((e for e in journal.entries if e.sheet_id == sheet_id), None) if journal else None
    return entry.mine.text("content") if entry else ""


def _content_marks(sheet):
    return [(m.start, m.end, m.text, m.reason) for m in sheet.marks if m.part == Part.field("content")]


def test_edits_never_saved_come_back_with_their_marks_and_the_person_is_told(
        qtbot, make_app, settings_factory, read_repo, seeded_db, dialogs):
    stored = _create_marked_sheet(read_repo, seeded_db)
    original = stored.text("content")
    settings = settings_factory()
    target = _edit_without_saving(qtbot, make_app, settings, seeded_db, stored.id, "新たに")
    assert read_repo(seeded_db).get_sheet(stored.id).text("content") == original   # the database lacks them
    assert journal_path(target).exists()

    app = make_app(seeded_db, settings=settings)
    notices = dialogs.of("information")
    assert len(notices) == 1
    _kind, title, text = notices[0]
    assert "前回保存されなかった変更" in title
    assert "「広島AIプロセスの推進」" in text and default_survey().field("content").label in text
    doc = app.workspace.doc
    assert doc is not None and doc.sheet_id == stored.id
    assert doc.sheet.text("content") == "新たに" + original
    start = len("新たに") + original.index(MARKED)
    assert _content_marks(doc.sheet) == [(start, start + len(MARKED), MARKED, "交渉中")]

    wait_saved(qtbot, app)
    saved = read_repo(seeded_db).get_sheet(stored.id)
    assert saved.text("content") == "新たに" + original
    assert _content_marks(saved) == [(start, start + len(MARKED), MARKED, "交渉中")]
    qtbot.waitUntil(lambda: not journal_path(target).exists(), timeout=TIMEOUT_MS)   # all saved: journal gone


def test_a_version_saved_meanwhile_is_merged_not_overwritten(
        qtbot, make_app, settings_factory, read_repo, seeded_db, dialogs):
    stored = _create_marked_sheet(read_repo, seeded_db)
    settings = settings_factory()
    _edit_without_saving(qtbot, make_app, settings, seeded_db, stored.id, "新たに")
    repo = read_repo(seeded_db)
    theirs = repo.save_sheet(replace(repo.get_sheet(stored.id), person="別の 担当者"))   # saved elsewhere since

    app = make_app(seeded_db, settings=settings)
    assert "合わせます" in dialogs.of("information")[0][2]
    qtbot.waitUntil(lambda: read_repo(seeded_db).get_sheet(stored.id).version > theirs.version, timeout=TIMEOUT_MS)
    wait_saved(qtbot, app)
    merged = read_repo(seeded_db).get_sheet(stored.id)
    assert merged.person == "別の 担当者"                                   # theirs kept
    assert merged.text("content") == "新たに" + stored.text("content")     # mine recovered
    assert [m[2] for m in _content_marks(merged)] == [MARKED]


def test_the_same_field_changed_meanwhile_asks_the_person(
        qtbot, make_app, settings_factory, read_repo, seeded_db, dialogs):
    stored = _create_marked_sheet(read_repo, seeded_db)
    settings = settings_factory()
    target = _edit_without_saving(qtbot, make_app, settings, seeded_db, stored.id, "新たに")
    repo = read_repo(seeded_db)
    repo.save_sheet(replace(repo.get_sheet(stored.id), fields={**stored.fields, "content": "全く別の内容。"}))

    app = make_app(seeded_db, settings=settings)
    qtbot.waitUntil(lambda: app.workspace.merge_dialog is not None, timeout=TIMEOUT_MS)
    assert read_repo(seeded_db).get_sheet(stored.id).text("content") == "全く別の内容。"   # not overwritten
    assert journal_path(target).exists()   # still unsaved, still kept
    app.workspace.merge_dialog.reject()


def test_an_unreadable_journal_is_kept_and_named(qtbot, make_app, settings_factory, read_repo, seeded_db,
                                                 dialogs):
    stored = _create_marked_sheet(read_repo, seeded_db)
    settings = settings_factory()
    target = _edit_without_saving(qtbot, make_app, settings, seeded_db, stored.id, "新たに")
    path = journal_path(target)
    path.write_bytes(path.read_bytes().replace(b'"reason":"\xe4\xba\xa4\xe6\xb8\x89\xe4\xb8\xad"', b'"reason":7'))

    app = make_app(seeded_db, settings=settings)
    text = dialogs.of("information")[0][2]
    assert "読み取れなかった" in text
    kept = [p for p in (path.parent / "kept").iterdir()]
    assert len(kept) == 1 and str(kept[0]) in text
    assert app.workspace.doc is None   # nothing restored without its marks
    assert read_repo(seeded_db).get_sheet(stored.id).text("content") == stored.text("content")


def test_a_sheet_deleted_meanwhile_is_named_and_its_edits_kept(qtbot, make_app, settings_factory, read_repo,
                                                               seeded_db, dialogs):
    stored = _create_marked_sheet(read_repo, seeded_db)
    settings = settings_factory()
    target = _edit_without_saving(qtbot, make_app, settings, seeded_db, stored.id, "新たに")
    read_repo(seeded_db).set_deleted(stored.id, True)

    make_app(seeded_db, settings=settings)
    text = dialogs.of("information")[0][2]
    assert "削除されていた" in text and "「広島AIプロセスの推進」" in text
    kept = list((journal_path(target).parent / "kept").iterdir())
    assert len(kept) == 1 and "新たに" in kept[0].read_text(encoding="utf-8")


def test_steady_editing_keeps_the_journal_current_and_saving_removes_it(qtbot, make_app, read_repo, seeded_db):
    stored = _create_marked_sheet(read_repo, seeded_db)
    app = make_app(seeded_db)
    app.workspace.open_sheet(stored.id)
    save, app.workspace.autosaver.save_function = app.workspace.autosaver.save_function, None
    target = app.services.target
    edit = text_edit(app, "content")
    edit.setFocus()
    for ch in "追記":
        commit_text(edit, ch)
    qtbot.waitUntil(lambda: _journal_text(target, stored.id).endswith(stored.text("content")[-5:])
                    and "追記" in _journal_text(target, stored.id), timeout=TIMEOUT_MS)
    app.workspace.autosaver.save_function = save
    app.save_now()
    wait_saved(qtbot, app)
    qtbot.waitUntil(lambda: not journal_path(target).exists(), timeout=TIMEOUT_MS)


def test_a_save_that_committed_just_before_the_kill_is_not_taken_for_someone_elses(
        qtbot, make_app, settings_factory, read_repo, seeded_db, dialogs):
    """Killed between a save's commit and the next journal write: the journal's version is one behind."""
    from desktop.app.crash_journal import JournalEntry, write_journal

    stored = _create_marked_sheet(read_repo, seeded_db)
    repo = read_repo(seeded_db)
    saving = replace(repo.get_sheet(stored.id), fields={**stored.fields, "title": "途中まで"})
    mine = replace(saving, fields={**stored.fields, "title": "途中まで保存され、続きは未保存"})
    repo.save_sheet(replace(saving))   # the save in flight reached the database
    write_journal(str(seeded_db.resolve()), [JournalEntry(stored.id, stored, mine, saving)])

    app = make_app(seeded_db, settings=settings_factory())
    assert "合わせます" not in dialogs.of("information")[0][2]
    wait_saved(qtbot, app)
    assert app.workspace.merge_dialog is None   # nothing to choose: both versions are the person's own typing
    assert read_repo(seeded_db).get_sheet(stored.id).text("title") == "途中まで保存され、続きは未保存"


def test_a_journal_that_cannot_be_written_is_said_and_saving_goes_on(qtbot, make_app, read_repo, seeded_db):
    from desktop.app.crash_journal import journal_folder

    stored = _create_marked_sheet(read_repo, seeded_db)
    folder = journal_folder()
    folder.parent.mkdir(parents=True, exist_ok=True)
    folder.write_text("not a folder")   # the data folder is not writable as expected
    app = make_app(seeded_db)
    app.workspace.open_sheet(stored.id)
    edit = text_edit(app, "content")
    edit.setFocus()
    commit_text(edit, "追")
    qtbot.waitUntil(lambda: "復旧用の記録を書き込めません" in app.window.statusBar().currentMessage(),
                    timeout=TIMEOUT_MS)
    wait_saved(qtbot, app)
    assert "追" in read_repo(seeded_db).get_sheet(stored.id).text("content")
