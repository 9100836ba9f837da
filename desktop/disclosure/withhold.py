"""What a sheet withholds from the public: the one rule the report model, the editor and the leak check share.

A sheet withholds

* what its marks name: a whole field or a span of it, an 実施項目 (or its
  title or plan), a KPI (or one of its values: a year's actual, the target,
  the baseline), a citation; a mark on the 実施項目・KPI field withholds every
  item and KPI;
* every *recurrence* of a withheld text, compared in the reader form
  (desktop.disclosure.reader_form): the texts of the sheet's marks, of its
  lineage's register (text withheld in any saved version of the sheet, its
  predecessors and its duplicates, until a person releases it), and of every
  other lineage in the database, by the length rules of
  desktop.disclosure.needles (long passages anywhere; short ones on word-like
  boundaries, and anywhere in their own lineage's sheets);
* whatever is *derived* from a withheld value: a KPI whose target, baseline or
  an actual is withheld has no 達成率, no 進捗 and no chart in public output.

A short passage of *another* lineage found in a sheet is not blanked there
(a two-character name may be someone else's word): it refuses the public
export, naming the sheet and the field where it was found, so a person
decides. An *unplaced* mark (its passage could not be found after an import,
a merge or the new year) refuses the public export of its sheet likewise.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from desktop.disclosure.needles import NeedleSet
from desktop.disclosure.reader_form import form_of, mapped, raw_span
from desktop.disclosure.textedit import mark_text
from desktop.survey.definition import FieldKind, SurveyDefinition
from desktop.survey.parts import Part, PartKind
from desktop.survey.sheet import CitationData, ItemData, KpiData, MarkData, SheetData

# Pieces of a withheld text (its lines and sentences) at least this long (reader form) are withheld
# on their own too: a sentence of a withheld field copied elsewhere is the withheld text.
PIECE_LENGTH = 8
_PIECES = re.compile(r"[\r\n]+|(?<=[。！？!?])")

# The values of a KPI that 達成率, 進捗 and the chart are computed from.
PROGRESS_ATTRIBUTES = ("baseline_value", "target_value")


def pieces(text: str) -> list[str]:
    """A withheld text, and its lines and sentences long enough to be recognised on their own."""
    out = [text]
    for piece in _PIECES.split(text):
        piece = piece.strip()
        if piece and piece != text.strip() and len(piece) >= PIECE_LENGTH:
            out.append(piece)
    return out


@dataclass(frozen=True)
class Owner:
    """Who withholds a passage: the lineage, and the sheet that names it in messages."""

    lineage: str
    sheet_id: int | None = None
    sheet_title: str = ""
    part: str = ""


def sheet_passages(sheet: SheetData, title: str = "") -> list[tuple[str, Owner]]:
    """The sheet's withheld texts with their owner: what its marks withhold now, their last known
    texts, and its register's."""
    out = []
    texts = [(mark_text(sheet, m), str(m.part)) for m in sheet.marks] + [(m.text, str(m.part)) for m in sheet.marks]
    for m in sheet.marks:        # the form's line a withheld KPI was read from holds the withheld wording too
        texts += [(k.source_text, str(m.part)) for k in _kpis_under(sheet, m) if k.source_text.strip()]
    spans: dict[str, list[tuple[int, int]]] = {}
    for m in sheet.marks:        # touching marks withhold one passage: their joined text is withheld too
        if m.part.kind is PartKind.FIELD and m.is_span and not m.unplaced and m.start is not None \
                and m.end is not None and 0 <= m.start <= m.end <= len(sheet.text(m.part.key)):
            spans.setdefault(m.part.key, []).append((m.start, m.end))
    for key, found in spans.items():
        text = sheet.text(key)
        texts += [(text[a:b], str(Part.field(key))) for a, b in merge_spans(found)]
    for text, part in texts + [(w.text, w.part) for w in sheet.withheld]:
        if text and text.strip():
            for piece in pieces(text):
                out.append((piece, Owner(sheet.lineage, sheet.id, title, part)))
    return out


def _kpis_under(sheet: SheetData, mark: MarkData) -> list[KpiData]:
    """The KPIs a mark withholds all or part of: its KPI, every KPI of a whole 実施項目, and, for a whole
    mark on a field without text of its own (the 実施項目・KPI field), every KPI (when in doubt, more)."""
    part = mark.part
    if part.kind is PartKind.KPI:
        kpi = sheet.kpi_by_key(part.key)
        return [kpi] if kpi is not None else []
    if part.kind is PartKind.ITEM and not part.attr:
        item = sheet.item_by_key(part.key)
        return list(item.kpis) if item is not None else []
    if part.kind is PartKind.FIELD and not mark.is_span and not sheet.text(part.key):
        return [k for _, k in sheet.all_kpis()]
    return []


def needle_set(sheets: Iterable[SheetData], elsewhere: Iterable[tuple[str, Owner]] = (),
               title_of=lambda sheet: "") -> NeedleSet[Owner]:
    """Every withheld passage of ``sheets`` and of the rest of the database (``elsewhere``)."""
    entries: list[tuple[str, Owner]] = []
    for sheet in sheets:
        entries.extend(sheet_passages(sheet, title_of(sheet)))
    for text, owner in elsewhere:
        entries.extend((piece, owner) for piece in pieces(text))
    return NeedleSet(entries)


def merge_spans(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sorted, non-overlapping spans; touching spans are joined into one."""
    merged: list[list[int]] = []
    for start, end in sorted(s for s in spans if s[1] > s[0]):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [(s, e) for s, e in merged]


@dataclass(frozen=True)
class Found:
    """A short passage of another lineage found in this sheet: the public export refuses, naming both."""

    text: str               # the passage as it reads in this sheet
    where: str              # the field (or KPI cell) of this sheet where it was found
    owner: Owner


@dataclass
class SheetWithholding:
    """What one sheet withholds (see the module docstring); built by :func:`withholding`."""

    survey: SurveyDefinition
    sheet: SheetData
    needles: NeedleSet
    whole_fields: set[str] = field(default_factory=set)
    field_spans: dict[str, list[tuple[int, int]]] = field(default_factory=dict)
    parts: set[Part] = field(default_factory=set)       # marked items, KPIs (or values), citations
    all_items: bool = False
    unplaced: list[MarkData] = field(default_factory=list)
    found: list[Found] = field(default_factory=list)    # filled as texts are looked at (public output)

    # -- marks -----------------------------------------------------------------------

    def field_whole(self, key: str) -> bool:
        return key in self.whole_fields

    def _marked(self, part: Part) -> bool:
        return any(p.covers(part) for p in self.parts)

    def item_marked(self, item: ItemData, attr: str = "") -> bool:
        return self.all_items or self._marked(Part.item(item.key, attr))

    def kpi_marked(self, kpi: KpiData, item: ItemData | None = None) -> bool:
        """The whole KPI is withheld (its own mark, its item's, or the 実施項目・KPI field's)."""
        return self.all_items or self._marked(Part.kpi(kpi.key)) or (item is not None and self._marked(
            Part.item(item.key)))

    def value_marked(self, kpi: KpiData, attr: str, item: ItemData | None = None) -> bool:
        return self.kpi_marked(kpi, item) or self._marked(Part.kpi(kpi.key, attr))

    def progress_withheld(self, kpi: KpiData, item: ItemData | None = None) -> bool:
        """Whether 達成率, 進捗 and the chart would reveal a withheld value of the KPI."""
        if self.kpi_marked(kpi, item):
            return True
        attrs = list(PROGRESS_ATTRIBUTES) + [f"actual:{y}" for y in kpi.actuals]
        return any(self._marked(Part.kpi(kpi.key, a)) or self.changes(kpi.value(a) or "")
                   for a in attrs)

    def citation_marked(self, citation: CitationData) -> bool:
        return self._marked(Part.citation(citation.key))

    # -- recurrences ------------------------------------------------------------------

    def _own(self, owner: "Owner") -> bool:
        return owner.lineage == self.sheet.lineage

    def spans(self, text: str, where: str = "") -> list[tuple[int, int]]:
        """Raw spans of ``text`` that hold a withheld passage (recurrences), merged.

        A short passage of another lineage is not blanked; it is recorded in
        ``found`` (with ``where``), which refuses the public export.
        """
        if not text or not self.needles:
            return []
        form = form_of(text)
        origin: list[int] = []      # the raw index of each character, built at the first hit
        spans = []
        for hit in self.needles.find(form, own=self._own):
            if not origin:
                origin = mapped(text)[1]
            if not hit.short or hit.own:
                spans.append(raw_span(origin, text, hit.start, hit.end))
            else:
                a, b = raw_span(origin, text, hit.start, hit.end)
                if not any(f.text == text[a:b] and f.where == where for f in self.found):
                    self.found.append(Found(text[a:b], where, hit.owners[0]))
        return merge_spans(spans)

    def changes(self, text: str) -> bool:
        """Whether withholding recurrences would change ``text`` (a value nothing may be derived from)."""
        if not text or not self.needles:
            return False
        return any(not h.short or h.own for h in self.needles.find(form_of(text), own=self._own))

    def field_withheld_spans(self, key: str, text: str, where: str = "") -> list[tuple[int, int]]:
        """The field's marked spans plus every recurrence in it; the whole text for a whole-field mark."""
        if key in self.whole_fields:
            return [(0, len(text))] if text else []
        return merge_spans(self.field_spans.get(key, []) + self.spans(text, where))


def withholding(survey: SurveyDefinition, sheet: SheetData, needles: NeedleSet) -> SheetWithholding:
    """What ``sheet`` withholds, given every withheld passage of the report and the database (``needles``)."""
    w = SheetWithholding(survey, sheet, needles)
    kpi_field = survey.first_field_of_kind(FieldKind.KPI_ITEMS)
    for mark in sheet.marks:
        if mark.unplaced:
            w.unplaced.append(mark)
            continue
        part = mark.part
        if part.kind is PartKind.FIELD:
            key = part.key
            if not survey.has_field(key):
                if key in sheet.fields:
                    # A field an earlier version of the survey had (kept on the sheet by the new-year run onto
                    # a newer version): no output of this version prints it; should one ever, all of it is
                    # withheld.
                    w.whole_fields.add(key)
                else:
                    w.unplaced.append(mark)      # a mark on nothing the sheet holds: a person looks at it
                continue
            text = sheet.text(key)
            span = (mark.start, mark.end)
            kind = survey.field(key).kind
            if not mark.is_span or not kind.has_text:
                w.whole_fields.add(key)
            elif span[0] is not None and span[1] is not None and 0 <= span[0] <= span[1] <= len(text):
                w.field_spans.setdefault(key, []).append((span[0], span[1]))   # an empty span withholds nothing
            else:
                w.whole_fields.add(key)      # a span that does not fit its text: withhold the whole field
            if kpi_field is not None and key == kpi_field.key and key in w.whole_fields:
                w.all_items = True
        elif part.kind in (PartKind.ITEM, PartKind.KPI, PartKind.CITATION):
            if not sheet.exists(part):
                w.unplaced.append(mark)
                continue
            w.parts.add(part)
        else:
            w.unplaced.append(mark)          # a mark this version does not know how to apply: ask a person
    # Register entries that name an item, KPI or value keep it withheld in later years and copies.
    for entry in sheet.withheld:
        try:
            part = Part.parse(entry.part)
        except ValueError:
            continue
        if part.kind in (PartKind.ITEM, PartKind.KPI, PartKind.CITATION) and sheet.exists(part):
            w.parts.add(part)
    for key, spans in w.field_spans.items():
        w.field_spans[key] = merge_spans(spans)
    return w


def describe_unplaced(survey: SurveyDefinition, sheet: SheetData, marks: Sequence[MarkData]) -> str:
    """A line naming the sheet, the field and the text of marks that need a person."""
    title = " ".join(sheet.text(survey.title_field).split()) or "（無題）"
    parts = []
    for m in marks:
        where = survey.field(m.part.key).label if m.part.kind is PartKind.FIELD and survey.has_field(m.part.key) \
            else {"kpi": "KPI", "item": "実施項目", "citation": "出典"}.get(m.part.kind.value, str(m.part))
        excerpt = " ".join((m.text or "").split())
        excerpt = excerpt if len(excerpt) <= 40 else excerpt[:40] + "…"
        parts.append(f"「{where}」の「{excerpt}」")
    return f"施策「{title}」（ID {sheet.id}）" + "、".join(parts)


__all__ = ["Found", "Owner", "SheetWithholding", "describe_unplaced", "merge_spans", "needle_set", "pieces",
           "sheet_passages", "withholding"]
