"""initial schema

Revision ID: 0001
Revises:
Create Date: 2026-11-23 00:57:54.873497
"""
from alembic import op
import sqlalchemy as sa


revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('documents',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('file_name', sa.String(length=300), nullable=False),
    sa.Column('title', sa.Text(), nullable=False),
    sa.Column('issuer', sa.Text(), nullable=False),
    sa.Column('issued', sa.String(length=50), nullable=False),
    sa.Column('origin', sa.String(length=20), nullable=False),
    sa.Column('content_hash', sa.String(length=64), nullable=False),
    sa.Column('added_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_documents')),
    sa.UniqueConstraint('file_name', name=op.f('uq_documents_file_name'))
    )
    op.create_table('surveys',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=100), nullable=False),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_surveys')),
    sa.UniqueConstraint('key', name=op.f('uq_surveys_key'))
    )
    op.create_table('fiscal_years',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('survey_id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['survey_id'], ['surveys.id'], name=op.f('fk_fiscal_years_survey_id_surveys'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_fiscal_years')),
    sa.UniqueConstraint('survey_id', 'year', name=op.f('uq_fiscal_years_survey_id'))
    )
    op.create_table('passages',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('document_id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=100), nullable=False),
    sa.Column('ordinal', sa.Integer(), nullable=False),
    sa.Column('heading_path', sa.Text(), nullable=False),
    sa.Column('line_start', sa.Integer(), nullable=False),
    sa.Column('line_end', sa.Integer(), nullable=False),
    sa.Column('page', sa.Integer(), nullable=True),
    sa.Column('text', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['document_id'], ['documents.id'], name=op.f('fk_passages_document_id_documents'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_passages')),
    sa.UniqueConstraint('document_id', 'key', name=op.f('uq_passages_document_id'))
    )
    with op.batch_alter_table('passages', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_passages_document_id'), ['document_id'], unique=False)

    op.create_table('sheets',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('survey_id', sa.Integer(), nullable=False),
    sa.Column('fiscal_year', sa.Integer(), nullable=False),
    sa.Column('ministry', sa.String(length=100), nullable=False),
    sa.Column('bureau', sa.String(length=200), nullable=False),
    sa.Column('person', sa.String(length=200), nullable=False),
    sa.Column('contact', sa.String(length=300), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('classification', sa.String(length=50), nullable=True),
    sa.Column('title', sa.Text(), nullable=False),
    sa.Column('is_sample', sa.Boolean(), nullable=False),
    sa.Column('predecessor_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['predecessor_id'], ['sheets.id'], name=op.f('fk_sheets_predecessor_id_sheets'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['survey_id', 'fiscal_year'], ['fiscal_years.survey_id', 'fiscal_years.year'], name='fk_sheets_fiscal_year'),
    sa.ForeignKeyConstraint(['survey_id'], ['surveys.id'], name=op.f('fk_sheets_survey_id_surveys')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sheets'))
    )
    with op.batch_alter_table('sheets', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_sheets_classification'), ['classification'], unique=False)
        batch_op.create_index(batch_op.f('ix_sheets_status'), ['status'], unique=False)
        batch_op.create_index(batch_op.f('ix_sheets_updated_at'), ['updated_at'], unique=False)
        batch_op.create_index('ix_sheets_year_ministry', ['survey_id', 'fiscal_year', 'ministry'], unique=False)

    op.create_table('citations',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('sheet_id', sa.Integer(), nullable=False),
    sa.Column('field_key', sa.String(length=100), nullable=False),
    sa.Column('position', sa.Integer(), nullable=True),
    sa.Column('position_order', sa.Integer(), nullable=False),
    sa.Column('passage_id', sa.Integer(), nullable=True),
    sa.Column('quoted_text', sa.Text(), nullable=False),
    sa.Column('locator', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['passage_id'], ['passages.id'], name=op.f('fk_citations_passage_id_passages'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['sheet_id'], ['sheets.id'], name=op.f('fk_citations_sheet_id_sheets'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_citations'))
    )
    with op.batch_alter_table('citations', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_citations_passage_id'), ['passage_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_citations_sheet_id'), ['sheet_id'], unique=False)

    op.create_table('items',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('sheet_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('title', sa.Text(), nullable=False),
    sa.Column('plan_text', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['sheet_id'], ['sheets.id'], name=op.f('fk_items_sheet_id_sheets'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_items'))
    )
    with op.batch_alter_table('items', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_items_sheet_id'), ['sheet_id'], unique=False)

    op.create_table('revisions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('sheet_id', sa.Integer(), nullable=False),
    sa.Column('sheet_version', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.Column('author', sa.String(length=200), nullable=False),
    sa.Column('field', sa.String(length=200), nullable=False),
    sa.Column('old_value', sa.Text(), nullable=True),
    sa.Column('new_value', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['sheet_id'], ['sheets.id'], name=op.f('fk_revisions_sheet_id_sheets'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_revisions'))
    )
    with op.batch_alter_table('revisions', schema=None) as batch_op:
        batch_op.create_index('ix_revisions_sheet_at', ['sheet_id', 'id'], unique=False)

    op.create_table('sheet_areas',
    sa.Column('sheet_id', sa.Integer(), nullable=False),
    sa.Column('area_code', sa.String(length=100), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['sheet_id'], ['sheets.id'], name=op.f('fk_sheet_areas_sheet_id_sheets'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('sheet_id', 'area_code', name=op.f('pk_sheet_areas'))
    )
    op.create_table('sheet_fields',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('sheet_id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=100), nullable=False),
    sa.Column('value', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['sheet_id'], ['sheets.id'], name=op.f('fk_sheet_fields_sheet_id_sheets'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sheet_fields')),
    sa.UniqueConstraint('sheet_id', 'key', name=op.f('uq_sheet_fields_sheet_id'))
    )
    op.create_table('kpis',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('item_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('horizon', sa.String(length=20), nullable=True),
    sa.Column('quantitative', sa.Boolean(), nullable=False),
    sa.Column('indicator', sa.Text(), nullable=False),
    sa.Column('unit', sa.String(length=100), nullable=False),
    sa.Column('direction', sa.String(length=10), nullable=False),
    sa.Column('baseline_value', sa.String(length=100), nullable=True),
    sa.Column('baseline_year', sa.Integer(), nullable=True),
    sa.Column('target_value', sa.String(length=100), nullable=True),
    sa.Column('target_year', sa.Integer(), nullable=True),
    sa.Column('data_source', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['item_id'], ['items.id'], name=op.f('fk_kpis_item_id_items'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_kpis'))
    )
    with op.batch_alter_table('kpis', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_kpis_item_id'), ['item_id'], unique=False)

    op.create_table('kpi_actuals',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kpi_id', sa.Integer(), nullable=False),
    sa.Column('fiscal_year', sa.Integer(), nullable=False),
    sa.Column('value', sa.String(length=100), nullable=True),
    sa.ForeignKeyConstraint(['kpi_id'], ['kpis.id'], name=op.f('fk_kpi_actuals_kpi_id_kpis'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_kpi_actuals')),
    sa.UniqueConstraint('kpi_id', 'fiscal_year', name=op.f('uq_kpi_actuals_kpi_id'))
    )
    op.create_table('marks',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('sheet_id', sa.Integer(), nullable=False),
    sa.Column('field_key', sa.String(length=100), nullable=True),
    sa.Column('start', sa.Integer(), nullable=True),
    sa.Column('end', sa.Integer(), nullable=True),
    sa.Column('kpi_id', sa.Integer(), nullable=True),
    sa.Column('citation_id', sa.Integer(), nullable=True),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['citation_id'], ['citations.id'], name=op.f('fk_marks_citation_id_citations'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['kpi_id'], ['kpis.id'], name=op.f('fk_marks_kpi_id_kpis'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['sheet_id'], ['sheets.id'], name=op.f('fk_marks_sheet_id_sheets'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_marks'))
    )
    with op.batch_alter_table('marks', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_marks_sheet_id'), ['sheet_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('marks', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_marks_sheet_id'))

    op.drop_table('marks')
    op.drop_table('kpi_actuals')
    with op.batch_alter_table('kpis', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_kpis_item_id'))

    op.drop_table('kpis')
    op.drop_table('sheet_fields')
    op.drop_table('sheet_areas')
    with op.batch_alter_table('revisions', schema=None) as batch_op:
        batch_op.drop_index('ix_revisions_sheet_at')

    op.drop_table('revisions')
    with op.batch_alter_table('items', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_items_sheet_id'))

    op.drop_table('items')
    with op.batch_alter_table('citations', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_citations_sheet_id'))
        batch_op.drop_index(batch_op.f('ix_citations_passage_id'))

    op.drop_table('citations')
    with op.batch_alter_table('sheets', schema=None) as batch_op:
        batch_op.drop_index('ix_sheets_year_ministry')
        batch_op.drop_index(batch_op.f('ix_sheets_updated_at'))
        batch_op.drop_index(batch_op.f('ix_sheets_status'))
        batch_op.drop_index(batch_op.f('ix_sheets_classification'))

    op.drop_table('sheets')
    with op.batch_alter_table('passages', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_passages_document_id'))

    op.drop_table('passages')
    op.drop_table('fiscal_years')
    op.drop_table('surveys')
    op.drop_table('documents')
