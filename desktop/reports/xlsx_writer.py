"""The Excel report: the same report model as the Word report, as tables to filter and sort.

Sheets: 一覧 (one row per measure, the format's fields in order plus
年度, 府省庁, 担当部局・課室, 状態), KPI (one row per KPI, one column per fiscal
year's actual and 達成率: the multi-year grid of every measure against its
baseline and target), 出典 (the citations, numbered as the ※n markers in the
text), then 集計 (the summary by 府省庁, 施策分類 and area) and KPI一覧 (every
KPI with this year's actual, 達成率 and 進捗), both built by summary.py from
the report as printed, in the public version too. Written in openpyxl's write-only mode, which streams rows and keeps
memory flat for thousands of sheets.

Every text cell is a string cell (see excel_cells): user text is never a
formula, XML-illegal characters are replaced, and text beyond Excel's cell
limit is refused with the sheet, the measure and the field named. The data
rows are written as text and spliced in after the save (xlsx_rows), which
keeps a thousand sheets within a second or so; the rows' text is spilled
to a temporary file as written and streamed into the package, so memory
stays flat in the number of rows.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from openpyxl import Workbook
from openpyxl.utils import get_column_letter

from desktop.reports.atomic import Verify, atomic_path, write_guard
from desktop.reports.errors import ReportCancelled
from desktop.reports.excel_cells import (
    BODY_FONT,
    MARK_FONT,
    NO_WRAP,
    NONPUBLIC_FILL,
    NUMBER,
    TITLE_FONT,
    WRAP,
    header_cell,
    plain_number,
    row_height,
    set_print_layout,
    text_cell,
)
from desktop.reports.model import (
    KPI_HEADERS,
    KPI_PROGRESS_HEADERS,
    LABEL_BUREAU,
    LABEL_CONTACT,
    LABEL_KPI_LIST,
    LABEL_MEASURE_NUMBER,
    LABEL_MINISTRY,
    LABEL_NUMBER,
    LABEL_PERSON,
    LABEL_STATUS,
    LABEL_YEAR,
    Audience,
    Report,
    Section,
    footnote_marker,
)
from desktop.reports import xlsx_summary
from desktop.reports.summary import build_summary, kpi_list, shown_value
from desktop.reports.textsafe import header_footer_text, printable
from desktop.reports.xlsx_rows import Look, SheetRows, splice
from desktop.survey.vocabulary import KPI_COLUMN_LABELS
from desktop.survey.progress import achievement_rate
from desktop.survey.sheet import parse_number
from desktop.survey.wareki import format_fiscal_year

Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]

SHEET_LIST = "一覧"
SHEET_KPI = "KPI"
SHEET_SOURCES = "出典"

KPI_EXTRA = tuple(KPI_COLUMN_LABELS[a] for a in ("kind", "direction", "baseline_value", "baseline_year",
                                                  "target_value", "target_year", "data_source"))
TARGET_HEADERS = (KPI_COLUMN_LABELS["qualifier"], KPI_COLUMN_LABELS["target_kind"], "目標水準")   # qualifier, kind, the level a relative target means
SOURCE_HEADERS = ("注番号", "入力項目", "出典", "引用文")
SHEET_MARKS = "非公開一覧"   # internal report only
MARK_HEADERS = ("箇所番号", "項目", "非公開の内容", "理由")
RATE_HEADER = "達成率（%）"
PROGRESS_HEADER = KPI_PROGRESS_HEADERS[1]

_WIDE, _NORMAL = 30, 20


class _Sheet:
    """A write-only sheet with a title row, a styled header row and print set-up; data rows as text."""

    def __init__(self, wb: Workbook, report: Report, name: str, headers: list[str], widths: list[int],
                 rows: int, title_columns: str = "A:A") -> None:
        self.ws = wb.create_sheet(name)
        self.name = name
        ws = self.ws
        last = get_column_letter(len(headers))
        for i, width in enumerate(widths, start=1):
            ws.column_dimensions[get_column_letter(i)].width = width
        ws.freeze_panes = "A3"
        ws.auto_filter.ref = f"A2:{last}{max(rows + 2, 3)}"
        # Paper and scale from the column widths, so that 10 pt text never prints below 8 pt.
        self.layout = set_print_layout(ws, widths, title_rows="2:2", title_columns=title_columns)
        # The page header and footer need their own band above and below the body
        # (openpyxl's default header offset of 0.5" left them overlapping the first row).
        ws.page_margins.top = ws.page_margins.bottom = 0.75
        ws.page_margins.header = ws.page_margins.footer = 0.3
        ws.oddHeader.left.text = header_footer_text(report.title)
        ws.oddHeader.right.text = header_footer_text(f"【{report.marking}】")
        ws.oddHeader.right.font = "游ゴシック,Bold"
        ws.oddFooter.center.text = "&P / &N"
        as_of = f"{report.as_of_label}　" if report.as_of_label else ""
        title = text_cell(ws, f"{report.title}　{report.fiscal_year_label}　{report.ministry_label}　{as_of}"
                              f"作成日 {report.created_label}", sheet=name, measure="", field="表題",
                          font=TITLE_FONT, alignment=NO_WRAP, border=None)
        mark = text_cell(ws, f"【{report.marking}】", sheet=name, measure="", field="表題", font=MARK_FONT,
                         alignment=NO_WRAP, border=None)
        ws.append([title, *([None] * (len(headers) - 2)), mark] if len(headers) > 2 else [title, mark])
        ws.row_dimensions[2].height = row_height([(h, w) for h, w in zip(headers, widths)])
        ws.append([header_cell(ws, h) for h in headers])
        self.rows = SheetRows(ws, widths, first_row=3)

    def add(self, cells: list[tuple[object, Look]], measure: str) -> None:
        self.rows.add(cells, where={"sheet": self.name, "measure": measure})


TEXT = Look(BODY_FONT, WRAP)
TEXT_MARKED = Look(BODY_FONT, WRAP, NONPUBLIC_FILL)
NUMBER_LOOK = Look(BODY_FONT, NUMBER)
NUMBER_MARKED = Look(BODY_FONT, NUMBER, NONPUBLIC_FILL)
INTEGER = Look(BODY_FONT, NUMBER, number_format="#,##0")
INTEGER_MARKED = Look(BODY_FONT, NUMBER, NONPUBLIC_FILL, number_format="#,##0")
DECIMAL = Look(BODY_FONT, NUMBER, number_format="#,##0.0########")
DECIMAL_MARKED = Look(BODY_FONT, NUMBER, NONPUBLIC_FILL, number_format="#,##0.0########")
RATE = Look(BODY_FONT, NUMBER, number_format="0.0")
RATE_MARKED = Look(BODY_FONT, NUMBER, NONPUBLIC_FILL, number_format="0.0")


def _text(text: str | None, field: str, marked: bool = False) -> tuple[object, Look]:
    return (text or "", field), TEXT_MARKED if marked else TEXT


def _value(text: str | None, field: str, marked: bool = False) -> tuple[object, Look]:
    """A KPI value: a number cell when it reads as one (for analysis), otherwise the text as typed."""
    number = parse_number(text)
    if number is None:
        return (text or "", field), NUMBER_MARKED if marked else NUMBER_LOOK
    value = plain_number(number)
    if isinstance(value, int):
        return value, INTEGER_MARKED if marked else INTEGER
    return value, DECIMAL_MARKED if marked else DECIMAL


def _list_headers(report: Report) -> tuple[list[str], list[int]]:
    headers = [LABEL_NUMBER, LABEL_YEAR, LABEL_MINISTRY, LABEL_BUREAU]
    widths = [5, 11, 10, 14]
    for key, label in report.field_labels:
        headers.append(label)
        widths.append(_NORMAL if key == report.title_field or key == report.classification_field else _WIDE)
    headers.append(report.areas_label)
    widths.append(14)
    if report.shows_status:
        headers.append(LABEL_STATUS)
        widths.append(8)
    if report.audience is Audience.INTERNAL:
        headers += [LABEL_PERSON, LABEL_CONTACT]
        widths += [10, 14]
    return headers, widths


def _list_row(report: Report, s: Section) -> list[tuple[object, Look]]:
    row = [(s.number, NUMBER_LOOK), _text(s.fiscal_year_label, LABEL_YEAR), _text(s.ministry, LABEL_MINISTRY),
           _text(s.bureau, LABEL_BUREAU)]
    row += [_text(block.text, block.label, block.nonpublic) for block in s.fields]
    row.append(_text(s.areas, report.areas_label))
    if report.shows_status:
        row.append(_text(s.status, LABEL_STATUS))
    if report.audience is Audience.INTERNAL:
        row += [_text(s.person, LABEL_PERSON), _text(s.contact, LABEL_CONTACT)]
    return row


def _kpi_headers(report: Report) -> tuple[list[str], list[int]]:
    item, indicator, unit = KPI_HEADERS[:3]
    headers = [LABEL_NUMBER, report.title_label, LABEL_MINISTRY, item, indicator,
               KPI_EXTRA[0], KPI_EXTRA[1], unit, *KPI_EXTRA[2:6], *TARGET_HEADERS]
    headers += [f"{format_fiscal_year(y)}実績" for y in report.actual_years]
    headers += [f"{format_fiscal_year(y)}{RATE_HEADER}" for y in report.actual_years]
    headers += [PROGRESS_HEADER, KPI_EXTRA[6]]
    widths = [5, 24, 10, 22, 24, 11, 7, 7, 8, 11, 8, 11, 8, 8, 9] + [11] * (2 * len(report.actual_years)) + [9, 20]
    return headers, widths


def _kpi_rows(report: Report, s: Section) -> list[list[tuple[object, Look]]]:
    rows = []
    for k in s.kpis:
        m = k.nonpublic
        row = [(s.number, NUMBER_LOOK), _text(s.heading, report.title_label, m), _text(s.ministry, LABEL_MINISTRY, m),
               _text(k.item, KPI_HEADERS[0], m), _text(k.indicator, KPI_HEADERS[1], m), _text(k.kind, KPI_EXTRA[0], m),
               _text(k.direction.label if k.direction else "", KPI_EXTRA[1], m), _text(k.unit, KPI_HEADERS[2], m),
               _value(k.baseline_value, KPI_EXTRA[2], m),
               _text(format_fiscal_year(k.baseline_year) if k.baseline_year else "", KPI_EXTRA[3], m),
               _value(k.target_value, KPI_EXTRA[4], m),
               _text(format_fiscal_year(k.target_year) if k.target_year else "", KPI_EXTRA[5], m),
               _text(k.qualifier.label if k.qualifier else "", TARGET_HEADERS[0], m),
               _text(k.target_kind.label, TARGET_HEADERS[1], m),
               _value(k.target_level or None, TARGET_HEADERS[2], m)]
        row += [_value(k.actual_of(year) or None, f"{format_fiscal_year(year)}実績", m) for year in report.actual_years]
        row += [_rate(k, year, m) for year in report.actual_years]
        row += [_text(k.progress, PROGRESS_HEADER, m), _text(k.data_source, KPI_EXTRA[6], m)]
        rows.append(row)
    return rows


def _rate(k, year: int, marked: bool) -> tuple[object, Look]:
    """The 達成率 of one year's actual, as a number with one decimal (desktop.survey.progress decides it)."""
    rate, _method = achievement_rate(k.direction, k.baseline_value, k.target_value, k.actual_of(year) or None,
                                     k.target_kind, k.qualifier)
    if rate is None:
        return ("", RATE_HEADER), NUMBER_MARKED if marked else NUMBER_LOOK
    return float(round(rate, 1)), RATE_MARKED if marked else RATE


def _source_rows(report: Report, s: Section) -> list[list[tuple[object, Look]]]:
    return [[(s.number, NUMBER_LOOK), _text(s.heading, report.title_label),
             _text(footnote_marker(note.number), SOURCE_HEADERS[0]), _text(note.field_label, SOURCE_HEADERS[1]),
             _text(note.text, SOURCE_HEADERS[2]), _text(note.quoted_text, SOURCE_HEADERS[3])]
            for note in s.footnotes]


def _discard(wb: Workbook) -> None:
    """Close an abandoned write-only workbook's row streams and delete their temporary files.

    openpyxl streams each write-only sheet to a temporary file that it removes
    only at interpreter exit; a GUI session may cancel many exports.
    """
    for ws in wb.worksheets:
        writer = getattr(ws, "_writer", None)
        if writer is None:
            continue
        try:
            ws.close()
        except Exception:  # noqa: BLE001 - best effort on a path that is already failing
            pass
        try:
            writer.cleanup()
        except OSError:
            pass


def _summary_sheet(wb: Workbook, report: Report, overview) -> _Sheet:
    """The 集計 sheet (xlsx_summary) of the report's summary; ``overview`` adds the sheets with errors."""
    summary = build_summary(report)
    if report.audience is Audience.PUBLIC:
        overview = None      # validation errors are workflow figures: internal only
    table = xlsx_summary.summary_rows(summary, overview)
    sheet = _Sheet(wb, report, xlsx_summary.SHEET_SUMMARY, xlsx_summary.summary_headers(summary, overview),
                   xlsx_summary.summary_widths(summary, overview), len(table))
    for row in table:
        sheet.add([_text(v, xlsx_summary.LABEL_NAME) if isinstance(v, str) or v is None else (v, INTEGER)
                   for v in row], "")
    return sheet


KPI_LIST_HEADERS = (LABEL_MEASURE_NUMBER, None, LABEL_MINISTRY, *KPI_HEADERS[1:6], *KPI_PROGRESS_HEADERS)


def _kpi_list_sheet(wb: Workbook, report: Report) -> _Sheet:
    """The KPI一覧 sheet: every printed KPI with the KPI table's own cells (summary.kpi_list)."""
    entries = kpi_list(report)
    headers = [report.title_label if h is None else h for h in KPI_LIST_HEADERS]
    sheet = _Sheet(wb, report, LABEL_KPI_LIST, headers, [7, 24, 10, 24, 7, 13, 13, 11, 15, 9], len(entries))
    for e in entries:
        k, m = e.row, e.row.nonpublic
        sheet.add([(e.number, NUMBER_LOOK), _text(e.title, headers[1], m), _text(e.ministry, LABEL_MINISTRY, m),
                   _text(k.indicator, headers[3], m), _text(k.unit, headers[4], m), _text(k.baseline, headers[5], m),
                   _text(k.target, headers[6], m), _value(shown_value(k.actual, k.unit) or None, headers[7], m),
                   _text(k.rate, headers[8], m), _text(k.progress, headers[9], m)], e.title)
    return sheet


def _marks_sheet(wb: Workbook, report: Report) -> _Sheet:
    """The 非公開一覧 sheet of the internal report: every mark with its text and reason, for review.

    The report model fills Section.marks for the internal audience only; the
    sheet is never written for the public one.
    """
    entries = [(s, e) for s in report.sections for e in s.marks]
    headers = [LABEL_NUMBER, report.title_label, LABEL_MINISTRY, *MARK_HEADERS]
    sheet = _Sheet(wb, report, SHEET_MARKS, headers, [5, 24, 10, 7, 18, 50, 30], len(entries))
    for s, e in entries:
        sheet.add([(s.number, NUMBER_LOOK), _text(s.heading, report.title_label), _text(s.ministry, LABEL_MINISTRY),
                   (e.number, NUMBER_LOOK), _text(e.part or e.description, MARK_HEADERS[1]),
                   _text(e.text or e.description, MARK_HEADERS[2], True), _text(e.reason, MARK_HEADERS[3])],
                  s.heading)
    return sheet


SHEET_REVIEW = "点検・評価"
REVIEW_HEADERS = ("区分", "箇所", "内容", "記入者", "日付", "解決済")


def _review_sheet(wb: Workbook, report: Report) -> _Sheet:
    """Internal only: the secretariat's evaluation and the comments on each sheet (Section.review)."""
    entries = [(s, n) for s in report.sections for n in s.review]
    headers = [LABEL_NUMBER, report.title_label, LABEL_MINISTRY, *REVIEW_HEADERS]
    sheet = _Sheet(wb, report, SHEET_REVIEW, headers, [5, 24, 10, 8, 18, 50, 12, 12, 7], len(entries))
    for s, n in entries:
        sheet.add([(s.number, NUMBER_LOOK), _text(s.heading, report.title_label), _text(s.ministry, LABEL_MINISTRY),
                   _text(n.kind, REVIEW_HEADERS[0]), _text(n.where, REVIEW_HEADERS[1]), _text(n.text, REVIEW_HEADERS[2]),
                   _text(n.author, REVIEW_HEADERS[3]), _text(n.at, REVIEW_HEADERS[4]),
                   _text("済" if n.resolved else "", REVIEW_HEADERS[5])], s.heading)
    return sheet


def write_xlsx(report: Report, path: str | Path, *, progress: Progress | None = None,
               cancelled: Cancelled | None = None, overview=None, verify: Verify | None = None) -> Path:
    """Write the Excel report to ``path`` atomically; same progress/cancel contract as write_docx.

    Every report ends with its 集計 sheet (the report's summary) and the KPI一覧 sheet; with
    ``overview`` (desktop.store.overview.Overview of the report's year, internal) 集計 also counts
    the sheets with validation errors.
    """
    path = Path(path)
    sections = report.sections
    total = len(sections) + 1
    with atomic_path(path, verify=verify) as temp:
        guard = write_guard(report)
        wb = Workbook(write_only=True)
        wb.properties.creator = "施策デスク"
        wb.properties.lastModifiedBy = "施策デスク"
        wb.properties.title = printable(report.title)
        wb.properties.subject = report.marking
        list_headers, list_widths = _list_headers(report)
        listing = _Sheet(wb, report, SHEET_LIST, list_headers, list_widths, len(sections))
        kpi_headers, kpi_widths = _kpi_headers(report)
        kpis = _Sheet(wb, report, SHEET_KPI, kpi_headers, kpi_widths, sum(len(s.kpis) for s in sections),
                      title_columns="A:B")
        source_headers = [LABEL_NUMBER, report.title_label, *SOURCE_HEADERS]
        sources = _Sheet(wb, report, SHEET_SOURCES, source_headers, [5, 24, 7, 16, 50, 50],
                         sum(len(s.footnotes) for s in sections))
        try:
            for done, section in enumerate(sections, start=1):
                if cancelled and cancelled():
                    raise ReportCancelled()
                if guard is not None:
                    guard.section(section)
                listing.add(_list_row(report, section), section.heading)
                for row in _kpi_rows(report, section):
                    kpis.add(row, section.heading)
                for row in _source_rows(report, section):
                    sources.add(row, section.heading)
                if progress:
                    progress(done, total)
            if cancelled and cancelled():
                raise ReportCancelled()
        except BaseException:
            _discard(wb)
            for sheet in (listing, kpis, sources):
                sheet.rows.close()
            raise
        written = [listing, kpis, sources]
        if report.audience is Audience.INTERNAL:
            written.append(_marks_sheet(wb, report))
            if any(s.review for s in report.sections):
                written.append(_review_sheet(wb, report))
        written += [_summary_sheet(wb, report, overview), _kpi_list_sheet(wb, report)]
        try:
            wb.save(str(temp))
            splice(temp, {sheet.ws.path.lstrip("/"): sheet.rows.parts for sheet in written})
        finally:
            for sheet in written:
                sheet.rows.close()
    if progress:
        progress(total, total)
    return path
