"""transfer and absence cover: the handover of a family from one worker to another (issue 16)

Revision ID: 0010_transfer_and_cover
Revises: 0009
Create Date: 2026-12-04

`handover`: one row per move of a family between workers, kept as the family's history.
- A transfer (`cover_until` NULL) moves the family for good.
- An absence cover (`cover_until` a date) moves it until that day; on that day the family goes
  back (`ended_at` is set, and a return row is written with `by_id` NULL: made by the app).
- `note` is the handover note only staff see.
`ix_handover_open_cover` covers the hourly search for covers that have run out.

Runs on SQLite (batch mode) and on PostgreSQL.
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel

from alembic import op

revision: str = "0010_transfer_and_cover"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "handover",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("family_id", sa.Integer(), nullable=False),
        sa.Column("from_worker_id", sa.Integer(), nullable=True),
        sa.Column("to_worker_id", sa.Integer(), nullable=False),
        sa.Column("note", sqlmodel.sql.sqltypes.AutoString(length=2000), nullable=False),
        sa.Column("by_id", sa.Integer(), nullable=True),
        sa.Column("at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("cover_until", sa.Date(), nullable=True),
        sa.Column("ended_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(["family_id"], ["family.id"]),
        sa.ForeignKeyConstraint(["from_worker_id"], ["user.id"]),
        sa.ForeignKeyConstraint(["to_worker_id"], ["user.id"]),
        sa.ForeignKeyConstraint(["by_id"], ["user.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("handover", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_handover_family_id"), ["family_id"], unique=False)
        batch_op.create_index("ix_handover_open_cover", ["cover_until", "ended_at"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("handover", schema=None) as batch_op:
        batch_op.drop_index("ix_handover_open_cover")
        batch_op.drop_index(batch_op.f("ix_handover_family_id"))
    op.drop_table("handover")
