"""Refusing a returned form that is not a sane .xlsx, before any XML of it is parsed.

Returned forms come from outside. A damaged or hostile file must end in a
clear message, never in a parser running out of memory: the size on disk,
the number of zip entries, the total uncompressed size and the compression
ratio are checked from the zip directory, and DOCTYPE declarations (entity
expansion) are refused from the first bytes of each XML part. openpyxl then
parses worksheets through defusedxml and other parts with entity resolution
off.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from desktop.reports.errors import ReportError

MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_ENTRIES = 2000
MAX_UNCOMPRESSED = 300 * 1024 * 1024
MAX_RATIO = 200            # compression ratio beyond which a large entry is a zip bomb


def check_file(path: Path) -> None:
    """Refuse what is not a sane .xlsx before any XML is parsed."""
    name = path.name
    suffix = path.suffix.lower()
    if suffix == ".xls":
        raise ReportError(f"「{name}」は古い Excel 形式（.xls）です。Excel で .xlsx 形式で保存し直してください。")
    if suffix == ".xlsm":
        raise ReportError(f"「{name}」はマクロ付きブック（.xlsm）です。マクロなしの .xlsx 形式で保存し直してください。")
    if suffix != ".xlsx":
        raise ReportError(f"「{name}」は Excel ブック（.xlsx）ではありません。")
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise ReportError(f"「{name}」を読み込めません（{exc.strerror or exc}）。") from None
    if size > MAX_FILE_BYTES:
        raise ReportError(f"「{name}」は大きすぎます（{size / 1024 / 1024:.0f}MB、上限 {MAX_FILE_BYTES // 1024 // 1024}MB）。")
    if not zipfile.is_zipfile(path):
        raise ReportError(f"「{name}」は壊れているか、パスワードで保護されているため読み込めません。"
                          "パスワードを解除した .xlsx ファイルを指定してください。")
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
            if "[Content_Types].xml" not in names or "xl/workbook.xml" not in names:
                raise ReportError(f"「{name}」は Excel ブックの構成になっていないため読み込めません。")
            for e in entries:
                if e.filename.endswith((".xml", ".rels")):
                    with archive.open(e) as handle:
                        head = handle.read(4096)
                    if b"<!DOCTYPE" in head or b"<\x00!\x00D\x00O\x00C\x00T\x00Y\x00P\x00E" in head:
                        raise ReportError(f"「{name}」は許可されない XML 宣言（DOCTYPE）を含むため読み込めません。")
    except zipfile.BadZipFile:
        raise ReportError(f"「{name}」は壊れているため読み込めません。") from None
    except OSError as exc:
        raise ReportError(f"「{name}」を読み込めません（{exc.strerror or exc}）。") from None
