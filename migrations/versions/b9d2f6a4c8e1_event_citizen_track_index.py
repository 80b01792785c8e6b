"""Indexes for a citizen's events in order, all of them or on one track: the dashboard's latest
entries and chart without a sort.

Revision ID: b9d2f6a4c8e1
Revises: a8e4f0b2c6d1
Create Date: 2026-11-28 05:10:00.000000

"""
from alembic import op


# revision identifiers, used by Alembic.
revision = 'b9d2f6a4c8e1'
down_revision = 'a8e4f0b2c6d1'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('event', schema=None) as batch_op:
        batch_op.create_index('ix_event_citizen', ['citizen_id', 'id'], unique=False)
        batch_op.create_index('ix_event_citizen_track', ['citizen_id', 'track', 'id'], unique=False)


def downgrade():
    with op.batch_alter_table('event', schema=None) as batch_op:
        batch_op.drop_index('ix_event_citizen_track')
        batch_op.drop_index('ix_event_citizen')
