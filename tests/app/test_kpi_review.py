"""The import of free-text KPIs: readings proposed next to their lines, decided by a person, saved only then."""

import docx
import openpyxl
import pytest

from desktop.app.export import apply_import, plan_import
from desktop.app.kpi_review import review_lines
from desktop.reports.errors import ReportError
from desktop.reports.form_plan import KpiChoice
from desktop.store.repository import SheetFilter

LINES = ["研修修了者数：令和9年度までに累計100名", "GII 4位以内", "相談件数 令和5年度 12件 → 令和9年度 30件",
         "日本ファンの割合 +10ポイント（令和10年度）", "関係機関との連携を深める"]


def _form(path, cell="\n".join("・" + line for line in LINES)):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "調査票"
    ws["A1"] = "令和7年度 フォローアップ調査票"
    ws.append(["府省庁名", "担当課室", "施策名", "施策内容", "実施項目・KPI"])
    ws.append(["環境省", "地球環境局", "文章のKPIの施策", "内容", cell])
    wb.save(path)
    return path


def _counts(repo):
    return {s.id: s.version for s in repo.load_sheets()}


def test_each_line_is_proposed_with_what_was_read(repo, tmp_path):
    plan = plan_import(repo, [_form(tmp_path / "a.xlsx")])
    assert plan.ok, [str(p) for p in plan.problems]
    [planned] = plan.reviewed()
    got = [(p.line, p.cell, p.parsed is not None) for p in planned.kpi_review]
    assert got == [(line, "調査票!E3", line != LINES[-1]) for line in LINES]
    trained, rank, consult, fans, _text = (p.parsed for p in planned.kpi_review)
    assert (trained.indicator, trained.target_value, trained.unit, trained.target_year) == ("研修修了者数", "100", "名", 2027)
    assert (rank.target_value, rank.unit, rank.qualifier.label, rank.judged_direction.label) == ("4", "位", "以内", "下向き")
    assert (consult.baseline_value, consult.baseline_year, consult.target_value, consult.target_year) == \
        ("12", 2023, "30", 2027)
    assert (fans.target_kind.label, fans.target_value, fans.unit, fans.target_year) == ("増加幅", "10", "ポイント", 2028)
    assert len(plan.kpi_pending) == 4
    # until decided the sheet holds every line as written: nothing of the reading is taken for granted
    assert [k.indicator for k in planned.sheet.items[0].kpis] == LINES
    # the line it could not read is listed for the person, never dropped
    assert any("目標値を読み取れない" in w.message and "関係機関との連携を深める" in w.message for w in plan.warnings)
    lines = review_lines(repo.survey, plan)
    assert "  原文「GII 4位以内」（調査票!E3）" in lines and "    ・「関係機関との連携を深める」" in lines


def test_nothing_is_saved_before_the_readings_are_decided(repo, tmp_path):
    plan = plan_import(repo, [_form(tmp_path / "a.xlsx")])
    before = _counts(repo)
    with pytest.raises(ReportError, match="4件が未確認のため、取り込みを中止しました"):
        apply_import(repo, plan)
    assert _counts(repo) == before
    plan.reviewed()[0].kpi_review[0].choice = KpiChoice.ACCEPT      # one decided of four: still refused
    with pytest.raises(ReportError, match="3件が未確認"):
        apply_import(repo, plan)
    assert _counts(repo) == before


def test_accepted_readings_are_saved_with_their_lines_and_corrections(repo, tmp_path):
    plan = plan_import(repo, [_form(tmp_path / "a.xlsx")])
    trained, rank, consult, fans, _text = plan.reviewed()[0].kpi_review
    trained.kpi.target_value = "120"                 # corrected by the person
    rank.choice = KpiChoice.TEXT                     # kept as written
    plan.decide_kpis(KpiChoice.ACCEPT, repo.survey)
    assert trained.corrected and not consult.corrected
    [saved_id] = apply_import(repo, plan)
    got = repo.get_sheet(saved_id)
    kpis = [k for i in got.items for k in i.kpis]
    assert [k.indicator for k in kpis] == ["研修修了者数", "GII 4位以内", "相談件数", "日本ファンの割合",
                                           "関係機関との連携を深める"]
    # the line it was read from is kept beside the KPI, and 指標の出典 (printed by the secretariat) stays empty
    assert kpis[0].target_value == "120" and (kpis[0].data_source, kpis[0].source_text) == ("", LINES[0])
    assert kpis[1].target_value is None and (kpis[1].data_source, kpis[1].source_text) == ("", "")
    assert (kpis[2].data_source, kpis[2].source_text) == ("", LINES[2])
    assert (kpis[3].target_kind.label, kpis[3].target_value) == ("増加幅", "10")
    assert kpis[4].target_value is None              # not read: the line, as text


def test_two_targets_in_one_line_are_two_proposals_and_one_line_of_text(repo, tmp_path):
    line = "海外展開支援件数を2026年度に200件、2028年度に500件とする"
    plan = plan_import(repo, [_form(tmp_path / "a.xlsx", cell=line)])
    proposals = plan.reviewed()[0].kpi_review
    assert [(p.line, p.parsed.target_value, p.parsed.target_year) for p in proposals] == \
        [(line, "200", 2026), (line, "500", 2028)]
    plan.decide_kpis(KpiChoice.TEXT, repo.survey)
    [saved_id] = apply_import(repo, plan)
    assert [k.indicator for i in repo.get_sheet(saved_id).items for k in i.kpis] == [line]    # once, as written


def test_a_word_file_of_last_years_sheets_gives_the_same_review(repo, tmp_path):
    document = docx.Document()
    document.add_paragraph("令和7年度 施策シート（国土交通省）")
    table = document.add_table(rows=0, cols=2)
    for label, value in (("施策名", "ワードの施策"), ("施策内容", "内容"),
                         ("実施項目・KPI", "港湾のBIM/CIM活用率 100%（令和9年度）\n国際規格提案数 3件以上")):
        cells = table.add_row().cells
        cells[0].text, cells[1].text = label, value
    path = tmp_path / "前年度.docx"
    document.save(path)
    plan = plan_import(repo, [path])
    assert plan.ok, [str(p) for p in plan.problems]
    proposals = plan.reviewed()[0].kpi_review
    assert [(p.parsed.indicator, p.parsed.target_value, p.parsed.unit, p.parsed.target_year,
             p.parsed.qualifier.label if p.parsed.qualifier else "") for p in proposals] == \
        [("港湾のBIM/CIM活用率", "100", "%", 2027, ""), ("国際規格提案数", "3", "件", None, "以上")]
    plan.decide_kpis(KpiChoice.ACCEPT, repo.survey)
    apply_import(repo, plan)
    [got] = repo.load_sheets(SheetFilter(year=2025, text="ワードの施策"))
    assert [(k.data_source, k.source_text) for i in got.items for k in i.kpis] == [
        ("", "港湾のBIM/CIM活用率 100%（令和9年度）"), ("", "国際規格提案数 3件以上")]


def test_a_sheet_that_already_has_kpis_is_not_reviewed(repo, tmp_path):
    from tests.reports.sheetkit import draft_sheet
    stored = repo.save_sheet(draft_sheet(repo.survey, "文章のKPIの施策", ministry="環境省", with_ids=False))
    plan = plan_import(repo, [_form(tmp_path / "a.xlsx")])
    assert plan.reviewed() == [] and plan.kpi_pending == []
    [planned] = plan.updates + plan.unchanged
    assert planned.sheet.items == stored.items


def test_the_checks_of_the_preview_follow_the_decisions(repo, tmp_path):
    plan = plan_import(repo, [_form(tmp_path / "a.xlsx")])

    def unset():
        return sorted(w.message.split("KPI「")[1].split("」")[0] for w in plan.warnings if "目標値が未設定" in w.message)

    assert unset() == sorted(LINES)                  # every line as text: none has a target yet
    plan.decide_kpis(KpiChoice.ACCEPT, repo.survey)
    assert unset() == ["関係機関との連携を深める"]     # the readings have theirs; the line it could not read has none
    assert len([w for w in plan.warnings if "読み取りました" in w.message]) == 1      # the other warnings stay


def _printed(path):
    """Every text a reader of the file could see (all parts of a .docx/.xlsx, or the .csv)."""
    import zipfile
    if path.suffix == ".csv":
        return path.read_text(encoding="utf-8-sig")
    with zipfile.ZipFile(path) as z:
        return "".join(z.read(n).decode("utf-8", "replace") for n in z.namelist())


def test_a_passage_marked_in_the_kpi_text_withholds_what_was_read_from_it(repo, tmp_path):
    """Fail closed: the readings may still be corrected, so a 【非公開】 passage in a free-text KPI cell withholds
    the whole 実施項目 read from the cell; the person is told and narrows it in the editor."""
    from desktop.app.export import export_report
    from desktop.survey.parts import PartKind

    cell = "・研修修了者数：令和9年度までに累計100名\n・【非公開】極秘指標：令和9年度までに50社【/非公開】\n・GII 4位以内"
    plan = plan_import(repo, [_form(tmp_path / "a.xlsx", cell)])
    assert plan.ok, [str(p) for p in plan.problems]
    assert any("非公開の印があるため" in w.message and "極秘指標" in w.message for w in plan.warnings)
    plan.decide_kpis(KpiChoice.ACCEPT, repo.survey)
    [saved_id] = apply_import(repo, plan)
    got = repo.get_sheet(saved_id)
    [item] = got.items
    assert [m.part.kind for m in got.marks] == [PartKind.ITEM] and got.marks[0].part.key == item.key
    for fmt in ("docx", "xlsx", "csv"):
        public = export_report(repo, fmt, tmp_path / f"public.{fmt}", audience="public", include_unaccepted=True)
        assert public.checked and "極秘指標" not in _printed(public.path) and "50社" not in _printed(public.path)
    internal = export_report(repo, "xlsx", tmp_path / "internal.xlsx", audience="internal")
    assert "極秘指標" in _printed(internal.path)
