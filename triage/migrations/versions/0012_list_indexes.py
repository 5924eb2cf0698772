"""Indexes for the counter's lists (waiting, mine, follow-ups); single-column indexes nothing reads dropped

At 1,000,000 requests the counter's start page counted "mine" by a full scan (0.1 s on PostgreSQL) and
the follow-up list counted every referral; the single-column indexes on created_at, kind, theme and
status are covered by wider ones (the report index, the pool index, status with created_at) and only
cost every insert at the counter.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-07 21:20:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0012'
down_revision = '0011'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('help_requests', schema=None) as batch_op:
        for name in ('ix_help_requests_created_at', 'ix_help_requests_kind', 'ix_help_requests_theme',
                     'ix_help_requests_status'):
            batch_op.drop_index(name)
        batch_op.create_index('ix_help_requests_status_created_at', ['status', 'created_at'], unique=False)
        batch_op.create_index('ix_help_requests_created_by_id_created_at', ['created_by_id', 'created_at'],
                              unique=False)
    with op.batch_alter_table('referrals', schema=None) as batch_op:
        batch_op.create_index('ix_referrals_follow_ups', ['follow_up_at', 'id'], unique=False,
                              postgresql_where=sa.text('follow_up_due'), sqlite_where=sa.text('follow_up_due = 1'))


def downgrade():
    with op.batch_alter_table('referrals', schema=None) as batch_op:
        batch_op.drop_index('ix_referrals_follow_ups', postgresql_where=sa.text('follow_up_due'),
                            sqlite_where=sa.text('follow_up_due = 1'))
    with op.batch_alter_table('help_requests', schema=None) as batch_op:
        batch_op.drop_index('ix_help_requests_created_by_id_created_at')
        batch_op.drop_index('ix_help_requests_status_created_at')
        batch_op.create_index('ix_help_requests_status', ['status'], unique=False)
        batch_op.create_index('ix_help_requests_theme', ['theme'], unique=False)
        batch_op.create_index('ix_help_requests_kind', ['kind'], unique=False)
        batch_op.create_index('ix_help_requests_created_at', ['created_at'], unique=False)
