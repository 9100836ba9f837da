"""Forms not made by this app (last year's secretariat forms), read by their labels: every layout in a test."""

import openpyxl
import pytest

from desktop.reports.form_import import read_forms

KPI_TEXT = "・研修修了者数：令和9年度までに累計100名\n・GII 4位以内"


def save(wb, tmp_path, name="form.xlsx"):
    path = tmp_path / name
    wb.save(path)
    return path


def messages(items):
    return [f"{p.cell} {p.message}" for p in items]


def test_year_in_the_title_row_and_the_usual_column_names(survey, tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "調査票"
    ws["A1"] = "令和7年度 新たな国際標準戦略に基づく施策のフォローアップ調査票"
    ws.append([])
    ws.append(["府省庁名", "担当課室", "施策分類", "施策名", "施策内容", "KPI", "公開範囲に関する希望", "備考"])
    ws.append(["外務省", "国際協力局", "【経済界・学術界・政府】", "標準化人材の育成", "研修を行う。", KPI_TEXT,
               "『研修先』の部分は非公開を希望します", "メモ"])
    ws.append(["外務省", "経済局", "ポイント③ 経済安全保障", "同志国との連携", "連携する。", "", "", "", "欄外のメモ"])
    plan = read_forms(survey, [save(wb, tmp_path)], {})
    assert plan.problems == [], messages(plan.problems)
    first, second = (p.sheet for p in plan.creates)
    assert (first.fiscal_year, first.ministry, first.bureau, first.text("title"), first.text("content")) == \
        (2025, "外務省", "国際協力局", "標準化人材の育成", "研修を行う。")
    assert first.classification == "P1-1" and second.classification == "P3-1"
    assert (second.ministry, second.bureau) == ("外務省", "経済局")
    assert first.text("disclosure") == "『研修先』の部分は非公開を希望します"
    [item] = first.items
    assert [k.indicator for k in item.kpis] == ["研修修了者数：令和9年度までに累計100名", "GII 4位以内"]
    warned = messages(plan.warnings)
    assert any(w.startswith("調査票!F4 ") and "GII 4位以内" in w for w in warned)       # the KPI text, for review
    assert any(w.startswith("調査票!H3 ") and "備考" in w for w in warned)              # the column not used
    assert any(w.startswith("調査票!I5 ") and "欄外のメモ" in w for w in warned)        # a value without a heading
    assert second.items == []


def test_one_sheet_per_bureau_imports_every_sheet(survey, tmp_path):
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for bureau in ("通商政策局", "産業技術環境局"):
        ws = wb.create_sheet(bureau)
        ws["A1"] = "令和7年度 フォローアップ調査票（経済産業省）"
        ws.append(["No", "施策名", "施策内容", "施策の分類"])
        for n in range(1, 4):
            ws.append([n, f"{bureau}の施策{n}", "内容", "重要領域"])
    plan = read_forms(survey, [save(wb, tmp_path)], {})
    assert plan.problems == [], messages(plan.problems)
    got = sorted((s.sheet.bureau, s.sheet.text("title"), s.sheet.ministry) for s in plan.creates)
    assert len(got) == 6
    assert got[0] == ("産業技術環境局", "産業技術環境局の施策1", "経済産業省")
    assert {s.sheet.classification for s in plan.creates} == {"P2-2"}
    assert any("シート名「通商政策局」" in w.message for w in plan.warnings)


def test_vertical_one_measure_per_sheet(survey, tmp_path):
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for n in (1, 2):
        ws = wb.create_sheet(f"施策{n}")
        ws["A1"] = "令和7年度 施策シート"
        ws.append(["入力項目", "入力区分", "記載内容"])
        ws.append(["府省庁", "必須", "文部科学省"])
        ws.append(["担当部局・課室", "必須", "研究振興局"])
        ws.append(["施策名", "必須", f"縦型の施策{n}"])
        ws.append(["施策内容", "必須", "大学と連携する。"])
        ws.append(["実施項目・KPI", "必須", "論文数 1,000本"])
        ws.append([None, None, "国際規格提案数 5件"])
        ws.append(["公開範囲に関する希望", "任意", "特になし"])
        ws.append(["その他", "任意", "よろしくお願いします"])
    plan = read_forms(survey, [save(wb, tmp_path)], {})
    assert plan.problems == [], messages(plan.problems)
    assert len(plan.creates) == 2
    got = plan.creates[0].sheet
    assert (got.fiscal_year, got.ministry, got.bureau, got.text("title"), got.text("content"), got.text("disclosure")) \
        == (2025, "文部科学省", "研究振興局", "縦型の施策1", "大学と連携する。", "特になし")
    assert [k.indicator for k in got.items[0].kpis] == ["論文数 1,000本", "国際規格提案数 5件"]
    assert any(w.cell == "施策1!A10" and "その他" in w.message for w in plan.warnings)
    assert any(w.cell == "施策1!C10" for w in plan.warnings)       # its value, named too


def test_two_level_merged_header_with_requirement_and_example_rows(survey, tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "R7"
    ws.append(["フォローアップ調査票"])
    ws.append(["府省庁", "施策名", "施策の概要", None, None, "公開範囲に関する希望"])
    ws.append([None, None, "施策内容", "施策が必要となる背景", "目指す成果"])
    for cells in ("A2:A3", "B2:B3", "C2:E2", "F2:F3"):
        ws.merge_cells(cells)
    ws.append(["入力区分", "必須", "必須", "必須", "必須", "任意"])
    ws.append(["記入例", "○○の推進", "○○を行う。", "○○が課題。", "○○となること。", "なし"])
    ws.append(["総務省", "二段見出しの施策", "内容A", "背景B", "成果C", "『予算額』は非公開を希望"])
    plan = read_forms(survey, [save(wb, tmp_path)], {})
    assert plan.problems == [], messages(plan.problems)
    [planned] = plan.creates
    got = planned.sheet
    assert (got.fiscal_year, got.ministry, got.text("title"), got.text("content"), got.text("background"),
            got.text("outcome"), got.text("disclosure")) == \
        (2025, "総務省", "二段見出しの施策", "内容A", "背景B", "成果C", "『予算額』は非公開を希望")
    skipped = [w.cell for w in plan.warnings if "読み飛ばしました" in w.message]
    assert skipped == ["R7!4", "R7!5"]


def test_the_year_comes_from_the_import_when_the_form_has_none(survey, tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["府省庁", "施策名", "施策内容"])
    ws.append(["環境省", "年度のない施策", "内容"])
    path = save(wb, tmp_path)
    refused = read_forms(survey, [path], {})
    assert refused.creates == [] and any("年度が分かりません" in p.message and "--year" in p.message
                                         for p in refused.problems)
    plan = read_forms(survey, [path], {}, year=2026)
    assert plan.problems == [] and plan.creates[0].sheet.fiscal_year == 2026


def test_a_classification_it_cannot_match_lists_the_valid_values(survey, tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["令和7年度"])
    ws.append(["施策名", "施策分類"])
    ws.append(["分類の違う施策", "ポイント①"])          # a group of four choices: which one?
    ws.append(["分類の無い施策", "その他"])
    plan = read_forms(survey, [save(wb, tmp_path)], {})
    assert not plan.ok
    first, second = plan.problems
    assert first.cell == "Sheet!B3" and "経済界・学術界・政府" in first.message and "官民連携の場の設置" in first.message
    assert "経済安全保障" not in first.message
    assert second.cell == "Sheet!B4" and "経済安全保障" in second.message


@pytest.mark.parametrize("rows", [
    [["報告", "資料"], ["1", "2"]],
    [["入力項目", "記載内容"], ["名称", "何か"]],
])
def test_a_layout_it_cannot_read_is_refused_saying_what_to_do(survey, tmp_path, rows):
    wb = openpyxl.Workbook()
    for row in rows:
        wb.active.append(row)
    plan = read_forms(survey, [save(wb, tmp_path)], {})
    assert plan.creates == []
    assert any("見出し" in p.message and "縦型" in p.message for p in plan.problems)
    assert any("施策名" in w.message for w in plan.warnings)   # the sheet passed over is named too


# --------------------------------------------------------------------------
# Word files of last year's sheets.


def _word_tables(path):
    import docx
    document = docx.Document()
    document.add_heading("令和7年度 フォローアップ（国土交通省）", level=1)
    for n, kpis in ((1, ["港湾のBIM/CIM活用率 100%（令和9年度）", "国際規格提案数 3件"]), (2, ["検討中"])):
        document.add_paragraph(f"施策{n}")
        table = document.add_table(rows=0, cols=2)
        for label, value in (("施策分類", "戦略領域"), ("施策名", f"ワードの施策{n}"), ("担当部局・課室", "港湾局"),
                             ("施策内容", f"内容{n}\n二行目"), ("実施項目・KPI", "\n".join(kpis)),
                             ("公開範囲に関する希望", "『相手国名』は非公開を希望"), ("備考", "メモ")):
            cells = table.add_row().cells
            cells[0].text, cells[1].text = label, value
    document.save(path)
    return path


def test_a_word_file_with_a_table_per_measure(survey, tmp_path):
    plan = read_forms(survey, [_word_tables(tmp_path / "前年度.docx")], {})
    assert plan.problems == [], messages(plan.problems)
    first, second = (p.sheet for p in plan.creates)
    assert (first.fiscal_year, first.ministry, first.bureau, first.text("title"), first.text("content"),
            first.classification, first.text("disclosure")) == \
        (2025, "国土交通省", "港湾局", "ワードの施策1", "内容1\n二行目", "P2-1", "『相手国名』は非公開を希望")
    assert [k.indicator for k in first.items[0].kpis] == ["港湾のBIM/CIM活用率 100%（令和9年度）", "国際規格提案数 3件"]
    assert second.text("title") == "ワードの施策2"
    assert (second.items[0].kpis, second.items[0].plan_text) == ([], "検討中")       # no KPI yet: 今後の検討予定
    assert any(w.cell == "表1 7行1列" and "備考" in w.message for w in plan.warnings)
    assert any(w.cell == "表1 5行2列" and "国際規格提案数 3件" in w.message for w in plan.warnings)


def test_a_word_file_with_headings_and_paragraphs(survey, tmp_path):
    import docx
    document = docx.Document()
    document.add_paragraph("令和7年度 施策シート")
    document.add_paragraph("府省庁：農林水産省")
    document.add_heading("施策名", level=2)
    document.add_paragraph("見出し型の施策")
    document.add_heading("施策内容", level=2)
    document.add_paragraph("一段落目。")
    document.add_paragraph("二段落目。")
    document.add_heading("KPI", level=2)
    document.add_paragraph("・輸出額 5兆円（2030年）")
    path = tmp_path / "見出し.docx"
    document.save(path)
    plan = read_forms(survey, [path], {})
    assert plan.problems == [], messages(plan.problems)
    [planned] = plan.creates
    got = planned.sheet
    assert (got.fiscal_year, got.ministry, got.text("title"), got.text("content")) == \
        (2025, "農林水産省", "見出し型の施策", "一段落目。\n二段落目。")
    assert [k.indicator for k in got.items[0].kpis] == ["輸出額 5兆円（2030年）"]


def test_a_hostile_or_empty_word_file_is_refused(survey, tmp_path):
    import docx
    import zipfile
    empty = tmp_path / "空.docx"
    document = docx.Document()
    document.add_paragraph("関係のない文書です。")
    document.save(empty)
    plan = read_forms(survey, [empty], {})
    assert plan.creates == [] and "施策の記載が見つかりません" in plan.problems[0].message
    hostile = tmp_path / "悪意.docx"
    with zipfile.ZipFile(empty) as src, zipfile.ZipFile(hostile, "w") as out:
        for item in src.infolist():
            data = src.read(item)
            if item.filename == "word/document.xml":
                data = data.replace(b"?>", b'?><!DOCTYPE x [<!ENTITY a "aaaa">]>', 1)
            out.writestr(item, data)
    plan = read_forms(survey, [hostile], {})
    assert plan.creates == [] and "DOCTYPE" in plan.problems[0].message


def test_a_vertical_sheet_with_its_year_in_a_row_is_one_measure_not_a_table(survey, tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "施策"
    for label, value in (("施策名", "年度行のある施策"), ("年度", "2025年度"), ("府省庁", "厚生労働省"),
                         ("施策内容", "内容"), ("施策が必要となる背景", "背景"), ("目指す成果（定性的に記述）", "成果"),
                         ("当年度の実績", "実績"), ("公開範囲に関する希望", "")):
        ws.append([label, value])
    plan = read_forms(survey, [save(wb, tmp_path)], {})
    assert plan.problems == [], messages(plan.problems)
    [planned] = plan.creates
    assert (planned.sheet.text("title"), planned.sheet.fiscal_year, planned.sheet.ministry, planned.sheet.text("results")) \
        == ("年度行のある施策", 2025, "厚生労働省", "実績")


def test_two_columns_of_the_same_meaning_are_refused_naming_both(survey, tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["令和7年度"])
    ws.append(["施策名", "府省庁", "省庁名"])
    ws.append(["施策", "総務省", "外務省"])
    plan = read_forms(survey, [save(wb, tmp_path)], {})
    assert plan.creates == [] and [p.cell for p in plan.problems] == ["Sheet!B・C"]
    assert "府省庁" in plan.problems[0].message


def test_a_ministry_and_bureau_merged_down_over_their_rows_count_for_each_row(survey, tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["令和7年度 調査票"])
    ws.append(["府省庁", "担当課室", "施策名", "施策内容"])
    ws.append(["経済産業省", "通商政策局", "一つ目", "内容1"])
    ws.append([None, None, "二つ目", "内容2"])
    ws.append([None, "産業技術環境局", "三つ目", "内容3"])
    ws.merge_cells("A3:A5")
    ws.merge_cells("B3:B4")
    plan = read_forms(survey, [save(wb, tmp_path)], {})
    assert plan.problems == [], messages(plan.problems)
    assert [(p.sheet.ministry, p.sheet.bureau, p.sheet.text("title")) for p in plan.creates] == [
        ("経済産業省", "通商政策局", "一つ目"), ("経済産業省", "通商政策局", "二つ目"),
        ("経済産業省", "産業技術環境局", "三つ目")]


def test_free_text_items_and_kpis_of_a_stored_sheet_leave_its_kpis_and_are_listed(survey, tmp_path):
    from tests.reports.sheetkit import sheet
    stored = sheet(survey, "登録済みの施策", ministry="外務省")
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["令和7年度"])
    ws.append(["府省庁", "施策名", "実施項目", "KPI"])
    ws.append(["外務省", "登録済みの施策", "調査・分析", "調査件数 10件"])
    ws.append(["外務省", "新しい施策", "国際会議の開催", "参加国数 20か国\n指標は今後検討"])
    plan = read_forms(survey, [save(wb, tmp_path)], {stored.id: stored})
    assert plan.problems == [], messages(plan.problems)
    [updated] = plan.updates + plan.unchanged
    assert updated.sheet.items == stored.items
    assert any(w.cell == "Sheet!D3" and "調査件数 10件" in w.message and "取り込んでいません" in w.message
               for w in plan.warnings)
    [created] = plan.creates
    [item] = created.sheet.items
    assert (item.title, [k.indicator for k in item.kpis], item.plan_text) == \
        ("国際会議の開催", ["参加国数 20か国"], "指標は今後検討")


def test_kpi_columns_under_a_kpi_heading_are_kept_as_kpi_text(survey, tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["令和7年度 調査票"])
    ws.append(["府省庁", "施策名", "KPI", None, None])
    ws.append([None, None, "指標", "目標値", "目標年度"])
    ws.merge_cells("A2:A3")
    ws.merge_cells("B2:B3")
    ws.merge_cells("C2:E2")
    ws.append(["デジタル庁", "列に分かれたKPIの施策", "GII順位\n提案件数", "4位以内\n30件", "令和9年度\n令和9年度"])
    plan = read_forms(survey, [save(wb, tmp_path)], {})
    assert plan.problems == [], messages(plan.problems)
    [planned] = plan.creates
    assert [k.indicator for k in planned.sheet.items[0].kpis] == [
        "指標：GII順位、目標値：4位以内、目標年度：令和9年度", "指標：提案件数、目標値：30件、目標年度：令和9年度"]
    assert not any("当たらない" in w.message for w in plan.warnings)


@pytest.mark.parametrize("text, short, year", [
    ("令和7年度 新たな国際標準戦略に基づく施策のフォローアップ調査票", False, 2025),
    ("新たな国際標準戦略（令和6年6月3日決定）に基づく令和7年度調査", False, 2025),   # a date is not the year
    ("戦略（令和7年6月3日決定）のフォローアップ", False, None),
    ("２０２６年度 調査票", False, 2026),
    ("R7", True, 2025), ("令和7年度", True, 2025), ("2025年度", True, 2025), ("R8提出分", True, 2026),
    ("通商政策局", True, None), ("Sheet1", True, None),
])
def test_the_year_of_a_title_or_a_sheet_name(text, short, year):
    from desktop.reports.form_foreign import year_in_text
    assert year_in_text(text, short=short) == year
