"""API tokens: a name and the role each token was made for

A token made before this revision gets its account's current role, so it keeps working until the
account's role changes.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-07 18:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None

ROLE = sa.Enum('balie', 'digihelper', 'coordinator', 'admin', name='role', native_enum=False, length=20)


def upgrade():
    with op.batch_alter_table('api_tokens', schema=None) as batch_op:
        batch_op.add_column(sa.Column('name', sa.String(length=80), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('role', ROLE, nullable=True))
    op.execute("UPDATE api_tokens SET role = (SELECT users.role FROM users WHERE users.id = api_tokens.user_id)")
    with op.batch_alter_table('api_tokens', schema=None) as batch_op:
        batch_op.alter_column('role', existing_type=ROLE, nullable=False)
        batch_op.alter_column('name', existing_type=sa.String(length=80), server_default=None)


def downgrade():
    with op.batch_alter_table('api_tokens', schema=None) as batch_op:
        batch_op.drop_column('role')
        batch_op.drop_column('name')
