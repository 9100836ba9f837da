"""Merging two edits of one sheet: mine (this window) and theirs (saved meanwhile elsewhere).

A save of a stale copy is refused by the store (StaleSheetError). Nothing is
lost if the sheet is then merged part by part against the copy both edits
started from (the *base*): a part only one side changed takes that side's
value; a part both changed differently is a :class:`Conflict` for the person
to decide (mine, theirs, or a text they write). Parts are the header values,
each text field with its citations and 非公開 marks, and the 実施項目 with their
KPIs as a whole. No Qt here: the dialog (ui/dialogs/merge.py) shows the
conflicts and ``merge`` builds the sheet to save.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, replace
from enum import Enum

from desktop.survey.definition import SurveyDefinition
from desktop.store.history import diff_texts, replace_text
from desktop.survey.sheet import SheetData

HEADER = ("ministry", "bureau", "person", "contact", "classification", "status", "areas")
ITEMS = "items"


class Take(str, Enum):
    MINE = "mine"
    THEIRS = "theirs"
    EDITED = "edited"   # a text the person wrote (text fields and text header values only)


@dataclass(frozen=True)
class Conflict:
    """One part both sides changed differently, as the dialog shows it."""

    part: str            # "attr:<name>", "field:<key>" or "items"
    mine: str
    theirs: str
    base: str
    editable: bool       # a plain text: the person may write a merged version
    combined: str | None = None   # both texts' changes applied to the base, when they do not touch

    @property
    def path(self) -> tuple:
        """The editor's path of the part (SheetDocument), e.g. for its label."""
        if self.part == ITEMS:
            return (ITEMS,)
        kind, name = self.part.split(":", 1)
        return ("text" if kind == "field" else "attr", name)


@dataclass(frozen=True)
class Decision:
    take: Take
    text: str = ""


def _field_marks(sheet: SheetData, key: str) -> tuple:
    cited = {c.id: c for c in sheet.citations if c.id is not None and c.field_key == key}
    marks = []
    for m in sheet.marks:
        if m.field_key == key and m.kpi_id is None and m.citation_id is None:
            marks.append((m.reason, m.start, m.end, None))
        elif m.citation_id in cited:
            marks.append((m.reason, None, None, cited[m.citation_id].quoted_text))
    return tuple(sorted(marks, key=repr))


def _field_value(sheet: SheetData, key: str) -> tuple:
    """A text field as compared: its text, its citations (where and what) and its marks; no ids."""
    cites = tuple((c.passage_id, c.quoted_text, c.locator, c.position) for c in sheet.citations if c.field_key == key)
    return sheet.text(key), cites, _field_marks(sheet, key)


def _items_value(sheet: SheetData) -> tuple:
    kpi_at = {k.id: (i, j) for i, item in enumerate(sheet.items) for j, k in enumerate(item.kpis) if k.id is not None}
    items = tuple(replace(i, id=None, kpis=[replace(k, id=None) for k in i.kpis]) for i in sheet.items)
    marks = tuple(sorted((m.reason, kpi_at.get(m.kpi_id)) for m in sheet.marks if m.kpi_id is not None))
    return items, marks


def _attr_value(sheet: SheetData, name: str):
    value = getattr(sheet, name)
    return tuple(value) if name == "areas" else value


def _field_keys(*sheets: SheetData) -> list[str]:
    keys: dict[str, None] = {}
    for s in sheets:
        keys.update(dict.fromkeys(s.fields))
        keys.update(dict.fromkeys(c.field_key for c in s.citations))
        keys.update(dict.fromkeys(m.field_key for m in s.marks if m.field_key))
    return list(keys)


def _parts(base: SheetData, mine: SheetData, theirs: SheetData) -> list[tuple[str, object, object, object]]:
    """(part, base value, my value, their value) for every part of the sheet."""
    parts = [(f"attr:{n}", *(_attr_value(s, n) for s in (base, mine, theirs))) for n in HEADER]
    parts += [(f"field:{k}", *(_field_value(s, k) for s in (base, mine, theirs))) for k in _field_keys(base, mine, theirs)]
    parts.append((ITEMS, *(_items_value(s) for s in (base, mine, theirs))))
    return parts


def _describe_items(sheet: SheetData) -> str:
    lines = []
    for n, item in enumerate(sheet.items, start=1):
        lines.append(f"{n}. {item.title}")
        if item.plan_text:
            lines.append(f"   {item.plan_text}")
        for k in item.kpis:
            target = f"{k.target_value}{k.unit}" if k.target_value else ""
            actuals = "、".join(f"{y}年度 {v}" for y, v in sorted(k.actuals.items()) if v)
            lines.append("   ・" + "　".join(p for p in (k.indicator, target, actuals) if p))
    return "\n".join(lines)


def _describe(survey: SurveyDefinition, sheet: SheetData, part: str) -> str:
    if part == ITEMS:
        return _describe_items(sheet)
    kind, name = part.split(":", 1)
    if kind == "field":
        return sheet.text(name)
    value = getattr(sheet, name)
    if name == "status":
        return value.label
    if name == "classification":
        return survey.classification_display(value) if value else ""
    if name == "areas":
        return "、".join((survey.area(c).label if survey.area(c) else c) for c in value)
    return value or ""


def conflicts(survey: SurveyDefinition, base: SheetData, mine: SheetData, theirs: SheetData) -> list[Conflict]:
    """The parts both sides changed, each differently; the others merge by themselves."""
    found = []
    for part, b, m, t in _parts(base, mine, theirs):
        if m != b and t != b and m != t:
            editable = part.startswith("field:") or part in ("attr:bureau", "attr:person", "attr:contact")
            texts = [_describe(survey, x, part) for x in (mine, theirs, base)]
            combined = combined_text(texts[2], texts[0], texts[1]) if editable else None
            found.append(Conflict(part, *texts, editable, combined))
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


def merge(base: SheetData, mine: SheetData, theirs: SheetData, decisions: dict[str, Decision]) -> SheetData:
    """Theirs (the stored sheet, with its version) plus my changes and the decided conflicts.

    A part without a decision takes my value if only I changed it, else theirs.
    """
    result = copy.deepcopy(theirs)   # shares nothing with theirs, which stays the next merge's base
    for part, b, m, t in _parts(base, mine, theirs):
        decision = decisions.get(part)
        if decision is None:
            if m == t or m == b:
                continue
            decision = Decision(Take.MINE)
        if decision.take is Take.THEIRS:
            continue
        kind, _, name = part.partition(":")
        if part == ITEMS:
            _take_items(result, mine)
        elif kind == "attr":
            value = decision.text if decision.take is Take.EDITED else getattr(mine, name)
            setattr(result, name, list(value) if name == "areas" else value)
        else:
            _take_field(result, mine, name, decision.text if decision.take is Take.EDITED else None)
    return result


def _take_items(result: SheetData, mine: SheetData) -> None:
    result.items = [replace(i, kpis=[replace(k, actuals=dict(k.actuals)) for k in i.kpis]) for i in mine.items]
    result.marks = [m for m in result.marks if m.kpi_id is None] + [replace(m) for m in mine.marks if m.kpi_id]


def _take_field(result: SheetData, mine: SheetData, key: str, edited: str | None) -> None:
    """My text of a field with my citations and marks; an edited text moves them as a restore does."""
    theirs_cited = {c.id for c in result.citations if c.field_key == key}
    result.citations = [c for c in result.citations if c.field_key != key]
    result.marks = [m for m in result.marks
                    if not (m.field_key == key and m.kpi_id is None) and m.citation_id not in theirs_cited]
    mine_cited = {c.id for c in mine.citations if c.field_key == key}
    result.citations += [replace(c) for c in mine.citations if c.field_key == key]
    result.marks += [replace(m) for m in mine.marks
                     if (m.field_key == key and m.kpi_id is None) or (m.citation_id is not None
                                                                       and m.citation_id in mine_cited)]
    result.fields[key] = mine.text(key)
    if edited is not None:
        replace_text(result, key, edited)
