"""The submission and return file: the survey form people read, with the data the app reads inside.

The workbook is the fillable form (desktop/reports/form.py) of the sheets
it carries, so a secretariat without the app opens it in Excel and reads
every field and KPI. The data — everything of each sheet, as JSON — is on a
very hidden sheet (:data:`DATA_SHEET`), in cells of at most
:data:`CHUNK` characters (Excel's limit is 32,767), ASCII only (``\\uXXXX``
escapes: no character a cell cannot hold), with its SHA-256 and length
beside it, so a cut or altered data part is refused rather than half read.

The readable part is a function of the data: :func:`readable_differences`
builds the form again from the data and names every cell that differs, so
a person who edited a cell in Excel is told which cells, and nothing is
imported from a file whose two parts disagree.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from openpyxl import Workbook, load_workbook

from desktop.reports.atomic import atomic_path
from desktop.reports.errors import ReportError
from desktop.reports.form import build_form
from desktop.reports.form_check import check_file
from desktop.survey.definition import SurveyDefinition
from desktop.survey.sheet import SheetData

FORMAT = "sesaku-desk-exchange/1"
DATA_SHEET = "交換データ"
CHUNK = 30_000


class ExchangeFileError(ReportError):
    """A file that is not a complete exchange file of this app; nothing of it is used."""


def write_exchange(survey: SurveyDefinition, payload: dict, shown: Sequence[SheetData], path: str | Path, *,
                   ministry: str, year: int, created: date) -> Path:
    """Write the form of ``shown`` with ``payload`` inside; atomic like the reports."""
    path = Path(path)
    if path.suffix.lower() != ".xlsx":
        raise ReportError(f"出力先「{path.name}」の拡張子を .xlsx にしてください。")
    text = json.dumps(payload, ensure_ascii=True, sort_keys=True, separators=(",", ":"))
    with atomic_path(path) as temp:
        wb = build_form(survey, shown, ministry=ministry, year=year, created=created)
        ws = wb.create_sheet(DATA_SHEET)
        ws.sheet_state = "veryHidden"
        ws.cell(1, 2, hashlib.sha256(text.encode("ascii")).hexdigest()).data_type = "s"
        ws.cell(2, 2, len(text))
        for row, start in enumerate(range(0, len(text), CHUNK), start=1):
            cell = ws.cell(row, 1, text[start:start + CHUNK])
            cell.data_type = "s"      # a chunk starting with "=" is text, not a formula
        wb.save(str(temp))
    return path


def _broken(name: str) -> ExchangeFileError:
    return ExchangeFileError(f"「{name}」の提出・差戻しデータが壊れているか、途中で切れています。"
                             "送り主にファイルを送り直してもらってください（データベースは変更していません）。")


def read_exchange(path: str | Path) -> tuple[dict, Workbook]:
    """The payload and the workbook (for :func:`readable_differences`); refuses what is not whole."""
    path = Path(path)
    check_file(path)
    try:
        wb = load_workbook(path)
    except Exception:
        raise _broken(path.name) from None
    if DATA_SHEET not in wb.sheetnames:
        raise ExchangeFileError(f"「{path.name}」は施策デスクの提出・差戻しファイルではありません"
                                "（記入用の調査票は「調査票を取り込む」で取り込んでください）。")
    ws = wb[DATA_SHEET]
    digest, length = ws.cell(1, 2).value, ws.cell(2, 2).value
    chunks = []
    for row in range(1, ws.max_row + 1):
        value = ws.cell(row, 1).value
        if value is None:
            break
        chunks.append(str(value))
    text = "".join(chunks)
    if not isinstance(digest, str) or length != len(text) or \
            hashlib.sha256(text.encode("utf-8")).hexdigest() != digest:
        raise _broken(path.name)
    try:
        payload = json.loads(text)
    except ValueError:
        raise _broken(path.name) from None
    if not isinstance(payload, dict) or payload.get("format") != FORMAT:
        raise ExchangeFileError(f"「{path.name}」は、この版の施策デスクでは読めない形式の提出・差戻しファイルです"
                                f"（{payload.get('format') if isinstance(payload, dict) else '不明'}）。")
    return payload, wb


def _shown(value) -> str:
    return "" if value is None else str(value)


def readable_differences(survey: SurveyDefinition, wb: Workbook, shown: Sequence[SheetData], *, ministry: str,
                         year: int, created: date) -> list[str]:
    """The cells (「一覧!F4」) whose value is not what the data says; empty when the two parts agree."""
    expected = build_form(survey, shown, ministry=ministry, year=year, created=created)
    found = []
    for name in expected.sheetnames:
        if name not in wb.sheetnames:
            found.append(f"{name}（シートがありません）")
            continue
        want, have = expected[name], wb[name]
        rows = max(want.max_row, have.max_row)
        cols = max(want.max_column, have.max_column)
        for r in range(1, rows + 1):
            for c in range(1, cols + 1):
                if _shown(want.cell(r, c).value) != _shown(have.cell(r, c).value):
                    found.append(f"{name}!{have.cell(r, c).coordinate}")
    extra = [n for n in wb.sheetnames if n not in expected.sheetnames and n != DATA_SHEET]
    found.extend(f"{n}（追加されたシート）" for n in extra)
    return found


__all__ = ["CHUNK", "DATA_SHEET", "FORMAT", "ExchangeFileError",
           "read_exchange", "readable_differences", "write_exchange"]
