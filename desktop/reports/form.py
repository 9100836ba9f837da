"""The fillable survey form (Excel) sent to ministries, and its layout shared with the import.

Staff fill the follow-up in Excel. The form has:

* 一覧: a title row, a note, then the header row carrying the survey's
  入力項目 labels (plus 府省庁, 担当部局・課室, 担当者, 連絡先 and the areas),
  one row per measure. Each header has the survey's guidance as a comment;
  施策分類 is a drop-down list pointing at a range on the hidden 選択肢 sheet
  (a literal list may hold only 255 characters). Hidden columns (ID, 前年度ID,
  版) map a row back to the sheet it was filled from.
* KPI: one row per KPI (or per 実施項目 without KPI), keyed by the 一覧 row's
  No., with hidden KPI and 実施項目 ids, so KPIs round-trip as well. The
  actuals are columns named after their fiscal year (令和7年度実績), so the
  import reads any year the file carries.
* 記入要領: how 非公開 passages are shown and marked in the form (in Japanese).
* 選択肢 and 情報 (both hidden): the drop-down lists, and the survey key,
  fiscal year and ministry the form was made for.

非公開 marks travel with the form (desktop.reports.form_marks): marked
passages between 【非公開】…【/非公開】 with a fill and a note, marked KPIs and
実施項目 in the KPI sheet's 非公開 column, 内部資料 in the titles and page
headers, and the convention on the 記入要領 sheet; the import reads them
back into marks.

Rows are pre-filled with the given sheets. A sheet of the form's year is
updated on import; a sheet of an earlier year (last year's content) is the
starting point of a new sheet, linked as its predecessor, whose KPIs keep
their earlier actuals. Text is written losslessly (textsafe.excel_escape)
and as string cells with the text number format, so what comes back is
exactly what went out.

:data:`COLUMNS` and :func:`kpi_columns` are the layout; form_import finds
columns by these labels, in any order, so forms made by other tools work as
long as their header row carries the labels.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.formatting.rule import Rule
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.styles.differential import DifferentialStyle
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from desktop.disclosure.copying import successor
from desktop.disclosure.marks import mark_span
from desktop.disclosure.withhold import merge_spans
from desktop.reports import form_marks
from desktop.reports.atomic import atomic_path
from desktop.reports.excel_cells import (
    BODY_FONT,
    BODY_PT,
    GRID,
    HEADER_FONT,
    INPUT_HEADER_FILL,
    LOCKED_FILL,
    TITLE_FONT,
    WRAP,
    row_height,
    set_print_layout,
    set_text,
)
from desktop.reports.model import LABEL_BUREAU, LABEL_CONTACT, LABEL_MINISTRY, LABEL_NUMBER, LABEL_PERSON
from desktop.reports.textsafe import cell_text
from desktop.survey.definition import FieldKind, SurveyDefinition
from desktop.survey.parts import Part, PartKind
from desktop.survey.sheet import Direction, Horizon, KpiKind, Qualifier, SheetData, TargetKind
from desktop.survey.vocabulary import KPI_COLUMN_LABELS
from desktop.survey.wareki import format_date, format_fiscal_year

FORM_FORMAT = "sesaku-desk-form/2"          # /2: carries 非公開 marks (form_marks)
FORM_FORMATS = ("sesaku-desk-form/1", FORM_FORMAT)   # what the import reads without a warning
SHEET_LIST = "一覧"
SHEET_KPI = "KPI"
SHEET_CHOICES = "選択肢"
SHEET_INFO = "情報"

LABEL_ID = "ID"
LABEL_PREDECESSOR = "前年度ID"
LABEL_VERSION = "版"
LABEL_KPI_ID = "KPI ID"
LABEL_ITEM_ID = "実施項目ID"
LABEL_ITEM_NUMBER = "実施項目No."
LABEL_ITEM = "実施項目"
LABEL_PLAN = "今後の検討予定"
# KPI columns: the one vocabulary's short headers (survey/vocabulary.py).
LABEL_INDICATOR = KPI_COLUMN_LABELS["indicator"]
LABEL_KIND = KPI_COLUMN_LABELS["kind"]
LABEL_HORIZON = KPI_COLUMN_LABELS["horizon"]
LABEL_QUANTITATIVE = KPI_COLUMN_LABELS["quantitative"]
LABEL_DIRECTION = KPI_COLUMN_LABELS["direction"]
LABEL_UNIT = KPI_COLUMN_LABELS["unit"]
LABEL_BASELINE = KPI_COLUMN_LABELS["baseline_value"]
LABEL_BASELINE_YEAR = KPI_COLUMN_LABELS["baseline_year"]
LABEL_TARGET = KPI_COLUMN_LABELS["target_value"]
LABEL_TARGET_YEAR = KPI_COLUMN_LABELS["target_year"]
LABEL_QUALIFIER = KPI_COLUMN_LABELS["qualifier"]
LABEL_TARGET_KIND = KPI_COLUMN_LABELS["target_kind"]
LABEL_DATA_SOURCE = KPI_COLUMN_LABELS["data_source"]
ACTUAL_SUFFIX = "実績"
QUANTITATIVE = "定量"
QUALITATIVE = "定性"

INFO_SURVEY = "調査票"
INFO_YEAR = "年度"
INFO_MINISTRY = "府省庁"
INFO_FORMAT = "様式"
INFO_CREATED = "作成日"

HEADER_ROW = 3
FIRST_ROW = HEADER_ROW + 1
SPARE_ROWS = 200          # empty rows below the content carry the drop-downs and the grid too
ID_FILL = PatternFill("solid", fgColor="BFBFBF")
MARKED_FILL = PatternFill("solid", fgColor="FCE4D6")    # a cell holding a 非公開 passage: not the read-only grey


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    width: float
    guidance: str = ""
    hidden: bool = False
    readonly: bool = False


def list_columns(survey: SurveyDefinition) -> list[Column]:
    """The 一覧 layout: hidden ids, who is responsible, the survey's fields (KPIs go to the KPI sheet), areas."""
    cols = [
        Column("id", LABEL_ID, 6, hidden=True),
        Column("predecessor_id", LABEL_PREDECESSOR, 6, hidden=True),
        Column("version", LABEL_VERSION, 4, hidden=True),
        Column("number", LABEL_NUMBER, 6, "施策ごとの番号（1, 2, 3 …）。KPI シートの No. と対応させます。"),
        Column("ministry", LABEL_MINISTRY, 12, "府省庁名を記載"),
        Column("bureau", LABEL_BUREAU, 16, "担当する部局・課室名を記載"),
        Column("person", LABEL_PERSON, 12, "担当者の氏名を記載"),
        Column("contact", LABEL_CONTACT, 16, "電話番号（内線）やメールアドレスを記載"),
    ]
    for f in survey.fields:
        if f.kind is FieldKind.KPI_ITEMS:
            continue
        width = 24 if f.kind is FieldKind.CLASSIFICATION or f.key == survey.title_field else 40
        text = "\n".join(f"・{g}" for g in f.guidance)
        if f.kind is FieldKind.CLASSIFICATION:
            text += "\n（セルの▼から選択）"
        if f.kind is FieldKind.RESULTS:
            text += "\n（KPI ごとの実績値は KPI シートに記入）"
        if f.max_length:
            text += f"\n（{f.max_length}文字以内）"
        cols.append(Column(f.key, f.label, width, f"【{f.requirement_label}】\n{text}"))
    areas = "、".join(a.label for a in survey.areas)
    cols.append(Column("areas", survey.areas_label, 20,
                       f"該当する{survey.areas_label}を「、」で区切って記載（複数可）\n選択肢：{areas}"))
    return cols


def kpi_columns(survey: SurveyDefinition, years: Sequence[int]) -> list[Column]:
    """The KPI sheet layout; ``years`` are the fiscal years whose actuals get a column."""
    title = survey.field(survey.title_field).label
    cols = [
        Column("kpi_id", LABEL_KPI_ID, 6, hidden=True),
        Column("item_id", LABEL_ITEM_ID, 6, hidden=True),
        Column("number", LABEL_NUMBER, 6, "一覧シートの No. を記入"),
        Column("title", title, 24, "参考表示（取り込みでは使いません）", readonly=True),
        Column("nonpublic", form_marks.LABEL_NONPUBLIC, 10,
               f"KPI・実施項目全体を公表しない場合に「{form_marks.WHOLE_KPI}」または「{form_marks.WHOLE_ITEM}」を選択。"
               f"値の一部を公表しない場合は、そのセルの値を {form_marks.START}〜{form_marks.END} で囲む"
               "（印を消しても非公開は解除されません）"),
        Column("item_number", LABEL_ITEM_NUMBER, 7, "施策内の実施項目の番号（1, 2 …）。同じ番号の行は同じ実施項目の KPI です。"),
        Column("item_title", LABEL_ITEM, 24, "成果創出に向けた具体的な実施項目を記載"),
        Column("plan_text", LABEL_PLAN, 24, "KPI が未設定の場合に、今後の検討予定を記載（指標は空欄）"),
        Column("indicator", LABEL_INDICATOR, 24, "KPI の指標名。可能な限り定量的に記載"),
        Column("kind", LABEL_KIND, 12, "アクティビティ・アウトプット・アウトカムから選択"),
        Column("horizon", LABEL_HORIZON, 7, "短期・中期・長期から選択（任意）"),
        Column("quantitative", LABEL_QUANTITATIVE, 7, "定量・定性から選択"),
        Column("direction", LABEL_DIRECTION, 8, "上向き（増えるほどよい）・下向き（減るほどよい）から選択"),
        Column("unit", LABEL_UNIT, 8, "件、%、か所 など"),
        Column("baseline_value", LABEL_BASELINE, 9, "基準となる値。該当しない場合は「-」"),
        Column("baseline_year", LABEL_BASELINE_YEAR, 11, "例：令和6年度"),
        Column("target_value", LABEL_TARGET, 9, "目標とする値（増加幅・削減率・倍率のときはその数値：+10ポイントは 10）"),
        Column("qualifier", LABEL_QUALIFIER, 8, "以上・超・以下・以内・未満・約・程度から選択（なければ空欄）。"
               "以下・以内・未満は下向きの目標として判定します"),
        Column("target_kind", LABEL_TARGET_KIND, 8, "水準（既定）・増加幅（基準値＋目標値）・削減率（基準値から目標値%削減）・"
               "倍率（基準値×目標値）から選択"),
        Column("target_year", LABEL_TARGET_YEAR, 11, "例：令和9年度"),
    ]
    for year in years:
        cols.append(Column(f"actual:{year}", f"{format_fiscal_year(year)}{ACTUAL_SUFFIX}", 11,
                           f"{format_fiscal_year(year)}の実績値。未集計は空欄、該当しない場合は「-」"))
    cols.append(Column("data_source", LABEL_DATA_SOURCE, 20, "指標の数値の出典（調査名など）"))
    return cols


def choice_lists(survey: SurveyDefinition) -> dict[str, list[str]]:
    """What the drop-downs offer, by the column key they serve."""
    return {
        "classification": [survey.classification_display(c.code) for c in survey.choices],
        "kind": [k.label for k in KpiKind],
        "horizon": [h.label for h in Horizon],
        "quantitative": [QUANTITATIVE, QUALITATIVE],
        "direction": [d.label for d in Direction],
        "qualifier": [q.label for q in Qualifier],
        "target_kind": [k.label for k in TargetKind],
        "areas": [a.label for a in survey.areas],
        "nonpublic": [form_marks.WHOLE_KPI, form_marks.WHOLE_ITEM],
    }


# --------------------------------------------------------------------------
# Writing.


def _format_range(ws: Worksheet, cells: str, style: DifferentialStyle) -> None:
    """Format a whole range, spare rows included, with one rule instead of a styled cell per row and column."""
    ws.conditional_formatting.add(cells, Rule(type="expression", formula=["TRUE"], dxf=style))


def _sheet_setup(ws: Worksheet, columns: list[Column], title: str, note: str, rows: int) -> None:
    end = FIRST_ROW + rows + SPARE_ROWS - 1     # the last row to fill: the content and the spare rows
    visible = next(i for i, c in enumerate(columns, start=1) if not c.hidden)  # hidden ids come first
    ws.cell(1, visible, cell_text(title)).font = TITLE_FONT
    ws.cell(2, visible, cell_text(note)).font = Font(name=BODY_FONT.name, size=BODY_PT, color="595959")
    for i, col in enumerate(columns, start=1):
        letter = get_column_letter(i)
        dim = ws.column_dimensions[letter]
        dim.width = col.width
        dim.hidden = col.hidden
        cell = ws.cell(HEADER_ROW, i, cell_text(col.label))
        cell.data_type = "s"
        cell.font = HEADER_FONT
        cell.fill = ID_FILL if col.hidden or col.readonly else INPUT_HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
        cell.border = GRID
        if col.guidance:
            comment = Comment(cell_text(col.guidance), "施策デスク")
            comment.width, comment.height = 320, 160
            cell.comment = comment
        # Text format and wrapping for every cell of the column, typed later or not: a column style
        # (what Excel and LibreOffice give a cell typed into the column), not styled empty cells,
        # which every reader would have to parse (200 spare rows were 2/3 of a form's cells).
        dim.number_format = "@"
        dim.alignment = WRAP
        if col.readonly:
            _format_range(ws, f"{letter}{FIRST_ROW}:{letter}{end}", DifferentialStyle(fill=LOCKED_FILL))
    ws.row_dimensions[HEADER_ROW].height = row_height([(c.label, c.width) for c in columns])
    _format_range(ws, f"A{FIRST_ROW}:{get_column_letter(len(columns))}{end}", DifferentialStyle(border=GRID))
    first_visible = get_column_letter(visible + 1)
    first_visible_letter = get_column_letter(visible)
    ws.freeze_panes = f"{first_visible}{FIRST_ROW}"
    last = get_column_letter(len(columns))
    ws.auto_filter.ref = f"A{HEADER_ROW}:{last}{end}"
    # Paper and scale from the printed columns (hidden ids take no room), 10 pt never below 8 pt.
    shown = [c.width for c in columns if not c.hidden]
    set_print_layout(ws, shown, title_rows=f"{HEADER_ROW}:{HEADER_ROW}",
                     title_columns=f"{first_visible_letter}:{first_visible_letter}")


def _validation(ws: Worksheet, choices: Worksheet, columns: list[Column], key: str, list_column: int,
                count: int, rows: int) -> None:
    index = next((i for i, c in enumerate(columns, start=1) if c.key == key), None)
    if index is None:
        return
    letter = get_column_letter(list_column)
    source = f"{quote_sheetname(choices.title)}!${letter}$2:${letter}${count + 1}"
    dv = DataValidation(type="list", formula1=source, allow_blank=True, showErrorMessage=True,
                        errorTitle="入力できない値です", error="一覧から選択してください。",
                        showInputMessage=False)
    col = get_column_letter(index)
    dv.add(f"{col}{FIRST_ROW}:{col}{FIRST_ROW + rows + SPARE_ROWS - 1}")
    ws.add_data_validation(dv)


class _Filler:
    """Writes the rows of one sheet, keyed by column key."""

    def __init__(self, ws: Worksheet, columns: list[Column], title: str) -> None:
        self.ws, self.columns, self.title = ws, columns, title
        self.index = {c.key: i for i, c in enumerate(columns, start=1)}
        self.row = FIRST_ROW

    def put(self, values: dict[str, object], measure: str, notes: dict[str, str] | None = None) -> None:
        """One row; a cell whose key is in ``notes`` holds a 非公開 passage: a fill and the note say so."""
        texts = []
        notes = notes or {}
        for key, value in values.items():
            i = self.index.get(key)
            if i is None:
                continue
            cell = self.ws.cell(self.row, i)
            col = self.columns[i - 1]
            if isinstance(value, int):
                cell.value = value
                cell.number_format = "General"
            else:
                fill = MARKED_FILL if key in notes else LOCKED_FILL if col.readonly else None
                set_text(cell, value, sheet=self.title, measure=measure, field=col.label, lossless=True, fill=fill)
                cell.number_format = "@"
                texts.append((str(value or ""), col.width))
            if key in notes:
                comment = Comment(cell_text(notes[key]), "施策デスク")
                comment.width, comment.height = 300, 120
                cell.comment = comment
        height = row_height(texts)
        if height:
            self.ws.row_dimensions[self.row].height = height
        self.row += 1


@dataclass
class _Marks:
    """What a sheet's marks withhold, as the form shows it (marks only: the register is the app's)."""

    spans: dict[str, list[tuple[int, int]]] = field(default_factory=dict)     # text field → spans
    reasons: dict[str, list[str]] = field(default_factory=dict)               # text field or Part text → reasons
    parts: set[Part] = field(default_factory=set)                              # items, KPIs and their values
    all_items: bool = False
    citations: dict[str, list[str]] = field(default_factory=dict)             # field → quoted texts withheld
    pending: list[str] = field(default_factory=list)                          # 非公開の確認が必要, in words
    empty_whole: set[str] = field(default_factory=set)                        # empty fields marked whole

    def note(self, key: str, extra: str = "") -> str:
        reasons = "、".join(dict.fromkeys(r for r in self.reasons.get(key, []) if r)) or "（記載なし）"
        return (f"非公開の箇所を含みます（{form_marks.START}〜{form_marks.END}）。理由：{reasons}。{extra}"
                "印を消しても非公開は解除されません。")

    def part_marked(self, part: Part) -> bool:
        return part in self.parts


def _sheet_marks(survey: SurveyDefinition, sheet: SheetData) -> _Marks:
    out = _Marks()
    kpi_field = survey.first_field_of_kind(FieldKind.KPI_ITEMS)
    for m in sheet.marks:
        part = m.part
        if m.unplaced or not sheet.exists(part):
            out.pending.append(f"「{m.text[:40]}」（{m.reason}）" if m.text else f"（{m.reason}）")
            continue
        if part.kind is PartKind.FIELD and survey.has_field(part.key):
            f = survey.field(part.key)
            if kpi_field is not None and f.key == kpi_field.key and not m.is_span:
                out.all_items = True
                out.reasons.setdefault("items", []).append(m.reason)
                continue
            if not f.kind.has_text:
                continue
            text = sheet.text(f.key)
            span = mark_span(m, text, f.kind) or (0, len(text))
            if span[1] > span[0]:
                out.spans.setdefault(f.key, []).append(span)
                out.reasons.setdefault(f.key, []).append(m.reason)
            elif not text and not m.is_span:
                out.empty_whole.add(f.key)          # nothing to put markers around: the note says it
                out.reasons.setdefault(f.key, []).append(m.reason)
        elif part.kind is PartKind.CITATION:
            c = sheet.citation_by_key(part.key)
            if c is not None:
                out.citations.setdefault(c.field_key, []).append(c.quoted_text[:40])
                out.reasons.setdefault(c.field_key, []).append(m.reason)
        elif part.kind in (PartKind.ITEM, PartKind.KPI):
            out.parts.add(part)
            out.reasons.setdefault(str(part.whole), []).append(m.reason)
    for key, spans in out.spans.items():
        out.spans[key] = merge_spans(spans)
    return out


def _year_text(year: int | None) -> str:
    return format_fiscal_year(year) if year is not None else ""


def _list_values(survey: SurveyDefinition, sheet: SheetData, number: int, year: int, marks: _Marks
                 ) -> tuple[dict[str, object], dict[str, str]]:
    values: dict[str, object] = {"number": number, "ministry": sheet.ministry, "bureau": sheet.bureau,
                                 "person": sheet.person, "contact": sheet.contact}
    notes: dict[str, str] = {}
    if sheet.id is not None:
        if sheet.fiscal_year == year:
            values["id"] = sheet.id
            values["version"] = sheet.version
        else:
            values["predecessor_id"] = sheet.id
    for f in survey.fields:
        if f.kind is FieldKind.CLASSIFICATION:
            values[f.key] = survey.classification_display(sheet.classification) if sheet.classification else ""
        elif f.kind.has_text:
            # Last year's sheet is the start of a new one: fields written anew each year start empty.
            fresh = sheet.fiscal_year != year and not survey.carries(f.key)
            text = "" if fresh else sheet.text(f.key)
            spans = [] if fresh else marks.spans.get(f.key, [])
            values[f.key] = form_marks.wrap(text, spans)
            cited = [] if fresh else marks.citations.get(f.key, [])
            if spans or cited:
                extra = "".join(f"非公開の出典：「{q}」。" for q in cited)
                notes[f.key] = marks.note(f.key, extra)
            elif f.key in marks.empty_whole and not fresh:
                notes[f.key] = marks.note(f.key, "この欄全体が非公開です（記入した内容も公表されません）。")
    values["areas"] = "、".join(a.label if (a := survey.area(code)) else code for code in sheet.areas)
    if marks.pending:
        notes[survey.title_field] = ("非公開の確認が必要な指定があります（位置が確認できません）："
                                     + "、".join(marks.pending) + "。施策デスクの編集画面で指定し直すか解除してください。")
    return values, notes


def _kpi_values(sheet: SheetData, number: int, title: str, years: Sequence[int], marks: _Marks
                ) -> list[tuple[dict[str, object], dict[str, str]]]:
    rows: list[tuple[dict[str, object], dict[str, str]]] = []
    wrap = form_marks.wrap

    def marked(value: str, part: Part, notes: dict[str, str], key: str) -> str:
        if not value or not marks.part_marked(part):
            return form_marks.escape(value)
        notes[key] = marks.note(str(part.whole))
        return wrap(value, [(0, len(value))])

    for i, item in enumerate(sheet.items, start=1):
        item_notes: dict[str, str] = {}
        base: dict[str, object] = {
            "number": number, "title": title, "item_number": i,
            "item_title": marked(item.title, Part.item(item.key, "title"), item_notes, "item_title"),
            "plan_text": marked(item.plan_text, Part.item(item.key, "plan_text"), item_notes, "plan_text")}
        whole_item = marks.all_items or marks.part_marked(Part.item(item.key))
        if whole_item:
            base["nonpublic"] = form_marks.WHOLE_ITEM
            item_notes["nonpublic"] = marks.note("items" if marks.all_items else str(Part.item(item.key)))
        if item.id is not None:
            base["item_id"] = item.id
        if not item.kpis:
            rows.append((base, dict(item_notes)))
            continue
        for k, kpi in enumerate(item.kpis):
            row = dict(base) if k == 0 else {key: base[key] for key in base if key != "plan_text"}
            notes = {key: v for key, v in item_notes.items() if key in row}
            if kpi.id is not None:
                row["kpi_id"] = kpi.id
            row.update({
                "kind": kpi.kind.label,
                "horizon": kpi.horizon.label if kpi.horizon else "",
                "quantitative": QUANTITATIVE if kpi.quantitative else QUALITATIVE,
                "direction": kpi.direction.label,
                "qualifier": kpi.qualifier.label if kpi.qualifier else "",
                "target_kind": kpi.target_kind.label,
                "baseline_year": _year_text(kpi.baseline_year), "target_year": _year_text(kpi.target_year),
            })
            for attr in ("indicator", "unit", "baseline_value", "target_value", "data_source"):
                row[attr] = marked(kpi.value(attr) or "", Part.kpi(kpi.key, attr), notes, attr)
            for y in years:
                row[f"actual:{y}"] = marked(kpi.actuals.get(y) or "", Part.actual(kpi.key, y), notes, f"actual:{y}")
            if not whole_item and marks.part_marked(Part.kpi(kpi.key)):
                row["nonpublic"] = form_marks.WHOLE_KPI
                notes["nonpublic"] = marks.note(str(Part.kpi(kpi.key)))
            rows.append((row, notes))
    return rows


def _internal(ws: Worksheet, columns: list[Column]) -> None:
    """Say on the sheet, and on every printed page, that the form holds 非公開 passages."""
    visible = next(i for i, c in enumerate(columns, start=1) if not c.hidden)
    title = ws.cell(1, visible)
    title.value = cell_text(form_marks.INTERNAL_TITLE + (title.value or ""))
    note = ws.cell(2, visible)
    note.value = cell_text(form_marks.INTERNAL_NOTE + "　" + (note.value or ""))
    note.font = Font(name=BODY_FONT.name, size=BODY_PT, bold=True, color="C00000")
    ws.oddHeader.center.text = f"{form_marks.INTERNAL}（非公開の箇所を含む）"
    ws.oddHeader.center.color = "C00000"


GUIDE_TABLE_TITLE = "項目ごとの記入要領（各シートの見出しのメモと同じ内容です）"
GUIDE_HEADERS = ("シート・項目", "記入要領")
GUIDE_WIDTHS = (22, 74)


def _guide(wb: Workbook, marked: bool, sheets: Sequence[tuple[str, list[Column]]] = ()) -> None:
    """The 記入要領 sheet: how 非公開 passages are shown and marked, then every column's guidance.

    The guidance is also each header's comment, which shows on screen only; printed here as a
    table it is on paper too, for whoever fills the form by hand or checks it.
    """
    ws = wb.create_sheet(form_marks.GUIDE_SHEET)
    for i, width in enumerate(GUIDE_WIDTHS, start=1):
        ws.column_dimensions[get_column_letter(i)].width = width
    lines = ((form_marks.INTERNAL_NOTE,) if marked else ()) + form_marks.GUIDE_LINES
    r = 0
    for r, line in enumerate(lines, start=1):
        cell = ws.cell(r, 1, cell_text(line))
        cell.data_type = "s"
        cell.alignment = WRAP
        cell.font = TITLE_FONT if line == form_marks.GUIDE_LINES[0] else BODY_FONT
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=2)
        height = row_height([(line, sum(GUIDE_WIDTHS))])
        if height:
            ws.row_dimensions[r].height = height
    if marked:
        ws.cell(1, 1).font = Font(name=BODY_FONT.name, size=10, bold=True, color="C00000")
    r += 2
    ws.cell(r, 1, cell_text(GUIDE_TABLE_TITLE)).font = TITLE_FONT
    ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=2)
    header = r + 1
    for c, text in enumerate(GUIDE_HEADERS, start=1):
        cell = ws.cell(header, c, cell_text(text))
        cell.font, cell.fill, cell.border = HEADER_FONT, INPUT_HEADER_FILL, GRID
        cell.alignment = Alignment(horizontal="center", vertical="center")
    r = header
    for sheet_name, columns in sheets:
        for col in columns:
            if col.hidden or not col.guidance:
                continue
            r += 1
            for c, text in enumerate((f"{sheet_name}：{col.label}", col.guidance), start=1):
                cell = ws.cell(r, c, cell_text(text))
                cell.data_type = "s"
                cell.font, cell.alignment, cell.border = BODY_FONT, WRAP, GRID
            height = row_height([(f"{sheet_name}：{col.label}", GUIDE_WIDTHS[0]), (col.guidance, GUIDE_WIDTHS[1])])
            if height:
                ws.row_dimensions[r].height = height
    set_print_layout(ws, GUIDE_WIDTHS, title_rows=f"{header}:{header}")


def write_form(survey: SurveyDefinition, sheets: Sequence[SheetData], path: str | Path, *, ministry: str | None,
               year: int, created: date | None = None) -> Path:
    """Write the fillable form for ``year`` pre-filled with ``sheets``; atomic like the reports."""
    path = Path(path)
    with atomic_path(path) as temp:
        build_form(survey, sheets, ministry=ministry, year=year, created=created).save(str(temp))
    return path


def build_form(survey: SurveyDefinition, sheets: Sequence[SheetData], *, ministry: str | None, year: int,
               created: date | None = None) -> Workbook:
    """The form as a workbook, not saved: the exchange file (desktop/reports/exchange_file.py) adds its data
    to it, and rebuilds it from that data to tell whether a person edited the readable part."""
    created = created or date.today()
    years = [year - 1, year]
    list_cols = list_columns(survey)
    kpi_cols = kpi_columns(survey, years)
    n_kpi_rows = sum(max(1, len(i.kpis)) for s in sheets for i in s.items)
    kpi_label = survey.first_field_of_kind(FieldKind.KPI_ITEMS)
    wb = Workbook()
    wb.properties.creator = "施策デスク"
    wb.properties.title = cell_text(f"{survey.title}（{format_fiscal_year(year)}）")
    listing = wb.active
    listing.title = SHEET_LIST
    who = ministry or ""
    _sheet_setup(listing, list_cols, f"{survey.title}　{format_fiscal_year(year)}　{who}".rstrip(),
                 "1行に1つの施策を記入してください。見出しにカーソルを合わせると記載要領が表示されます。"
                 "KPI は「KPI」シートに、この表の No. を付けて記入してください。", len(sheets))
    kpis = wb.create_sheet(SHEET_KPI)
    _sheet_setup(kpis, kpi_cols, f"{kpi_label.label if kpi_label else 'KPI'}　{format_fiscal_year(year)}",
                 "KPI を1行に1つ記入してください。KPI が未設定の実施項目は、指標を空欄にして"
                 "「今後の検討予定」を記入してください。", n_kpi_rows)
    choices = wb.create_sheet(SHEET_CHOICES)
    info = wb.create_sheet(SHEET_INFO)
    lists = choice_lists(survey)
    for c, (key, values) in enumerate(lists.items(), start=1):
        choices.cell(1, c, key)
        for r, value in enumerate(values, start=2):
            choices.cell(r, c, cell_text(value)).data_type = "s"
    choices.sheet_state = info.sheet_state = "hidden"
    for r, (k, v) in enumerate(((INFO_FORMAT, FORM_FORMAT), (INFO_SURVEY, survey.key), (INFO_YEAR, year),
                                (INFO_MINISTRY, who), (INFO_CREATED, format_date(created))), start=1):
        info.cell(r, 1, k)
        info.cell(r, 2, (cell_text(v) or None) if isinstance(v, str) else v)   # no empty string cell
    for c, key in enumerate(lists, start=1):
        if key != "areas":
            target = listing if key == "classification" else kpis
            cols = list_cols if key == "classification" else kpi_cols
            _validation(target, choices, cols, key, c, len(lists[key]),
                        len(sheets) if key == "classification" else n_kpi_rows)
    list_fill = _Filler(listing, list_cols, SHEET_LIST)
    kpi_fill = _Filler(kpis, kpi_cols, SHEET_KPI)
    any_marks = False
    for number, sheet in enumerate(sheets, start=1):
        title = sheet.text(survey.title_field)
        # Last year's sheet shows the marks next year's sheet will have (the one copy rule), which the
        # import makes of it: the form shows no mark the import would not keep, and none it would add.
        carried = sheet.fiscal_year != year and sheet.marks     # (a copy only when there are marks to carry)
        marks = _sheet_marks(survey, successor(survey, sheet, year) if carried else sheet)
        values, notes = _list_values(survey, sheet, number, year, marks)
        list_fill.put(values, title, notes)
        any_marks = any_marks or bool(notes)
        shown_title = str(values.get(survey.title_field, title))    # with its markers, if it has marks
        for row, row_notes in _kpi_values(sheet, number, shown_title, years, marks):
            if survey.title_field in notes:
                row_notes["title"] = notes[survey.title_field]
            kpi_fill.put(row, title, row_notes)
            any_marks = any_marks or bool(row_notes)
    if any_marks:
        _internal(listing, list_cols)
        _internal(kpis, kpi_cols)
        wb.properties.title = cell_text(form_marks.INTERNAL_TITLE + (wb.properties.title or ""))
    _guide(wb, any_marks, ((SHEET_LIST, list_cols), (SHEET_KPI, kpi_cols)))
    wb.move_sheet(form_marks.GUIDE_SHEET, offset=-(len(wb.sheetnames) - 3))
    wb.active = 0
    return wb
