"""The Word report, opened again with python-docx and read as XML."""

import re
import zipfile

import docx
import pytest
from docx.oxml.ns import qn

from desktop.reports.docx_writer import BODY_FONT, HEADING_FONT, write_docx
from desktop.reports.model import (
    APPENDIX_PREFIX,
    KPI_HEADERS,
    KPI_PROGRESS_HEADERS,
    LABEL_KPI_LIST,
    LABEL_SUMMARY,
    build_report,
)
from tests.reports.sheetkit import SECRET, cite, convert, mark, package_text, sheet

REF = "出典：知的財産戦略推進事務局「論点について」（令和7年11月）"


@pytest.fixture
def sheets(survey):
    codes = [c.code for c in survey.choices]
    a = sheet(survey, "あ施策", classification=codes[1], content="公開部分。" + SECRET + "後半。")
    b = sheet(survey, "い施策", classification=codes[0], ministry="内閣府")
    cite(a, "content", "公開部分。", "公開の引用文", REF + "「一」")
    cite(a, "results", None, "実績の引用文", REF + "「二」")
    cite(b, "background", None, "背景の引用文", REF + "「三」")
    mark(a, "content", SECRET, reason="交渉中のため")
    return [a, b]


def _write(survey, sheets, tmp_path, audience, **kw):
    report = build_report(survey, sheets, audience)
    path = write_docx(report, tmp_path / f"{audience}.docx", **kw)
    return report, path


def _fonts(element):
    fonts = element.find(qn("w:rPr")).find(qn("w:rFonts"))
    return {k.split("}")[1]: v for k, v in fonts.attrib.items()}


def test_page_fonts_and_styles(survey, sheets, tmp_path):
    _, path = _write(survey, sheets, tmp_path, "internal")
    d = docx.Document(str(path))
    section = d.sections[0]
    assert (section.page_width.mm, section.page_height.mm) == pytest.approx((210, 297), abs=0.1)
    assert (section.left_margin.mm, section.top_margin.mm) == pytest.approx((25, 30), abs=0.1)
    styles = d.styles.element
    defaults = styles.find(qn("w:docDefaults")).find(qn("w:rPrDefault"))
    assert _fonts(defaults)["eastAsia"] == BODY_FONT
    assert not any(k.endswith("Theme") for k in _fonts(defaults))
    normal = d.styles["Normal"]
    assert normal.font.size.pt == 10.5
    assert _fonts(normal.element)["eastAsia"] == BODY_FONT
    for name in ("Heading 1", "Heading 2", "Title"):
        assert _fonts(d.styles[name].element)["eastAsia"] == HEADING_FONT


def test_content_in_order_as_two_column_tables_and_kpi_tables(survey, sheets, tmp_path):
    report, path = _write(survey, sheets, tmp_path, "internal")
    d = docx.Document(str(path))
    headings = [p.text for p in d.paragraphs if p.style.name == "Heading 2"]
    assert headings == [f"{s.number}　{s.heading}" for s in report.sections] == ["1　い施策", "2　あ施策"]
    chapters = [p.text for p in d.paragraphs if p.style.name == "Heading 1"]
    # The summary tables come before the body, the list of all KPIs after it.
    assert chapters == [LABEL_SUMMARY] + [f"第{c.number}　{c.heading}" for c in report.chapters] \
        + [f"{APPENDIX_PREFIX}　{LABEL_KPI_LIST}"]
    field_tables = [t for t in d.tables if t.rows[0].cells[0].text == "入力項目"]
    assert len(field_tables) == 2
    for table in field_tables:
        assert [r.cells[0].text for r in table.rows[1:]] == [f.label for f in survey.fields]
    content_cell = field_tables[1].rows[3].cells[1].text
    assert "公開部分。" in content_cell and SECRET in content_cell and "【非公開】" in content_cell
    kpi_tables = [t for t in d.tables if t.rows[0].cells[0].text.replace("\n", "") == KPI_HEADERS[0]]
    assert len(kpi_tables) == 2
    assert [c.text.replace("\n", "") for c in kpi_tables[0].rows[0].cells] == list(KPI_HEADERS + KPI_PROGRESS_HEADERS)
    assert kpi_tables[0].rows[1].cells[1].text == "プロジェクト実施件数"
    assert kpi_tables[0].rows[1].cells[4].text == "5\n（令和9年度）"


def test_real_footnotes_numbered_in_document_order(survey, sheets, tmp_path):
    report, path = _write(survey, sheets, tmp_path, "internal")
    with zipfile.ZipFile(path) as z:
        types = z.read("[Content_Types].xml").decode()
        rels = z.read("word/_rels/document.xml.rels").decode()
        notes = z.read("word/footnotes.xml").decode()
        body = z.read("word/document.xml").decode()
        settings = z.read("word/settings.xml").decode()
        styles = z.read("word/styles.xml").decode()
    assert 'PartName="/word/footnotes.xml"' in types and "footnotes+xml" in types
    assert "relationships/footnotes" in rels
    assert re.findall(r'<w:footnoteReference w:id="(\d+)"/>', body) == ["1", "2", "3"]
    ids = re.findall(r'<w:footnote w:id="(-?\d+)"', notes) + re.findall(r'<w:footnote w:type="\w+" w:id="(-?\d+)"', notes)
    assert sorted(ids, key=int) == ["-1", "0", "1", "2", "3"]
    for n in report.sections[0].footnotes + report.sections[1].footnotes:
        assert n.text in notes
    assert "<w:footnotePr>" in settings and "<w:updateFields" in settings
    assert 'w:styleId="FootnoteText"' in styles and 'w:styleId="FootnoteReference"' in styles
    docx.Document(str(path))  # the package reopens


def test_cover_toc_header_marking_and_page_numbers(survey, sheets, tmp_path):
    report, path = _write(survey, sheets, tmp_path, "public")
    d = docx.Document(str(path))
    texts = [p.text for p in d.paragraphs]
    assert report.title in texts and "令和7年度" in texts and "全府省庁" in texts
    assert any(t.startswith("作成日　令和") for t in texts)
    section = d.sections[0]
    assert "【公開版】" in section.header.paragraphs[0].text
    assert "【公開版】" in section.first_page_header.paragraphs[0].text
    with zipfile.ZipFile(path) as z:
        body = z.read("word/document.xml").decode()
        footers = "".join(z.read(n).decode() for n in z.namelist() if n.startswith("word/footer"))
    assert 'TOC \\o "1-2"' in body
    assert "PAGE" in footers
    with zipfile.ZipFile(path) as z:  # python-docx's template preview picture is not shipped
        assert "thumbnail" not in z.read("_rels/.rels").decode()


def test_public_package_contains_no_marked_text_anywhere(survey, sheets, tmp_path):
    _, path = _write(survey, sheets, tmp_path, "public")
    text = package_text(path)
    assert SECRET not in text
    assert "交渉中のため" not in text and "担当 一郎" not in text
    assert "公開部分。" in text and "後半。" in text and "（非公開）" in text
    assert REF + "「一」" in text


def test_illegal_characters_are_replaced_and_the_rest_kept(survey, tmp_path):
    s = sheet(survey, content="前\x00中\x0b後\ufffe終\ud800")
    _, path = _write(survey, [s], tmp_path, "internal")
    d = docx.Document(str(path))
    cells = [c.text for t in d.tables for r in t.rows for c in r.cells]
    assert "前\ufffd中\n後\ufffd終\ufffd" in cells


def test_progress_reports_every_sheet(survey, sheets, tmp_path):
    seen = []
    _write(survey, sheets, tmp_path, "internal", progress=lambda done, total: seen.append((done, total)))
    assert seen == [(1, 3), (2, 3), (3, 3)]


def test_one_sheet_alone_and_an_empty_report(survey, tmp_path):
    _, one = _write(survey, [sheet(survey)], tmp_path, "internal")
    # meta, fields, KPIs and the grid of two years; two summary tables before, the KPI list after
    assert len(docx.Document(str(one)).tables) == 4 + 2 + 1
    report = build_report(survey, [], "public")
    empty = write_docx(report, tmp_path / "empty.docx")
    docx.Document(str(empty))


def test_libreoffice_renders_footnotes_and_headers(survey, sheets, tmp_path):
    _, path = _write(survey, sheets, tmp_path, "public")
    pdf = convert(path, "pdf", tmp_path / "pdf")
    import shutil
    import subprocess
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext がありません")
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, check=True, text=True).stdout
    flat = "".join(text.split())
    assert "".join((REF + "「一」").split()) in flat      # a footnote is on a page
    assert "【公開版】" in flat and "（非公開）" in flat
    assert SECRET not in flat


def test_body_is_spliced_whole_and_marked_runs_are_shaded(survey, sheets, tmp_path):
    _, path = _write(survey, sheets, tmp_path, "internal")
    with zipfile.ZipFile(path) as z:
        body = z.read("word/document.xml").decode()
    assert "SESAKU-BODY" not in body
    # Two sections: the cover and 目次 (its sectPr closing the 目次), then the body (the last sectPr).
    assert body.count("<w:sectPr") == 2 and body.rindex("<w:sectPr") > body.rindex("</w:tbl>")
    assert body.index("<w:sectPr") < body.index(KPI_HEADERS[0])
    secret_run = body[body.index(SECRET) - 300:body.index(SECRET)]
    assert 'w:fill="D9D9D9"' in secret_run
    d = docx.Document(str(path))
    assert d.sections[0].header.paragraphs[0].text.endswith("【内部資料】")


def test_kpi_less_items_span_the_kpi_columns(survey, tmp_path):
    _, path = _write(survey, [sheet(survey)], tmp_path, "internal")
    kpi_table = next(t for t in docx.Document(str(path)).tables
                     if t.rows[0].cells[0].text.replace("\n", "") == KPI_HEADERS[0])
    row = kpi_table.rows[-1]._tr
    spans = [tc.grid_span for tc in row.tc_lst]
    assert spans == [1, len(KPI_HEADERS) + len(KPI_PROGRESS_HEADERS) - 1]
    assert "令和8年度に指標を設定する予定" in kpi_table.rows[-1].cells[1].text
