"""Reading returned survey forms into a plan of changes, without applying anything.

Returned forms come from outside (other ministries, other tools), so each
file is checked before openpyxl parses it (form_check).

Columns are found by their header labels (form.list_columns/kpi_columns),
in any order, with title rows above the header, so a form produced by
another tool is accepted when its header row carries the survey's labels.
Every problem names its cell (一覧!E12). Formula cells are errors: a value
the person did not type is not imported.

A row without an ID (another tool's form, or an ID cell emptied) stands for
the stored sheet of the same year, ministry and title, so importing the same
form twice updates rather than duplicates; several such sheets are a problem.

Forms made by other tools (form_foreign): the header is found wherever it is
(two-level, merged), 記入例/入力区分/guidance rows are skipped, every sheet is
read, columns are recognised by the labels the survey definition accepts
(``aliases``), the year comes from the title, a sheet name or the caller
(``year``), one measure per sheet written vertically is read, and Word files
of last year's sheets (form_docx) become the same rows. Free-text KPI cells
are read into KPI proposals for a person to confirm or correct (the plan's
``kpi_review``; see form_plan), lines it cannot read stay as text and are
listed. Every column or value not used is a warning naming its cell.

Scope: a form made for one ministry (its 情報 sheet) changes only that
ministry's sheets. An ID or 前年度ID of another ministry's sheet, a stale 版,
an ID the database does not have, and an 実施項目ID or KPI ID the sheet does
not have are errors naming the cell: nothing is applied.
The app's own reports are refused (REPORT_REFUSED): their text has
citation numbers and, in the public one, withheld passages taken out.

非公開 travels in the form both ways (desktop.reports.form_marks): 【非公開】
…【/非公開】 in a cell become marks at the offsets of the text without them
(unbalanced or nested markers are an error naming the cell), and the KPI
sheet's 非公開 column marks a whole KPI or 実施項目. Markers taken away in
Excel release nothing (a warning says so); a marked passage moved to
another field is marked where it now is; a mark whose KPI, 実施項目 or text
cannot be found again is flagged 「非公開の確認が必要」 with a warning; and a
request written in 公開範囲に関する希望 (「『〇〇』の部分は非公開を希望します」)
that is not already marked flags the sheet for a person, with a warning.

The result is an :class:`~desktop.reports.form_plan.ImportPlan`: sheets to create, sheets to update with
per-field before/after for the preview, unchanged rows, blocking problems and
warnings. Applying it is the caller's single transaction:
``repository.save_sheets(plan.sheets_to_save(), author)``.

What the form cannot carry is kept from the database: marks (非公開) and
citations stay with the sheet; when the text of their field changed, a mark
or citation is moved to where its text now is, and a mark whose text cannot
be found again covers the whole field (nothing becomes public by an import).
Actuals of years the form has no column for are kept.
"""

from __future__ import annotations

import copy
import re
from dataclasses import replace
import unicodedata
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import Decimal
from itertools import chain, islice
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from desktop import limits
from desktop.gcpause import gc_paused
from desktop.reports.errors import ReportError
from desktop.reports import form_foreign as foreign
from desktop.reports import form_marks
from desktop.reports.form import (
    ACTUAL_SUFFIX,
    FORM_FORMAT,
    FORM_FORMATS,
    INFO_FORMAT,
    INFO_MINISTRY,
    INFO_SURVEY,
    INFO_YEAR,
    LABEL_INDICATOR,
    LABEL_ITEM,
    QUALITATIVE,
    QUANTITATIVE,
    SHEET_CHOICES,
    SHEET_INFO,
    SHEET_KPI,
    SHEET_LIST,
    Column,
    kpi_columns,
    list_columns,
)
from desktop.reports.form_check import check_file
from desktop.reports.form_plan import (
    FieldChange,
    ImportPlan,
    ImportProblem,
    KpiProposal,
    PlannedSheet,
    changes,
    settle_kpis,
)
from desktop.reports.model import LABEL_STATUS, LABEL_YEAR, Audience
from desktop.reports.textsafe import excel_unescape
from desktop.reports.xlsx_writer import SHEET_MARKS, SHEET_SOURCES, SOURCE_HEADERS
from desktop.disclosure.copying import successor
from desktop.disclosure.marks import KPI_VALUE_LABELS, mark_span
from desktop.disclosure.reader_form import reader_form
from desktop.disclosure.requests import field_labels, requests
from desktop.disclosure.textedit import diff_texts, find_passage, replace_text
from desktop.disclosure.withhold import merge_spans
from desktop.survey.definition import FieldKind, SurveyDefinition
from desktop.survey.parts import KPI_TEXT_ATTRIBUTES, Part, PartKind
from desktop.survey.sheet import (
    Direction,
    Horizon,
    ItemData,
    KpiData,
    KpiKind,
    MarkData,
    SheetData,
    Qualifier,
    TargetKind,
    normalize_value,
    split_qualifier,
)
from desktop.survey.kpi_text import ParsedKpi, parse_kpis
from desktop.survey.validation import Severity, validate_sheet
from desktop.survey.wareki import FiscalYearError, format_fiscal_year, parse_fiscal_year

HEADER_SEARCH_ROWS = 30
MAX_VERTICAL_ROWS = 500   # a sheet of one measure written vertically (入力項目 | 記載内容) is a page or two
MAX_DATA_ROWS = limits.FORM_MAX_DATA_ROWS   # per worksheet; one row per sheet or KPI (100,000 rows took 17 s)
_KPI_BULLET = re.compile(r"^\s*(?:[・･○〇●◯■□◆◇\-－‐*＊]|\d{1,2}[.．)）]|[(（]\d{1,2}[)）]|[①-⑳])\s*")
_PLANNED = re.compile(r"検討|未定|設定予定|調整中")      # a KPI line saying no KPI is set yet
_SPLIT_AREAS = re.compile(r"[、,，;；\n]+")
_MARKERS = re.compile(r"[（(](必須|任意)[)）]$|[*＊※]+$")
_ANCHOR = 20
_START, _END = form_marks.START, form_marks.END
REPORT_MARKINGS = tuple(f"【{a.label}】" for a in Audience)      # what the app's reports print above their tables
REPORT_REFUSED = "内部資料の報告書は取り込めません。記入用の調査票（sesaku-desk template）を使ってください。"


# --------------------------------------------------------------------------
# Reading cells.


def _norm_label(value: object) -> str:
    if not isinstance(value, str):
        return ""
    text = unicodedata.normalize("NFKC", excel_unescape(value))
    text = "".join(text.split())
    return _MARKERS.sub("", text)


def _number_text(value: int | float) -> str:
    if isinstance(value, int):
        return str(value)
    if value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    text = format(Decimal(repr(value)), "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def _clone(value):
    """A deep copy of sheet data (dataclasses, lists and dicts around immutable values), what the rows start
    from: ``copy.deepcopy``'s generic machinery was a tenth of reading a form of 40 rows."""
    if isinstance(value, list):
        return [_clone(v) for v in value]
    if isinstance(value, dict):
        return {k: _clone(v) for k, v in value.items()}
    if hasattr(value, "__dataclass_fields__"):
        if value.__dataclass_params__.frozen:
            return value                 # immutable (a Part, a register entry): shared, not copied
        new = copy.copy(value)
        for key, v in vars(value).items():
            if isinstance(v, (list, dict)) or hasattr(v, "__dataclass_fields__"):
                vars(new)[key] = _clone(v)
        return new
    return value


class _Cells:
    """One worksheet row, read by column key, collecting problems with cell references."""

    def __init__(self, reader: "_Reader", sheet: str, row_no: int, row: Sequence, columns: dict[str, int],
                 refs: Mapping[str, str] | None = None) -> None:
        self.reader, self.sheet, self.row_no, self.row, self.columns = reader, sheet, row_no, row, columns
        self.refs = refs        # key → cell, for a measure not read from one row (a vertical sheet, a Word table)
        self.marked: dict[str, list[tuple[int, int]]] = {}      # key → spans its 【非公開】 markers enclosed
        self._unwrapped: dict[str, str] = {}

    def ref(self, key: str) -> str:
        if self.refs is not None:
            return self.refs.get(key) or next(iter(self.refs.values()), self.sheet)
        i = self.columns.get(key)
        return f"{self.sheet}!{get_column_letter(i + 1)}{self.row_no}" if i is not None else f"{self.sheet}!{self.row_no}"

    def has(self, key: str) -> bool:
        return key in self.columns

    def raw(self, key: str):
        i = self.columns.get(key)
        if i is None or i >= len(self.row):
            return None
        return self.row[i]

    def text(self, key: str) -> str:
        """The cell as text exactly as typed; "" when empty. Formulas and errors are reported."""
        cell = self.raw(key)
        if cell is None:
            return ""
        value = cell.value
        if value is None:
            return ""
        if cell.data_type == "f" or (isinstance(value, str) and cell.data_type != "s" and value.startswith("=")):
            self.reader.error(self.ref(key), "数式は取り込めません。値を直接入力してください。")
            return ""
        if cell.data_type == "e":
            self.reader.error(self.ref(key), f"エラー値（{value}）は取り込めません。")
            return ""
        if isinstance(value, str):
            text = excel_unescape(value)
            return self._unwrap(key, text) if _START in text or _END in text else text
        if isinstance(value, bool):
            return "TRUE" if value else "FALSE"
        if isinstance(value, (int, float)):
            return _number_text(value)
        if isinstance(value, (datetime, date, time)):
            self.reader.warn(self.ref(key), "日付・時刻として入力されていたため、文字に変換しました。")
            return value.strftime("%Y/%m/%d") if isinstance(value, (datetime, date)) else value.isoformat()
        return str(value)

    def _unwrap(self, key: str, text: str) -> str:
        """The text without its 【非公開】 markers; the spans they enclosed go to ``marked`` (once per cell)."""
        if key in self._unwrapped:
            return self._unwrapped[key]
        markable = self.reader.markable(key)
        try:
            plain, spans = form_marks.unwrap(text)
        except form_marks.MarkerError as exc:
            plain, spans = text.replace(form_marks.START, "").replace(form_marks.END, ""), None
            if markable:
                self.reader.error(self.ref(key), f"非公開の印が正しくありません：{exc}")
        if not markable and spans != []:      # markers (not escaped ＼【非公開】 characters) where none may be
            self.reader.error(self.ref(key), f"この欄には非公開の印（{form_marks.START}〜{form_marks.END}）を付けられません。"
                                             "印を外してください（非公開にできるのは文章の欄と、KPI シートの値の欄です）。")
        elif markable and spans is not None:
            self.marked[key] = spans
        self._unwrapped[key] = plain
        return plain

    def peek(self, key: str) -> str:
        """The cell's typed text without reporting anything (text() reports when the row is read)."""
        cell = self.raw(key)
        value = cell.value if cell is not None else None
        if isinstance(value, str) and cell.data_type != "f" and not value.startswith("="):
            return excel_unescape(value).replace(form_marks.START, "").replace(form_marks.END, "")
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return _number_text(value)
        return ""

    def integer(self, key: str) -> int | None:
        text = self.text(key).strip()
        if not text:
            return None
        try:
            return int(Decimal(unicodedata.normalize("NFKC", text)))
        except Exception:
            self.reader.error(self.ref(key), f"「{text}」は番号として読み取れません。")
            return None

    def year(self, key: str) -> int | None:
        text = self.text(key).strip()
        if not text:
            return None
        try:
            return parse_fiscal_year(text)
        except FiscalYearError as exc:
            self.reader.error(self.ref(key), str(exc))
            return None

    def empty(self, keys: Iterable[str]) -> bool:
        return all(self.raw(k) is None or self.raw(k).value in (None, "") for k in keys)


def _header(ws, wanted: set[str]) -> tuple[int, dict[str, list[int]], Iterator] | None:
    """The header row (1-based), its labels → column indexes, and the rows below it; the first row carrying
    a wanted label. The rows below are read on from there: every ``iter_rows`` of a read-only worksheet
    parses its XML again from the top."""
    rows = ws.iter_rows(min_row=1)
    for r, row in enumerate(islice(rows, HEADER_SEARCH_ROWS), start=1):
        labels = {}
        for i, cell in enumerate(row):
            label = _norm_label(cell.value)
            if label:
                labels.setdefault(label, []).append(i)
        if wanted & labels.keys():
            return r, labels, rows
    return None


# --------------------------------------------------------------------------
# The reader.


@dataclass
class _Row:
    """A 一覧 row read into a sheet, waiting for its KPIs."""

    sheet: SheetData
    before: SheetData | None
    base: SheetData | None      # the stored sheet (this year's, or the predecessor) the row started from
    location: str
    form_version: int | None
    cells: _Cells
    blank: bool = False         # only a No.: kept when KPI rows give it content
    kpi_refs: dict[tuple[int, int | None], str] = field(default_factory=dict)   # (item, kpi) → KPI sheet cell
    form_parts: list[tuple[Part, str]] = field(default_factory=list)   # items, KPIs, values marked in the form
    kpi_text: str | None = None     # a free-text 実施項目・KPI cell (another tool's form), read for review
    kpi_review: list[KpiProposal] = field(default_factory=list)     # what was read from it
    kpi_item: str = ""              # the key of the 実施項目 its KPIs go to
    kpi_ref: str = ""
    items_text: str = ""            # a free-text 実施項目 cell of the same form
    items_ref: str = ""


class _Reader:
    def __init__(self, survey: SurveyDefinition, existing: Mapping[int, SheetData], year: int | None = None) -> None:
        self.survey = survey
        self.existing = existing
        self.year = year                  # the year given to the import (--year, the dialog): the last resort
        self.scope = ""                   # the ministry the form was made for (its 情報 sheet)
        self._stop = False
        self._any_sheet = False
        self._refused_numbers: set[int] = set()
        kpi_field = survey.first_field_of_kind(FieldKind.KPI_ITEMS)
        # Besides the form's own columns, another tool's list may have a 年度 column and free-text
        # 実施項目 and KPI columns (this app's form has a KPI sheet for them).
        self._list_columns = list_columns(survey) + [Column("year", LABEL_YEAR, 0)] + \
            ([Column(kpi_field.key, kpi_field.label, 0), Column("items", LABEL_ITEM, 0)] if kpi_field is not None
             else [])
        self._vocabulary = foreign.Vocabulary(survey, [(c.key, c.label) for c in self._list_columns],
                                              groups=[kpi_field.key] if kpi_field is not None else [])
        self._guidance = foreign.guidance_texts(survey)
        self._title_label = survey.field(survey.title_field).label
        self.plan = ImportPlan()
        self.file = ""
        self.seen_ids: dict[int, str] = {}
        self.carries_marks = False        # the form is this app's with marks shown (FORM_FORMAT)
        # The free-text 実施項目・KPI and 実施項目 cells of another tool's form may hold marked passages too: the
        # 実施項目 read from them is then withheld whole (see _kpi_texts).
        kpi_field = survey.first_field_of_kind(FieldKind.KPI_ITEMS)
        self._markable = {f.key for f in survey.text_fields} | {"item_title", "plan_text", "items",
                                                                 *KPI_TEXT_ATTRIBUTES} \
            | ({kpi_field.key} if kpi_field is not None else set())
        self._labels = field_labels((f.label, f.key) for f in survey.text_fields
                                    if f.kind is not FieldKind.DISCLOSURE)

    def markable(self, key: str) -> bool:
        return key in self._markable or key.startswith("actual:")

    def error(self, cell: str, message: str) -> None:
        self.plan.problems.append(ImportProblem(self.file, cell, message))

    def warn(self, cell: str, message: str) -> None:
        self.plan.warnings.append(ImportProblem(self.file, cell, message, Severity.WARNING))

    # --- a file ----------------------------------------------------------------

    def read(self, path: Path) -> None:
        self.file = path.name
        try:
            check_file(path)
        except ReportError as exc:
            self.error("", str(exc))
            return
        if path.suffix.lower() == ".docx":
            self._read_docx(path)
            return
        try:
            wb = load_workbook(path, read_only=True, data_only=False)
        except Exception as exc:  # noqa: BLE001 - any parser failure means a damaged file
            self.error("", f"「{path.name}」は壊れているため読み込めません（{type(exc).__name__}）。")
            return
        try:
            self._read_workbook(wb)
        except Exception as exc:  # noqa: BLE001 - worksheets are parsed lazily: damage shows up while reading rows
            self.error("", f"「{path.name}」は壊れているため読み込めません（{type(exc).__name__}）。")
        finally:
            wb.close()

    @staticmethod
    def _sheet(wb, name: str):
        """A worksheet by name, its stored dimensions ignored (other tools write wrong ones)."""
        ws = wb[name]
        if hasattr(ws, "reset_dimensions"):
            ws.reset_dimensions()
        return ws

    def _info(self, wb) -> dict[str, object]:
        if SHEET_INFO not in wb.sheetnames:
            return {}
        info = {}
        for row in self._sheet(wb, SHEET_INFO).iter_rows(min_row=1, max_row=20, max_col=2, values_only=True):
            if row and isinstance(row[0], str):
                info[row[0]] = row[1] if len(row) > 1 else None
        return info

    def _read_workbook(self, wb) -> None:
        if SHEET_MARKS in wb.sheetnames:
            self.error("", f"このファイルはアプリが出力した内部資料の報告書です（「{SHEET_MARKS}」シートがあります）。"
                           f"{REPORT_REFUSED}")
            return
        if SHEET_SOURCES in wb.sheetnames and SHEET_INFO not in wb.sheetnames and \
                _header(self._sheet(wb, SHEET_SOURCES), {_norm_label(SOURCE_HEADERS[0])}) is not None:
            self.error("", f"このファイルはアプリが出力した報告書です（「{SHEET_SOURCES}」シートがあります）。"
                           "報告書の本文は出典の注番号が入り、非公開の箇所が除かれているため、取り込めません。"
                           "記入用の調査票（sesaku-desk template）を使ってください。")
            return
        info = self._info(wb)
        if info.get(INFO_FORMAT) not in (None, *FORM_FORMATS):
            self.warn("", f"この様式（{info.get(INFO_FORMAT)}）は想定と異なります。列の見出しで読み取ります。")
        self.carries_marks = info.get(INFO_FORMAT) == FORM_FORMAT
        if info.get(INFO_SURVEY) not in (None, self.survey.key):
            self.error("", f"この調査票は別の調査（{info.get(INFO_SURVEY)}）のものです。")
            return
        year = info.get(INFO_YEAR)
        year = year if isinstance(year, int) else None
        ministry = info.get(INFO_MINISTRY) if isinstance(info.get(INFO_MINISTRY), str) else ""
        self.scope = ministry
        if SHEET_LIST in wb.sheetnames:     # this app's form: its 一覧 and its KPI sheet
            names = [SHEET_LIST]
        else:                               # another tool's: every sheet (one a bureau, one a measure …)
            names = [n for n in wb.sheetnames if n not in (SHEET_KPI, SHEET_INFO, SHEET_CHOICES)]
        rows: dict[int, _Row] = {}
        first_listing = None
        for name in names:
            ws = self._sheet(wb, name)
            top = list(islice(ws.iter_rows(min_row=1), HEADER_SEARCH_ROWS))
            header = foreign.find_header(top, self._vocabulary)
            vertical = None
            if SHEET_LIST not in wb.sheetnames and (header is None or header.known < 3):
                below = list(islice(ws.iter_rows(min_row=HEADER_SEARCH_ROWS + 1), MAX_VERTICAL_ROWS))
                vertical = foreign.read_vertical(name, top + below, self._vocabulary, self._guidance)
                if not vertical.records or (header is not None and
                                            len(vertical.records[0].refs) <= header.known):
                    vertical = None
            if vertical is not None:
                self._vertical_sheet(ws, vertical, rows, year, ministry)
                continue
            if header is None:
                if any(foreign.cell_text(c).strip() for row in top for c in row):
                    self.warn(f"{name}!A1", f"シート「{name}」には「{self._title_label}」の見出しのある表がないため、"
                                            "取り込みません。このシートの施策も取り込む場合は、見出しの行を付けてください。")
                continue
            if self._list_sheet(wb, ws, top, header, rows, year, ministry) and first_listing is None:
                first_listing = ws
            if self._stop:
                return
        if not rows and first_listing is None and not self.plan.problems and not self._any_sheet:
            self.error("", f"見出し「{self._title_label}」のある表が見つかりません。1〜{HEADER_SEARCH_ROWS}行目に"
                           f"「{self._title_label}」「施策内容」などの見出しの行を置くか、1列目に入力項目、"
                           "その右に記載内容を書いた縦型の表（1シート1施策）にしてください。"
                           "記入用の調査票（sesaku-desk template）に記入しても取り込めます。")
            return
        kpi_sheet = self._sheet(wb, SHEET_KPI) if SHEET_KPI in wb.sheetnames else None
        kpi_found = _header(kpi_sheet, {_norm_label(LABEL_INDICATOR)}) if kpi_sheet is not None else None
        if kpi_sheet is not None and kpi_found is not None:
            self._kpi_rows(kpi_sheet, kpi_found, rows)
        elif rows:
            self._kpi_texts(rows)
            if any(r.kpi_text is None for r in rows.values()):
                self.warn("", "KPI シートがないため、実施項目・KPI は取り込みません（登録済みの内容を残します）。")
        for row in rows.values():
            if not (row.blank and not row.sheet.items):
                self._finish(row)

    def _sheet_year(self, ws, texts: Iterable[str], info_year: int | None) -> int | None:
        """The year a sheet is for: the 情報 sheet's, its name's (令和7年度, R7, 2025年度), its title rows',
        or the one given to the import (--year, the dialog)."""
        if info_year is not None:
            return info_year
        found = foreign.year_in_text(ws.title, short=True)
        if found is None:
            found = next((y for t in texts if (y := foreign.year_in_text(t)) is not None), None)
        return found if found is not None else self.year

    def _list_sheet(self, wb, ws, top: list, header: "foreign.Header", rows: dict[int, "_Row"],
                    info_year: int | None, ministry: str) -> bool:
        """One horizontal table: its rows become sheets (added to ``rows``). False when it is refused."""
        self._any_sheet = True
        name = ws.title
        if _norm_label(LABEL_STATUS) in {_norm_label(foreign.cell_text(c)) for c in top[header.first]}:
            marking = self._report_marking(ws, header.first + 1)
            if marking:
                self.error(marking, f"このシートはアプリが出力した報告書です（{self._marking_text}の表示があります）。"
                                    f"{REPORT_REFUSED}")
                self._stop = True
                return False
        for key, positions in header.keys.items():
            if len(positions) > 1:
                letters = "・".join(get_column_letter(i + 1) for i in positions)
                label = self._label_of(key)
                self.error(f"{name}!{letters}", f"見出し「{label}」（またはその別名）が複数の列にあります。1列にしてください。")
                self._stop = True
                return False
        columns = {k: v[0] for k, v in header.keys.items()}
        for i, label in header.unknown:
            self.warn(f"{name}!{get_column_letter(i + 1)}{header.last + 1}",
                      f"列「{label}」は調査票のどの項目にも当たらないため、取り込みません。"
                      "取り込む場合は、見出しを調査票の項目名にしてください。")
        titles = [foreign.cell_text(c) for row in top[:header.first] for c in row if foreign.cell_text(c).strip()]
        year = self._sheet_year(ws, titles, info_year)
        if year is None and "year" not in columns:
            self.error(f"{name}!A1", "調査票の年度が分かりません。表の上の表題（例：「令和7年度 …調査票」）か"
                                     "シート名（例：「令和7年度」「R7」）に年度を書くか、「年度」の列を追加するか、"
                                     "取り込むときに年度を指定してください（sesaku-desk import --year 令和7年度）。")
            return False
        sheet_ministry = ministry or foreign.ministry_in(titles, self.survey) or ""
        if not ministry and sheet_ministry and "ministry" not in columns:
            self.warn(f"{name}!A1", f"府省庁を表題の「{sheet_ministry}」から読み取りました。")
        bureau = ""
        if SHEET_LIST not in wb.sheetnames and "bureau" not in columns and len(wb.sheetnames) > 1 \
                and not foreign.DEFAULT_SHEET_NAMES.match(name) and foreign.year_in_text(name, short=True) is None:
            bureau = name
            self.warn(f"{name}!A1", f"担当部局・課室の列がないため、シート名「{name}」を担当部局・課室としました。")
        below = chain(top[header.last + 1:], ws.iter_rows(min_row=HEADER_SEARCH_ROWS + 1))
        archive, part = getattr(wb, "_archive", None), getattr(ws, "_worksheet_path", None)
        if SHEET_LIST not in wb.sheetnames and archive is not None and part:
            merged = foreign.merged_ranges(archive, part)
            if len(merged) >= foreign.MAX_MERGES:
                self.warn(f"{name}!A1", f"結合セルが多すぎるため（{foreign.MAX_MERGES:,}個以上）、結合を考慮せずに読みます。"
                                        "結合した行の2行目以降は空欄として読みます。")
                merged = []
            below = foreign.fill_merged(below, header.last + 2, merged)
        covered = set(columns.values()) | {i for i, _ in header.unknown}
        found = self._list_rows(ws, header.last + 1, below, columns, year, sheet_ministry, bureau, covered)
        for number, row in found.items():
            if number in rows:
                number = min([0, *rows]) - 1
            rows[number] = row
        return True

    def _label_of(self, key: str) -> str:
        if self.survey.has_field(key):
            return self.survey.field(key).label
        return next((c.label for c in self._list_columns if c.key == key), key)

    def _vertical_sheet(self, ws, vertical: "foreign.Vertical", rows: dict[int, "_Row"], info_year: int | None,
                        ministry: str) -> None:
        """A sheet of one measure (or several) written vertically: 入力項目 | 記載内容."""
        self._any_sheet = True
        self._records(vertical, rows, self._sheet_year(ws, vertical.preamble, info_year),
                      ministry or foreign.ministry_in(vertical.preamble, self.survey) or "")

    def _records(self, vertical: "foreign.Vertical", rows: dict[int, "_Row"], year: int | None,
                 ministry: str) -> None:
        """The measures of a vertical layout (a sheet, a Word file), each checked like a row of a table."""
        for ref, label in vertical.unknown:
            self.warn(ref, f"入力項目「{label}」は調査票のどの項目にも当たらないため、取り込みません。")
        for ref, text in vertical.unused:
            self.warn(ref, f"「{_excerpt(text)}」は入力項目が分からないため、取り込みません。")
        for ref in vertical.skipped:
            self.warn(ref, "記入要領（記載内容の説明）の文として読み飛ばしました（取り込みません）。")
        for record in vertical.records:
            keys = list(record.cells)
            sheet_name = record.first_ref.split("!")[0].split(" ")[0]
            cells = _Cells(self, sheet_name, 0, [record.cells[k] for k in keys], {k: i for i, k in enumerate(keys)},
                           refs=record.refs)
            if year is None and "year" not in record.cells:
                self.error(record.first_ref, "調査票の年度が分かりません。「年度」の項目を追加するか、表題かシート名に"
                                             "年度（例：「令和7年度」）を書くか、取り込むときに年度を指定してください"
                                             "（sesaku-desk import --year 令和7年度）。")
                continue
            self._list_row(cells, year, ministry, "", f"{self.file} {record.first_ref}", rows)

    def _read_docx(self, path: Path) -> None:
        """Last year's sheets as a Word file: a table per measure, or labels followed by paragraphs."""
        from desktop.reports.form_docx import read_docx   # python-docx: imported when used

        try:
            found, preamble = read_docx(path, self._vocabulary, self._guidance)
        except ReportError as exc:
            self.error("", str(exc))
            return
        if not found:
            self.error("", f"「{path.name}」に施策の記載が見つかりません。1列目に入力項目（「{self._title_label}」"
                           "「施策内容」など）、その右に記載内容を書いた表を施策ごとに置くか、入力項目を見出し"
                           f"（または「{self._title_label}：…」の行）にして、その下に記載内容を書いてください。")
            return
        texts = preamble + [t for v in found for t in v.preamble]
        year = next((y for t in texts if (y := foreign.year_in_text(t)) is not None), None) or self.year
        ministry = foreign.ministry_in(texts, self.survey) or ""
        rows: dict[int, _Row] = {}
        for vertical in found:
            self._records(vertical, rows, year, ministry)
        self._kpi_texts(rows)
        for row in rows.values():
            self._finish(row)

    def _report_marking(self, ws, header: int) -> str:
        """The cell above a header with 状態 that says 【内部資料】 or 【公開版】 as the app's reports do (a report's list
        copied out of it is still a report, not a form: its text has citation numbers and, in the public one,
        withheld passages taken out); "" when there is none."""
        for row in ws.iter_rows(min_row=1, max_row=max(header - 1, 1)):
            for cell in row:
                if isinstance(getattr(cell, "value", None), str) and cell.value.strip() in REPORT_MARKINGS:
                    self._marking_text = cell.value.strip()
                    return f"{ws.title}!{get_column_letter(cell.column)}{cell.row}"
        return ""

    def _columns(self, sheet: str, labels: dict[str, list[int]], columns: list[Column]) -> dict[str, int] | None:
        found: dict[str, int] = {}
        for col in columns:
            positions = labels.get(_norm_label(col.label), [])
            if len(positions) > 1:
                letters = "・".join(get_column_letter(i + 1) for i in positions)
                self.error(f"{sheet}!{letters}", f"見出し「{col.label}」が複数の列にあります。1列にしてください。")
                return None
            if positions:
                found[col.key] = positions[0]
        return found

    def _data_rows(self, ws, header: int, below: Iterator):
        """(row number, cells) of the rows ``below`` the header; a sheet longer than any real form is refused,
        not parsed."""
        last = header + MAX_DATA_ROWS
        for r, row in enumerate(below, start=header + 1):
            if r > last:
                if any(cell.value is not None for cell in row if hasattr(cell, "value")):
                    self.error(f"{ws.title}!{r}", f"行数が多すぎます（上限 {MAX_DATA_ROWS:,} 行）。"
                                                  "調査票を分けて返送してください。")
                return
            yield r, row

    def _prefetch(self, data: list, id_columns: list[int]) -> None:
        """Let a lazy ``existing`` (export.StoredSheets) fetch every sheet the rows name at once, instead of
        one database round trip per row; values that are not plain ids are left to the row checks."""
        prefetch = getattr(self.existing, "prefetch", None)
        if prefetch is None:
            return
        ids = set()
        for _, row in data:
            for i in id_columns:
                value = row[i].value if i < len(row) and hasattr(row[i], "value") else None
                if isinstance(value, int) or (isinstance(value, float) and value.is_integer()):
                    ids.add(int(value))
                elif isinstance(value, str) and value.strip().isascii() and value.strip().isdigit():
                    ids.add(int(value.strip()))
        if ids:
            prefetch(ids)

    # --- 一覧 ------------------------------------------------------------------

    def _list_rows(self, ws, header: int, below: Iterator, columns: dict[str, int], year: int | None,
                   ministry: str, bureau: str = "", covered: set[int] | None = None) -> dict[int, _Row]:
        """``header`` is the 1-based number of the last header row; rows below it that are 記入例, 入力区分 or
        guidance are left out, each with a warning."""
        data_keys = [k for k in columns if k not in ("id", "predecessor_id", "version", "number")]
        rows: dict[int, _Row] = {}
        data = list(self._data_rows(ws, header, below))
        self._prefetch(data, [columns[k] for k in ("id", "predecessor_id") if k in columns])
        for r, row in data:
            cells = _Cells(self, ws.title, r, row, columns)
            reason = foreign.skip_reason(row, self._guidance)
            if reason is not None:
                self.warn(f"{ws.title}!{r}", f"{reason}の行として読み飛ばしました（取り込みません）。")
                continue
            if covered is not None:
                for i, cell in enumerate(row):
                    if i not in covered and foreign.cell_text(cell).strip():
                        self.warn(f"{ws.title}!{get_column_letter(i + 1)}{r}",
                                  f"見出しのない列の「{_excerpt(foreign.cell_text(cell))}」は取り込みません。"
                                  "取り込む場合は、その列に調査票の項目名の見出しを付けてください。")
            blank = cells.empty(data_keys)
            if blank and (not cells.empty(["id"]) or cells.empty(["number"])):
                if not cells.empty(["id"]):
                    self.warn(cells.ref("id"), "内容が空の行は取り込みません（登録済みの施策はそのまま残ります）。")
                elif any(getattr(c, "value", None) not in (None, "") for c in row):
                    self.warn(f"{ws.title}!{r}", "この行には調査票の項目の列に記載がないため、取り込みません。")
                continue
            self._list_row(cells, year, ministry, bureau, f"{self.file} {ws.title}!{r}", rows, blank)
        return rows

    def _list_row(self, cells: _Cells, year: int | None, ministry: str, bureau: str, location: str,
                  rows: dict[int, _Row], blank: bool = False) -> _Row | None:
        """One measure (a row of a table, a vertical sheet, a table of a Word file) into ``rows`` by its No.;
        None when the row is refused (its KPI rows are then not reported again)."""
        row = self._list_row_checked(cells, year, ministry, bureau, location, rows, blank)
        if row is None and cells.has("number") and not cells.empty(["number"]):
            number = cells.peek("number").strip()
            if number.isdigit():
                self._refused_numbers.add(int(number))
        return row

    def _list_row_checked(self, cells: _Cells, year: int | None, ministry: str, bureau: str, location: str,
                          rows: dict[int, _Row], blank: bool = False) -> _Row | None:
        sheet_id = cells.integer("id")
        predecessor = cells.integer("predecessor_id")
        form_version = cells.integer("version")
        number = cells.integer("number")
        if number is None:
            number = min([0, *rows]) - 1          # a row without No. can have no KPI rows
        elif number in rows:
            self.error(cells.ref("number"), f"No. {number} が複数の行にあります。")
            return None
        row_year = cells.year("year") if cells.has("year") and cells.text("year").strip() else year
        if row_year is None:
            self.error(cells.ref("year"), "年度を記入してください。")
            return None
        row_ministry = cells.peek("ministry").strip() if cells.has("ministry") else ""
        if self.scope and row_ministry and row_ministry != self.scope:
            self.error(cells.ref("ministry"), f"この調査票は{self.scope}用ですが、この行の府省庁は「{row_ministry}」です。"
                                              "他の府省庁の施策は、その府省庁用の調査票で取り込んでください。")
            return None
        who = row_ministry or ministry
        before = base = None
        if sheet_id is not None:
            if sheet_id in self.seen_ids:
                self.error(cells.ref("id"), f"ID {sheet_id} の施策が {self.seen_ids[sheet_id]} にもあります。")
                return None
            before = self.existing.get(sheet_id)
            if before is None:
                self.error(cells.ref("id"), f"ID {sheet_id} の施策がデータベースにありません"
                                            "（削除されたか、別のデータベース用の調査票です）。")
                return None
            if before.fiscal_year != row_year:
                self.error(cells.ref("id"), f"ID {sheet_id} は{format_fiscal_year(before.fiscal_year)}の施策ですが、"
                                            f"この行は{format_fiscal_year(row_year)}です。")
                return None
            if not self._in_scope(cells, "id", before, who):
                return None
            if form_version is None or form_version != before.version:
                self.error(cells.ref("version") if cells.has("version") else cells.ref("id"),
                           f"ID {sheet_id} の施策は、この調査票の作成後にアプリで更新されています"
                           f"（調査票の版 {form_version if form_version is not None else 'なし'}、"
                           f"登録済みの版 {before.version}）。取り込むと更新が失われるため、取り込みません。"
                           "新しい調査票（sesaku-desk template）を作成し、記入内容を移してから取り込んでください。")
                return None
            self.seen_ids[sheet_id] = f"{self.file} {cells.ref('id')}"
            base = before
            sheet = _clone(before)
        elif cells.empty(["id"]) and (match := self._match(cells, row_year, who)) is not None:
            if match is False:
                return None
            before = base = match
            sheet = _clone(before)
        else:
            if predecessor is not None:
                base = self.existing.get(predecessor)
                if base is None:
                    self.error(cells.ref("predecessor_id"), f"前年度の施策（ID {predecessor}）がデータベースにありません"
                                                            "（削除されたか、別のデータベース用の調査票です）。"
                                                            "前年度IDのセルを空にすると、前年度との関連付けなしで"
                                                            "新しい施策として取り込めます。")
                    return None
                elif not self._in_scope(cells, "predecessor_id", base, who):
                    return None
            sheet = self._new_sheet(base, row_year)
            sheet.predecessor_id = base.id if base is not None else None
        self._apply_list_cells(sheet, base, cells, ministry if before is None else None)
        if bureau and not sheet.bureau:
            sheet.bureau = bureau
        row = _Row(sheet, before, base, location, form_version, cells, blank)
        kpi_field = self.survey.first_field_of_kind(FieldKind.KPI_ITEMS)
        if kpi_field is not None and cells.has(kpi_field.key):
            row.kpi_text = cells.text(kpi_field.key)
            row.kpi_ref = cells.ref(kpi_field.key)
        if kpi_field is not None:
            self._kpi_columns(cells, row, kpi_field.key)
        if cells.has("items"):
            row.items_text, row.items_ref = cells.text("items"), cells.ref("items")
            row.kpi_ref = row.kpi_ref or row.items_ref
            row.kpi_text = row.kpi_text or ""
        rows[number] = row
        return row

    @staticmethod
    def _kpi_columns(cells: _Cells, row: _Row, kpi_key: str) -> None:
        """Columns under a KPI heading (KPI over 指標 | 目標値 | 目標年度) become lines of the KPI text,
        「指標：…、目標値：…」, one per line of their cells when they have as many lines each."""
        parts = [(k.split(":", 1)[1], cells.text(k)) for k in cells.columns if k.startswith(kpi_key + ":")]
        parts = [(label, text.strip()) for label, text in parts if text.strip()]
        if not parts:
            return
        split = [text.splitlines() for _, text in parts]
        if len({len(lines) for lines in split}) == 1 and len(split[0]) > 1:
            lines = ["、".join(f"{label}：{line.strip()}" for (label, _), line in zip(parts, group))
                     for group in zip(*split)]
        else:
            lines = ["、".join(f"{label}：{' '.join(text.split())}" for label, text in parts)]
        row.kpi_text = "\n".join(t for t in ((row.kpi_text or "").strip(), *lines) if t)
        row.kpi_ref = row.kpi_ref or cells.ref(next(k for k in cells.columns if k.startswith(kpi_key + ":")))

    def _in_scope(self, cells: _Cells, key: str, stored: SheetData, ministry: str) -> bool:
        """Whether the stored sheet an ID cell names belongs to the ministry this form (or row) is for: a row
        copied from another ministry's form must not turn that ministry's sheet into this one's."""
        scope = self.scope or ministry
        if scope and stored.ministry and stored.ministry != scope:
            what = "前年度ID" if key == "predecessor_id" else "ID"
            self.error(cells.ref(key), f"{what} {stored.id} は{stored.ministry}の施策です。この行（{scope}）からは"
                                       "変更できないため、取り込みません。他の府省庁の調査票から写した行であれば、"
                                       f"{what}のセルを空にして新しい施策として記入してください。")
            return False
        return True

    def _match(self, cells: _Cells, year: int, ministry: str) -> SheetData | None | bool:
        """The stored sheet a row of a form without IDs (another tool's) stands for: the one sheet of the same
        year, ministry and title, so that importing the same form again updates instead of duplicating.
        None: no such sheet (the row is created); False: several, reported."""
        title = " ".join(cells.peek(self.survey.title_field).split())
        ministry = cells.peek("ministry").strip() if cells.has("ministry") else ministry
        if not title:
            return None
        finder = getattr(self.existing, "matching", None)
        if finder is not None:
            ids = finder(self.survey.key, year, ministry, title)
        else:       # a plain mapping of the sheets (tests, callers without a database)
            ids = sorted(s.id for s in self.existing.values() if s.fiscal_year == year and s.ministry == ministry
                         and " ".join(s.text(self.survey.title_field).split()) == title)
        ref = cells.ref(self.survey.title_field)
        if len(ids) > 1:
            self.error(ref, f"{format_fiscal_year(year)}・{ministry or '（府省庁なし）'}に施策名「{title}」の施策が"
                            f"複数あります（ID {'・'.join(map(str, ids))}）。どの施策の内容か特定できないため、"
                            "ID 付きの調査票（sesaku-desk template）に記入して取り込んでください。")
            return False
        if not ids:
            return None
        if ids[0] in self.seen_ids:
            self.error(ref, f"施策名「{title}」の施策（ID {ids[0]}）が {self.seen_ids[ids[0]]} にもあります。")
            return False
        self.seen_ids[ids[0]] = f"{self.file} {ref}"
        return self.existing.get(ids[0])

    def _new_sheet(self, base: SheetData | None, year: int) -> SheetData:
        """A new sheet, or next year's sheet of ``base`` made by the one copy rule (every mark goes with it)."""
        if base is None:
            return SheetData(survey_key=self.survey.key, fiscal_year=year)
        return successor(self.survey, base, year)

    def _apply_list_cells(self, sheet: SheetData, base: SheetData | None, cells: _Cells, default_ministry: str | None
                          ) -> None:
        survey = self.survey
        for key in ("ministry", "bureau", "person", "contact"):
            if cells.has(key):
                setattr(sheet, key, cells.text(key))
        if default_ministry and not sheet.ministry:
            sheet.ministry = default_ministry
        old_texts = {f.key: sheet.text(f.key) for f in survey.text_fields}
        for f in survey.fields:
            if not cells.has(f.key):
                continue
            if f.kind is FieldKind.CLASSIFICATION:
                text = cells.text(f.key).strip()
                if not text:
                    sheet.classification = None
                else:
                    choice, could_be = foreign.match_choice(survey, text)
                    if choice is None:
                        listed = "、".join(f"「{survey.classification_display(c.code)}」" for c in could_be)
                        self.error(cells.ref(f.key), f"「{f.label}」の「{text}」は選択肢にありません。"
                                                     f"次のいずれかを記入してください：{listed}")
                    else:
                        if text not in (choice.label, choice.code, survey.classification_display(choice.code)):
                            self.warn(cells.ref(f.key), f"「{f.label}」の「{text}」を"
                                                        f"「{survey.classification_display(choice.code)}」と読みました。")
                        sheet.classification = choice.code
            elif f.kind.has_text:
                sheet.fields[f.key] = cells.text(f.key)
        if cells.has("areas"):
            codes = []
            for label in _SPLIT_AREAS.split(cells.text("areas")):
                if not label.strip():
                    continue
                area = survey.area_by_label(label)
                if area is None:
                    self.error(cells.ref("areas"), f"「{survey.areas_label}」の「{label.strip()}」は選択肢にありません。")
                elif area.code not in codes:
                    codes.append(area.code)
            sheet.areas = codes
        pending = {id(m) for m in sheet.marks if m.unplaced}
        for f in survey.text_fields:
            new = sheet.text(f.key)
            if new != old_texts[f.key]:
                self._reanchor(sheet, f.key, old_texts[f.key], new)
        self._field_marks(sheet, cells, pending, old_texts)

    @staticmethod
    def _overwritten(mark: MarkData, added: list[MarkData], old: str, new: str) -> MarkData | None:
        """The form's marked passage where ``mark``'s passage stood, when it was rewritten between its markers
        (as typing over a marked passage in the editor keeps it marked); None otherwise."""
        if mark.start is None or mark.end is None:
            return None
        diff = diff_texts(old, new)
        a, b = diff.map_offset(mark.start), diff.map_offset(mark.end, after=True)
        for x in added:
            if x.part == mark.part and x.start is not None and x.end is not None and x.start <= a and b <= x.end:
                return x
        return None

    def _reanchor(self, sheet: SheetData, key: str, old: str, new: str) -> None:
        """Move marks and citations of a changed field to where their text is now (see the module doc)."""
        current = sheet.text(key)
        sheet.fields[key] = old
        replace_text(sheet, key, current)

    def _field_marks(self, sheet: SheetData, cells: _Cells, pending: set[int], old_texts: dict[str, str]) -> None:
        """The form's markers become marks; a mark whose passage left its field follows it or is flagged."""
        survey = self.survey
        added: list[MarkData] = []
        for f in survey.text_fields:
            text = sheet.text(f.key)
            for a, b in cells.marked.get(f.key, []):
                if not _span_covered(sheet, f.key, a, b):
                    added.append(MarkData(reason=form_marks.REASON_FORM, part=Part.field(f.key), start=a, end=b,
                                          text=text[a:b]))
        sheet.marks.extend(added)
        keys = [f.key for f in survey.text_fields]
        for m in list(sheet.marks):
            if not m.unplaced or id(m) in pending or m.part.kind is not PartKind.FIELD \
                    or not survey.has_field(m.part.key):
                continue
            label, ref = survey.field(m.part.key).label, cells.ref(m.part.key)
            over = self._overwritten(m, added, old_texts.get(m.part.key, ""), sheet.text(m.part.key))
            if over is not None:        # rewritten between its markers: the marked wording is the new one
                sheet.marks.remove(m)
                over.reason, over.id = m.reason, m.id
                continue
            found = [(k, a, b) for k in keys if k != m.part.key
                     for a, b in (find_passage(sheet.text(k), m.text) if m.text else [])]
            by_markers = [x for x in added if any(x.part.key == k and (x.start, x.end) == (a, b) for k, a, b in found)]
            moved = [(k, a, b) for k, a, b in found if not _span_covered(sheet, k, a, b)]
            if not by_markers and not moved:
                self.warn(ref, f"「{label}」の非公開箇所「{_excerpt(m.text)}」が調査票の記載に見つからないため、"
                               "「非公開の確認が必要」としました。取り込み後に編集画面で指定し直すか解除してください。")
                continue
            sheet.marks.remove(m)           # its passage is now elsewhere: the mark goes with it
            for x in by_markers:
                x.reason = m.reason
            for i, (k, a, b) in enumerate(moved):
                sheet.marks.append(replace(m, part=Part.field(k), start=a, end=b, text=sheet.text(k)[a:b],
                                           unplaced=False, id=m.id if i == 0 else None))
            where = "・".join(dict.fromkeys(f"「{survey.field(k).label}」" for k, _, _ in found))
            self.warn(ref, f"「{label}」の非公開箇所「{_excerpt(m.text)}」が{where}に移されていたため、"
                           "移した先を非公開にしました（非公開は解除されていません）。")
        if not self.carries_marks:
            return
        for m in sheet.marks:       # markers taken away in Excel: the mark stays, and the person is told
            key = m.part.key
            if m in added or m.unplaced or m.part.kind is not PartKind.FIELD or not cells.has(key) \
                    or not survey.has_field(key) or not survey.field(key).kind.has_text or not sheet.text(key):
                continue
            text = sheet.text(key)
            a, b = mark_span(m, text, survey.field(key).kind) or (0, len(text))
            if b > a and not any(x <= a and b <= y for x, y in cells.marked.get(key, [])):
                self.warn(cells.ref(key), f"「{survey.field(key).label}」の非公開箇所「{_excerpt(text[a:b])}」の"
                                          f"{form_marks.START}の印が消されていますが、非公開は解除されていません。"
                                          "解除は施策デスクの編集画面で行ってください。")

    # --- KPI -------------------------------------------------------------------

    def _kpi_rows(self, ws, found: tuple[int, dict[str, list[int]], Iterator], rows: dict[int, _Row]) -> None:
        header, labels, below = found
        years = []
        for label in labels:
            if label.endswith(ACTUAL_SUFFIX):
                try:
                    years.append(parse_fiscal_year(label[: -len(ACTUAL_SUFFIX)]))
                except FiscalYearError:
                    continue
        columns = self._columns(ws.title, labels, kpi_columns(self.survey, sorted(years)))
        if columns is None:
            return
        if "number" not in columns:
            self.error(f"{ws.title}!{header}", "KPI シートに「No.」の列がありません。")
            return
        content = [k for k in columns if k not in ("kpi_id", "item_id", "number", "title", "nonpublic")]
        kpi_keys = [k for k in content if k not in ("item_number", "item_title", "plan_text")]
        items: dict[int, dict[tuple, ItemData]] = {n: {} for n in rows}
        for r, row in self._data_rows(ws, header, below):
            cells = _Cells(self, ws.title, r, row, columns)
            if cells.empty(content):
                continue
            number = cells.integer("number")
            if number in self._refused_numbers and number not in rows:
                continue            # its 一覧 row is refused, with the reason
            if number is None or number not in rows:
                self.error(cells.ref("number"), "一覧シートにない No. です。一覧の No. を記入してください。"
                           if number is not None else "No. を記入してください。")
                continue
            target = rows[number]
            item = self._item(cells, target, items[number])
            if item is None:
                continue
            i = list(items[number].values()).index(item)
            target.kpi_refs.setdefault((i, None), cells.ref("item_title"))
            kpi = None
            if not cells.empty(kpi_keys):
                kpi = self._kpi(cells, target, sorted(years), item)
                item.kpis.append(kpi)
                target.kpi_refs[(i, len(item.kpis) - 1)] = cells.ref("indicator")
            self._row_marks(cells, target, item, kpi)
        for number, row in rows.items():
            row.sheet.items = list(items[number].values())
            self._item_marks(row)

    def _kpi_texts(self, rows: dict[int, _Row]) -> None:
        """A free-text 実施項目・KPI cell (another tool's form has no KPI sheet) is read, never dropped: each
        target in its lines becomes a KPI proposal for review (form_plan.KpiProposal: indicator, target, unit,
        year, qualifier, direction, baseline and actuals read by desktop.survey.kpi_text, next to the line as
        written); a line with no target it can read stays as text (a KPI whose indicator is the line) and is
        listed; a line saying it is still being considered, 「検討中」, becomes the 今後の検討予定. They go
        under one 実施項目 named by the form's 実施項目 cell or, without one, after the measure. Until a
        person decides the proposals the sheet holds every line as text, and the plan cannot be saved. A sheet
        that already has 実施項目 keeps them; the text is then only listed."""
        for row in rows.values():
            text = (row.kpi_text or "").strip()
            if not text and not row.items_text.strip():
                continue
            lines = [line for raw in text.splitlines() if (line := _KPI_BULLET.sub("", raw).strip())]
            listed = "、".join(f"「{_excerpt(line, 40)}」" for line in lines)
            sheet = row.sheet
            if sheet.items:
                stored = [k.indicator for i in sheet.items for k in i.kpis]
                if stored != lines:
                    self.warn(row.kpi_ref, f"KPI・実施項目の記載は、登録済みの実施項目・KPI を残すため取り込んでいません。"
                                           f"必要なら編集画面で反映してください：{listed or _excerpt(row.items_text)}")
                continue
            plans = [line for line in lines if _PLANNED.search(line) and not re.search(r"\d", line)]
            proposals = []
            for line in dict.fromkeys(line for line in lines if line not in plans):
                found = parse_kpis(line)
                proposals += [KpiProposal(line, row.kpi_ref, _proposed(p, line)) for p in found] or \
                    [KpiProposal(line, row.kpi_ref, None)]
            item_lines = [line for raw in row.items_text.splitlines() if (line := _KPI_BULLET.sub("", raw).strip())]
            title = "、".join(item_lines) or " ".join(sheet.text(self.survey.title_field).split())
            item = ItemData(title=title, plan_text="\n".join(plans))
            sheet.items = [item]
            row.kpi_review, row.kpi_item = proposals, item.key
            settle_kpis(sheet, item.key, proposals)      # every line as text until a person decides
            self._withhold_marked_kpi_text(row, item)
            row.kpi_refs[(0, None)] = row.kpi_ref or row.items_ref
            for k in range(len(item.kpis)):
                row.kpi_refs[(0, k)] = row.kpi_ref
            named = "実施項目の名称は調査票の「実施項目」の記載" if item_lines else "実施項目の名称は施策名を仮に入れています"
            readable = [p for p in proposals if p.readable]
            unreadable = [p.line for p in proposals if not p.readable]
            if readable:
                self.warn(row.kpi_ref, f"KPI の記載から KPI を {len(readable)}件読み取りました（{named}）。"
                                       "取り込む前に、読み取った指標・目標値・単位・年度などを原文と見比べて確認し、"
                                       "読み取りどおり（または修正して）登録するか、文章のまま残すかを選んでください："
                                       + "、".join(dict.fromkeys(f"「{_excerpt(p.line, 40)}」" for p in readable)))
            if unreadable:
                self.warn(row.kpi_ref, f"KPI の記載 {len(unreadable)}件は目標値を読み取れないため、文章のまま KPI の"
                                       f"指標として取り込みます（{named}）。目標値・単位・年度などは取り込み後に"
                                       "編集画面で入力してください：" + "、".join(f"「{_excerpt(t, 40)}」" for t in unreadable))
            if plans:
                self.warn(row.kpi_ref, "KPI の記載のうち「" + "」「".join(_excerpt(p, 40) for p in plans) +
                                       "」を、KPI 未設定の今後の検討予定として取り込みました。")

    def _withhold_marked_kpi_text(self, row: _Row, item: ItemData) -> None:
        """Fail closed: a passage marked 【非公開】 in a free-text 実施項目・KPI cell cannot be followed through the
        readings a person may still correct, so the whole 実施項目 read from the cell is withheld (its mark
        holds the marked passages, which the leak check looks for); the person narrows it in the editor."""
        kpi_field = self.survey.first_field_of_kind(FieldKind.KPI_ITEMS)
        cells = row.cells
        keys = [k for k in ((kpi_field.key if kpi_field is not None else ""), "items") if k and cells.marked.get(k)]
        if not keys:
            return
        passages = [cells.text(k)[a:b] for k in keys for a, b in cells.marked[k]]
        row.sheet.marks.append(MarkData(reason=form_marks.REASON_FORM, part=Part.item(item.key),
                                        text="\n".join(p for p in passages if p.strip())))
        self.warn(cells.ref(keys[0]), "KPI の記載に非公開の印があるため、読み取った実施項目・KPI 全体を非公開にしました"
                                      "（公開版には載りません）。公開してよい KPI は、取り込み後に編集画面で"
                                      "非公開の範囲を絞ってください：" + "、".join(f"「{_excerpt(p, 40)}」" for p in passages))

    def _row_marks(self, cells: _Cells, target: _Row, item: ItemData, kpi: KpiData | None) -> None:
        """What one KPI row marks: values between markers (a whole value each) and the 非公開 column."""
        for key, spans in cells.marked.items():
            if not spans:
                continue
            if key in ("item_title", "plan_text"):
                attr = "title" if key == "item_title" else key
                part, value = Part.item(item.key, attr), getattr(item, attr)
            elif kpi is not None:
                part, value = Part.kpi(kpi.key, key), kpi.value(key) or ""
            else:
                continue
            target.form_parts.append((part, cells.ref(key)))
            if spans != [(0, len(value))]:
                self.warn(cells.ref(key), "KPI シートの値は一部だけを非公開にできないため、値全体を非公開にします。")
        if not cells.has("nonpublic") or cells.empty(["nonpublic"]):
            return
        text = cells.text("nonpublic")
        flag = form_marks.row_flag(text)
        if flag is None:
            self.error(cells.ref("nonpublic"), f"「{form_marks.LABEL_NONPUBLIC}」の列の「{text.strip()}」は使えません。"
                                               f"「{form_marks.WHOLE_KPI}」「{form_marks.WHOLE_ITEM}」のいずれかを選択するか、"
                                               "空欄にしてください。")
        elif flag:
            whole_item = kpi is None or "実施項目" in text
            target.form_parts.append((Part.item(item.key) if whole_item else Part.kpi(kpi.key),
                                      cells.ref("nonpublic")))

    def _item_marks(self, row: _Row) -> None:
        """The KPI sheet's marks become marks; marks it no longer shows stay, and the person is told."""
        sheet = row.sheet
        marked = []
        for part, _ref in row.form_parts:
            if part not in marked and sheet.exists(part) and not _part_covered(self.survey, sheet, part):
                sheet.marks.append(MarkData(reason=form_marks.REASON_FORM, part=part, text=sheet.part_text(part)))
            marked.append(part)
        if not self.carries_marks:
            return
        kpi_field = self.survey.first_field_of_kind(FieldKind.KPI_ITEMS)
        if kpi_field is not None and sheet.items and any(
                m.part == Part.field(kpi_field.key) and not m.is_span and not m.unplaced for m in sheet.marks) \
                and not all(Part.item(i.key) in marked for i in sheet.items):
            self.warn(row.cells.ref("number"), f"「{kpi_field.label}」全体の非公開の印（{form_marks.WHOLE_ITEM}）が"
                                               "消されていますが、非公開は解除されていません。"
                                               "解除は施策デスクの編集画面で行ってください。")
        for m in sheet.marks:
            part = m.part
            if m.unplaced or part.kind not in (PartKind.ITEM, PartKind.KPI) or not sheet.exists(part) \
                    or not sheet.part_text(part):
                continue
            if not any(p == part or (p.is_whole and p == part.whole) for p in marked):
                ref = next((r for p, r in row.form_parts if p.whole == part.whole), row.cells.ref("number"))
                self.warn(ref, f"{_describe(sheet, part)}の非公開の印が消されていますが、非公開は解除されていません。"
                               "解除は施策デスクの編集画面で行ってください。")

    def _item(self, cells: _Cells, target: _Row, items: dict[tuple, ItemData]) -> ItemData | None:
        item_id = cells.integer("item_id")
        number = cells.text("item_number").strip()
        title = cells.text("item_title")
        plan = cells.text("plan_text")
        stored = {i.id: i for i in (target.base.items if target.base is not None else []) if i.id is not None}
        if item_id is not None and item_id not in stored:
            self.error(cells.ref("item_id"), f"実施項目ID {item_id} はこの施策の実施項目ではありません（別の施策・"
                                             "調査票から写した行か、IDが書き換えられています）。新しい実施項目であれば、"
                                             "実施項目IDのセルを空にしてください。")
            return None
        if item_id is None and not cells.has("item_id") and target.before is not None:
            item_id = _unique([i.id for i in stored.values() if i.title == title])   # a form without IDs
        key = ("id", item_id) if item_id is not None else ("no", number) if number else ("title", title)
        item = items.get(key)
        if item is None:
            reuse = item_id is not None and target.before is not None
            item = ItemData(title=title, plan_text=plan, id=item_id if reuse else None)
            if item_id is not None:
                item.key = stored[item_id].key      # the same 実施項目: marks name it by its key
            items[key] = item
        else:
            if title and title != item.title:
                self.warn(cells.ref("item_title"), f"同じ実施項目で名称が異なります（「{item.title}」を使います）。")
            if plan:
                if item.plan_text and plan != item.plan_text:
                    self.warn(cells.ref("plan_text"), "同じ実施項目で今後の検討予定が複数あります（最初の記載を使います）。")
                elif not item.plan_text:
                    item.plan_text = plan
        return item

    def _kpi(self, cells: _Cells, target: _Row, years: list[int], item: ItemData) -> KpiData:
        kpi_id = cells.integer("kpi_id")
        stored = {k.id: k for _, k in (target.base.all_kpis() if target.base is not None else []) if k.id is not None}
        if kpi_id is None and not cells.has("kpi_id") and target.before is not None and item.id is not None:
            indicator = cells.peek("indicator")      # a form without IDs: the same item's KPI of that name
            kpi_id = _unique([k.id for i in target.before.items if i.id == item.id for k in i.kpis
                              if k.indicator == indicator and k.id not in _kpi_ids(item)])
        base = stored.get(kpi_id) if kpi_id is not None else None
        if kpi_id is not None and base is None:
            self.error(cells.ref("kpi_id"), f"KPI ID {kpi_id} はこの施策の KPI ではありません（別の施策・調査票から"
                                            "写した行か、IDが書き換えられています）。新しい KPI であれば、"
                                            "KPI ID のセルを空にしてください。")
        kpi = _clone(base) if base is not None else KpiData()
        kpi.id = base.id if base is not None and target.before is not None else None
        if cells.has("indicator"):
            kpi.indicator = cells.text("indicator")
        if cells.has("unit"):
            kpi.unit = cells.text("unit")
        if cells.has("data_source"):
            kpi.data_source = cells.text("data_source")
        for key, enum, attr in (("kind", KpiKind, "kind"), ("direction", Direction, "direction"),
                                ("target_kind", TargetKind, "target_kind")):
            text = cells.text(key).strip() if cells.has(key) else ""
            if text:
                try:
                    setattr(kpi, attr, enum.from_text(text))
                except ValueError as exc:
                    self.error(cells.ref(key), str(exc))
        if cells.has("horizon"):
            text = cells.text("horizon").strip()
            try:
                kpi.horizon = Horizon.from_text(text) if text else None
            except ValueError as exc:
                self.error(cells.ref("horizon"), str(exc))
        if cells.has("quantitative"):
            text = cells.text("quantitative").strip()
            if text in (QUANTITATIVE, ""):
                kpi.quantitative = True
            elif text == QUALITATIVE:
                kpi.quantitative = False
            else:
                self.error(cells.ref("quantitative"), f"「{text}」は使えません（{QUANTITATIVE}・{QUALITATIVE}）。")
        for key in ("baseline_value", "target_value"):
            if cells.has(key):
                setattr(kpi, key, normalize_value(cells.text(key)))
        for key in ("baseline_year", "target_year"):
            if cells.has(key):
                setattr(kpi, key, cells.year(key))
        if cells.has("qualifier"):
            text = cells.text("qualifier").strip()
            try:
                kpi.qualifier = Qualifier.from_text(text) if text else None
            except ValueError as exc:
                self.error(cells.ref("qualifier"), str(exc))
        if kpi.qualifier is None:     # 「4位以内」 typed in the target cell: the qualifier it says
            kpi.target_value, kpi.qualifier = split_qualifier(kpi.target_value, kpi.unit)
        for year in years:
            value = normalize_value(cells.text(f"actual:{year}"))
            if value is None:
                kpi.actuals.pop(year, None)
            else:
                kpi.actuals[year] = value
        return kpi

    # --- the plan ----------------------------------------------------------------

    def _lost_parts(self, row: _Row) -> None:
        """A mark whose 実施項目, KPI or citation the form no longer has (renamed in a form without ids,
        deleted) is never dropped: it keeps its text, is flagged 「非公開の確認が必要」, and the person is told."""
        sheet = row.sheet
        for m in sheet.marks:
            if m.unplaced or m.part.kind not in (PartKind.ITEM, PartKind.KPI, PartKind.CITATION) \
                    or sheet.exists(m.part):
                continue
            old = row.base if row.base is not None and row.base.exists(m.part) else row.before
            m.text = m.text or (old.part_text(m.part) if old is not None else "")
            m.unplaced = True
            name = _describe(old, m.part) if old is not None else str(m.part)
            self.warn(row.cells.ref(self.survey.title_field),
                      f"{name}の非公開の指定を、調査票の内容に対応付けられません（名称が変わったか、行が削除されています）。"
                      "「非公開の確認が必要」としました。取り込み後に編集画面で指定し直すか解除してください。")

    def _requests(self, row: _Row) -> None:
        """Requests written in 公開範囲に関する希望 that nothing marks yet flag the sheet for a person."""
        sheet, survey = row.sheet, self.survey
        texts = [f.key for f in survey.text_fields if f.kind is not FieldKind.DISCLOSURE]
        for f in survey.fields:
            if f.kind is not FieldKind.DISCLOSURE or not sheet.text(f.key).strip():
                continue
            ref = row.cells.ref(f.key)
            before = row.before.text(f.key) if row.before is not None else None
            for request in requests(sheet.text(f.key), self._labels):
                wanted: list[tuple[str, str]] = []        # (field key, text) a person has to look at
                for passage in request.passages:
                    found = [(k, a, b) for k in texts for a, b in find_passage(sheet.text(k), passage)]
                    parts = [p for p in _item_parts(sheet) if reader_form(sheet.part_text(p)) == reader_form(passage)]
                    if parts and not found and all(_part_covered(survey, sheet, p) for p in parts):
                        continue         # it names a marked 実施項目 or KPI
                    if not found or not all(_span_covered(sheet, k, a, b) for k, a, b in found):
                        wanted.append((found[0][0] if found else f.key, passage))
                for key in request.fields:
                    if sheet.text(key) and not any(m.part == Part.field(key) and not m.unplaced for m in sheet.marks):
                        wanted.append((key, sheet.text(key)))
                if not request.passages and not request.fields:
                    if not any(not m.unplaced for m in sheet.marks):
                        wanted.append((f.key, request.sentence))
                    elif sheet.text(f.key) != before:
                        self.warn(ref, f"「{f.label}」に非公開の希望があります（「{_excerpt(request.sentence)}」）。"
                                       "指定済みの非公開箇所で足りているか、取り込み後に確認してください。")
                for key, text in wanted:
                    if any(m.unplaced and reader_form(m.text) == reader_form(text) for m in sheet.marks):
                        continue         # flagged already
                    sheet.marks.append(MarkData(reason=f"{f.label}による（{_excerpt(request.sentence)}）",
                                                part=Part.field(key), text=text, unplaced=True))
                    self.warn(ref, f"「{f.label}」に「{_excerpt(text)}」を非公開とする希望がありますが、非公開に"
                                   "指定されていません。「非公開の確認が必要」としました。取り込み後に編集画面で"
                                   "該当箇所を非公開に指定するか、解除してください。")

    def _finish(self, row: _Row) -> None:
        sheet = row.sheet
        self._lost_parts(row)
        self._requests(row)
        survey, file = self.survey, self.file

        def checks(checked: SheetData) -> list[ImportProblem]:
            """The sheet's validation, each problem at its cell (again after KPIs read from text are decided)."""
            out = []
            for problem in validate_sheet(survey, checked):
                if problem.item_index is not None and (problem.item_index, problem.kpi_index) in row.kpi_refs:
                    ref = row.kpi_refs[(problem.item_index, problem.kpi_index)]
                elif problem.item_index is not None and (problem.item_index, None) in row.kpi_refs:
                    ref = row.kpi_refs[(problem.item_index, None)]
                elif problem.field in row.cells.columns:
                    ref = row.cells.ref(problem.field)
                else:
                    ref = row.cells.ref(survey.title_field)
                out.append(ImportProblem(file, ref, problem.message, problem.severity))
            return out

        planned = PlannedSheet(sheet, row.before, row.location, changes(self.survey, row.before, sheet),
                               kpi_review=row.kpi_review, kpi_item=row.kpi_item,
                               checks=checks(sheet), check=checks if row.kpi_review else None)
        cycle = self.survey.review
        if row.before is not None and planned.changes and cycle.is_locked(row.before.status):
            self.error(row.cells.ref("id") if row.cells.has("id") else row.cells.ref(self.survey.title_field),
                       f"ID {row.before.id} の施策は「{row.before.status.label}」のため、この行の変更"
                       f"（{'、'.join(dict.fromkeys(c.label for c in planned.changes[:3]))}など）は取り込めません。"
                       + cycle.locked_message(row.before.status))
            return
        self.plan.warnings.extend(planned.checks)
        if row.before is None:
            self.plan.creates.append(planned)
        elif planned.changes:
            self.plan.updates.append(planned)
        else:
            self.plan.unchanged.append(planned)


def _excerpt(text: str, length: int = 30) -> str:
    flat = " ".join((text or "").split())
    return flat if len(flat) <= length else flat[:length] + "…"


def _span_covered(sheet: SheetData, key: str, a: int, b: int) -> bool:
    """Whether the placed marks of field ``key`` already withhold [a, b) (touching marks together: the form
    shows them as one passage)."""
    spans = []
    for m in sheet.marks:
        if m.unplaced or m.part != Part.field(key):
            continue
        if not m.is_span:
            return True
        if m.start is not None and m.end is not None:
            spans.append((m.start, m.end))
    return any(x <= a and b <= y for x, y in merge_spans(spans))


def _part_covered(survey: SurveyDefinition, sheet: SheetData, part: Part) -> bool:
    """Whether a placed mark already withholds an 実施項目, KPI or value (its own, its KPI's, its item's,
    or a whole-field mark on the 実施項目・KPI field)."""
    kpi_field = survey.first_field_of_kind(FieldKind.KPI_ITEMS)
    item_key = part.key if part.kind is PartKind.ITEM else \
        next((i.key for i in sheet.items for k in i.kpis if k.key == part.key), None)
    for m in sheet.marks:
        if m.unplaced:
            continue
        p = m.part
        if p == part or (p.is_whole and p == part.whole) or (p.kind is PartKind.ITEM and p.is_whole
                                                             and p.key == item_key):
            return True
        if kpi_field is not None and p == Part.field(kpi_field.key) and not m.is_span:
            return True
    return False


def _item_parts(sheet: SheetData) -> list[Part]:
    """Every 実施項目 and KPI of the sheet, and their text values: what a request may name."""
    out = []
    for item in sheet.items:
        out += [Part.item(item.key, "title"), Part.item(item.key, "plan_text")]
        for kpi in item.kpis:
            out += [Part.kpi(kpi.key)] + [Part.kpi(kpi.key, a) for a in KPI_TEXT_ATTRIBUTES]
    return out


def _describe(sheet: SheetData, part: Part) -> str:
    """実施項目「…」, KPI「…」 (with the value), 出典「…」: what a message names."""
    if part.kind is PartKind.ITEM:
        item = sheet.item_by_key(part.key)
        what = {"title": "の名称", "plan_text": "の今後の検討予定"}.get(part.attr, "")
        return f"実施項目「{_excerpt(item.title if item else '')}」{what}"
    if part.kind is PartKind.KPI:
        kpi = sheet.kpi_by_key(part.key)
        name = _excerpt(kpi.indicator if kpi else "")
        if not part.attr:
            return f"KPI「{name}」"
        what = f"{format_fiscal_year(part.year)}実績" if part.year is not None else \
            KPI_VALUE_LABELS.get(part.attr, part.attr)
        return f"KPI「{name}」の{what}"
    if part.kind is PartKind.CITATION:
        c = sheet.citation_by_key(part.key)
        return f"出典「{_excerpt(c.quoted_text if c else '')}」"
    return str(part)


def _proposed(parsed: ParsedKpi, line: str) -> KpiData:
    """The KPI a reading proposes; a reading without an indicator names it by its line."""
    kpi = parsed.to_kpi()
    if not kpi.indicator.strip():
        kpi.indicator = line
    return kpi


def _unique(ids: list[int | None]) -> int | None:
    """The one id of a match by name; None when there is none or several (then the row is new)."""
    return ids[0] if len(ids) == 1 else None


def _kpi_ids(item: ItemData) -> set[int]:
    return {k.id for k in item.kpis if k.id is not None}


def read_forms(survey: SurveyDefinition, paths: Sequence[str | Path], existing: Mapping[int, SheetData],
               year: int | None = None) -> ImportPlan:
    """Read returned forms into a plan; nothing is written anywhere.

    ``existing`` maps sheet ids to the stored sheets the forms may refer to
    (this year's sheets for updates, last year's for new sheets started from
    them); only ``existing.get(id)`` is used, so a lazy mapping works.
    """
    reader = _Reader(survey, existing, year)
    with gc_paused():       # thousands of rows of sheet data pile up; none of it is garbage
        for path in paths:
            reader.scope, reader._stop, reader._any_sheet, reader._refused_numbers = "", False, False, set()
            reader.read(Path(path))
    return reader.plan


__all__ = ["FieldChange", "ImportPlan", "ImportProblem", "KpiProposal", "PlannedSheet", "check_file",
           "read_forms"]
