"""A class can be split in two halves that play the two worlds at the same time.

Revision ID: a8e4f0b2c6d1
Revises: d5e9a1c3b7f2
Create Date: 2026-11-28 02:20:00.000000

"""
import sqlalchemy as sa
from alembic import op


# revision identifiers, used by Alembic.
revision = 'a8e4f0b2c6d1'
down_revision = 'd5e9a1c3b7f2'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('classroom', schema=None) as batch_op:
        batch_op.add_column(sa.Column('twin_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f('fk_classroom_twin_id_classroom'), 'classroom', ['twin_id'], ['id']
        )


def downgrade():
    with op.batch_alter_table('classroom', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_classroom_twin_id_classroom'), type_='foreignkey')
        batch_op.drop_column('twin_id')
