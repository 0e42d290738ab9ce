"""photos and documents attached to messages (issue 17)

Revision ID: 0013_message_files
Revises: 0012_automatic_messages

- `messagefile`: one row per file attached to a message, its bytes in `data` (BLOB on SQLite,
  BYTEA on PostgreSQL), so a backup and a restore carry the files with the messages. A file
  waits with `message_id` NULL until its uploader sends the message. `kind` has the named CHECK
  `ck_messagefile_kind` like the other enum columns; `thumbnail` is a small JPEG of an image.

Runs on SQLite (batch mode) and on PostgreSQL.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from sqlmodel.sql.sqltypes import AutoString, UTCDateTime

from alembic import op

revision: str = "0013_message_files"
down_revision: str | None = "0012_automatic_messages"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TEXT = AutoString


def upgrade() -> None:
    op.create_table(
        "messagefile",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("family_id", sa.Integer(), nullable=False),
        sa.Column("message_id", sa.Integer(), nullable=True),
        sa.Column("uploader_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=8), nullable=False),
        sa.Column("media_type", TEXT(length=40), nullable=False),
        sa.Column("name", TEXT(length=120), nullable=False),
        sa.Column("caption", TEXT(length=200), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("sha256", TEXT(length=64), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.Column("thumbnail", sa.LargeBinary(), nullable=True),
        sa.Column("added_at", UTCDateTime(), nullable=False),
        sa.CheckConstraint("kind IN ('image', 'pdf')", name="ck_messagefile_kind"),
        sa.ForeignKeyConstraint(["family_id"], ["family.id"]),
        sa.ForeignKeyConstraint(["message_id"], ["message.id"]),
        sa.ForeignKeyConstraint(["uploader_id"], ["user.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("messagefile", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_messagefile_family_id"), ["family_id"])
        batch_op.create_index(batch_op.f("ix_messagefile_message_id"), ["message_id"])
        batch_op.create_index(batch_op.f("ix_messagefile_uploader_id"), ["uploader_id"])


def downgrade() -> None:
    op.drop_table("messagefile")
