"""Accounts carry a session counter; the throttles count in a table every worker shares.

Revision ID: c4d8e2f1a6b3
Revises: b7c3e1a9d204
Create Date: 2026-11-28 01:40:00.000000

"""
import sqlalchemy as sa
from alembic import op


# revision identifiers, used by Alembic.
revision = 'c4d8e2f1a6b3'
down_revision = 'b7c3e1a9d204'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('user', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column('session_version', sa.Integer(), nullable=False, server_default='0')
        )
    op.create_table(
        'rate_limit',
        sa.Column('key', sa.Text(), nullable=False),
        sa.Column('count', sa.Integer(), nullable=False),
        sa.Column('expires_at', sa.Float(), nullable=False),
        sa.PrimaryKeyConstraint('key', name=op.f('pk_rate_limit')),
    )
    op.create_index(op.f('ix_rate_limit_expires_at'), 'rate_limit', ['expires_at'], unique=False)


def downgrade():
    op.drop_index(op.f('ix_rate_limit_expires_at'), table_name='rate_limit')
    op.drop_table('rate_limit')
    with op.batch_alter_table('user', schema=None) as batch_op:
        batch_op.drop_column('session_version')
