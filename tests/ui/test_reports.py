"""The export and import dialogs: background work with progress and cancel, preview, clear refusals."""

from __future__ import annotations

import threading
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import Qt
from shiboken6 import isValid

from desktop.app import export
from desktop.reports.atomic import atomic_path
from desktop.app.export import ExportFormat, write_template
from desktop.reports.model import Audience
from desktop.store.repository import SheetFilter
from tests.reports.sheetkit import fill, lock_target, reopen
from tests.ui.helpers import TIMEOUT_MS


@pytest.fixture
def app(make_app, demo_db):
    application = make_app(demo_db)
    return application


def open_export(qtbot, application):
    application.window.actions.export_report.trigger()
    dialog = application.reports.export_dialog
    qtbot.waitUntil(dialog.isVisible, timeout=TIMEOUT_MS)
    return dialog


def choose(combo, data) -> None:
    index = combo.findData(data.value if isinstance(data, ExportFormat) else data)
    assert index >= 0, data
    combo.setCurrentIndex(index)


def test_export_dialog_writes_the_chosen_report_and_remembers_the_folder(qtbot, app, tmp_path):
    dialog = open_export(qtbot, app)
    choose(dialog.format, ExportFormat.XLSX)
    dialog.internal.setChecked(True)
    choose(dialog.year, 2025)
    choose(dialog.ministry, "総務省")
    assert Path(dialog.path.text()).name == "施策シート_令和7年度_総務省_内部資料.xlsx"
    target = tmp_path / "out" / "総務省.xlsx"
    target.parent.mkdir()
    dialog.path.setText(str(target))
    dialog.start_button.click()
    assert dialog.running and not dialog.start_button.isEnabled() and dialog.close_button.text() == "キャンセル"
    qtbot.waitUntil(lambda: not dialog.running, timeout=TIMEOUT_MS)
    assert "内部資料のExcel ブックを出力しました" in dialog.message.text()
    assert "内部資料のExcel ブックを出力しました" in app.window.statusBar().currentMessage()
    listing = openpyxl.load_workbook(target)["一覧"]
    ministries = {row[0] for row in listing.iter_rows(min_row=2, values_only=True) if row[0]}
    stored = app.services.repository().load_sheets(SheetFilter(year=2025, ministry="総務省"))
    assert listing.max_row - 1 >= len(stored) > 0
    assert app.settings.folder("reports") == str(target.parent)
    dialog.close_button.click()

    again = open_export(qtbot, app)      # the next export starts in the same folder
    assert Path(again.path.text()).parent == target.parent
    assert ministries  # the sheet has content rows


def test_only_the_open_sheet_can_be_exported(qtbot, app, tmp_path):
    first = app.list_model.sheet_id(0)
    app.workspace.open_sheet(first)
    dialog = open_export(qtbot, app)
    dialog.only_current.setChecked(True)
    assert not dialog.year.isEnabled() and dialog.selection().sheet_id == first
    choose(dialog.format, ExportFormat.DOCX)
    target = tmp_path / "one.docx"
    dialog.path.setText(str(target))
    dialog.include_unaccepted.setChecked(True)   # the first sheet of the list is not 確定
    dialog.start_button.click()
    qtbot.waitUntil(lambda: not dialog.running, timeout=TIMEOUT_MS)
    assert "施策シート 1 件" in dialog.message.text() and target.exists()


def test_the_dialog_says_how_many_sheets_the_public_result_leaves_out(qtbot, app, tmp_path):
    repo = app.services.repository()
    sheets = repo.load_sheets(SheetFilter(year=2025))
    accepted = [s for s in sheets if s.status.value == "accepted"]
    assert accepted and len(accepted) < len(sheets)
    dialog = open_export(qtbot, app)
    choose(dialog.year, 2025)
    note = dialog.public_note.text()
    assert f"「確定」でない施策シート {len(sheets) - len(accepted)}件" in note and dialog.public_note.isVisible()
    dialog.internal.setChecked(True)
    assert not dialog.public_note.isVisible() and not dialog.include_unaccepted.isVisible()
    dialog.public.setChecked(True)
    choose(dialog.format, ExportFormat.DOCX)
    target = tmp_path / "結果.docx"
    dialog.path.setText(str(target))
    dialog.title.setText("令和7年度 フォローアップ結果（速報）")
    dialog.start_button.click()
    qtbot.waitUntil(lambda: not dialog.running, timeout=TIMEOUT_MS)
    text = dialog.message.text()
    assert f"施策シート {len(accepted)} 件" in text and f"施策シート {len(sheets) - len(accepted)}件" in text
    import docx

    body = "\n".join(p.text for p in docx.Document(target).paragraphs)
    assert "令和7年度 フォローアップ結果（速報）" in body
    assert all(s.text("title") not in body for s in sheets if s.status.value != "accepted")


def test_locked_target_gives_a_clear_japanese_message(qtbot, app, tmp_path, monkeypatch, dialogs):
    target = tmp_path / "開いている.docx"
    target.write_bytes(b"open in Word")
    lock_target(monkeypatch, target)
    dialog = open_export(qtbot, app)
    dialog.path.setText(str(target))
    dialog.start_button.click()
    qtbot.waitUntil(lambda: bool(dialogs.of("warning")), timeout=TIMEOUT_MS)
    kind, title, text = dialogs.of("warning")[0]
    assert title == "報告書を出力できませんでした" and "開いている場合は閉じてから" in text
    assert "開いている場合は閉じてから" in dialog.message.text() and not dialog.running
    assert target.read_bytes() == b"open in Word"
    assert sorted(p.name for p in tmp_path.iterdir() if p.suffix in (".docx", ".tmp")) == ["開いている.docx"]


def test_cancelling_an_export_leaves_no_file(qtbot, app, tmp_path, monkeypatch):
    gate = threading.Event()

    def slow_writer(report, path, *, progress, cancelled=None, verify=None):
        with atomic_path(path, verify=verify) as temp:   # as the real writers write
            temp.write_bytes(b"half written")
            progress(1, 3)
            gate.wait(TIMEOUT_MS / 1000)
            progress(2, 3)          # raises once the task was cancelled
            temp.write_bytes(b"complete")
        return path

    monkeypatch.setattr(ExportFormat, "writer", lambda self: slow_writer)
    dialog = open_export(qtbot, app)
    target = tmp_path / "folder" / "中止.docx"
    target.parent.mkdir()
    dialog.path.setText(str(target))
    dialog.start_button.click()
    qtbot.waitUntil(lambda: dialog.progress.value() == 1, timeout=TIMEOUT_MS)
    dialog.close_button.click()                # キャンセル while running
    gate.set()
    qtbot.waitUntil(lambda: not dialog.running, timeout=TIMEOUT_MS)
    assert "出力を中止しました" in dialog.message.text()
    assert list(target.parent.iterdir()) == []
    assert dialog.isVisible()                  # cancelling the task does not close the dialog


def test_cancelling_while_the_typed_text_is_still_being_saved_exports_nothing(qtbot, app, tmp_path):
    """The export waits for the save of what was just typed; キャンセル meanwhile means it never starts."""
    from tests.ui.helpers import text_edit, type_into

    app.workspace.open_sheet(app.services.repository().list_sheets()[0].id)
    gate = threading.Event()
    real_save = app.workspace.autosaver.save_function

    def held_save(data, **kwargs):
        gate.wait(TIMEOUT_MS / 1000)
        return real_save(data, **kwargs)

    app.workspace.autosaver.save_function = held_save
    type_into(qtbot, text_edit(app, "title"), "追記")
    dialog = open_export(qtbot, app)
    target = tmp_path / "folder" / "待機中.docx"
    target.parent.mkdir()
    dialog.path.setText(str(target))
    dialog.start_button.click()
    qtbot.waitUntil(lambda: app.workspace.autosaver.is_saving(app.workspace.doc), timeout=TIMEOUT_MS)
    assert dialog.running
    dialog.close_button.click()                # キャンセル while the save is in flight
    gate.set()
    qtbot.waitUntil(lambda: not dialog.running, timeout=TIMEOUT_MS)
    assert "出力を中止しました" in dialog.message.text()
    assert list(target.parent.iterdir()) == []


def test_public_export_with_a_leak_is_refused(qtbot, app, tmp_path, monkeypatch, dialogs):
    class Leak:
        sheet_title, text, part, where, sheet_id, context = "施策", "非公開の文", "word/document.xml", "", 1, "…"

    monkeypatch.setattr(export, "leak_verifier", lambda *a: lambda temp: (_ for _ in ()).throw(
        export.LeakFound([Leak()])))
    dialog = open_export(qtbot, app)
    assert dialog.chosen_audience() is Audience.PUBLIC          # public is the default
    target = tmp_path / "公開.xlsx"
    choose(dialog.format, ExportFormat.XLSX)
    dialog.path.setText(str(target))
    dialog.start_button.click()
    qtbot.waitUntil(lambda: bool(dialogs.of("warning")), timeout=TIMEOUT_MS)
    assert "公開版に非公開の内容が 1 か所含まれていたため" in dialogs.of("warning")[0][2]
    assert not target.exists()


# --------------------------------------------------------------------------
# Import.


@pytest.fixture
def form(app, tmp_path, read_repo):
    """The form of 総務省 for 2025, written the way `sesaku-desk template` does."""
    repo = read_repo(app.services.target)
    # The ministry answers with sheets it is still writing: an accepted (確定) one is returned first.
    reopen(repo, *(s.id for s in repo.load_sheets(SheetFilter(year=2025, ministry="総務省"))
                   if repo.survey.review.is_locked(s.status)))
    path = tmp_path / "forms" / "調査票.xlsx"
    path.parent.mkdir()
    write_template(repo, path, year=2025, ministry="総務省")
    return path


def open_import(qtbot, app, dialogs, paths):
    dialogs.answer("open_files", ([str(p) for p in paths], ""))
    app.window.actions.import_forms.trigger()
    dialog = app.reports.import_dialog
    qtbot.waitUntil(lambda: dialog.plan is not None or "読み込めません" in dialog.summary.text(),
                    timeout=TIMEOUT_MS)
    return dialog


def test_import_previews_field_changes_then_applies_in_one_go(qtbot, app, dialogs, form, read_repo):
    fill(form, [{"施策内容": "取り込みで書き換えた施策内容"}], [])
    dialog = open_import(qtbot, app, dialogs, [form])
    assert dialogs.of("open_files")
    updates = dialog.group("updates")
    assert updates is not None and dialog.group("problems") is None
    sheet_item = updates.child(0)
    change = next(sheet_item.child(i) for i in range(sheet_item.childCount()) if sheet_item.child(i).text(0) == "施策内容")
    assert change.text(2) == "取り込みで書き換えた施策内容" and change.text(1)
    assert "変更 1 件" in dialog.summary.text()
    sheet_id = dialog.plan.updates[0].sheet.id
    assert dialog.apply_button.isEnabled()
    dialog.apply_button.click()
    qtbot.waitUntil(lambda: app.reports.import_dialog is None or not isValid(app.reports.import_dialog)
                    or not app.reports.import_dialog.isVisible(), timeout=TIMEOUT_MS)
    assert read_repo(app.services.target).get_sheet(sheet_id).text("content") == "取り込みで書き換えた施策内容"
    assert "調査票を取り込みました（新規 0 件、変更 1 件）" in app.window.statusBar().currentMessage()
    assert app.settings.folder("forms") == str(form.parent)


def test_import_with_problems_shows_cells_and_cannot_be_applied(qtbot, app, dialogs, form, read_repo):
    fill(form, [{"施策内容": "この変更も保存されない"}, {"施策分類": "存在しない分類"}], [])
    before = {s.id: s.version for s in read_repo(app.services.target).load_sheets()}
    dialog = open_import(qtbot, app, dialogs, [form])
    problems = dialog.group("problems")
    assert problems is not None and problems.childCount() == 1
    assert problems.child(0).text(0).startswith("調査票.xlsx 一覧!I5: ") and "選択肢にありません" in problems.child(0).text(0)
    assert "取り込めない箇所が 1 件あります" in dialog.summary.text()
    assert not dialog.apply_button.isEnabled()
    dialog.close_button.click()
    assert not dialog.isVisible()
    assert {s.id: s.version for s in read_repo(app.services.target).load_sheets()} == before


def test_import_of_a_damaged_file_is_refused_in_the_preview(qtbot, app, dialogs, tmp_path):
    broken = tmp_path / "壊れた.xlsx"
    broken.write_bytes(b"PK\x03\x04 not really")
    dialog = open_import(qtbot, app, dialogs, [broken])
    problems = dialog.group("problems")
    assert problems is not None and "壊れ" in problems.child(0).text(0)
    assert not dialog.apply_button.isEnabled()


def test_read_only_database_cannot_import(qtbot, app):
    app.window.set_read_only(True)
    assert not app.window.actions.import_forms.isEnabled()
    assert app.window.actions.export_report.isEnabled()


def test_import_of_a_form_without_a_year_takes_the_year_chosen_in_the_dialog(qtbot, app, dialogs, tmp_path):

    wb = openpyxl.Workbook()
    wb.active.append(["府省庁名", "担当課室", "施策名", "施策内容"])
    wb.active.append(["環境省", "地球環境局", "年度のない様式の施策", "内容"])
    path = tmp_path / "他様式.xlsx"
    wb.save(path)
    dialog = open_import(qtbot, app, dialogs, [path])
    assert not dialog.plan.ok and "年度が分かりません" in dialog.group("problems").child(0).text(0)
    edit = dialog.year_field.lineEdit()
    edit.setText("令和7年度")
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.plan is not None and dialog.plan.ok, timeout=TIMEOUT_MS)
    [planned] = dialog.plan.creates
    assert (planned.sheet.fiscal_year, planned.sheet.ministry, planned.sheet.bureau) == (2025, "環境省", "地球環境局")
    assert dialog.apply_button.isEnabled()


def test_import_of_a_word_file_of_last_years_sheets_previews_its_measures(qtbot, app, dialogs, tmp_path):
    import docx
    document = docx.Document()
    document.add_paragraph("令和7年度 施策シート（総務省）")
    for n in (1, 2):
        table = document.add_table(rows=0, cols=2)
        for label, value in (("施策名", f"ワードの施策{n}"), ("施策内容", "内容"), ("KPI", "件数 5件")):
            cells = table.add_row().cells
            cells[0].text, cells[1].text = label, value
    path = tmp_path / "前年度.docx"
    document.save(path)
    dialog = open_import(qtbot, app, dialogs, [path])
    assert dialog.plan.ok, [str(p) for p in dialog.plan.problems]
    assert [p.sheet.text("title") for p in dialog.plan.creates] == ["ワードの施策1", "ワードの施策2"]
    assert {p.sheet.ministry for p in dialog.plan.creates} == {"総務省"}
    assert "新規 2 件" in dialog.summary.text()
    # its KPI lines were read: nothing can be applied before a person has looked at them
    assert dialog.tabs.currentWidget() is dialog.kpi_review and not dialog.apply_button.isEnabled()
    assert "「KPI の確認」で確認" in dialog.summary.text()
    dialog.kpi_review.text_all.click()
    assert dialog.apply_button.isEnabled()
    assert [[k.indicator for k in p.sheet.items[0].kpis] for p in dialog.plan.creates] == [["件数 5件"], ["件数 5件"]]


KPI_CELL = "・研修修了者数：令和9年度までに累計100名\n・GII 4位以内\n・関係機関との連携を深める"


def _kpi_form(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "調査票"
    ws["A1"] = "令和7年度 フォローアップ調査票"
    ws.append(["府省庁名", "担当課室", "施策名", "施策内容", "実施項目・KPI"])
    ws.append(["環境省", "地球環境局", "文章のKPIの施策", "内容", KPI_CELL])
    path = tmp_path / "文章のKPI.xlsx"
    wb.save(path)
    return path


def choose_in(combo, text):
    index = combo.findText(text)
    assert index >= 0, text
    combo.setCurrentIndex(index)
    combo.activated.emit(index)


def test_kpis_read_from_text_are_corrected_in_the_review_table_then_saved(qtbot, app, dialogs, tmp_path, read_repo):
    dialog = open_import(qtbot, app, dialogs, [_kpi_form(tmp_path)])
    assert dialog.plan.ok, [str(p) for p in dialog.plan.problems]
    review = dialog.kpi_review
    assert dialog.tabs.currentWidget() is review and not dialog.apply_button.isEnabled()
    [table] = review.tables
    rows = [[table.item(r, c).text() for c in range(7)] for r in range(table.rowCount())]
    assert rows == [
        ["研修修了者数：令和9年度までに累計100名", "研修修了者数", "", "", "100", "名", "令和9年度"],
        ["GII 4位以内", "GIIの順位", "", "", "4", "位", ""],
        ["関係機関との連携を深める", "", "", "", "", "", ""]]            # not read: shown, kept as text
    assert table.cellWidget(1, 7).currentText() == "以内" and table.cellWidget(1, 9).currentText() == "下向き"
    assert not table.cellWidget(2, 11).isEnabled() and "読み取れません" in table.cellWidget(2, 11).currentText()
    assert review.sheet_choice.itemText(0).endswith("［未確認 2件］")
    # the person corrects the target of the first line: typed in the table, it becomes 修正して登録
    table.item(0, 4).setText("120")
    assert table.cellWidget(0, 11).currentText() == "修正して登録"
    assert not dialog.apply_button.isEnabled()              # the GII line is still undecided
    table.item(1, 6).setText("令和九年度")                   # not a year it can read: marked, blocks the import
    assert "誤り" in review.status.text() and not dialog.apply_button.isEnabled()
    table.item(1, 6).setText("令和9年度")
    choose_in(table.cellWidget(1, 11), "読み取りどおり登録")
    assert table.item(1, 6).text() == ""                     # 読み取りどおり: the reading, without the correction
    assert dialog.apply_button.isEnabled() and review.sheet_choice.itemText(0).endswith("［確認済み］")
    change = next(c for c in dialog.plan.creates[0].changes if c.label == "実施項目・KPI")
    assert "目標 120" in change.after                        # the preview shows what will be saved
    dialog.apply_button.click()
    qtbot.waitUntil(lambda: not isValid(dialog) or not dialog.isVisible(), timeout=TIMEOUT_MS)
    [got] = read_repo(app.services.target).load_sheets(SheetFilter(year=2025, text="文章のKPIの施策"))
    kpis = [k for i in got.items for k in i.kpis]
    assert [(k.indicator, k.target_value, k.unit, k.target_year) for k in kpis] == [
        ("研修修了者数", "120", "名", 2027), ("GIIの順位", "4", "位", None), ("関係機関との連携を深める", None, "", None)]
    assert (kpis[0].data_source, kpis[0].source_text) == ("", "研修修了者数：令和9年度までに累計100名")
    assert (kpis[1].qualifier.label, kpis[1].judged_direction.label) == ("以内", "下向き")


def test_a_line_kept_as_text_in_the_review_is_saved_as_written(qtbot, app, dialogs, tmp_path, read_repo):
    dialog = open_import(qtbot, app, dialogs, [_kpi_form(tmp_path)])
    [table] = dialog.kpi_review.tables
    choose_in(table.cellWidget(0, 11), "文章のまま")
    dialog.kpi_review.accept_all.click()
    assert dialog.apply_button.isEnabled()
    dialog.apply_button.click()
    qtbot.waitUntil(lambda: not isValid(dialog) or not dialog.isVisible(), timeout=TIMEOUT_MS)
    [got] = read_repo(app.services.target).load_sheets(SheetFilter(year=2025, text="文章のKPIの施策"))
    assert [(k.indicator, k.target_value) for i in got.items for k in i.kpis] == [
        ("研修修了者数：令和9年度までに累計100名", None), ("GIIの順位", "4"), ("関係機関との連携を深める", None)]


def test_nothing_is_saved_when_the_review_is_left_undecided(qtbot, app, dialogs, tmp_path, read_repo):
    before = {s.id: s.version for s in read_repo(app.services.target).load_sheets()}
    dialog = open_import(qtbot, app, dialogs, [_kpi_form(tmp_path)])
    dialog.apply_button.click()                               # disabled: nothing happens
    dialog._apply()                                           # and the dialog refuses even when asked directly
    dialog.close_button.click()
    assert {s.id: s.version for s in read_repo(app.services.target).load_sheets()} == before
