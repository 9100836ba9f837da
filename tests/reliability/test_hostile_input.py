"""Hostile and broken input: the importers refuse it with a Japanese message, or read it, within bounds.

Two kinds of input. Hypothesis mutates real files (a returned survey form, a
Word document, a PDF, text bytes): flipped bytes, cut tails, XML parts
replaced by arbitrary text inside an otherwise valid zip. Hand-made corrupted
files cover what random mutation rarely reaches: a truncated zip, a file of
another type under the wrong extension, XML entity bombs and external
entities, a huge shared-strings table, invalid UTF-8, a 100 MB text file.

Whatever happens, the importer must end in a result or in its own error with
a message for staff (never a parser's exception escaping), and the database
holds exactly what it held before (same counts, same versions).
Example counts are small and fixed (``derandomize``) so CI time stays low
and a failure reproduces.
"""

from __future__ import annotations

import io
import random
import re
import time
import tracemalloc
import zipfile
from pathlib import Path

import docx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from desktop.reports.form import write_form
from desktop.reports.form_import import read_forms
from desktop.reports.form_plan import KpiChoice
from desktop.sources.library import Library
from desktop.sources.readers import SourceReadError, read_document
from desktop.store.database import open_database
from desktop.store.models import Document, Passage, Revision, Sheet
from desktop.store.repository import Repository
from desktop.survey.loader import default_survey
from tests.factories import complete_sheet
from tests.sources.conftest import minimal_pdf

JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")
YEAR = 2025
FUZZ = settings(max_examples=40, deadline=None, derandomize=True, database=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
SECONDS_PER_FILE = 10.0           # a refusal or a read, on a shared CI machine
PEAK_BYTES_100MB_TEXT = 8 * 1024 * 1024   # refusing a 100 MB file must not read it


# --------------------------------------------------------------------------
# The database that must stay unchanged.


class Store:
    """A SQLite database with sheets and a user's document, and what it holds."""

    def __init__(self, folder: Path) -> None:
        self.survey = default_survey()
        self.db = open_database(folder / "sesaku.db", keep_backups=0)
        self.repo = Repository(self.db, self.survey)
        self.library = Library(self.db)
        self.sheets = [self.repo.create_sheet(complete_sheet(self.survey)),
                       self.repo.create_sheet(complete_sheet(self.survey, ministry="経済産業省"))]
        note = folder / "メモ.txt"
        note.write_text("# 海賊版対策\n正規版の流通を促進する。\n", encoding="utf-8")
        self.library.add_document(note)

    def snapshot(self) -> tuple:
        with self.db.sessions() as s:
            counts = tuple(s.scalar(select(func.count()).select_from(m)) for m in (Sheet, Revision, Document, Passage))
            versions = tuple(s.execute(select(Sheet.id, Sheet.version).order_by(Sheet.id)).all())
        return counts, versions

    def import_form(self, path: Path):
        """What the import does: plan, and save only a plan without problems (one transaction); KPIs read
        from text are saved as read (``--kpi accept``)."""
        existing = {s.id: s for s in self.repo.load_sheets()}
        plan = read_forms(self.survey, [path], existing)
        if not plan.problems:
            plan.decide_kpis(KpiChoice.ACCEPT, self.survey)
            self.repo.save_sheets(plan.sheets_to_save(), author="fuzz")
        return plan

    def add_source(self, path: Path):
        return self.library.add_document(path)


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> Store:
    store = Store(tmp_path_factory.mktemp("hostile"))
    yield store
    store.db.close()


@pytest.fixture(scope="module")
def work(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("files")


@pytest.fixture(scope="module")
def good_form(store, work) -> bytes:
    return write_form(store.survey, store.sheets, work / "good.xlsx", ministry=None, year=YEAR).read_bytes()


def _word_bytes() -> bytes:
    d = docx.Document()
    d.add_heading("海賊版対策の強化", level=1)
    d.add_paragraph("正規版の流通を促進し、海外での普及啓発を進める。")
    d.add_paragraph("現地での執行の強化が必要である", style="List Bullet")
    buffer = io.BytesIO()
    d.save(buffer)
    return buffer.getvalue()


GOOD_DOCX = _word_bytes()
GOOD_PDF = minimal_pdf([["Countermeasures against piracy"], ["Second page text"]])
PNG = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
       b"\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82")


# --------------------------------------------------------------------------
# What every attempt must end in.


def _timed(fn, *args):
    start = time.perf_counter()
    try:
        return fn(*args), None
    except SourceReadError as exc:
        return None, exc
    finally:
        elapsed = time.perf_counter() - start
        assert elapsed < SECONDS_PER_FILE, f"took {elapsed:.1f} s"


def form_outcome(store: Store, path: Path) -> str:
    """'refused' with Japanese messages naming the file and the database unchanged, or 'read'."""
    before = store.snapshot()
    plan, _ = _timed(store.import_form, path)
    if plan.problems:
        for problem in plan.problems:
            assert JAPANESE.search(problem.message), problem.message
        assert store.snapshot() == before
        return "refused"
    return "read"


def source_outcome(store: Store, path: Path) -> str:
    before = store.snapshot()
    row, error = _timed(store.add_source, path)
    if error is not None:
        assert f"「{path.name}」を読み込めません。" in str(error)
        assert JAPANESE.search(error.reason), error.reason
        assert store.snapshot() == before
        return "refused"
    assert row.file_name == path.name
    return "read"


def _rezip(data: bytes, replace: dict[str, bytes], *, compression=zipfile.ZIP_DEFLATED) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", compression) as dst:
        for item in src.infolist():
            dst.writestr(item.filename, replace.get(item.filename, src.read(item.filename)))
    return out.getvalue()


SST_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"
SST_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings"


def _with_shared_strings(data: bytes, sst: bytes) -> bytes:
    """The form with a shared-strings part that the workbook really refers to (openpyxl loads it whole)."""
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        types = z.read("[Content_Types].xml")
        rels = z.read("xl/_rels/workbook.xml.rels")
    types = types.replace(b"</Types>", f'<Override PartName="/xl/sharedStrings.xml" ContentType="{SST_TYPE}"/>'
                                       "</Types>".encode())
    rels = rels.replace(b"</Relationships>", f'<Relationship Type="{SST_REL}" Target="sharedStrings.xml" '
                                             'Id="rIdHostile"/></Relationships>'.encode())
    out = io.BytesIO(_rezip(data, {"[Content_Types].xml": types, "xl/_rels/workbook.xml.rels": rels}))
    with zipfile.ZipFile(out, "a", zipfile.ZIP_DEFLATED) as z:
        z.writestr("xl/sharedStrings.xml", sst)
    return out.getvalue()


def _parts(data: bytes) -> list[str]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return sorted(i.filename for i in z.infolist() if i.filename.endswith((".xml", ".rels")))


# --------------------------------------------------------------------------
# Hypothesis: mutated real files.

MUTATIONS = st.lists(st.tuples(st.floats(0, 1, exclude_max=True), st.integers(0, 255)), min_size=1, max_size=12)


def _mutate(data: bytes, flips, cut: float | None) -> bytes:
    out = bytearray(data)
    for where, value in flips:
        out[int(where * len(out))] = value
    if cut is not None:
        out = out[: max(1, int(cut * len(out)))]
    return bytes(out)


@FUZZ
@given(flips=MUTATIONS, cut=st.none() | st.floats(0, 1, exclude_max=True))
def test_mutated_form_bytes(store, work, good_form, flips, cut):
    path = work / "返送.xlsx"
    path.write_bytes(_mutate(good_form, flips, cut))
    form_outcome(store, path)


def _word_sheets_bytes() -> bytes:
    """Last year's sheets as a Word file: what the form import reads from .docx."""
    d = docx.Document()
    d.add_paragraph("令和7年度 施策シート")
    table = d.add_table(rows=0, cols=2)
    for label, value in (("府省庁", "総務省"), ("施策名", "ワードの施策"), ("施策内容", "内容"), ("実施項目・KPI", "件数 5件")):
        cells = table.add_row().cells
        cells[0].text, cells[1].text = label, value
    buffer = io.BytesIO()
    d.save(buffer)
    return buffer.getvalue()


GOOD_WORD_SHEETS = _word_sheets_bytes()


@FUZZ
@given(flips=MUTATIONS, cut=st.none() | st.floats(0, 1, exclude_max=True))
def test_mutated_word_file_of_sheets(store, work, flips, cut):
    path = work / "前年度.docx"
    path.write_bytes(_mutate(GOOD_WORD_SHEETS, flips, cut))
    form_outcome(store, path)


XML_GARBAGE = st.one_of(
    st.binary(max_size=400),
    st.text(max_size=300).map(lambda t: t.encode("utf-8", "surrogatepass")),
    st.text(st.sampled_from(list("<>/=\"' &;abx:!?[]-")), max_size=300).map(str.encode),
)


@FUZZ
@given(data=st.data(), garbage=XML_GARBAGE)
def test_form_with_a_part_replaced_by_garbage(store, work, good_form, data, garbage):
    """A valid zip (CRCs right) whose one XML part is arbitrary: the XML parsers meet it."""
    part = data.draw(st.sampled_from(_parts(good_form)))
    path = work / "返送.xlsx"
    path.write_bytes(_rezip(good_form, {part: garbage}))
    form_outcome(store, path)


@FUZZ
@given(data=st.data(), garbage=XML_GARBAGE)
def test_word_file_of_sheets_with_a_part_replaced_by_garbage(store, work, data, garbage):
    part = data.draw(st.sampled_from(_parts(GOOD_WORD_SHEETS)))
    path = work / "前年度.docx"
    path.write_bytes(_rezip(GOOD_WORD_SHEETS, {part: garbage}))
    form_outcome(store, path)


@pytest.mark.parametrize("name, good", [("資料.docx", GOOD_DOCX), ("資料.pdf", GOOD_PDF)], ids=["docx", "pdf"])
@FUZZ
@given(flips=MUTATIONS, cut=st.none() | st.floats(0, 1, exclude_max=True))
def test_mutated_source_document(store, work, name, good, flips, cut):
    path = work / name
    path.write_bytes(_mutate(good, flips, cut))
    source_outcome(store, path)


@FUZZ
@given(data=st.data(), garbage=XML_GARBAGE)
def test_word_document_with_a_part_replaced_by_garbage(store, work, data, garbage):
    part = data.draw(st.sampled_from(_parts(GOOD_DOCX)))
    path = work / "資料.docx"
    path.write_bytes(_rezip(GOOD_DOCX, {part: garbage}))
    source_outcome(store, path)


@FUZZ
@given(raw=st.binary(min_size=1, max_size=2000))
def test_arbitrary_bytes_as_text(store, work, raw):
    path = work / "資料.txt"
    path.write_bytes(raw)
    source_outcome(store, path)


# --------------------------------------------------------------------------
# Corrupted real files, made by hand.


def test_truncated_zips_are_refused(store, work, good_form):
    for fraction in (0.1, 0.5, 0.9, 0.99):
        form = work / f"途中{int(fraction * 100)}.xlsx"
        form.write_bytes(good_form[: int(len(good_form) * fraction)])
        assert form_outcome(store, form) == "refused"
        word = work / f"途中{int(fraction * 100)}.docx"
        word.write_bytes(GOOD_DOCX[: int(len(GOOD_DOCX) * fraction)])
        assert source_outcome(store, word) == "refused"


@pytest.mark.parametrize("name, content", [
    ("文書を改名.xlsx", GOOD_DOCX),
    ("画像を改名.xlsx", PNG),
    ("PDFを改名.xlsx", GOOD_PDF),
    ("空.xlsx", b""),
])
def test_wrong_content_under_the_xlsx_extension_is_refused(store, work, name, content):
    path = work / name
    path.write_bytes(content)
    assert form_outcome(store, path) == "refused"


@pytest.mark.parametrize("name, content", [
    ("表を改名.docx", "form"),
    ("画像を改名.docx", PNG),
    ("PDFを改名.docx", GOOD_PDF),
    ("画像を改名.pdf", PNG),
    ("文書を改名.pdf", GOOD_DOCX),
    ("画像を改名.txt", PNG),
])
def test_wrong_content_under_a_source_extension_is_refused(store, work, good_form, name, content):
    path = work / name
    path.write_bytes(good_form if content == "form" else content)
    assert source_outcome(store, path) == "refused"


LAUGHS = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">'
          + b"".join(b'<!ENTITY lol%d "%s">' % (i, (b"&lol%d;" % (i - 1) if i > 1 else b"&lol;") * 10)
                     for i in range(1, 10)) + b"]>\n")
EXTERNAL = b'<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE x [<!ENTITY secret SYSTEM "file:///etc/passwd">]>\n'


def _with_doctype(xml: bytes, doctype: bytes, entity: bytes) -> bytes:
    """Put a DOCTYPE before the root element and an entity reference into the first text run."""
    body = xml.split(b"?>", 1)[1] if xml.startswith(b"<?xml") else xml
    return doctype + body.replace(b"<w:t>", b"<w:t>" + entity, 1).replace(b"<t>", b"<t>" + entity, 1)


@pytest.mark.parametrize("doctype, entity", [(LAUGHS, b"&lol9;"), (EXTERNAL, b"&secret;")],
                         ids=["billion-laughs", "external-entity"])
def test_xml_bombs_and_external_entities_are_refused_before_parsing(store, work, good_form, doctype, entity):
    """A DOCTYPE (Word and Excel never write one) refuses the file before any XML parser runs."""
    sst = b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>' + entity + b"</t></si></sst>"
    form = work / "爆弾.xlsx"
    form.write_bytes(_with_shared_strings(good_form, doctype + sst))
    assert "DOCTYPE" in read_forms(store.survey, [form], {}).problems[0].message
    assert form_outcome(store, form) == "refused"

    with zipfile.ZipFile(io.BytesIO(GOOD_DOCX)) as z:
        body = z.read("word/document.xml")
    word = work / "爆弾.docx"
    word.write_bytes(_rezip(GOOD_DOCX, {"word/document.xml": _with_doctype(body, doctype, entity)}))
    with pytest.raises(SourceReadError, match="DOCTYPE"):
        read_document(word)
    with zipfile.ZipFile(io.BytesIO(GOOD_WORD_SHEETS)) as z:
        sheets_body = z.read("word/document.xml")
    sheets = work / "爆弾の前年度.docx"
    sheets.write_bytes(_rezip(GOOD_WORD_SHEETS, {"word/document.xml": _with_doctype(sheets_body, doctype, entity)}))
    assert "DOCTYPE" in read_forms(store.survey, [sheets], {}).problems[0].message
    assert form_outcome(store, sheets) == "refused"
    tracemalloc.start()
    try:
        assert source_outcome(store, word) == "refused"
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 16 * 1024 * 1024
    print(f"entity declarations in a Word document: refused, peak {peak / 1024 / 1024:.1f} MB")


def test_huge_shared_strings_table_is_refused_before_parsing(store, work, good_form):
    """300,000 distinct strings (~15 MB of XML, 4 MB on disk): counted while streaming, refused."""
    rng = random.Random(8)
    alphabet = "海賊版対策の強化正規流通促進普及啓発執行現地関係省庁連携取組"
    strings = ["".join(rng.choice(alphabet) for _ in range(12)) for _ in range(300_000)]
    xml = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
           '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="300000" '
           'uniqueCount="300000">' + "".join(f"<si><t>{s}</t></si>" for s in strings) + "</sst>").encode()
    path = work / "共有文字列.xlsx"
    path.write_bytes(_with_shared_strings(good_form, xml))
    tracemalloc.start()
    start = time.perf_counter()
    try:
        plan = read_forms(store.survey, [path], {})
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    elapsed = time.perf_counter() - start
    assert [p.message for p in plan.problems] == [
        "「共有文字列.xlsx」は文字列の数が多すぎるため読み込めません（上限 100,000 個）。調査票を分けて返送してください。"]
    assert form_outcome(store, path) == "refused"
    assert peak < 16 * 1024 * 1024, f"peak {peak / 1024 / 1024:.0f} MB"
    print(f"huge sharedStrings ({len(xml) / 1024 / 1024:.1f} MB XML): refused in {elapsed:.2f} s, "
          f"peak {peak / 1024 / 1024:.1f} MB")


def test_worksheet_with_more_rows_than_any_form_is_refused(store, work, good_form):
    """100,000 rows (13 MB of XML in a 1.3 MB file): reading stops at the row limit."""
    with zipfile.ZipFile(io.BytesIO(good_form)) as z:
        sheet = z.read("xl/worksheets/sheet1.xml").decode()
    head, _, rest = sheet.partition("<sheetData>")
    body, _, tail = rest.partition("</sheetData>")
    rows = "".join(f'<row r="{r}"><c r="B{r}" t="inlineStr"><is><t>施策{r}</t></is></c></row>'
                   for r in range(100, 100_100))
    path = work / "行が多い.xlsx"
    path.write_bytes(_rezip(good_form, {"xl/worksheets/sheet1.xml": (head + "<sheetData>" + body + rows
                                                                      + "</sheetData>" + tail).encode()}))
    start = time.perf_counter()
    plan = read_forms(store.survey, [path], {})
    elapsed = time.perf_counter() - start
    assert any("行数が多すぎます" in p.message for p in plan.problems)
    assert form_outcome(store, path) == "refused"
    print(f"100,000-row worksheet: refused in {elapsed:.1f} s")


def test_invalid_utf8_text_is_refused(store, work):
    path = work / "壊れた文字.txt"
    path.write_bytes("施策の概要".encode() + b"\xff\xfe\xc3\x28\xa0\xa1" + "続き".encode() * 3 + b"\x80" * 40)
    assert source_outcome(store, path) == "refused"


def test_100_mb_text_file_is_refused_without_reading_it(store, work):
    path = work / "巨大.txt"
    line = ("海賊版対策の強化に関する記述。" * 4 + "\n").encode()
    with path.open("wb") as handle:
        chunk = line * (1024 * 1024 // len(line) + 1)
        while handle.tell() < 100 * 1024 * 1024:
            handle.write(chunk)
    tracemalloc.start()
    start = time.perf_counter()
    try:
        outcome = source_outcome(store, path)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    elapsed = time.perf_counter() - start
    assert outcome == "refused"
    assert peak < PEAK_BYTES_100MB_TEXT, f"peak {peak / 1024 / 1024:.1f} MB"
    assert elapsed < 2.0
    print(f"100 MB text: refused in {elapsed * 1000:.0f} ms, peak {peak / 1024:.0f} KiB")
