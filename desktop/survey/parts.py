"""One address for a part of a sheet: a field, a header attribute, an 実施項目, a KPI (or one of its values), a citation.

Marks, revisions, merges, the editor and the survey form all have to say
*which part* of a sheet they mean. They say it with a :class:`Part`, whose
text form (``field:content``, ``kpi:4f1c…:actual:2025``) is what the
database stores. Items, KPIs and citations are named by their *key*, a
random identifier given when they are created and kept by every copy (a
duplicate, next year's sheet, the survey form): a database id changes with
each copy, so a mark that named one was lost whenever its sheet was copied.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from enum import Enum


class PartKind(str, Enum):
    FIELD = "field"          # key: the survey field's key
    ATTR = "attr"            # key: a header attribute (ministry, bureau, person, contact, ...)
    ITEM = "item"            # key: the 実施項目's key; attr: "", "title" or "plan_text"
    KPI = "kpi"              # key: the KPI's key; attr: "" (the whole KPI), an attribute, or "actual:<year>"
    CITATION = "citation"    # key: the citation's key


# KPI attributes that hold text a person typed (and may withhold), in the order the editor shows them.
KPI_TEXT_ATTRIBUTES = ("indicator", "unit", "baseline_value", "target_value", "data_source")
ITEM_TEXT_ATTRIBUTES = ("title", "plan_text")
ACTUAL_PREFIX = "actual:"


def new_key() -> str:
    """A fresh key for an item, KPI or citation: unique without asking the database."""
    return uuid.uuid4().hex[:16]


@dataclass(frozen=True, slots=True, order=True)
class Part:
    kind: PartKind
    key: str
    attr: str = ""

    # -- making -------------------------------------------------------------------

    @classmethod
    def field(cls, key: str) -> "Part":
        return cls(PartKind.FIELD, key)

    @classmethod
    def attribute(cls, name: str) -> "Part":
        return cls(PartKind.ATTR, name)

    @classmethod
    def item(cls, key: str, attr: str = "") -> "Part":
        return cls(PartKind.ITEM, key, attr)

    @classmethod
    def kpi(cls, key: str, attr: str = "") -> "Part":
        return cls(PartKind.KPI, key, attr)

    @classmethod
    def actual(cls, key: str, year: int) -> "Part":
        return cls(PartKind.KPI, key, f"{ACTUAL_PREFIX}{year}")

    @classmethod
    def citation(cls, key: str) -> "Part":
        return cls(PartKind.CITATION, key)

    @classmethod
    def parse(cls, text: str) -> "Part":
        """The part a stored string names; ValueError for anything else."""
        kind, sep, rest = text.partition(":")
        if not sep or not rest:
            raise ValueError(f"part: {text!r}")
        part_kind = PartKind(kind)
        key, _, attr = rest.partition(":")
        if not key:
            raise ValueError(f"part: {text!r}")
        return cls(part_kind, key, attr)

    def __str__(self) -> str:
        return f"{self.kind.value}:{self.key}" + (f":{self.attr}" if self.attr else "")

    # -- reading --------------------------------------------------------------------

    @property
    def whole(self) -> "Part":
        """The item, KPI or field this part belongs to (itself when it is whole)."""
        return Part(self.kind, self.key) if self.attr else self

    @property
    def is_whole(self) -> bool:
        return not self.attr

    def covers(self, other: "Part") -> bool:
        """Whether withholding this part withholds ``other`` (a whole KPI covers its values)."""
        return self == other or (self.is_whole and other.whole == self)

    @property
    def year(self) -> int | None:
        """The fiscal year of a KPI actual's part."""
        if self.kind is PartKind.KPI and self.attr.startswith(ACTUAL_PREFIX):
            try:
                return int(self.attr[len(ACTUAL_PREFIX):])
            except ValueError:
                return None
        return None


__all__ = ["ACTUAL_PREFIX", "ITEM_TEXT_ATTRIBUTES", "KPI_TEXT_ATTRIBUTES", "Part", "PartKind", "new_key"]
