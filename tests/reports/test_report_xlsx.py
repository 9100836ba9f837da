"""The Excel report, opened again with openpyxl and read as XML."""

import zipfile

import openpyxl
import pytest

from desktop.reports.errors import ReportError
from desktop.reports.model import LABEL_KPI_LIST, build_report
from desktop.reports.xlsx_summary import SHEET_SUMMARY
from desktop.reports.xlsx_writer import SHEET_KPI, SHEET_LIST, SHEET_MARKS, SHEET_SOURCES, write_xlsx
from desktop.survey.parts import Part
from desktop.survey.sheet import MarkData
from tests.reports.sheetkit import SECRET, cite, convert, mark, package_text, sheet

REF = "出典：知的財産戦略推進事務局「論点について」（令和7年11月）"


@pytest.fixture
def sheets(survey):
    codes = [c.code for c in survey.choices]
    a = sheet(survey, "あ施策", classification=codes[1], content="公開部分。" + SECRET + "後半。")
    b = sheet(survey, "い施策", classification=codes[0], ministry="内閣府")
    cite(a, "content", "公開部分。", "公開の引用文", REF + "「一」")
    mark(a, "content", SECRET, reason="交渉中のため")
    return [a, b]


def _write(survey, sheets, tmp_path, audience="internal", **kw):
    report = build_report(survey, sheets, audience)
    return report, write_xlsx(report, tmp_path / f"{audience}.xlsx", **kw)


def test_sheets_headers_and_rows_in_order(survey, sheets, tmp_path):
    report, path = _write(survey, sheets, tmp_path)
    wb = openpyxl.load_workbook(path)
    # 非公開一覧: internal only; 集計 and KPI一覧 in every report
    assert wb.sheetnames == [SHEET_LIST, SHEET_KPI, SHEET_SOURCES, SHEET_MARKS, SHEET_SUMMARY, LABEL_KPI_LIST]
    ws = wb[SHEET_LIST]
    header = [c.value for c in ws[2]]
    labels = [f.label for f in survey.fields]
    assert header[:4] == ["No.", "年度", "府省庁", "担当部局・課室"]
    assert header[4:4 + len(labels)] == labels
    assert header[4 + len(labels):] == [survey.areas_label, "状態", "担当者", "連絡先"]
    rows = [[c.value for c in r] for r in ws.iter_rows(min_row=3)]
    assert [r[0] for r in rows] == [1, 2]
    assert [r[4 + labels.index("施策名")] for r in rows] == ["い施策", "あ施策"]
    assert rows[0][1] == "令和7年度" and rows[0][2] == "内閣府"
    content = rows[1][4 + labels.index("施策内容")]
    assert content == "公開部分。※1【非公開】" + SECRET + "【/非公開】後半。"
    assert "【内部資料】" in [c.value for c in ws[1] if c.value]


def test_list_sheet_is_set_up_for_screen_and_print(survey, sheets, tmp_path):
    _, path = _write(survey, sheets, tmp_path)
    ws = openpyxl.load_workbook(path)[SHEET_LIST]
    assert ws.freeze_panes == "A3"
    assert ws.auto_filter.ref.startswith("A2:")
    assert ws.print_title_rows == "$2:$2"
    # Too wide for A3 at 80 %: A3 landscape at 85 %, split across pages with the No. column repeated
    # (fit to one A4 page wide printed 10 pt text at 4.4 pt).
    assert ws.page_setup.orientation == "landscape" and int(ws.page_setup.paperSize) == 8  # A3
    assert ws.page_setup.scale == 85 and not ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.print_title_cols == "$A:$A"
    assert ws["A2"].font.b and ws["A2"].fill.fgColor.rgb.endswith("1F4E78")
    assert ws.cell(3, 7).alignment.wrap_text
    assert ws.column_dimensions["G"].width >= 20
    assert "内部資料" in ws.oddHeader.right.text


def test_kpi_sheet_one_row_per_kpi_and_one_column_per_year(survey, sheets, tmp_path):
    report, path = _write(survey, sheets, tmp_path)
    ws = openpyxl.load_workbook(path)[SHEET_KPI]
    header = [c.value for c in ws[2]]
    assert "令和6年度実績" in header and "令和7年度実績" in header
    rows = [dict(zip(header, [c.value for c in r])) for r in ws.iter_rows(min_row=3)]
    assert len(rows) == sum(len(s.kpis) for s in report.sections) == 4
    first = rows[0]
    assert first["指標"] == "プロジェクト実施件数" and first["目標値"] == 5 and first["目標年度"] == "令和9年度"
    assert first["令和7年度実績"] == 3 and first["令和6年度実績"] == 1 and first["方向"] == "上向き"


def test_sources_sheet_lists_citations_with_their_markers(survey, sheets, tmp_path):
    _, path = _write(survey, sheets, tmp_path)
    ws = openpyxl.load_workbook(path)[SHEET_SOURCES]
    rows = [[c.value for c in r] for r in ws.iter_rows(min_row=3)]
    assert rows == [[2, "あ施策", "※1", "施策内容", REF + "「一」", "公開の引用文"]]


def test_user_text_never_becomes_a_formula(survey, tmp_path):
    s = sheet(survey, content="=HYPERLINK(\"http://example.com\",\"x\")", background="+1+1", outcome="-2",
              results="@SUM(A1)")
    s.items[0].kpis[0].target_value = "=1+1"
    _, path = _write(survey, [s], tmp_path)
    with zipfile.ZipFile(path) as z:
        for name in z.namelist():
            if name.startswith("xl/worksheets/"):
                assert "<f>" not in z.read(name).decode() and "<f " not in z.read(name).decode()
    ws = openpyxl.load_workbook(path)[SHEET_LIST]
    values = [c.value for c in ws[3]]
    assert "=HYPERLINK(\"http://example.com\",\"x\")" in values and "+1+1" in values and "@SUM(A1)" in values
    assert all(c.data_type == "s" for c in ws[3] if isinstance(c.value, str))


def test_text_beyond_excels_cell_limit_is_refused_naming_sheet_measure_and_field(survey, tmp_path):
    s = sheet(survey, "長文の施策", background="あ" * 32768)
    with pytest.raises(ReportError) as info:
        _write(survey, [s], tmp_path)
    message = str(info.value)
    assert "一覧" in message and "長文の施策" in message and "施策が必要となる背景" in message and "32,767" in message
    assert not (tmp_path / "internal.xlsx").exists()


def test_the_limit_counts_like_excel_and_exactly_the_limit_is_fine(survey, tmp_path):
    _write(survey, [sheet(survey, background="あ" * 32767)], tmp_path)
    with pytest.raises(ReportError):
        _write(survey, [sheet(survey, background="😀" * 16384)], tmp_path)  # 32,768 UTF-16 units


def test_illegal_characters_are_replaced_and_the_rest_kept(survey, tmp_path):
    s = sheet(survey, content="前\x00中\x0b後\ufffe終\ud800", background="_x0041_ そのまま")
    _, path = _write(survey, [s], tmp_path)
    ws = openpyxl.load_workbook(path)[SHEET_LIST]
    values = [c.value for c in ws[3]]
    assert "前\ufffd中\n後\ufffd終\ufffd" in values
    assert "_x005F_x0041_ そのまま" in values  # Excel shows it as typed (openpyxl does not unescape)


def test_public_workbook_contains_no_marked_text_in_any_part(survey, sheets, tmp_path):
    kpi = sheets[1].items[0].kpis[0]
    kpi.indicator = "非公開にする指標の名前"
    sheets[1].marks.append(MarkData(reason="理由です", part=Part.kpi(kpi.key)))
    _, path = _write(survey, sheets, tmp_path, "public")
    text = package_text(path)
    for secret in (SECRET, "交渉中のため", "理由です", "非公開にする指標の名前", "担当 一郎", "03-0000-0000"):
        assert secret not in text
    assert "公開部分。" in text and "後半。" in text and "（非公開）" in text
    assert "【公開版】" in text


def test_progress_and_libreoffice_conversion(survey, sheets, tmp_path):
    seen = []
    _, path = _write(survey, sheets, tmp_path, progress=lambda d, t: seen.append((d, t)))
    assert seen == [(1, 3), (2, 3), (3, 3)]
    assert convert(path, "pdf", tmp_path / "pdf").stat().st_size > 0


def test_values_are_numbers_when_they_read_as_numbers_and_marked_rows_are_shaded(survey, tmp_path):
    s = sheet(survey)
    s.items[0].kpis[0].target_value = "１，０００"
    s.items[0].kpis[0].baseline_value = "-"
    s.marks.append(MarkData(reason="r", part=Part.kpi(s.items[0].kpis[0].key)))
    _, path = _write(survey, [s], tmp_path)
    ws = openpyxl.load_workbook(path)[SHEET_KPI]
    header = [c.value for c in ws[2]]
    row = ws[3]
    target = row[header.index("目標値")]
    assert target.value == 1000 and target.number_format == "#,##0"
    assert row[header.index("基準値")].value == "-" and row[header.index("基準値")].data_type == "s"
    assert row[header.index("指標")].fill.fgColor.rgb.endswith("D9D9D9")
    assert ws[4][header.index("指標")].fill.fgColor.rgb in (None, "00000000")
