"""A worker's caseload and the supervisor's overview, as typed rows.

Both views run a fixed number of SQL statements whatever the number of families, meetings or
messages: the per-family figures come from grouped queries (one per figure), and the
access-log rows (one per family shown) go in one executemany INSERT and one commit.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlmodel import Session, col, func, select

from familywork_app.domain import (
    ApplicationChannel,
    ApplicationStatus,
    FamilyStatus,
    GoalStatus,
    LogAction,
    MeetingStatus,
    Municipality,
    Role,
    SupportArea,
)
from familywork_app.models import (
    Application,
    ApplicationIdentity,
    Family,
    Goal,
    Meeting,
    User,
    utcnow,
)
from familywork_app.services.access_log import log_families
from familywork_app.services.applications import application_areas
from familywork_app.services.family_home import unread_by_family
from familywork_app.services.policy import require_staff, require_supervisor, saved_id

OPEN_MEETING_STATUSES = (MeetingStatus.AGREED, MeetingStatus.PROPOSED)
QUEUE_STATUSES = (ApplicationStatus.SUBMITTED, ApplicationStatus.IN_REVIEW)


@dataclass(frozen=True, slots=True)
class CaseloadRow:
    """One of the worker's families with what needs attention."""

    id: int
    name: str
    municipality: Municipality
    status: FamilyStatus
    next_meeting_at: datetime | None
    next_meeting_status: MeetingStatus | None
    answers: int  # meetings the family asked to change
    unread: int  # messages from the family the worker has not read
    goals_active: int
    weeks: int  # weeks since the work began (0: not begun)


@dataclass(frozen=True, slots=True)
class QueueRow:
    """An application waiting for a decision."""

    application_id: int
    family_id: int
    name: str
    municipality: Municipality
    status: ApplicationStatus
    channel: ApplicationChannel
    areas: tuple[SupportArea, ...]
    days_waiting: int
    strongly_identified: bool = False  # applied after a Suomi.fi sign-in (issue 15)


@dataclass(frozen=True, slots=True)
class WorkerLoad:
    """An active worker and their number of active families."""

    id: int
    name: str
    active: int


@dataclass(frozen=True, slots=True)
class Overview:
    """The supervisor's overview: the queue and the workers to assign."""

    queue: tuple[QueueRow, ...]
    workers: tuple[WorkerLoad, ...]


def active_family_counts(session: Session) -> dict[int, int]:
    """Active families per worker id (one grouped query; workers with none are missing)."""
    stmt = (
        select(Family.worker_id, func.count())
        .where(Family.status == FamilyStatus.ACTIVE, col(Family.worker_id).is_not(None))
        .group_by(col(Family.worker_id))
    )
    return {worker_id: count for worker_id, count in session.exec(stmt) if worker_id is not None}


def worker_accounts(session: Session) -> list[User]:
    """The active family workers, by name (no policy: for the services that list them)."""
    return list(
        session.exec(
            select(User)
            .where(User.role == Role.WORKER, col(User.is_active).is_(True))
            .order_by(col(User.display_name), col(User.id))
        )
    )


def _counts(session: Session, model: Any, family_ids: Any, *conditions: Any) -> dict[int, int]:
    """Rows of `model` (a table with `family_id`) per family (only families with one or more)."""
    stmt = (
        select(model.family_id, func.count())
        .where(col(model.family_id).in_(family_ids), *conditions)
        .group_by(model.family_id)
    )
    return {family_id: count for family_id, count in session.exec(stmt)}


def _next_meetings(
    session: Session, family_ids: Any, now: datetime
) -> dict[int, tuple[datetime, MeetingStatus]]:
    """Each family's next open meeting from `now` on, as (starts_at, status)."""
    ranked = (
        select(
            Meeting.family_id,
            Meeting.starts_at,
            Meeting.status,
            func.row_number()
            .over(
                partition_by=col(Meeting.family_id),
                order_by=(col(Meeting.starts_at), col(Meeting.id)),
            )
            .label("rank"),
        )
        .where(
            col(Meeting.family_id).in_(family_ids),
            col(Meeting.status).in_(OPEN_MEETING_STATUSES),
            Meeting.starts_at >= now,
        )
        .subquery()
    )
    stmt = select(ranked.c.family_id, ranked.c.starts_at, ranked.c.status).where(ranked.c.rank == 1)
    return {family_id: (starts_at, status) for family_id, starts_at, status in session.exec(stmt)}


def caseload(session: Session, user: User, ip: str = "") -> list[CaseloadRow]:
    """The worker's own families, active first, then by name."""
    require_staff(user)
    families = session.exec(
        select(Family)
        .where(Family.worker_id == user.id)
        .order_by(col(Family.status), col(Family.name))
    ).all()
    if not families:
        session.commit()
        return []
    own = select(col(Family.id)).where(Family.worker_id == user.id)
    now = utcnow()
    today = now.date()
    meetings = _next_meetings(session, own, now)
    answers = _counts(session, Meeting, own, Meeting.status == MeetingStatus.CHANGE_REQUESTED)
    unread = unread_by_family(session, own, user)
    goals = _counts(session, Goal, own, Goal.status == GoalStatus.ACTIVE)
    rows: list[CaseloadRow] = []
    for family in families:
        family_id = saved_id(family.id)
        starts_at, status = meetings.get(family_id, (None, None))
        rows.append(
            CaseloadRow(
                id=family_id,
                name=family.name,
                municipality=Municipality(family.municipality),
                status=FamilyStatus(family.status),
                next_meeting_at=starts_at,
                next_meeting_status=MeetingStatus(status) if status else None,
                answers=answers.get(family_id, 0),
                unread=unread.get(family_id, 0),
                goals_active=goals.get(family_id, 0),
                weeks=((today - family.opened_on).days // 7) if family.opened_on else 0,
            )
        )
    log_families(session, user, [row.id for row in rows], LogAction.LIST_CASELOAD, ip)
    session.commit()
    return rows


def _queue(session: Session) -> tuple[QueueRow, ...]:
    """Applications waiting for a decision, oldest first."""
    now = utcnow()
    stmt = (
        select(Application, Family, ApplicationIdentity.strong)
        .join(Family, col(Family.id) == Application.family_id)
        .outerjoin(  # issue 15: applied strongly identified (no row: not identified)
            ApplicationIdentity, col(ApplicationIdentity.application_id) == Application.id
        )
        .where(col(Application.status).in_(QUEUE_STATUSES))
        .order_by(col(Application.submitted_at))
    )
    return tuple(
        QueueRow(
            application_id=saved_id(application.id),
            family_id=application.family_id,
            name=family.name,
            municipality=Municipality(family.municipality),
            status=ApplicationStatus(application.status),
            channel=ApplicationChannel(application.channel),
            areas=application_areas(application.support_areas),
            days_waiting=(now - application.submitted_at).days,
            strongly_identified=strong is True,
        )
        for application, family, strong in session.exec(stmt)
    )


def _log_queue(session: Session, user: User, queue: Sequence[QueueRow], ip: str) -> None:
    log_families(session, user, [q.family_id for q in queue], LogAction.VIEW_QUEUE, ip)
    session.commit()


def application_queue(session: Session, user: User, ip: str = "") -> list[QueueRow]:
    """The queue for workers to read (decisions are the supervisor's)."""
    require_staff(user)
    queue = _queue(session)
    _log_queue(session, user, queue, ip)
    return list(queue)


def overview(session: Session, user: User, ip: str = "") -> Overview:
    """The supervisor's overview: the application queue and active families per worker."""
    require_supervisor(user)
    queue = _queue(session)
    active = active_family_counts(session)
    workers = tuple(
        WorkerLoad(id=saved_id(w.id), name=w.display_name, active=active.get(saved_id(w.id), 0))
        for w in worker_accounts(session)
    )
    _log_queue(session, user, queue, ip)
    return Overview(queue=queue, workers=workers)
