"""Reading a survey definition file, refusing a broken one with a precise message.

A definition file is edited by hand by the secretariat or a developer when a
new survey arrives; a mistake must say which file, which key and what is
wrong, instead of surfacing later as a crash in an editor.
"""

from __future__ import annotations

import tomllib
from functools import lru_cache
from pathlib import Path
from typing import Any

from desktop.paths import surveys_dir
from desktop.survey.definition import (
    Area,
    AreaTier,
    Choice,
    ChoiceGroup,
    FieldDef,
    FieldKind,
    Sharing,
    SurveyDefinition,
)
from desktop.survey.review import DEFAULT_ROLE_LABELS, ReviewCycle, Transition, default_cycle
from desktop.survey.sheet import Status

DEFAULT_SURVEY_FILE = "intl_standards_followup.toml"
DEFAULT_SURVEY_KEY = "intl-standards-followup"   # the [survey] key of DEFAULT_SURVEY_FILE


class SurveyDefinitionError(ValueError):
    """A definition file that cannot be used; the message is for people."""

    def __init__(self, path: Path | str, key: str, problem: str) -> None:
        self.path = str(path)
        self.key = key
        self.problem = problem
        super().__init__(f"調査票定義ファイル {self.path}: {key}: {problem}")


class _Reader:
    """Typed access to a TOML table that reports the full key path on errors."""

    def __init__(self, path: Path, table: dict[str, Any], where: str) -> None:
        self.path, self.table, self.where = path, table, where

    def _key(self, name: str) -> str:
        return f"{self.where}.{name}" if self.where else name

    def fail(self, name: str, problem: str) -> SurveyDefinitionError:
        return SurveyDefinitionError(self.path, self._key(name), problem)

    def text(self, name: str, default: str | None = None) -> str:
        if name not in self.table:
            if default is not None:
                return default
            raise self.fail(name, "必須のキーがありません")
        value = self.table[name]
        if not isinstance(value, str) or not value.strip():
            raise self.fail(name, "空でない文字列を指定してください")
        return value.strip()

    def boolean(self, name: str) -> bool:
        if name not in self.table:
            raise self.fail(name, "必須のキーがありません")
        value = self.table[name]
        if not isinstance(value, bool):
            raise self.fail(name, "true または false を指定してください")
        return value

    def optional_boolean(self, name: str, default: bool) -> bool:
        if name not in self.table:
            return default
        return self.boolean(name)

    def optional_int(self, name: str) -> int | None:
        value = self.table.get(name)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
            raise self.fail(name, "正の整数を指定してください")
        return value

    def texts(self, name: str) -> tuple[str, ...]:
        value = self.table.get(name)
        if not isinstance(value, list) or not value:
            raise self.fail(name, "文字列の配列を1つ以上指定してください")
        if not all(isinstance(v, str) and v.strip() for v in value):
            raise self.fail(name, "配列の要素はすべて空でない文字列にしてください")
        return tuple(v.strip() for v in value)

    def optional_texts(self, name: str) -> tuple[str, ...]:
        if name not in self.table:
            return ()
        return self.texts(name)

    def tables(self, name: str) -> list["_Reader"]:
        value = self.table.get(name)
        if not isinstance(value, list) or not value:
            raise self.fail(name, "1つ以上の表（[[" + name + "]]）が必要です")
        readers = []
        for i, item in enumerate(value):
            if not isinstance(item, dict):
                raise self.fail(f"{name}[{i}]", "表（テーブル）を指定してください")
            readers.append(_Reader(self.path, item, self._key(f"{name}[{i}]")))
        return readers


def _unique(path: Path, where: str, codes: list[str]) -> None:
    seen: set[str] = set()
    for code in codes:
        if code in seen:
            raise SurveyDefinitionError(path, where, f"コード「{code}」が重複しています")
        seen.add(code)


def _read_field(r: _Reader) -> FieldDef:
    kind_text = r.text("kind")
    try:
        kind = FieldKind(kind_text)
    except ValueError:
        allowed = ", ".join(k.value for k in FieldKind)
        raise r.fail("kind", f"「{kind_text}」は使えません（{allowed} のいずれか）") from None
    return FieldDef(
        key=r.text("key"),
        label=r.text("label"),
        required=r.boolean("required"),
        kind=kind,
        guidance=r.texts("guidance"),
        max_length=r.optional_int("max_length"),
        carry_over=r.optional_boolean("carry_over", default=kind is not FieldKind.RESULTS),
        aliases=r.optional_texts("aliases"),
        internal=r.optional_boolean("internal", default=False),
        previous_keys=r.optional_texts("previous_keys"),
    )


def _check_previous_keys(path: Path, fields: tuple[FieldDef, ...]) -> None:
    """A 旧名 names one field only, and never a field of this version (the move would be ambiguous)."""
    owner: dict[str, str] = {}
    current = {f.key for f in fields}
    for f in fields:
        for old in f.previous_keys:
            if old in current:
                raise SurveyDefinitionError(path, f"field.{f.key}.previous_keys",
                                            f"旧名「{old}」はこの版の項目のキーです")
            if old in owner:
                raise SurveyDefinitionError(path, f"field.{f.key}.previous_keys",
                                            f"旧名「{old}」は項目「{owner[old]}」の旧名と重複しています")
            owner[old] = f.key


def _read_groups(root: _Reader) -> tuple[ChoiceGroup, ...]:
    groups = []
    for g in root.tables("classification"):
        code = g.text("code")
        choices = tuple(
            Choice(code=c.text("code"), label=c.text("label"), group_code=code,
                   description=c.text("description", default=""))
            for c in g.tables("choice")
        )
        groups.append(ChoiceGroup(code=code, label=g.text("label"), choices=choices))
    return tuple(groups)


def _read_tiers(root: _Reader) -> tuple[AreaTier, ...]:
    tiers = []
    for t in root.tables("area_tier"):
        code = t.text("code")
        areas = tuple(
            Area(code=a.text("code"), label=a.text("label"), tier_code=code)
            for a in t.tables("areas")
        )
        tiers.append(AreaTier(code=code, label=t.text("label"), areas=areas))
    return tuple(tiers)


def _status(r: _Reader, name: str, value: object) -> Status:
    try:
        return Status(value)
    except ValueError:
        allowed = ", ".join(s.value for s in Status)
        raise r.fail(name, f"状態「{value}」は使えません（{allowed} のいずれか）") from None


def _subtable(root: _Reader, name: str) -> tuple[dict, _Reader] | None:
    """An optional table of the definition ([review], [sharing]) with its reader; None when absent."""
    raw = root.table.get(name)
    if raw is None:
        return None
    if not isinstance(raw, dict):
        raise root.fail(name, f"[{name}] は表（テーブル）にしてください")
    return raw, _Reader(root.path, raw, name)


def _read_review(root: _Reader) -> ReviewCycle:
    """The [review] table: transitions with roles and reasons, the published status, the evaluation."""
    found = _subtable(root, "review")
    if found is None:
        return default_cycle()
    raw, r = found
    labels = raw.get("roles", dict(DEFAULT_ROLE_LABELS))
    if not isinstance(labels, dict) or not labels or not all(
            isinstance(k, str) and isinstance(v, str) and v.strip() for k, v in labels.items()):
        raise r.fail("roles", "立場のコードと名称の表（例: { ministry = \"府省庁\" }）を指定してください")
    transitions = []
    for t in r.tables("transition"):
        sources = t.table.get("from")
        if isinstance(sources, str):
            sources = [sources]
        if not isinstance(sources, list) or not sources:
            raise t.fail("from", "変更前の状態（文字列またはその配列）を指定してください")
        roles = t.table.get("roles")
        if isinstance(roles, str):
            roles = [roles]
        if not isinstance(roles, list) or not roles or any(role not in labels for role in roles):
            raise t.fail("roles", f"変更できる立場を {', '.join(labels)} から指定してください")
        target = _status(t, "to", t.text("to"))
        reason = t.optional_boolean("reason_required", default=False)
        for source in sources:
            transitions.append(Transition(_status(t, "from", source), target, tuple(roles), reason))
    pairs = [(t.source, t.target) for t in transitions]
    if len(pairs) != len(set(pairs)):
        raise r.fail("transition", "同じ状態の組み合わせが重複しています")
    scale = r.texts("evaluation") if "evaluation" in raw else ()
    _unique(root.path, "review.evaluation", list(scale))
    return ReviewCycle(
        transitions=tuple(transitions),
        published_status=_status(r, "published_status", r.text("published_status", default="accepted")),
        returned_status=_status(r, "returned_status", r.text("returned_status", default="returned")),
        role_labels=tuple((k, v.strip()) for k, v in labels.items()),
        evaluation_label=r.text("evaluation_label", default="評価"),
        evaluation_scale=scale,
        evaluation_comment_label=r.text("evaluation_comment_label", default="評価コメント"),
        locked=tuple(dict.fromkeys(_status(r, "locked", v) for v in r.optional_texts("locked"))),
    )


SHARING_OFF = "off"


def _read_sharing(root: _Reader, review: ReviewCycle) -> Sharing:
    """The [sharing] table: which sheets other ministries may read the public part of, and the view's words."""
    found = _subtable(root, "sharing")
    if found is None:
        return Sharing()
    raw, r = found
    value = r.text("public_parts", default=SHARING_OFF)
    status = None if value == SHARING_OFF else _status(r, "public_parts", value)
    if status is not None and not review.is_locked(status):
        frozen = ", ".join(s.value for s in review.locked) or "なし"
        raise r.fail("public_parts", f"「{value}」は内容を変更できない状態ではありません。{SHARING_OFF} か、"
                                     f"[review] locked の状態（{frozen}）を指定してください")
    label = r.text("label") if status is not None else r.text("label", default="")
    guidance = r.texts("guidance") if status is not None else r.optional_texts("guidance")
    return Sharing(status, label, guidance)


def parse_survey(path: Path | str, data: dict[str, Any]) -> SurveyDefinition:
    """Turn parsed TOML into a definition, checking every cross-reference (``path`` names it in messages)."""
    path = Path(path)
    root = _Reader(path, data, "")
    if not isinstance(data.get("survey"), dict):
        raise root.fail("survey", "[survey] の表がありません")
    head = _Reader(path, data["survey"], "survey")
    fields = tuple(_read_field(r) for r in root.tables("field"))
    groups = _read_groups(root)
    tiers = _read_tiers(root)

    _unique(path, "field", [f.key for f in fields])
    _unique(path, "classification", [g.code for g in groups] + [c.code for g in groups for c in g.choices])
    _unique(path, "area_tier", [t.code for t in tiers] + [a.code for t in tiers for a in t.areas])

    by_key = {f.key: f for f in fields}
    _check_previous_keys(path, fields)

    def text_field(name: str, wrong_kind: str) -> str:
        """[survey] ``name`` must name a kind = "text" field."""
        key = head.text(name)
        if key not in by_key:
            raise head.fail(name, f"フィールド「{key}」が [[field]] にありません")
        if by_key[key].kind is not FieldKind.TEXT:
            raise head.fail(name, f"{wrong_kind}は kind = \"text\" にしてください")
        return key

    title_field = text_field("title_field", "施策名に当たるフィールド")
    issues_field = (text_field("issues_field", "課題を記載するフィールド")
                    if head.table.get("issues_field") is not None else None)
    for single in (FieldKind.CLASSIFICATION, FieldKind.KPI_ITEMS, FieldKind.RESULTS, FieldKind.DISCLOSURE):
        if sum(1 for f in fields if f.kind is single) > 1:
            raise root.fail("field", f"kind = \"{single.value}\" のフィールドは1つまでです")

    ministries = head.texts("ministries") if "ministries" in head.table else ()
    _unique(path, "survey.ministries", list(ministries))

    aliases = data.get("column_aliases", {})
    if not isinstance(aliases, dict):
        raise root.fail("column_aliases", "表（[column_aliases]）を指定してください")
    alias_reader = _Reader(path, aliases, "column_aliases")
    column_aliases = tuple((key, alias_reader.texts(key)) for key in aliases)
    internal_attributes = head.texts("internal_attributes") if "internal_attributes" in head.table \
        else ("person", "contact", "status")

    return SurveyDefinition(
        column_aliases=column_aliases,
        key=head.text("key"),
        title=head.text("title"),
        strategy=head.text("strategy"),
        issuer=head.text("issuer"),
        source=head.text("source", default=""),
        title_field=title_field,
        public_placeholder=head.text("public_placeholder", default="（非公開）"),
        areas_label=head.text("areas_label", default="領域"),
        fields=fields,
        classification_groups=groups,
        area_tiers=tiers,
        path=str(path),
        issues_field=issues_field,
        ministries=ministries,
        review=(review := _read_review(root)),
        sharing=_read_sharing(root, review),
        result_title=head.text("result_title", default=f"{head.text('strategy')} フォローアップ結果"),
        internal_attributes=internal_attributes,
    )


def load_survey(path: Path | str) -> SurveyDefinition:
    """Load one definition file; any problem raises SurveyDefinitionError."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise SurveyDefinitionError(path, "(file)", f"読み込めません: {exc.strerror or exc}") from exc
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise SurveyDefinitionError(path, "(file)", "UTF-8 のテキストではありません") from None
    except tomllib.TOMLDecodeError as exc:
        raise SurveyDefinitionError(path, "(file)", f"TOML の書式が正しくありません: {exc}") from None
    return parse_survey(path, data)


@lru_cache(maxsize=8)
def _load_cached(path: str) -> SurveyDefinition:
    return load_survey(path)


def default_survey() -> SurveyDefinition:
    """The survey new databases are created for (cached: files are read once)."""
    return _load_cached(str(surveys_dir() / DEFAULT_SURVEY_FILE))


def available_surveys() -> list[SurveyDefinition]:
    return [_load_cached(str(p)) for p in sorted(surveys_dir().glob("*.toml"))]


def survey_by_key(key: str) -> SurveyDefinition:
    for survey in available_surveys():
        if survey.key == key:
            return survey
    raise KeyError(key)
