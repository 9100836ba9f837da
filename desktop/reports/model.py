"""The report model: the one place that decides what of a sheet may be printed.

Every writer (Word, Excel, CSV) receives a :class:`Report` built here and
never sees a :class:`SheetData`. A leak of non-public text into a published
file then needs a bug in this module, which is small and tested hard, instead
of a bug in any of the writers.

Audiences:

``internal``
    Everything is printed. What would be withheld from the public version is
    flagged (runs of kind ``NONPUBLIC``, ``nonpublic`` on fields and KPI
    rows) so writers can shade it and show 【非公開】 markers, and the
    公開範囲に関する希望 field lists every mark with its reason.

``public``
    What the sheet withholds is decided by desktop.disclosure.withhold (the
    rule the editor and the leak check share); here each withheld part is
    replaced by ``survey.public_placeholder``:

    * a whole-field mark replaces the field's content; a span mark and every
      recurrence of a withheld text (the sheet's marks, its lineage's
      register, every other lineage's, compared as a reader reads them)
      replace their characters, one placeholder per contiguous region;
    * a withheld KPI keeps its row (the 実施項目 shows that something is
      there) but its 指標 becomes the placeholder and every other cell is
      empty; a withheld value (an actual, the target, the baseline) prints
      the placeholder, and then 達成率, 進捗 and the chart, which would give
      the value away, are withheld too; a withheld 実施項目 withholds its KPIs;
    * citations are dropped when they are marked, when their anchor (the
      character before their position) or their field is withheld, or when
      their quoted text or 出典 line holds a withheld passage;
    * mark reasons are dropped. The 公開範囲に関する希望 field is never
      printed: it describes what is withheld and why. It shows only how many
      parts were withheld;
    * 担当者 and 連絡先 (personal data of staff) are left out.

The public report is refused (ReportError naming the sheet, the field and
the text) when a sheet has a mark that could not be placed (its passage
was not found after an import, a merge or the new year) or when a short
withheld passage of another measure turns up in a sheet: a person decides.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import Enum

from desktop.disclosure.marks import MarkEntry, describe_marks, sheet_title
from desktop.disclosure.needles import NeedleSet
from desktop.disclosure.withhold import (
    Owner,
    SheetWithholding,
    describe_unplaced,
    needle_set,
    sheet_passages,
    withholding,
)
from desktop.reports.errors import DisclosureRefused
from desktop.survey.definition import FieldKind, SurveyDefinition
from desktop.survey.progress import KpiSeries, format_figure, format_number, kpi_series
from desktop.survey.sheet import (
    CitationData,
    Direction,
    ItemData,
    KpiData,
    Qualifier,
    SheetData,
    TargetKind,
    target_phrase,
)
from desktop.survey.wareki import format_date, format_fiscal_year
from desktop.survey.vocabulary import KPI_ATTRIBUTE_LABELS, SHEET_ATTRIBUTE_LABELS

# Labels of sheet attributes that are not fields of the survey format. The
# survey's own labels (施策名, 施策内容, ...) always come from the definition.
LABEL_NUMBER = "No."
LABEL_YEAR = SHEET_ATTRIBUTE_LABELS["fiscal_year"]
LABEL_MINISTRY = SHEET_ATTRIBUTE_LABELS["ministry"]
LABEL_BUREAU = SHEET_ATTRIBUTE_LABELS["bureau"]
LABEL_PERSON = SHEET_ATTRIBUTE_LABELS["person"]
LABEL_CONTACT = SHEET_ATTRIBUTE_LABELS["contact"]
LABEL_STATUS = SHEET_ATTRIBUTE_LABELS["status"]
LABEL_FIELD = "入力項目"
LABEL_CONTENT = "記載内容"

# Labels of the summary tables, the KPI list and the multi-year grid (desktop.reports.summary).
LABEL_SUMMARY = "集計表"
LABEL_MEASURE_NUMBER = "施策番号"
LABEL_MEASURES = "施策数"
LABEL_KPIS = "KPI数"
LABEL_TOTAL = "合計"
LABEL_PROGRESS_WITHHELD = "非公開"      # public: KPIs whose progress is not given (withheld)
LABEL_NO_AREA = "指定なし"
LABEL_KPI_LIST = "KPI一覧"
LABEL_KPI_GRID = "実績の推移"
LABEL_GRID_KIND = "区分"
LABEL_GRID_ACTUAL = "実績"
LABEL_GRID_RATE = "達成率"
SUMMARY_AREA_NOTE = "一つの施策が複数の{areas}に該当する場合は、それぞれに計上しています（合計は施策の数）。"
SUMMARY_CAPTION = "{kind}別の施策数とKPIの進捗"
SUMMARY_INTRO = "KPIの進捗（達成・順調・遅れ・データなし）は、各施策シートの年度の時点で判定しています。"
SUMMARY_WITHHELD_NOTE = "「非公開」は、非公開の値を含むため進捗を示していないKPIの数です。"
APPENDIX_PREFIX = "別表"
GRID_RATE_NOTE = "（括弧内は達成率）"

KPI_HEADERS = ("実施項目", KPI_ATTRIBUTE_LABELS["indicator"], KPI_ATTRIBUTE_LABELS["unit"], "基準値（年度）", "目標値（年度）", "当年度実績", "前年度実績")
# The KPI's progress as of the sheet's year (desktop.survey.progress), printed after KPI_HEADERS.
KPI_PROGRESS_HEADERS = ("達成率", "進捗")

ALL_MINISTRIES = "全府省庁"
UNCLASSIFIED = "施策分類なし"
NO_KPI = "KPI未設定"
PLAN_PREFIX = "今後の検討予定："
NONPUBLIC_START = "【非公開】"
NONPUBLIC_END = "【/非公開】"

_EXCERPT = 40
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


class Audience(str, Enum):
    PUBLIC = "public"
    INTERNAL = "internal"

    @property
    def label(self) -> str:
        """The marking printed in every page header."""
        return "公開版" if self is Audience.PUBLIC else "内部資料"


class RunKind(str, Enum):
    TEXT = "text"
    NONPUBLIC = "nonpublic"      # internal only: marked text, shown flagged
    PLACEHOLDER = "placeholder"  # public only: stands for withheld text
    FOOTNOTE = "footnote"        # a citation's footnote reference, text empty


@dataclass(frozen=True, slots=True)
class Run:
    text: str
    kind: RunKind = RunKind.TEXT
    footnote: int | None = None


Paragraph = tuple[Run, ...]


def footnote_marker(number: int) -> str:
    """How a footnote reference reads where text cannot carry real footnotes (Excel)."""
    return f"※{number}"


def plain_text(paragraphs: Sequence[Paragraph]) -> str:
    """One string for a cell: paragraphs on lines, marked text bracketed, notes as ※n.

    A footnote inside marked text does not close the bracket, so a marked
    passage reads as one 【非公開】…【/非公開】 region per line.
    """
    lines = []
    for paragraph in paragraphs:
        parts, inside = [], False
        for run in paragraph:
            if run.kind is RunKind.FOOTNOTE:
                parts.append(footnote_marker(run.footnote or 0))
                continue
            marked = run.kind is RunKind.NONPUBLIC
            if marked != inside:
                parts.append(NONPUBLIC_START if marked else NONPUBLIC_END)
                inside = marked
            parts.append(run.text)
        if inside:
            parts.append(NONPUBLIC_END)
        lines.append("".join(parts))
    return "\n".join(lines)


@dataclass(frozen=True, slots=True)
class FieldBlock:
    """One of the survey's fields, ready to print."""

    key: str
    label: str
    paragraphs: tuple[Paragraph, ...]
    nonpublic: bool = False   # internal: the whole field is marked
    withheld: bool = False    # public: the whole field was replaced

    @property
    def text(self) -> str:
        return plain_text(self.paragraphs)


@dataclass(frozen=True, slots=True)
class KpiRow:
    """One KPI (or one 実施項目 without a KPI) as printed in the KPI tables."""

    item: str
    indicator: str
    unit: str = ""
    baseline: str = ""        # value and year, e.g. 0（令和5年度）
    target: str = ""
    actual: str = ""          # the sheet's fiscal year
    previous: str = ""        # the fiscal year before
    kind: str = ""
    direction: Direction | None = None
    qualifier: Qualifier | None = None
    target_kind: TargetKind = TargetKind.LEVEL
    target_level: str = ""    # the level a relative target means (baseline-derived; withheld with it)
    baseline_value: str | None = None
    baseline_year: int | None = None
    target_value: str | None = None
    target_year: int | None = None
    data_source: str = ""
    actuals: tuple[tuple[int, str | None], ...] = ()
    has_kpi: bool = True
    nonpublic: bool = False
    withheld: bool = False
    progress: str = ""      # 達成 / 順調 / 遅れ / データなし as of the sheet's year
    rate: str = ""          # 達成率 of the latest numeric actual, e.g. 45%（令和7年度）
    series: KpiSeries | None = None   # what the progress chart draws (None: no KPI or withheld)

    @property
    def cells(self) -> tuple[str, ...]:
        """The cells in the order of KPI_HEADERS."""
        return (self.item, self.indicator, self.unit, self.baseline, self.target, self.actual, self.previous)

    def actual_of(self, year: int) -> str:
        return next((v or "" for y, v in self.actuals if y == year), "")


@dataclass(frozen=True, slots=True)
class Footnote:
    number: int
    field_label: str
    text: str          # the 出典 line
    quoted_text: str


@dataclass(frozen=True, slots=True)
class ReviewNote:
    """One line of the secretariat's review printed in internal output: the evaluation or a comment."""

    kind: str          # 評価 / コメント / 返信
    where: str         # the field's label (and the quoted passage)
    text: str
    author: str = ""
    at: str = ""
    resolved: bool = False


@dataclass(frozen=True, slots=True)
class Section:
    """One measure sheet."""

    number: int
    sheet_id: int | None
    heading: str
    classification: str
    fiscal_year: int
    fiscal_year_label: str
    ministry: str
    bureau: str
    person: str
    contact: str
    status: str
    areas: str
    fields: tuple[FieldBlock, ...]
    kpis: tuple[KpiRow, ...]
    footnotes: tuple[Footnote, ...]
    marked_parts: int = 0     # how many parts are flagged (internal) or withheld (public)
    marks: tuple[MarkEntry, ...] = ()   # internal only: every mark with its text and reason
    ordinal: int = 0          # position in the report (bookmarks); ``number`` is the stored 施策番号
    unaccepted: str = ""      # public: the status of a sheet included although not accepted (marked)
    review: tuple[ReviewNote, ...] = ()   # internal only: evaluation and comments of the review
    area_list: tuple[str, ...] = ()   # the areas one by one as printed (withheld like ``areas``)

    def field(self, key: str) -> FieldBlock:
        return next(f for f in self.fields if f.key == key)


@dataclass(frozen=True, slots=True)
class Chapter:
    """Consecutive sections sharing a 施策分類."""

    number: int
    heading: str
    sections: tuple[Section, ...]


@dataclass(frozen=True, slots=True)
class Report:
    audience: Audience
    title: str
    survey_title: str
    issuer: str
    fiscal_year_label: str
    ministry_label: str
    created: date
    created_label: str
    placeholder: str
    areas_label: str
    field_labels: tuple[tuple[str, str], ...]   # (key, label) in the survey's order
    title_field: str                            # key of the field that names a measure (施策名)
    classification_field: str | None
    kpi_field_label: str
    chapters: tuple[Chapter, ...]
    actual_years: tuple[int, ...]
    kpi_headers: tuple[str, ...] = KPI_HEADERS
    as_of_label: str = ""     # 時点, e.g. 令和8年12月3日時点 (the public result)
    left_out: int = 0         # public: sheets not accepted and left out
    classification_labels: tuple[str, ...] = ()   # the survey's 施策分類 as chapters print them, in order
    area_labels: tuple[str, ...] = ()             # the survey's 戦略領域・重要領域, in order
    # Public: the withheld passages the report was built against; the writers' WriteGuard checks what they
    # write against them (desktop.reports.guard). None for the internal report.
    withheld: NeedleSet | None = field(default=None, compare=False, repr=False)

    @property
    def shows_status(self) -> bool:
        """状態 is internal workflow: printed in internal output only."""
        return self.audience is Audience.INTERNAL

    @property
    def marking(self) -> str:
        return self.audience.label

    @property
    def title_label(self) -> str:
        return dict(self.field_labels)[self.title_field]

    @property
    def sections(self) -> tuple[Section, ...]:
        return tuple(s for c in self.chapters for s in c.sections)


def _inside(position: int, spans: Sequence[tuple[int, int]]) -> bool:
    return any(s <= position < e for s, e in spans)


def marked_passages(survey: SurveyDefinition, sheet: SheetData) -> tuple[str, ...]:
    """Every text the sheet withholds as typed: its marks' texts and its register's (the leak check's needles)."""
    return tuple(dict.fromkeys(text for text, _owner in sheet_passages(sheet)))


# --------------------------------------------------------------------------
# Building runs and strings.


class _Builder:
    """Builds one report; holds the footnote counter across sections."""

    def __init__(self, survey: SurveyDefinition, audience: Audience, needles: NeedleSet) -> None:
        self.survey = survey
        self.audience = audience
        self.public = audience is Audience.PUBLIC
        self.placeholder = survey.public_placeholder
        self.needles = needles
        self.next_footnote = 1
        self.review: dict[int | None, tuple[ReviewNote, ...]] = {}

    # --- plain strings (headings, KPI cells, meta) -------------------------

    def string(self, text: str, marks: SheetWithholding, where: str = "") -> str:
        """A short string with recurrences of withheld passages withheld (public)."""
        if not self.public or not text:
            return text
        spans = marks.spans(text, where)
        if not spans:
            return text
        out, pos = [], 0
        for start, end in spans:
            out.append(text[pos:start])
            out.append(self.placeholder)
            pos = end
        out.append(text[pos:])
        return "".join(out)

    # --- fields ------------------------------------------------------------

    def text_runs(self, text: str, spans: list[tuple[int, int]],
                  notes: list[tuple[int, int]]) -> tuple[Paragraph, ...]:
        """Runs of a field text: spans withheld or flagged, footnotes at their positions."""
        cuts = sorted({0, len(text)} | {p for s in spans for p in s} | {p for p, _ in notes})
        notes_at: dict[int, list[int]] = {}
        for position, number in notes:
            notes_at.setdefault(position, []).append(number)
        runs: list[Run] = []
        for i, start in enumerate(cuts):
            runs.extend(Run("", RunKind.FOOTNOTE, n) for n in notes_at.get(start, []))
            if i + 1 == len(cuts):
                break
            end = cuts[i + 1]
            if end <= start:
                continue
            marked = _inside(start, spans)
            if not marked:
                runs.append(Run(text[start:end]))
            elif not self.public:
                runs.append(Run(text[start:end], RunKind.NONPUBLIC))
            elif any(s == start for s, _ in spans):
                runs.append(Run(self.placeholder, RunKind.PLACEHOLDER))
        return _paragraphs(runs)

    def flagged(self, text: str, marked: bool, marks: SheetWithholding, where: str = ""
                ) -> tuple[tuple[Paragraph, ...], bool]:
        """A generated text (not offset-addressed): withheld whole, flagged whole, or scrubbed."""
        if marked and self.public:
            return ((Run(self.placeholder, RunKind.PLACEHOLDER),),), True
        if marked:
            return _paragraphs([Run(text, RunKind.NONPUBLIC)]), False
        return self.text_runs(text, marks.spans(text, where), []), False


def _paragraphs(runs: list[Run]) -> tuple[Paragraph, ...]:
    """Split runs at line breaks into paragraphs (footnote runs stay where they are)."""
    paragraphs: list[list[Run]] = [[]]
    for run in runs:
        if run.kind is RunKind.FOOTNOTE or not _LINE_BREAK.search(run.text):
            if run.text or run.kind is RunKind.FOOTNOTE:
                paragraphs[-1].append(run)
            continue
        pieces = _LINE_BREAK.split(run.text)
        for j, piece in enumerate(pieces):
            if j:
                paragraphs.append([])
            if piece:
                paragraphs[-1].append(Run(piece, run.kind, run.footnote))
    return tuple(tuple(p) for p in paragraphs)


def _year_value(value: str | None, year: int | None, sep: str = "\n") -> str:
    """A value with its fiscal year; the year goes on its own line in narrow table cells."""
    text = value or ""
    if year is not None:
        text += f"{sep if text else ''}（{format_fiscal_year(year)}）"
    return text


def _citation_line(c: CitationData) -> str:
    if c.reference.strip():
        return c.reference.strip()
    if c.document_title.strip():
        title = c.document_title.strip()
        quoted = title if title.startswith("「") else f"「{title}」"
        return f"出典：{quoted}{c.locator}"
    return f"出典：「{c.quoted_text.strip()[:_EXCERPT]}」"


class _SheetBuilder:
    """Turns one sheet into a Section."""

    def __init__(self, b: _Builder, sheet: SheetData, number: int, ordinal: int = 0) -> None:
        self.b = b
        self.survey = b.survey
        self.sheet = sheet
        self.number = number
        self.ordinal = ordinal or number
        self.marks = withholding(b.survey, sheet, b.needles)
        if b.public and self.marks.unplaced:
            raise DisclosureRefused(
                f"{describe_unplaced(b.survey, sheet, self.marks.unplaced)}は非公開の指定の位置が確認できない"
                "ため（非公開の確認が必要）、公開版を作成できません。編集画面の「公開範囲に関する希望」で"
                "指定し直すか、解除してください。")
        self.footnotes: list[Footnote] = []

    # --- citations -----------------------------------------------------------

    def _citations_of(self, key: str, text: str, spans: list[tuple[int, int]], withheld: bool,
                      kind: FieldKind) -> list[tuple[int, CitationData]]:
        """The field's citations that may be printed, with their clamped positions."""
        out = []
        for c in self.sheet.citations:
            if c.field_key != key:
                continue
            position = len(text) if c.position is None or not kind.has_text else max(0, min(c.position, len(text)))
            if self.b.public:
                if withheld or self.marks.citation_marked(c):
                    continue
                if position > 0 and _inside(position - 1, spans):
                    continue
                if self.marks.changes(c.quoted_text) or self.marks.changes(_citation_line(c)):
                    continue
            out.append((position, c))
        out.sort(key=lambda pc: pc[0])
        return out

    def _number(self, label: str, citations: list[tuple[int, CitationData]]) -> list[tuple[int, int]]:
        notes = []
        for position, c in citations:
            number = self.b.next_footnote
            self.b.next_footnote += 1
            self.footnotes.append(Footnote(number, label, _citation_line(c), c.quoted_text))
            notes.append((position, number))
        return notes

    # --- fields --------------------------------------------------------------

    def field_block(self, key: str) -> FieldBlock:
        f = self.survey.field(key)
        whole = self.marks.field_whole(key)
        if f.kind is FieldKind.DISCLOSURE:
            return self._disclosure(key, f.label)
        if f.kind.has_text:
            text = self.sheet.text(key)
            spans = self.marks.field_withheld_spans(key, text, f.label)
            withheld = self.b.public and whole
            notes = self._number(f.label, self._citations_of(key, text, spans, withheld, f.kind))
            if withheld:
                paragraphs = ((Run(self.b.placeholder, RunKind.PLACEHOLDER),),)
            else:
                paragraphs = self.b.text_runs(text, spans, notes)
            return FieldBlock(key, f.label, paragraphs, nonpublic=whole and not self.b.public,
                              withheld=withheld)
        if f.kind is FieldKind.CLASSIFICATION:
            text = self.survey.classification_display(self.sheet.classification)
        else:  # KPI_ITEMS
            text = self._items_summary(whole)
        paragraphs, withheld = self.b.flagged(text, whole, self.marks, f.label)
        notes = self._number(f.label, self._citations_of(key, text, [], withheld, f.kind))
        if notes:
            paragraphs = paragraphs[:-1] + (paragraphs[-1] + tuple(Run("", RunKind.FOOTNOTE, n) for _, n in notes),)
        return FieldBlock(key, f.label, paragraphs, nonpublic=whole and not self.b.public, withheld=withheld)

    def _items_summary(self, withheld: bool) -> str:
        """The 実施項目 and KPIs as lines; withheld parts (public) as the placeholder."""
        if withheld and self.b.public:
            return ""
        public, placeholder = self.b.public, self.b.placeholder
        lines = []
        for i, item in enumerate(self.sheet.items, start=1):
            if public and self.marks.item_marked(item):
                lines.append(f"（{i}）{placeholder}")
                continue
            lines.append(f"（{i}）{placeholder if public and self.marks.item_marked(item, 'title') else item.title}")
            for kpi in item.kpis:
                if public and self.marks.kpi_marked(kpi, item):
                    lines.append(f"　・{placeholder}")
                    continue
                target = ""
                if kpi.target_value or kpi.target_year:
                    value = placeholder if public and self.marks.value_marked(kpi, "target_value", item) \
                        else format_figure(kpi.target_value, kpi.unit) + kpi.unit
                    target = f"（目標：{_year_value(value, kpi.target_year, '')}）"
                indicator = placeholder if public and self.marks.value_marked(kpi, "indicator", item) else kpi.indicator
                lines.append(f"　・{indicator}{target}")
            if not item.kpis:
                lines.append(f"　・{NO_KPI}")
            if item.plan_text.strip():
                plan = placeholder if public and self.marks.item_marked(item, "plan_text") else item.plan_text
                lines.append(f"　{PLAN_PREFIX}{plan}")
        return "\n".join(lines)

    def _disclosure(self, key: str, label: str) -> FieldBlock:
        if self.b.public:
            text = f"一部を非公開としています（{len(self.sheet.marks)}か所）。" if self.sheet.marks else ""
            return FieldBlock(key, label, _paragraphs([Run(text)]) if text else ((),))
        own = self.sheet.text(key)
        runs = list(self.b.text_runs(own, self.marks.field_withheld_spans(key, own), []))
        lines = [entry.line for entry in describe_marks(self.survey, self.sheet)]
        paragraphs = tuple(p for p in runs if p) + tuple((Run(line),) for line in lines)
        return FieldBlock(key, label, paragraphs or ((),), nonpublic=self.marks.field_whole(key))

    # --- KPIs ----------------------------------------------------------------

    def kpi_rows(self) -> tuple[KpiRow, ...]:
        s = self.b.string
        public, placeholder = self.b.public, self.b.placeholder
        kpi_field = self.survey.first_field_of_kind(FieldKind.KPI_ITEMS)
        label = kpi_field.label if kpi_field else "KPI"
        all_marked = self.marks.all_items
        if all_marked and public:
            return (KpiRow(item=placeholder, indicator=placeholder, withheld=True),) if self.sheet.items else ()
        year = self.sheet.fiscal_year
        rows = []
        for item in self.sheet.items:
            item_marked = self.marks.item_marked(item)
            if item_marked and public:
                rows.append(KpiRow(item=placeholder, indicator=placeholder, withheld=True))
                continue
            title = placeholder if public and self.marks.item_marked(item, "title") else s(item.title, self.marks, label)
            if not item.kpis:
                plan = placeholder if public and self.marks.item_marked(item, "plan_text") \
                    else s(item.plan_text, self.marks, label).strip()
                indicator = f"{NO_KPI}（{PLAN_PREFIX}{plan}）" if plan else NO_KPI
                rows.append(KpiRow(item=title, indicator=indicator, has_kpi=False, nonpublic=all_marked or item_marked))
                continue
            for kpi in item.kpis:
                marked = all_marked or self.marks.kpi_marked(kpi, item)
                if marked and public:
                    rows.append(KpiRow(item=title, indicator=placeholder, withheld=True))
                    continue
                rows.append(self._kpi_row(title, item, kpi, year, marked, label))
        return tuple(rows)

    def _kpi_row(self, title: str, item: ItemData, kpi: KpiData, year: int, marked: bool, label: str) -> KpiRow:
        public, placeholder = self.b.public, self.b.placeholder

        def s(attr: str) -> str | None:
            value = kpi.value(attr)
            if public and self.marks.value_marked(kpi, attr, item):
                return placeholder if value not in (None, "") else value
            return None if value is None else self.b.string(value, self.marks, label)

        actuals = tuple(sorted((y, s(f"actual:{y}")) for y in kpi.actuals))
        current = dict(actuals)
        hidden_progress = public and self.marks.progress_withheld(kpi, item)
        progress = {"progress": placeholder, "rate": placeholder, "series": None,
                    "target_level": placeholder if kpi.target_kind.relative else ""} if hidden_progress \
            else _progress_cells(kpi, year)
        return KpiRow(
            item=title,
            indicator=s("indicator") or "",
            unit=s("unit") or "",
            baseline=_year_value(format_figure(s("baseline_value"), kpi.unit), kpi.baseline_year),
            target=_year_value(_target_phrase(kpi, format_figure(s("target_value"), kpi.unit), placeholder),
                               kpi.target_year),
            actual=format_figure(current.get(year), kpi.unit),
            previous=format_figure(current.get(year - 1), kpi.unit),
            kind=kpi.kind.label,
            direction=kpi.direction,
            qualifier=kpi.qualifier,
            target_kind=kpi.target_kind,
            baseline_value=s("baseline_value"),
            baseline_year=kpi.baseline_year,
            target_value=s("target_value"),
            target_year=kpi.target_year,
            data_source=s("data_source") or "",
            actuals=actuals,
            nonpublic=marked,
            **progress,
        )

    # --- the section ---------------------------------------------------------

    def build(self) -> Section:
        sheet, s = self.sheet, self.b.string
        fields = tuple(self.field_block(f.key) for f in _printed_fields(self.survey, self.b.audience))
        heading = _heading(next(f for f in fields if f.key == self.survey.title_field))
        unaccepted = ""
        if self.b.public and sheet.status is not self.survey.review.published_status:
            unaccepted = f"未{self.survey.review.published_status.label}（{sheet.status.label}）"
            heading = f"【{unaccepted}】{heading}"
        cls_field = self.survey.first_field_of_kind(FieldKind.CLASSIFICATION)
        cls_withheld = self.b.public and cls_field is not None and self.marks.field_whole(cls_field.key)
        area_names = [a.label if (a := self.survey.area(code)) else code for code in dict.fromkeys(sheet.areas)]
        areas = "、".join(area_names)
        printed_areas = s(areas, self.marks, self.survey.areas_label)
        # The summary counts a measure under each area it prints; when withholding touched the list
        # (a withheld passage in it), the list is one withheld entry: no area is given away.
        area_list = tuple(area_names) if printed_areas == areas else (self.b.placeholder,)
        return Section(
            number=self.number,
            sheet_id=sheet.id,
            heading=heading,
            classification=self.b.placeholder if cls_withheld else _chapter_heading(self.survey, sheet.classification),
            fiscal_year=sheet.fiscal_year,
            fiscal_year_label=format_fiscal_year(sheet.fiscal_year),
            ministry=s(sheet.ministry, self.marks, LABEL_MINISTRY),
            bureau=s(sheet.bureau, self.marks, LABEL_BUREAU),
            person="" if self.b.public and self.survey.is_internal("person") else sheet.person,
            contact="" if self.b.public and self.survey.is_internal("contact") else sheet.contact,
            status="" if self.b.public and self.survey.is_internal("status") else sheet.status.label,
            areas=printed_areas,
            fields=fields,
            kpis=self.kpi_rows(),
            footnotes=tuple(self.footnotes),
            marked_parts=len(sheet.marks),
            marks=() if self.b.public else tuple(describe_marks(self.survey, sheet)),
            ordinal=self.ordinal,
            unaccepted=unaccepted,
            review=() if self.b.public else self.b.review.get(sheet.id, ()),
            area_list=area_list,
        )


def _printed_fields(survey: SurveyDefinition, audience: Audience):
    """The survey's fields in its order; the public report leaves out the internal ones."""
    return survey.public_fields if audience is Audience.PUBLIC else survey.fields


def _chapter_heading(survey: SurveyDefinition, code: str | None) -> str:
    if not code:
        return UNCLASSIFIED
    return survey.classification_display(code)


def _sort_key(survey: SurveyDefinition, audience: Audience, needles: NeedleSet, order: dict[str, int],
              numbers: dict[int, int], sheet: SheetData) -> tuple:
    """施策分類 (the survey's order), then the year, then the stored 施策番号 (so a chapter's numbers
    rise, as a reader of the 目次 expects), then ministry and title, all as they will be printed.

    Sorting by what is printed matters for the public version: placing a
    withheld title by its hidden text would hint at that text. The 施策番号 is
    printed itself, so ordering by it tells nothing more.
    """
    probe = _SheetBuilder(_Builder(survey, audience, needles), sheet, 0)
    cls_field = survey.first_field_of_kind(FieldKind.CLASSIFICATION)
    if audience is Audience.PUBLIC and cls_field is not None and probe.marks.field_whole(cls_field.key):
        rank = len(order) + 2
    elif sheet.classification is None:
        rank = len(order) + 1
    else:
        rank = order.get(sheet.classification, len(order))
    heading = _heading(probe.field_block(survey.title_field))
    probe.marks.found.clear()     # a refusal is raised by the real build, once
    number = numbers.get(sheet.id or 0, 0)
    return (rank, sheet.fiscal_year, number, probe.b.string(sheet.ministry, probe.marks), heading, sheet.id or 0)


def _heading(title_block: FieldBlock) -> str:
    text = "".join(r.text for p in title_block.paragraphs for r in p if r.kind is not RunKind.FOOTNOTE)
    return " ".join(text.split()) or "（無題）"


def _years_label(years: Sequence[int]) -> str:
    unique = sorted(set(years))
    if not unique:
        return ""
    if len(unique) == 1:
        return format_fiscal_year(unique[0])
    return f"{format_fiscal_year(unique[0])}〜{format_fiscal_year(unique[-1])}"


def report_needles(survey: SurveyDefinition, sheets: Sequence[SheetData],
                   elsewhere: Iterable[tuple[str, Owner]] = ()) -> NeedleSet:
    """Every withheld passage a report of ``sheets`` must not print: theirs and the rest of the database's."""
    return needle_set(sheets, elsewhere, lambda sheet: sheet_title(survey, sheet))


def _refuse_found(survey: SurveyDefinition, builders: Sequence["_SheetBuilder"]) -> None:
    found = [(b.sheet, f) for b in builders for f in b.marks.found]
    if not found:
        return
    lines = []
    for sheet, f in found[:5]:
        owner = f.owner.sheet_title or f"ID {f.owner.sheet_id}"
        lines.append(f"施策「{sheet_title(survey, sheet)}」（ID {sheet.id}）の「{f.where}」にある「{f.text}」"
                     f"（施策「{owner}」で非公開）")
    more = f"ほか{len(found) - 5}か所" if len(found) > 5 else ""
    raise DisclosureRefused("公開版に、別の施策で非公開に指定された短い語句が含まれているため、出力を中止しました: "
                      + "、".join(lines) + more + "。その施策でも非公開に指定するか、指定した施策で解除してください。")


def build_report(survey: SurveyDefinition, sheets: Sequence[SheetData], audience: Audience | str, *,
                 title: str | None = None, ministry: str | None = None, created: date | None = None,
                 elsewhere: Iterable[tuple[str, Owner]] = (), numbers: dict[int, int] | None = None,
                 as_of: date | None = None, left_out: int = 0,
                 review: dict[int, tuple[ReviewNote, ...]] | None = None) -> Report:
    """Turn sheets into what may be printed for ``audience`` (see the module docstring).

    ``elsewhere``: the withheld texts of the rest of the database (the app layer
    passes every register entry), withheld in these sheets too. ``numbers``:
    the stored 施策番号 by sheet id (desktop.store.review.measure_numbers);
    without them sections are numbered in report order. The public report is
    titled as the result (the survey's ``result_title``) with its 時点
    (``as_of``, default ``created``); a sheet not in the published status is
    marked in its heading (the caller decides whether to include it).
    ``review``: the evaluation and comments per sheet id, printed in internal output only.
    """
    audience = Audience(audience)
    created = created or date.today()
    needles = report_needles(survey, sheets, elsewhere)
    builder = _Builder(survey, audience, needles)
    if review and audience is Audience.INTERNAL:
        builder.review.update(review)
    order = {c.code: i for i, c in enumerate(survey.choices)}
    ordered = sorted(sheets, key=lambda sh: _sort_key(survey, audience, needles, order, numbers or {}, sh))
    builders = [_SheetBuilder(builder, sheet, (numbers or {}).get(sheet.id or 0, 0) or i, i)
                for i, sheet in enumerate(ordered, start=1)]
    sections = [b.build() for b in builders]
    if builder.public:
        _refuse_found(survey, builders)
    groups: list[list[Section]] = []
    for section in sections:
        if groups and groups[-1][0].classification == section.classification:
            groups[-1].append(section)
        else:
            groups.append([section])
    chapters = [Chapter(i, group[0].classification, tuple(group)) for i, group in enumerate(groups, start=1)]
    years = sorted({y for s in sections for row in s.kpis for y, _ in row.actuals}
                   | {s.fiscal_year for s in sections})
    kpi_field = survey.first_field_of_kind(FieldKind.KPI_ITEMS)
    return Report(
        audience=audience,
        title=title or (survey.result_title or survey.title if audience is Audience.PUBLIC else survey.title),
        survey_title=survey.title,
        issuer=survey.issuer,
        fiscal_year_label=_years_label([s.fiscal_year for s in sheets]),
        ministry_label=ministry or ALL_MINISTRIES,
        created=created,
        created_label=format_date(created),
        placeholder=survey.public_placeholder,
        areas_label=survey.areas_label,
        field_labels=tuple((f.key, f.label) for f in _printed_fields(survey, audience)),
        title_field=survey.title_field,
        classification_field=cls_field.key if (cls_field := survey.first_field_of_kind(FieldKind.CLASSIFICATION))
        else None,
        kpi_field_label=kpi_field.label if kpi_field else "KPI",
        chapters=tuple(chapters),
        actual_years=tuple(years),
        as_of_label=f"{format_date(as_of or created)}時点" if audience is Audience.PUBLIC or as_of else "",
        left_out=left_out,
        classification_labels=tuple(_chapter_heading(survey, c.code) for c in survey.choices),
        area_labels=tuple(a.label for a in survey.areas),
        withheld=needles if audience is Audience.PUBLIC else None,
    )


def _progress_cells(kpi: KpiData, year: int) -> dict:
    """The progress columns and chart data of a KPI, judged as of the sheet's year."""
    series = kpi_series(kpi, year)
    p = series.progress
    rate = f"{format_number(p.rate, 1, grouped=True)}%（{format_fiscal_year(p.latest_year)}）" \
        if p.rate is not None and p.latest_year is not None else ""
    level = kpi.target_number() if kpi.target_kind.relative else None
    return {"progress": p.label, "rate": rate, "series": series,
            "target_level": format_number(level) if level is not None else ""}


def _target_phrase(kpi: KpiData, value: str | None, placeholder: str) -> str | None:
    """The target cell: 「4以内」「+10」「46%削減（2013年度比）」 (the unit has its own column).

    A withheld value stays the placeholder alone; qualifier and kind are not the value and
    are printed only around a value that may be shown.
    """
    if value is None or value == placeholder or value == "":
        return value
    if kpi.qualifier is None and not kpi.target_kind.relative:
        return value
    return target_phrase(kpi.target_kind, kpi.qualifier, value, "", kpi.baseline_year)
