"""The reports as printed: page numbers, charts kept with their tables, numbers as 公用文 writes them, paper."""

from __future__ import annotations

import shutil
import subprocess
import zipfile

import docx
import openpyxl
import pytest
from lxml import etree

from desktop.reports.docx_writer import write_docx
from desktop.reports.excel_cells import MIN_SCALE, PrintLayout, column_points, print_layout
from desktop.reports.form import write_form
from desktop.reports.model import KPI_HEADERS, build_report
from desktop.reports.xlsx_writer import SHEET_KPI, SHEET_LIST, write_xlsx
from desktop.reports import form_marks
from desktop.survey.sheet import KpiData
from tests.reports.sheetkit import convert, sheet

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W, "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
      "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"}


def _w(name: str) -> str:
    return f"{{{W}}}{name}"


def _body(path) -> etree._Element:
    with zipfile.ZipFile(path) as z:
        return etree.fromstring(z.read("word/document.xml")).find("w:body", NS)


def _many_kpis(survey, n: int):
    s = sheet(survey)
    base = s.items[0].kpis[0]
    s.items[0].kpis = [KpiData(indicator=f"指標{i}", unit="件", baseline_value="1500", baseline_year=2023,
                               target_value="120000000", target_year=2027, actuals={2024: "20000", 2025: "3"},
                               id=(base.id or 0) * 100 + i) for i in range(n)]
    return s


# --- Word: sections and page numbers ---------------------------------------------------------------


def test_cover_and_toc_are_unnumbered_and_the_body_restarts_at_one(survey, tmp_path):
    path = write_docx(build_report(survey, [sheet(survey)], "public"), tmp_path / "r.docx")
    body = _body(path)
    sections = body.findall(".//w:sectPr", NS)
    assert len(sections) == 2
    cover, main = sections
    # The cover section ends in the paragraph closing the 目次 and has no footer (no page number).
    assert cover.getparent().tag == _w("pPr")
    assert cover.findall("w:footerReference", NS) == []
    assert main.find("w:pgNumType", NS).get(_w("start")) == "1"
    assert main.find("w:titlePg", NS) is None               # the body's first page is numbered too
    assert [r.get(_w("type")) for r in main.findall("w:footerReference", NS)] == ["default"]
    # The 目次 lists the headings as written text, linked to them, before any field update.
    paragraphs = body.findall("w:p", NS)
    toc = [p for p in paragraphs if (p.find("w:pPr/w:pStyle", NS) is not None
                                     and p.find("w:pPr/w:pStyle", NS).get(_w("val")).startswith("TOC"))
           and p.find("w:pPr/w:pStyle", NS).get(_w("val")) != "TOCHeading"]
    assert toc and all("".join(p.itertext()).strip() for p in toc)
    # The first heading of the body has no page break of its own (the section starts the page).
    first_heading = next(p for p in paragraphs if p.find("w:pPr/w:pStyle[@w:val='Heading1']", NS) is not None)
    assert first_heading.find("w:pPr/w:pageBreakBefore", NS) is None


# --- Word: charts kept with their tables ------------------------------------------------------------


def _kpi_table(body):
    return next(t for t in body.iter(_w("tbl")) if "".join(t.find("w:tr", NS).itertext()).startswith(KPI_HEADERS[0]))


def test_one_chart_is_kept_with_its_caption_and_its_kpi_table(survey, tmp_path):
    path = write_docx(build_report(survey, [sheet(survey)], "public"), tmp_path / "r.docx")
    body = _body(path)
    table = _kpi_table(body)
    # Every paragraph of the KPI table, the last row included, keeps with the next: the table
    # moves with its chart rather than leaving the chart alone on a page.
    assert all(p.find("w:pPr/w:keepNext", NS) is not None for p in table.iter(_w("p")))
    caption = table.getnext()
    assert "".join(caption.itertext()).startswith("図　") and caption.find("w:pPr/w:keepNext", NS) is not None
    chart = caption.getnext()
    assert chart.find(".//wp:inline", NS) is not None and chart.find("w:pPr/w:keepNext", NS) is not None
    assert "凡例" in "".join(chart.getnext().itertext())


def test_four_charts_stand_two_to_a_row_each_caption_in_its_charts_cell(survey, tmp_path):
    path = write_docx(build_report(survey, [_many_kpis(survey, 4)], "public"), tmp_path / "r.docx")
    body = _body(path)
    spacer = _kpi_table(body).getnext()       # two tables in a row would merge into one in Word
    assert spacer.tag == _w("p") and spacer.find("w:pPr/w:keepNext", NS) is not None
    grid = spacer.getnext()
    assert grid.tag == _w("tbl")
    rows = grid.findall("w:tr", NS)
    assert len(rows) == 2 and all(r.find("w:trPr/w:cantSplit", NS) is not None for r in rows)
    for cell in (c for r in rows for c in r.findall("w:tc", NS)):
        caption, chart = cell.findall("w:p", NS)
        assert "".join(caption.itertext()).startswith("図　指標")
        assert caption.find("w:pPr/w:keepNext", NS) is not None and chart.find(".//wp:inline", NS) is not None
    assert all(p.find("w:pPr/w:keepNext", NS) is not None for p in grid.iter(_w("p")))
    assert len(docx.Document(str(path)).inline_shapes) == 4


# --- numbers ------------------------------------------------------------------------------------------


def test_word_prints_comma_groups_and_kanji_units(survey, tmp_path):
    s = _many_kpis(survey, 1)
    s.items[0].kpis[0].unit = "円"
    path = write_docx(build_report(survey, [s], "public"), tmp_path / "r.docx")
    d = docx.Document(str(path))
    table = next(t for t in d.tables if t.rows[0].cells[0].text.replace("\n", "") == KPI_HEADERS[0])
    cells = [c.text for c in table.rows[1].cells]
    assert cells[3].startswith("1,500\n") and cells[4].startswith("1億2,000万\n")
    assert cells[5] == "3" and cells[6] == "2万"
    text = "\n".join(c.text for t in d.tables for r in t.rows for c in r.cells)
    assert "目標：1億2,000万円" in text           # the 実施項目・KPI field's lines
    assert "1500" not in text and "120000000" not in text


def test_excel_keeps_numbers_as_numbers_with_a_comma_format(survey, tmp_path):
    path = write_xlsx(build_report(survey, [_many_kpis(survey, 1)], "public"), tmp_path / "r.xlsx")
    ws = openpyxl.load_workbook(path)[SHEET_KPI]
    header = [c.value for c in ws[2]]
    row = ws[3]
    baseline = row[header.index("基準値")]
    assert baseline.value == 1500 and baseline.number_format == "#,##0"
    assert row[header.index("目標値")].value == 120000000


# --- Excel: paper and scale ---------------------------------------------------------------------------


def _printed(ws) -> tuple[float, int, float]:
    widths = [ws.column_dimensions[c].width for c in ws.column_dimensions if not ws.column_dimensions[c].hidden]
    return sum(column_points(w) for w in widths), ws.page_setup.scale, float(ws.page_setup.paperSize)


@pytest.mark.parametrize("widths, paper", [([10] * 8, "A4"), ([10] * 20, "A3"), ([30] * 30, "A3")])
def test_print_layout_never_prints_ten_point_text_below_eight(widths, paper):
    layout = print_layout(widths)
    assert isinstance(layout, PrintLayout) and layout.paper == paper
    assert layout.scale >= MIN_SCALE * 100 and layout.printed_pt >= 8
    printable = ({"A4": 297, "A3": 420}[paper] / 25.4 - 0.8) * 72
    if layout.pages_across == 1:
        assert sum(column_points(w) for w in widths) * layout.scale / 100 <= printable
    else:
        assert layout.pages_across >= 2


def test_report_and_form_lists_print_at_eighty_percent_or_more(survey, tmp_path):
    report = build_report(survey, [sheet(survey), sheet(survey, "二つ目")], "internal")
    book = openpyxl.load_workbook(write_xlsx(report, tmp_path / "r.xlsx"))
    form = openpyxl.load_workbook(write_form(survey, [sheet(survey)], tmp_path / "f.xlsx", ministry="総務省",
                                             year=2025))
    for ws in (book[SHEET_LIST], book[SHEET_KPI], form[SHEET_LIST], form[SHEET_KPI]):
        total, scale, _ = _printed(ws)
        assert scale >= 80, ws.title
        assert ws.sheet_properties.pageSetUpPr.fitToPage is not True     # no shrinking to one page wide
        assert ws.page_setup.orientation == "landscape" and ws.print_title_rows
        if total * scale / 100 > (420 / 25.4 - 0.8) * 72:               # wider than A3: split, key column repeated
            assert ws.print_title_cols
    assert book[SHEET_LIST].page_setup.paperSize == 8            # A3: the list is wide


def test_form_guidance_is_printed_on_the_guide_sheet(survey, tmp_path):
    from desktop.reports.form import list_columns

    wb = openpyxl.load_workbook(write_form(survey, [sheet(survey)], tmp_path / "f.xlsx", ministry="総務省",
                                           year=2025))
    guide = "\n".join(str(c.value) for row in wb[form_marks.GUIDE_SHEET].iter_rows() for c in row if c.value)
    for col in list_columns(survey):
        if col.guidance and not col.hidden:
            assert f"{SHEET_LIST}：{col.label}" in guide and col.guidance in guide
    comment = next(c.comment for c in wb[SHEET_LIST][3] if c.comment)      # still on screen as a comment
    assert comment.text in guide


# --- rendered by LibreOffice -------------------------------------------------------------------------


def test_libreoffice_pdf_numbers_the_body_from_one_and_keeps_charts_with_tables(survey, tmp_path):
    sheets = [sheet(survey, f"施策{i}", content="長い施策内容。" * (40 * i)) for i in range(4)] + [_many_kpis(survey, 4)]
    path = write_docx(build_report(survey, sheets, "public"), tmp_path / "r.docx")
    pdf = convert(path, "pdf", tmp_path / "pdf")
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext がありません")
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, check=True,
                          text=True).stdout
    pages = text.split("\f")[:-1]
    numbers = ["".join(p.strip().splitlines()[-1].split()) if p.strip() else "" for p in pages]   # the footer line
    assert "目次" in pages[1] and "施策0" in "".join(pages[1].split())                   # entries without a field update
    assert not any(n.startswith("-") for n in numbers[:2])             # the cover and 目次 unnumbered
    assert numbers[2] == "-1-" and numbers[-1] == f"-{len(pages) - 2}-"
    charted = [p for p in pages if "図　" in p or "図 " in p]
    assert len(charted) >= 5
    for page in charted:     # no page holds a chart without its KPI table
        assert "達成率" in page, page[:300]       # a KPI table header (the legend names 基準値 too)
