"""Initial schema: accounts, classrooms, rounds, citizens, standings and the ledger.

Revision ID: 80795693a740
Revises: 
Create Date: 2026-11-27 11:33:50.911210

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '80795693a740'
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('classroom',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=80), nullable=False),
    sa.Column('join_code', sa.String(length=8), nullable=False),
    sa.Column('owner_id', sa.Integer(), nullable=True),
    sa.Column('is_open', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_classroom')),
    sa.UniqueConstraint('join_code', name=op.f('uq_classroom_join_code'))
    )
    op.create_table('round',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('classroom_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('world', sa.String(length=16), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('ended_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['classroom_id'], ['classroom.id'], name=op.f('fk_round_classroom_id_classroom')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_round')),
    sa.UniqueConstraint('classroom_id', 'number', name=op.f('uq_round_classroom_id_number'))
    )
    op.create_table('user',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('username', sa.String(length=24), nullable=False),
    sa.Column('password_hash', sa.String(length=255), nullable=True),
    sa.Column('role', sa.String(length=16), nullable=False),
    sa.Column('classroom_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['classroom_id'], ['classroom.id'], name=op.f('fk_user_classroom_id_classroom')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_user')),
    sa.UniqueConstraint('username', name=op.f('uq_user_username'))
    )
    # classroom and user refer to each other: the owner's key is added once both exist.
    with op.batch_alter_table('classroom', schema=None) as batch_op:
        batch_op.create_foreign_key(op.f('fk_classroom_owner_id_user'), 'user', ['owner_id'], ['id'])
    op.create_table('citizen',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('round_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('display_name', sa.String(length=40), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('kicked_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['round_id'], ['round.id'], name=op.f('fk_citizen_round_id_round')),
    sa.ForeignKeyConstraint(['user_id'], ['user.id'], name=op.f('fk_citizen_user_id_user')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_citizen')),
    sa.UniqueConstraint('round_id', 'display_name', name=op.f('uq_citizen_round_id_display_name')),
    sa.UniqueConstraint('round_id', 'user_id', name=op.f('uq_citizen_round_id_user_id'))
    )
    op.create_table('event',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('citizen_id', sa.Integer(), nullable=False),
    sa.Column('round_id', sa.Integer(), nullable=False),
    sa.Column('track', sa.String(length=24), nullable=False),
    sa.Column('action', sa.String(length=24), nullable=False),
    sa.Column('item', sa.String(length=64), nullable=True),
    sa.Column('delta', sa.Integer(), nullable=False),
    sa.Column('actor', sa.String(length=16), nullable=False),
    sa.Column('reason', sa.String(length=200), nullable=False),
    sa.Column('note', sa.String(length=280), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('idempotency_key', sa.String(length=100), nullable=True),
    sa.ForeignKeyConstraint(['citizen_id'], ['citizen.id'], name=op.f('fk_event_citizen_id_citizen')),
    sa.ForeignKeyConstraint(['round_id'], ['round.id'], name=op.f('fk_event_round_id_round')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_event')),
    sa.UniqueConstraint('idempotency_key', name=op.f('uq_event_idempotency_key'))
    )
    with op.batch_alter_table('event', schema=None) as batch_op:
        batch_op.create_index('ix_event_citizen_action', ['citizen_id', 'action', 'created_at'], unique=False)
        batch_op.create_index('ix_event_round', ['round_id', 'id'], unique=False)

    op.create_table('standing',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('citizen_id', sa.Integer(), nullable=False),
    sa.Column('track', sa.String(length=24), nullable=False),
    sa.Column('baseline', sa.Integer(), nullable=False),
    sa.Column('value', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['citizen_id'], ['citizen.id'], name=op.f('fk_standing_citizen_id_citizen')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_standing')),
    sa.UniqueConstraint('citizen_id', 'track', name=op.f('uq_standing_citizen_id_track'))
    )


def downgrade():
    op.drop_table('standing')
    with op.batch_alter_table('event', schema=None) as batch_op:
        batch_op.drop_index('ix_event_round')
        batch_op.drop_index('ix_event_citizen_action')

    op.drop_table('event')
    op.drop_table('citizen')
    with op.batch_alter_table('classroom', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('fk_classroom_owner_id_user'), type_='foreignkey')
    op.drop_table('user')
    op.drop_table('round')
    op.drop_table('classroom')
