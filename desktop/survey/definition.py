"""Typed form of a survey definition file.

Everything the staff read on a measure sheet (labels, guidance, which fields
are required, the classification lists) lives in these objects, loaded from
``resources/surveys/*.toml``; code refers to fields by their stable ``key``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

from desktop.survey.review import ReviewCycle, default_cycle
from desktop.survey.sheet import Status


class FieldKind(str, Enum):
    """How a field is entered and stored; decides the editor and the checks."""

    TEXT = "text"
    CLASSIFICATION = "classification"
    KPI_ITEMS = "kpi_items"
    RESULTS = "results"
    DISCLOSURE = "disclosure"

    @property
    def has_text(self) -> bool:
        """Kinds whose content includes a free-text body stored per sheet."""
        return self in (FieldKind.TEXT, FieldKind.RESULTS, FieldKind.DISCLOSURE)


@dataclass(frozen=True)
class FieldDef:
    key: str
    label: str
    required: bool
    kind: FieldKind
    guidance: tuple[str, ...]
    max_length: int | None = None
    # Whether next year's sheet starts from this year's text (the new-year
    # carry-over); a field written anew each year, like 当年度の実績, does not.
    carry_over: bool = True
    # Other names the same column has in forms not made by this app (府省庁名, 担当課室 …): an import
    # recognises a column by its label or any of these ([[field]] aliases).
    aliases: tuple[str, ...] = ()
    # Internal workflow (e.g. 公開範囲に関する希望): never printed in the public report.
    internal: bool = False
    # The keys this field had in earlier versions of the survey (旧名, ``previous_keys``): the new-year
    # run onto this version moves an old sheet's text, marks and citations of those keys here.
    previous_keys: tuple[str, ...] = ()

    @property
    def requirement_label(self) -> str:
        """The 入力区分 column of the format, as the format writes it."""
        return "必須" if self.required else "任意"


@dataclass(frozen=True)
class Choice:
    code: str
    label: str
    group_code: str
    description: str = ""


@dataclass(frozen=True)
class ChoiceGroup:
    code: str
    label: str
    choices: tuple[Choice, ...]


@dataclass(frozen=True)
class Area:
    code: str
    label: str
    tier_code: str


@dataclass(frozen=True)
class AreaTier:
    code: str
    label: str
    areas: tuple[Area, ...]


@dataclass(frozen=True)
class Sharing:
    """Whether staff of one ministry may read other ministries' sheets, their public part only ([sharing]).

    On a shared PostgreSQL server with roles per ministry, staff see only their ministry's sheets. A
    survey may let them read the others' public parts, of sheets in ``public_parts`` (a status whose
    content is frozen, e.g. 確定): the server then holds the public form of those sheets (what the
    public report prints, withheld passages replaced) where every ministry's role can read it.
    ``None``: nothing is shared (the default). ``label`` and ``guidance`` head the read-only view.
    """

    public_parts: Status | None = None
    label: str = ""
    guidance: tuple[str, ...] = ()

    @property
    def enabled(self) -> bool:
        return self.public_parts is not None


@dataclass(frozen=True)
class SurveyDefinition:
    key: str
    title: str
    strategy: str
    issuer: str
    source: str
    title_field: str
    public_placeholder: str
    areas_label: str
    fields: tuple[FieldDef, ...]
    classification_groups: tuple[ChoiceGroup, ...]
    area_tiers: tuple[AreaTier, ...]
    path: str = field(default="", compare=False)   # where it was read from: not its content
    # The field where staff explain problems and the plan to solve them
    # (進捗における課題と解決の方向性); validation asks for it when a KPI is
    # behind. None when the survey has no such field.
    issues_field: str | None = None
    # 府省庁 as staff choose them, in the government's usual order ([survey] ministries).
    ministries: tuple[str, ...] = ()
    # Accepted other names of the form's columns that are not survey fields (府省庁, 担当部局・課室,
    # 指標 …), by column key ([column_aliases]); with each field's own ``aliases``.
    column_aliases: tuple[tuple[str, tuple[str, ...]], ...] = ()
    # The review cycle ([review]): who moves a sheet to which status, the evaluation scale.
    review: ReviewCycle = field(default_factory=default_cycle)
    # What other ministries may read of a ministry's sheets on a shared server ([sharing]).
    sharing: Sharing = field(default_factory=Sharing)
    # The public report's default title ([survey] result_title; 「<strategy> フォローアップ結果」 if absent).
    result_title: str = ""
    # Sheet attributes (担当者, 連絡先, 状態) that are internal workflow: not in the public report.
    internal_attributes: tuple[str, ...] = ("person", "contact", "status")
    # Which stored version of the survey this is (the database numbers them 1, 2, …; a sheet records the
    # version it was filled in). Not part of the definition's content: a file read from disk is version 1.
    version: int = field(default=1, compare=False)
    _by_key: dict[str, FieldDef] = field(default_factory=dict, init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        self._by_key.update({f.key: f for f in self.fields})

    def field(self, key: str) -> FieldDef:
        return self._by_key[key]

    def has_field(self, key: str) -> bool:
        return key in self._by_key

    def carries(self, key: str | None) -> bool:
        """Whether a field's content goes over to next year's sheet (its ``carry_over``).

        The one rule for the new-year run (store.annual) and the survey form
        pre-filled from last year (reports.form). ``None`` (the sheet as a
        whole) and unknown keys carry: never drop silently what we don't know.
        """
        return key is None or key not in self._by_key or self._by_key[key].carry_over

    def aliases(self, key: str) -> tuple[str, ...]:
        """The other labels a form's column ``key`` (a field key or a column key) may carry."""
        own = self._by_key[key].aliases if key in self._by_key else ()
        return own + next((names for k, names in self.column_aliases if k == key), ())
    def is_internal(self, key: str) -> bool:
        """Whether a field or sheet attribute stays out of the public report."""
        if key in self._by_key:
            return self._by_key[key].internal
        return key in self.internal_attributes

    @property
    def public_fields(self) -> tuple[FieldDef, ...]:
        return tuple(f for f in self.fields if not f.internal)

    def fields_of_kind(self, kind: FieldKind) -> tuple[FieldDef, ...]:
        return tuple(f for f in self.fields if f.kind is kind)

    def first_field_of_kind(self, kind: FieldKind) -> FieldDef | None:
        found = self.fields_of_kind(kind)
        return found[0] if found else None

    @property
    def text_fields(self) -> tuple[FieldDef, ...]:
        """Fields whose free text is stored in the sheet's field table."""
        return tuple(f for f in self.fields if f.kind.has_text)

    @property
    def choices(self) -> tuple[Choice, ...]:
        return tuple(c for g in self.classification_groups for c in g.choices)

    def choice(self, code: str | None) -> Choice | None:
        return next((c for c in self.choices if c.code == code), None)

    def choice_by_label(self, label: str) -> Choice | None:
        """Match what a person typed or picked in a spreadsheet cell."""
        wanted = label.strip()
        for group in self.classification_groups:
            for c in group.choices:
                if wanted in (c.label, c.code, f"{group.label} / {c.label}"):
                    return c
        return None

    def group(self, code: str) -> ChoiceGroup | None:
        return next((g for g in self.classification_groups if g.code == code), None)

    def classification_display(self, code: str | None) -> str:
        """The label staff read: the group and the choice, e.g. 「ポイント① … / 経済界…」."""
        choice = self.choice(code)
        if choice is None:
            return code or ""
        group = self.group(choice.group_code)
        return f"{group.label} / {choice.label}" if group else choice.label

    @property
    def areas(self) -> tuple[Area, ...]:
        return tuple(a for t in self.area_tiers for a in t.areas)

    def area(self, code: str) -> Area | None:
        return next((a for a in self.areas if a.code == code), None)

    def area_by_label(self, label: str) -> Area | None:
        wanted = label.strip()
        return next((a for a in self.areas if wanted in (a.label, a.code)), None)
