"""Where each field of a sheet goes when next year's sheet is made in a newer version of the survey.

Fields are matched by key; a field of the new version whose 旧名
(``previous_keys``) names an old field takes that field's text (renamed); a
new field starts empty; an old field the new version does not have is
removed from the form, but its text is kept on the sheet under its old key
(shown in the editor as a field of an earlier version, never printed in the
public report) so nothing a ministry wrote is lost. The new-year run shows
this map as its preview before anything is written.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from desktop.survey.definition import FieldDef, SurveyDefinition


class Move(str, Enum):
    SAME = "same"                # same key: carried (or started empty if the new version says so)
    RENAMED = "renamed"          # the new field's 旧名 is the old key: text, marks and citations move
    NEW = "new"                  # only in the new version: starts empty
    REMOVED = "removed"          # only in the old version: text kept under the old key, not on the form
    NOT_CARRIED = "not_carried"  # in both, but the new version starts it empty each year (当年度の実績)

    @property
    def label(self) -> str:
        return {
            Move.SAME: "引き継ぐ",
            Move.RENAMED: "名称を変えて引き継ぐ",
            Move.NEW: "新しい項目（空欄）",
            Move.REMOVED: "廃止（本文は「前の版の項目」として残す）",
            Move.NOT_CARRIED: "引き継がない（毎年度記入）",
        }[self]


@dataclass(frozen=True)
class FieldMove:
    move: Move
    old_key: str | None
    old_label: str | None
    new_key: str | None
    new_label: str | None


def field_moves(old: SurveyDefinition, new: SurveyDefinition) -> tuple[FieldMove, ...]:
    """Every field of either version and what happens to it, in the new version's order, removed ones last."""
    moves = []
    matched: set[str] = set()
    for f in new.fields:
        source: FieldDef | None
        if old.has_field(f.key):
            source = old.field(f.key)
            move = Move.SAME if f.carry_over else Move.NOT_CARRIED
        else:
            source = next((old.field(k) for k in f.previous_keys if old.has_field(k)), None)
            move = (Move.RENAMED if f.carry_over else Move.NOT_CARRIED) if source else Move.NEW
        if source is not None:
            matched.add(source.key)
        moves.append(FieldMove(move, source.key if source else None, source.label if source else None,
                               f.key, f.label))
    moves += [FieldMove(Move.REMOVED, f.key, f.label, None, None) for f in old.fields if f.key not in matched]
    return tuple(moves)


def renames(old: SurveyDefinition, new: SurveyDefinition) -> dict[str, str]:
    """old key → new key of the fields the new version renamed."""
    return {m.old_key: m.new_key for m in field_moves(old, new)
            if m.old_key is not None and m.new_key is not None and m.old_key != m.new_key}


__all__ = ["FieldMove", "Move", "field_moves", "renames"]
