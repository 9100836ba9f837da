"""Refusing a returned form that is not a sane .xlsx (or .docx), before any XML of it is parsed.

Returned forms, exchange files and definition workbooks come from outside. A
damaged or hostile file must end in a clear message, never in a parser
running out of memory: the size on disk, the number of zip entries, every
part's real inflated size (inflated with a limit: the zip directory says
what the file claims), the compression ratio, DOCTYPE declarations (entity
expansion, from the first bytes of each XML part), the number of shared
strings, and each worksheet's last column, last filled row and number of
cells (openpyxl pads every row to its last cell) are checked while
streaming. The limits are in desktop.limits. openpyxl then parses
worksheets through defusedxml and other parts with entity resolution off.
"""

from __future__ import annotations

import re
import zipfile
import zlib
from pathlib import Path, PurePosixPath

from desktop import limits
from desktop.limits import megabytes
from desktop.reports.errors import ReportError
from desktop.zipcheck import InflateLimit, first_doctype_part, measure_inflated

MAX_FILE_BYTES = limits.FILE_MAX_BYTES
MAX_ENTRIES = limits.XLSX_MAX_ENTRIES
MAX_UNCOMPRESSED = limits.UNCOMPRESSED_MAX_BYTES
MAX_RATIO = limits.MAX_RATIO
MAX_SHARED_STRINGS = limits.MAX_SHARED_STRINGS   # openpyxl holds all of them in memory (300,000 took 6.5 s, 225 MB)
_SHARED_STRING_END = re.compile(rb"</(?:[A-Za-z_][\w.-]*:)?si>")
# r first (as Excel and openpyxl write it) is read by the pattern itself; elsewhere, by _reference
_ROW_OR_CELL = re.compile(rb"""<(?:[A-Za-z_][\w.-]*:)?(row|c)(?=[\s/>])(?:\s+r="([A-Za-z]{0,4})(\d{0,8})")?([^>]*)>""")
_REF = re.compile(rb"""(?:^|\s)r\s*=\s*["']([A-Za-z]{0,4})(\d{0,8})["']""")
_SHEET = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?sheet\s[^>]*>")
_RELATIONSHIP = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?Relationship\s[^>]*>")


def check_file(path: Path) -> None:
    """Refuse what is not a sane .xlsx (or .docx: last year's sheets as a Word file) before any XML is parsed."""
    name = path.name
    suffix = path.suffix.lower()
    if suffix == ".doc":
        raise ReportError(f"「{name}」は古い Word 形式（.doc）です。Word で .docx 形式で保存し直してください。")
    word = suffix == ".docx"
    if suffix == ".xls":
        raise ReportError(f"「{name}」は古い Excel 形式（.xls）です。Excel で .xlsx 形式で保存し直してください。")
    if suffix == ".xlsm":
        raise ReportError(f"「{name}」はマクロ付きブック（.xlsm）です。マクロなしの .xlsx 形式で保存し直してください。")
    if suffix not in (".xlsx", ".docx"):
        raise ReportError(f"「{name}」は Excel ブック（.xlsx）ではありません"
                          "（前年度のシートを Word 文書（.docx）にしたものも取り込めます）。")
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise ReportError(f"「{name}」を読み込めません（{exc.strerror or exc}）。") from None
    if size > MAX_FILE_BYTES:
        raise ReportError(f"「{name}」は大きすぎます（{size / 1024 / 1024:.0f}MB、上限 {MAX_FILE_BYTES // 1024 // 1024}MB）。")
    if not zipfile.is_zipfile(path):
        raise ReportError(f"「{name}」は壊れているか、パスワードで保護されているため読み込めません。"
                          f"パスワードを解除した {suffix} ファイルを指定してください。")
    try:
        with zipfile.ZipFile(path) as archive:
            entries = archive.infolist()
            if len(entries) > MAX_ENTRIES:
                raise ReportError(f"「{name}」は内部のファイル数が多すぎるため読み込めません（{len(entries)}個）。")
            total = sum(e.file_size for e in entries)
            if total > MAX_UNCOMPRESSED:
                raise ReportError(_too_large(name, None, MAX_UNCOMPRESSED))
            for e in entries:
                if e.flag_bits & 0x1:
                    raise ReportError(f"「{name}」は暗号化されているため読み込めません。")
            names = {e.filename for e in entries}
            main_part = "word/document.xml" if word else "xl/workbook.xml"
            if "[Content_Types].xml" not in names or main_part not in names:
                what = "Word 文書" if word else "Excel ブック"
                raise ReportError(f"「{name}」は{what}の構成になっていないため読み込めません。")
            _check_inflated(name, archive, word)
            for e in entries:
                if e.file_size > limits.RATIO_MIN_BYTES and e.file_size > MAX_RATIO * max(e.compress_size, 1):
                    raise ReportError(f"「{name}」の部品「{e.filename}」は異常に圧縮されているため読み込めません"
                                      "（展開すると極端に大きくなります）。")
            if first_doctype_part(archive) is not None:
                raise ReportError(f"「{name}」は許可されない XML 宣言（DOCTYPE）を含むため読み込めません。")
            for e in entries:
                if e.filename.lower().endswith("sharedstrings.xml") and _shared_strings(archive, e) > MAX_SHARED_STRINGS:
                    raise ReportError(f"「{name}」は文字列の数が多すぎるため読み込めません"
                                      f"（上限 {MAX_SHARED_STRINGS:,} 個）。調査票を分けて返送してください。")
            if not word:
                _check_worksheets(name, archive)
    except (zipfile.BadZipFile, zlib.error, NotImplementedError, EOFError, ValueError):  # damaged entry or data
        raise ReportError(f"「{name}」は壊れているため読み込めません。") from None
    except OSError as exc:
        raise ReportError(f"「{name}」を読み込めません（{exc.strerror or exc}）。") from None


def _shared_strings(archive: zipfile.ZipFile, entry: zipfile.ZipInfo) -> int:
    """Count the shared strings by their end tags, streaming (the part is never held whole)."""
    count, tail = 0, b""
    with archive.open(entry) as handle:
        while chunk := handle.read(1 << 20):
            data = tail + chunk
            ends = list(_SHARED_STRING_END.finditer(data))
            count += len(ends)
            keep = max(ends[-1].end() if ends else 0, len(data) - 64)
            tail = data[keep:]
            if count > MAX_SHARED_STRINGS:
                break
    return count


def _too_large(name: str, part: str | None, limit: int) -> str:
    what = f"「{name}」" if part is None else f"「{name}」の部品「{part}」"
    return (f"{what}の展開後の大きさが上限 {megabytes(limit)} を超えています。"
            "壊れているか、異常に圧縮されたファイルのため読み込めません。")


def _part_limit(word: bool):
    cap = limits.DOCX_PART_MAX_BYTES if word else limits.XLSX_PART_MAX_BYTES

    def limit(part: str) -> int | None:
        return cap if part.lower().endswith((".xml", ".rels")) else None   # images are not parsed
    return limit


def _check_inflated(name: str, archive: zipfile.ZipFile, word: bool) -> None:
    """Every part's real size against the limits, by inflating it (the directory may say anything)."""
    try:
        measure_inflated(archive, total_limit=MAX_UNCOMPRESSED, part_limit=_part_limit(word))
    except InflateLimit as exc:
        raise ReportError(_too_large(name, exc.part, exc.limit)) from None


def _reference(attrs: bytes) -> tuple[bytes, bytes]:
    """The column letters and row digits of an ``r`` attribute (either may be empty); what Excel writes
    (`` r="B12"``) is found without a regex."""
    at = attrs.find(b' r="')
    if at >= 0:
        ref = attrs[at + 4:attrs.find(b'"', at + 4)]
        digits = ref.lstrip(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
        letters = ref[:len(ref) - len(digits)]
        if len(letters) <= 4 and len(digits) <= 8 and digits.isdigit() | (not digits):
            return letters, digits
        return b"", b""
    found = _REF.search(attrs)
    return (found.group(1), found.group(2)) if found else (b"", b"")


def _column_number(letters: bytes) -> int:
    number = 0
    for byte in letters.upper():
        number = number * 26 + byte - 64
    return number


def _column_letters(number: int) -> str:
    letters = ""
    while number > 0:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _sheet_names(archive: zipfile.ZipFile) -> dict[str, str]:
    """Worksheet part → the sheet's name as Excel shows it (from the workbook and its relationships)."""
    try:
        workbook = archive.read("xl/workbook.xml")
        rels = archive.read("xl/_rels/workbook.xml.rels")
    except KeyError:
        return {}

    def attributes(tag: bytes) -> dict[str, str]:
        return {k.split(":")[-1]: v for k, v in re.findall(r"""([\w:]+)\s*=\s*["']([^"']*)["']""",
                                                            tag.decode("utf-8", "replace"))}
    targets = {}
    for tag in _RELATIONSHIP.findall(rels):
        a = attributes(tag)
        target = a.get("Target", "")
        part = target.lstrip("/") if target.startswith("/") else str(PurePosixPath("xl") / target)
        targets[a.get("Id", "")] = part
    names = {}
    for tag in _SHEET.findall(workbook):
        a = attributes(tag)
        if a.get("id") in targets:
            names[targets[a["id"]]] = a.get("name", "")
    return names


def _check_worksheets(name: str, archive: zipfile.ZipFile) -> None:
    """Scan each worksheet's XML for its last column and last filled row before openpyxl reads it: openpyxl
    pads every row to its last cell (one cell in XFD makes a row of 16,384), so a small file could take GBs."""
    titles = _sheet_names(archive)
    cells = 0
    for entry in archive.infolist():
        part = entry.filename
        if not (part.startswith("xl/worksheets/") and part.endswith(".xml")):
            continue
        sheet = f"「{name}」のシート「{titles.get(part) or PurePosixPath(part).stem}」"
        cells = _scan_worksheet(archive, entry, sheet, cells)


def _scan_worksheet(archive: zipfile.ZipFile, entry: zipfile.ZipInfo, sheet: str, cells: int) -> int:
    max_columns, max_rows = limits.SHEET_MAX_COLUMNS, limits.SHEET_MAX_ROWS
    row = column = 0
    numbers: dict[bytes, int] = {}
    tail = b""
    with archive.open(entry) as handle:
        while chunk := handle.read(1 << 20):
            data = tail + chunk
            end = 0
            for match in _ROW_OR_CELL.finditer(data):
                end = match.end()
                tag, letters, digits, attrs = match.groups()
                if letters is None:
                    letters, digits = _reference(attrs)
                if tag == b"row":
                    row = int(digits) if digits else row + 1
                    column = 0
                    continue
                column = (numbers.get(letters) or numbers.setdefault(letters, _column_number(letters))) if letters \
                    else column + 1
                if digits:
                    row = int(digits)
                cells += 1
                if column > max_columns:
                    letters = _column_letters(column)
                    raise ReportError(f"{sheet}は列が {letters} まで使われています（{letters}{row}）: 調査票の列数の"
                                      f"上限 {max_columns} 列（{_column_letters(max_columns)} 列）を超えるため読み込めません。"
                                      "不要な列を削除して保存し直してください。")
                if row > max_rows and not attrs.rstrip().endswith(b"/"):
                    raise ReportError(f"{sheet}は行数が多すぎます（{row:,} 行目に記入があります。上限 {max_rows:,} 行）。"
                                      "調査票を分けて返送してください。")
                if cells > limits.WORKBOOK_MAX_CELLS:
                    raise ReportError(f"{sheet}まででセルの数が上限の {limits.WORKBOOK_MAX_CELLS:,} 個を超えるため"
                                      "読み込めません。調査票を分けて返送してください。")
            tail = data[max(end, len(data) - 512):]
    return cells
