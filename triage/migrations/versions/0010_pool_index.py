"""A partial index on the open pool: a digihelper's pool list and count read only the pooled requests

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-07 20:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('help_requests', schema=None) as batch_op:
        batch_op.create_index('ix_help_requests_pool', ['created_at'], unique=False,
                              postgresql_where=sa.text("status = 'pool'"), sqlite_where=sa.text("status = 'pool'"))


def downgrade():
    with op.batch_alter_table('help_requests', schema=None) as batch_op:
        batch_op.drop_index('ix_help_requests_pool', postgresql_where=sa.text("status = 'pool'"),
                            sqlite_where=sa.text("status = 'pool'"))
