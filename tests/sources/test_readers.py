"""Users' own files: .txt/.md/.docx/.pdf are read into lines; broken ones are refused in Japanese."""

from __future__ import annotations

import hashlib
import io
import re
import zipfile

import docx
import pytest
from pypdf import PdfReader, PdfWriter

from desktop.sources import readers
from desktop.sources.readers import SourceReadError, read_document
from desktop.sources.segment import segment

from tests.sources.conftest import minimal_pdf

JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")


def _refused(path, *fragments: str) -> str:
    with pytest.raises(SourceReadError) as info:
        read_document(path)
    message = str(info.value)
    assert f"「{path.name}」を読み込めません。" in message      # names the file
    assert JAPANESE.search(info.value.reason)
    for fragment in fragments:
        assert fragment in message
    return message


# -- Word ------------------------------------------------------------------------------------

def _word_document() -> bytes:
    d = docx.Document()
    d.add_heading("海賊版対策の強化", level=1)
    d.add_paragraph("正規版の流通を促進し、海外での普及啓発を進める。関係省庁が連携して取り組む。")
    d.add_heading("現状と課題", level=2)
    d.add_paragraph("上位10サイトのアクセス数は依然として高い水準にある", style="List Bullet")
    d.add_paragraph("現地での執行の強化が必要である", style="List Bullet")
    table = d.add_table(rows=2, cols=3)
    for r, row in enumerate(table.rows):
        for c, cell in enumerate(row.cells):
            cell.text = ["入力項目", "入力区分", "記載内容"][c] if r == 0 else ["施策名", "必須", "具体的な名称を記載"][c]
    d.add_paragraph("表の後に続く段落です。ここまでが本文です。")
    buffer = io.BytesIO()
    d.save(buffer)
    return buffer.getvalue()


def test_docx_paragraphs_headings_lists_and_tables_in_order(write_file):
    data = _word_document()
    doc = read_document(write_file("対策.docx", data))
    assert doc.kind == "docx"
    assert doc.title == "海賊版対策の強化"
    assert doc.content_hash == hashlib.sha256(data).hexdigest()
    assert doc.line_pages is None
    lines = [line for line in doc.lines if line]
    assert lines[0] == "# 海賊版対策の強化"
    assert "## 現状と課題" in lines
    assert "- 現地での執行の強化が必要である" in lines
    assert lines.index("入力項目\t入力区分\t記載内容") < lines.index("施策名\t必須\t具体的な名称を記載") \
        < lines.index("表の後に続く段落です。ここまでが本文です。")

    passages = segment(doc.text, pages=doc.line_pages)
    assert passages[0].heading_path == ("海賊版対策の強化",)
    table = next(p for p in passages if "入力項目 | 入力区分 | 記載内容" in p.text)
    assert table.heading_path == ("海賊版対策の強化", "現状と課題")


def test_truncated_docx_is_refused(write_file):
    data = _word_document()
    _refused(write_file("途中まで.docx", data[: len(data) // 2]), "壊れ")


def test_zip_that_is_not_a_word_document_is_refused(write_file):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        zf.writestr("hello.txt", "こんにちは")
    _refused(write_file("偽物.docx", buffer.getvalue()), "Word 文書（.docx）ではありません")


def test_zip_bomb_is_refused_before_it_is_inflated(write_file, monkeypatch):
    monkeypatch.setattr(readers, "MAX_DOCX_UNCOMPRESSED_BYTES", 100_000)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("word/document.xml", b"<w:document/>")
        zf.writestr("word/media/padding.bin", b"\0" * 1_000_000)   # ~1 KB compressed
    assert len(buffer.getvalue()) < 10_000
    _refused(write_file("爆弾.docx", buffer.getvalue()), "展開後の大きさが上限")


# -- PDF ---------------------------------------------------------------------------------------

def test_pdf_text_keeps_its_pages(write_file):
    data = minimal_pdf([
        ["Annual follow-up report", "The measures below were reviewed by each ministry this year."],
        ["Second page: monitoring of the international standards strategy.", "It continues here."],
    ])
    doc = read_document(write_file("report.pdf", data))
    assert (doc.kind, doc.page_count) == ("pdf", 2)
    assert len(doc.line_pages) == len(doc.lines)
    passages = segment(doc.text, pages=doc.line_pages)
    assert [p.page for p in passages] == [1, 2]
    assert "monitoring of the international standards strategy" in passages[1].text
    assert doc.title == "Annual follow-up report"     # no metadata title: the first line


def test_garbage_pdf_is_refused(write_file):
    _refused(write_file("ごみ.pdf", b"%PDF-1.7\n" + bytes(range(256)) * 20), "PDF として開けません")
    _refused(write_file("画像.pdf", b"\x89PNG\r\n\x1a\n" + b"\0" * 64), "PDF ファイルではありません")


def test_pdf_cut_short_is_refused(write_file):
    data = minimal_pdf([["Some text on the first page of the report."]])
    _refused(write_file("途中まで.pdf", data[: len(data) // 2]))


def test_password_protected_pdf_is_refused(write_file):
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(minimal_pdf([["Secret text"]]))))
    writer.encrypt(user_password="secret", owner_password="owner", algorithm="RC4-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    _refused(write_file("保護.pdf", buffer.getvalue()), "パスワード")


def test_pdf_without_text_is_refused(write_file):
    _refused(write_file("画像だけ.pdf", minimal_pdf([[]])), "文字情報がありません")


# -- text ----------------------------------------------------------------------------------------

def test_utf8_with_bom_and_windows_newlines(write_file):
    doc = read_document(write_file("メモ.txt", "\ufeff# 施策メモ\r\n\r\n本文です。\r\n"))
    assert doc.encoding == "utf-8-sig"
    assert doc.lines[:3] == ("# 施策メモ", "", "本文です。")
    assert doc.title == "施策メモ"


def test_shift_jis_text_is_read_as_cp932(write_file):
    doc = read_document(write_file("旧資料.txt", "令和７年度の取組について。①背景\n".encode("cp932")))
    assert doc.encoding == "cp932"
    assert doc.lines[0] == "令和７年度の取組について。①背景"


def test_markdown_is_read_as_text(write_file):
    doc = read_document(write_file("notes.md", "# 見出し\n\n- 項目です\n"))
    assert doc.kind == "markdown"
    assert segment(doc.text)[0].heading_path == ("見出し",)


def test_invalid_utf8_text_is_refused(write_file):
    # Neither UTF-8 nor sensible cp932: 0x80 and 0xFD-0xFF are not Shift_JIS text.
    _refused(write_file("化け.txt", b"abc \x80\xfd\xfe\xff \x81"), "文字コードを判別できません")


def test_binary_renamed_to_txt_is_refused(write_file):
    _refused(write_file("実は画像.txt", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"), "テキストファイルではありません")


@pytest.mark.parametrize("name", ["空.txt", "空.md", "空.docx", "空.pdf"])
def test_empty_file_is_refused(write_file, name):
    _refused(write_file(name, b""), "空のファイル")


def test_whitespace_only_text_is_refused(write_file):
    _refused(write_file("空白.txt", " \n\n\t\n"), "本文の文字がありません")


def test_too_large_file_is_refused_before_reading(write_file, monkeypatch):
    monkeypatch.setattr(readers, "MAX_FILE_BYTES", 1000)
    _refused(write_file("大きい.txt", "あ" * 1000), "大きすぎます")


@pytest.mark.parametrize("name, fragment", [
    ("表.xlsx", "対応していない形式"),
    ("古い.doc", ".docx"),
])
def test_unsupported_formats_are_refused(write_file, name, fragment):
    _refused(write_file(name, b"anything"), fragment)


def test_missing_file_is_refused(tmp_path):
    _refused(tmp_path / "ない.txt", "見つかりません")
