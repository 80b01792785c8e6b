"""Simulated citizens: a citizen may have no account and a temperament instead; a round has a
seed for its society and the time its society has acted up to.

Revision ID: c3e7a9d1f5b2
Revises: b9d2f6a4c8e1
Create Date: 2026-11-28 05:10:00.000000

"""
import sqlalchemy as sa
from alembic import op


# revision identifiers, used by Alembic.
revision = 'c3e7a9d1f5b2'
down_revision = 'b9d2f6a4c8e1'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('citizen', schema=None) as batch_op:
        batch_op.alter_column('user_id', existing_type=sa.Integer(), nullable=True)
        batch_op.add_column(sa.Column('temperament', sa.String(length=16), nullable=True))
    with op.batch_alter_table('round', schema=None) as batch_op:
        batch_op.add_column(sa.Column('seed', sa.Integer(), nullable=False, server_default='0'))
        batch_op.add_column(sa.Column('simulated_at', sa.DateTime(), nullable=True))


def downgrade():
    simulated = "SELECT id FROM citizen WHERE user_id IS NULL"
    op.execute(f"DELETE FROM standing WHERE citizen_id IN ({simulated})")
    op.execute(f"DELETE FROM event WHERE citizen_id IN ({simulated})")
    op.execute(
        f"DELETE FROM friendship WHERE citizen_id IN ({simulated}) OR friend_id IN ({simulated})"
    )
    op.execute("DELETE FROM citizen WHERE user_id IS NULL")
    with op.batch_alter_table('round', schema=None) as batch_op:
        batch_op.drop_column('simulated_at')
        batch_op.drop_column('seed')
    with op.batch_alter_table('citizen', schema=None) as batch_op:
        batch_op.drop_column('temperament')
        batch_op.alter_column('user_id', existing_type=sa.Integer(), nullable=False)
