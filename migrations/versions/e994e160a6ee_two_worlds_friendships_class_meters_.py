"""Two worlds: friendships, class meters, debrief guesses, checks

Revision ID: e994e160a6ee
Revises: 6aed4a262f69
Create Date: 2026-11-27 11:53:27.126442

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'e994e160a6ee'
down_revision = '6aed4a262f69'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('meter_event',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('round_id', sa.Integer(), nullable=False),
    sa.Column('meter', sa.String(length=24), nullable=False),
    sa.Column('delta', sa.Integer(), nullable=False),
    sa.Column('actor', sa.String(length=16), nullable=False),
    sa.Column('reason', sa.String(length=200), nullable=False),
    sa.Column('headline', sa.String(length=120), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['round_id'], ['round.id'], name=op.f('fk_meter_event_round_id_round')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_meter_event'))
    )
    with op.batch_alter_table('meter_event', schema=None) as batch_op:
        batch_op.create_index('ix_meter_event_round', ['round_id', 'id'], unique=False)

    op.create_table('round_meter',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('round_id', sa.Integer(), nullable=False),
    sa.Column('meter', sa.String(length=24), nullable=False),
    sa.Column('baseline', sa.Integer(), nullable=False),
    sa.Column('value', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['round_id'], ['round.id'], name=op.f('fk_round_meter_round_id_round')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_round_meter')),
    sa.UniqueConstraint('round_id', 'meter', name=op.f('uq_round_meter_round_id_meter'))
    )
    op.create_table('check_answer',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('citizen_id', sa.Integer(), nullable=False),
    sa.Column('phase', sa.String(length=8), nullable=False),
    sa.Column('statement', sa.String(length=40), nullable=False),
    sa.Column('answer', sa.Boolean(), nullable=False),
    sa.Column('correct', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['citizen_id'], ['citizen.id'], name=op.f('fk_check_answer_citizen_id_citizen')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_check_answer')),
    sa.UniqueConstraint('citizen_id', 'phase', 'statement', name=op.f('uq_check_answer_citizen_id_phase_statement'))
    )
    op.create_table('friendship',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('citizen_id', sa.Integer(), nullable=False),
    sa.Column('friend_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['citizen_id'], ['citizen.id'], name=op.f('fk_friendship_citizen_id_citizen')),
    sa.ForeignKeyConstraint(['friend_id'], ['citizen.id'], name=op.f('fk_friendship_friend_id_citizen')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_friendship')),
    sa.UniqueConstraint('citizen_id', 'friend_id', name=op.f('uq_friendship_citizen_id_friend_id'))
    )
    op.create_table('guess',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('citizen_id', sa.Integer(), nullable=False),
    sa.Column('choice', sa.String(length=24), nullable=False),
    sa.Column('text', sa.String(length=280), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['citizen_id'], ['citizen.id'], name=op.f('fk_guess_citizen_id_citizen')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_guess')),
    sa.UniqueConstraint('citizen_id', name=op.f('uq_guess_citizen_id'))
    )
    with op.batch_alter_table('round', schema=None) as batch_op:
        batch_op.add_column(sa.Column('crackdown', sa.Integer(), nullable=False, server_default='0'))
        batch_op.add_column(sa.Column('debrief_open', sa.Boolean(), nullable=False, server_default=sa.false()))
        batch_op.add_column(sa.Column('started_at', sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column('growth_at', sa.DateTime(), nullable=True))

    # Rounds that already exist get the class meters at their baselines.
    for meter, baseline in (("unrest", 10), ("visibility", 10), ("growth", 60), ("trust", 70)):
        op.execute(
            sa.text(
                "INSERT INTO round_meter (round_id, meter, baseline, value) "
                "SELECT id, :meter, :baseline, :baseline FROM round"
            ).bindparams(meter=meter, baseline=baseline)
        )



def downgrade():
    with op.batch_alter_table('round', schema=None) as batch_op:
        batch_op.drop_column('growth_at')
        batch_op.drop_column('started_at')
        batch_op.drop_column('debrief_open')
        batch_op.drop_column('crackdown')

    op.drop_table('guess')
    op.drop_table('friendship')
    op.drop_table('check_answer')
    op.drop_table('round_meter')
    with op.batch_alter_table('meter_event', schema=None) as batch_op:
        batch_op.drop_index('ix_meter_event_round')

    op.drop_table('meter_event')
