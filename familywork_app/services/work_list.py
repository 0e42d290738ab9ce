"""The work list: what is due or overdue in the families' cases, soonest first.

A worker sees their own active families; a supervisor sees every worker's (optionally one
worker's) and, with no filter, also the families waiting in the application queue, whose
assessment deadline already runs. An item is one of:
- the assessment to start (due the 7th working day after receipt) or to finish (3 months);
- the plan to make, once the assessment is completed (due `PLAN_DAYS` days after it: the Act
  says only "without delay", so the span is the service's own);
- the plan to review (its next review date);
- a visit whose time has passed without a record (an agreed meeting that ended, or a held one
  without its summary): due `REPLY_WORKING_DAYS` working days after the visit;
- the family's messages unanswered since the first one after the staff's last reply: due
  `REPLY_WORKING_DAYS` working days after it (so "overdue" = unanswered for over 2 working
  days);
- a meeting the family asked to change (or proposed) that is still to come: due on the
  meeting's day, or for a family's proposal 2 working days after it, if that is sooner.
`days_left` counts calendar days from today (negative: overdue).

The list runs a fixed number of SQL statements whatever the number of families: seven reads
(grouped or windowed per family) and one executemany INSERT into the access log.
"""

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import or_
from sqlmodel import Session, col, select

from familywork_app.domain import (
    STAFF_ROLES,
    CaseStepKind,
    FamilyStatus,
    LogAction,
    MeetingStatus,
    Role,
    WorkItemKind,
)
from familywork_app.models import Family, User, utcnow
from familywork_app.services import NotAllowed
from familywork_app.services.access_log import log_families
from familywork_app.services.case_process import (
    complete_due,
    helsinki_day,
    helsinki_today,
    start_due,
)
from familywork_app.services.policy import acting_user, require_staff, valid_id
from familywork_app.services.work_list_queries import (
    first_applications,
    latest_steps,
    made_plans,
    meeting_requests,
    rows,
    unanswered_since,
    unrecorded_visits,
)
from familywork_app.services.working_days import add_working_days

PLAN_DAYS = 14
REPLY_WORKING_DAYS = 2
KIND_ORDER = {kind: order for order, kind in enumerate(WorkItemKind)}


@dataclass(frozen=True, slots=True)
class WorkItem:
    """One thing due in a family's case. `meeting_id`: the visit to record or the meeting
    request to answer (None for the others)."""

    kind: WorkItemKind
    family_id: int
    family_name: str
    worker_id: int | None
    worker_name: str
    due: date
    days_left: int
    meeting_id: int | None = None


@dataclass(frozen=True, slots=True)
class _Family:
    id: int
    name: str
    worker_id: int | None
    worker_name: str


def _scope(user: User, worker_id: int | None) -> Any:
    """The ids of the families listed, as a subquery."""
    if user.role == Role.WORKER:
        return select(col(Family.id)).where(
            Family.worker_id == user.id, col(Family.status) == FamilyStatus.ACTIVE
        )
    if worker_id is not None:
        return select(col(Family.id)).where(
            Family.worker_id == worker_id, col(Family.status) == FamilyStatus.ACTIVE
        )
    return select(col(Family.id)).where(
        or_(
            col(Family.status) == FamilyStatus.ACTIVE,
            col(Family.status) == FamilyStatus.APPLIED,
        )
    )


def _families(session: Session, scope: Any) -> dict[int, _Family]:
    stmt = (
        select(Family.id, Family.name, Family.worker_id, User.display_name)
        .join(User, col(User.id) == Family.worker_id, isouter=True)
        .where(col(Family.id).in_(scope))
        .order_by(col(Family.name), col(Family.id))
    )
    return {
        valid_id(fid): _Family(valid_id(fid), name, worker, worker_name or "")
        for fid, name, worker, worker_name in rows(session, stmt)
    }


def _case_items(
    session: Session, scope: Any, today: date
) -> list[tuple[WorkItemKind, int, date, int | None]]:
    """(kind, family id, due, None) for the assessment and the plan."""
    steps = latest_steps(session, scope)
    applied = first_applications(session, scope)
    plans = made_plans(session, scope)
    items: list[tuple[WorkItemKind, int, date, int | None]] = []
    for family_id in set(steps) | set(applied) | set(plans):
        days = steps.get(family_id, {})
        first = applied.get(family_id)
        received = days.get(CaseStepKind.RECEIVED) or (helsinki_day(first) if first else None)
        completed = days.get(CaseStepKind.ASSESSMENT_COMPLETED)
        if family_id in plans:
            review = plans[family_id]
            if review is not None:
                items.append((WorkItemKind.REVIEW_PLAN, family_id, review, None))
        elif completed is not None:
            items.append((WorkItemKind.MAKE_PLAN, family_id, completed + _plan_span(), None))
        elif received is None:
            continue
        elif days.get(CaseStepKind.ASSESSMENT_STARTED) is None:
            items.append((WorkItemKind.START_ASSESSMENT, family_id, start_due(received), None))
        else:
            items.append((WorkItemKind.FINISH_ASSESSMENT, family_id, complete_due(received), None))
    return items


def _plan_span() -> timedelta:
    return timedelta(days=PLAN_DAYS)


def _contact_items(
    session: Session, scope: Any
) -> list[tuple[WorkItemKind, int, date, int | None]]:
    """(kind, family id, due, meeting id) for visits, messages and meeting requests."""
    now = utcnow()
    items: list[tuple[WorkItemKind, int, date, int | None]] = []
    for meeting_id, family_id, starts_at in unrecorded_visits(session, scope, now):
        due = add_working_days(helsinki_day(starts_at), REPLY_WORKING_DAYS)
        items.append((WorkItemKind.RECORD_VISIT, family_id, due, meeting_id))
    for family_id, first in unanswered_since(session, scope):
        due = add_working_days(helsinki_day(first), REPLY_WORKING_DAYS)
        items.append((WorkItemKind.ANSWER_MESSAGE, family_id, due, None))
    for meeting_id, family_id, status, starts_at, proposed_at in meeting_requests(
        session, scope, now
    ):
        due = helsinki_day(starts_at)
        if status == MeetingStatus.PROPOSED:
            due = min(due, add_working_days(helsinki_day(proposed_at), REPLY_WORKING_DAYS))
        items.append((WorkItemKind.ANSWER_MEETING_REQUEST, family_id, due, meeting_id))
    return items


def _worker_filter(user: User, worker_id: object) -> int | None:
    """A supervisor may pick any worker; a worker only themselves (the same as no filter)."""
    if worker_id is None:
        return None
    chosen = valid_id(worker_id)
    if user.role != Role.SUPERVISOR and chosen != user.id:
        raise NotAllowed()
    return chosen


def work_list(
    session: Session,
    user: User,
    worker_id: int | None = None,
    today: date | None = None,
    ip: str = "",
) -> list[WorkItem]:
    """What is due in the families' cases, soonest first (see the module docstring)."""
    require_staff(acting_user(user, ip))
    if user.role not in STAFF_ROLES:
        raise NotAllowed()
    scope = _scope(user, _worker_filter(user, worker_id))
    items = _items(session, scope, today or helsinki_today())
    listed = list(dict.fromkeys(item.family_id for item in items))
    log_families(session, user, listed, LogAction.LIST_WORK, ip)
    session.commit()
    return items


def active_family_items(session: Session, today: date) -> list[WorkItem]:
    """Every active family's items, soonest first, for the app's own reminders to staff
    (`staff_reminders`): no one asks and nothing is shown, so nothing is logged here."""
    scope = select(col(Family.id)).where(col(Family.status) == FamilyStatus.ACTIVE)
    return _items(session, scope, today)


def _items(session: Session, scope: Any, day: date) -> list[WorkItem]:
    """The items of the families of `scope`, soonest first."""
    families = _families(session, scope)
    found = _case_items(session, scope, day) + _contact_items(session, scope)
    items = [
        WorkItem(
            kind=kind,
            family_id=family_id,
            family_name=families[family_id].name,
            worker_id=families[family_id].worker_id,
            worker_name=families[family_id].worker_name,
            due=due,
            days_left=(due - day).days,
            meeting_id=meeting_id,
        )
        for kind, family_id, due, meeting_id in found
        if family_id in families
    ]
    items.sort(key=lambda i: (i.due, KIND_ORDER[i.kind], i.family_name, i.family_id))
    return items
