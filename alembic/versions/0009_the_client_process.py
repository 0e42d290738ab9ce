"""the client process: case steps, client plans and their goals and acknowledgements (issue 16)

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-03

- `casestep`: the dated, attributed steps of a family's client process (Social Welfare Act
  §§ 36, 39); `kind` has the named CHECK `ck_casestep_kind` like the other enum columns.
- `clientplan` (one row per version), `plangoal` (a plan version's goals: a goal lives on
  across versions) and `planacknowledgement` (a guardian has read a version).
- `ix_message_family_sender_sent`: covers the work list's search for unanswered messages.

Data: every existing family gets a `received` step on the day (Europe/Helsinki) of its first
application, or of the family's creation when it has no application; `recorded_by_id` is NULL
(the step was made by this revision, not by a person).

Runs on SQLite (batch mode) and on PostgreSQL.
"""

from collections.abc import Sequence
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import sqlalchemy as sa
import sqlmodel

from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

HELSINKI = ZoneInfo("Europe/Helsinki")
FIRST_APPLICATION = sa.text(
    "SELECT family.id, family.created_at, MIN(application.submitted_at) FROM family "
    "LEFT JOIN application ON application.family_id = family.id "
    "GROUP BY family.id, family.created_at ORDER BY family.id"
)


def _helsinki_day(value: object) -> date:
    """The Helsinki day of a stored time (SQLite hands back text, PostgreSQL a datetime)."""
    moment = datetime.fromisoformat(value.replace(" ", "T")) if isinstance(value, str) else value
    if not isinstance(moment, datetime):
        raise RuntimeError(f"not a stored time: {value!r}")
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(HELSINKI).date()


def _received_steps() -> None:
    """One `received` step per family, from its first application (or its creation)."""
    connection = op.get_bind()
    steps = sa.table(
        "casestep",
        sa.column("family_id", sa.Integer),
        sa.column("kind", sa.String),
        sa.column("on", sa.Date),
        sa.column("recorded_at", sqlmodel.sql.sqltypes.UTCDateTime()),
        sa.column("summary", sa.String),
    )
    now = datetime.now(UTC)
    rows = [
        {
            "family_id": family_id,
            "kind": "received",
            "on": _helsinki_day(first if first is not None else created),
            "recorded_at": now,
            "summary": "",
        }
        for family_id, created, first in connection.execute(FIRST_APPLICATION)
    ]
    if rows:
        connection.execute(steps.insert(), rows)


def upgrade() -> None:
    op.create_table('casestep',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('family_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=24), nullable=False),
    sa.Column('on', sa.Date(), nullable=False),
    sa.Column('recorded_by_id', sa.Integer(), nullable=True),
    sa.Column('recorded_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('special_support', sa.Boolean(), nullable=True),
    sa.Column('summary', sqlmodel.sql.sqltypes.AutoString(length=4000), nullable=False),
    sa.CheckConstraint("kind IN ('received', 'assessment_started', 'assessment_completed', 'plan_made', 'plan_reviewed', 'closed')", name='ck_casestep_kind'),
    sa.ForeignKeyConstraint(['family_id'], ['family.id'], ),
    sa.ForeignKeyConstraint(['recorded_by_id'], ['user.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('casestep', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_casestep_family_id'), ['family_id'], unique=False)

    op.create_table('clientplan',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('family_id', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('family_view', sqlmodel.sql.sqltypes.AutoString(length=4000), nullable=False),
    sa.Column('family_strengths', sqlmodel.sql.sqltypes.AutoString(length=4000), nullable=False),
    sa.Column('worker_view', sqlmodel.sql.sqltypes.AutoString(length=4000), nullable=False),
    sa.Column('who_does_what', sqlmodel.sql.sqltypes.AutoString(length=4000), nullable=False),
    sa.Column('meeting_rhythm', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('next_review', sa.Date(), nullable=True),
    sa.Column('differences', sqlmodel.sql.sqltypes.AutoString(length=4000), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('made_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.ForeignKeyConstraint(['created_by_id'], ['user.id'], ),
    sa.ForeignKeyConstraint(['family_id'], ['family.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('family_id', 'version')
    )
    with op.batch_alter_table('clientplan', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_clientplan_family_id'), ['family_id'], unique=False)

    op.create_table('planacknowledgement',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('plan_id', sa.Integer(), nullable=False),
    sa.Column('guardian_id', sa.Integer(), nullable=False),
    sa.Column('at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('comment', sqlmodel.sql.sqltypes.AutoString(length=1000), nullable=False),
    sa.ForeignKeyConstraint(['guardian_id'], ['user.id'], ),
    sa.ForeignKeyConstraint(['plan_id'], ['clientplan.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('plan_id', 'guardian_id')
    )
    with op.batch_alter_table('planacknowledgement', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_planacknowledgement_plan_id'), ['plan_id'], unique=False)

    op.create_table('plangoal',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('plan_id', sa.Integer(), nullable=False),
    sa.Column('goal_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['goal_id'], ['goal.id'], ),
    sa.ForeignKeyConstraint(['plan_id'], ['clientplan.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('plan_id', 'goal_id')
    )
    with op.batch_alter_table('plangoal', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_plangoal_goal_id'), ['goal_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_plangoal_plan_id'), ['plan_id'], unique=False)

    with op.batch_alter_table('message', schema=None) as batch_op:
        batch_op.create_index(
            'ix_message_family_sender_sent', ['family_id', 'sender_id', 'sent_at'], unique=False
        )
    _received_steps()


def downgrade() -> None:
    with op.batch_alter_table('message', schema=None) as batch_op:
        batch_op.drop_index('ix_message_family_sender_sent')
    with op.batch_alter_table('plangoal', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_plangoal_plan_id'))
        batch_op.drop_index(batch_op.f('ix_plangoal_goal_id'))

    op.drop_table('plangoal')
    with op.batch_alter_table('planacknowledgement', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_planacknowledgement_plan_id'))

    op.drop_table('planacknowledgement')
    with op.batch_alter_table('clientplan', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_clientplan_family_id'))

    op.drop_table('clientplan')
    with op.batch_alter_table('casestep', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_casestep_family_id'))

    op.drop_table('casestep')
