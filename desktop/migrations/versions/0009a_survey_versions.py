"""Survey definitions stored in the database, versioned; each sheet records its version

Revision ID: 0009a
Revises: 0008
Create Date: 2026-12-03 12:45:00

* ``survey_versions``: one row per version of a survey's definition (the
  definition's tables as JSON, survey/definition_data.py), so a shared server
  carries the format with the sheets and a revised format is a new version.
* ``sheets.survey_version``: the version a sheet is filled in. Existing sheets
  get 1, and every survey already in the database gets the definition shipped
  with this release as its version 1 (a survey key the release does not ship
  gets none; the app then reads it from the shipped files as before).
"""
import hashlib
from datetime import datetime, timezone

import sqlalchemy as sa
from alembic import op

revision = "0009a"
down_revision = "0008"
branch_labels = None
depends_on = None


def _shipped() -> dict:
    """key → (title, JSON text) of the definitions shipped in resources/surveys/."""
    from desktop.survey.definition_data import definition_to_json
    from desktop.survey.loader import available_surveys

    return {d.key: (d.title, definition_to_json(d)) for d in available_surveys()}


def upgrade() -> None:
    op.create_table(
        "survey_versions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("survey_id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("definition", sa.Text(), nullable=False),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("origin", sa.String(length=20), nullable=False),
        sa.Column("created_by", sa.String(length=200), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["survey_id"], ["surveys.id"], name=op.f("fk_survey_versions_survey_id_surveys"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_survey_versions")),
        sa.UniqueConstraint("survey_id", "version", name=op.f("uq_survey_versions_survey_id")),
    )
    with op.batch_alter_table("sheets") as batch:
        batch.add_column(sa.Column("survey_version", sa.Integer(), nullable=False, server_default="1"))
    conn = op.get_bind()
    shipped = _shipped()
    versions = sa.table("survey_versions", *(sa.column(c) for c in (
        "survey_id", "version", "title", "definition", "content_hash", "origin", "created_by", "created_at")))
    now = datetime.now(timezone.utc).replace(tzinfo=None)
    rows = []
    for survey_id, key in conn.execute(sa.text("SELECT id, key FROM surveys ORDER BY id")):
        if key in shipped:
            title, text = shipped[key]
            rows.append({"survey_id": survey_id, "version": 1, "title": title, "definition": text,
                         "content_hash": hashlib.sha256(text.encode("utf-8")).hexdigest(), "origin": "shipped",
                         "created_by": "", "created_at": now})
    for row in rows:
        op.execute(versions.insert().values(**row))


def downgrade() -> None:
    with op.batch_alter_table("sheets") as batch:
        batch.drop_column("survey_version")
    op.drop_table("survey_versions")
