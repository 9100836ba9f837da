"""Merging two edits of one sheet: mine (this window) and theirs (saved meanwhile elsewhere).

A save of a stale copy is refused by the store (StaleSheetError). Nothing is
lost if the sheet is then merged part by part against the copy both edits
started from (the *base*): a part only one side changed takes that side's
value; a part both changed differently is a :class:`Conflict` for the person
to decide (mine, theirs, or a text they write).

Parts are small, so that two people working on different things never meet:
each header value, each text field, each 実施項目's title and plan, each KPI
attribute and each year's actual of each KPI (items and KPIs are matched by
their keys), whether an item or a KPI exists at all, and the citations of a
field.

Marks are not parts to choose between: every mark of either side is kept
(a mark goes only when a person releases it, and both sides' releases are
kept). Each mark is placed in the merged text of its part — through the
edits where its passage survived, else wherever its text is found — and a
mark whose passage is in no version of the merged text becomes *unplaced*:
its text stays withheld and the sheet asks a person to re-mark or release
it. :func:`merge_marks` describes what happens to each mark, so the dialog
shows it before anything is saved. No Qt here: the dialog
(ui/dialogs/merge.py) shows the conflicts, ``merge`` builds the sheet to save.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field, replace
from enum import Enum

from desktop.disclosure.marks import describe_part
from desktop.disclosure.textedit import diff_texts, place_mark
from desktop.store.history import _Names, field_label
from desktop.survey.definition import SurveyDefinition
from desktop.survey.parts import Part, PartKind
from desktop.survey.sheet import ItemData, KpiData, MarkData, SheetData
from desktop.survey.wareki import format_fiscal_year

HEADER = ("fiscal_year", "ministry", "bureau", "person", "contact", "classification", "status", "areas")
KPI_ATTRIBUTES = ("indicator", "unit", "kind", "horizon", "quantitative", "direction", "qualifier",
                  "target_kind", "baseline_value",
                  "baseline_year", "target_value", "target_year", "data_source",
                  "source_text")
ITEM_ATTRIBUTES = ("title", "plan_text")
_MISSING = object()


class Take(str, Enum):
    MINE = "mine"
    THEIRS = "theirs"
    EDITED = "edited"   # a text the person wrote (text fields and text header values only)


@dataclass(frozen=True)
class MarkView:
    """A mark as the dialog shows it beside a version of a text: where, what and why."""

    start: int | None
    end: int | None
    text: str
    reason: str


@dataclass(frozen=True)
class Conflict:
    """One part both sides changed differently, as the dialog shows it."""

    part: str            # "attr:<name>", "field:<key>", "item:<key>[:attr]", "kpi:<key>[:attr]"
    mine: str
    theirs: str
    base: str
    editable: bool       # a plain text: the person may write a merged version
    combined: str | None = None   # both texts' changes applied to the base, when they do not touch
    mine_marks: tuple[MarkView, ...] = ()     # the marks of each version (text fields)
    theirs_marks: tuple[MarkView, ...] = ()
    label: str = ""      # for people: 「施策内容」, 「実施項目・KPI：KPI「…」の令和7年度実績」

    @property
    def path(self) -> tuple:
        """The editor's path of the part, for its label."""
        kind, _, name = self.part.partition(":")
        if kind == "field":
            return ("text", name)
        if kind == "attr":
            return ("attr", name)
        return (kind, name)


@dataclass(frozen=True)
class Decision:
    take: Take
    text: str = ""


# -- the parts of a sheet --------------------------------------------------------------------


def _items(sheet: SheetData) -> dict[str, ItemData]:
    return {i.key: i for i in sheet.items}


def _kpis(sheet: SheetData) -> dict[str, tuple[str, KpiData]]:
    return {k.key: (i.key, k) for i in sheet.items for k in i.kpis}


def _field_keys(*sheets: SheetData) -> list[str]:
    keys: dict[str, None] = {}
    for s in sheets:
        keys.update(dict.fromkeys(s.fields))
        keys.update(dict.fromkeys(c.field_key for c in s.citations))
    return list(keys)


def _citations(sheet: SheetData, key: str) -> tuple:
    return tuple(sorted((c.key, c.passage_id, c.quoted_text, c.locator) for c in sheet.citations
                        if c.field_key == key))


def _value(sheet: SheetData, part: str):
    """The value of one part (``_MISSING`` where an item or KPI is not in the sheet)."""
    kind, _, rest = part.partition(":")
    name, _, attr = rest.partition(":")
    if kind == "attr":
        value = getattr(sheet, name)
        return tuple(value) if name == "areas" else value
    if kind == "field":
        return sheet.text(name)
    if kind == "cites":
        return _citations(sheet, name)
    if kind == "item":
        item = _items(sheet).get(name)
        if item is None:
            return _MISSING
        return True if not attr else getattr(item, attr)
    if kind == "kpi":
        found = _kpis(sheet).get(name)
        if found is None:
            return _MISSING
        item_key, kpi = found
        if not attr:
            return item_key          # which item it belongs to (a move between items is a change)
        if attr.startswith("actual:"):
            return kpi.actuals.get(int(attr[7:]))
        return getattr(kpi, attr)
    raise KeyError(part)


def _parts(base: SheetData, mine: SheetData, theirs: SheetData) -> list[str]:
    parts = [f"attr:{n}" for n in HEADER]
    for key in _field_keys(base, mine, theirs):
        parts += [f"field:{key}", f"cites:{key}"]
    item_keys = dict.fromkeys(k for s in (base, mine, theirs) for k in _items(s))
    for key in item_keys:
        parts.append(f"item:{key}")
        parts += [f"item:{key}:{a}" for a in ITEM_ATTRIBUTES]
    kpi_keys = dict.fromkeys(k for s in (base, mine, theirs) for k in _kpis(s))
    for key in kpi_keys:
        parts.append(f"kpi:{key}")
        parts += [f"kpi:{key}:{a}" for a in KPI_ATTRIBUTES]
        years = {y for s in (base, mine, theirs) if key in _kpis(s) for y in _kpis(s)[key][1].actuals}
        parts += [f"kpi:{key}:actual:{y}" for y in sorted(years)]
    return parts


def _changed(b, m, t) -> str | None:
    """Which side changed a part: "mine", "theirs", "both" (differently), or None."""
    if m == t or m == b:
        return None if t == b else "theirs"
    return "mine" if t == b else "both"


def _side(part: str, base: SheetData, mine: SheetData, theirs: SheetData) -> str | None:
    """``_changed`` for a part, where deleting an item or a KPI the other side changed is a conflict."""
    b, m, t = (_value(s, part) for s in (base, mine, theirs))
    side = _changed(b, m, t)
    kind, _, rest = part.partition(":")
    if side not in ("mine", "theirs") or kind not in ("item", "kpi") or ":" in rest:
        return side
    deleted_by_one = (m if side == "mine" else t) is _MISSING
    if not deleted_by_one:
        return side
    other = theirs if side == "mine" else mine
    inside = [p for p in _parts(base, mine, theirs) if p.startswith(f"{part}:")]
    if kind == "item":
        inside += [f"kpi:{k}" for k, (item_key, _) in _kpis(other).items() if item_key == rest]
        inside += [p for k in list(inside) if k.startswith("kpi:") for p in _parts(base, mine, theirs)
                   if p.startswith(f"{k}:")]
    if any(_changed(_value(base, p), _value(other, p), _value(base, p)) for p in inside):
        return "both"
    return side


# -- describing a conflict ---------------------------------------------------------------------


def _describe(survey: SurveyDefinition, sheet: SheetData, part: str) -> str:
    value = _value(sheet, part)
    kind, _, rest = part.partition(":")
    name, _, attr = rest.partition(":")
    if value is _MISSING:
        return "（削除されています）"
    if kind == "attr":
        if name == "status":
            return value.label
        if name == "fiscal_year":
            return format_fiscal_year(value)
        if name == "classification":
            return survey.classification_display(value) if value else ""
        if name == "areas":
            return "、".join((survey.area(c).label if survey.area(c) else c) for c in value)
        return value or ""
    if kind == "item" and not attr:
        item = _items(sheet)[name]
        return "\n".join([item.title, *(f"・{k.indicator}" for k in item.kpis)])
    if kind == "kpi" and not attr:
        kpi = _kpis(sheet)[name][1]
        return f"{kpi.indicator}（{(_items(sheet)[value].title if value in _items(sheet) else '')}）"
    if hasattr(value, "label"):
        return value.label
    return "" if value is None else str(value)


def _mark_views(sheet: SheetData, key: str) -> tuple[MarkView, ...]:
    part = Part.field(key)
    return tuple(MarkView(m.start, m.end, m.text, m.reason) for m in sheet.marks if m.part == part)


def conflicts(survey: SurveyDefinition, base: SheetData, mine: SheetData, theirs: SheetData) -> list[Conflict]:
    """The parts both sides changed, each differently; the others merge by themselves."""
    found = []
    for part in _parts(base, mine, theirs):
        if _side(part, base, mine, theirs) != "both":
            continue
        b, m, t = (_value(s, part) for s in (base, mine, theirs))
        kind = part.partition(":")[0]
        if kind == "cites":
            continue        # citations of a field follow its text's decision
        editable = kind == "field" or part in ("attr:bureau", "attr:person", "attr:contact") or (
            (kind == "kpi" or kind == "item") and part.count(":") == 2 and all(x is not _MISSING for x in (m, t))
            and isinstance(m, str) and isinstance(t, str))
        texts = [_describe(survey, x, part) for x in (mine, theirs, base)]
        combined = combined_text(texts[2], texts[0], texts[1]) if kind == "field" else None
        views = ((_mark_views(mine, part[6:]), _mark_views(theirs, part[6:])) if kind == "field" else ((), ()))
        label = field_label(survey, part if kind != "attr" else part[5:], _Names(mine, []))
        found.append(Conflict(part, *texts, editable, combined, *views, label=label))
    return found


def _edits(old: str, new: str) -> list[tuple[int, int, str]]:
    return [(op.old_start, op.old_end, new[op.new_start:op.new_end]) for op in diff_texts(old, new).ops
            if op.tag != "equal"]


def _touch(a: tuple[int, int, str], b: tuple[int, int, str]) -> bool:
    (s1, e1, _), (s2, e2, _) = a, b
    if s1 == e1 or s2 == e2:   # an insertion touches what starts, ends or spans its position
        return s2 <= s1 <= e2 if s1 == e1 else s1 <= s2 <= e1
    return s1 < e2 and s2 < e1


def combined_text(base: str, mine: str, theirs: str) -> str | None:
    """Both sides' changes applied to the base when no two of them touch the same text, else None.

    Offered as the starting point of 「編集して統合する」; the person still decides.
    """
    a, b = _edits(base, mine), _edits(base, theirs)
    if any(_touch(x, y) for x in a for y in b):
        return None
    out = base
    for start, end, text in sorted(a + b, key=lambda e: (e[0], e[1]), reverse=True):
        out = out[:start] + text + out[end:]
    return out


# -- building the merged sheet -------------------------------------------------------------------


def _set(result: SheetData, mine: SheetData, part: str, value) -> None:
    kind, _, rest = part.partition(":")
    name, _, attr = rest.partition(":")
    if kind == "attr":
        setattr(result, name, list(value) if name == "areas" else value)
    elif kind == "field":
        result.fields[name] = value
    elif kind == "cites":
        mine_cites = [replace(c) for c in mine.citations if c.field_key == name]
        result.citations = [c for c in result.citations if c.field_key != name] + mine_cites
    elif kind == "item":
        items = _items(result)
        if not attr:
            if value is _MISSING:
                result.items = [i for i in result.items if i.key != name]
            elif name not in items:
                mine_item = _items(mine)[name]
                position = next(n for n, i in enumerate(mine.items) if i.key == name)
                result.items.insert(min(position, len(result.items)), replace(mine_item, kpis=[]))
        elif name in items:
            setattr(items[name], attr, value)
    elif kind == "kpi":
        kpis = _kpis(result)
        if not attr:
            if name in kpis:
                old_item = _items(result)[kpis[name][0]]
                kpi = kpis[name][1]
                old_item.kpis = [k for k in old_item.kpis if k.key != name]
            else:
                kpi = copy.deepcopy(_kpis(mine)[name][1])
            if value is not _MISSING and value in _items(result):
                target = _items(result)[value]
                mine_order = [k.key for k in _items(mine)[value].kpis] if value in _items(mine) else []
                position = mine_order.index(name) if name in mine_order else len(target.kpis)
                target.kpis.insert(min(position, len(target.kpis)), kpi)
        elif name in kpis:
            kpi = kpis[name][1]
            if attr.startswith("actual:"):
                year = int(attr[7:])
                if value is None:
                    kpi.actuals.pop(year, None)
                else:
                    kpi.actuals[year] = value
            else:
                setattr(kpi, attr, value)


@dataclass(frozen=True)
class MarkOutcome:
    """What the merge does with one mark, for the dialog to say before anything is saved."""

    description: str      # which part and text, in words
    reason: str
    side: str             # "both", "mine" (made here), "theirs" (made there)
    placed: bool          # False: its passage is not in the merged text; it needs a person


@dataclass
class _Merged:
    sheet: SheetData
    outcomes: list[MarkOutcome] = field(default_factory=list)


def _mark_identity(mark: MarkData) -> tuple:
    return ("id", mark.id) if mark.id is not None else ("new", str(mark.part), mark.start, mark.end, mark.text)


def _place(mark: MarkData, source: SheetData, result: SheetData) -> list[MarkData]:
    """A mark of ``source`` placed in the merged sheet's text of its part."""
    if mark.part.kind is PartKind.FIELD and mark.is_span and not mark.unplaced:
        old, new = source.text(mark.part.key), result.text(mark.part.key)
        if old == new:
            return [replace(mark)]
        return place_mark(mark, old, new)
    if not result.exists(mark.part):
        return [replace(mark, unplaced=True)]
    return [replace(mark)]


def _merge_marks(survey: SurveyDefinition, base: SheetData, mine: SheetData, theirs: SheetData,
                 result: SheetData) -> list[MarkOutcome]:
    """Every mark of both sides, placed in the merged sheet; only releases take one away."""
    released = {r.text for r in mine.releases} | {r.text for r in theirs.releases}
    base_ids = {_mark_identity(m) for m in base.marks}
    mine_ids = {_mark_identity(m) for m in mine.marks}
    kept: list[tuple[MarkData, SheetData, str]] = []
    for m in theirs.marks:
        ident = _mark_identity(m)
        if ident in base_ids and ident not in mine_ids and m.text in released:
            continue            # I released it
        mine_version = next((x for x in mine.marks if _mark_identity(x) == ident), None)
        if mine_version is not None and mine_version.reason != m.reason:
            m = replace(m, reason=mine_version.reason)
        kept.append((m, theirs, "both" if ident in mine_ids or ident in base_ids else "theirs"))
    theirs_ids = {_mark_identity(m) for m in theirs.marks}
    for m in mine.marks:
        ident = _mark_identity(m)
        if ident in theirs_ids:
            continue
        if ident in base_ids and m.text in released:
            continue            # they released it
        kept.append((m, mine, "mine" if ident not in base_ids else "both"))
    marks, outcomes, seen = [], [], set()
    for mark, source, side in kept:
        for placed in _place(mark, source, result):
            key = (str(placed.part), placed.start, placed.end, placed.text, placed.unplaced)
            if key in seen:
                continue
            seen.add(key)
            marks.append(placed)
            outcomes.append(MarkOutcome(describe_part(survey, result, placed)[2], placed.reason, side,
                                        not placed.unplaced))
    result.marks = marks
    result.releases = list(mine.releases)
    withheld = {w.text: w for w in theirs.withheld + mine.withheld}
    result.withheld = list(withheld.values())
    return outcomes


def _build(survey: SurveyDefinition, base: SheetData, mine: SheetData, theirs: SheetData,
           decisions: dict[str, Decision]) -> _Merged:
    result = copy.deepcopy(theirs)   # shares nothing with theirs, which stays the next merge's base
    parts = _parts(base, mine, theirs)
    # Structure first (items, then KPIs), values after, so a value finds its item or KPI.
    order = sorted(parts, key=lambda p: (0 if p.count(":") == 1 and p.split(":")[0] in ("item", "kpi") else 1,
                                         0 if p.startswith("item") else 1))
    cited_from: dict[str, SheetData] = {}     # whose citations (and positions) each field ends with
    for part in order:
        b, m, t = (_value(s, part) for s in (base, mine, theirs))
        side = _side(part, base, mine, theirs)
        decision = decisions.get(part)
        if part.startswith("cites:"):
            key = part[6:]
            field_decision = decisions.get(f"field:{key}")
            if field_decision is not None:
                side = "mine" if field_decision.take is not Take.THEIRS and side is not None else None
            elif side == "both":
                side = "mine"       # a citation added on either side is kept with my set (mine holds my edits)
            if side == "mine":
                cited_from[key] = mine
        if side in (None, "theirs"):
            continue
        if side == "both":
            if decision is None or decision.take is Take.THEIRS:
                continue
            value = decision.text if decision.take is Take.EDITED else m
        else:
            value = m
        _set(result, mine, part, value)
    for key in _field_keys(result):
        source = cited_from.get(key, theirs)
        old, new = source.text(key), result.text(key)
        diff = diff_texts(old, new) if old != new else None
        for c in result.citations:
            if c.field_key == key and c.position is not None:
                position = diff.map_offset(c.position, after=True) if diff is not None else c.position
                c.position = min(position, len(new))
    outcomes = _merge_marks(survey, base, mine, theirs, result)
    return _Merged(result, outcomes)


def merge(base: SheetData, mine: SheetData, theirs: SheetData, decisions: dict[str, Decision],
          survey: SurveyDefinition | None = None) -> SheetData:
    """Theirs (the stored sheet, with its version) plus my changes and the decided conflicts; every mark kept.

    A part without a decision takes my value if only I changed it, else theirs.
    """
    from desktop.survey.loader import default_survey

    return _build(survey or default_survey(), base, mine, theirs, decisions).sheet


def merge_marks(survey: SurveyDefinition, base: SheetData, mine: SheetData, theirs: SheetData,
                decisions: dict[str, Decision]) -> list[MarkOutcome]:
    """What the merge with ``decisions`` does with each mark (for the dialog, before saving)."""
    return _build(survey, base, mine, theirs, decisions).outcomes


__all__ = ["Conflict", "Decision", "MarkOutcome", "MarkView", "Take", "combined_text", "conflicts", "merge",
           "merge_marks"]


# -- what an edit changed, for people ------------------------------------------------------------


def _mark_set(sheet: SheetData) -> set:
    """What the marks withhold; a span that only moved with its text is no change of the marks."""
    return {(str(m.part), m.is_span, m.text if m.is_span else "", m.reason, m.unplaced) for m in sheet.marks}


def changed_labels(survey: SurveyDefinition, before: SheetData, after: SheetData) -> list[str]:
    """What ``after`` changed against ``before``, one label per part people name (「施策名」, 「状態」…).

    Empty when the two hold the same content: the crash journal uses it both
    to tell whether edits are already stored and to say what it recovered.
    """
    labels: list[str] = []
    names = _Names(after, [])
    for part in _parts(before, after, after):
        kind, _, rest = part.partition(":")
        old, new = _value(before, part), _value(after, part)
        if kind == "cites" or old == new:
            continue
        if kind in ("item", "kpi") and ":" in rest and _MISSING in (_value(before, f"{kind}:{rest.partition(':')[0]}"),
                                                                   _value(after, f"{kind}:{rest.partition(':')[0]}")):
            continue   # inside an item or KPI added or removed: named once, below
        if kind == "item" and ":" not in rest and old is _MISSING:
            part = "item:new"
        elif kind == "kpi" and ":" not in rest and old is _MISSING:
            part = f"item:{new}:kpi:new"
        label = field_label(survey, part if kind != "attr" else part[5:], names)
        if label not in labels:
            labels.append(label)
    if _mark_set(before) != _mark_set(after):
        labels.append("非公開の指定")
    return labels
