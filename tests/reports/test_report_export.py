"""The export/import service the CLI and the GUI share: selection, the leak check before the rename,
cancellation, the form of a year, and a filled form re-saved by LibreOffice imported into the database."""

import csv

import openpyxl
import pytest

from desktop.reports.errors import ReportCancelled, ReportError
from desktop.app.export import (
    ExportFormat,
    LeakFound,
    Selection,
    apply_import,
    export_report,
    plan_import,
    template_sheets,
    write_template,
)
from desktop.reports.form import SHEET_LIST
from desktop.store.repository import SheetFilter
from tests.reports.sheetkit import SECRET, accept, convert, fill, headers, mark, package_text, reopen, sheet


@pytest.fixture
def stored(repo):
    survey = repo.survey
    last = sheet(survey, "続く施策", year=2024, with_ids=False)
    ended = sheet(survey, "終わった施策", year=2024, with_ids=False)
    last, ended = repo.save_sheets([last, ended])
    current = sheet(survey, "続く施策", with_ids=False, content="国際指針の普及。" + SECRET)
    current.predecessor_id = last.id
    mark(current, "content", SECRET)
    other = sheet(survey, "外務省の施策", ministry="外務省", with_ids=False)
    current, other = repo.save_sheets([current, other])
    return {"last": last, "ended": ended, "current": current, "other": other}


@pytest.fixture
def out(tmp_path):
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


def test_progress_reports_each_sheet_and_the_check(repo, stored, out):
    seen = []
    result = export_report(repo, "xlsx", out / "a.xlsx", selection=Selection(year=2025),
                           progress=lambda d, t, m="": seen.append((d, t, m)), include_unaccepted=True)
    assert result.sheet_count == 2 and result.checked
    assert ("非公開の内容が含まれていないか確認しています" in {m for _, _, m in seen})
    assert seen[-1] == (1, 1, "")
    assert any(t == 3 and d == 2 for d, t, _ in seen)      # 2 sheets + saving


@pytest.mark.parametrize("fmt", [ExportFormat.DOCX, ExportFormat.XLSX, ExportFormat.CSV])
def test_another_sheet_repeating_the_withheld_passage_is_withheld_there_too(repo, stored, out, fmt):
    # Another sheet states the marked passage without marking it (in a field; for CSV, a KPI's source).
    copied = sheet(repo.survey, "同じ文を書いた施策", with_ids=False, outcome=SECRET)
    copied.items[0].kpis[0].data_source = SECRET
    repo.save_sheets([copied])
    target = out / f"公開{fmt.suffix}"
    result = export_report(repo, fmt, target, selection=Selection(year=2025), include_unaccepted=True)
    text = target.read_text(encoding="utf-8-sig") if fmt is ExportFormat.CSV else package_text(target)
    assert result.checked and SECRET not in text and repo.survey.public_placeholder in text
    export_report(repo, fmt, target, audience="internal", selection=Selection(year=2025))   # internal: all of it
    text = target.read_text(encoding="utf-8-sig") if fmt is ExportFormat.CSV else package_text(target)
    assert SECRET in text


@pytest.mark.parametrize("fmt", [ExportFormat.DOCX, ExportFormat.XLSX, ExportFormat.CSV])
def test_a_file_holding_withheld_text_is_refused_by_the_check_and_never_appears(repo, stored, out, fmt,
                                                                                monkeypatch):
    # The check after writing is the independent safeguard: a writer (or model) that printed the
    # withheld passage anyway is refused before the file is renamed into place.
    from desktop.app import export as export_module
    reopen(repo, stored["current"].id)
    current = repo.get_sheet(stored["current"].id)
    current.items[0].kpis[0].data_source = SECRET          # so that the CSV (KPIs only) holds it too
    repo.save_sheet(current)
    accept(repo, current.id)
    real = export_module.build_report
    monkeypatch.setattr(export_module, "build_report",
                        lambda survey, sheets, audience, **kw: real(survey, sheets, "internal", **kw))
    target = out / f"公開{fmt.suffix}"
    with pytest.raises(LeakFound) as caught:
        export_report(repo, fmt, target, selection=Selection(year=2025), include_unaccepted=True)
    assert caught.value.leaks and "続く施策" in str(caught.value)
    assert list(out.iterdir()) == []


def test_every_public_format_is_checked_and_stays_clean(repo, stored, out):
    for fmt in ("docx", "xlsx", "csv"):
        result = export_report(repo, fmt, out / f"a.{fmt}", selection=Selection(year=2025), include_unaccepted=True)
        assert result.checked and result.path.exists()
        text = result.path.read_text(encoding="utf-8-sig") if fmt == "csv" else package_text(result.path)
        assert SECRET not in text


def test_cancelled_export_leaves_the_old_file(repo, stored, out):
    target = out / "a.docx"
    target.write_bytes(b"old")
    with pytest.raises(ReportCancelled):
        export_report(repo, "docx", target, selection=Selection(year=2025), cancelled=lambda: True, include_unaccepted=True)
    assert target.read_bytes() == b"old" and list(out.iterdir()) == [target]


def test_selection_by_classification_and_one_sheet(repo, stored, out):
    code = stored["other"].classification
    result = export_report(repo, "csv", out / "k.csv", selection=Selection(classification=code, year=2025), include_unaccepted=True)
    assert result.sheet_count == 2       # both 2025 sheets share the first classification
    with pytest.raises(ReportError, match="合う施策シートがありません"):
        export_report(repo, "csv", out / "k.csv", selection=Selection(year=2025, ministry="防衛省"), include_unaccepted=True)
    result = export_report(repo, "csv", out / "one.csv", selection=Selection(sheet_id=stored["other"].id), include_unaccepted=True)
    rows = list(csv.reader((out / "one.csv").read_text(encoding="utf-8-sig").splitlines()))
    assert result.sheet_count == 1 and all("外務省" in r for r in rows[1:])


def test_form_of_a_year_holds_its_sheets_and_last_years_not_yet_continued(repo, stored):
    current, earlier = template_sheets(repo, 2025, None)
    assert sorted(s.text("title") for s in current) == ["外務省の施策", "続く施策"]
    assert [s.id for s in earlier] == [stored["ended"].id]     # 続く施策 of 2024 already has its 2025 sheet
    current, earlier = template_sheets(repo, 2025, "外務省")
    assert [s.text("title") for s in current] == ["外務省の施策"] and earlier == []


def test_filled_form_resaved_by_libreoffice_imports_into_the_database(repo, stored, tmp_path):
    reopen(repo, stored["current"].id)     # the ministry is still writing it
    form = write_template(repo, tmp_path / "form.xlsx", year=2025, ministry="総務省").path
    ws = openpyxl.load_workbook(form)[SHEET_LIST]
    titles = {ws.cell(r, headers(ws)["施策名"]).value: r for r in range(4, 7)}
    row = titles["続く施策"] - 4
    changed = "改行を含む\n新しい内容😀、制御文字\x01と=式のような文"
    rows = [{}] * (row + 1)
    rows[row] = {"施策内容": changed, "当年度の実績": "令和7年度は5件実施した。"}
    fill(form, rows, [])
    resaved = convert(form, "xlsx:Calc MS Excel 2007 XML", tmp_path / "lo")
    plan = plan_import(repo, [resaved])
    assert plan.problems == []
    assert [p.sheet.id for p in plan.updates] == [stored["current"].id]
    assert [p.sheet.text("title") for p in plan.creates] == ["終わった施策"]   # last year's row: a new sheet
    apply_import(repo, plan)
    saved = repo.get_sheet(stored["current"].id)
    assert saved.text("content") == changed and saved.text("results") == "令和7年度は5件実施した。"
    assert [i.title for i in saved.items] == [i.title for i in stored["current"].items]
    new = repo.load_sheets(SheetFilter(year=2025, text="終わった施策"))
    assert [s.predecessor_id for s in new] == [stored["ended"].id]


@pytest.mark.parametrize("selection", ["sheet", "ministry"])
def test_a_sheet_repeating_another_sheets_marked_passage_is_withheld_when_exported_alone(repo, stored, out,
                                                                                          selection):
    # A duplicate (e.g. made by importing a report) holds the marked passage of 「続く施策」 unmarked.
    (dup,) = repo.save_sheets([sheet(repo.survey, "写した施策", ministry="外務省", with_ids=False, outcome=SECRET)])
    chosen = Selection(sheet_id=dup.id) if selection == "sheet" else Selection(year=2025, ministry="外務省")
    export_report(repo, "docx", out / "公開.docx", selection=chosen, include_unaccepted=True)
    assert SECRET not in package_text(out / "公開.docx")
    # the trash protects it too: a passage copied from a deleted sheet stays withheld
    repo.set_deleted(stored["current"].id, True)
    export_report(repo, "docx", out / "公開2.docx", selection=chosen, include_unaccepted=True)
    assert SECRET not in package_text(out / "公開2.docx")




FORM_LINE = "研修修了者数を令和9年度までに累計100名（協定先の内諾による）"


@pytest.mark.parametrize("fmt", [ExportFormat.DOCX, ExportFormat.XLSX, ExportFormat.CSV])
def test_the_form_line_a_kpi_was_read_from_never_reaches_a_public_file(repo, stored, out, fmt):
    """調査票の記載 (source_text) is the form's wording, perhaps of a passage withheld there: never printed in
    public; and when its KPI is withheld, the line is withheld text wherever else it is written."""
    from desktop.survey.parts import Part
    from desktop.survey.sheet import MarkData

    read = sheet(repo.survey, "文章から読んだ施策", with_ids=False)
    kpi = read.items[0].kpis[0]
    kpi.source_text = FORM_LINE
    read.marks.append(MarkData(reason="公表前の数値", part=Part.kpi(kpi.key), text=kpi.indicator))
    repeated = sheet(repo.survey, "同じ記載を出典にした施策", ministry="外務省", with_ids=False)
    repeated.items[0].kpis[0].data_source = FORM_LINE     # another measure's printed 出典 repeats the line
    plain = sheet(repo.survey, "非公開のない施策", with_ids=False)
    plain.items[0].kpis[0].source_text = FORM_LINE + "（公開可）"
    repo.save_sheets([read, repeated, plain])
    target = out / f"公開{fmt.suffix}"
    result = export_report(repo, fmt, target, selection=Selection(year=2025), include_unaccepted=True)
    text = target.read_text(encoding="utf-8-sig") if fmt is ExportFormat.CSV else package_text(target)
    assert result.checked and FORM_LINE not in text and "公開可" not in text
    assert repo.survey.public_placeholder in text
