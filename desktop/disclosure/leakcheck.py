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

The export runs :func:`check_file` on its temporary file before renaming
it into place, and ``sesaku-desk check-public`` runs the same function on
any file, with the same needles: one verdict for one file.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from desktop.disclosure.marks import sheet_title
from desktop.gcpause import gc_paused
from desktop.disclosure.needles import NeedleSet
from desktop.disclosure.package import Unit, UnreadablePackage, read_units
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


def find_leaks(units: Sequence[Unit], found: NeedleSet[Owner], *,
               lineage_of_sheet: Callable[[int], str | None] | None = None) -> list[Leak]:
    """Each withheld passage once per part where it occurs (see the module docstring)."""
    leaks: list[Leak] = []
    reported: set[tuple[str, str]] = set()
    if not found:
        return leaks

    def report(unit: Unit, text: str, start: int, end: int, owners: tuple) -> None:
        a, b = start, end
        key = (unit.part, text[a:b])
        if key in reported:
            return
        reported.add(key)
        owner: Owner = owners[0]
        leaks.append(Leak(unit.part, text[a:b], _context(text, a, b), owner.sheet_id, owner.sheet_title,
                          getattr(unit, "anchor", "") or ""))

    by_part: dict[str, list[tuple[Unit, str]]] = {}
    for unit in units:
        raw = unit.text
        form = form_of(raw)       # the raw index of each character (mapped) only when something is found
        if not form:
            continue
        anchor = getattr(unit, "anchor", "") or ""
        lineage = None
        match = SHEET_BOOKMARK.match(anchor)
        if match and lineage_of_sheet is not None:
            lineage = lineage_of_sheet(int(match.group(1)))
        own = (lambda o, lin=lineage: o.lineage == lin) if lineage else None
        origin: list[int] | None = None
        for hit in found.find(form, own=own):
            if origin is None:
                origin = mapped(raw)[1]
            a, b = raw_span(origin, raw, hit.start, hit.end)
            report(unit, raw, a, b, hit.owners)
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
        from bisect import bisect_right
        for hit in found.find(text):
            if hit.short:
                continue
            first, last = bisect_right(starts, hit.start) - 1, bisect_right(starts, hit.end - 1) - 1
            if first == last:
                continue      # inside one unit: reported above
            unit, _form = seq[first]
            key = (part, hit.form)
            if key not in reported:
                reported.add(key)
                owner = hit.owners[0]
                context = "…".join(u.text.strip()[:_CONTEXT] for u, _f in seq[first:last + 1])
                leaks.append(Leak(part, hit.form, context, owner.sheet_id, owner.sheet_title,
                                  getattr(unit, "anchor", "") or ""))
    return leaks


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
    with gc_paused():
        units = read_units(Path(path), shown=shown)   # an unreadable file is refused even when nothing is withheld
        if not found:
            return []
        return find_leaks(units, found, lineage_of_sheet=lineage_of_sheet)


def check_output(path: Path, sheets: Sequence[SheetData], survey: SurveyDefinition,
                 elsewhere: Iterable[tuple[str, Owner]] = ()) -> list[Leak]:
    """:func:`check_file` with the needles of ``sheets`` (and of ``elsewhere``)."""
    lineages = {s.id: s.lineage for s in sheets if s.id is not None}
    return check_file(path, needles(survey, sheets, elsewhere), lineage_of_sheet=lineages.get)


__all__ = ["Leak", "UnreadablePackage", "check_file", "check_output", "find_leaks", "needles"]
