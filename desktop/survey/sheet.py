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


class Qualifier(_LabelledEnum):
    """How the target value is meant: 「4位以内」 is met at 4 or below, 「100社以上」 at 100 or more."""

    AT_LEAST = "at_least"
    ABOVE = "above"
    AT_MOST = "at_most"
    WITHIN = "within"
    BELOW = "below"
    ABOUT = "about"
    AROUND = "around"

    @classmethod
    def _labels(cls) -> dict:
        return {cls.AT_LEAST: "以上", cls.ABOVE: "超", cls.AT_MOST: "以下", cls.WITHIN: "以内",
                cls.BELOW: "未満", cls.ABOUT: "約", cls.AROUND: "程度"}

    @property
    def implied_direction(self) -> "Direction | None":
        """以上・超 mean more is better, 以下・以内・未満 less; 約・程度 say nothing about it."""
        if self in (Qualifier.AT_LEAST, Qualifier.ABOVE):
            return Direction.UP
        if self in (Qualifier.AT_MOST, Qualifier.WITHIN, Qualifier.BELOW):
            return Direction.DOWN
        return None

    @property
    def strict(self) -> bool:
        """超 and 未満 are not met by the target value itself."""
        return self in (Qualifier.ABOVE, Qualifier.BELOW)


class TargetKind(_LabelledEnum):
    """What the target value is: the level itself, or an amount relative to the baseline.

    増加幅 「+10ポイント」: target = baseline + value; 削減率 「46%削減（2013年度比）」:
    target = baseline × (1 − value/100), to be reached downwards; 倍率 「2倍」:
    target = baseline × value.
    """

    LEVEL = "level"
    INCREASE = "increase"
    REDUCTION = "reduction"
    MULTIPLE = "multiple"

    @classmethod
    def _labels(cls) -> dict:
        return {cls.LEVEL: "水準", cls.INCREASE: "増加幅", cls.REDUCTION: "削減率", cls.MULTIPLE: "倍率"}

    @property
    def relative(self) -> bool:
        return self is not TargetKind.LEVEL


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


def judged_direction(direction: Direction | None, qualifier: "Qualifier | None",
                     kind: "TargetKind | None") -> Direction:
    """A 以内/以下/未満 target is reached downwards and a 以上/超 one upwards, whatever was stored."""
    if kind is TargetKind.REDUCTION:
        return Direction.DOWN
    implied = qualifier.implied_direction if qualifier is not None else None
    return implied or direction or Direction.UP


def target_level(kind: "TargetKind | None", baseline: str | None, target: str | None) -> Decimal | None:
    """The level a target means: itself, or computed from the baseline for a relative kind."""
    t = parse_number(target)
    if t is None or kind in (None, TargetKind.LEVEL):
        return t
    b = parse_number(baseline)
    if b is None:
        return None
    if kind is TargetKind.INCREASE:
        return b + t
    if kind is TargetKind.REDUCTION:
        return b * (1 - t / 100)
    return b * t


def target_phrase(kind: "TargetKind | None", qualifier: "Qualifier | None", target: str | None,
                  unit: str = "", baseline_year: int | None = None) -> str:
    """A target as a sentence fragment (「4位以内」「約30件」「+10ポイント」「46%削減（2013年度比）」「2倍」)."""
    value = (target or "").strip()
    if not value:
        return ""
    if kind is TargetKind.INCREASE:
        text = f"{value if value[:1] in '+-＋－' else '+' + value}{unit}"
    elif kind is TargetKind.REDUCTION:
        text = f"{value}%削減" + (f"（{baseline_year}年度比）" if baseline_year else "")
    elif kind is TargetKind.MULTIPLE:
        text = f"{value}倍" + (f"（{baseline_year}年度比）" if baseline_year else "")
    else:
        text = f"{value}{unit}"
    if qualifier is Qualifier.ABOUT:
        return "約" + text
    if qualifier is not None:
        return text + qualifier.label
    return text


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
    qualifier: Qualifier | None = None
    target_kind: TargetKind = TargetKind.LEVEL
    baseline_value: str | None = None
    baseline_year: int | None = None
    target_value: str | None = None
    target_year: int | None = None
    data_source: str = ""
    # the line of a form's free text the KPI was read from (調査票の記載), kept for comparison; never printed in public
    source_text: str = ""
    actuals: dict[int, str | None] = field(default_factory=dict)
    id: int | None = None
    key: str = field(default_factory=new_key)   # stable across copies (desktop.survey.parts)

    def actual(self, year: int) -> str | None:
        return self.actuals.get(year)

    @property
    def judged_direction(self) -> Direction:
        """The direction progress is judged in: a qualifier or a 削減率 decides it over the stored one."""
        return judged_direction(self.direction, self.qualifier, self.target_kind)

    def target_number(self) -> Decimal | None:
        """The level the target means (a relative target computed from the baseline); None if it cannot be."""
        return target_level(self.target_kind, self.baseline_value, self.target_value)

    def target_text(self) -> str:
        """The target as people write it: 「4位以内」「+10ポイント」「46%削減（2013年度比）」「2倍」."""
        return target_phrase(self.target_kind, self.qualifier, self.target_value, self.unit, self.baseline_year)

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
    # The version of the survey's definition the sheet is filled in (store/surveys.py); None for a new
    # sheet means the version its repository works in.
    survey_version: int | None = None

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


def format_decimal(value: Decimal | None) -> str | None:
    """A number as staff would type it (no exponent, no trailing zeros); None stays None."""
    if value is None:
        return None
    text = format(value.normalize() if value == value.to_integral_value() else value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


_QUALIFIER_SUFFIXES = ("以上", "以下", "以内", "未満", "程度", "超")


def split_qualifier(target: str | None, unit: str = "") -> tuple[str | None, "Qualifier | None"]:
    """A target typed with its qualifier (「4位以内」「100以上」「約30件」) as (number, qualifier).

    Only when what remains is a number (with the KPI's own unit at most); any
    other text comes back unchanged, with no qualifier.
    """
    if target is None:
        return None, None
    text = unicodedata.normalize("NFKC", target).strip()
    qualifier = None
    if text.startswith("約"):
        text, qualifier = text[1:].strip(), Qualifier.ABOUT
    else:
        for suffix in _QUALIFIER_SUFFIXES:
            if text.endswith(suffix):
                text, qualifier = text[: -len(suffix)].strip(), Qualifier.from_text(suffix)
                break
    unit_form = unicodedata.normalize("NFKC", unit or "").strip()
    if qualifier is not None and unit_form and text.endswith(unit_form):
        text = text[: -len(unit_form)].strip()
    if qualifier is None or parse_number(text) is None:
        return target, None
    return text, qualifier
