"""A measure sheet as plain data, independent of the database and the UI.

Validation, reports, the import of returned forms and the editor all work on
these objects; the store converts them to and from rows. Values of KPIs are
kept as the text staff typed, because an empty value, a 0 and a "-" (not
applicable) mean three different things and must stay distinct.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal, InvalidOperation
from enum import Enum

from desktop.survey.parts import ACTUAL_PREFIX, Part, PartKind, new_key


class Status(str, Enum):
    """The survey cycle: 下書き → 確認中 → 提出済, then 確定 or 差戻し from the secretariat.

    The values are fixed here (they are stored); who may move a sheet from
    which status to which is the survey definition's ``[review]`` table
    (desktop.survey.review).
    """

    DRAFT = "draft"
    REVIEW = "review"
    SUBMITTED = "submitted"
    RETURNED = "returned"
    ACCEPTED = "accepted"

    @property
    def label(self) -> str:
        return _STATUS_LABELS[self]

    @classmethod
    def from_text(cls, text: str) -> "Status":
        cleaned = text.strip()
        for status in cls:
            if cleaned in (status.value, status.label):
                return status
        raise ValueError(f"「{text}」は状態として使えません（{'・'.join(s.label for s in cls)}）")


_STATUS_LABELS = {
    Status.DRAFT: "下書き",
    Status.REVIEW: "確認中",
    Status.SUBMITTED: "提出済",
    Status.RETURNED: "差戻し",
    Status.ACCEPTED: "確定",
}

# Which moves the cycle allows when a survey definition names no [review] table.
# 提出済 is further guarded by validation.
STATUS_TRANSITIONS: dict[Status, tuple[Status, ...]] = {
    Status.DRAFT: (Status.REVIEW, Status.SUBMITTED),
    Status.REVIEW: (Status.DRAFT, Status.SUBMITTED),
    Status.SUBMITTED: (Status.RETURNED, Status.ACCEPTED),
    Status.RETURNED: (Status.DRAFT, Status.REVIEW, Status.SUBMITTED),
    Status.ACCEPTED: (Status.RETURNED,),
}


@dataclass(frozen=True)
class StatusNote:
    """Why and as whom the status is changed, recorded in the status history with the next save."""

    role: str = ""
    reason: str = ""


class _LabelledEnum(str, Enum):
    """An enum whose members carry the Japanese term of the 行政事業レビュー data."""

    @property
    def label(self) -> str:
        return self._labels()[self]

    @classmethod
    def _labels(cls) -> dict:
        raise NotImplementedError

    @classmethod
    def from_text(cls, text: str):
        cleaned = text.strip()
        for member in cls:
            if cleaned in (member.value, member.label):
                return member
        raise ValueError(f"「{text}」は使えません（{'・'.join(m.label for m in cls)}）")


class KpiKind(_LabelledEnum):
    ACTIVITY = "activity"
    OUTPUT = "output"
    OUTCOME = "outcome"

    @classmethod
    def _labels(cls) -> dict:
        return {cls.ACTIVITY: "アクティビティ", cls.OUTPUT: "アウトプット", cls.OUTCOME: "アウトカム"}


class Horizon(_LabelledEnum):
    SHORT = "short"
    MEDIUM = "medium"
    LONG = "long"

    @classmethod
    def _labels(cls) -> dict:
        return {cls.SHORT: "短期", cls.MEDIUM: "中期", cls.LONG: "長期"}


class Direction(_LabelledEnum):
    UP = "up"
    DOWN = "down"

    @classmethod
    def _labels(cls) -> dict:
        return {cls.UP: "上向き", cls.DOWN: "下向き"}


NOT_APPLICABLE = "-"


def parse_number(value: str | None) -> Decimal | None:
    """The number in a KPI value as typed (全角, 桁区切り allowed); None if it is not one."""
    if value is None:
        return None
    text = unicodedata.normalize("NFKC", value).strip().replace(",", "")
    if not text or text == NOT_APPLICABLE:
        return None
    try:
        number = Decimal(text)
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


def is_number(value: str | None) -> bool:
    return parse_number(value) is not None


def normalize_value(value: str | None) -> str | None:
    """Store what was typed, but treat whitespace-only as empty (not as a value)."""
    if value is None:
        return None
    stripped = value.strip()
    return stripped if stripped else None


@dataclass
class KpiData:
    indicator: str = ""
    unit: str = ""
    kind: KpiKind = KpiKind.OUTCOME
    horizon: Horizon | None = None
    quantitative: bool = True
    direction: Direction = Direction.UP
    baseline_value: str | None = None
    baseline_year: int | None = None
    target_value: str | None = None
    target_year: int | None = None
    data_source: str = ""
    actuals: dict[int, str | None] = field(default_factory=dict)
    id: int | None = None
    key: str = field(default_factory=new_key)   # stable across copies (desktop.survey.parts)

    def actual(self, year: int) -> str | None:
        return self.actuals.get(year)

    def value(self, attr: str) -> str | None:
        """The text of one of the KPI's values (an attribute or ``actual:<year>``)."""
        if attr.startswith(ACTUAL_PREFIX):
            try:
                return self.actuals.get(int(attr[len(ACTUAL_PREFIX):]))
            except ValueError:
                return None
        value = getattr(self, attr, None)
        return value if isinstance(value, str) or value is None else str(value)


@dataclass
class ItemData:
    title: str = ""
    plan_text: str = ""          # 今後の検討予定, when no KPI is set yet
    kpis: list[KpiData] = field(default_factory=list)
    id: int | None = None
    key: str = field(default_factory=new_key)


@dataclass
class MarkData:
    """A non-public part of a sheet: a field (whole, or a span of its text), an 実施項目, a KPI
    (whole, or one of its values), or a citation.

    ``text`` is what the mark withholds as it read when the mark was last
    placed; it is how an operation that rewrote the text (an import, a
    merge) finds the passage again, and what the register of withheld text
    keeps. A mark whose passage cannot be found is ``unplaced``: it still
    withholds its text wherever it appears, and the sheet needs a person
    (「非公開の確認が必要」) before it can be published.
    """

    reason: str
    part: Part
    start: int | None = None     # a span of the part's text; None with end None: the whole part
    end: int | None = None
    text: str = ""
    unplaced: bool = False
    id: int | None = None
    created_by: str = ""
    created_at: datetime | None = None

    @property
    def field_key(self) -> str | None:
        """The survey field the mark is in (None for items, KPIs and citations)."""
        return self.part.key if self.part.kind is PartKind.FIELD else None

    @property
    def is_span(self) -> bool:
        return self.start is not None or self.end is not None

    @property
    def is_whole_field(self) -> bool:
        return self.part.kind is PartKind.FIELD and not self.is_span


@dataclass(frozen=True)
class WithheldText:
    """A text withheld in some saved version of the sheet or of its lineage (the register).

    It stays withheld wherever it reappears in the lineage's sheets until a
    person releases it; only a :class:`Release` removes it.
    """

    text: str
    part: str = ""          # where it was withheld, as a Part's text form (for people: which field)
    reason: str = ""


@dataclass(frozen=True)
class Release:
    """A person's decision that a withheld text may be published: recorded with who, when and why."""

    text: str
    reason: str
    part: str = ""


@dataclass
class CitationData:
    field_key: str
    passage_id: int | None
    quoted_text: str
    locator: str = ""
    document_title: str = ""
    reference: str = ""           # formatted 出典 line, filled by the library
    position: int | None = None   # offset in the field text where the marker sits
    id: int | None = None
    key: str = field(default_factory=new_key)


@dataclass
class SheetData:
    survey_key: str
    fiscal_year: int
    ministry: str = ""
    bureau: str = ""
    person: str = ""
    contact: str = ""
    status: Status = Status.DRAFT
    classification: str | None = None
    areas: list[str] = field(default_factory=list)
    fields: dict[str, str] = field(default_factory=dict)
    items: list[ItemData] = field(default_factory=list)
    marks: list[MarkData] = field(default_factory=list)
    citations: list[CitationData] = field(default_factory=list)
    is_sample: bool = False
    predecessor_id: int | None = None
    id: int | None = None
    version: int = 0
    created_at: datetime | None = None
    updated_at: datetime | None = None
    # The measure across years and copies: successors and duplicates share it, and with it the register.
    lineage: str = field(default_factory=new_key)
    withheld: list[WithheldText] = field(default_factory=list)   # the lineage's register (active entries)
    releases: list[Release] = field(default_factory=list)        # releases to record with the next save
    status_note: StatusNote | None = None   # role and reason of a status change, recorded with the next save

    def text(self, key: str) -> str:
        return self.fields.get(key, "") or ""

    def all_kpis(self) -> list[tuple[ItemData, KpiData]]:
        return [(item, kpi) for item in self.items for kpi in item.kpis]

    def item_by_key(self, key: str) -> ItemData | None:
        return next((i for i in self.items if i.key == key), None)

    def kpi_by_key(self, key: str) -> KpiData | None:
        return next((k for _, k in self.all_kpis() if k.key == key), None)

    def citation_by_key(self, key: str) -> CitationData | None:
        return next((c for c in self.citations if c.key == key), None)

    def exists(self, part: Part) -> bool:
        """Whether the item, KPI or citation a part names is in the sheet (fields and attributes always are)."""
        if part.kind is PartKind.ITEM:
            return self.item_by_key(part.key) is not None
        if part.kind is PartKind.KPI:
            return self.kpi_by_key(part.key) is not None
        if part.kind is PartKind.CITATION:
            return self.citation_by_key(part.key) is not None
        return True

    def part_text(self, part: Part) -> str:
        """The text a person reads in a part ("" when it has none or is not in the sheet).

        A whole item reads as its title and plan; a whole KPI as its
        indicator; a citation as its quoted text.
        """
        if part.kind is PartKind.FIELD:
            return self.text(part.key)
        if part.kind is PartKind.ATTR:
            value = getattr(self, part.key, "")
            return "、".join(value) if isinstance(value, list) else (value or "") if isinstance(value, str) else ""
        if part.kind is PartKind.ITEM:
            item = self.item_by_key(part.key)
            if item is None:
                return ""
            if part.attr:
                return getattr(item, part.attr, "") or ""
            return "\n".join(t for t in (item.title, item.plan_text) if t)
        if part.kind is PartKind.KPI:
            kpi = self.kpi_by_key(part.key)
            if kpi is None:
                return ""
            return (kpi.value(part.attr) or "") if part.attr else kpi.indicator
        citation = self.citation_by_key(part.key)
        return citation.quoted_text if citation else ""
