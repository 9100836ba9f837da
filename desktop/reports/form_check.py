"""Refusing a returned form that is not a sane .xlsx (or .docx), before any XML of it is parsed.

Returned forms come from outside. A damaged or hostile file must end in a
clear message, never in a parser running out of memory: the size on disk,
the number of zip entries, the total uncompressed size and the compression
ratio are checked from the zip directory, and DOCTYPE declarations (entity
expansion) are refused from the first bytes of each XML part. openpyxl then
parses worksheets through defusedxml and other parts with entity resolution
off.
"""

from __future__ import annotations

import re
import zipfile
import zlib
from pathlib import Path

from desktop.reports.errors import ReportError
from desktop.zipcheck import first_doctype_part

MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_ENTRIES = 2000
MAX_UNCOMPRESSED = 300 * 1024 * 1024
MAX_RATIO = 200            # compression ratio beyond which a large entry is a zip bomb
MAX_SHARED_STRINGS = 100_000   # distinct texts; a real form of 1,500 sheets has ~60,000. openpyxl
                               # holds all of them in memory (300,000 took 6.5 s and 225 MB)
_SHARED_STRING_END = re.compile(rb"</(?:[A-Za-z_][\w.-]*:)?si>")


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
                raise ReportError(f"「{name}」は展開後の大きさが上限を超えるため読み込めません"
                                  f"（{total / 1024 / 1024:.0f}MB）。")
            for e in entries:
                if e.flag_bits & 0x1:
                    raise ReportError(f"「{name}」は暗号化されているため読み込めません。")
                if e.file_size > 10 * 1024 * 1024 and e.file_size > MAX_RATIO * max(e.compress_size, 1):
                    raise ReportError(f"「{name}」は異常に圧縮された内容を含むため読み込めません。")
            names = {e.filename for e in entries}
            main_part = "word/document.xml" if word else "xl/workbook.xml"
            if "[Content_Types].xml" not in names or main_part not in names:
                what = "Word 文書" if word else "Excel ブック"
                raise ReportError(f"「{name}」は{what}の構成になっていないため読み込めません。")
            if first_doctype_part(archive) is not None:
                raise ReportError(f"「{name}」は許可されない XML 宣言（DOCTYPE）を含むため読み込めません。")
            for e in entries:
                if e.filename.lower().endswith("sharedstrings.xml") and _shared_strings(archive, e) > MAX_SHARED_STRINGS:
                    raise ReportError(f"「{name}」は文字列の数が多すぎるため読み込めません"
                                      f"（上限 {MAX_SHARED_STRINGS:,} 個）。調査票を分けて返送してください。")
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
