"""Unmet needs carry the request's channel: a report filtered by channel reads the gaps alone

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-07 23:10:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0013'
down_revision = '0012'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('unmet_needs', schema=None) as batch_op:
        batch_op.add_column(sa.Column('channel', sa.String(length=20), nullable=True))
    # Gaps stored so far: the channel of their request (a gap from the triage API has none).
    op.execute("UPDATE unmet_needs SET channel = (SELECT CAST(r.channel AS VARCHAR(20)) FROM help_requests r "
               "WHERE r.id = unmet_needs.help_request_id) WHERE help_request_id IS NOT NULL")


def downgrade():
    with op.batch_alter_table('unmet_needs', schema=None) as batch_op:
        batch_op.drop_column('channel')
