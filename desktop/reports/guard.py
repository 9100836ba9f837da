"""The public writers' own check: a withheld passage is refused on its way into the file.

The report model blanks every recurrence of withheld text (desktop.reports.model)
and the finished file is checked again, independently, before it is renamed
into place (desktop.disclosure.leakcheck). Between the two, the writers pass
every string of the report through :class:`WriteGuard` just before they write
it — the report's own texts first, then each section as it is written — so a
string the model let through (a bug, a text a writer composes) stops the
export at once, before the file is finished, and the export leaves no file.

The guard looks for the same needles as the file check and refuses what that
check refuses in any file whatever surrounds it: a long passage
(desktop.disclosure.needles: 4 reader-form characters or more, found
anywhere). A string written into the file lies whole inside one of the
file's units (or across adjacent ones, which the file check joins), so the
guard never refuses a file the file check would pass. Short passages and
figures are matched on word boundaries, which depend on the text around
them in the file: the model refuses or blanks those itself, and the file
check judges them in the finished file.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from enum import Enum

from desktop.disclosure.needles import NeedleSet
from desktop.disclosure.reader_form import form_of
from desktop.reports.errors import ReportError

# Joins the reader forms of separate strings: a control character is never part of a reader form,
# so no passage is found across two strings.
_APART = "\x00"


class WithheldInOutput(ReportError):
    """A withheld passage reached a public writer; the export stopped and left no file."""

    def __init__(self, text: str, owner_label: str, where: str) -> None:
        self.text = text
        super().__init__(
            f"公開版に書き込もうとした内容に非公開の「{text}」（{owner_label}で非公開に指定）が含まれていたため、"
            f"出力を中止しました（{where}。ファイルは作成・変更されていません）。非公開の指定を確認してください。")


def _strings(value: object) -> Iterator[str]:
    """Every string inside a model object (dataclasses, tuples, dicts), depth first."""
    if isinstance(value, str):
        if value:
            yield value
    elif isinstance(value, Enum) or value is None or isinstance(value, (int, float, bool)):
        return
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for f in dataclasses.fields(value):
            yield from _strings(getattr(value, f.name))
    elif isinstance(value, (tuple, list, frozenset, set)):
        for item in value:
            yield from _strings(item)
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(key)
            yield from _strings(item)


class WriteGuard:
    """Checks what a public writer is about to write against the withheld passages (see the module docstring)."""

    def __init__(self, needles: NeedleSet) -> None:
        self.needles = needles
        self.checked = 0          # strings checked (tests and benchmarks)

    def check(self, value: object, where: str) -> None:
        """Raise WithheldInOutput when a string of ``value`` holds a long withheld passage."""
        if not self.needles:
            return
        strings = list(_strings(value))
        if not strings:
            return
        self.checked += len(strings)
        for hit in self.needles.find(_APART.join(form_of(s) for s in strings)):
            if not hit.short:
                owner = hit.owners[0]
                label = f"施策「{owner.sheet_title}」" + (f"（ID {owner.sheet_id}）" if owner.sheet_id is not None else "")
                raise WithheldInOutput(hit.form, label, where)

    def report(self, report) -> None:
        """The report's own texts (title, labels, headings of the survey): everything but the sections."""
        self.check({f.name: getattr(report, f.name) for f in dataclasses.fields(report) if f.name != "chapters"},
                   "表題・見出し")
        for chapter in report.chapters:
            self.check(chapter.heading, "章の見出し")

    def section(self, section) -> None:
        """One section, just before the writer writes it."""
        self.check(section, f"施策「{section.heading}」")


__all__ = ["WithheldInOutput", "WriteGuard"]
