"""reminders to staff and the family's closing feedback (issue 16)

Revision ID: 0011_reminders_and_feedback
Revises: 0010_transfer_and_cover
Create Date: 2026-12-04

- `staffreminder`: one row per reminder the app sent a worker about a work-list item; the
  unique `uq_staffreminder_item` (item_key, kind, worker_id) is the claim that sends each
  reminder once, whichever backend worker gets there first. `kind` has the named CHECK
  `ck_staffreminder_kind` like the other enum columns.
- `feedback`: the closing feedback's answers, without any family or user id and without a time
  finer than the quarter; a random text id (see `models.Feedback`). Each score has a named
  CHECK (1-5).
- `family.feedback_given_at`: when the family gave its feedback (once per family).

Runs on SQLite (batch mode) and on PostgreSQL.
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel

from alembic import op

revision: str = "0011_reminders_and_feedback"
down_revision: str | None = "0010_transfer_and_cover"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SCORES = ("helped", "listened", "meetings")


def upgrade() -> None:
    op.create_table(
        "staffreminder",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("item_key", sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
        sa.Column("kind", sa.String(length=8), nullable=False),
        sa.Column("worker_id", sa.Integer(), nullable=False),
        sa.Column("sent_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.CheckConstraint("kind IN ('due', 'overdue')", name="ck_staffreminder_kind"),
        sa.ForeignKeyConstraint(["worker_id"], ["user.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("item_key", "kind", "worker_id", name="uq_staffreminder_item"),
    )
    with op.batch_alter_table("staffreminder", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_staffreminder_worker_id"), ["worker_id"])

    op.create_table(
        "feedback",
        sa.Column("id", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("quarter", sqlmodel.sql.sqltypes.AutoString(length=6), nullable=False),
        sa.Column("helped", sa.Integer(), nullable=False),
        sa.Column("listened", sa.Integer(), nullable=False),
        sa.Column("meetings", sa.Integer(), nullable=False),
        sa.Column("comment", sqlmodel.sql.sqltypes.AutoString(length=2000), nullable=False),
        *[
            sa.CheckConstraint(f"{name} BETWEEN 1 AND 5", name=f"ck_feedback_{name}")
            for name in SCORES
        ],
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("feedback", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_feedback_quarter"), ["quarter"])

    with op.batch_alter_table("family", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("feedback_given_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True)
        )


def downgrade() -> None:
    with op.batch_alter_table("family", schema=None) as batch_op:
        batch_op.drop_column("feedback_given_at")
    with op.batch_alter_table("feedback", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_feedback_quarter"))
    op.drop_table("feedback")
    with op.batch_alter_table("staffreminder", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_staffreminder_worker_id"))
    op.drop_table("staffreminder")
