"""A survey definition as plain data: the form it is stored in the database and travels in.

:func:`definition_to_data` gives the same tables a TOML file holds
(``[survey]``, ``[[field]]``, ``[[classification]]`` …), so the one reader
(:func:`desktop.survey.loader.parse_survey`) checks a definition whatever it
came from: the shipped TOML, a workbook the secretariat edited, or a version
stored in the database. ``parse(to_data(d)) == d`` for every definition.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import replace
from typing import Any

from desktop.survey.definition import FieldDef, FieldKind, SurveyDefinition
from desktop.survey.loader import SHARING_OFF, SurveyDefinitionError, parse_survey


def _field(f: FieldDef) -> dict[str, Any]:
    out: dict[str, Any] = {"key": f.key, "label": f.label, "required": f.required, "kind": f.kind.value,
                           "guidance": list(f.guidance)}
    if f.max_length is not None:
        out["max_length"] = f.max_length
    if f.carry_over != (f.kind is not FieldKind.RESULTS):
        out["carry_over"] = f.carry_over
    if f.aliases:
        out["aliases"] = list(f.aliases)
    if f.internal:
        out["internal"] = True
    if f.previous_keys:
        out["previous_keys"] = list(f.previous_keys)
    return out


def definition_to_data(d: SurveyDefinition) -> dict[str, Any]:
    """The TOML-shaped tables of a definition (what parse_survey reads back to an equal definition)."""
    head: dict[str, Any] = {
        "key": d.key, "title": d.title, "result_title": d.result_title, "strategy": d.strategy,
        "issuer": d.issuer, "title_field": d.title_field, "public_placeholder": d.public_placeholder,
        "areas_label": d.areas_label, "internal_attributes": list(d.internal_attributes),
    }
    if d.source:
        head["source"] = d.source
    if d.issues_field:
        head["issues_field"] = d.issues_field
    if d.ministries:
        head["ministries"] = list(d.ministries)
    review = d.review
    review_data: dict[str, Any] = {
        "published_status": review.published_status.value,
        "returned_status": review.returned_status.value,
        "roles": dict(review.role_labels),
        "evaluation_label": review.evaluation_label,
        "evaluation_comment_label": review.evaluation_comment_label,
        "transition": [{"from": [t.source.value], "to": t.target.value, "roles": list(t.roles),
                        "reason_required": t.reason_required} for t in review.transitions],
    }
    if review.evaluation_scale:
        review_data["evaluation"] = list(review.evaluation_scale)
    if review.locked:
        review_data["locked"] = [status.value for status in review.locked]
    out: dict[str, Any] = {
        "survey": head,
        "column_aliases": {key: list(names) for key, names in d.column_aliases},
        "field": [_field(f) for f in d.fields],
        "review": review_data,
        "classification": [
            {"code": g.code, "label": g.label,
             "choice": [{"code": c.code, "label": c.label, **({"description": c.description} if c.description else {})}
                        for c in g.choices]}
            for g in d.classification_groups],
        "area_tier": [{"code": t.code, "label": t.label,
                       "areas": [{"code": a.code, "label": a.label} for a in t.areas]} for t in d.area_tiers],
    }
    sharing = _sharing(d)
    if sharing:    # absent when off and unworded: definitions stored before [sharing] keep their hash
        out["sharing"] = sharing
    return out


def _sharing(d: SurveyDefinition) -> dict[str, Any]:
    s = d.sharing
    if not s.enabled and not s.label and not s.guidance:
        return {}
    out: dict[str, Any] = {"public_parts": s.public_parts.value if s.public_parts else SHARING_OFF}
    if s.label:
        out["label"] = s.label
    if s.guidance:
        out["guidance"] = list(s.guidance)
    return out


def definition_to_json(d: SurveyDefinition) -> str:
    """The stored text: canonical (the order to_data gives), so equal definitions store equal text."""
    return json.dumps(definition_to_data(d), ensure_ascii=False, separators=(",", ":"))


def content_hash(d: SurveyDefinition) -> str:
    return hashlib.sha256(definition_to_json(d).encode("utf-8")).hexdigest()


def definition_from_json(text: str, where: str, version: int = 1) -> SurveyDefinition:
    """A stored definition (``where`` names it in messages); SurveyDefinitionError if it is not one."""
    try:
        data = json.loads(text)
    except ValueError as exc:
        raise SurveyDefinitionError(where, "(data)", f"読み取れません: {exc}") from None
    if not isinstance(data, dict):
        raise SurveyDefinitionError(where, "(data)", "表（オブジェクト）ではありません")
    return replace(parse_survey(where, data), version=version, path="")


__all__ = ["content_hash", "definition_from_json", "definition_to_data", "definition_to_json"]
