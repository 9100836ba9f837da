"""A survey definition as an Excel workbook the secretariat edits (in the spirit of XLSForm).

Sheets:

* 設定 — the survey's own settings, one per row (キー, 項目, 値): its key, title, the field that
  names a measure …; 点検・評価 (the review cycle) and 列の別名 as JSON, kept so nothing is lost.
* 項目 — one field per row: key, 入力項目, 入力区分 (必須/任意), kind, 記載内容 (one guidance line
  per line), 文字数上限, 次年度へ引継ぎ, 内部のみ, 旧名 (the keys it had in earlier versions, for the
  new-year run onto this version), 別名 (other column names in forms).
* 選択肢 — 施策分類: one choice per row with its group (ポイント①…).
* 領域 — the areas with their tier (戦略領域・重要領域).
* 府省庁 — the ministries in the order staff choose them.

:func:`read_definition_workbook` reports every mistake at once, by sheet, row and column, in
Japanese, and returns a definition only when there is none (the caller stores it or nothing).
:func:`write_definition_workbook` writes the same layout, so export then import gives an equal
definition.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from desktop.reports.atomic import atomic_path
from desktop.reports.errors import ReportError
from desktop.reports.form_check import check_file
from desktop.survey.definition import FieldKind, SurveyDefinition
from desktop.survey.definition_data import definition_to_data
from desktop.survey.loader import SurveyDefinitionError, parse_survey

SHEET_SETTINGS = "設定"
SHEET_FIELDS = "項目"
SHEET_CHOICES = "選択肢"
SHEET_AREAS = "領域"
SHEET_MINISTRIES = "府省庁"

YES, NO = "はい", "いいえ"
_TRUE = {"はい", "する", "○", "〇", "true", "yes", "1", "必須"}
_FALSE = {"いいえ", "しない", "×", "false", "no", "0", "任意"}
REQUIRED, OPTIONAL = "必須", "任意"


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    width: int


FIELD_COLUMNS = (
    Column("key", "key", 16), Column("label", "入力項目", 30), Column("required", "入力区分", 10),
    Column("kind", "kind", 16), Column("guidance", "記載内容", 60), Column("max_length", "文字数上限", 12),
    Column("carry_over", "次年度へ引継ぎ", 14), Column("internal", "内部のみ", 10),
    Column("previous_keys", "旧名", 18), Column("aliases", "別名", 40),
)
CHOICE_COLUMNS = (
    Column("group_code", "分類コード", 12), Column("group_label", "分類", 36), Column("code", "コード", 12),
    Column("label", "選択肢", 30), Column("description", "説明", 60),
)
AREA_COLUMNS = (
    Column("tier_code", "区分コード", 14), Column("tier_label", "区分", 16), Column("code", "コード", 24),
    Column("label", "領域", 24),
)
MINISTRY_COLUMNS = (Column("name", "府省庁", 24),)

# 設定: (key, what a person reads, how it is written: "text", "texts" (one per line) or "json").
SETTINGS = (
    ("key", "調査票のキー（英数字。変えると別の調査票になります）", "text"),
    ("title", "調査票の名称", "text"),
    ("result_title", "公開する結果の名称", "text"),
    ("strategy", "戦略の名称", "text"),
    ("issuer", "発出者", "text"),
    ("source", "出典", "text"),
    ("title_field", "施策名に当たる項目の key", "text"),
    ("issues_field", "課題を記載する項目の key", "text"),
    ("public_placeholder", "非公開部分に表示する文字", "text"),
    ("areas_label", "領域の見出し", "text"),
    ("internal_attributes", "公開しないシートの属性（1行に1つ）", "texts"),
    ("column_aliases", "列の別名（JSON）", "json"),
    ("review", "点検・評価の設定（JSON）", "json"),
    ("sharing", "他府省庁への公開部分の共有（JSON。空欄: 共有しない）", "json"),
)
_SETTING_COLUMNS = (Column("key", "キー", 22), Column("what", "項目", 44), Column("value", "値", 80))
_TEXT_CELL_LIMIT = 32_767


@dataclass(frozen=True)
class WorkbookProblem:
    sheet: str
    row: int | None
    column: str | None      # the column letter with its header, e.g. 「C列（入力区分）」
    message: str

    def __str__(self) -> str:
        where = f"「{self.sheet}」シート"
        if self.row is not None:
            where += f" {self.row}行目"
        if self.column:
            where += f" {self.column}"
        return f"{where}: {self.message}"


class DefinitionWorkbookError(ValueError):
    """A workbook that is not a usable definition; ``problems`` lists every mistake found."""

    def __init__(self, problems: list[WorkbookProblem]) -> None:
        self.problems = problems
        super().__init__("調査票の定義ブックに誤りがあります（何も取り込んでいません）:\n"
                         + "\n".join(f"・{p}" for p in problems))


# -- writing -----------------------------------------------------------------------------------


def _lines(values) -> str:
    return "\n".join(values)


def _table(ws, columns: tuple[Column, ...], rows: list[list[Any]]) -> None:
    ws.append([c.header for c in columns])
    header_fill = PatternFill("solid", fgColor="DDEBF7")
    for i, column in enumerate(columns, 1):
        cell = ws.cell(1, i)
        cell.font, cell.fill = Font(bold=True), header_fill
        ws.column_dimensions[get_column_letter(i)].width = column.width
    for row in rows:
        ws.append(row)
    for row in ws.iter_rows(min_row=2):
        for cell in row:
            if isinstance(cell.value, str):
                cell.data_type = "s"          # a text starting with = stays text
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    ws.freeze_panes = "A2"


def _bool(value: bool) -> str:
    return YES if value else NO


def build_definition_workbook(d: SurveyDefinition) -> Workbook:
    data = definition_to_data(d)
    head = data["survey"]
    wb = Workbook()
    ws = wb.active
    ws.title = SHEET_SETTINGS
    settings = []
    for key, what, how in SETTINGS:
        if how == "json":
            value = json.dumps(data[key], ensure_ascii=False, indent=1) if key in data else ""
        elif how == "texts":
            value = _lines(head.get(key, ()))
        else:
            value = head.get(key, "")
        settings.append([key, what, value])
    _table(ws, _SETTING_COLUMNS, settings)
    _table(wb.create_sheet(SHEET_FIELDS), FIELD_COLUMNS, [
        [f.key, f.label, REQUIRED if f.required else OPTIONAL, f.kind.value, _lines(f.guidance), f.max_length,
         _bool(f.carry_over), _bool(f.internal), _lines(f.previous_keys), _lines(f.aliases)] for f in d.fields])
    _table(wb.create_sheet(SHEET_CHOICES), CHOICE_COLUMNS, [
        [g.code, g.label, c.code, c.label, c.description] for g in d.classification_groups for c in g.choices])
    _table(wb.create_sheet(SHEET_AREAS), AREA_COLUMNS, [
        [t.code, t.label, a.code, a.label] for t in d.area_tiers for a in t.areas])
    _table(wb.create_sheet(SHEET_MINISTRIES), MINISTRY_COLUMNS, [[m] for m in d.ministries])
    return wb


def write_definition_workbook(d: SurveyDefinition, target: str | Path) -> Path:
    """Write the workbook of ``d`` to ``target`` (atomically: a failure leaves no partial file)."""
    target = Path(target)
    if target.suffix.lower() != ".xlsx":
        raise ReportError(f"「{target.name}」: 調査票の定義ブックは .xlsx で保存してください。")
    wb = build_definition_workbook(d)
    with atomic_path(target) as temp:
        wb.save(temp)
    return target


# -- reading -----------------------------------------------------------------------------------


class _Reader:
    """Collects every problem; the values it returns are only used when there is none."""

    def __init__(self) -> None:
        self.problems: list[WorkbookProblem] = []

    def fail(self, sheet: str, row: int | None, columns: tuple[Column, ...] | None, key: str | None,
             message: str) -> None:
        column = None
        if columns is not None and key is not None:
            index = next(i for i, c in enumerate(columns) if c.key == key)
            column = f"{get_column_letter(index + 1)}列（{columns[index].header}）"
        self.problems.append(WorkbookProblem(sheet, row, column, message))

    def rows(self, wb, name: str, columns: tuple[Column, ...], *, required: bool = True) -> list[tuple[int, dict]]:
        """(row number, {column key: stripped text or value}) of the sheet's non-empty rows."""
        if name not in wb.sheetnames:
            if required:
                self.fail(name, None, None, None, "シートがありません")
            return []
        ws = wb[name]
        if hasattr(ws, "reset_dimensions"):
            ws.reset_dimensions()
        rows = ws.iter_rows(values_only=True)
        header = [self._text(v) for v in next(rows, ())]
        positions = {}
        for c in columns:
            if c.header in header:
                positions[c.key] = header.index(c.header)
            else:
                self.fail(name, 1, columns, c.key, f"見出し「{c.header}」がありません")
        out = []
        for number, values in enumerate(rows, 2):
            cells = {k: (values[i] if i < len(values) else None) for k, i in positions.items()}
            cells = {k: (v.strip() if isinstance(v, str) else v) for k, v in cells.items()}
            if all(v in (None, "") for v in cells.values()):
                continue
            out.append((number, cells))
        return out

    @staticmethod
    def _text(value) -> str:
        return value.strip() if isinstance(value, str) else ("" if value is None else str(value))

    def text(self, sheet: str, row: int, columns, cells: dict, key: str, *, required: bool = True) -> str:
        value = cells.get(key)
        if isinstance(value, str) and value.startswith("="):
            self.fail(sheet, row, columns, key, "数式は使えません。値を入力してください")
            return ""
        text = self._text(value)
        if required and not text:
            self.fail(sheet, row, columns, key, "入力してください")
        return text

    def lines(self, sheet: str, row: int, columns, cells: dict, key: str, *, required: bool = False) -> list[str]:
        text = self.text(sheet, row, columns, cells, key, required=required)
        return [line.strip() for line in text.splitlines() if line.strip()]

    def boolean(self, sheet: str, row: int, columns, cells: dict, key: str, default: bool | None,
                allowed: str) -> bool | None:
        value = cells.get(key)
        if value in (None, ""):
            return default
        if isinstance(value, bool):
            return value
        text = self._text(value).lower()
        if text in _TRUE:
            return True
        if text in _FALSE:
            return False
        self.fail(sheet, row, columns, key, f"「{self._text(value)}」は使えません（{allowed}）")
        return default

    def positive_int(self, sheet: str, row: int, columns, cells: dict, key: str) -> int | None:
        value = cells.get(key)
        if value in (None, ""):
            return None
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        if isinstance(value, str) and value.strip().isdigit():
            value = int(value.strip())
        if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
            self.fail(sheet, row, columns, key, "正の整数を入力してください")
            return None
        return value

    def unique(self, sheet: str, columns, seen: dict[str, int], code: str, row: int, key: str) -> None:
        if code and code in seen:
            self.fail(sheet, row, columns, key, f"「{code}」は{seen[code]}行目と重複しています")
        elif code:
            seen[code] = row


def _settings(r: _Reader, wb) -> tuple[dict[str, Any], dict[str, Any], dict[str, int]]:
    """([survey] table, the JSON parts, row number of each key) from the 設定 sheet."""
    head: dict[str, Any] = {}
    extra: dict[str, Any] = {}
    where: dict[str, int] = {}
    known = {key: how for key, _, how in SETTINGS}
    for row, cells in r.rows(wb, SHEET_SETTINGS, _SETTING_COLUMNS):
        key = r.text(SHEET_SETTINGS, row, _SETTING_COLUMNS, cells, "key")
        if not key:
            continue
        if key not in known:
            r.fail(SHEET_SETTINGS, row, _SETTING_COLUMNS, "key", f"「{key}」は設定のキーではありません")
            continue
        if key in where:
            r.fail(SHEET_SETTINGS, row, _SETTING_COLUMNS, "key", f"「{key}」は{where[key]}行目と重複しています")
            continue
        where[key] = row
        how = known[key]
        if how == "json":
            text = r.text(SHEET_SETTINGS, row, _SETTING_COLUMNS, cells, "value", required=False)
            if not text:
                continue
            try:
                extra[key] = json.loads(text)
            except ValueError as exc:
                r.fail(SHEET_SETTINGS, row, _SETTING_COLUMNS, "value", f"JSON として読めません（{exc.msg}、{exc.lineno}行目）")
        elif how == "texts":
            values = r.lines(SHEET_SETTINGS, row, _SETTING_COLUMNS, cells, "value")
            if values:
                head[key] = values
        else:
            text = r.text(SHEET_SETTINGS, row, _SETTING_COLUMNS, cells, "value", required=False)
            if text:
                head[key] = text
    labels = {k: w for k, w, _ in SETTINGS}
    for key in ("key", "title", "strategy", "issuer", "title_field"):
        if key in head:
            continue
        if key in where:
            r.fail(SHEET_SETTINGS, where[key], _SETTING_COLUMNS, "value", f"{labels[key]}を入力してください")
        else:
            r.fail(SHEET_SETTINGS, None, None, None, f"キー「{key}」（{labels[key]}）の行がありません")
    return head, extra, where


def _fields(r: _Reader, wb) -> tuple[list[dict[str, Any]], dict[str, int]]:
    out = []
    numbers: list[int] = []
    seen: dict[str, int] = {}
    kinds = ", ".join(k.value for k in FieldKind)
    s, cols = SHEET_FIELDS, FIELD_COLUMNS
    for row, cells in r.rows(wb, s, cols):
        key = r.text(s, row, cols, cells, "key")
        r.unique(s, cols, seen, key, row, "key")
        kind_text = r.text(s, row, cols, cells, "kind")
        kind = None
        if kind_text:
            try:
                kind = FieldKind(kind_text)
            except ValueError:
                r.fail(s, row, cols, "kind", f"「{kind_text}」は使えません（{kinds} のいずれか）")
        required_text = r.text(s, row, cols, cells, "required")
        if required_text and required_text not in (REQUIRED, OPTIONAL):
            r.fail(s, row, cols, "required", f"「{required_text}」は使えません（「{REQUIRED}」か「{OPTIONAL}」）")
        field: dict[str, Any] = {
            "key": key, "label": r.text(s, row, cols, cells, "label"), "required": required_text == REQUIRED,
            "kind": kind_text, "guidance": r.lines(s, row, cols, cells, "guidance", required=True),
        }
        if kind is not None:
            carry = r.boolean(s, row, cols, cells, "carry_over", kind is not FieldKind.RESULTS,
                              f"「{YES}」か「{NO}」。空欄は項目の種類の既定")
            if carry != (kind is not FieldKind.RESULTS):
                field["carry_over"] = carry
        internal = r.boolean(s, row, cols, cells, "internal", False, f"「{YES}」か「{NO}」")
        if internal:
            field["internal"] = True
        limit = r.positive_int(s, row, cols, cells, "max_length")
        if limit is not None:
            field["max_length"] = limit
        for name in ("previous_keys", "aliases"):
            values = r.lines(s, row, cols, cells, name)
            if values:
                field[name] = values
        out.append(field)
        numbers.append(row)
    if not out and not any(p.sheet == s for p in r.problems):
        r.fail(s, None, None, None, "項目が1つもありません")
    by_previous: dict[str, int] = {}
    current = set(seen)
    for f, row in zip(out, numbers):
        for old in f.get("previous_keys", ()):
            if old in current:
                r.fail(s, row, cols, "previous_keys", f"旧名「{old}」はこの版の項目の key です")
            elif old in by_previous:
                r.fail(s, row, cols, "previous_keys", f"旧名「{old}」は{by_previous[old]}行目の旧名と重複しています")
            else:
                by_previous[old] = row
    return out, seen


def _groups(r: _Reader, wb) -> list[dict[str, Any]]:
    s, cols = SHEET_CHOICES, CHOICE_COLUMNS
    groups: dict[str, dict[str, Any]] = {}
    seen: dict[str, int] = {}
    for row, cells in r.rows(wb, s, cols):
        group = r.text(s, row, cols, cells, "group_code")
        label = r.text(s, row, cols, cells, "group_label")
        code = r.text(s, row, cols, cells, "code")
        r.unique(s, cols, seen, code, row, "code")
        if group in seen:
            r.fail(s, row, cols, "group_code", f"分類コード「{group}」は選択肢のコードと同じです")
        entry = groups.setdefault(group, {"code": group, "label": label, "choice": [], "row": row})
        if label and label != entry["label"]:
            r.fail(s, row, cols, "group_label",
                   f"分類「{group}」の名称が{entry['row']}行目（「{entry['label']}」）と違います")
        choice = {"code": code, "label": r.text(s, row, cols, cells, "label")}
        description = r.text(s, row, cols, cells, "description", required=False)
        if description:
            choice["description"] = description
        entry["choice"].append(choice)
    if not groups and not any(p.sheet == s for p in r.problems):
        r.fail(s, None, None, None, "選択肢が1つもありません")
    return [{k: v for k, v in g.items() if k != "row"} for g in groups.values()]


def _tiers(r: _Reader, wb) -> list[dict[str, Any]]:
    s, cols = SHEET_AREAS, AREA_COLUMNS
    tiers: dict[str, dict[str, Any]] = {}
    seen: dict[str, int] = {}
    for row, cells in r.rows(wb, s, cols):
        tier = r.text(s, row, cols, cells, "tier_code")
        label = r.text(s, row, cols, cells, "tier_label")
        code = r.text(s, row, cols, cells, "code")
        r.unique(s, cols, seen, code, row, "code")
        entry = tiers.setdefault(tier, {"code": tier, "label": label, "areas": [], "row": row})
        if label and label != entry["label"]:
            r.fail(s, row, cols, "tier_label", f"区分「{tier}」の名称が{entry['row']}行目（「{entry['label']}」）と違います")
        entry["areas"].append({"code": code, "label": r.text(s, row, cols, cells, "label")})
    if not tiers and not any(p.sheet == s for p in r.problems):
        r.fail(s, None, None, None, "領域が1つもありません")
    return [{k: v for k, v in t.items() if k != "row"} for t in tiers.values()]


def _ministries(r: _Reader, wb) -> list[str]:
    s, cols = SHEET_MINISTRIES, MINISTRY_COLUMNS
    seen: dict[str, int] = {}
    out = []
    for row, cells in r.rows(wb, s, cols, required=False):
        name = r.text(s, row, cols, cells, "name")
        r.unique(s, cols, seen, name, row, "name")
        out.append(name)
    return out


def _cross_check(r: _Reader, head: dict, where: dict[str, int], fields: list[dict], keys: dict[str, int]) -> None:
    """What parse_survey would refuse, said at the cell that has to change."""
    by_key = {f["key"]: f for f in fields}
    for name, what in (("title_field", "施策名に当たる項目"), ("issues_field", "課題を記載する項目")):
        key = head.get(name)
        if key is None:
            continue
        if key not in by_key:
            r.fail(SHEET_SETTINGS, where.get(name), _SETTING_COLUMNS, "value", f"「{key}」は「{SHEET_FIELDS}」シートの key にありません")
        elif by_key[key]["kind"] != FieldKind.TEXT.value:
            r.fail(SHEET_FIELDS, keys[key], FIELD_COLUMNS, "kind", f"{what}（{key}）は kind を text にしてください")
    for single in (FieldKind.CLASSIFICATION, FieldKind.KPI_ITEMS, FieldKind.RESULTS, FieldKind.DISCLOSURE):
        rows = [keys[f["key"]] for f in fields if f["kind"] == single.value and f["key"] in keys]
        for row in rows[1:]:
            r.fail(SHEET_FIELDS, row, FIELD_COLUMNS, "kind",
                   f"kind が {single.value} の項目は1つまでです（{rows[0]}行目にもあります）")


def read_definition_workbook(path: str | Path) -> SurveyDefinition:
    """The definition a workbook holds; DefinitionWorkbookError with every problem when it has any."""
    path = Path(path)
    if path.suffix.lower() != ".xlsx":
        raise DefinitionWorkbookError([WorkbookProblem(path.name, None, None, "Excel ブック（.xlsx）を指定してください")])
    try:
        check_file(path)
        wb = load_workbook(path, read_only=True, data_only=False)
    except ReportError as exc:
        raise DefinitionWorkbookError([WorkbookProblem(path.name, None, None, str(exc))]) from None
    except Exception as exc:  # noqa: BLE001 - any parser failure means a damaged file
        raise DefinitionWorkbookError([WorkbookProblem(path.name, None, None,
                                                       f"壊れているため読み込めません（{type(exc).__name__}）")]) from None
    r = _Reader()
    try:
        head, extra, where = _settings(r, wb)
        fields, keys = _fields(r, wb)
        groups = _groups(r, wb)
        tiers = _tiers(r, wb)
        ministries = _ministries(r, wb)
    except Exception as exc:  # noqa: BLE001 - worksheets are parsed lazily: damage shows up while reading rows
        raise DefinitionWorkbookError([WorkbookProblem(path.name, None, None,
                                                       f"壊れているため読み込めません（{type(exc).__name__}）")]) from None
    finally:
        wb.close()
    if not r.problems:
        _cross_check(r, head, where, fields, keys)
    if r.problems:
        raise DefinitionWorkbookError(r.problems)
    if ministries:
        head["ministries"] = ministries
    data: dict[str, Any] = {"survey": head, "field": fields, "classification": groups, "area_tier": tiers}
    data.update(extra)
    try:
        return parse_survey(path, data)
    except SurveyDefinitionError as exc:   # what the cell checks above do not cover (the JSON settings)
        sheet = SHEET_SETTINGS if exc.key.split(".")[0] in ("survey", "review", "sharing", "column_aliases") else path.name
        row = where.get(exc.key.split(".")[0]) if sheet == SHEET_SETTINGS else None
        raise DefinitionWorkbookError([WorkbookProblem(sheet, row, None, f"{exc.key}: {exc.problem}")]) from None


__all__ = ["DefinitionWorkbookError", "WorkbookProblem", "build_definition_workbook", "read_definition_workbook",
           "write_definition_workbook"]
