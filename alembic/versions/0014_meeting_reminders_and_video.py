"""meeting reminders to guardians and video links of remote meetings (issue 17)

Revision ID: 0014_meeting_reminders_and_video
Revises: 0013_message_files

- `meetingreminder`: one planned reminder of an agreed meeting to one guardian (the evening
  before, or two hours before), with the meeting start it was planned for; the unique
  `uq_meetingreminder` (meeting_id, user_id, kind, starts_at) plans each once, and
  `ix_meetingreminder_status_due` finds the due ones that a backend worker claims with
  SELECT ... FOR UPDATE SKIP LOCKED. `kind` and `status` have named CHECKs.
- `meetingreminderchoice`: a guardian's reminder choices (push, e-mail, SMS, two hours before).
- `meetingvideolink`: a remote meeting's video link (one per meeting), made from the template or
  pasted by the worker.

Runs on SQLite (batch mode) and on PostgreSQL.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from sqlmodel.sql.sqltypes import AutoString, UTCDateTime

from alembic import op

revision: str = "0014_meeting_reminders_and_video"
down_revision: str | None = "0013_message_files"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

UTC_TIME = UTCDateTime


def upgrade() -> None:
    op.create_table(
        "meetingreminder",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=12), nullable=False),
        sa.Column("starts_at", UTC_TIME(), nullable=False),
        sa.Column("due_at", UTC_TIME(), nullable=False),
        sa.Column("status", sa.String(length=8), nullable=False),
        sa.Column("planned_at", UTC_TIME(), nullable=False),
        sa.Column("sent_at", UTC_TIME(), nullable=True),
        sa.Column("channels", AutoString(length=20), nullable=False),
        sa.CheckConstraint("kind IN ('evening', 'two_hours')", name="ck_meetingreminder_kind"),
        sa.CheckConstraint(
            "status IN ('planned', 'sent', 'dropped')", name="ck_meetingreminder_status"
        ),
        sa.ForeignKeyConstraint(["meeting_id"], ["meeting.id"]),
        sa.ForeignKeyConstraint(["user_id"], ["user.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint(
            "meeting_id", "user_id", "kind", "starts_at", name="uq_meetingreminder"
        ),
    )
    with op.batch_alter_table("meetingreminder", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_meetingreminder_meeting_id"), ["meeting_id"])
        batch_op.create_index(batch_op.f("ix_meetingreminder_user_id"), ["user_id"])
        batch_op.create_index("ix_meetingreminder_status_due", ["status", "due_at"])

    op.create_table(
        "meetingreminderchoice",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("push", sa.Boolean(), nullable=False),
        sa.Column("email", sa.Boolean(), nullable=False),
        sa.Column("sms", sa.Boolean(), nullable=False),
        sa.Column("two_hours", sa.Boolean(), nullable=False),
        sa.Column("updated_at", UTC_TIME(), nullable=False),
        sa.ForeignKeyConstraint(["user_id"], ["user.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("user_id"),
    )

    op.create_table(
        "meetingvideolink",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("url", AutoString(length=500), nullable=False),
        sa.Column("pasted", sa.Boolean(), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", UTC_TIME(), nullable=False),
        sa.ForeignKeyConstraint(["meeting_id"], ["meeting.id"]),
        sa.ForeignKeyConstraint(["created_by_id"], ["user.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("meeting_id"),
    )


def downgrade() -> None:
    op.drop_table("meetingvideolink")
    op.drop_table("meetingreminderchoice")
    with op.batch_alter_table("meetingreminder", schema=None) as batch_op:
        batch_op.drop_index("ix_meetingreminder_status_due")
        batch_op.drop_index(batch_op.f("ix_meetingreminder_user_id"))
        batch_op.drop_index(batch_op.f("ix_meetingreminder_meeting_id"))
    op.drop_table("meetingreminder")
