"""strong identification (issue 15): account links and how applicants were identified

Revision ID: 0016_strong_identification
Revises: 0015_family_worker_interpreter

- `strongidentity`: an account's link to Suomi.fi (the personal identity code sealed, with a
  keyed hash for look-up) or to a county provider (a keyed hash of its subject).
- `applicationidentity`: an application's applicant strongly identified when applying (with the
  verified name), or checked in person by the worker later.

Runs on SQLite and on PostgreSQL.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from sqlmodel.sql.sqltypes import AutoString, UTCDateTime

from alembic import op

revision: str = "0016_strong_identification"
down_revision: str | None = "0015_family_worker_interpreter"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


UTC_TIME = UTCDateTime


def _text(length: int) -> AutoString:
    return AutoString(length=length)


def upgrade() -> None:
    op.create_table(
        "strongidentity",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("provider", _text(16), nullable=False),
        sa.Column("subject_hash", _text(64), nullable=False),
        sa.Column("pic_hash", _text(64), nullable=True),
        sa.Column("pic_sealed", _text(255), nullable=True),
        sa.Column("verified_name", _text(120), nullable=False),
        sa.Column("acr", _text(64), nullable=False),
        sa.Column("linked_at", UTC_TIME(), nullable=False),
        sa.Column("last_sign_in_at", UTC_TIME(), nullable=False),
        sa.ForeignKeyConstraint(["user_id"], ["user.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("user_id"),
        sa.UniqueConstraint("pic_hash"),
    )
    op.create_index("ix_strongidentity_subject_hash", "strongidentity", ["subject_hash"])
    op.create_table(
        "applicationidentity",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("application_id", sa.Integer(), nullable=False),
        sa.Column("strong", sa.Boolean(), nullable=False),
        sa.Column("verified_name", _text(120), nullable=False),
        sa.Column("acr", _text(64), nullable=False),
        sa.Column("checked_by_id", sa.Integer(), nullable=True),
        sa.Column("checked_at", UTC_TIME(), nullable=True),
        sa.Column("created_at", UTC_TIME(), nullable=False),
        sa.ForeignKeyConstraint(["application_id"], ["application.id"]),
        sa.ForeignKeyConstraint(["checked_by_id"], ["user.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("application_id"),
    )


def downgrade() -> None:
    op.drop_table("applicationidentity")
    op.drop_index("ix_strongidentity_subject_hash", table_name="strongidentity")
    op.drop_table("strongidentity")
