"""Classrooms: settings, round revision, resume codes, invites

Revision ID: 6aed4a262f69
Revises: 80795693a740
Create Date: 2026-11-27 11:40:06.806915

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '6aed4a262f69'
down_revision = '80795693a740'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('invite',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('used_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['created_by_id'], ['user.id'], name=op.f('fk_invite_created_by_id_user')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_invite')),
    sa.UniqueConstraint('token_hash', name=op.f('uq_invite_token_hash'))
    )
    with op.batch_alter_table('classroom', schema=None) as batch_op:
        batch_op.add_column(sa.Column('banned_words', sa.Text(), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('show_names', sa.Boolean(), nullable=False, server_default=sa.true()))
        batch_op.add_column(sa.Column('show_blacklist', sa.Boolean(), nullable=False, server_default=sa.false()))

    with op.batch_alter_table('round', schema=None) as batch_op:
        batch_op.add_column(sa.Column('revision', sa.Integer(), nullable=False, server_default='0'))
        batch_op.add_column(sa.Column('purged_at', sa.DateTime(), nullable=True))

    with op.batch_alter_table('user', schema=None) as batch_op:
        batch_op.add_column(sa.Column('resume_hash', sa.String(length=64), nullable=True))
        batch_op.create_unique_constraint(batch_op.f('uq_user_resume_hash'), ['resume_hash'])



def downgrade():
    with op.batch_alter_table('user', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('uq_user_resume_hash'), type_='unique')
        batch_op.drop_column('resume_hash')

    with op.batch_alter_table('round', schema=None) as batch_op:
        batch_op.drop_column('purged_at')
        batch_op.drop_column('revision')

    with op.batch_alter_table('classroom', schema=None) as batch_op:
        batch_op.drop_column('show_blacklist')
        batch_op.drop_column('show_names')
        batch_op.drop_column('banned_words')

    op.drop_table('invite')
