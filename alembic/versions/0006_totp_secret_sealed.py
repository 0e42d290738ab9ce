"""staff second-factor secrets encrypted at rest (issue 6)

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-27

The TOTP secret column grows to hold the Fernet token (services/secret_box.py) and every secret
already stored is sealed with the deployment's key.
"""
from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: Union[str, None] = "0005"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    with op.batch_alter_table("user", schema=None) as batch_op:
        batch_op.alter_column("totp_secret", existing_type=sa.String(length=64),
                              type_=sa.String(length=255), existing_nullable=True)
    from familywork_app.services.secret_box import PREFIX, seal

    connection = op.get_bind()
    users = sa.table("user", sa.column("id", sa.Integer), sa.column("totp_secret", sa.String))
    for user_id, secret in connection.execute(
            sa.select(users.c.id, users.c.totp_secret).where(users.c.totp_secret.is_not(None))):
        if not secret.startswith(PREFIX):
            connection.execute(users.update().where(users.c.id == user_id)
                               .values(totp_secret=seal(secret)))


def downgrade() -> None:
    from familywork_app.services.secret_box import unseal

    connection = op.get_bind()
    users = sa.table("user", sa.column("id", sa.Integer), sa.column("totp_secret", sa.String))
    for user_id, secret in connection.execute(
            sa.select(users.c.id, users.c.totp_secret).where(users.c.totp_secret.is_not(None))):
        connection.execute(users.update().where(users.c.id == user_id)
                           .values(totp_secret=unseal(secret)))
    with op.batch_alter_table("user", schema=None) as batch_op:
        batch_op.alter_column("totp_secret", existing_type=sa.String(length=255),
                              type_=sa.String(length=64), existing_nullable=True)
