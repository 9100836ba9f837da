"""One sheet being edited: the working copy, addressed by paths, with change signals.

Every change (typing, undo, redo) goes through :meth:`SheetDocument.apply`
with a *path* naming what changed, so widgets refresh only their part and the
undo commands stay small. Paths:

- ``("attr", name)``        ministry, bureau, person, contact, classification, status, areas
- ``("text", key)``         a text field: ``(text, ((uid, position), ...))``
- ``("cites", key)``        citations of a field without text (e.g. a KPI's source)
- ``("items",)``            the tuple of 実施項目 (the same objects, reordered/filtered)
- ``("item", item, attr)``  title / plan_text of one item (the object, not its index)
- ``("kpis", item)``        the tuple of an item's KPIs
- ``("kpi", kpi, attr)``    one KPI attribute
- ``("actual", kpi, year)`` a KPI's actual for a fiscal year (None: not entered)
- ``("marks",)``            the tuple of the sheet's non-public marks (MarkData, replaced, never mutated)
- ``("releases",)``         the tuple of releases (a person's 「非公開を解除」) to record with the next save
- ``("disclosure",)``       both at once, ``(marks, releases)``: a release removes a mark and records why

Objects, not indices, name items and KPIs, so an undo after a reorder still
hits the right row. Citations get a session-local uid; their marker positions
live with the text they belong to. A save works on a deep snapshot; ids the
store assigns are written back by position into the objects the snapshot was
taken from, so the next save updates rows instead of re-creating them.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, replace

from PySide6.QtCore import QObject, Signal

from desktop.disclosure.textedit import follow_edit
from desktop.survey.definition import SurveyDefinition
from desktop.survey.parts import Part, PartKind
from desktop.survey.sheet import CitationData, ItemData, KpiData, MarkData, SheetData

Placed = tuple[tuple[int, int | None], ...]
TextState = tuple[str, Placed]

ATTRIBUTES = ("fiscal_year", "ministry", "bureau", "person", "contact", "classification", "status", "areas")


@dataclass
class SnapshotRefs:
    """The live objects a snapshot was taken from, in the snapshot's order."""

    revision: int
    items: list[ItemData]
    kpis: list[list[KpiData]]
    citation_uids: list[int]
    marks: list
    releases: list


def same_path(a: tuple, b: tuple) -> bool:
    """Paths hold dataclass objects whose == compares content; compare those by identity."""
    if len(a) != len(b):
        return False
    for x, y in zip(a, b):
        if isinstance(x, (ItemData, KpiData)) or isinstance(y, (ItemData, KpiData)):
            if x is not y:
                return False
        elif x != y:
            return False
    return True


class SheetDocument(QObject):
    changed = Signal(object)          # path
    revealRequested = Signal(object)  # path: an undo/redo wants this change shown
    dirtyChanged = Signal(bool)

    def __init__(self, survey: SurveyDefinition, sheet: SheetData, parent: QObject | None = None, *,
                 base: SheetData | None = None) -> None:
        super().__init__(parent)
        self.survey = survey
        self.sheet = sheet
        # The stored sheet these edits started from: a refused stale save is merged against it.
        self.base = base if base is not None else copy.deepcopy(sheet)
        self._citations: dict[int, CitationData] = {}
        self._placed: dict[str, Placed] = {}
        self._next_uid = 1
        for c in sheet.citations:
            uid = self.register_citation(c)
            self._placed[c.field_key] = self._placed.get(c.field_key, ()) + ((uid, c.position),)
        for key, placed in self._placed.items():
            self._placed[key] = _sorted(placed)
        self.revision = 0
        self.saved_revision = 0
        self.save_error: str | None = None
        # Marks carried by the clipboard, for the paste being applied: (path, value offset, marks at 0).
        self.pending_paste: tuple[tuple, int, list[MarkData]] | None = None

    # -- identity -----------------------------------------------------------------

    @property
    def sheet_id(self) -> int | None:
        return self.sheet.id

    @property
    def title(self) -> str:
        return self.sheet.text(self.survey.title_field)

    @property
    def is_dirty(self) -> bool:
        return self.revision != self.saved_revision

    # -- citations ------------------------------------------------------------------

    def register_citation(self, data: CitationData) -> int:
        uid = self._next_uid
        self._next_uid += 1
        self._citations[uid] = replace(data)
        return uid

    def citation(self, uid: int) -> CitationData:
        return self._citations[uid]

    def placed(self, key: str) -> Placed:
        return self._placed.get(key, ())

    def numbered_citations(self, key: str) -> list[tuple[int, int, CitationData]]:
        """(number, uid, citation) of a field, numbered in the order they appear."""
        return [(n, uid, self._citations[uid]) for n, (uid, _pos) in enumerate(self.placed(key), start=1)]

    def citation_number(self, uid: int) -> tuple[str, int] | None:
        for key, placed in self._placed.items():
            for n, (u, _pos) in enumerate(placed, start=1):
                if u == uid:
                    return key, n
        return None

    # -- reading and changing values ------------------------------------------------

    def value(self, path: tuple):
        kind = path[0]
        if kind == "attr":
            v = getattr(self.sheet, path[1])
            return tuple(v) if path[1] == "areas" else v
        if kind == "text":
            return self.sheet.text(path[1]), self.placed(path[1])
        if kind == "cites":
            return self.placed(path[1])
        if kind == "items":
            return tuple(self.sheet.items)
        if kind == "item":
            return getattr(path[1], path[2])
        if kind == "kpis":
            return tuple(path[1].kpis)
        if kind == "kpi":
            return getattr(path[1], path[2])
        if kind == "actual":
            return path[1].actuals.get(path[2])
        if kind == "marks":
            return tuple(self.sheet.marks)
        if kind == "releases":
            return tuple(self.sheet.releases)
        if kind == "disclosure":
            return tuple(self.sheet.marks), tuple(self.sheet.releases)
        raise KeyError(path)

    def apply(self, path: tuple, value, *, reveal: bool = False) -> None:
        kind = path[0]
        if kind == "attr":
            if path[1] not in ATTRIBUTES:
                raise KeyError(path)
            setattr(self.sheet, path[1], list(value) if path[1] == "areas" else value)
        elif kind == "text":
            text, placed = value
            self.sheet.fields[path[1]] = text
            self._placed[path[1]] = _sorted(placed)
        elif kind == "cites":
            self._placed[path[1]] = tuple(value)
        elif kind == "items":
            self.sheet.items = list(value)
        elif kind == "item":
            setattr(path[1], path[2], value)
        elif kind == "kpis":
            path[1].kpis = list(value)
        elif kind == "kpi":
            setattr(path[1], path[2], value)
        elif kind == "actual":
            if value is None:
                path[1].actuals.pop(path[2], None)
            else:
                path[1].actuals[path[2]] = value
        elif kind == "marks":
            self.sheet.marks = list(value)
        elif kind == "releases":
            self.sheet.releases = list(value)
        elif kind == "disclosure":
            marks, releases = value
            self.sheet.marks, self.sheet.releases = list(marks), list(releases)
        else:
            raise KeyError(path)
        was_dirty = self.is_dirty
        self.revision += 1
        self.changed.emit(path)
        if not was_dirty:
            self.dirtyChanged.emit(True)
        if reveal:
            self.revealRequested.emit(path)

    def marks_following(self, path: tuple, old, new) -> tuple[tuple | None, tuple[MarkData, ...]]:
        """The marks after an edit, and the marks whose text or target the edit deleted.

        An edit and what it does to the marks are one change, so undo brings
        back both: a span follows its passage through text edits the way a
        character format does (desktop.disclosure.textedit), marks carried by
        a paste come back on the pasted text, and a mark whose text, KPI,
        item or citation is deleted goes with it — reported, so the person is
        told (its text stays in the register and is withheld if typed again).
        Returns (None, ()) when no mark changes.
        """
        marks = list(self.sheet.marks)
        gone: list[MarkData] = []
        if path[0] == "text" and old[0] != new[0]:
            followed = follow_edit(marks, Part.field(path[1]), old[0], new[0])
            marks, gone = list(followed.marks), list(followed.gone)
        paste, self.pending_paste = self.pending_paste, None
        if paste is not None and path[0] == "text" and paste[0] == path:
            _path, offset, pasted = paste
            text = new[0]
            for m in pasted:
                start, end = offset + (m.start or 0), offset + (m.end or 0)
                if 0 <= start < end <= len(text):
                    marks.append(replace(m, part=Part.field(path[1]), start=start, end=end,
                                         text=text[start:end], id=None, unplaced=False))
        present = self._present_parts(path, new)
        kept = []
        for m in marks:
            if m.part.kind in (PartKind.ITEM, PartKind.KPI, PartKind.CITATION) and not m.unplaced \
                    and m.part.whole not in present and self._was_present(m.part.whole):
                gone.append(m)
            else:
                kept.append(m)
        if len(kept) == len(self.sheet.marks) and all(a is b for a, b in zip(kept, self.sheet.marks)):
            return None, ()
        return tuple(kept), tuple(gone)

    def _parts_of(self, items, placed: dict) -> set[Part]:
        parts = {Part.item(i.key) for i in items} | {Part.kpi(k.key) for i in items for k in i.kpis}
        parts |= {Part.citation(self._citations[uid].key) for entries in placed.values() for uid, _ in entries}
        return parts

    def _present_parts(self, path: tuple, new) -> set[Part]:
        """Items, KPIs and placed citations the sheet has after setting ``path`` to ``new``."""
        items = list(self.sheet.items)
        placed = dict(self._placed)
        if path[0] == "items":
            items = list(new)
        elif path[0] == "kpis":
            items = [replace(i, kpis=list(new)) if i is path[1] else i for i in items]
        elif path[0] == "text":
            placed[path[1]] = new[1]
        elif path[0] == "cites":
            placed[path[1]] = tuple(new)
        return self._parts_of(items, placed)

    def _was_present(self, part: Part) -> bool:
        return part in self._parts_of(self.sheet.items, self._placed)

    # -- locating things for validation problems -------------------------------------

    def item_at(self, index: int | None) -> ItemData | None:
        if index is None or not 0 <= index < len(self.sheet.items):
            return None
        return self.sheet.items[index]

    def kpi_at(self, item_index: int | None, kpi_index: int | None) -> KpiData | None:
        item = self.item_at(item_index)
        if item is None or kpi_index is None or not 0 <= kpi_index < len(item.kpis):
            return None
        return item.kpis[kpi_index]

    # -- saving -----------------------------------------------------------------------

    def _citation_keys(self) -> list[str]:
        order = [f.key for f in self.survey.fields]
        return order + sorted(k for k in self._placed if k not in order)

    def snapshot(self) -> tuple[SheetData, SnapshotRefs]:
        """A deep copy to save or validate, and the live objects it was taken from."""
        s = self.sheet
        items = [replace(i, kpis=[replace(k, actuals=dict(k.actuals)) for k in i.kpis]) for i in s.items]
        citations, uids = [], []
        for key in self._citation_keys():
            for uid, pos in self.placed(key):
                citations.append(replace(self._citations[uid], field_key=key, position=pos))
                uids.append(uid)
        data = replace(s, areas=list(s.areas), fields=dict(s.fields), items=items,
                       marks=[replace(m) for m in s.marks], citations=citations, releases=list(s.releases),
                       withheld=list(s.withheld))
        refs = SnapshotRefs(self.revision, list(s.items), [list(i.kpis) for i in s.items], uids, list(s.marks),
                            list(s.releases))
        return data, refs

    def apply_saved(self, saved: SheetData, refs: SnapshotRefs) -> None:
        """Take the ids and version the store assigned; clean if nothing changed meanwhile."""
        for obj, row in zip(refs.items, saved.items):
            obj.id = row.id
        for objs, row in zip(refs.kpis, saved.items):
            for obj, kpi_row in zip(objs, row.kpis):
                obj.id = kpi_row.id
        for uid, row in zip(refs.citation_uids, saved.citations):
            self._citations[uid].id = row.id
        for obj, row in zip(refs.marks, saved.marks):
            obj.id = row.id
            obj.text, obj.unplaced = row.text, row.unplaced
        recorded = {id(r) for r in refs.releases}
        self.sheet.releases = [r for r in self.sheet.releases if id(r) not in recorded]
        self.sheet.withheld = list(saved.withheld)
        if saved.status is self.sheet.status:
            self.sheet.status_note = None   # recorded with this save
        self.base = saved
        self.sheet.id = saved.id
        self.sheet.version = saved.version
        self.sheet.updated_at = saved.updated_at
        self.save_error = None
        if refs.revision == self.revision and self.is_dirty:
            self.saved_revision = self.revision
            self.dirtyChanged.emit(False)

    def mark_unsaved(self) -> None:
        """Content that is not stored yet without an edit (a merged sheet): the autosave writes it."""
        was_dirty = self.is_dirty
        self.revision += 1
        if not was_dirty:
            self.dirtyChanged.emit(True)

    def mark_failed(self, message: str) -> None:
        self.save_error = message
        self.dirtyChanged.emit(self.is_dirty)


def _sorted(placed) -> Placed:
    """Citations of a field in marker order; those without a position last."""
    indexed = list(enumerate(placed))
    indexed.sort(key=lambda p: (p[1][1] is None, p[1][1] if p[1][1] is not None else 0, p[0]))
    return tuple(p for _i, p in indexed)
