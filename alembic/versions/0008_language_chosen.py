"""whether the person chose their language (issue 14)

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-02

`user.language_chosen`: false until the person picks a language with the switch; until then
the pages follow the browser (the language cookie, then Accept-Language), so a first sign-in
in an English browser stays in English.

Existing accounts: a language other than the default (Finnish) was saved by a choice or by the
form the person filled in, so it counts as chosen; a Finnish one may be only the default, so it
does not.

Runs on SQLite (batch mode) and on PostgreSQL.
"""

from collections.abc import Sequence

import sqlalchemy as sa

from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

DEFAULT_LANGUAGE = "fi"  # familywork_app.domain.DEFAULT_LANGUAGE at this revision


def upgrade() -> None:
    with op.batch_alter_table("user") as batch:
        batch.add_column(
            sa.Column("language_chosen", sa.Boolean(), nullable=False, server_default=sa.false())
        )
    users = sa.table("user", sa.column("language", sa.String), sa.column("language_chosen"))
    op.get_bind().execute(
        users.update().where(users.c.language != DEFAULT_LANGUAGE).values(language_chosen=True)
    )


def downgrade() -> None:
    with op.batch_alter_table("user") as batch:
        batch.drop_column("language_chosen")
