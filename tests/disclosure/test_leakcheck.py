"""The leak check finds non-public text wherever it is planted in a package, and nothing in a clean one."""

import zipfile
from pathlib import Path

import docx
import pytest
from openpyxl import load_workbook
from openpyxl.comments import Comment
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.datavalidation import DataValidation

from desktop.disclosure.leakcheck import UnreadablePackage, check_output
from desktop.reports.docx_writer import write_docx
from desktop.reports.model import build_report
from desktop.reports.xlsx_writer import write_xlsx
from tests.reports.sheetkit import SECRET, cite, mark, sheet

SHORT = "未定"            # a short marked text: only a whole cell/paragraph counts


@pytest.fixture
def sheets(survey):
    a = sheet(survey, "あ施策", content="公開部分。" + SECRET + "後半。", issues=SHORT)
    cite(a, "content", "公開部分。", "公開の引用文", "出典：事務局「論点について」")
    mark(a, "content", SECRET)
    mark(a, "issues")
    return [a, sheet(survey, "い施策")]


@pytest.fixture
def public_docx(survey, sheets, tmp_path):
    return write_docx(build_report(survey, sheets, "public"), tmp_path / "public.docx")


@pytest.fixture
def public_xlsx(survey, sheets, tmp_path):
    return write_xlsx(build_report(survey, sheets, "public"), tmp_path / "public.xlsx")


def rewrite(path: Path, member: str, change) -> Path:
    """Replace one member of the package by change(its text)."""
    with zipfile.ZipFile(path) as z:
        entries = [(i, z.read(i)) for i in z.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for info, data in entries:
            if info.filename == member:
                data = change(data.decode("utf-8")).encode("utf-8")
            z.writestr(info, data)
    return path


def parts(leaks) -> set[str]:
    return {leak.part for leak in leaks}


def test_clean_public_exports_pass(survey, sheets, public_docx, public_xlsx):
    assert check_output(public_docx, sheets, survey) == []
    assert check_output(public_xlsx, sheets, survey) == []


def test_internal_exports_are_caught(survey, sheets, tmp_path):
    for writer, name in ((write_docx, "i.docx"), (write_xlsx, "i.xlsx")):
        path = writer(build_report(survey, sheets, "internal"), tmp_path / name)
        texts = {leak.text for leak in check_output(path, sheets, survey)}
        # 未定 is printed there between 【非公開】 markers, not as a whole value.
        assert SECRET in texts, name


# --- Excel --------------------------------------------------------------------------------


def _plant_xlsx(path: Path, plant) -> Path:
    wb = load_workbook(path)
    plant(wb)
    wb.save(path)
    return path


@pytest.mark.parametrize("where", ["hidden column", "hidden sheet", "hidden row", "comment", "defined name",
                                   "validation list", "sheet name", "core title", "custom property"])
def test_planted_in_xlsx_is_caught(survey, sheets, public_xlsx, where):
    assert len(SECRET) <= 31    # fits a sheet name

    def plant(wb):
        ws = wb.worksheets[0]
        if where == "hidden column":
            ws["Z5"] = SECRET
            ws.column_dimensions["Z"].hidden = True
        elif where == "hidden sheet":
            hidden = wb.create_sheet("作業")
            hidden["A1"] = SECRET
            hidden.sheet_state = "hidden"
        elif where == "hidden row":
            ws["B40"] = "前置き" + SECRET
            ws.row_dimensions[40].hidden = True
        elif where == "comment":
            ws["A1"].comment = Comment("メモ：" + SECRET, "作成者")
        elif where == "defined name":
            wb.defined_names["memo"] = DefinedName("memo", attr_text=f'"{SECRET}"')
        elif where == "validation list":
            dv = DataValidation(type="list", formula1=f'"{SECRET},その他"')
            ws.add_data_validation(dv)
            dv.add("C3")
        elif where == "sheet name":
            wb.worksheets[1].title = SECRET
        elif where == "core title":
            wb.properties.title = SECRET
        elif where == "custom property":
            from openpyxl.packaging.custom import StringProperty
            wb.custom_doc_props.append(StringProperty(name="メモ", value=SECRET))

    path = _plant_xlsx(public_xlsx, plant)
    leaks = check_output(path, sheets, survey)
    assert leaks, where
    assert all(leak.sheet_title == "あ施策" for leak in leaks)


def test_short_marked_text_counts_only_as_a_whole_cell(survey, sheets, public_xlsx):
    def plant(wb):
        wb.worksheets[0]["Z1"] = "未定稿の資料"    # contains 未定 inside a word: not a leak
    assert check_output(_plant_xlsx(public_xlsx, plant), sheets, survey) == []

    def plant_whole(wb):
        wb.worksheets[0]["Z2"] = " ＿\n未定 "[2:]       # 未定 as a whole line of a cell
    leaks = check_output(_plant_xlsx(public_xlsx, plant_whole), sheets, survey)
    assert [leak.text for leak in leaks] == [SHORT]


# --- Word ---------------------------------------------------------------------------------


def test_planted_in_footnote_split_over_runs_is_caught(survey, sheets, public_docx):
    half = len(SECRET) // 2
    runs = f"<w:r><w:t>{SECRET[:half]}</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>{SECRET[half:]}</w:t></w:r>"
    path = rewrite(public_docx, "word/footnotes.xml",
                   lambda xml: xml.replace("</w:footnote></w:footnotes>",
                                           f"<w:p>{runs}</w:p></w:footnote></w:footnotes>"))
    assert parts(check_output(path, sheets, survey)) == {"word/footnotes.xml"}


def test_planted_as_character_references_in_header_is_caught(survey, sheets, public_docx):
    escaped = "".join(f"&#{ord(ch)};" for ch in SECRET)
    path = rewrite(public_docx, "word/header1.xml",
                   lambda xml: xml.replace("</w:hdr>", f"<w:p><w:r><w:t>{escaped}</w:t></w:r></w:p></w:hdr>"))
    assert parts(check_output(path, sheets, survey)) == {"word/header1.xml"}


def test_planted_in_full_width_and_spaced_form_is_caught(survey, sheets, public_docx):
    wide = SECRET.replace("2", "２")
    spaced = wide[:5] + "\u3000 " + wide[5:]
    document = docx.Document(public_docx)
    document.add_paragraph(spaced)
    document.save(public_docx)
    assert parts(check_output(public_docx, sheets, survey)) == {"word/document.xml"}


@pytest.mark.parametrize("field", ["title", "subject", "keywords", "comments", "category"])
def test_planted_in_document_properties_is_caught(survey, sheets, public_docx, field):
    document = docx.Document(public_docx)
    setattr(document.core_properties, field, SECRET)
    document.save(public_docx)
    assert parts(check_output(public_docx, sheets, survey)) == {"docProps/core.xml"}


def test_planted_in_a_comment_part_is_caught(survey, sheets, public_docx):
    comments = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                '<w:comments xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
                f'<w:comment w:id="0" w:author="職員"><w:p><w:r><w:t>{SECRET}</w:t></w:r></w:p></w:comment>'
                '</w:comments>')
    with zipfile.ZipFile(public_docx, "a") as z:
        z.writestr("word/comments.xml", comments)
    assert parts(check_output(public_docx, sheets, survey)) == {"word/comments.xml"}


def test_planted_in_alt_text_attribute_and_binary_part_is_caught(survey, sheets, public_docx):
    path = rewrite(public_docx, "word/document.xml",
                   lambda xml: xml.replace("<w:body>", f'<w:body><w:p><w:bookmarkStart w:id="9" '
                                                      f'w:name="{SECRET}"/></w:p>', 1))
    with zipfile.ZipFile(path, "a") as z:
        z.writestr("word/embeddings/blob.bin", b"\x00\x01" + SECRET.encode("utf-16-le") + b"\x00\x00")
    assert parts(check_output(path, sheets, survey)) == {"word/document.xml", "word/embeddings/blob.bin"}


# --- refusing files -------------------------------------------------------------------------


def test_unreadable_files_are_refused(survey, sheets, tmp_path):
    bad = tmp_path / "bad.docx"
    bad.write_text("これは Word ファイルではありません")
    with pytest.raises(UnreadablePackage, match="読めません"):
        check_output(bad, sheets, survey)
    bomb = tmp_path / "dtd.docx"
    with zipfile.ZipFile(bomb, "w") as z:
        z.writestr("word/document.xml", '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><x>&a;</x>')
    with pytest.raises(UnreadablePackage, match="DTD"):
        check_output(bomb, sheets, survey)


def test_csv_reports_are_checked_cell_by_cell(survey, sheets, tmp_path):
    from desktop.reports.csv_writer import write_csv

    public = write_csv(build_report(survey, sheets, "public"), tmp_path / "public.csv")
    assert check_output(public, sheets, survey) == []
    planted = tmp_path / "planted.csv"
    planted.write_bytes(("項目,内容\r\nメモ,\"前置き\n" + SECRET + "\"\r\n" + "備考," + SHORT + "\r\n").encode("cp932"))
    assert {leak.text for leak in check_output(planted, sheets, survey)} == {SECRET, SHORT}
