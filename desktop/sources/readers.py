"""Reading a user's source file into plain lines the segmenter understands.

Every format comes out in the shape of the seed extractions: lines of text,
blank lines between paragraphs, ``#`` headings where the file marks headings
(Word heading styles), tab-separated table rows, and for PDFs the page of
every line so a passage can be cited by page.

Files come from anywhere (mail attachments, shared drives), so reading is
defensive: a size cap before anything is parsed, a check of a .docx's parts
by inflating them with a limit (zip bombs), limits on the length of a line,
the number of lines and the text of a document (desktop.limits), and every failure turned into
:class:`SourceReadError` whose message names the file and the reason in
Japanese. A file that cannot be read adds nothing to the library.

Text files: UTF-8 (with or without BOM) and UTF-16 with BOM are read as is.
Files that are not valid UTF-8 are tried as cp932 (Shift_JIS as Windows
writes it), because ministry staff still receive such files; the cp932
result is only accepted if it contains no control or private-use characters,
which is what binary or otherwise mis-decoded data produces.
"""

from __future__ import annotations

import codecs
import hashlib
import io
import re
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

from desktop import limits
from desktop.limits import megabytes
from desktop.sources.text import clean_line, close_layout_spaces
from desktop.zipcheck import InflateLimit, first_doctype_part, measure_inflated

MAX_FILE_BYTES = limits.FILE_MAX_BYTES
#: Total uncompressed size a .docx may hold; Word files with many images
#: stay far below this, a zip bomb does not.
MAX_DOCX_UNCOMPRESSED_BYTES = limits.UNCOMPRESSED_MAX_BYTES
MAX_DOCX_ENTRIES = limits.DOCX_MAX_ENTRIES
MAX_PDF_PAGES = limits.PDF_MAX_PAGES
TITLE_MAX_CHARS = 80

TEXT_SUFFIXES = {".txt": "text", ".text": "text", ".md": "markdown", ".markdown": "markdown"}
SUPPORTED_SUFFIXES = (*TEXT_SUFFIXES, ".docx", ".pdf")

_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f\ufffe\uffff]")
_SUSPICIOUS_RE = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ue000-\uf8ff\ufffd]")


class SourceReadError(Exception):
    """A source file that cannot be added; ``str()`` is the message for staff."""

    def __init__(self, path: Path | str, reason: str) -> None:
        self.path = Path(path)
        self.reason = reason
        super().__init__(f"「{self.path.name}」を読み込めません。{reason}")


@dataclass(frozen=True)
class DocumentText:
    path: Path
    kind: str                         # text, markdown, docx, pdf
    lines: tuple[str, ...]
    line_pages: tuple[int, ...] | None  # page of each line (PDF), else None
    content_hash: str                 # sha256 of the file's bytes, hex
    title: str                        # suggested title
    encoding: str = ""                # text files: utf-8, utf-8-sig, utf-16, cp932
    page_count: int | None = None

    @property
    def text(self) -> str:
        return "\n".join(self.lines)

    @property
    def file_name(self) -> str:
        return self.path.name


# -- entry point ------------------------------------------------------------------

def read_document(path: Path | str) -> DocumentText:
    """Read a .txt, .md, .docx or .pdf file; raise SourceReadError if it cannot be used."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".doc":
        raise SourceReadError(path, "古い形式の Word 文書（.doc）には対応していません。"
                                    "Word で「.docx」形式で保存し直してから追加してください。")
    if suffix not in SUPPORTED_SUFFIXES:
        raise SourceReadError(path, "対応していない形式です（追加できるのは .txt、.md、.docx、.pdf です）。")
    data = _read_bytes(path)
    digest = hashlib.sha256(data).hexdigest()
    if suffix in TEXT_SUFFIXES:
        lines, encoding = _text_lines(path, data)
        doc = DocumentText(path, TEXT_SUFFIXES[suffix], lines, None, digest, "", encoding)
    elif suffix == ".docx":
        lines, title = _docx_lines(path, data)
        doc = DocumentText(path, "docx", lines, None, digest, title)
    else:
        lines, pages, title, count = _pdf_lines(path, data)
        doc = DocumentText(path, "pdf", lines, pages, digest, title, page_count=count)
    _check_lines(path, doc.lines)
    if not any(clean_line(line) for line in doc.lines):
        reason = ("文字情報がありません（画像だけのPDFの可能性があります。OCR処理したPDFを使ってください）。"
                  if doc.kind == "pdf" else "本文の文字がありません（空のファイルです）。")
        raise SourceReadError(path, reason)
    title = doc.title or _first_line_title(doc.lines) or path.stem
    return DocumentText(doc.path, doc.kind, doc.lines, doc.line_pages, doc.content_hash,
                        title[:TITLE_MAX_CHARS], doc.encoding, doc.page_count)


def _read_bytes(path: Path) -> bytes:
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise SourceReadError(path, "ファイルが見つかりません。") from None
    except OSError as exc:
        raise SourceReadError(path, f"ファイルの情報を取得できません（{exc.strerror or exc}）。") from None
    if path.is_dir():
        raise SourceReadError(path, "フォルダーは追加できません。ファイルを選んでください。")
    if size == 0:
        raise SourceReadError(path, "空のファイルです。")
    if size > MAX_FILE_BYTES:
        raise SourceReadError(path, f"ファイルが大きすぎます（{size / 1024 / 1024:.1f} MB。"
                                    f"上限は {MAX_FILE_BYTES // 1024 // 1024} MB です）。")
    try:
        return path.read_bytes()
    except PermissionError:
        raise SourceReadError(path, "ファイルを読み取る権限がありません。") from None
    except OSError as exc:
        raise SourceReadError(path, f"ファイルを読み取れません（{exc.strerror or exc}）。") from None


def _long_line(path: Path, number: int, length: int) -> SourceReadError:
    return SourceReadError(path, f"1 行が上限の {limits.LINE_MAX_CHARS:,} 文字を超えています（{number:,} 行目、"
                                 f"{length:,} 文字）。段落ごとに改行を入れて保存し直してください。")


def _check_lines(path: Path, lines: tuple[str, ...]) -> None:
    """Refuse a document whose lines or text are beyond what a real one holds: the segmenter and the
    search index work on lines, and one line of millions of characters took GBs."""
    total = 0
    for number, line in enumerate(lines, start=1):
        if len(line) > limits.LINE_MAX_CHARS:
            raise _long_line(path, number, len(line))
        total += len(line)
    if total > limits.TEXT_MAX_CHARS:
        raise _too_much_text(path)


def _too_much_text(path: Path) -> SourceReadError:
    return SourceReadError(path, f"文字数が上限の {limits.TEXT_MAX_CHARS:,} 文字を超えています。"
                                 "文書を分けて追加してください。")


def _check_text(path: Path, text: str) -> None:
    """The same limits on a decoded text before it is split: found with str.find, nothing copied."""
    if len(text) > limits.TEXT_MAX_CHARS:
        raise _too_much_text(path)
    separator = "\n" if "\n" in text else "\r"
    if text.count(separator) > limits.TEXT_MAX_LINES:
        raise SourceReadError(path, f"行数が上限の {limits.TEXT_MAX_LINES:,} 行を超えています。"
                                    "文書を分けて追加してください。")
    start, number = 0, 1
    while True:
        end = text.find(separator, start)
        stop = len(text) if end < 0 else end
        if stop - start > limits.LINE_MAX_CHARS:
            raise _long_line(path, number, stop - start)
        if end < 0:
            return
        start, number = end + 1, number + 1


def _split_lines(text: str) -> tuple[str, ...]:
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n")
    text = _CONTROL_RE.sub("", text)
    return tuple(line.rstrip() for line in text.split("\n"))


def _first_line_title(lines: tuple[str, ...]) -> str:
    for line in lines:
        text = clean_line(line)
        if text:
            return text
    return ""


# -- text and markdown -------------------------------------------------------------

def _text_lines(path: Path, data: bytes) -> tuple[tuple[str, ...], str]:
    text, encoding = _decode_text(path, data)
    _check_text(path, text)
    lines = _split_lines(text)
    return lines, encoding


def _decode_text(path: Path, data: bytes) -> tuple[str, str]:
    if data.startswith(codecs.BOM_UTF8):
        try:
            return data[len(codecs.BOM_UTF8):].decode("utf-8"), "utf-8-sig"
        except UnicodeDecodeError:
            raise SourceReadError(path, "UTF-8 の印（BOM）がありますが、中身が UTF-8 として正しくありません"
                                        "（ファイルが壊れている可能性があります）。") from None
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            raise SourceReadError(path, "UTF-16 のテキストとして正しくありません（ファイルが壊れている可能性があります）。") from None
    if b"\x00" in data:
        raise SourceReadError(path, "テキストファイルではありません（バイナリデータが含まれています）。")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp932")
    except UnicodeDecodeError:
        text = None
    if text is not None and not _SUSPICIOUS_RE.search(text):
        return text, "cp932"
    raise SourceReadError(path, "文字コードを判別できません。UTF-8 または Shift_JIS のテキストとして"
                                "保存し直してください（テキスト以外のファイルの可能性もあります）。")


# -- Word ---------------------------------------------------------------------------

_HEADING_STYLE_RE = re.compile(r"^(?:heading|見出し)\s*([1-9])$", re.IGNORECASE)
_TITLE_STYLES = {"title", "表題", "タイトル"}


def _check_zip(path: Path, data: bytes) -> None:
    """Refuse damaged zips and zip bombs before python-docx inflates anything."""
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise SourceReadError(path, "Word 文書（.docx）として開けません。ファイルが壊れているか、"
                                    "途中までしか保存されていない可能性があります。")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            infos = zf.infolist()
            names = {info.filename for info in infos}
            doctype = first_doctype_part(zf) if len(infos) <= MAX_DOCX_ENTRIES else None
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError, zlib.error):
        raise SourceReadError(path, "Word 文書（.docx）として開けません。ファイルが壊れています。") from None
    if doctype is not None:
        raise SourceReadError(path, "Word 文書には使われない XML 宣言（DOCTYPE）を含むため、安全のため読み込みません。")
    if len(infos) > MAX_DOCX_ENTRIES:
        raise SourceReadError(path, f"文書内の部品が多すぎます（{len(infos)} 個）。安全のため読み込みを中止しました。")
    declared = sum(info.file_size for info in infos)
    if declared > MAX_DOCX_UNCOMPRESSED_BYTES:
        raise _inflates(path, None, MAX_DOCX_UNCOMPRESSED_BYTES)
    if "word/document.xml" not in names:
        raise SourceReadError(path, "Word 文書（.docx）ではありません（本文の部品 word/document.xml がありません）。")
    if any(info.flag_bits & 0x1 for info in infos):
        raise SourceReadError(path, "暗号化されているため読み込めません。暗号化を解除した .docx を使ってください。")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            measure_inflated(zf, total_limit=MAX_DOCX_UNCOMPRESSED_BYTES, part_limit=_docx_part_limit)
    except InflateLimit as exc:
        raise _inflates(path, exc.part, exc.limit) from None
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError, zlib.error):
        raise SourceReadError(path, "Word 文書（.docx）として開けません。ファイルが壊れています。") from None


def _docx_part_limit(part: str) -> int | None:
    """XML parts are parsed whole by python-docx (~25 times their size in memory); images are not parsed."""
    return limits.DOCX_PART_MAX_BYTES if part.lower().endswith((".xml", ".rels")) else None


def _inflates(path: Path, part: str | None, limit: int) -> SourceReadError:
    what = "ファイル" if part is None else f"部品「{part}」"
    return SourceReadError(path, f"{what}の展開後の大きさが上限 {megabytes(limit)} を超えています。"
                                 "安全のため読み込みを中止しました。")


def _docx_lines(path: Path, data: bytes) -> tuple[tuple[str, ...], str]:
    _check_zip(path, data)
    import docx  # python-docx; imported here so text-only use does not load lxml
    from docx.oxml.ns import qn
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises many types for damaged parts
        raise SourceReadError(path, f"Word 文書（.docx）の内容を読み取れません。ファイルが壊れている可能性があります（{type(exc).__name__}）。") from None

    out: list[str] = []
    title = ""

    def blank() -> None:
        if out and out[-1] != "":
            out.append("")

    def emit_paragraph(paragraph: Paragraph) -> None:
        nonlocal title
        text = paragraph.text.replace("\t", " ")
        text = _CONTROL_RE.sub("", text)
        lines = [line.rstrip() for line in text.replace("\r", "\n").split("\n")]
        if not any(line.strip() for line in lines):
            blank()
            return
        level = _heading_level(paragraph)
        if level:
            blank()
            heading = " ".join(line.strip() for line in lines if line.strip())
            out.append("#" * level + " " + heading)
            out.append("")
            title = title or heading
            return
        if _is_list_item(paragraph):
            if out and out[-1] != "" and not out[-1].startswith("- "):
                blank()
            out.append("- " + lines[0].strip())
            out.extend("  " + line.strip() for line in lines[1:] if line.strip())
            return
        if out and out[-1].startswith("- "):
            blank()
        out.extend(lines)
        out.append("")

    def emit_table(table: Table) -> None:
        blank()
        for row in table.rows:
            cells, last = [], None
            for cell in row.cells:
                if cell._tc is last:   # a merged cell repeats; keep it once
                    continue
                last = cell._tc
                cells.append(_CONTROL_RE.sub("", " ".join(cell.text.split())))
            if any(cells):
                out.append("\t".join(cells) if len(cells) > 1 else cells[0])
        blank()

    def walk(parent) -> None:
        for child in parent.iterchildren():
            if child.tag == qn("w:p"):
                emit_paragraph(Paragraph(child, document))
            elif child.tag == qn("w:tbl"):
                emit_table(Table(child, document))
            elif child.tag == qn("w:sdt"):   # content controls wrap ordinary body content
                content = child.find(qn("w:sdtContent"))
                if content is not None:
                    walk(content)

    try:
        walk(document.element.body)
        core_title = (document.core_properties.title or "").strip()
    except Exception as exc:
        raise SourceReadError(path, f"Word 文書（.docx）の本文を読み取れません（{type(exc).__name__}）。") from None
    while out and out[-1] == "":
        out.pop()
    return tuple(out), core_title or title


def _heading_level(paragraph) -> int:
    style = paragraph.style
    name = (style.name or "").strip() if style is not None else ""
    if name.lower() in _TITLE_STYLES:
        return 1
    m = _HEADING_STYLE_RE.match(name)
    if m:
        return int(m.group(1))
    ppr = paragraph._p.pPr
    if ppr is not None:
        from docx.oxml.ns import qn
        outline = ppr.find(qn("w:outlineLvl"))
        if outline is not None:
            try:
                value = int(outline.get(qn("w:val")))
            except (TypeError, ValueError):
                return 0
            return value + 1 if 0 <= value < 6 else 0
    return 0


def _is_list_item(paragraph) -> bool:
    ppr = paragraph._p.pPr
    if ppr is not None and ppr.numPr is not None:
        return True
    style = paragraph.style
    name = (style.name or "").lower() if style is not None else ""
    return name.startswith("list") or name.startswith("箇条書き")


# -- PDF -----------------------------------------------------------------------------

def _pdf_lines(path: Path, data: bytes) -> tuple[tuple[str, ...], tuple[int, ...], str, int]:
    if not data.lstrip()[:5].startswith(b"%PDF"):
        raise SourceReadError(path, "PDF ファイルではありません（ファイルの先頭が PDF の形式になっていません）。")
    from pypdf import PdfReader
    from pypdf.errors import DependencyError

    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            try:
                unlocked = reader.decrypt("")
            except DependencyError:
                raise SourceReadError(path, "暗号化された PDF で、この暗号方式には対応していません。"
                                            "暗号化を解除した PDF を使ってください。") from None
            if not unlocked:
                raise SourceReadError(path, "パスワードで保護された PDF です。保護を解除した PDF を使ってください。")
        count = len(reader.pages)
    except SourceReadError:
        raise
    except Exception as exc:  # pypdf raises PdfReadError, ValueError, KeyError… on damaged files
        raise SourceReadError(path, f"PDF として開けません。ファイルが壊れている可能性があります（{type(exc).__name__}）。") from None
    if count == 0:
        raise SourceReadError(path, "PDF にページがありません。")
    if count > MAX_PDF_PAGES:
        raise SourceReadError(path, f"ページ数が多すぎます（{count} ページ。上限は {MAX_PDF_PAGES} ページです）。")

    lines: list[str] = []
    pages: list[int] = []
    extracted = drawn = 0
    for number, page in enumerate(reader.pages, start=1):
        try:
            content = page.get_contents()
            inflated = len(content.get_data()) if content is not None else 0
        except Exception as exc:
            raise SourceReadError(path, f"{number} ページ目の内容を読み取れません（{type(exc).__name__}）。") from None
        if inflated > limits.PDF_PAGE_CONTENT_MAX_BYTES:
            raise SourceReadError(path, f"{number} ページ目の内容の展開後の大きさが上限 "
                                        f"{megabytes(limits.PDF_PAGE_CONTENT_MAX_BYTES)} を超えています。"
                                        "安全のため読み込みを中止しました。")
        drawn += inflated
        if drawn > limits.PDF_CONTENT_MAX_BYTES:
            raise SourceReadError(path, f"ページの内容の展開後の大きさが {number} ページ目までで上限 "
                                        f"{megabytes(limits.PDF_CONTENT_MAX_BYTES)} を超えています。"
                                        "文書を分けて追加してください。")
        try:
            text = page.extract_text() or ""
        except Exception as exc:
            raise SourceReadError(path, f"{number} ページ目の文字を取り出せません（{type(exc).__name__}）。") from None
        extracted += len(text)
        if extracted > limits.TEXT_MAX_CHARS:
            raise _too_much_text(path)
        page_lines = [close_layout_spaces(line) for line in _split_lines(text)]
        while page_lines and not page_lines[-1].strip():
            page_lines.pop()
        if lines and page_lines:
            lines.append("")          # a page break ends a paragraph, so passages keep one page
            pages.append(pages[-1])
        lines.extend(page_lines)
        pages.extend([number] * len(page_lines))

    title = ""
    try:
        meta = reader.metadata
        raw_title = (meta.title if meta else "") or ""
        if raw_title.strip() and not raw_title.lower().startswith(("microsoft word", "untitled")):
            title = " ".join(raw_title.split())
    except Exception:
        title = ""   # metadata is optional; a damaged info dictionary is not worth refusing the file
    return tuple(lines), tuple(pages), title, count
