"""The leak check finds non-public text wherever it is planted in a package, and nothing in a clean one."""

import io
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
    assert member in {i.filename for i, _ in entries}, member
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


# --- what a reader reads: hand edits that split, annotate or wrap the passage (issue 14) -------------

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
HEAD, WORD, TAIL = SECRET[:5], SECRET[5:7], SECRET[7:]     # 参加予定の / 業界 / 団体は…
assert HEAD + WORD + TAIL == SECRET and WORD == "業界"


def _run(text: str) -> str:
    return f"<w:r><w:t>{text}</w:t></w:r>"


def _in_body(path: Path, paragraph: str) -> Path:
    return rewrite(path, "word/document.xml", lambda xml: xml.replace("<w:body>", f"<w:body>{paragraph}", 1))


def _add_member(path: Path, name: str, data: bytes, **info) -> Path:
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as z:
        entry = zipfile.ZipInfo(name, date_time=(2025, 4, 1, 0, 0, 0))
        for key, value in info.items():
            setattr(entry, key, value)
        z.writestr(entry, data, zipfile.ZIP_DEFLATED)
    return path


def _xlsx_bytes(text: str) -> bytes:
    from openpyxl import Workbook

    wb = Workbook()
    wb.active["A1"] = text
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _docx_bytes(text: str) -> bytes:
    document = docx.Document()
    document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _compound_file(stream_name: str, content: bytes) -> bytes:
    """A minimal OLE compound file (v3, 512-byte sectors) with one stream, its sectors in reverse order.

    Stored backwards, the stream's bytes are not contiguous in the file: only
    a reader that follows the sector chain sees the content whole.
    """
    import struct

    content = content.ljust(4096, b"\0")          # at the mini-stream cutoff: kept in regular sectors
    n = -(-len(content) // 512)
    data_sectors = list(range(2, 2 + n))[::-1]     # stream sector i lives in sector data_sectors[i]
    fat = [0xFFFFFFFF] * 128
    fat[0], fat[1] = 0xFFFFFFFD, 0xFFFFFFFE          # FAT sector, directory (one sector, end of chain)
    for i, s in enumerate(data_sectors):
        fat[s] = data_sectors[i + 1] if i + 1 < n else 0xFFFFFFFE
    header = bytearray(512)
    header[:8] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    struct.pack_into("<HHHHH", header, 0x18, 0x3E, 3, 0xFFFE, 9, 6)
    struct.pack_into("<IIIIIIIII", header, 0x2C, 1, 1, 0, 4096, 0xFFFFFFFE, 0, 0xFFFFFFFE, 0, 0)
    struct.pack_into("<109I", header, 0x4C, 0, *([0xFFFFFFFF] * 108))

    def entry(name: str, kind: int, start: int, size: int, child: int = 0xFFFFFFFF) -> bytes:
        raw = bytearray(128)
        encoded = (name + "\0").encode("utf-16-le")
        raw[:len(encoded)] = encoded
        struct.pack_into("<HBB", raw, 64, len(encoded), kind, 1)
        struct.pack_into("<III", raw, 68, 0xFFFFFFFF, 0xFFFFFFFF, child)
        struct.pack_into("<IQ", raw, 116, start, size)
        return bytes(raw)

    directory = (entry("Root Entry", 5, 0xFFFFFFFE, 0, child=1) + entry(stream_name, 2, data_sectors[0], len(content))
                 + bytes(256))
    sectors = {0: struct.pack("<128I", *fat), 1: directory}
    for i, s in enumerate(data_sectors):
        sectors[s] = content[i * 512:(i + 1) * 512].ljust(512, b"\0")
    return bytes(header) + b"".join(sectors[k] for k in range(2 + n))


def _soft_break(path):
    return _in_body(path, f"<w:p><w:r><w:t>{HEAD}{WORD}</w:t><w:br/><w:t>{TAIL}</w:t></w:r></w:p>")


def _ruby(path):
    ruby = (f"<w:r><w:ruby><w:rubyPr><w:rubyAlign w:val=\"distributeSpace\"/><w:hps w:val=\"10\"/>"
            f"<w:lid w:val=\"ja-JP\"/></w:rubyPr><w:rt>{_run('ぎょうかい')}</w:rt>"
            f"<w:rubyBase>{_run(WORD)}</w:rubyBase></w:ruby></w:r>")
    return _in_body(path, f"<w:p>{_run(HEAD)}{ruby}{_run(TAIL)}</w:p>")


def _complex_field(path):
    field = ('<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
             '<w:r><w:instrText xml:space="preserve"> HYPERLINK "https://example.jp/</w:instrText></w:r>'
             '<w:r><w:instrText>dantai" </w:instrText></w:r>'
             f'<w:r><w:fldChar w:fldCharType="separate"/></w:r>{_run(WORD)}'
             '<w:r><w:fldChar w:fldCharType="end"/></w:r>')
    return _in_body(path, f"<w:p>{_run(HEAD)}{field}{_run(TAIL)}</w:p>")


def _simple_field(path):
    field = f'<w:fldSimple w:instr=" HYPERLINK &quot;https://example.jp/&quot; ">{_run(WORD)}</w:fldSimple>'
    return _in_body(path, f"<w:p>{_run(HEAD)}{field}{_run(TAIL)}</w:p>")


def _hyperlink(path):
    return _in_body(path, f'<w:p>{_run(HEAD)}<w:hyperlink w:anchor="top">{_run(WORD)}</w:hyperlink>{_run(TAIL)}</w:p>')


def _tracked_deletion(path):
    deleted = ('<w:del w:id="1" w:author="職員" w:date="2025-04-01T00:00:00Z"><w:r><w:delText>（削除）</w:delText>'
               '</w:r></w:del>')
    return _in_body(path, f"<w:p>{_run(HEAD)}{deleted}{_run(WORD + TAIL)}</w:p>")


def _tracked_insertion(path):
    inserted = '<w:ins w:id="2" w:author="職員" w:date="2025-04-01T00:00:00Z">' + _run("（追記）") + "</w:ins>"
    return _in_body(path, f"<w:p>{_run(HEAD + WORD)}{inserted}{_run(TAIL)}</w:p>")


def _escaped_in_a_cell(path):
    escaped = "".join(f"_x{ord(ch):04X}_" for ch in WORD)
    cell = f'<row r="900"><c r="A900" t="inlineStr"><is><t>{HEAD}{escaped}_x000D_\n{TAIL}</t></is></c></row>'
    return rewrite(path, "xl/worksheets/sheet1.xml", lambda xml: xml.replace("</sheetData>", cell + "</sheetData>"))


def _excel_in_word(path):
    return _add_member(path, "word/embeddings/Microsoft_Excel_Worksheet.xlsx", _xlsx_bytes("メモ：" + SECRET))


def _excel_in_ole_in_word(path):
    return _add_member(path, "word/embeddings/oleObject1.bin", _compound_file("Package", _xlsx_bytes(SECRET)))


def _word_in_excel(path):
    return _add_member(path, "xl/embeddings/Microsoft_Word_Document.docx", _docx_bytes(SECRET))


def _media_name(path):
    return _add_member(path, f"word/media/{SECRET}.png", b"\x89PNG\r\n\x1a\n")


def _shift_jis_name(path):
    """A name written by a Japanese zip tool: Shift_JIS bytes, no UTF-8 flag (zipfile reads them as cp437)."""
    from unittest import mock

    encode = zipfile.ZipInfo._encodeFilenameFlags

    def shift_jis(self):
        if self.filename == "word/media/placeholder.png":
            return f"word/media/{SECRET}.png".encode("cp932"), self.flag_bits & ~0x800
        return encode(self)

    with mock.patch.object(zipfile.ZipInfo, "_encodeFilenameFlags", shift_jis):
        return _add_member(path, "word/media/placeholder.png", b"\x89PNG\r\n\x1a\n")


def _zip_comment(path):
    with zipfile.ZipFile(path, "a") as z:
        z.comment = SECRET.encode("utf-8")
    return path


def _member_comment(path):
    return _add_member(path, "customXml/item9.xml", b"<a/>", comment=SECRET.encode("utf-8"))


def _cell_line_break(path):
    return _plant_xlsx(path, lambda wb: wb.worksheets[0].__setitem__("B50", HEAD + WORD + "\n" + TAIL))


# (case, the public file planted, how, the part a finding must name)
HAND_EDITS = [
    ("soft line break (Shift+Enter)", "docx", _soft_break, "word/document.xml"),
    ("ruby on a word", "docx", _ruby, "word/document.xml"),
    ("complex hyperlink field around a word", "docx", _complex_field, "word/document.xml"),
    ("simple field around a word", "docx", _simple_field, "word/document.xml"),
    ("hyperlink around a word", "docx", _hyperlink, "word/document.xml"),
    ("tracked deletion inside the passage (final view)", "docx", _tracked_deletion, "word/document.xml"),
    ("tracked insertion inside the passage (original view)", "docx", _tracked_insertion, "word/document.xml"),
    ("_xHHHH_ escapes and a CR in an Excel cell", "xlsx", _escaped_in_a_cell, "xl/worksheets/sheet1.xml"),
    ("Excel workbook embedded in Word", "docx", _excel_in_word,
     "word/embeddings/Microsoft_Excel_Worksheet.xlsx!/xl/worksheets/sheet1.xml"),
    ("Excel workbook in an OLE object in Word", "docx", _excel_in_ole_in_word,
     "word/embeddings/oleObject1.bin!/Package!/xl/worksheets/sheet1.xml"),
    ("Word document embedded in Excel", "xlsx", _word_in_excel,
     "xl/embeddings/Microsoft_Word_Document.docx!/word/document.xml"),
    ("media file name", "docx", _media_name, f"word/media/{SECRET}.png"),
    ("media file name in Shift_JIS", "docx", _shift_jis_name, f"word/media/{SECRET}.png"),
    ("zip comment", "xlsx", _zip_comment, "ZIP のコメント"),
    ("member comment", "docx", _member_comment, "customXml/item9.xml"),
    ("line break inside an Excel cell", "xlsx", _cell_line_break, "xl/worksheets/sheet1.xml"),
]


@pytest.mark.parametrize("case, kind, plant, part", HAND_EDITS, ids=[c[0] for c in HAND_EDITS])
def test_hand_edited_public_file_is_caught(survey, sheets, public_docx, public_xlsx, case, kind, plant, part):
    path = plant(public_docx if kind == "docx" else public_xlsx)
    leaks = check_output(path, sheets, survey)
    assert part in parts(leaks), (case, [(k.part, k.text) for k in leaks])
    assert all(leak.sheet_title == "あ施策" for leak in leaks)


def test_quoted_csv_cell_with_a_line_break_inside_the_passage_is_caught(survey, sheets, tmp_path):
    planted = tmp_path / "planted.csv"
    planted.write_bytes(f'項目,内容\r\nメモ,"{HEAD}{WORD}\r\n{TAIL}"\r\n'.encode("utf-8-sig"))
    assert [leak.part for leak in check_output(planted, sheets, survey)] == ["planted.csv"]


def test_ruby_reading_and_field_instruction_are_read_apart_from_the_paragraph(public_docx):
    """The reader sees 参加予定の業界団体は…: the reading and the link target are not part of that line."""
    from desktop.disclosure.package import read_units

    texts = {u.text for u in read_units(_complex_field(_ruby(public_docx)))}
    assert SECRET in texts                                          # the base text joins the paragraph
    assert "ぎょうかい" in texts                                   # the reading, a unit of its own
    assert 'HYPERLINK"https://example.jp/dantai"' in texts           # the whole instruction, one unit
    assert not any("ぎょうかい" in t and t != "ぎょうかい" for t in texts)
    assert not any("HYPERLINK" in t and "業界" in t for t in texts)


# --- decompression bombs: measured, not guessed (issue 14) ----------------------------------------


def _zeros_member(path: Path, name: str, size: int, *, members: dict | None = None) -> Path:
    """A package whose ``name`` member inflates to ``size`` zero bytes, written in chunks (no big buffer)."""
    chunk = bytes(1 << 20)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for other, data in (members or {}).items():
            z.writestr(other, data)
        with z.open(name, "w", force_zip64=True) as handle:
            for _ in range(size // len(chunk)):
                handle.write(chunk)
    return path


def test_the_apps_own_large_repetitive_export_passes_the_check(repo, survey, tmp_path):
    """A 5 MB repetitive field compresses 300 to 1: the old ratio guess refused the app's own Word file.

    Nothing is marked, so the export's check is the package reader alone (the
    matcher's time on 5 MB is not what this test is about) — the reader that
    used to refuse the file.
    """
    from desktop.app.export import Selection, export_report
    from tests.factories import complete_sheet

    s = complete_sheet(survey)
    s.fields["content"] = "国際標準化の推進に向けた取組を行う。" * (5 * 1024 * 1024 // 54)     # 5 MB of UTF-8
    repo.save_sheets([s])
    target = tmp_path / "公開版.docx"
    result = export_report(repo, "docx", target, selection=Selection(year=2025), include_unaccepted=True)
    assert result.checked and target.is_file()
    with zipfile.ZipFile(target) as z:
        info = z.getinfo("word/document.xml")
    assert info.file_size > 5 * 1024 * 1024 and info.file_size / info.compress_size > 200


def test_a_zip_bomb_is_refused_quickly_without_holding_what_it_expands_to(survey, sheets, tmp_path, monkeypatch):
    import time
    import tracemalloc

    from desktop.disclosure import package

    monkeypatch.setattr(package, "MAX_TOTAL_BYTES", 64 * 1024 * 1024)      # the real one is 512 MiB
    bomb = _zeros_member(tmp_path / "bomb.docx", "word/document.xml", 256 * 1024 * 1024,
                         members={"[Content_Types].xml": "<Types/>"})
    assert bomb.stat().st_size < 1024 * 1024
    tracemalloc.start()
    began = time.perf_counter()
    try:
        with pytest.raises(UnreadablePackage) as refused:
            check_output(bomb, sheets, survey)
        elapsed = time.perf_counter() - began
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    message = str(refused.value)
    assert "展開後の大きさが上限" in message and "word/document.xml" in message and "bomb.docx" in message
    assert peak < 16 * 1024 * 1024          # chunks are counted and dropped, never collected
    assert elapsed < 10


def test_a_bomb_hidden_in_an_embedded_package_counts_against_the_same_budget(survey, sheets, tmp_path,
                                                                           monkeypatch):
    from desktop.disclosure import package

    monkeypatch.setattr(package, "MAX_TOTAL_BYTES", 8 * 1024 * 1024)
    inner = _zeros_member(tmp_path / "inner.xlsx", "xl/sharedStrings.xml", 16 * 1024 * 1024)
    outer = tmp_path / "outer.docx"
    with zipfile.ZipFile(outer, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("word/document.xml", "<w:document/>")
        z.write(inner, "word/embeddings/Microsoft_Excel_Worksheet.xlsx")
    with pytest.raises(UnreadablePackage, match="展開後の大きさ") as refused:
        check_output(outer, sheets, survey)
    assert "word/embeddings/Microsoft_Excel_Worksheet.xlsx!/xl/sharedStrings.xml" in str(refused.value)


def test_packages_nested_too_deep_are_refused(survey, sheets, tmp_path):
    data = SECRET.encode("utf-8")
    for depth in range(6):
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w") as z:
            z.writestr("word/embeddings/x.docx" if depth else "word/document.xml", data)
        data = out.getvalue()
    path = tmp_path / "deep.docx"
    path.write_bytes(data)
    with pytest.raises(UnreadablePackage, match="入れ子"):
        check_output(path, sheets, survey)


def test_a_refusal_while_checking_an_export_names_the_chosen_file(repo, survey, tmp_path, monkeypatch):
    from desktop.app.export import Selection, export_report
    from desktop.disclosure import package
    from desktop.reports.errors import ReportError
    from tests.factories import complete_sheet

    repo.save_sheets([complete_sheet(survey)])
    monkeypatch.setattr(package, "MAX_TOTAL_BYTES", 1000)
    target = tmp_path / "公開版.docx"
    with pytest.raises(ReportError) as refused:
        export_report(repo, "docx", target, selection=Selection(year=2025), include_unaccepted=True)
    message = str(refused.value)
    assert str(target) in message and "展開後の大きさ" in message
    assert ".tmp" not in message and ".partial" not in message
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith("sesaku.db")) == []


def test_a_withheld_amount_is_caught_in_the_form_reports_print_it(survey, tmp_path):
    """Reports print 120000000 as 1億2,000万 and 15000円 as 1万5,000円 (progress.format_figure): the check
    must find a withheld amount in either form, not only as it was typed."""
    from desktop.reports.csv_writer import write_csv
    from desktop.survey.parts import Part
    from desktop.survey.sheet import MarkData

    a = sheet(survey, "予算の施策")
    kpi = a.items[0].kpis[0]
    kpi.unit, kpi.actuals[2025] = "円", "120000000"
    a.marks.append(MarkData(reason="個社の数値", part=Part.actual(kpi.key, 2025), text="120000000"))
    public = write_csv(build_report(survey, [a], "public"), tmp_path / "public.csv")
    assert check_output(public, [a], survey) == []
    planted = tmp_path / "planted.csv"
    planted.write_bytes("項目,内容\r\n予算,1億2,000万円\r\n".encode("cp932"))
    assert len(check_output(planted, [a], survey)) == 1


def test_the_form_line_of_a_withheld_kpi_is_caught(survey, sheets, public_xlsx):
    """A withheld KPI's 調査票の記載 (the form's line it was read from) holds the withheld wording: planted in a
    public file, the check finds it, even though no report prints that attribute."""
    from desktop.survey.parts import Part
    from desktop.survey.sheet import MarkData

    line = "協定先の内諾により令和9年度までに累計100名"
    kpi = sheets[1].items[0].kpis[0]
    kpi.source_text = line
    sheets[1].marks.append(MarkData(reason="公表前の数値", part=Part.kpi(kpi.key), text=kpi.indicator))

    def plant(wb):
        wb.worksheets[0]["Z7"] = line

    leaks = check_output(_plant_xlsx(public_xlsx, plant), sheets, survey)
    assert [(leak.text, leak.sheet_title) for leak in leaks if leak.text == line] == [(line, "い施策")]
