"""KPI targets that mean what they say: a qualifier (以上・以内…) and a kind (水準・増加幅・削減率・倍率)

Revision ID: 0007k
Revises: 0006
Create Date: 2026-12-03 11:00:00

Two columns on ``kpis``: ``qualifier`` (NULL: none) and ``target_kind``
("level" for every existing KPI). Existing KPIs keep their direction. A
target typed as text that says its qualifier (「4位以内」「100以上」「約30」,
optionally with the KPI's own unit) is split into the number and the
qualifier, and 以下・以内・未満 set the direction to 下向き, because that is
what the old text said and what progress must now follow; any other text is
left exactly as it was. The downgrade writes qualifier and kind back into the
target text, so nothing a person typed is lost either way.
"""
import re
import unicodedata

import sqlalchemy as sa
from alembic import op

revision = "0007k"
down_revision = "0006"
branch_labels = None
depends_on = None

# Frozen here on purpose: the migration must read old data the same way forever.
_SUFFIXES = {"以上": "at_least", "超": "above", "以下": "at_most", "以内": "within", "未満": "below",
             "程度": "around"}
_LABELS = {v: k for k, v in _SUFFIXES.items()} | {"about": "約"}
_DOWN = {"at_most", "within", "below"}
_NUMBER = re.compile(r"^[+-]?\d+(?:\.\d+)?$")


def _split(target: str, unit: str) -> tuple[str, str] | None:
    """(number, qualifier code) of a target text such as 「4位以内」, or None if it is not one."""
    text = unicodedata.normalize("NFKC", target).strip().replace(",", "")
    qualifier = None
    if text.startswith("約"):
        text, qualifier = text[1:].strip(), "about"
    else:
        for suffix, code in _SUFFIXES.items():
            if text.endswith(suffix):
                text, qualifier = text[: -len(suffix)].strip(), code
                break
    if qualifier is None:
        return None
    unit_form = unicodedata.normalize("NFKC", unit or "").strip()
    if unit_form and text.endswith(unit_form):
        text = text[: -len(unit_form)].strip()
    return (text, qualifier) if _NUMBER.match(text) else None


def upgrade() -> None:
    with op.batch_alter_table("kpis", schema=None) as batch_op:
        batch_op.add_column(sa.Column("qualifier", sa.String(length=20), nullable=True))
        batch_op.add_column(sa.Column("target_kind", sa.String(length=20), nullable=False, server_default="level"))
    bind = op.get_bind()
    rows = bind.execute(sa.text("SELECT id, target_value, unit, direction FROM kpis "
                                "WHERE target_value IS NOT NULL")).all()
    updates = []
    for kid, target, unit, direction in rows:
        split = _split(target, unit)
        if split is None:
            continue
        number, qualifier = split
        updates.append({"id": kid, "t": number, "q": qualifier,
                        "d": "down" if qualifier in _DOWN else direction})
    if updates:
        bind.execute(sa.text("UPDATE kpis SET target_value = :t, qualifier = :q, direction = :d WHERE id = :id"),
                     updates)


def _phrase(target: str, qualifier: str | None, kind: str) -> str:
    text = target
    if kind == "increase":
        text = text if text[:1] in "+-" else "+" + text
    elif kind == "reduction":
        text += "%削減"
    elif kind == "multiple":
        text += "倍"
    if qualifier == "about":
        return "約" + text
    return text + _LABELS.get(qualifier, "") if qualifier else text


def downgrade() -> None:
    bind = op.get_bind()
    rows = bind.execute(sa.text("SELECT id, target_value, qualifier, target_kind FROM kpis WHERE target_value IS NOT NULL "
                                "AND (qualifier IS NOT NULL OR target_kind <> 'level')")).all()
    updates = [{"id": kid, "t": _phrase(target, qualifier, kind)[:100]} for kid, target, qualifier, kind in rows]
    if updates:
        bind.execute(sa.text("UPDATE kpis SET target_value = :t WHERE id = :id"), updates)
    with op.batch_alter_table("kpis", schema=None) as batch_op:
        batch_op.drop_column("target_kind")
        batch_op.drop_column("qualifier")
