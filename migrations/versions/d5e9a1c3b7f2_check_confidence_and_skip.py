"""The true-or-myth check asks how sure each answer is; a player may skip the second check.

Revision ID: d5e9a1c3b7f2
Revises: f2a7c9e4b1d8
Create Date: 2026-11-28 01:30:00.000000

"""
import sqlalchemy as sa
from alembic import op


# revision identifiers, used by Alembic.
revision = 'd5e9a1c3b7f2'
down_revision = 'f2a7c9e4b1d8'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('check_answer', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column('confidence', sa.Integer(), nullable=False, server_default='0')
        )
    op.create_table(
        'check_skip',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('citizen_id', sa.Integer(), nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ['citizen_id'], ['citizen.id'], name=op.f('fk_check_skip_citizen_id_citizen')
        ),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_check_skip')),
        sa.UniqueConstraint('citizen_id', name=op.f('uq_check_skip_citizen_id')),
    )


def downgrade():
    op.drop_table('check_skip')
    with op.batch_alter_table('check_answer', schema=None) as batch_op:
        batch_op.drop_column('confidence')
