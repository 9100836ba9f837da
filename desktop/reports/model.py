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
    Each non-public part is replaced by ``survey.public_placeholder``:

    * a whole-field mark replaces the field's content; a span mark replaces
      its ``[start, end)`` text. Overlapping and adjacent spans are merged
      first, so one placeholder stands for one contiguous withheld region;
    * text equal to a marked passage, or to a line of one, of 4 characters
      or more is withheld wherever else it occurs in the same sheet: a copy in
      another field, a KPI cell or a heading would otherwise publish it;
    * a marked KPI keeps its row (the 実施項目 shows that something is there)
      but its 指標 becomes the placeholder and every other cell is empty; a
      mark on the 実施項目・KPI field withholds all items and KPIs;
    * citations are dropped when they are marked, when their anchor (the
      character before their position) or their field is withheld, or when
      their quoted text or 出典 line contains a withheld passage;
    * mark reasons are dropped. The 公開範囲に関する希望 field is never
      printed: it describes what is withheld and why. It shows only how many
      parts were withheld;
    * 担当者 and 連絡先 (personal data of staff) are left out.

Marks that cannot be placed are treated so that nothing leaks: a span whose
offsets do not fit the text (negative, reversed, past the end, or half
given) withholds the whole field; a KPI or citation mark whose target is not
in the sheet withholds all KPIs (or all citations) of that sheet; a mark on a
field the survey does not define refuses the public export with ReportError.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import Enum

from desktop.disclosure.marks import MarkEntry, describe_marks, mark_span
from desktop.reports.errors import ReportError
from desktop.survey.definition import FieldKind, SurveyDefinition
from desktop.survey.progress import KpiSeries, format_number, kpi_series
from desktop.survey.sheet import CitationData, Direction, KpiData, SheetData
from desktop.survey.wareki import format_date, format_fiscal_year

# Labels of sheet attributes that are not fields of the survey format. The
# survey's own labels (施策名, 施策内容, ...) always come from the definition.
LABEL_NUMBER = "No."
LABEL_YEAR = "年度"
LABEL_MINISTRY = "府省庁"
LABEL_BUREAU = "担当部局・課室"
LABEL_PERSON = "担当者"
LABEL_CONTACT = "連絡先"
LABEL_STATUS = "状態"
LABEL_FIELD = "入力項目"
LABEL_CONTENT = "記載内容"

KPI_HEADERS = ("実施項目", "指標", "単位", "基準値（年度）", "目標値（年度）", "当年度実績", "前年度実績")
# The KPI's progress as of the sheet's year (desktop.survey.progress), printed after KPI_HEADERS.
KPI_PROGRESS_HEADERS = ("達成率", "進捗")

ALL_MINISTRIES = "全府省庁"
UNCLASSIFIED = "施策分類なし"
NO_KPI = "KPI未設定"
PLAN_PREFIX = "今後の検討予定："
NONPUBLIC_START = "【非公開】"
NONPUBLIC_END = "【/非公開】"

# Marked passages at least this long are also withheld where they recur.
MIN_RECURRING_LENGTH = 4
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

    @property
    def marking(self) -> str:
        return self.audience.label

    @property
    def title_label(self) -> str:
        return dict(self.field_labels)[self.title_field]

    @property
    def sections(self) -> tuple[Section, ...]:
        return tuple(s for c in self.chapters for s in c.sections)


# --------------------------------------------------------------------------
# Intervals: which characters of a text are non-public.


def _merge(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sorted, non-overlapping spans; touching spans are joined into one."""
    merged: list[list[int]] = []
    for start, end in sorted(s for s in spans if s[1] > s[0]):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [(s, e) for s, e in merged]


def _occurrences(text: str, phrases: Sequence[str]) -> list[tuple[int, int]]:
    found = []
    for phrase in phrases:
        start = text.find(phrase)
        while start >= 0:
            found.append((start, start + len(phrase)))
            start = text.find(phrase, start + 1)
    return found


def _inside(position: int, spans: Sequence[tuple[int, int]]) -> bool:
    return any(s <= position < e for s, e in spans)


@dataclass
class _FieldMarks:
    whole: bool = False
    spans: list[tuple[int, int]] = field(default_factory=list)


@dataclass
class _SheetMarks:
    """The sheet's marks, sorted by what they apply to and checked against the sheet."""

    fields: dict[str, _FieldMarks]
    kpi_ids: set[int]
    all_kpis: bool
    citation_ids: set[int]
    all_citations: bool
    phrases: list[str]
    count: int
    passages: tuple[str, ...] = ()   # every withheld text as typed (the leak check looks for these)

    @classmethod
    def of(cls, survey: SurveyDefinition, sheet: SheetData, audience: Audience) -> "_SheetMarks":
        fields: dict[str, _FieldMarks] = {}
        kpi_ids = {k.id for _, k in sheet.all_kpis() if k.id is not None}
        citation_ids = {c.id for c in sheet.citations if c.id is not None}
        marked_kpis: set[int] = set()
        marked_citations: set[int] = set()
        all_kpis = all_citations = False
        phrases: list[str] = []
        for mark in sheet.marks:
            if mark.kpi_id is not None:
                marked_kpis.add(mark.kpi_id)
                all_kpis |= mark.kpi_id not in kpi_ids
            elif mark.citation_id is not None:
                marked_citations.add(mark.citation_id)
                all_citations |= mark.citation_id not in citation_ids
            elif mark.field_key is not None and survey.has_field(mark.field_key):
                fm = fields.setdefault(mark.field_key, _FieldMarks())
                span = mark_span(mark, sheet.text(mark.field_key), survey.field(mark.field_key).kind)
                if span is None:
                    fm.whole = True
                else:
                    fm.spans.append(span)
            elif audience is Audience.PUBLIC:
                target = mark.field_key or "（対象なし）"
                raise ReportError(
                    f"施策「{sheet.text(survey.title_field) or sheet.id}」の非公開指定の対象「{target}」が"
                    "調査票の項目にないため、公開版を作成できません。非公開指定を確認してください。")
        for key, fm in fields.items():
            text = sheet.text(key)
            fm.spans = [] if fm.whole else _merge(fm.spans)
            if fm.whole:
                phrases.append(text)
            phrases.extend(text[s:e] for s, e in fm.spans)
        for item, kpi in sheet.all_kpis():
            if all_kpis or kpi.id in marked_kpis:
                phrases.append(kpi.indicator)
        for c in sheet.citations:
            if all_citations or c.id in marked_citations:
                phrases.append(c.quoted_text)
        passages = tuple(p for p in phrases if p.strip())
        # Whole and line by line: a printed paragraph holds one line, so a
        # line of a marked passage is what could recur elsewhere too.
        lines = {p.strip() for p in passages} | {line.strip() for p in passages for line in _LINE_BREAK.split(p)}
        phrases = sorted((p for p in lines if len(p) >= MIN_RECURRING_LENGTH), key=len, reverse=True)
        return cls(fields=fields, kpi_ids=marked_kpis, all_kpis=all_kpis, citation_ids=marked_citations,
                   all_citations=all_citations, phrases=phrases, count=len(sheet.marks), passages=passages)

    def field(self, key: str) -> _FieldMarks:
        return self.fields.get(key, _FieldMarks())

    def kpi_marked(self, kpi: KpiData) -> bool:
        return self.all_kpis or (kpi.id is not None and kpi.id in self.kpi_ids)

    def citation_marked(self, citation: CitationData) -> bool:
        return self.all_citations or (citation.id is not None and citation.id in self.citation_ids)

    def spans_in(self, key: str, text: str) -> list[tuple[int, int]]:
        """The field's marked spans plus every recurrence of a marked passage."""
        fm = self.field(key)
        if fm.whole:
            return [(0, len(text))] if text else []
        return _merge(fm.spans + _occurrences(text, self.phrases))

    def recurring(self, text: str) -> list[tuple[int, int]]:
        return _merge(_occurrences(text, self.phrases))

    def touches_phrase(self, text: str) -> bool:
        return any(p in text for p in self.phrases)


def marked_passages(survey: SurveyDefinition, sheet: SheetData) -> tuple[str, ...]:
    """Every text the sheet's marks withhold from the public version, as typed.

    Whole marked fields, marked spans, marked KPIs' indicators and marked
    citations' quoted texts, resolved exactly as the public report resolves
    them (a broken span stands for its whole field). The leak check searches
    published files for these.
    """
    return _SheetMarks.of(survey, sheet, Audience.INTERNAL).passages


# --------------------------------------------------------------------------
# Building runs and strings.


class _Builder:
    """Builds one report; holds the footnote counter across sections."""

    def __init__(self, survey: SurveyDefinition, audience: Audience) -> None:
        self.survey = survey
        self.audience = audience
        self.public = audience is Audience.PUBLIC
        self.placeholder = survey.public_placeholder
        self.next_footnote = 1

    # --- plain strings (headings, KPI cells, meta) -------------------------

    def string(self, text: str, marks: _SheetMarks) -> str:
        """A short string with recurrences of marked passages withheld (public)."""
        if not self.public or not text:
            return text
        spans = marks.recurring(text)
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

    def flagged(self, text: str, marked: bool, marks: _SheetMarks) -> tuple[tuple[Paragraph, ...], bool]:
        """A generated text (not offset-addressed): withheld whole, flagged whole, or scrubbed."""
        if marked and self.public:
            return ((Run(self.placeholder, RunKind.PLACEHOLDER),),), True
        if marked:
            return _paragraphs([Run(text, RunKind.NONPUBLIC)]), False
        return self.text_runs(text, marks.recurring(text), []), False


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

    def __init__(self, b: _Builder, sheet: SheetData, number: int) -> None:
        self.b = b
        self.survey = b.survey
        self.sheet = sheet
        self.number = number
        self.marks = _SheetMarks.of(b.survey, sheet, b.audience)
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
                if self.marks.touches_phrase(c.quoted_text) or self.marks.touches_phrase(_citation_line(c)):
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
        fm = self.marks.field(key)
        if f.kind is FieldKind.DISCLOSURE:
            return self._disclosure(key, f.label)
        if f.kind.has_text:
            text = self.sheet.text(key)
            spans = self.marks.spans_in(key, text)
            withheld = self.b.public and fm.whole
            notes = self._number(f.label, self._citations_of(key, text, spans, withheld, f.kind))
            if withheld:
                paragraphs = ((Run(self.b.placeholder, RunKind.PLACEHOLDER),),)
            else:
                paragraphs = self.b.text_runs(text, spans, notes)
            return FieldBlock(key, f.label, paragraphs, nonpublic=fm.whole and not self.b.public,
                              withheld=withheld)
        if f.kind is FieldKind.CLASSIFICATION:
            text = self.survey.classification_display(self.sheet.classification)
        else:  # KPI_ITEMS
            text = self._items_summary(fm.whole)
        paragraphs, withheld = self.b.flagged(text, fm.whole, self.marks)
        notes = self._number(f.label, self._citations_of(key, text, [], withheld, f.kind))
        if notes:
            paragraphs = paragraphs[:-1] + (paragraphs[-1] + tuple(Run("", RunKind.FOOTNOTE, n) for _, n in notes),)
        return FieldBlock(key, f.label, paragraphs, nonpublic=fm.whole and not self.b.public, withheld=withheld)

    def _items_summary(self, withheld: bool) -> str:
        if withheld and self.b.public:
            return ""
        lines = []
        for i, item in enumerate(self.sheet.items, start=1):
            lines.append(f"（{i}）{item.title}")
            for kpi in item.kpis:
                if self.b.public and self.marks.kpi_marked(kpi):
                    lines.append(f"　・{self.b.placeholder}")
                    continue
                target = ""
                if kpi.target_value or kpi.target_year:
                    target = f"（目標：{_year_value((kpi.target_value or '') + kpi.unit, kpi.target_year, '')}）"
                lines.append(f"　・{kpi.indicator}{target}")
            if not item.kpis:
                lines.append(f"　・{NO_KPI}")
            if item.plan_text.strip():
                lines.append(f"　{PLAN_PREFIX}{item.plan_text}")
        return "\n".join(lines)

    def _disclosure(self, key: str, label: str) -> FieldBlock:
        if self.b.public:
            text = f"一部を非公開としています（{self.marks.count}か所）。" if self.sheet.marks else ""
            return FieldBlock(key, label, _paragraphs([Run(text)]) if text else ((),))
        own = self.sheet.text(key)
        fm = self.marks.field(key)
        runs = list(self.b.text_runs(own, self.marks.spans_in(key, own), []))
        lines = [entry.line for entry in describe_marks(self.survey, self.sheet)]
        paragraphs = tuple(p for p in runs if p) + tuple((Run(line),) for line in lines)
        return FieldBlock(key, label, paragraphs or ((),), nonpublic=fm.whole)

    # --- KPIs ----------------------------------------------------------------

    def kpi_rows(self) -> tuple[KpiRow, ...]:
        s = self.b.string
        kpi_field = self.survey.first_field_of_kind(FieldKind.KPI_ITEMS)
        all_marked = kpi_field is not None and self.marks.field(kpi_field.key).whole
        if all_marked and self.b.public:
            return (KpiRow(item=self.b.placeholder, indicator=self.b.placeholder, withheld=True),) \
                if self.sheet.items else ()
        year = self.sheet.fiscal_year
        rows = []
        for item in self.sheet.items:
            title = s(item.title, self.marks)
            if not item.kpis:
                plan = s(item.plan_text, self.marks).strip()
                indicator = f"{NO_KPI}（{PLAN_PREFIX}{plan}）" if plan else NO_KPI
                rows.append(KpiRow(item=title, indicator=indicator, has_kpi=False, nonpublic=all_marked))
                continue
            for kpi in item.kpis:
                marked = all_marked or self.marks.kpi_marked(kpi)
                if marked and self.b.public:
                    rows.append(KpiRow(item=title, indicator=self.b.placeholder, withheld=True))
                    continue
                rows.append(self._kpi_row(title, kpi, year, marked))
        return tuple(rows)

    def _kpi_row(self, title: str, kpi: KpiData, year: int, marked: bool) -> KpiRow:
        def s(value: str | None) -> str | None:
            return None if value is None else self.b.string(value, self.marks)

        actuals = tuple(sorted((y, s(v)) for y, v in kpi.actuals.items()))
        current = dict(actuals)
        return KpiRow(
            item=title,
            indicator=s(kpi.indicator) or "",
            unit=s(kpi.unit) or "",
            baseline=_year_value(s(kpi.baseline_value), kpi.baseline_year),
            target=_year_value(s(kpi.target_value), kpi.target_year),
            actual=current.get(year) or "",
            previous=current.get(year - 1) or "",
            kind=kpi.kind.label,
            direction=kpi.direction,
            baseline_value=s(kpi.baseline_value),
            baseline_year=kpi.baseline_year,
            target_value=s(kpi.target_value),
            target_year=kpi.target_year,
            data_source=s(kpi.data_source) or "",
            actuals=actuals,
            nonpublic=marked,
            **_progress_cells(kpi, year),
        )

    # --- the section ---------------------------------------------------------

    def build(self) -> Section:
        sheet, s = self.sheet, self.b.string
        fields = tuple(self.field_block(f.key) for f in self.survey.fields)
        heading = _heading(next(f for f in fields if f.key == self.survey.title_field))
        cls_field = self.survey.first_field_of_kind(FieldKind.CLASSIFICATION)
        cls_withheld = self.b.public and cls_field is not None and self.marks.field(cls_field.key).whole
        areas = "、".join(a.label if (a := self.survey.area(code)) else code for code in sheet.areas)
        return Section(
            number=self.number,
            sheet_id=sheet.id,
            heading=heading,
            classification=self.b.placeholder if cls_withheld else _chapter_heading(self.survey, sheet.classification),
            fiscal_year=sheet.fiscal_year,
            fiscal_year_label=format_fiscal_year(sheet.fiscal_year),
            ministry=s(sheet.ministry, self.marks),
            bureau=s(sheet.bureau, self.marks),
            person="" if self.b.public else sheet.person,
            contact="" if self.b.public else sheet.contact,
            status=sheet.status.label,
            areas=s(areas, self.marks),
            fields=fields,
            kpis=self.kpi_rows(),
            footnotes=tuple(self.footnotes),
            marked_parts=len(sheet.marks),
            marks=() if self.b.public else tuple(describe_marks(self.survey, sheet)),
        )


def _chapter_heading(survey: SurveyDefinition, code: str | None) -> str:
    if not code:
        return UNCLASSIFIED
    return survey.classification_display(code)


def _sort_key(survey: SurveyDefinition, audience: Audience, order: dict[str, int], sheet: SheetData) -> tuple:
    """施策分類 (the survey's order), then ministry, then title, all as they will be printed.

    Sorting by what is printed matters for the public version: placing a
    withheld title by its hidden text would hint at that text.
    """
    probe = _SheetBuilder(_Builder(survey, audience), sheet, 0)
    cls_field = survey.first_field_of_kind(FieldKind.CLASSIFICATION)
    if audience is Audience.PUBLIC and cls_field is not None and probe.marks.field(cls_field.key).whole:
        rank = len(order) + 2
    elif sheet.classification is None:
        rank = len(order) + 1
    else:
        rank = order.get(sheet.classification, len(order))
    heading = _heading(probe.field_block(survey.title_field))
    return (rank, probe.b.string(sheet.ministry, probe.marks), heading, sheet.fiscal_year, sheet.id or 0)


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


def build_report(survey: SurveyDefinition, sheets: Sequence[SheetData], audience: Audience | str, *,
                 title: str | None = None, ministry: str | None = None, created: date | None = None) -> Report:
    """Turn sheets into what may be printed for ``audience`` (see the module docstring)."""
    audience = Audience(audience)
    created = created or date.today()
    builder = _Builder(survey, audience)
    order = {c.code: i for i, c in enumerate(survey.choices)}
    ordered = sorted(sheets, key=lambda sh: _sort_key(survey, audience, order, sh))
    sections = [_SheetBuilder(builder, sheet, i).build() for i, sheet in enumerate(ordered, start=1)]
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
        title=title or survey.title,
        survey_title=survey.title,
        issuer=survey.issuer,
        fiscal_year_label=_years_label([s.fiscal_year for s in sheets]),
        ministry_label=ministry or ALL_MINISTRIES,
        created=created,
        created_label=format_date(created),
        placeholder=survey.public_placeholder,
        areas_label=survey.areas_label,
        field_labels=tuple((f.key, f.label) for f in survey.fields),
        title_field=survey.title_field,
        classification_field=cls_field.key if (cls_field := survey.first_field_of_kind(FieldKind.CLASSIFICATION))
        else None,
        kpi_field_label=kpi_field.label if kpi_field else "KPI",
        chapters=tuple(chapters),
        actual_years=tuple(years),
    )


def _progress_cells(kpi: KpiData, year: int) -> dict:
    """The progress columns and chart data of a KPI, judged as of the sheet's year."""
    series = kpi_series(kpi, year)
    p = series.progress
    rate = f"{format_number(p.rate, 1)}%（{format_fiscal_year(p.latest_year)}）" \
        if p.rate is not None and p.latest_year is not None else ""
    return {"progress": p.label, "rate": rate, "series": series}
