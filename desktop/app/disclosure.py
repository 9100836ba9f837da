"""Checking what may be published, for the export and for ``sesaku-desk check-public`` alike.

One verdict for one file: both run :func:`check_public_file` with the
needles of :func:`public_needles` — every text withheld anywhere in the
database (every lineage's register, all years, the trash included), plus
the marks of the sheets being exported — so a file the export wrote is
judged exactly as ``check-public`` judges it later.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from desktop.disclosure.leakcheck import Leak, UnreadablePackage, check_file, needles
from desktop.disclosure.needles import NeedleSet
from desktop.disclosure.withhold import Owner
from desktop.store.repository import Repository, SheetFilter
from desktop.survey.sheet import SheetData


def withheld_elsewhere(repo: Repository) -> list[tuple[str, Owner]]:
    """Every active register entry of the database as (text, owner)."""
    return [(text, Owner(lineage, sheet_id, title, part))
            for text, lineage, sheet_id, title, part in repo.withheld_everywhere()]


def public_needles(repo: Repository, sheets: Sequence[SheetData] = ()) -> NeedleSet[Owner]:
    """The needles a public file of ``sheets`` is checked against (the database's and their own)."""
    return needles(repo.survey, sheets, withheld_elsewhere(repo))


@dataclass(frozen=True)
class PublicCheck:
    leaks: list[Leak]
    passages: int          # how many withheld passages were looked for


def check_public_file(repo: Repository, path: Path, sheets: Sequence[SheetData] = (),
                      found: NeedleSet[Owner] | None = None, *, shown: Path | None = None) -> PublicCheck:
    """The withheld passages in the file at ``path`` (raises UnreadablePackage for an unreadable file).

    ``shown``: the target the user chose, when ``path`` is the export's temporary file.
    """
    found = found if found is not None else public_needles(repo, sheets)
    lineages = repo.lineages()
    return PublicCheck(check_file(Path(path), found, lineage_of_sheet=lineages.get, shown=shown), len(found))


def marked_sheets(repo: Repository, year: int | None = None) -> list[SheetData]:
    """The sheets of the repository's survey that withhold something (of one fiscal year, or all years)."""
    sheets = repo.load_sheets(SheetFilter(survey_key=repo.survey.key, year=year))
    return [s for s in sheets if s.marks or s.withheld]


__all__ = ["PublicCheck", "UnreadablePackage", "check_public_file", "marked_sheets", "public_needles",
           "withheld_elsewhere"]
