"""the family's worker (reachable hours), withdrawn applications and the interpreter (issue 17)

Revision ID: 0015_family_worker_interpreter
Revises: 0014_meeting_reminders_and_video

- `user.reachable_days` (JSON list of weekdays 0-6, Monday 0), `user.reachable_from` and
  `user.reachable_until` (times, Helsinki): when the family can usually reach its worker.
- `family.interpreter_needed` and `family.interpreter_language`: the family needs an
  interpreter, in this language.
- `meeting.interpreter_booked`: whether an interpreter is booked (NULL: none needed).
- `ck_application_status` also allows `withdrawn` (the family withdrew a pending application).

Runs on SQLite (batch mode) and on PostgreSQL.
"""

from collections.abc import Sequence

import sqlalchemy as sa

from alembic import op

revision: str = "0015_family_worker_interpreter"
down_revision: str | None = "0014_meeting_reminders_and_video"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

STATUSES = ("submitted", "in_review", "accepted", "declined")


def _status_check(statuses: tuple[str, ...]) -> str:
    return f"status IN ({', '.join(repr(s) for s in statuses)})"


def upgrade() -> None:
    with op.batch_alter_table("user", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("reachable_days", sa.JSON(), nullable=False, server_default="[]")
        )
        batch_op.add_column(sa.Column("reachable_from", sa.Time(), nullable=True))
        batch_op.add_column(sa.Column("reachable_until", sa.Time(), nullable=True))
    with op.batch_alter_table("user", schema=None) as batch_op:
        batch_op.alter_column("reachable_days", existing_type=sa.JSON(), server_default=None)

    with op.batch_alter_table("family", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("interpreter_needed", sa.Boolean(), nullable=False, server_default=sa.false())
        )
        batch_op.add_column(
            sa.Column(
                "interpreter_language",
                sa.String(length=60),
                nullable=False,
                server_default="",
            )
        )
    with op.batch_alter_table("family", schema=None) as batch_op:
        batch_op.alter_column("interpreter_needed", existing_type=sa.Boolean(), server_default=None)
        batch_op.alter_column(
            "interpreter_language",
            existing_type=sa.String(length=60),
            server_default=None,
        )

    with op.batch_alter_table("meeting", schema=None) as batch_op:
        batch_op.add_column(sa.Column("interpreter_booked", sa.Boolean(), nullable=True))

    with op.batch_alter_table("application", schema=None) as batch_op:
        batch_op.drop_constraint("ck_application_status", type_="check")
        batch_op.create_check_constraint(
            "ck_application_status", _status_check((*STATUSES, "withdrawn"))
        )


def downgrade() -> None:
    # A withdrawn application has no older status to return to: it reads as declined.
    op.execute("UPDATE application SET status = 'declined' WHERE status = 'withdrawn'")
    with op.batch_alter_table("application", schema=None) as batch_op:
        batch_op.drop_constraint("ck_application_status", type_="check")
        batch_op.create_check_constraint("ck_application_status", _status_check(STATUSES))
    with op.batch_alter_table("meeting", schema=None) as batch_op:
        batch_op.drop_column("interpreter_booked")
    with op.batch_alter_table("family", schema=None) as batch_op:
        batch_op.drop_column("interpreter_language")
        batch_op.drop_column("interpreter_needed")
    with op.batch_alter_table("user", schema=None) as batch_op:
        batch_op.drop_column("reachable_until")
        batch_op.drop_column("reachable_from")
        batch_op.drop_column("reachable_days")
