"""Reading forms this app did not make: where their header is, what their columns are called, what to skip.

Secretariats and ministries send last year's forms in layouts of their own: a
title row carrying the year (「令和7年度 …調査票」), a header of one or two
rows with merged cells, rows of 入力区分 (必須・任意), 記入例 and guidance
under it, one sheet per bureau, or one measure per sheet written vertically
(入力項目 | 記載内容, like the survey's format table). This module finds the
parts of such a sheet from the labels the survey definition accepts for each
column (its label and its ``aliases``); form_import reads the cells.

Nothing here decides silently: every header cell it cannot name is returned
so the reader can report it with its cell reference.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from collections.abc import Iterable, Sequence

from openpyxl.utils import get_column_letter

from desktop.reports.textsafe import excel_unescape
from desktop.survey.definition import Choice, SurveyDefinition
from desktop.survey.wareki import FiscalYearError, parse_fiscal_year

_MARKERS = re.compile(r"[（(](必須|任意|選択|自由記述|記述)[)）]$|[*＊※]+$")
_NUMBERING = re.compile(r"^(?:\d{1,2}[.．、)）]|[(（]\d{1,2}[)）]|[①-⑳])")
_BRACKETS = str.maketrans("", "", "【】［］[]〔〕「」『』<>＜＞")
EXAMPLE_WORDS = ("記入例", "記載例", "入力例", "(例)", "【例】", "例)", "例:", "サンプル")
REQUIREMENT_WORDS = {"必須", "任意", "選択", "自由記述", "記述", "記述式", "選択式", "任意記載", "プルダウン",
                     "プルダウン選択", "数値", "文字", "入力区分", "必須(選択)", "必須(記述)", "任意(記述)", "-"}
VALUE_HEADERS = ("記入欄", "回答", "回答欄", "記入内容", "記載欄", "入力欄", "内容", "記載内容")   # best first
ITEM_HEADERS = ("入力項目", "項目", "記載項目", "調査項目")
_YEAR_LONG = re.compile(r"(?:令和|平成)\s*(?:元|\d{1,2})\s*年度|(?<!\d)(?:19|20)\d{2}\s*年度")
_YEAR_SHORT = re.compile(r"(?:令和|平成)\s*(?:元|\d{1,2})(?!\s*年\s*\d)|(?<![A-Za-z])[RH]\s*\d{1,2}(?!\d)", re.IGNORECASE)
DEFAULT_SHEET_NAMES = re.compile(r"^(sheet|シート)\s*\d*$", re.IGNORECASE)


def norm(value: object) -> str:
    """A label as compared: full-width folded, spaces, brackets, numbering and (必須) markers taken off."""
    if not isinstance(value, str):
        return ""
    text = unicodedata.normalize("NFKC", excel_unescape(value))
    text = "".join(text.split()).translate(_BRACKETS)
    text = _NUMBERING.sub("", text)
    return _MARKERS.sub("", text)


def cell_text(cell) -> str:
    value = getattr(cell, "value", None)
    if isinstance(value, str):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    return ""


class Vocabulary:
    """The column keys a form's labels stand for: each column's label and the survey's aliases for it."""

    def __init__(self, survey: SurveyDefinition, columns: Iterable[tuple[str, str]],
                 groups: Iterable[str] = ()) -> None:
        self.by_label: dict[str, str] = {}
        self.title_key = survey.title_field
        # Keys whose label may head a group of columns (KPI over 指標 | 目標値 | 目標年度): each column under
        # it is read as part of that key's text, "key:label".
        self.groups = set(groups)
        for key, label in columns:
            for name in (label, *survey.aliases(key)):
                self.by_label.setdefault(norm(name), key)

    def key(self, label: str) -> str | None:
        return self.by_label.get(norm(label)) if label else None


@dataclass
class Header:
    """Where a horizontal table's header is and what each of its columns is."""

    first: int                       # 0-based index of the first header row
    last: int                        # of the last one (first + 1 for a two-level header)
    keys: dict[str, list[int]] = field(default_factory=dict)        # column key → column indexes
    unknown: list[tuple[int, str]] = field(default_factory=list)    # (column index, label) nothing stands for

    @property
    def known(self) -> int:
        return len(self.keys)


def _resolve(vocab: Vocabulary, labels: dict[int, tuple[str, str, bool]]) -> tuple[dict[str, list[int]], list]:
    """labels: column → (upper text, lower text, upper is the cell's own) → keys and the labels not known."""
    keys: dict[str, list[int]] = {}
    unknown = []
    for i, (up, low, own) in sorted(labels.items()):
        candidates = [low, up + low] if low else []
        key = next((k for c in candidates if (k := vocab.key(c)) is not None), None)
        if key is None and up and low and vocab.key(up) in vocab.groups:
            key = f"{vocab.key(up)}:{low}"
        if key is None and own and up:
            key = vocab.key(up)
        if key is not None:
            keys.setdefault(key, []).append(i)
        elif low or own:
            unknown.append((i, "／".join(t for t in (up if own or low else "", low) if t)))
    return keys, unknown


def find_header(rows: Sequence[Sequence], vocab: Vocabulary) -> Header | None:
    """The header of a horizontal table: the first row (or pair of rows, for a two-level header with merged
    cells) whose labels include the title column. A merged cell's value is in its first cell only, so an
    upper label is carried to the right over the columns a lower row labels."""
    for h, row in enumerate(rows):
        single = {i: (cell_text(c).strip(), "", True) for i, c in enumerate(row) if cell_text(c).strip()}
        one_keys, one_unknown = _resolve(vocab, single)
        best = None
        if h + 1 < len(rows):
            lower = {i: cell_text(c).strip() for i, c in enumerate(rows[h + 1]) if cell_text(c).strip()}
            two: dict[int, tuple[str, str, bool]] = {}
            carried = ""
            for i in range(max([*single, *lower], default=-1) + 1):
                own = i in single
                if own:
                    carried = single[i][0]
                elif i not in lower:
                    carried = ""
                if own or i in lower:
                    two[i] = (carried, lower.get(i, ""), own)
            two_keys, two_unknown = _resolve(vocab, two)
            low_keys, _ = _resolve(vocab, {i: (t, "", True) for i, t in lower.items()})
            if vocab.title_key in two_keys and len(two_keys) > max(len(one_keys), len(low_keys)):
                best = Header(h, h + 1, two_keys, two_unknown)
        if best is None and vocab.title_key in one_keys:
            best = Header(h, h, one_keys, one_unknown)
        if best is not None:
            return best
    return None


def guidance_texts(survey: SurveyDefinition) -> list[str]:
    return [n for f in survey.fields for g in f.guidance if len(n := norm(g)) >= 6]


def is_guidance(text: str, guidance: Sequence[str]) -> bool:
    """Whether a (normalised) cell is the survey's guidance for a field rather than an answer."""
    return bool(text) and any(g in text and len(text) <= 2 * len(g) + 10 for g in guidance)


def skip_reason(row: Sequence, guidance: Sequence[str]) -> str | None:
    """Why a row under the header is not a measure: 記入例, 入力区分 or guidance text; None for a data row."""
    texts = [norm(cell_text(c)) for c in row if cell_text(c).strip()]
    if not texts:
        return None
    if any(t.startswith(EXAMPLE_WORDS) or t in ("例", "記入例") for t in texts[:2]):
        return "記入例"
    if all(t in REQUIREMENT_WORDS for t in texts):
        return "入力区分"
    hits = sum(1 for t in texts if is_guidance(t, guidance))
    if hits and hits * 2 >= len(texts):
        return "記入要領"
    return None


def year_in_text(text: str, *, short: bool = False) -> int | None:
    """The fiscal year a title or a sheet name names: 令和7年度, 2025年度 (a date such as 令和7年6月3日 is not
    a fiscal year); a sheet name (``short``) may also say 令和7 or R7."""
    cleaned = unicodedata.normalize("NFKC", text or "").strip()
    try:
        return parse_fiscal_year(cleaned)
    except FiscalYearError:
        pass
    m = _YEAR_LONG.search(cleaned)
    if m is None and short:
        m = _YEAR_SHORT.search(cleaned)
    if m is None:
        return None
    try:
        return parse_fiscal_year(m.group(0))
    except FiscalYearError:
        return None


def ministry_in(texts: Iterable[str], survey: SurveyDefinition) -> str | None:
    """The one ministry of the survey's list a form's title rows name (「外務省作成」), None if none or several."""
    found = set()
    for text in texts:
        for name in survey.ministries:
            if name in text:
                found.add(name)
    found = {n for n in found if not any(n != o and n in o for o in found)}
    return found.pop() if len(found) == 1 else None


# --------------------------------------------------------------------------
# 施策分類 written loosely.


def _bare(text: str) -> str:
    return norm(text).replace("/", "").replace("／", "").replace("・", "")


def match_choice(survey: SurveyDefinition, text: str) -> tuple[Choice | None, list[Choice]]:
    """The choice a cell means, read loosely (the choice's name, its group and name, the group alone when it
    has one choice, with or without 【】); otherwise None and the choices it could be (all when unclear)."""
    exact = survey.choice_by_label(text)
    if exact is not None:
        return exact, []
    b = _bare(text)
    if not b:
        return None, list(survey.choices)
    for g in survey.classification_groups:
        short = g.label.split(maxsplit=1)[-1]
        for c in g.choices:
            if b in {_bare(x) for x in (c.label, c.code, g.label + c.label, short + c.label)}:
                return c, []
    hits = [c for c in survey.choices if _bare(c.label) in b]
    hits = [c for c in hits if not any(o is not c and _bare(c.label) in _bare(o.label) for o in hits)]
    if len(hits) == 1:
        return hits[0], []
    groups = [g for g in survey.classification_groups
              if b in {_bare(g.label), _bare(g.label.split(maxsplit=1)[-1]), _bare(g.label.split(maxsplit=1)[0])}]
    if len(groups) == 1:
        if len(groups[0].choices) == 1:
            return groups[0].choices[0], []
        return None, list(groups[0].choices)
    return None, hits or list(survey.choices)


# --------------------------------------------------------------------------
# One measure per sheet, written vertically.


@dataclass
class TextCell:
    """A value put together from several cells (a label merged over several rows): read as typed text."""

    value: object
    data_type: str = "s"


@dataclass
class Record:
    """One measure of a vertical layout (or a Word file): column key → its cell and where it was."""

    cells: dict[str, object] = field(default_factory=dict)
    refs: dict[str, str] = field(default_factory=dict)
    first_ref: str = ""


@dataclass
class Vertical:
    records: list[Record]
    unknown: list[tuple[str, str]]           # (cell, label) of rows no column stands for
    unused: list[tuple[str, str]]            # (cell, text) of values under such a row
    skipped: list[str]                       # cells of the 入力区分 / guidance values left out
    preamble: list[str] = field(default_factory=list)   # the title rows above the table


def _value_column(rows: Sequence[Sequence]) -> tuple[int, int | None, int | None]:
    """(row index after the 入力項目 | 記載内容 header, its label column, its value column), or (0, None, None)."""
    for r, row in enumerate(rows[:30]):
        texts = {i: norm(cell_text(c)) for i, c in enumerate(row) if cell_text(c).strip()}
        label_col = next((i for i, t in texts.items() if t in ITEM_HEADERS), None)
        if label_col is None:
            continue
        for wanted in VALUE_HEADERS:
            value_col = next((i for i, t in texts.items() if t == wanted and i > label_col), None)
            if value_col is not None:
                return r + 1, label_col, value_col
    return 0, None, None


def excel_ref(sheet: str):
    return lambda col, row: f"{sheet}!{get_column_letter(col + 1)}{row + 1}"


def read_vertical(sheet: str, rows: Sequence[Sequence], vocab: Vocabulary, guidance: Sequence[str],
                  ref=None) -> Vertical:
    """Records of a sheet whose first column carries the labels and the next ones the values; a new record
    starts at each title row. A row whose label is empty continues the one above (a label cell merged over
    several rows, one KPI a row)."""
    ref = ref or excel_ref(sheet)
    start, label_col, value_col = _value_column(rows)
    records: list[Record] = []
    unknown, unused, skipped = [], [], []
    preamble: list[str] = [" ".join(cell_text(c) for c in row if cell_text(c).strip()) for row in rows[:max(start - 1, 0)]]
    current: Record | None = None
    key: str | None = None
    parts: dict[str, list] = {}

    def close() -> None:
        if current is None:
            return
        for k, cells in parts.items():
            if len(cells) == 1 or any(getattr(c, "data_type", "s") == "f" for c in cells):
                current.cells[k] = cells[0]
            else:
                current.cells[k] = TextCell("\n".join(cell_text(c) for c in cells))

    seen_col: int | None = label_col
    for r in range(start, len(rows)):
        row = rows[r]
        filled = [i for i, c in enumerate(row) if cell_text(c).strip()]
        if not filled:
            continue
        lc = seen_col if seen_col is not None and filled[0] >= seen_col else filled[0]
        label = cell_text(row[lc]).strip() if lc < len(row) else ""
        if seen_col is None:
            if vocab.key(label) is None:
                preamble.append(" ".join(cell_text(row[i]) for i in filled))
                continue          # title rows above the table
            seen_col = lc
        if value_col is not None:
            values = [value_col] if value_col < len(row) and cell_text(row[value_col]).strip() else []
        else:
            values = [i for i in filled if i > lc] if label else filled
        values = [i for i in values if norm(cell_text(row[i])) not in REQUIREMENT_WORDS]
        given = [i for i in values if not is_guidance(norm(cell_text(row[i])), guidance)]
        skipped += [ref(i, r) for i in values if i not in given]
        if value_col is None and len(given) > 1 and label:
            unused += [(ref(i, r), cell_text(row[i])) for i in given[:-1]]
            given = given[-1:]          # label | 入力区分 | 記載内容(guidance) | value: the last one is the answer
        if label:
            key = vocab.key(label)
            if key is None:
                unknown.append((ref(lc, r), label))
                for i in given:
                    unused.append((ref(i, r), cell_text(row[i])))
                continue
            if key == vocab.title_key and current is not None and vocab.title_key in parts:
                close()
                current, parts = None, {}
            if current is None:
                current = Record(first_ref=ref(lc, r))
                records.append(current)
        elif key is None:
            for i in given:
                unused.append((ref(i, r), cell_text(row[i])))
            continue
        for i in given:
            parts.setdefault(key, []).append(row[i])
            current.refs.setdefault(key, ref(i, r))
        if not given and key not in current.refs:
            current.refs[key] = ref(lc + 1, r)
    close()
    records = [rec for rec in records if vocab.title_key in rec.refs]
    return Vertical(records, unknown, unused, skipped, preamble)


# --------------------------------------------------------------------------
# Cells merged down over several rows (a 府省庁 or 担当課室 written once for its rows).

_MERGE = re.compile(rb'<(?:\w+:)?mergeCell\b[^>]*\bref="([A-Z]{1,3}\d+:[A-Z]{1,3}\d+)"')
MAX_MERGES = 2_000    # a real form merges a few dozen cells; more are read as not merged (with a warning)


def merged_ranges(archive, part: str) -> list[tuple[int, int, int, int]]:
    """(min_col, min_row, max_col, max_row) of the merged cells of a worksheet part, read from its XML (the
    read-only worksheet does not know them). The part was size-checked with the file (form_check)."""
    from openpyxl.utils.cell import range_boundaries

    found: list[tuple[int, int, int, int]] = []
    tail = b""
    try:
        with archive.open(part.lstrip("/")) as handle:
            while chunk := handle.read(1 << 20):
                data = tail + chunk
                for m in _MERGE.finditer(data):
                    found.append(tuple(range_boundaries(m.group(1).decode())))
                    if len(found) >= MAX_MERGES:
                        return found
                tail = data[-200:]
    except (KeyError, OSError):
        return []
    return sorted(set(found))


def fill_merged(rows, first_row: int, ranges: Sequence[tuple[int, int, int, int]]):
    """The rows from ``first_row`` (1-based) on, a cell merged down over several rows read in each of them
    (its value is stored in its first row only)."""
    pending = sorted((r for r in ranges if r[3] > r[1]), key=lambda r: r[1])
    if not pending:
        yield from rows
        return
    active: dict[tuple[int, int, int, int], object] = {}     # range → its first cell
    at = 0
    for r, row in enumerate(rows, start=first_row):
        row = list(row)
        while at < len(pending) and pending[at][1] <= r:
            rng = pending[at]
            at += 1
            if rng[1] == r and rng[0] - 1 < len(row):
                active[rng] = row[rng[0] - 1]
            elif rng[1] < r:
                active[rng] = None          # began above the data (in the header): nothing to carry
        for rng, source in list(active.items()):
            min_col, min_row, _max_col, max_row = rng
            if r > max_row:
                del active[rng]
                continue
            i = min_col - 1
            if r > min_row and source is not None:
                while len(row) <= i:
                    row.append(TextCell(None))
                if getattr(row[i], "value", None) in (None, ""):
                    row[i] = TextCell(getattr(source, "value", None), getattr(source, "data_type", "s"))
        yield row
