"""The grouped reads behind the work list (`work_list`): each is one SQL statement for all the
families of `scope` (a subquery of family ids), whatever their number."""

from datetime import date, datetime
from typing import Any

from sqlalchemy import and_, or_
from sqlalchemy import select as select_columns  # more columns than sqlmodel's overloads
from sqlalchemy.orm import aliased
from sqlmodel import Session, col, func, select

from familywork_app.domain import STAFF_ROLES, CaseStepKind, MeetingStatus, Role
from familywork_app.models import Application, CaseStep, ClientPlan, Meeting, Message, User

UNRECORDED = (MeetingStatus.AGREED, MeetingStatus.HELD)


def rows(session: Session, stmt: Any) -> list[Any]:
    """The rows as plain tuples through the session's connection (same transaction), without
    the ORM's per-row processing: the supervisor's list reads thousands of rows."""
    return list(session.connection().execute(stmt).all())


def latest_steps(session: Session, scope: Any) -> dict[int, dict[CaseStepKind, date]]:
    """Each family's newest day of each kind of step."""
    stmt = (
        select(CaseStep.family_id, CaseStep.kind, func.max(CaseStep.on))
        .where(col(CaseStep.family_id).in_(scope))
        .group_by(col(CaseStep.family_id), col(CaseStep.kind))
    )
    found: dict[int, dict[CaseStepKind, date]] = {}
    for family_id, kind, day in rows(session, stmt):
        found.setdefault(family_id, {})[kind] = day  # a CaseStepKind (the column type)
    return found


def first_applications(session: Session, scope: Any) -> dict[int, datetime]:
    """When each family's first application came in, for the families whose receipt is not
    recorded as a step (the step, where there is one, is the date that counts)."""
    received = select(CaseStep.family_id).where(
        col(CaseStep.family_id).in_(scope), col(CaseStep.kind) == CaseStepKind.RECEIVED
    )
    stmt = (
        select(Application.family_id, func.min(Application.submitted_at))
        .where(col(Application.family_id).in_(scope), col(Application.family_id).not_in(received))
        .group_by(col(Application.family_id))
    )
    return {family_id: first for family_id, first in rows(session, stmt)}


def made_plans(session: Session, scope: Any) -> dict[int, date | None]:
    """The next review date of each family's newest made plan (families with one only)."""
    ranked = (
        select(
            ClientPlan.family_id,
            col(ClientPlan.next_review),
            func.row_number()
            .over(partition_by=col(ClientPlan.family_id), order_by=col(ClientPlan.version).desc())
            .label("rank"),
        )
        .where(col(ClientPlan.family_id).in_(scope), col(ClientPlan.made_at).is_not(None))
        .subquery()
    )
    stmt = select(ranked.c.family_id, ranked.c.next_review).where(ranked.c.rank == 1)
    return {family_id: review for family_id, review in rows(session, stmt)}


def unrecorded_visits(
    session: Session, scope: Any, now: datetime
) -> list[tuple[int, int, datetime]]:
    """(meeting id, family id, start) of the visits that have ended without a record."""
    stmt = (
        select(Meeting.id, Meeting.family_id, Meeting.starts_at)
        .where(
            col(Meeting.family_id).in_(scope),
            col(Meeting.ends_at) < now,
            or_(
                col(Meeting.status) == MeetingStatus.AGREED,
                and_(col(Meeting.status) == MeetingStatus.HELD, col(Meeting.summary) == ""),
            ),
        )
        .order_by(col(Meeting.starts_at))
    )
    return [
        (meeting_id or 0, family_id, starts)
        for meeting_id, family_id, starts in rows(session, stmt)
    ]


def unanswered_since(session: Session, scope: Any) -> list[tuple[int, datetime]]:
    """(family id, sent at) of the first family message after the staff's last one, for the
    families whose newest message is the family's. A notice the app wrote in a worker's name
    (a handover) is no reply."""
    staff = aliased(User)
    replied = (
        select(Message.family_id, func.max(Message.sent_at).label("at"))
        .join(staff, col(staff.id) == Message.sender_id)
        .where(
            col(Message.family_id).in_(scope),
            col(staff.role).in_(STAFF_ROLES),
            col(Message.automatic).is_(False),
        )
        .group_by(col(Message.family_id))
        .subquery()
    )
    stmt = (
        select(Message.family_id, func.min(Message.sent_at))
        .join(User, col(User.id) == Message.sender_id)
        .join(replied, replied.c.family_id == Message.family_id, isouter=True)
        .where(
            col(Message.family_id).in_(scope),
            col(User.role) == Role.GUARDIAN,
            or_(replied.c.at.is_(None), col(Message.sent_at) > replied.c.at),
        )
        .group_by(col(Message.family_id))
    )
    return [(family_id, first) for family_id, first in rows(session, stmt)]


def meeting_requests(
    session: Session, scope: Any, now: datetime
) -> list[tuple[int, int, MeetingStatus, datetime, datetime]]:
    """(meeting id, family id, status, start, proposed at) of the meetings to come that the
    family asked to change, or proposed itself."""
    stmt = (
        select_columns(
            col(Meeting.id),
            col(Meeting.family_id),
            col(Meeting.status),
            col(Meeting.starts_at),
            col(Meeting.proposed_at),
        )
        .join(User, col(User.id) == Meeting.proposed_by_id, isouter=True)
        .where(
            col(Meeting.family_id).in_(scope),
            col(Meeting.starts_at) > now,
            or_(
                col(Meeting.status) == MeetingStatus.CHANGE_REQUESTED,
                and_(
                    col(Meeting.status) == MeetingStatus.PROPOSED, col(User.role) == Role.GUARDIAN
                ),
            ),
        )
    )
    return [
        (meeting_id or 0, family_id, MeetingStatus(status), starts_at, proposed_at)
        for meeting_id, family_id, status, starts_at, proposed_at in rows(session, stmt)
    ]
