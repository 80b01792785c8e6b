"""New classes hide pseudonyms on the projector's ticker unless the instructor shows them.

Revision ID: f2a7c9e4b1d8
Revises: c4d8e2f1a6b3
Create Date: 2026-11-28 01:50:00.000000

"""
import sqlalchemy as sa
from alembic import op


# revision identifiers, used by Alembic.
revision = 'f2a7c9e4b1d8'
down_revision = 'c4d8e2f1a6b3'
branch_labels = None
depends_on = None


def upgrade():
    # only the default changes: a class that chose to show names keeps its choice
    with op.batch_alter_table('classroom', schema=None) as batch_op:
        batch_op.alter_column(
            'show_names', existing_type=sa.Boolean(), existing_nullable=False,
            server_default=sa.false(),
        )


def downgrade():
    with op.batch_alter_table('classroom', schema=None) as batch_op:
        batch_op.alter_column(
            'show_names', existing_type=sa.Boolean(), existing_nullable=False,
            server_default=sa.true(),
        )
