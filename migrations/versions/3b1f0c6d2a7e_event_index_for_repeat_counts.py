"""An index for how often a citizen acted on one item: repeat counts without a scan.

Revision ID: 3b1f0c6d2a7e
Revises: e994e160a6ee
Create Date: 2026-11-27 16:40:00.000000

"""
from alembic import op


# revision identifiers, used by Alembic.
revision = '3b1f0c6d2a7e'
down_revision = 'e994e160a6ee'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('event', schema=None) as batch_op:
        batch_op.create_index(
            'ix_event_citizen_item', ['citizen_id', 'action', 'item', 'track'], unique=False
        )


def downgrade():
    with op.batch_alter_table('event', schema=None) as batch_op:
        batch_op.drop_index('ix_event_citizen_item')
