"""A classroom can close joining, and shows times in its own time zone.

Revision ID: b7c3e1a9d204
Revises: 3b1f0c6d2a7e
Create Date: 2026-11-28 01:20:00.000000

"""
import sqlalchemy as sa
from alembic import op


# revision identifiers, used by Alembic.
revision = 'b7c3e1a9d204'
down_revision = '3b1f0c6d2a7e'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('classroom', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column('joining_open', sa.Boolean(), nullable=False, server_default=sa.true())
        )
        batch_op.add_column(
            sa.Column('time_zone', sa.String(length=64), nullable=False, server_default='UTC')
        )


def downgrade():
    with op.batch_alter_table('classroom', schema=None) as batch_op:
        batch_op.drop_column('time_zone')
        batch_op.drop_column('joining_open')
