"""The leak check: is any withheld text of the database in a published file?

The public report model is built so that withheld text never reaches a
writer (desktop.reports.model, by the rules of desktop.disclosure.withhold).
This check proves it on the file itself, after the writers, atomic renames
and any later hand edits: it reads every part of the .docx/.xlsx package
(desktop.disclosure.package) and looks for every withheld passage — of the
exported sheets and of every register entry of the database, trash and all
years included — compared as a reader reads them
(desktop.disclosure.reader_form), by the length rules of
desktop.disclosure.needles:

- a long passage (4 characters or more) anywhere in a unit (a paragraph, a
  cell, a property, a name), and also across adjacent units of a part (a
  passage a hand edit split over two paragraphs);
- a short one on word-like boundaries; in a unit the file says belongs to
  the passage's own measure (a Word section bookmarked with its sheet id),
  also inside words and for figures.

The file is read once, member by member (desktop.disclosure.package.read_batches):
each member's units are checked as they are read and let go, with Python's
cyclic collector paused for the pass (its full collections walked every unit
and everything the export held, which made the check grow faster than the
file). The public writers also refuse a long withheld passage before it is
written (desktop.reports.guard); this check stays the independent one.

The export runs :func:`check_file` on its temporary file before renaming
it into place, and ``sesaku-desk check-public`` runs the same function on
any file, with the same needles: one verdict for one file.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from desktop.disclosure.marks import sheet_title
from desktop.gcpause import gc_paused
from desktop.disclosure.needles import NeedleSet
from desktop.disclosure.package import Unit, UnreadablePackage, read_batches
from desktop.disclosure.reader_form import form_of, mapped, raw_span
from desktop.disclosure.withhold import Owner, needle_set
from desktop.survey.definition import SurveyDefinition
from desktop.survey.sheet import SheetData

_CONTEXT = 30
# Word sections of a report carry a bookmark naming their sheet (desktop.reports.docx_writer).
SHEET_BOOKMARK_PREFIX = "sesaku_sheet_"
SHEET_BOOKMARK = re.compile(rf"^{SHEET_BOOKMARK_PREFIX}(\d+)$")


@dataclass(frozen=True, slots=True)
class Leak:
    part: str              # the package member, e.g. xl/worksheets/sheet2.xml
    text: str              # the withheld text found, as it reads in the file
    context: str           # the unit it was found in, shortened around it
    sheet_id: int | None   # the sheet that withholds it
    sheet_title: str
    where: str = ""        # where in the file (a cell, a bookmarked section), when the file says


def owner_label(leak: Leak) -> str:
    """How messages name the sheet that withholds a leak: 施策「…」（ID n）, without an ID once the
    sheet was deleted for good (its register entries outlive it, see Repository.purge_sheets)."""
    if leak.sheet_id is None:
        return f"施策「{leak.sheet_title}」"
    return f"施策「{leak.sheet_title}」（ID {leak.sheet_id}）"


def needles(survey: SurveyDefinition, sheets: Iterable[SheetData],
            elsewhere: Iterable[tuple[str, Owner]] = ()) -> NeedleSet[Owner]:
    """Every withheld passage of ``sheets`` and of ``elsewhere`` (the database's register)."""
    return needle_set(sheets, elsewhere, lambda sheet: sheet_title(survey, sheet))


def _context(text: str, start: int, end: int) -> str:
    a, b = max(0, start - _CONTEXT), min(len(text), end + _CONTEXT)
    flat = " ".join(text[a:b].split())
    return ("…" if a else "") + flat + ("…" if b < len(text) else "")


class _Finder:
    """find_leaks fed batch by batch: the units of each part arrive in one batch (read_batches), so a
    part's adjacent units are joined when its batch is done and nothing of it is kept after."""

    def __init__(self, found: NeedleSet[Owner], lineage_of_sheet: Callable[[int], str | None] | None) -> None:
        self.found = found
        self.lineage_of_sheet = lineage_of_sheet
        self.leaks: list[Leak] = []        # in-unit findings, in the order of the units
        self.split: list[Leak] = []        # passages split over adjacent units, after all of those
        self.reported: set[tuple[str, str]] = set()

    def _report(self, unit: Unit, text: str, start: int, end: int, owners: tuple) -> None:
        key = (unit.part, text[start:end])
        if key in self.reported:
            return
        self.reported.add(key)
        owner: Owner = owners[0]
        self.leaks.append(Leak(unit.part, text[start:end], _context(text, start, end), owner.sheet_id,
                               owner.sheet_title, getattr(unit, "anchor", "") or ""))

    def feed(self, units: Iterable[Unit]) -> None:
        found = self.found
        by_part: dict[str, list[tuple[Unit, str]]] = {}
        for unit in units:
            raw = unit.text
            form = form_of(raw)       # the raw index of each character (mapped) only when something is found
            if not form:
                continue
            anchor = getattr(unit, "anchor", "") or ""
            lineage = None
            match = SHEET_BOOKMARK.match(anchor)
            if match and self.lineage_of_sheet is not None:
                lineage = self.lineage_of_sheet(int(match.group(1)))
            own = (lambda o, lin=lineage: o.lineage == lin) if lineage else None
            origin: list[int] | None = None
            for hit in found.find(form, own=own):
                if origin is None:
                    origin = mapped(raw)[1]
                a, b = raw_span(origin, raw, hit.start, hit.end)
                self._report(unit, raw, a, b, hit.owners)
            if not getattr(unit, "attribute", ""):
                by_part.setdefault(unit.part, []).append((unit, form))
        # Long passages split over adjacent units (paragraphs, cells) of one part.
        for part, seq in by_part.items():
            if len(seq) < 2:
                continue
            starts, joined = [], []
            at = 0
            for _unit, form in seq:
                starts.append(at)
                joined.append(form)
                at += len(form)
            text = "".join(joined)
            for hit in found.find(text):
                if hit.short:
                    continue
                first, last = bisect_right(starts, hit.start) - 1, bisect_right(starts, hit.end - 1) - 1
                if first == last:
                    continue      # inside one unit: reported above
                unit, _form = seq[first]
                key = (part, hit.form)
                if key not in self.reported:
                    self.reported.add(key)
                    owner = hit.owners[0]
                    context = "…".join(u.text.strip()[:_CONTEXT] for u, _f in seq[first:last + 1])
                    self.split.append(Leak(part, hit.form, context, owner.sheet_id, owner.sheet_title,
                                           getattr(unit, "anchor", "") or ""))

    def result(self) -> list[Leak]:
        return self.leaks + self.split


def find_leaks(units: Sequence[Unit], found: NeedleSet[Owner], *,
               lineage_of_sheet: Callable[[int], str | None] | None = None) -> list[Leak]:
    """Each withheld passage once per part where it occurs (see the module docstring)."""
    if not found:
        return []
    finder = _Finder(found, lineage_of_sheet)
    finder.feed(units)
    return finder.result()


def check_file(path: Path, found: NeedleSet[Owner], *,
               lineage_of_sheet: Callable[[int], str | None] | None = None,
               shown: Path | None = None) -> list[Leak]:
    """The withheld passages found anywhere in the file at ``path`` (empty: clean).

    ``path`` is a .docx/.xlsx package, or a .csv report (each cell a unit).
    Raises UnreadablePackage when the file cannot be read as one of those.
    ``shown`` is the file the user chose when ``path`` is the export's
    temporary copy of it: its name gives the format and the messages.
    """
    # The reading makes millions of small objects that are not garbage; with the collector on, each of its
    # full passes walks them and everything the caller holds (an export: its report model), so the check
    # grew faster than the file (x2.46 for twice the sheets). Paused, it is linear (desktop.gcpause).
    # One pass over the file, member by member: each member's units are checked as it is read and let go,
    # so the check holds one member (the Word body) at a time, not the whole file's text.
    finder = _Finder(found, lineage_of_sheet) if found else None
    with gc_paused():
        for batch in read_batches(Path(path), shown=shown):   # an unreadable file is refused even when clean
            if finder is not None:
                finder.feed(batch)
    return finder.result() if finder is not None else []


def check_output(path: Path, sheets: Sequence[SheetData], survey: SurveyDefinition,
                 elsewhere: Iterable[tuple[str, Owner]] = ()) -> list[Leak]:
    """:func:`check_file` with the needles of ``sheets`` (and of ``elsewhere``)."""
    lineages = {s.id: s.lineage for s in sheets if s.id is not None}
    return check_file(path, needles(survey, sheets, elsewhere), lineage_of_sheet=lineages.get)


__all__ = ["Leak", "UnreadablePackage", "check_file", "check_output", "find_leaks", "needles"]
