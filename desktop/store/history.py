"""A sheet's history: who changed what and when, any field's value at any version, diffs, restore.

Everything is read from the revisions table the repository writes on each
save (one row per changed value, with the sheet version the save produced).
The value of a field at version ``v`` is the new value of the last revision
of that field at or before ``v``; with none, the old value of the first one
after ``v``; with no revision at all, the value the sheet has now. A sheet
created by the repository has no revision for its first values (creation is
not recorded value by value), which is why the old value of the first change
is the original.

Diffs are desktop.disclosure.textedit.diff_texts (the one module for text
edits, which also moves marks and citation markers when a text is put back).

Restoring is an ordinary save through the repository, so it is itself a new
revision and can be restored in turn.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

from desktop.disclosure.textedit import TextDiff, diff_texts, replace_text
from desktop.store.convert import KPI_ATTRIBUTES, kpi_column_value
from desktop.store.repository import SCALAR_ATTRIBUTES, Repository, RevisionRow
from desktop.store.repository import _text as revision_text  # how a save writes values into revisions
from desktop.survey.definition import FieldKind, SurveyDefinition
from desktop.survey.sheet import Direction, Horizon, KpiKind, Qualifier, SheetData, Status, TargetKind
from desktop.survey.vocabulary import ITEM_ATTRIBUTE_LABELS, KPI_ATTRIBUTE_LABELS, SHEET_ATTRIBUTE_LABELS
from desktop.survey.wareki import format_fiscal_year

# Labels of what is not a survey field come from the one vocabulary (survey/vocabulary.py).
ATTRIBUTE_LABELS = SHEET_ATTRIBUTE_LABELS


class RestoreRefused(ValueError):
    """A value that cannot be restored from the history; the message is for staff."""


@dataclass(frozen=True)
class HistoryEntry:
    revision_id: int
    version: int            # the sheet version the change produced
    at: datetime
    author: str
    field: str              # as stored: "field:content", "kpi:12:actual:2025", ...
    label: str              # for people: 「施策内容」, 「KPI「…」の令和7年度実績」
    old_value: str | None
    new_value: str | None


@dataclass(frozen=True)
class FieldVersion:
    """One value a field had, from the version that set it."""

    version: int
    at: datetime | None
    author: str
    value: str | None


# -- labels ----------------------------------------------------------------------------


class _Names:
    """Item titles and KPI indicators by key, including those deleted since (read from the revisions)."""

    def __init__(self, sheet: SheetData | None, revisions: list[RevisionRow]) -> None:
        self.items: dict[str, str] = {}
        self.kpis: dict[str, str] = {}
        for r in revisions:
            parts = r.field.split(":")
            if len(parts) == 2 and parts[0] in ("item", "kpi") and parts[1] != "new" and r.old_value:
                name = _json_value(r.old_value, "title" if parts[0] == "item" else "indicator")
                if name:
                    (self.items if parts[0] == "item" else self.kpis)[parts[1]] = name
            elif len(parts) == 3 and r.new_value and (parts[0], parts[2]) in (("item", "title"), ("kpi", "indicator")):
                (self.items if parts[0] == "item" else self.kpis)[parts[1]] = r.new_value
        if sheet is not None:
            for item in sheet.items:
                self.items[item.key] = item.title
                for kpi in item.kpis:
                    self.kpis[kpi.key] = kpi.indicator

    def item(self, item_id: str) -> str:
        return f"実施項目「{self.items.get(item_id) or item_id}」"

    def kpi(self, kpi_id: str) -> str:
        return f"KPI「{self.kpis.get(kpi_id) or kpi_id}」"


def _json_value(text: str, key: str) -> str:
    try:
        value = json.loads(text)
    except ValueError:
        return ""
    return str(value.get(key) or "") if isinstance(value, dict) else ""


def _survey_label(survey: SurveyDefinition, kind: FieldKind, fallback: str) -> str:
    f = survey.first_field_of_kind(kind)
    return f.label if f else fallback


def field_label(survey: SurveyDefinition, field: str, names: _Names | None = None) -> str:
    """The label people read for a revision's field name."""
    names = names or _Names(None, [])
    parts = field.split(":")
    head = parts[0]
    if head == "field" and len(parts) == 2:
        return survey.field(parts[1]).label if survey.has_field(parts[1]) else parts[1]
    if field == "classification":
        return _survey_label(survey, FieldKind.CLASSIFICATION, "施策分類")
    if field == "areas":
        return survey.areas_label
    if field in ATTRIBUTE_LABELS:
        return ATTRIBUTE_LABELS[field]
    items = _survey_label(survey, FieldKind.KPI_ITEMS, "実施項目")
    disclosure = _survey_label(survey, FieldKind.DISCLOSURE, "非公開")
    if head == "item":
        if parts[1:] == ["new"]:
            return f"{items}：実施項目の追加"
        if len(parts) == 2:
            return f"{items}：{names.item(parts[1])}の削除"
        if parts[2:] == ["kpi", "new"]:
            return f"{items}：{names.item(parts[1])}へのKPIの追加"
        return f"{items}：{names.item(parts[1])}の{ITEM_ATTRIBUTE_LABELS.get(parts[2], parts[2])}"
    if head == "kpi" and len(parts) >= 2:
        if len(parts) == 2:
            return f"{items}：{names.kpi(parts[1])}の削除"
        if parts[2] == "actual" and len(parts) == 4 and parts[3].isdigit():
            return f"{items}：{names.kpi(parts[1])}の{format_fiscal_year(int(parts[3]))}実績"
        return f"{items}：{names.kpi(parts[1])}の{KPI_ATTRIBUTE_LABELS.get(parts[2], parts[2])}"
    if head == "citation":
        return "出典の追加" if parts[1:] == ["new"] else ("出典の削除" if len(parts) == 2 else "出典の変更")
    if head == "release":
        return f"{disclosure}：非公開の解除"
    if head == "mark":
        if parts[1:] == ["new"]:
            return f"{disclosure}：非公開箇所の追加"
        return f"{disclosure}：非公開箇所の解除" if len(parts) == 2 else f"{disclosure}：非公開箇所の変更"
    return field


_ENUMS = {"kind": KpiKind, "horizon": Horizon, "direction": Direction, "qualifier": Qualifier,
          "target_kind": TargetKind}


def display_value(survey: SurveyDefinition, field: str, value: str | None) -> str:
    """A revision value as people read it: labels for codes, the name out of a snapshot, 作成 for created."""
    if value is None:
        return ""
    parts = field.split(":")
    last = parts[-1]
    if field == "sheet":
        return "作成" if value == "created" else value
    if field == "deleted":
        return "削除" if value == "true" else "復元"
    if field == "status":
        try:
            return Status(value).label
        except ValueError:
            return value
    if field == "classification":
        return survey.classification_display(value)
    if field == "areas":
        return "、".join(a.label if (a := survey.area(code)) else code for code in value.split(","))
    if field in ("is_sample", "quantitative") or (parts[0] == "kpi" and last == "quantitative"):
        labels = {"is_sample": ("はい", "いいえ"), "quantitative": ("定量", "定性")}[last]
        return labels[0] if value == "true" else labels[1]
    if parts[0] == "kpi" and len(parts) == 3 and last in _ENUMS:
        try:
            return _ENUMS[last](value).label
        except ValueError:
            return value
    if last == "new" or (len(parts) == 2 and parts[0] in ("item", "kpi")):
        for key in ("title", "indicator", "quote", "reason"):
            name = _json_value(value, key)
            if name:
                return name
    return value


# -- reading -----------------------------------------------------------------------------


def sheet_history(repo: Repository, sheet_id: int) -> list[HistoryEntry]:
    """Every recorded change of one sheet, oldest first, with labels for people."""
    sheet = repo.get_sheet(sheet_id)
    revisions = repo.revisions(sheet_id)
    survey = repo.survey_definition(sheet.survey_key)
    names = _Names(sheet, revisions)
    return [HistoryEntry(r.id, r.sheet_version, r.at, r.author, r.field, field_label(survey, r.field, names),
                         r.old_value, r.new_value) for r in revisions]


def _parts(field: str) -> list[str]:
    return field.split(":")


def current_value(sheet: SheetData, field: str) -> str | None:
    """A field's value now, as the revisions write it (text; None when absent)."""
    parts = _parts(field)
    if parts[0] == "field" and len(parts) == 2:
        return sheet.fields.get(parts[1])
    if field == "status":
        return sheet.status.value
    if field == "areas":
        return ",".join(sheet.areas) if sheet.areas else None
    if field in SCALAR_ATTRIBUTES or field == "fiscal_year":
        return revision_text(getattr(sheet, field))
    if parts[0] == "item" and len(parts) == 3:
        item = sheet.item_by_key(parts[1])
        return revision_text(getattr(item, parts[2], None)) if item is not None and parts[2] != "position" else None
    if parts[0] == "kpi" and len(parts) >= 3:
        kpi = sheet.kpi_by_key(parts[1])
        if kpi is None:
            return None
        if parts[2] == "actual" and len(parts) == 4 and parts[3].isdigit():
            return kpi.actuals.get(int(parts[3]))
        return revision_text(kpi_column_value(kpi, parts[2])) if parts[2] in KPI_ATTRIBUTES else None
    return None


def _value_at(revisions: list[RevisionRow], field: str, version: int, now: str | None) -> str | None:
    touching = [r for r in revisions if r.field == field]
    before = [r for r in touching if r.sheet_version <= version]
    if before:
        return before[-1].new_value
    after = [r for r in touching if r.sheet_version > version]
    return after[0].old_value if after else now


def value_at(repo: Repository, sheet_id: int, field: str, version: int) -> str | None:
    """The value ``field`` had once the save that produced ``version`` was done."""
    sheet = repo.get_sheet(sheet_id)
    return _value_at(repo.revisions(sheet_id), field, version, current_value(sheet, field))


def field_versions(repo: Repository, sheet_id: int, field: str) -> list[FieldVersion]:
    """The values a field has had, oldest first: the original (if it predates the first change), then each change."""
    sheet = repo.get_sheet(sheet_id)
    touching = [r for r in repo.revisions(sheet_id) if r.field == field]
    if not touching:
        return [FieldVersion(sheet.version, sheet.updated_at, "", current_value(sheet, field))]
    first = touching[0]
    out = []
    if first.sheet_version > 1:   # a sheet starts at version 1; the field kept this value until its first change
        out.append(FieldVersion(1, sheet.created_at, "", first.old_value))
    out += [FieldVersion(r.sheet_version, r.at, r.author, r.new_value) for r in touching]
    return out


# -- diffs (desktop.disclosure.textedit) -------------------------------------------------


def diff_versions(repo: Repository, sheet_id: int, field: str, old_version: int, new_version: int) -> TextDiff:
    """The side-by-side diff of one field between two versions of the sheet."""
    sheet = repo.get_sheet(sheet_id)
    revisions = repo.revisions(sheet_id)
    now = current_value(sheet, field)
    return diff_texts(_value_at(revisions, field, old_version, now), _value_at(revisions, field, new_version, now))


def predecessor_diff(repo: Repository, sheet: SheetData, key: str) -> TextDiff | None:
    """Last year's text of a field against this year's, for the year-over-year view; None without a predecessor."""
    if sheet.predecessor_id is None:
        return None
    previous = repo.get_sheet(sheet.predecessor_id)
    return diff_texts(previous.text(key), sheet.text(key))


# -- restoring ---------------------------------------------------------------------------


def _kpi_value(attr: str, text: str | None):
    if attr == "kind":
        return KpiKind(text) if text else KpiKind.OUTCOME
    if attr == "horizon":
        return Horizon(text) if text else None
    if attr == "direction":
        return Direction(text) if text else Direction.UP
    if attr == "qualifier":
        return Qualifier(text) if text else None
    if attr == "target_kind":
        return TargetKind(text) if text else TargetKind.LEVEL
    if attr == "quantitative":
        return text != "false"
    if attr in ("baseline_year", "target_year"):
        return int(text) if text else None
    if attr in ("indicator", "unit", "data_source", "source_text"):
        return text or ""
    return text


def _apply(sheet: SheetData, field: str, value: str | None, label: str) -> None:
    parts = _parts(field)
    gone = RestoreRefused(f"「{label}」の対象は現在のシートにないため、戻せません。")
    if parts[0] == "field" and len(parts) == 2:
        replace_text(sheet, parts[1], value or "")
    elif field in ("ministry", "bureau", "person", "contact"):
        setattr(sheet, field, value or "")
    elif field == "classification":
        sheet.classification = value or None
    elif field == "areas":
        sheet.areas = value.split(",") if value else []
    elif parts[0] == "item" and len(parts) == 3 and parts[2] in ("title", "plan_text"):
        item = sheet.item_by_key(parts[1])
        if item is None:
            raise gone
        setattr(item, parts[2], value or "")
    elif parts[0] == "kpi" and len(parts) >= 3 and (
            (len(parts) == 3 and parts[2] in KPI_ATTRIBUTES)
            or (len(parts) == 4 and parts[2] == "actual" and parts[3].isdigit())):
        kpi = sheet.kpi_by_key(parts[1])
        if kpi is None:
            raise gone
        if parts[2] == "actual":
            kpi.actuals[int(parts[3])] = value
        else:
            setattr(kpi, parts[2], _kpi_value(parts[2], value))
    elif field == "status":
        raise RestoreRefused("状態は履歴から戻せません。状態の変更として操作してください（提出済には検証が必要です）。")
    else:
        raise RestoreRefused(f"「{label}」は履歴から戻せる項目ではありません。")


def restore_field(repo: Repository, sheet_id: int, field: str, version: int, *, author: str) -> SheetData:
    """Give ``field`` the value it had at ``version`` again; saved as a new revision."""
    sheet = repo.get_sheet(sheet_id)
    revisions = repo.revisions(sheet_id)
    survey = repo.survey_definition(sheet.survey_key)
    label = field_label(survey, field, _Names(sheet, revisions))
    value = _value_at(revisions, field, version, current_value(sheet, field))
    _apply(sheet, field, value, label)
    return repo.save_sheet(sheet, author=author)
