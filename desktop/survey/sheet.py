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


class Status(str, Enum):
    """The survey cycle: 下書き → 確認中 → 提出済, and 差戻し from the secretariat."""

    DRAFT = "draft"
    REVIEW = "review"
    SUBMITTED = "submitted"
    RETURNED = "returned"

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
}

# Which moves the cycle allows. 提出済 is further guarded by validation.
STATUS_TRANSITIONS: dict[Status, tuple[Status, ...]] = {
    Status.DRAFT: (Status.REVIEW, Status.SUBMITTED),
    Status.REVIEW: (Status.DRAFT, Status.SUBMITTED),
    Status.SUBMITTED: (Status.RETURNED,),
    Status.RETURNED: (Status.DRAFT, Status.REVIEW, Status.SUBMITTED),
}


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

    def actual(self, year: int) -> str | None:
        return self.actuals.get(year)


@dataclass
class ItemData:
    title: str = ""
    plan_text: str = ""          # 今後の検討予定, when no KPI is set yet
    kpis: list[KpiData] = field(default_factory=list)
    id: int | None = None


@dataclass
class MarkData:
    """A non-public part: a whole field, a span inside a field, a KPI or a citation."""

    reason: str
    field_key: str | None = None
    start: int | None = None     # None with end None: the whole field
    end: int | None = None
    kpi_id: int | None = None
    citation_id: int | None = None
    id: int | None = None

    @property
    def is_whole_field(self) -> bool:
        return self.field_key is not None and self.start is None


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

    def text(self, key: str) -> str:
        return self.fields.get(key, "") or ""

    def all_kpis(self) -> list[tuple[ItemData, KpiData]]:
        return [(item, kpi) for item in self.items for kpi in item.kpis]
