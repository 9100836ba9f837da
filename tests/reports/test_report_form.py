"""The fillable form and its import: template, round trips, damaged and foreign files."""

import copy
import zipfile
from datetime import date

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.reports import form_check
from desktop.reports.errors import ReportError
from desktop.reports.form import (
    HEADER_ROW,
    MARKED_FILL,
    SHEET_CHOICES,
    SHEET_INFO,
    SHEET_KPI,
    SHEET_LIST,
    list_columns,
    write_form,
)
from desktop.reports.form_import import read_forms
from desktop.reports.form_marks import GUIDE_SHEET
from desktop.survey.loader import default_survey
from desktop.survey.sheet import (
    Direction,
    Horizon,
    ItemData,
    KpiData,
    KpiKind,
    MarkData,
    SheetData,
    Status,
    normalize_value,
)
from desktop.survey.parts import Part
from tests.reports.sheetkit import SECRET, cite, convert, fill, headers, mark
from tests.reports.sheetkit import draft_sheet as sheet   # a form updates sheets still being written

YEAR = 2025


def content(s: SheetData, survey) -> tuple:
    """What a form carries of a sheet, comparable across the round trip."""
    return (
        s.ministry, s.bureau, s.person, s.contact, s.classification, tuple(s.areas),
        tuple(s.text(f.key) for f in survey.text_fields),
        tuple((i.title, i.plan_text, tuple(
            (k.indicator, k.unit, k.kind, k.horizon, k.quantitative, k.direction, k.baseline_value, k.baseline_year,
             k.target_value, k.target_year, k.data_source,
             tuple(sorted((y, v) for y, v in k.actuals.items() if v is not None)))
            for k in i.kpis)) for i in s.items),
    )


def plan_of(survey, path, existing=None):
    return read_forms(survey, [path], existing or {})


# --------------------------------------------------------------------------
# The template.


def test_template_has_labels_guidance_dropdowns_and_hidden_ids(survey, tmp_path):
    path = write_form(survey, [sheet(survey)], tmp_path / "調査票.xlsx", ministry="総務省", year=YEAR)
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == [SHEET_LIST, SHEET_KPI, GUIDE_SHEET, SHEET_CHOICES, SHEET_INFO]
    assert wb[GUIDE_SHEET].sheet_state == "visible" and "【非公開】" in \
        "".join(str(c.value) for c in wb[GUIDE_SHEET]["A"])
    assert wb[SHEET_CHOICES].sheet_state == "hidden" and wb[SHEET_INFO].sheet_state == "hidden"
    ws = wb[SHEET_LIST]
    cols = headers(ws)
    for label in ("府省庁", "担当部局・課室", "担当者", "連絡先", survey.areas_label):
        assert label in cols
    for f in survey.fields:
        if f.kind.value != "kpi_items":
            assert f.label in cols
            comment = ws.cell(HEADER_ROW, cols[f.label]).comment
            assert comment is not None and f.guidance[0] in comment.text
    assert "新たな国際標準戦略" in ws.cell(1, cols["No."]).value and "総務省" in ws.cell(1, cols["No."]).value
    assert ws.column_dimensions["A"].hidden and ws.cell(HEADER_ROW, 1).value == "ID"
    assert ws.cell(HEADER_ROW + 1, 1).value is not None  # the sheet's id, to map the row back
    dv = [d for d in ws.data_validations.dataValidation if d.type == "list"]
    assert len(dv) == 1
    assert dv[0].formula1.startswith(f"{SHEET_CHOICES}!$A$2:$A$") or dv[0].formula1.startswith(f"'{SHEET_CHOICES}'!")
    assert not dv[0].formula1.startswith('"')                  # a range, not a literal list
    choices = [c.value for c in wb[SHEET_CHOICES]["A"][1:] if c.value]
    assert choices == [survey.classification_display(c.code) for c in survey.choices]
    assert ws.cell(HEADER_ROW + 1, cols["施策分類"]).value == survey.classification_display(survey.choices[0].code)
    kpi_ws = wb[SHEET_KPI]
    kcols = headers(kpi_ws)
    assert {"No.", "実施項目", "指標", "令和6年度実績", "令和7年度実績"} <= kcols.keys()
    assert kpi_ws.cell(HEADER_ROW + 1, kcols["指標"]).value == "プロジェクト実施件数"
    assert kpi_ws.cell(HEADER_ROW + 1, kcols["令和6年度実績"]).value == "1"
    assert {d.type for d in kpi_ws.data_validations.dataValidation} == {"list"}


def test_template_refuses_text_beyond_the_cell_limit(survey, tmp_path):
    with pytest.raises(ReportError, match="施策内容"):
        write_form(survey, [sheet(survey, content="あ" * 40000)], tmp_path / "f.xlsx", ministry=None, year=YEAR)
    assert not (tmp_path / "f.xlsx").exists()


# --------------------------------------------------------------------------
# Round trips.

TRICKY = "改行を含む\n日本語😀と\x01制御文字\r\n=SUM(A1)のような式と _x0041_ と\tタブ"


def test_empty_template_filled_by_a_person_imports_exactly(survey, tmp_path):
    path = write_form(survey, [], tmp_path / "調査票.xlsx", ministry="総務省", year=YEAR)
    labels = {f.key: f.label for f in survey.fields}
    long_text = "長い文章です。" * 4000          # 28,000 characters
    fill(path, [{
        "No.": 1, "府省庁": "総務省", "担当部局・課室": "国際戦略局", "担当者": "担当 一郎", "連絡先": "+81-3-0000-0000",
        labels["classification"]: survey.classification_display(survey.choices[2].code),
        labels["title"]: "施策😀名", labels["content"]: TRICKY, labels["background"]: long_text,
        labels["outcome"]: "成果", labels["results"]: "-実績", labels["issues"]: "  前後の空白  ",
        survey.areas_label: "量子、宇宙",
    }], [
        {"No.": 1, "実施項目No.": 1, "実施項目": "項目A", "指標": "件数", "種類": "アウトプット", "方向": "下向き",
         "単位": "件", "基準値": "0", "基準年度": "令和5年度", "目標値": 5, "目標年度": 2027,
         "令和7年度実績": "3", "令和6年度実績": "-", "定量・定性": "定量", "期間": "中期"},
        {"No.": 1, "実施項目No.": 2, "実施項目": "項目B", "今後の検討予定": "来年度に設定"},
    ])
    plan = plan_of(survey, path)
    assert plan.problems == [] and len(plan.creates) == 1
    got = plan.creates[0].sheet
    expected = SheetData(
        survey_key=survey.key, fiscal_year=YEAR, ministry="総務省", bureau="国際戦略局", person="担当 一郎",
        contact="+81-3-0000-0000", classification=survey.choices[2].code,
        areas=[survey.area_by_label("量子").code, survey.area_by_label("宇宙").code],
        fields={"title": "施策😀名", "content": TRICKY, "background": long_text, "outcome": "成果",
                "results": "-実績", "issues": "  前後の空白  ", "disclosure": ""},
        items=[ItemData(title="項目A", kpis=[KpiData(
            indicator="件数", unit="件", kind=KpiKind.OUTPUT, horizon=Horizon.MEDIUM, direction=Direction.DOWN,
            baseline_value="0", baseline_year=2023, target_value="5", target_year=2027,
            actuals={2025: "3", 2024: "-"})]),
            ItemData(title="項目B", plan_text="来年度に設定")],
    )
    assert content(got, survey) == content(expected, survey)
    assert got.id is None and got.fiscal_year == YEAR
    assert sheets_saved(plan) == [got]


def sheets_saved(plan):
    return plan.sheets_to_save()


def test_prefilled_form_returned_unchanged_changes_nothing(survey, tmp_path):
    sheets = [sheet(survey, "一つ目", content=TRICKY), sheet(survey, "二つ目")]
    path = write_form(survey, sheets, tmp_path / "f.xlsx", ministry="総務省", year=YEAR)
    plan = plan_of(survey, path, {s.id: s for s in sheets})
    assert plan.problems == [] and plan.creates == [] and plan.updates == []
    assert [p.sheet.id for p in plan.unchanged] == [s.id for s in sheets]
    assert plan.sheets_to_save() == []


@pytest.mark.parametrize("status", [Status.SUBMITTED, Status.ACCEPTED])
def test_a_row_changing_a_submitted_or_accepted_sheet_is_refused_with_its_cell(survey, tmp_path, status):
    from tests.reports.sheetkit import sheet as any_sheet

    frozen, open_one = any_sheet(survey, "確定した施策", status=status), sheet(survey, "書いている施策")
    path = write_form(survey, [frozen, open_one], tmp_path / "f.xlsx", ministry="総務省", year=YEAR)
    assert read_forms(survey, [path], {frozen.id: frozen, open_one.id: open_one}).problems == []  # unchanged: fine
    fill(path, [{"施策内容": "確定後に書き換えた"}, {"施策内容": "書き進めた"}], [])
    plan = plan_of(survey, path, {frozen.id: frozen, open_one.id: open_one})
    [problem] = plan.problems
    assert problem.cell == "一覧!A4" and f"ID {frozen.id}" in problem.message
    assert f"「{status.label}」のため" in problem.message and "施策内容" in problem.message
    assert "差戻し" in problem.message
    with pytest.raises(ReportError):
        plan.sheets_to_save()


def test_edited_form_updates_with_before_and_after(survey, tmp_path):
    s = sheet(survey)
    path = write_form(survey, [s], tmp_path / "f.xlsx", ministry="総務省", year=YEAR)
    fill(path, [{"施策内容": "新しい施策内容"}], [{"令和7年度実績": "4"}])
    plan = plan_of(survey, path, {s.id: s})
    assert plan.problems == [] and len(plan.updates) == 1
    update = plan.updates[0]
    assert update.sheet.id == s.id and update.sheet.version == s.version
    assert update.sheet.text("content") == "新しい施策内容"
    kpi = update.sheet.items[0].kpis[0]
    assert kpi.id == s.items[0].kpis[0].id and kpi.actuals == {2024: "1", 2025: "4"}
    assert update.sheet.items[0].id == s.items[0].id
    changed = {c.label: (c.before, c.after) for c in update.changes}
    assert changed["施策内容"] == (s.text("content"), "新しい施策内容")
    assert "実施項目・KPI" in changed
    assert set(changed) == {"施策内容", "実施項目・KPI"}


def test_marks_follow_their_text_or_wait_for_a_person(survey, tmp_path):
    s = sheet(survey, content="前半。" + SECRET, background="背景。" + SECRET)
    mark(s, "content", SECRET)
    mark(s, "background", SECRET)
    path = write_form(survey, [s], tmp_path / "f.xlsx", ministry=None, year=YEAR)
    fill(path, [{"施策内容": "追記した前半。" + SECRET, "施策が必要となる背景": "書き直した背景。"}], [])
    plan = plan_of(survey, path, {s.id: s})
    moved, lost = plan.updates[0].sheet.marks
    text = plan.updates[0].sheet.text("content")
    assert text[moved.start:moved.end] == SECRET
    assert lost.unplaced and lost.text == SECRET                 # kept with its text: withheld wherever it appears
    assert any("非公開の確認が必要" in w.message for w in plan.warnings)


def test_next_years_form_starts_new_sheets_from_last_years(survey, tmp_path):
    last = sheet(survey, year=2025)
    path = write_form(survey, [last], tmp_path / "f.xlsx", ministry="総務省", year=2026)
    kcols = headers(openpyxl.load_workbook(path)[SHEET_KPI])
    assert "令和7年度実績" in kcols and "令和8年度実績" in kcols
    fill(path, [{}], [{"令和8年度実績": "4"}])
    plan = plan_of(survey, path, {last.id: last})
    assert plan.problems == [] and len(plan.creates) == 1 and plan.updates == []
    new = plan.creates[0].sheet
    assert new.id is None and new.fiscal_year == 2026 and new.predecessor_id == last.id
    assert new.text("content") == last.text("content")
    assert new.text("results") == ""          # 当年度の実績 is written anew each year (carry_over = false)
    kpi = new.items[0].kpis[0]
    assert kpi.id is None and kpi.actuals == {2024: "1", 2025: "3", 2026: "4"}
    assert all(i.id is None for i in new.items)


# --------------------------------------------------------------------------
# Problems, each with its cell.


def test_formula_cells_are_errors_with_their_cell(survey, tmp_path):
    path = write_form(survey, [], tmp_path / "f.xlsx", ministry="総務省", year=YEAR)
    wb = openpyxl.load_workbook(path)
    ws = wb[SHEET_LIST]
    cols = headers(ws)
    ws.cell(HEADER_ROW + 1, cols["No."]).value = 1
    ws.cell(HEADER_ROW + 1, cols["施策名"]).value = "施策"
    ws.cell(HEADER_ROW + 1, cols["施策内容"]).value = "=1+1"                  # openpyxl stores a formula
    wb.save(path)
    plan = plan_of(survey, path)
    letter = openpyxl.utils.get_column_letter(cols["施策内容"])
    assert [(p.cell, "数式" in p.message) for p in plan.problems] == [(f"一覧!{letter}{HEADER_ROW + 1}", True)]
    with pytest.raises(ReportError, match="取り込めない"):
        plan.sheets_to_save()


def test_unknown_choices_and_bad_years_are_reported_with_cells(survey, tmp_path):
    path = write_form(survey, [], tmp_path / "f.xlsx", ministry="総務省", year=YEAR)
    fill(path, [{"No.": 1, "施策名": "施策", "施策分類": "存在しない分類", survey.areas_label: "火星"}],
         [{"No.": 1, "実施項目": "項目", "指標": "件数", "目標年度": "来年", "方向": "斜め"},
          {"No.": 9, "実施項目": "迷子", "指標": "x"}])
    problems = {p.cell: p.message for p in plan_of(survey, path).problems}
    wb = openpyxl.load_workbook(path)
    lc, kc = headers(wb[SHEET_LIST]), headers(wb[SHEET_KPI])
    col = openpyxl.utils.get_column_letter
    assert f"一覧!{col(lc['施策分類'])}4" in problems
    assert f"一覧!{col(lc[survey.areas_label])}4" in problems
    assert f"KPI!{col(kc['目標年度'])}4" in problems and f"KPI!{col(kc['方向'])}4" in problems
    assert f"KPI!{col(kc['No.'])}5" in problems


def test_validation_findings_are_warnings_with_cells(survey, tmp_path):
    path = write_form(survey, [], tmp_path / "f.xlsx", ministry="総務省", year=YEAR)
    fill(path, [{"No.": 1, "施策名": "施策だけ"}], [])
    plan = plan_of(survey, path)
    assert plan.ok and len(plan.creates) == 1
    col = openpyxl.utils.get_column_letter(headers(openpyxl.load_workbook(path)[SHEET_LIST])["施策内容"])
    assert any(w.cell == f"一覧!{col}4" and "施策内容" in w.message for w in plan.warnings)


def test_unknown_and_duplicate_ids_are_errors(survey, tmp_path):
    s = sheet(survey)
    path = write_form(survey, [s], tmp_path / "f.xlsx", ministry=None, year=YEAR)
    assert any("データベースにありません" in p.message for p in plan_of(survey, path, {}).problems)
    twice = read_forms(survey, [path, path], {s.id: s})
    assert any("にもあります" in p.message for p in twice.problems)


def test_another_tools_form_is_read_by_its_labels(survey, tmp_path):
    """Columns in another order, two title rows, no hidden ids, no 情報 sheet, a 年度 column."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "回答"
    ws["A1"] = "フォローアップ調査（回答）"
    ws["A2"] = "○○省作成"
    labels = ["施策名", "年度", "府省庁", "施策内容", "施策分類", "目指す成果（定性的に記述）"]
    for i, label in enumerate(labels, start=1):
        ws.cell(3, i, label)
    ws.append(["外部様式の施策", "令和7年度", "外務省", "内容です", survey.choices[0].label, "成果です"])
    path = tmp_path / "other.xlsx"
    wb.save(path)
    plan = plan_of(survey, path)
    assert plan.problems == [] and len(plan.creates) == 1
    got = plan.creates[0].sheet
    assert (got.text("title"), got.fiscal_year, got.ministry, got.text("content"), got.classification) == \
        ("外部様式の施策", 2025, "外務省", "内容です", survey.choices[0].code)
    assert any("KPI シートがない" in w.message for w in plan.warnings)


def _other_tools_form(tmp_path, *rows):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "回答"
    ws.append(["施策名", "年度", "府省庁", "施策内容"])
    for row in rows:
        ws.append(row)
    path = tmp_path / "other.xlsx"
    wb.save(path)
    return path


def test_another_tools_row_is_the_stored_sheet_of_its_year_ministry_and_title(survey, tmp_path):
    stored = sheet(survey, "既存の施策", ministry="外務省")
    other_year = sheet(survey, "既存の施策", ministry="外務省", year=2024)
    other_year.id = stored.id + 1
    path = _other_tools_form(tmp_path, ["既存の施策", "令和7年度", "外務省", stored.text("content")])
    plan = plan_of(survey, path, {stored.id: stored, other_year.id: other_year})
    assert plan.problems == [] and plan.creates == [] and plan.updates == []
    assert [p.before.id for p in plan.unchanged] == [stored.id]

    twin = copy.deepcopy(stored)
    twin.id = stored.id + 2
    plan = plan_of(survey, path, {stored.id: stored, twin.id: twin})
    assert [p.cell for p in plan.problems] == ["回答!A2"] and "複数あります" in plan.problems[0].message
    assert plan.creates == plan.updates == []


def test_markers_in_another_tools_form_become_marks(survey, tmp_path):
    path = _other_tools_form(tmp_path, ["施策", "令和7年度", "外務省", "公開部分【非公開】調整中【/非公開】です"])
    plan = plan_of(survey, path)
    assert plan.problems == [] and len(plan.creates) == 1
    got = plan.creates[0].sheet
    assert got.text("content") == "公開部分調整中です"
    [m] = got.marks
    assert (m.part, got.text("content")[m.start:m.end], m.unplaced) == (Part.field("content"), "調整中", False)
    assert any(c.label == "非公開の指定" and "調整中" in c.after for c in plan.creates[0].changes)


@pytest.mark.parametrize("text, words", [
    ("公開【非公開】閉じていない", "対応する【/非公開】がありません"),
    ("公開【/非公開】開いていない", "【非公開】のない【/非公開】"),
    ("【非公開】外【非公開】内【/非公開】【/非公開】", "入れ子"),
])
def test_unbalanced_or_nested_markers_are_errors_naming_the_cell_and_nothing_is_applied(survey, tmp_path, text,
                                                                                         words):
    path = _other_tools_form(tmp_path, ["施策", "令和7年度", "外務省", text])
    plan = plan_of(survey, path)
    assert [p.cell for p in plan.problems] == ["回答!D2"]
    assert words in plan.problems[0].message and "非公開の印が正しくありません" in plan.problems[0].message
    with pytest.raises(ReportError, match="取り込めない"):
        plan.sheets_to_save()


def test_markers_where_nothing_can_be_withheld_are_errors(survey, tmp_path):
    path = _other_tools_form(tmp_path, ["施策", "令和7年度", "【非公開】外務省【/非公開】", "内容"])
    plan = plan_of(survey, path)
    assert [p.cell for p in plan.problems] == ["回答!C2"] and "付けられません" in plan.problems[0].message


def test_a_list_copied_out_of_the_internal_report_is_still_refused(survey, tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "一覧"
    ws.append(["報告書　令和7年度", None, None, "【内部資料】"])
    ws.append(["No.", "施策名", "年度", "施策内容", "状態"])
    ws.append([1, "施策", "令和7年度", "公開部分【非公開】調整中【/非公開】※1", "確認中"])
    path = tmp_path / "copied.xlsx"
    wb.save(path)
    plan = plan_of(survey, path)
    assert [p.cell for p in plan.problems] == ["一覧!D1"]
    assert "報告書" in plan.problems[0].message and "sesaku-desk template" in plan.problems[0].message
    assert plan.creates == []


# --------------------------------------------------------------------------
# 非公開 in the form, both ways (issue 13).


ISSUES = "進捗における課題と解決の方向性（計画）"


def marked_sheet(survey):
    """A sheet with a mark of every kind the form shows: a passage, a whole field, a KPI, a value, an item's
    name, a citation."""
    s = sheet(survey, content="前半。" + SECRET + "後半。", background="背景の全文。")
    mark(s, "content", SECRET, reason="交渉中")
    mark(s, "background", reason="未公表")
    kpi = s.items[0].kpis[0]
    c = cite(s, "content", "前半。", "引用した一文", "出典：白書")
    s.marks += [MarkData(reason="個社", part=Part.kpi(kpi.key)),
                MarkData(reason="未確定", part=Part.actual(kpi.key, YEAR)),
                MarkData(reason="調整中", part=Part.item(s.items[1].key, "title")),
                MarkData(reason="許諾なし", part=Part.citation(c.key))]
    return s


def mark_set(s):
    return sorted((m.part.kind.value, m.part.attr, m.start or -1, m.end or -1, m.unplaced, m.reason) for m in s.marks)


def cell_of(ws, label, row=HEADER_ROW + 1):
    return ws.cell(row, headers(ws)[label])


def test_the_prefilled_form_shows_every_mark(survey, tmp_path):
    s = marked_sheet(survey)
    path = write_form(survey, [s], tmp_path / "f.xlsx", ministry="総務省", year=YEAR)
    wb = openpyxl.load_workbook(path)
    ws, kws = wb[SHEET_LIST], wb[SHEET_KPI]
    content_cell = cell_of(ws, "施策内容")
    assert content_cell.value == f"前半。【非公開】{SECRET}【/非公開】後半。"
    assert content_cell.fill.fgColor.rgb.endswith(MARKED_FILL.fgColor.rgb[-6:])
    assert "交渉中" in content_cell.comment.text and "許諾なし" in content_cell.comment.text
    assert "引用した一文" in content_cell.comment.text          # the withheld citation is named
    assert cell_of(ws, "施策が必要となる背景").value == "【非公開】背景の全文。【/非公開】"
    assert cell_of(ws, "目指す成果（定性的に記述）").comment is None          # unmarked cells stay plain
    for w in (ws, kws):
        assert "内部資料" in w.cell(1, headers(w)["No."]).value and "内部資料" in w.oddHeader.center.text
    assert cell_of(kws, "非公開").value == "KPI全体" and cell_of(kws, "非公開").comment is not None
    assert cell_of(kws, "令和7年度実績").value == "【非公開】3【/非公開】"
    assert cell_of(kws, "令和6年度実績").value == "1"
    assert cell_of(kws, "実施項目", HEADER_ROW + 2).value == "【非公開】国際会議の開催【/非公開】"
    guide = "\n".join(str(c.value) for c in wb[GUIDE_SHEET]["A"])
    assert "【非公開】" in guide and "KPI全体" in guide and "解除されません" in guide


def test_a_form_without_marks_says_nothing_of_them(survey, tmp_path):
    path = write_form(survey, [sheet(survey)], tmp_path / "f.xlsx", ministry="総務省", year=YEAR)
    wb = openpyxl.load_workbook(path)
    assert "内部資料" not in wb[SHEET_LIST].cell(1, headers(wb[SHEET_LIST])["No."]).value
    assert cell_of(wb[SHEET_KPI], "非公開").value is None


@pytest.mark.parametrize("year", [YEAR, YEAR + 1])
def test_every_mark_survives_the_unchanged_round_trip_without_a_warning(survey, tmp_path, year):
    s = marked_sheet(survey)
    path = write_form(survey, [s], tmp_path / "f.xlsx", ministry="総務省", year=year)
    plan = plan_of(survey, path, {s.id: s})
    assert plan.problems == []
    assert [w for w in plan.warnings if "非公開" in w.message] == []
    got = plan.unchanged[0].sheet if year == YEAR else plan.creates[0].sheet
    if year == YEAR:
        assert plan.updates == [] and mark_set(got) == mark_set(s)
    else:       # next year's sheet: the current year's actual is not carried, nor its mark (the copy rule)
        assert mark_set(got) == [m for m in mark_set(s) if m[1] != f"actual:{YEAR + 1}"]
    assert {m.part for m in got.marks if m.part.kind.value == "kpi"} == {Part.kpi(got.items[0].kpis[0].key),
                                                                         Part.actual(got.items[0].kpis[0].key, YEAR)}


def test_markers_typed_in_the_form_become_marks(survey, tmp_path):
    s = sheet(survey)
    path = write_form(survey, [s], tmp_path / "f.xlsx", ministry=None, year=YEAR)
    fill(path, [{"施策内容": "国際指針及び行動規範の普及・展開を行う。\n【非公開】GPAI日本センター【/非公開】を立ち上げる。"}],
         [{"非公開": "KPI全体", "目標値": "【非公開】5【/非公開】"}, {"実施項目": "【非公開】国際会議【/非公開】の開催"}])
    plan = plan_of(survey, path, {s.id: s})
    assert plan.problems == [] and len(plan.updates) == 1
    got = plan.updates[0].sheet
    assert got.text("content") == s.text("content")            # the markers are not text
    kpi, item = got.items[0].kpis[0], got.items[1]
    assert item.title == "国際会議の開催" and kpi.target_value == "5"
    parts = {m.part: m for m in got.marks}
    span = parts[Part.field("content")]
    assert got.text("content")[span.start:span.end] == "GPAI日本センター"
    assert Part.kpi(kpi.key) in parts and Part.kpi(kpi.key, "target_value") in parts
    assert Part.item(item.key, "title") in parts                 # a value is withheld whole ...
    assert any("値全体を非公開にします" in w.message for w in plan.warnings)     # ... and the person is told
    assert "非公開の指定" in {c.label for c in plan.updates[0].changes}


def test_a_bad_value_in_the_nonpublic_column_is_an_error(survey, tmp_path):
    s = sheet(survey)
    path = write_form(survey, [s], tmp_path / "f.xlsx", ministry=None, year=YEAR)
    fill(path, [], [{"非公開": "たぶん"}])
    plan = plan_of(survey, path, {s.id: s})
    col = openpyxl.utils.get_column_letter(headers(openpyxl.load_workbook(path)[SHEET_KPI])["非公開"])
    assert [p.cell for p in plan.problems] == [f"KPI!{col}4"] and "KPI全体" in plan.problems[0].message


def test_markers_taken_away_in_excel_release_nothing(survey, tmp_path):
    s = marked_sheet(survey)
    path = write_form(survey, [s], tmp_path / "f.xlsx", ministry=None, year=YEAR)
    fill(path, [{"施策内容": s.text("content")}], [{"非公開": "", "令和7年度実績": "3"}])
    plan = plan_of(survey, path, {s.id: s})
    assert plan.problems == []
    got = (plan.updates + plan.unchanged)[0].sheet
    assert mark_set(got) == mark_set(s)
    released = [w.message for w in plan.warnings if "解除されていません" in w.message]
    assert len(released) == 3 and any(SECRET[:10] in m for m in released)
    assert any("KPI「プロジェクト実施件数」の2025" in m or "KPI「プロジェクト実施件数」の令和7年度実績" in m
               for m in released)


def test_a_passage_moved_to_another_field_is_marked_where_it_now_is(survey, tmp_path):
    s = sheet(survey, content="前半。" + SECRET, issues="課題。")
    mark(s, "content", SECRET)
    path = write_form(survey, [s], tmp_path / "f.xlsx", ministry=None, year=YEAR)
    fill(path, [{"施策内容": "前半。", ISSUES: "課題。" + SECRET}], [])
    plan = plan_of(survey, path, {s.id: s})
    got = plan.updates[0].sheet
    [m] = got.marks
    assert (m.part, got.text("issues")[m.start:m.end], m.unplaced, m.reason) == \
        (Part.field("issues"), SECRET, False, "調整中のため")
    assert any(f"「{ISSUES}」に移されていた" in w.message for w in plan.warnings)


def test_a_kpi_renamed_in_a_form_without_ids_keeps_its_mark_flagged(survey, tmp_path):
    s = sheet(survey)
    kpi = s.items[0].kpis[0]
    s.marks.append(MarkData(reason="個社", part=Part.kpi(kpi.key)))
    path = write_form(survey, [s], tmp_path / "f.xlsx", ministry="総務省", year=YEAR)
    wb = openpyxl.load_workbook(path)
    for ws in (wb[SHEET_LIST], wb[SHEET_KPI]):
        for label in ("ID", "前年度ID", "版", "KPI ID", "実施項目ID", "非公開"):
            if label in headers(ws):
                ws.cell(HEADER_ROW, headers(ws)[label]).value = None      # another tool's copy: no hidden ids
    wb.save(path)
    fill(path, [], [{"指標": "改名した指標"}])
    plan = plan_of(survey, path, {s.id: s})
    got = plan.updates[0].sheet
    [m] = got.marks
    assert m.unplaced and m.text == "プロジェクト実施件数"
    assert any("KPI「プロジェクト実施件数」の非公開の指定" in w.message and "非公開の確認が必要" in w.message
               for w in plan.warnings)


@pytest.mark.parametrize("request_text", [
    "「『GPAI日本センター』の部分は非公開を希望します」",
    "\"GPAI日本センター\"は公表しないでください。",
    "施策内容のうち「GPAI日本センター」は伏せてください。",
])
def test_a_request_in_the_disclosure_column_flags_the_sheet(survey, tmp_path, request_text):
    s = sheet(survey)
    path = write_form(survey, [s], tmp_path / "f.xlsx", ministry=None, year=YEAR)
    fill(path, [{"公開範囲に関する希望": request_text}], [])
    plan = plan_of(survey, path, {s.id: s})
    got = plan.updates[0].sheet
    [m] = got.marks
    assert m.unplaced and m.text == "GPAI日本センター" and m.part == Part.field("content")
    col = openpyxl.utils.get_column_letter(headers(openpyxl.load_workbook(path)[SHEET_LIST])["公開範囲に関する希望"])
    assert any(w.cell == f"一覧!{col}4" and "GPAI日本センター" in w.message and "非公開の確認が必要" in w.message
               for w in plan.warnings)


def test_a_request_already_marked_or_saying_nothing_is_withheld_adds_nothing(survey, tmp_path):
    s = sheet(survey, disclosure="「GPAI日本センター」は非公開を希望します。")
    mark(s, "content", "GPAI日本センター")
    other = sheet(survey, "二つ目", disclosure="非公開とする内容はありません。")
    path = write_form(survey, [s, other], tmp_path / "f.xlsx", ministry=None, year=YEAR)
    plan = plan_of(survey, path, {s.id: s, other.id: other})
    assert plan.updates == [] and len(plan.unchanged) == 2
    assert [w for w in plan.warnings if "非公開" in w.message] == []


def test_a_vague_request_flags_a_sheet_without_marks(survey, tmp_path):
    s = sheet(survey)
    path = write_form(survey, [s], tmp_path / "f.xlsx", ministry=None, year=YEAR)
    fill(path, [{"公開範囲に関する希望": "予算額は公表を控えたい。"}], [])
    got = plan_of(survey, path, {s.id: s}).updates[0].sheet
    [m] = got.marks
    assert m.unplaced and m.part == Part.field("disclosure") and "予算額" in m.text


# --------------------------------------------------------------------------
# Files refused before parsing.


def _one_problem(survey, path):
    plan = plan_of(survey, path)
    assert len(plan.problems) == 1 and plan.problems[0].cell == ""
    return plan.problems[0].message


def test_not_xlsx_damaged_encrypted_and_macro_files_are_refused(survey, tmp_path):
    (tmp_path / "a.csv").write_text("施策名\n")
    assert "ではありません" in _one_problem(survey, tmp_path / "a.csv")
    (tmp_path / "b.xls").write_bytes(b"\xd0\xcf\x11\xe0")
    assert ".xls" in _one_problem(survey, tmp_path / "b.xls")
    (tmp_path / "c.xlsx").write_bytes(b"not a zip at all")
    assert "壊れている" in _one_problem(survey, tmp_path / "c.xlsx")
    good = write_form(survey, [], tmp_path / "good.xlsx", ministry=None, year=YEAR)
    (tmp_path / "d.xlsx").write_bytes(good.read_bytes()[:2000])
    assert "壊れている" in _one_problem(survey, tmp_path / "d.xlsx")
    (tmp_path / "e.xlsm").write_bytes(good.read_bytes())
    assert "マクロ" in _one_problem(survey, tmp_path / "e.xlsm")


def test_oversized_and_doctype_files_are_refused_before_parsing(survey, tmp_path, monkeypatch):
    good = write_form(survey, [], tmp_path / "good.xlsx", ministry=None, year=YEAR)
    monkeypatch.setattr(form_check, "MAX_UNCOMPRESSED", 1000)
    assert "展開後の大きさ" in _one_problem(survey, good)
    monkeypatch.undo()
    monkeypatch.setattr(form_check, "MAX_ENTRIES", 3)
    assert "ファイル数" in _one_problem(survey, good)
    monkeypatch.undo()
    evil = tmp_path / "evil.xlsx"
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(evil, "w") as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "xl/workbook.xml":
                decl, sep, rest = data.partition(b"?>") if data.startswith(b"<?xml") else (b"", b"", data)
                data = decl + sep + b'<!DOCTYPE x [<!ENTITY a "aaaa">]>' + rest
            dst.writestr(item, data)
    assert "DOCTYPE" in _one_problem(survey, evil)


def test_survey_mismatch_is_refused(survey, tmp_path):
    path = write_form(survey, [], tmp_path / "f.xlsx", ministry=None, year=YEAR)
    wb = openpyxl.load_workbook(path)
    wb[SHEET_INFO]["B2"] = "other-survey"
    wb.save(path)
    assert "別の調査" in _one_problem(survey, path)


# --------------------------------------------------------------------------
# LibreOffice and the property.


def test_form_resaved_by_libreoffice_imports_correctly(survey, tmp_path):
    sheets = [sheet(survey, "一つ目", content="改行\nあり😀"), sheet(survey, "二つ目", issues="=式のような文")]
    path = write_form(survey, sheets, tmp_path / "form.xlsx", ministry="総務省", year=YEAR)
    resaved = convert(path, "xlsx:Calc MS Excel 2007 XML", tmp_path / "lo")
    plan = plan_of(survey, resaved, {s.id: s for s in sheets})
    assert plan.problems == []
    assert plan.creates == [] and plan.updates == [], [c for u in plan.updates for c in u.changes]
    assert len(plan.unchanged) == 2
    assert [content(p.sheet, survey) for p in plan.unchanged] == [content(s, survey) for s in sheets]


SURVEY = default_survey()
FRAGMENTS = st.sampled_from(["\n", "\r\n", "\x01", "\x0b", "😀", "_x0041_", "=SUM(A1)", "-", "漢字", " ", "\t",
                             "\ufffe", "、"])
TEXT = st.lists(FRAGMENTS | st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=6),
                max_size=6).map("".join)
VALUE = st.none() | TEXT.map(normalize_value)


@st.composite
def kpis(draw):
    return KpiData(
        indicator=draw(TEXT), unit=draw(TEXT), kind=draw(st.sampled_from(list(KpiKind))),
        horizon=draw(st.none() | st.sampled_from(list(Horizon))), quantitative=draw(st.booleans()),
        direction=draw(st.sampled_from(list(Direction))), baseline_value=draw(VALUE),
        baseline_year=draw(st.none() | st.integers(2000, 2040)), target_value=draw(VALUE),
        target_year=draw(st.none() | st.integers(2000, 2040)), data_source=draw(TEXT),
        actuals={y: v for y in (YEAR - 1, YEAR) if (v := draw(VALUE)) is not None},
    )


@st.composite
def sheets(draw):
    items = draw(st.lists(st.builds(ItemData, title=TEXT.filter(bool), plan_text=TEXT,
                                    kpis=st.lists(kpis(), max_size=2)), max_size=3))
    return SheetData(
        survey_key=SURVEY.key, fiscal_year=YEAR, ministry=draw(TEXT), bureau=draw(TEXT), person=draw(TEXT),
        contact=draw(TEXT), classification=draw(st.none() | st.sampled_from([c.code for c in SURVEY.choices])),
        areas=draw(st.lists(st.sampled_from([a.code for a in SURVEY.areas]), unique=True, max_size=3)),
        fields={f.key: draw(TEXT) for f in SURVEY.text_fields}, items=items,
    )


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                 HealthCheck.function_scoped_fixture])
@given(st.lists(sheets(), min_size=1, max_size=3))
def test_round_trip_property(tmp_path, generated):
    path = write_form(SURVEY, generated, tmp_path / "p.xlsx", ministry=None, year=YEAR)
    plan = read_forms(SURVEY, [path], {})
    assert plan.problems == []
    nonempty = [s for s in generated if any(content(s, SURVEY)[:4]) or any(content(s, SURVEY)[6])
                or s.classification or s.areas or s.items]
    assert [content(p.sheet, SURVEY) for p in plan.creates] == [content(s, SURVEY) for s in nonempty]


def test_sheets_to_save_is_a_copy_safe_list(survey, tmp_path):
    s = sheet(survey)
    before = copy.deepcopy(s)
    path = write_form(survey, [s], tmp_path / "f.xlsx", ministry=None, year=YEAR, created=date(2026, 1, 5))
    fill(path, [{"施策名": "改名"}], [])
    plan = plan_of(survey, path, {s.id: s})
    assert plan.sheets_to_save()[0].text("title") == "改名"
    assert s == before                                    # the stored sheet given in was not touched
    assert list_columns(survey)[0].hidden


def test_prefilled_cells_are_text_typed_so_nothing_is_evaluated(survey, tmp_path):
    s = sheet(survey, content="=HYPERLINK(\"x\")", results="+1")
    s.items[0].kpis[0].target_value = "0005"
    path = write_form(survey, [s], tmp_path / "f.xlsx", ministry=None, year=YEAR)
    with zipfile.ZipFile(path) as z:
        for name in z.namelist():
            if name.startswith("xl/worksheets/"):
                assert "<f>" not in z.read(name).decode()
    ws = openpyxl.load_workbook(path)[SHEET_KPI]
    cell = ws.cell(HEADER_ROW + 1, headers(ws)["目標値"])
    assert cell.value == "0005" and cell.data_type == "s" and cell.number_format == "@"


def test_spare_rows_are_formatted_by_column_and_range_not_by_empty_cells(survey, tmp_path):
    """Staff add rows below the content: what they type there is text, wrapped, in the grid, with the drop-downs;
    the formatting is column styles and range rules, so importing a form parses only the filled rows."""
    from desktop.reports.form import FIRST_ROW, SPARE_ROWS

    path = write_form(survey, [sheet(survey)], tmp_path / "f.xlsx", ministry=None, year=YEAR)
    wb = openpyxl.load_workbook(path)
    for ws in (wb[SHEET_LIST], wb[SHEET_KPI]):
        filled = max(c.row for row in ws.iter_rows() for c in row if c.value is not None)
        assert filled >= FIRST_ROW and ws.max_row == filled    # no styled empty rows below the content
        last = filled + SPARE_ROWS
        for letter, dim in ws.column_dimensions.items():
            if dim.min and dim.min <= len(headers(ws)):
                assert dim.number_format == "@" and dim.alignment.wrap_text
        ranges = {str(r.sqref) for r in ws.conditional_formatting}
        assert any(r.startswith(f"A{FIRST_ROW}:") and r.endswith(str(last)) for r in ranges)
        assert all(str(dv.sqref).endswith(str(last)) for dv in ws.data_validations.dataValidation)


def test_a_request_is_flagged_once_and_one_naming_a_marked_kpi_is_satisfied(survey, tmp_path):
    s = sheet(survey)
    s.marks.append(MarkData(reason="個社", part=Part.kpi(s.items[0].kpis[0].key)))
    path = write_form(survey, [s], tmp_path / "f.xlsx", ministry=None, year=YEAR)
    fill(path, [{"公開範囲に関する希望": "「プロジェクト実施件数」と「GPAI日本センター」は非公開を希望します。"}], [])
    plan = plan_of(survey, path, {s.id: s})
    got = plan.updates[0].sheet
    assert [m.text for m in got.marks if m.unplaced] == ["GPAI日本センター"]
    again = plan_of(survey, path, {s.id: got})                  # the same form imported once more
    assert [m.text for m in again.unchanged[0].sheet.marks if m.unplaced] == ["GPAI日本センター"]
    assert [w for w in again.warnings if "非公開" in w.message] == []


def test_clearing_the_whole_item_field_mark_in_excel_warns(survey, tmp_path):
    s = sheet(survey)
    mark(s, "kpi")
    path = write_form(survey, [s], tmp_path / "f.xlsx", ministry=None, year=YEAR)
    assert cell_of(openpyxl.load_workbook(path)[SHEET_KPI], "非公開").value == "実施項目全体"
    fill(path, [], [{"非公開": ""}, {"非公開": ""}])
    plan = plan_of(survey, path, {s.id: s})
    assert mark_set((plan.updates + plan.unchanged)[0].sheet) == mark_set(s)
    assert any("「実施項目・KPI」全体" in w.message and "解除されていません" in w.message for w in plan.warnings)


def test_an_empty_field_marked_whole_says_so_and_what_is_typed_there_stays_withheld(survey, tmp_path):
    s = sheet(survey, issues="")
    mark(s, "issues")
    path = write_form(survey, [s], tmp_path / "f.xlsx", ministry=None, year=YEAR)
    cell = cell_of(openpyxl.load_workbook(path)[SHEET_LIST], ISSUES)
    assert cell.value is None and "この欄全体が非公開" in cell.comment.text
    fill(path, [{ISSUES: "新たに書いた課題"}], [])
    plan = plan_of(survey, path, {s.id: s})
    got = plan.updates[0].sheet
    assert got.text("issues") == "新たに書いた課題" and mark_set(got) == mark_set(s)


def test_a_marked_form_resaved_by_libreoffice_keeps_every_mark(survey, tmp_path):
    s = marked_sheet(survey)
    path = write_form(survey, [s], tmp_path / "form.xlsx", ministry="総務省", year=YEAR)
    resaved = convert(path, "xlsx:Calc MS Excel 2007 XML", tmp_path / "lo")
    plan = plan_of(survey, resaved, {s.id: s})
    assert plan.problems == [] and plan.updates == [], [c for u in plan.updates for c in u.changes]
    assert [w for w in plan.warnings if "非公開" in w.message] == []
    assert mark_set(plan.unchanged[0].sheet) == mark_set(s)


def test_next_years_form_shows_a_cleared_fields_mark_where_its_passage_repeats(survey, tmp_path):
    """当年度の実績 starts empty next year: its marked passage, repeated in 課題, is shown marked there."""
    s = sheet(survey, results="実績。" + SECRET, issues="課題として" + SECRET)
    mark(s, "results", SECRET).text = SECRET        # as saved: a mark knows its text
    path = write_form(survey, [s], tmp_path / "f.xlsx", ministry=None, year=YEAR + 1)
    ws = openpyxl.load_workbook(path)[SHEET_LIST]
    assert cell_of(ws, ISSUES).value == f"課題として【非公開】{SECRET}【/非公開】"
    assert cell_of(ws, "当年度の実績").value is None
    plan = plan_of(survey, path, {s.id: s})
    assert [w for w in plan.warnings if "非公開" in w.message] == []
    [m] = plan.creates[0].sheet.marks
    assert m.part == Part.field("issues") and plan.creates[0].sheet.text("issues")[m.start:m.end] == SECRET


def test_a_passage_rewritten_between_its_markers_stays_marked_without_a_flag(survey, tmp_path):
    s = sheet(survey, content="前半。" + SECRET + "後半。")
    mark(s, "content", SECRET, reason="交渉中").text = SECRET
    path = write_form(survey, [s], tmp_path / "f.xlsx", ministry=None, year=YEAR)
    fill(path, [{"施策内容": "前半。【非公開】書き直した内容である。【/非公開】後半。"}], [])
    plan = plan_of(survey, path, {s.id: s})
    got = plan.updates[0].sheet
    [m] = got.marks
    assert (got.text("content")[m.start:m.end], m.reason, m.unplaced) == ("書き直した内容である。", "交渉中", False)
    assert [w for w in plan.warnings if "非公開" in w.message] == []


def test_touching_marks_shown_as_one_passage_come_back_unchanged(survey, tmp_path):
    s = sheet(survey, content="前半。" + SECRET + "後半。")
    text = s.text("content")
    at = text.index(SECRET)
    s.marks += [MarkData(reason="一", part=Part.field("content"), start=at, end=at + 5),
                MarkData(reason="二", part=Part.field("content"), start=at + 5, end=at + len(SECRET))]
    path = write_form(survey, [s], tmp_path / "f.xlsx", ministry=None, year=YEAR)
    assert cell_of(openpyxl.load_workbook(path)[SHEET_LIST], "施策内容").value.count("【非公開】") == 1
    plan = plan_of(survey, path, {s.id: s})
    assert plan.updates == [] and mark_set(plan.unchanged[0].sheet) == mark_set(s)


def test_a_marked_kpi_deleted_from_the_form_is_flagged_not_dropped(survey, tmp_path):
    s = sheet(survey)
    s.marks.append(MarkData(reason="個社", part=Part.kpi(s.items[0].kpis[0].key)))
    path = write_form(survey, [s], tmp_path / "f.xlsx", ministry=None, year=YEAR)
    wb = openpyxl.load_workbook(path)
    wb[SHEET_KPI].delete_rows(HEADER_ROW + 1)
    wb.save(path)
    plan = plan_of(survey, path, {s.id: s})
    got = plan.updates[0].sheet
    [m] = got.marks
    assert m.unplaced and m.text == "プロジェクト実施件数"
    assert any("KPI「プロジェクト実施件数」" in w.message and "非公開の確認が必要" in w.message for w in plan.warnings)


def test_a_marked_title_is_marked_on_the_kpi_sheet_too(survey, tmp_path):
    s = sheet(survey, "Ω社との共同実証")
    mark(s, "title", "Ω社")
    path = write_form(survey, [s], tmp_path / "f.xlsx", ministry=None, year=YEAR)
    wb = openpyxl.load_workbook(path)
    assert cell_of(wb[SHEET_LIST], "施策名").value == "【非公開】Ω社【/非公開】との共同実証"
    assert cell_of(wb[SHEET_KPI], "施策名").value == "【非公開】Ω社【/非公開】との共同実証"
    assert cell_of(wb[SHEET_KPI], "施策名").comment is not None
    plan = plan_of(survey, path, {s.id: s})
    assert plan.updates == [] and mark_set(plan.unchanged[0].sheet) == mark_set(s)


def test_text_holding_marker_characters_comes_back_as_typed_and_unmarked(survey, tmp_path):
    """Text pasted from an internal report keeps its 【非公開】 characters; they are not read as marks."""
    literal = "内部資料では【非公開】と【/非公開】で囲みます。【非公開】だけの行も。"
    s = sheet(survey, "印の文字を含む施策", content=literal, issues="＼【非公開】は印になりません")
    path = write_form(survey, [s], tmp_path / "form.xlsx", ministry="総務省", year=YEAR)
    plan = plan_of(survey, path, {s.id: s})
    assert plan.problems == []
    assert plan.creates == [] and plan.updates == [] and len(plan.unchanged) == 1
    back = plan.unchanged[0].sheet
    assert back.text("content") == literal and back.text("issues") == "＼【非公開】は印になりません"
    assert back.marks == []
