"""The leak check: is any non-public text of the database in a published file?

The public report model is built so that marked text never reaches a writer
(desktop.reports.model). This check proves it on the file itself, after the
writers, atomic renames and any later hand edits: it reads every part of the
.docx/.xlsx package (desktop.disclosure.package) and looks for every
non-public text of the sheets (desktop.reports.model.marked_passages),
line by line.

Both sides are normalised the same way (NFKC width folding, white space
removed). A line of a marked passage of MIN_SUBSTRING_LENGTH characters or
more is found anywhere inside a unit (a paragraph, a cell, a property, a
name); a shorter one (「未定」, a number) would match inside unrelated words,
so it counts only when it is a whole unit or a whole line of one.

The export calls :func:`check_output` before renaming a public file into
place; ``sesaku-desk check-public`` calls it on any file.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from desktop.disclosure.marks import marked_sheets, sheet_title
from desktop.disclosure.package import Unit, UnreadablePackage, normalize, read_units
from desktop.reports.model import marked_passages
from desktop.survey.definition import SurveyDefinition
from desktop.survey.sheet import SheetData

MIN_SUBSTRING_LENGTH = 4
_CONTEXT = 30


@dataclass(frozen=True, slots=True)
class Needle:
    """One line of a non-public text, normalised, with where it comes from."""

    text: str
    sheet_id: int | None
    sheet_title: str

    @property
    def whole_only(self) -> bool:
        return len(self.text) < MIN_SUBSTRING_LENGTH


@dataclass(frozen=True, slots=True)
class Leak:
    part: str              # the package member, e.g. xl/worksheets/sheet2.xml
    text: str              # the non-public text found (normalised)
    context: str           # the unit it was found in, shortened around it
    sheet_id: int | None
    sheet_title: str


def needles(survey: SurveyDefinition, sheets: Iterable[SheetData]) -> list[Needle]:
    """Every line of every non-public text of the sheets, normalised; duplicates once.

    Line by line: a paragraph of Word holds one line. A line shorter than
    MIN_SUBSTRING_LENGTH is matched only as a whole unit or a whole line of
    one (a cell of several lines), so a marked passage of short lines is
    still found where it is printed as it was typed.
    """
    seen: set[str] = set()
    out = []
    for sheet in sheets:
        if not sheet.marks:
            continue
        title = sheet_title(survey, sheet)
        for passage in marked_passages(survey, sheet):
            for line in passage.splitlines():
                text = normalize(line)
                if text and text not in seen:
                    seen.add(text)
                    out.append(Needle(text, sheet.id, title))
    return out


def find_leaks(units: Sequence[Unit], found: Sequence[Needle]) -> list[Leak]:
    """Each needle once per part where it occurs (long ones anywhere in a unit, short ones as whole values).

    Long needles are searched in one string of all units (str.find runs in C;
    a year's export has tens of thousands of units and hundreds of needles).
    """
    leaks: list[Leak] = []
    reported: set[tuple[str, str]] = set()

    def report(unit: Unit, n: Needle) -> None:
        if (unit.part, n.text) not in reported:
            reported.add((unit.part, n.text))
            leaks.append(Leak(unit.part, n.text, _context(unit.text, n.text), n.sheet_id, n.sheet_title))

    starts, at = [], 0
    for unit in units:
        starts.append(at)
        at += len(unit.text) + 1
    joined = "\0".join(unit.text for unit in units)
    for n in (n for n in found if not n.whole_only):
        hit = joined.find(n.text)
        while hit >= 0:
            unit = units[bisect_right(starts, hit) - 1]
            report(unit, n)
            hit = joined.find(n.text, hit + 1)
    short = {n.text: n for n in found if n.whole_only}
    if short:
        for unit in units:
            if unit.is_named_value:
                for value in {unit.text, *unit.lines} & short.keys():
                    report(unit, short[value])
    return leaks


def check_output(path: Path, sheets: Sequence[SheetData], survey: SurveyDefinition) -> list[Leak]:
    """The non-public texts of ``sheets`` found anywhere in the file at ``path`` (empty: clean).

    ``path`` is a .docx/.xlsx package, or a .csv report (each cell a unit).
    Raises UnreadablePackage when the file cannot be read as one of those.
    """
    found = needles(survey, sheets)
    units = read_units(Path(path))
    return find_leaks(units, found) if found else []


def _context(text: str, needle: str) -> str:
    at = text.find(needle)
    if at < 0:
        return text[:2 * _CONTEXT]
    start = max(0, at - _CONTEXT)
    end = min(len(text), at + len(needle) + _CONTEXT)
    return ("…" if start else "") + text[start:end] + ("…" if end < len(text) else "")


__all__ = ["Leak", "Needle", "UnreadablePackage", "check_output", "find_leaks", "marked_sheets", "needles"]
