"""The secretariat's review: status history, comments, evaluations, stable 施策番号

Revision ID: 0008
Revises: 0007k
Create Date: 2026-12-03 11:00:00

* ``status_changes``: every move of a sheet in the review cycle (who, as
  which role, when, from, to, reason). Existing sheets get one row with
  their status as this migration found it (from NULL, actor empty), so every
  sheet has a history that starts somewhere.
* ``comments``: review comments anchored on a part (``field:content``) and
  optionally a quoted passage; replies point at their parent; 解決済 flag.
* ``evaluations``: the secretariat's grade and comment per sheet.
* ``measure_numbers``: the 施策番号 of a sheet in its year, assigned once.
"""
import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007k"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "status_changes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("sheet_id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("actor", sa.String(length=200), nullable=False),
        sa.Column("role", sa.String(length=50), nullable=False),
        sa.Column("from_status", sa.String(length=20), nullable=True),
        sa.Column("to_status", sa.String(length=20), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["sheet_id"], ["sheets.id"], name=op.f("fk_status_changes_sheet_id_sheets"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_status_changes")),
    )
    op.create_index("ix_status_changes_sheet_at", "status_changes", ["sheet_id", "id"], unique=False)
    op.create_table(
        "comments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("sheet_id", sa.Integer(), nullable=False),
        sa.Column("parent_id", sa.Integer(), nullable=True),
        sa.Column("part", sa.String(length=200), nullable=False),
        sa.Column("quote", sa.Text(), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("author", sa.String(length=200), nullable=False),
        sa.Column("role", sa.String(length=50), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("resolved", sa.Boolean(), nullable=False),
        sa.Column("resolved_by", sa.String(length=200), nullable=True),
        sa.Column("resolved_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(["parent_id"], ["comments.id"], name=op.f("fk_comments_parent_id_comments"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["sheet_id"], ["sheets.id"], name=op.f("fk_comments_sheet_id_sheets"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_comments")),
    )
    op.create_index(op.f("ix_comments_sheet_id"), "comments", ["sheet_id"], unique=False)
    op.create_index(op.f("ix_comments_parent_id"), "comments", ["parent_id"], unique=False)
    op.create_table(
        "evaluations",
        sa.Column("sheet_id", sa.Integer(), nullable=False),
        sa.Column("grade", sa.String(length=50), nullable=False),
        sa.Column("comment", sa.Text(), nullable=False),
        sa.Column("author", sa.String(length=200), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["sheet_id"], ["sheets.id"], name=op.f("fk_evaluations_sheet_id_sheets"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("sheet_id", name=op.f("pk_evaluations")),
    )
    op.create_table(
        "measure_numbers",
        sa.Column("sheet_id", sa.Integer(), nullable=False),
        sa.Column("survey_id", sa.Integer(), nullable=False),
        sa.Column("fiscal_year", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("assigned_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["sheet_id"], ["sheets.id"], name=op.f("fk_measure_numbers_sheet_id_sheets"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["survey_id"], ["surveys.id"], name=op.f("fk_measure_numbers_survey_id_surveys"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("sheet_id", name=op.f("pk_measure_numbers")),
        sa.UniqueConstraint("survey_id", "fiscal_year", "number", name=op.f("uq_measure_numbers_survey_id")),
    )
    op.execute(
        "INSERT INTO status_changes (sheet_id, at, actor, role, from_status, to_status, reason) "
        "SELECT id, updated_at, '', '', NULL, status, '' FROM sheets")


def downgrade() -> None:
    op.drop_table("measure_numbers")
    op.drop_table("evaluations")
    op.drop_index(op.f("ix_comments_parent_id"), table_name="comments")
    op.drop_index(op.f("ix_comments_sheet_id"), table_name="comments")
    op.drop_table("comments")
    op.drop_index("ix_status_changes_sheet_at", table_name="status_changes")
    op.drop_table("status_changes")
