"""ファイル → 提出・差戻しファイル: the same app functions as the CLI, the preview in the import dialog."""

from __future__ import annotations

import pytest
from shiboken6 import isValid

from desktop.app.exchange import plan_exchange_import
from desktop.store.repository import SheetFilter
from desktop.survey.sheet import Status
from tests.factories import complete_sheet
from tests.ui.helpers import TIMEOUT_MS


@pytest.fixture
def app(make_app, demo_db):
    return make_app(demo_db)


def test_export_writes_a_submission_of_the_chosen_ministry(qtbot, app, dialogs, tmp_path, read_repo):
    app.window.actions.export_exchange.trigger()
    dialog = app.exchange.export_dialog
    qtbot.waitUntil(dialog.isVisible, timeout=TIMEOUT_MS)
    dialog.ministry.setCurrentText("総務省")
    dialog.year_field.set_year(2025)
    dialog.submission.setChecked(True)
    target = tmp_path / "総務省_提出.xlsx"
    dialogs.answer("save_file", (str(target), ""))
    dialog.export_button.click()
    qtbot.waitUntil(lambda: "を出力しました" in dialog.message.text(), timeout=TIMEOUT_MS)
    stored = read_repo(app.services.target).load_sheets(SheetFilter(year=2025, ministry="総務省"))
    plan = plan_exchange_import(read_repo(app.services.target), target)
    assert plan.ok and plan.ministry == "総務省" and len(plan.entries) == len(stored) > 0
    assert plan.nothing_new         # the database it came from already holds all of it


def test_import_previews_the_new_sheets_then_applies_them(qtbot, app, dialogs, tmp_path, read_repo, seeded_db):
    from desktop.app.exchange import export_exchange

    ministry = read_repo(seeded_db)
    ministry.create_sheet(complete_sheet(ministry.survey, ministry="外務省", status=Status.SUBMITTED,
                                         fields={"title": "交換で届いた施策", "content": "内容"}))
    path = tmp_path / "外務省_提出.xlsx"
    export_exchange(ministry, path, ministry="外務省", year=2025)

    dialogs.answer("open_file", (str(path), ""))
    app.window.actions.import_exchange.trigger()
    dialog = app.exchange.import_dialog
    qtbot.waitUntil(lambda: dialog.plan is not None, timeout=TIMEOUT_MS)
    creates = dialog.group("creates")
    assert creates is not None and creates.childCount() == 1 and "交換で届いた施策" in creates.child(0).text(0)
    assert dialog.group("problems") is None and dialog.apply_button.isEnabled()
    dialog.apply_button.click()
    qtbot.waitUntil(lambda: not isValid(dialog) or not dialog.isVisible(), timeout=TIMEOUT_MS)
    titles = [s.text("title") for s in read_repo(app.services.target).load_sheets(SheetFilter(ministry="外務省"))]
    assert "交換で届いた施策" in titles
    assert "提出・差戻しファイルを取り込みました（新規 1 件" in app.window.statusBar().currentMessage()


def test_a_damaged_file_is_refused_in_the_preview(qtbot, app, dialogs, tmp_path):
    broken = tmp_path / "壊れた.xlsx"
    broken.write_bytes(b"PK\x03\x04 not really")
    dialogs.answer("open_file", (str(broken), ""))
    app.window.actions.import_exchange.trigger()
    dialog = app.exchange.import_dialog
    qtbot.waitUntil(lambda: "壊れ" in dialog.summary.text(), timeout=TIMEOUT_MS)
    assert not dialog.apply_button.isEnabled()


def test_a_sheet_changed_on_both_sides_is_decided_in_the_merge_dialog(qtbot, app, dialogs, tmp_path, read_repo):
    from desktop.app.exchange import RETURN, apply_exchange_import, export_exchange
    from desktop.store.database import open_database
    from desktop.store.repository import Repository

    mine = read_repo(app.services.target)
    submission = tmp_path / "提出.xlsx"
    export_exchange(mine, submission, ministry="総務省", year=2025)
    secretariat = Repository(open_database(tmp_path / "secretariat.db"))
    apply_exchange_import(secretariat, plan_exchange_import(secretariat, submission))
    theirs = next(s for s in secretariat.load_sheets(SheetFilter(year=2025), order="id")
                  if not secretariat.survey.review.is_locked(s.status))     # 確定 content is frozen
    theirs.fields["outcome"] = "事務局が直した成果"
    secretariat.save_sheet(theirs)
    returned = tmp_path / "返却.xlsx"
    export_exchange(secretariat, returned, ministry="総務省", year=2025, kind=RETURN)
    secretariat.db.close()
    local = next(s for s in mine.load_sheets(SheetFilter(year=2025, ministry="総務省"), order="id")
                 if s.text("title") == theirs.text("title"))
    local.fields["outcome"] = "府省が直した成果"
    mine.save_sheet(local)

    dialogs.answer("open_file", (str(returned), ""))
    app.window.actions.import_exchange.trigger()
    dialog = app.exchange.import_dialog
    qtbot.waitUntil(lambda: dialog.plan is not None, timeout=TIMEOUT_MS)
    updates = dialog.group("updates")
    first = updates.child(0)
    assert any(first.child(i).text(0).startswith("両方で変更") for i in range(first.childCount()))
    dialog.apply_button.click()
    qtbot.waitUntil(lambda: app.exchange.merge_dialog is not None, timeout=TIMEOUT_MS)
    merge_dialog = app.exchange.merge_dialog
    assert merge_dialog.panel("field:outcome").take_theirs.text() == "ファイルの内容を使う"
    merge_dialog.panel("field:outcome").take_theirs.setChecked(True)
    merge_dialog.save_button.click()
    qtbot.waitUntil(lambda: not isValid(dialog) or not dialog.isVisible(), timeout=TIMEOUT_MS)
    assert read_repo(app.services.target).get_sheet(local.id).text("outcome") == "事務局が直した成果"
