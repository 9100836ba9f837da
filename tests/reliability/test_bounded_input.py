"""Small hostile files that would take GBs: refused by the real command, in a process of 1 GiB, with the reason.

Each file is built here and given to ``sesaku-desk`` (import, sources add,
exchange import, survey import) in a subprocess whose address space is
limited to 1 GiB (what is left for the app on a 4 GB office PC with Word,
Excel and a browser open). The command must exit refused (code 1 or 2) in
reasonable time with the Japanese reason on stderr or stdout, never a
MemoryError or a traceback, and the database must hold exactly what it held
before (its SQL dump compared).

Before the limits (desktop/limits.py): a 111 KB form with one cell in column
XFD per row took 2.4 GB and was accepted; a 90 KB Word file whose body
inflates to 60 MB took 1.4 GB and 136 s; a 45 MB text without a line break
took 1.5 GB.
"""

from __future__ import annotations

import io
import random
import resource
import sqlite3
import subprocess
import sys
import time
import zipfile
import zlib
from contextlib import closing
from pathlib import Path

import docx
import pytest

from desktop.limits import LINE_MAX_CHARS, SHEET_MAX_COLUMNS

GIB = 1024 ** 3
SECONDS = 60          # one refusal, on a shared CI machine (they take 1 to 5 s here)
YEAR = 2025


def _limited() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (GIB, GIB))


def run_limited(db: Path, *args: str) -> tuple[int, str, float]:
    """``sesaku-desk --db DB ARGS`` in a process of at most 1 GiB; (exit code, stdout + stderr, seconds)."""
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "desktop", "--db", str(db), *args], capture_output=True,
                          text=True, timeout=SECONDS * 2, preexec_fn=_limited, cwd=Path(__file__).parents[2])
    return done.returncode, done.stdout + done.stderr, time.perf_counter() - start


def run_plain(db: Path, *args: str) -> None:
    """A command that makes a file for a test (in its own process: the test process holds no connection)."""
    done = subprocess.run([sys.executable, "-m", "desktop", "--db", str(db), *args], capture_output=True, text=True,
                          timeout=SECONDS * 2, cwd=Path(__file__).parents[2])
    assert done.returncode == 0, done.stdout + done.stderr


def dump(db: Path) -> list[str]:
    with closing(sqlite3.connect(db)) as connection:
        return list(connection.iterdump())


def assert_refused(db: Path, *args: str, says: str | list[str]) -> str:
    before = dump(db)
    code, output, elapsed = run_limited(db, *args)
    assert code in (1, 2), f"exit {code}: {output[-2000:]}"
    assert "Traceback" not in output and "MemoryError" not in output, output[-2000:]
    for text in [says] if isinstance(says, str) else says:
        assert text in output, output[-2000:]
    assert elapsed < SECONDS, f"took {elapsed:.0f} s"
    assert dump(db) == before
    print(f"{args[0]} {Path(args[-1]).name}: refused in {elapsed:.1f} s")
    return output


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("bounded") / "sesaku.db"
    run_plain(path, "demo")
    return path


@pytest.fixture(scope="module")
def work(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("files")


@pytest.fixture(scope="module")
def form(db, work) -> bytes:
    path = work / "調査票.xlsx"
    run_plain(db, "template", "--year", str(YEAR), "--out", str(path))
    return path.read_bytes()


def _rezip(data: bytes, replace: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            dst.writestr(item.filename, replace.get(item.filename, src.read(item.filename)))
    return out.getvalue()


def _part(data: bytes, name: str) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return z.read(name)


def _with_rows(data: bytes, part: str, rows: str) -> bytes:
    """The workbook with ``rows`` (XML) added at the end of a worksheet's data."""
    sheet = _part(data, part).decode()
    if "</sheetData>" in sheet:
        sheet = sheet.replace("</sheetData>", rows + "</sheetData>")
    else:
        sheet = sheet.replace("<sheetData/>", "<sheetData>" + rows + "</sheetData>")
    return _rezip(data, {part: sheet.encode()})


def _xfd_rows(first: int, count: int) -> str:
    return "".join(f'<row r="{r}"><c r="XFD{r}" t="inlineStr"><is><t>x</t></is></c></row>'
                   for r in range(first, first + count))


def _padded(data: bytes, part: str, megabytes: int) -> bytes:
    """A worksheet grown by whitespace inside its root element: valid XML that inflates ~1000 times."""
    sheet = _part(data, part)
    close = sheet.rindex(b"</")
    return _rezip(data, {part: sheet[:close] + b" " * (megabytes * 1024 * 1024) + sheet[close:]})


# --------------------------------------------------------------------------
# The returned form (sesaku-desk import).


def test_form_with_a_cell_in_column_xfd_on_every_row_is_refused(db, work, form):
    path = work / "XFD列.xlsx"
    path.write_bytes(_with_rows(form, "xl/worksheets/sheet1.xml", _xfd_rows(10, 10_000)))
    assert path.stat().st_size < 200_000
    assert_refused(db, "import", "--kpi", "accept", str(path),
                   says=["「XFD列.xlsx」のシート「一覧」は列が XFD まで使われています",
                         f"調査票の列数の上限 {SHEET_MAX_COLUMNS} 列"])


def test_form_with_cells_without_references_past_the_column_limit_is_refused(db, work, form):
    """Cells without ``r`` count on from the last one (openpyxl does the same)."""
    path = work / "参照なし.xlsx"
    path.write_bytes(_with_rows(form, "xl/worksheets/sheet2.xml",
                                "".join(f'<row r="{r}">' + "<c/>" * 16_000 + "</row>" for r in range(10, 60))))
    assert_refused(db, "import", str(path), says="のシート「KPI」は列が")


def test_form_whose_worksheet_inflates_past_the_part_limit_is_refused(db, work, form):
    path = work / "爆弾.xlsx"
    path.write_bytes(_padded(form, "xl/worksheets/sheet1.xml", 120))
    assert path.stat().st_size < 1_000_000
    assert_refused(db, "import", str(path),
                   says="「爆弾.xlsx」の部品「xl/worksheets/sheet1.xml」の展開後の大きさが上限 100 MB を超えています")


def test_form_whose_zip_directory_understates_a_part_is_refused(db, work, form):
    """The sizes in the zip's directory are what the file says: a part that inflates to more is refused."""
    good = _padded(form, "xl/worksheets/sheet1.xml", 2)
    data = bytearray(good)
    with zipfile.ZipFile(io.BytesIO(good)) as z:
        info = z.getinfo("xl/worksheets/sheet1.xml")
    real = info.file_size.to_bytes(4, "little")
    for at in [i for i in range(len(data)) if data[i:i + 4] == real]:   # local header and central directory
        data[at:at + 4] = (1000).to_bytes(4, "little")
    path = work / "偽りの大きさ.xlsx"
    path.write_bytes(bytes(data))
    assert_refused(db, "import", str(path), says="「偽りの大きさ.xlsx」は壊れているため読み込めません")


def test_form_with_a_huge_shared_strings_table_is_refused(db, work, form):
    rng = random.Random(3)
    alphabet = "海賊版対策の強化正規流通促進普及啓発執行現地関係省庁連携取組"
    sst = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
           '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
           + "".join(f"<si><t>{''.join(rng.choice(alphabet) for _ in range(12))}</t></si>" for _ in range(300_000))
           + "</sst>").encode()
    types = _part(form, "[Content_Types].xml").replace(
        b"</Types>", b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-'
                     b'officedocument.spreadsheetml.sharedStrings+xml"/></Types>')
    rels = _part(form, "xl/_rels/workbook.xml.rels").replace(
        b"</Relationships>", b'<Relationship Type="http://schemas.openxmlformats.org/officeDocument/2006/'
                             b'relationships/sharedStrings" Target="sharedStrings.xml" Id="rIdX"/></Relationships>')
    out = io.BytesIO(_rezip(form, {"[Content_Types].xml": types, "xl/_rels/workbook.xml.rels": rels}))
    with zipfile.ZipFile(out, "a", zipfile.ZIP_DEFLATED) as z:
        z.writestr("xl/sharedStrings.xml", sst)
    path = work / "共有文字列.xlsx"
    path.write_bytes(out.getvalue())
    assert_refused(db, "import", str(path), says="文字列の数が多すぎるため読み込めません（上限 100,000 個）")


def _inflating_docx(megabytes: int, paragraph: str) -> bytes:
    """A real Word file whose body holds ``megabytes`` MB of the same paragraph (~100 KB on disk)."""
    d = docx.Document()
    d.add_paragraph(paragraph)
    buffer = io.BytesIO()
    d.save(buffer)
    data = buffer.getvalue()
    body = _part(data, "word/document.xml")
    p = f"<w:p><w:r><w:t>{paragraph}</w:t></w:r></w:p>".encode()
    at = body.index(b"<w:body>") + len(b"<w:body>")
    return _rezip(data, {"word/document.xml": body[:at] + p * (megabytes * 1024 * 1024 // len(p)) + body[at:]})


INFLATING_DOCX = _inflating_docx(60, "施策名：海賊版対策の強化に関する普及啓発の推進")


def test_word_file_of_sheets_whose_body_inflates_to_60_mb_is_refused(db, work):
    path = work / "前年度.docx"
    path.write_bytes(INFLATING_DOCX)
    assert path.stat().st_size < 300_000
    assert_refused(db, "import", str(path),
                   says="「前年度.docx」の部品「word/document.xml」の展開後の大きさが上限 30 MB を超えています")


# --------------------------------------------------------------------------
# Source documents (sesaku-desk sources add).


def test_source_word_file_whose_body_inflates_to_60_mb_is_refused(db, work):
    path = work / "資料.docx"
    path.write_bytes(INFLATING_DOCX)
    assert_refused(db, "sources", "add", str(path),
                   says="「資料.docx」を読み込めません。部品「word/document.xml」の展開後の大きさが上限 30 MB を超えています")


def test_45_mb_text_without_a_line_break_is_refused(db, work):
    path = work / "一行.txt"
    chunk = ("海賊版対策の強化に関する記述。" * 1000).encode()
    with path.open("wb") as handle:
        while handle.tell() < 45 * 1024 * 1024:
            handle.write(chunk)
    output = assert_refused(db, "sources", "add", str(path), says=f"1 行が上限の {LINE_MAX_CHARS:,} 文字を超えています")
    assert "1 行目" in output


def test_text_of_millions_of_empty_lines_is_refused(db, work):
    path = work / "改行だけ.txt"
    path.write_bytes("施策".encode() + b"\n" * (3 * 1024 * 1024))
    assert_refused(db, "sources", "add", str(path), says="行数が上限の")


def test_word_file_with_one_paragraph_longer_than_a_line_may_be_is_refused(db, work):
    d = docx.Document()
    d.add_paragraph("施策" * (LINE_MAX_CHARS // 2 + 10))
    path = work / "長い段落.docx"
    d.save(path)
    assert_refused(db, "sources", "add", str(path), says="1 行が上限の")


def _pdf_bomb(megabytes: int) -> bytes:
    """A one-page PDF whose content stream inflates to ``megabytes`` MB of text instructions (~200 KB on disk;
    pypdf took 12 s and 400 MB for 60 MB, and each further page may point to the same stream)."""
    line = b"(Countermeasures against piracy) Tj T*\n"
    stream = zlib.compress(b"BT /F1 12 Tf 14 TL 72 720 Td\n" + line * (megabytes * 1024 * 1024 // len(line)) + b"ET", 9)
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [5 0 R] /Count 1 >>",
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
               b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> "
               b"/Contents 4 0 R >>"]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def test_pdf_whose_page_inflates_to_60_mb_is_refused(db, work):
    path = work / "爆弾.pdf"
    path.write_bytes(_pdf_bomb(60))
    assert path.stat().st_size < 400_000
    assert_refused(db, "sources", "add", str(path), says="1 ページ目の内容の展開後の大きさが上限 4 MB を超えています")


# --------------------------------------------------------------------------
# Exchange files and the survey definition workbook.


def test_exchange_file_that_inflates_is_refused(db, work):
    path = work / "提出.xlsx"
    run_plain(db, "exchange", "export", "--ministry", "総務省", "--year", str(YEAR), "--out", str(path))
    data = path.read_bytes()
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        sheets = [n for n in z.namelist() if n.startswith("xl/worksheets/sheet")]
    bomb = work / "提出の爆弾.xlsx"
    bomb.write_bytes(_padded(data, sheets[-1], 120))
    assert_refused(db, "exchange", "import", str(bomb), says="の展開後の大きさが上限 100 MB を超えています")
    wide = work / "提出のXFD列.xlsx"
    wide.write_bytes(_with_rows(data, "xl/worksheets/sheet1.xml", _xfd_rows(100, 5_000)))
    assert_refused(db, "exchange", "import", str(wide), says="列が XFD まで使われています")


def test_definition_workbook_with_cells_in_column_xfd_is_refused(db, work):
    path = work / "定義.xlsx"
    run_plain(db, "survey", "export", str(path))
    wide = work / "定義のXFD列.xlsx"
    wide.write_bytes(_with_rows(path.read_bytes(), "xl/worksheets/sheet1.xml", _xfd_rows(500, 10_000)))
    assert_refused(db, "survey", "import", str(wide), says="列が XFD まで使われています")
