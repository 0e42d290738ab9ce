"""What a guardian sees first: their family's status, next meeting, open items and goals."""

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy.sql.expression import ColumnElement
from sqlmodel import Session, col, func, select
from sqlmodel.sql.expression import SelectOfScalar

from familywork_app.domain import (
    ApplicationStatus,
    FamilyStatus,
    GoalStatus,
    LogAction,
    MeetingPlace,
    MeetingStatus,
    Role,
    SupportArea,
)
from familywork_app.models import (
    Application,
    Family,
    Goal,
    GoalEntry,
    Meeting,
    Message,
    User,
    utcnow,
)
from familywork_app.services import NotAllowed
from familywork_app.services.access_log import log_access
from familywork_app.services.family_worker import WorkerCard, worker_card_for
from familywork_app.services.policy import (
    acting_user,
    guardian_family_id,
    require_family,
    side,
    valid_id,
)


@dataclass(frozen=True, slots=True)
class NextMeeting:
    """The family's next agreed meeting."""

    id: int
    starts_at: datetime
    ends_at: datetime
    place: MeetingPlace
    place_detail: str
    topic: str
    worker_name: str


@dataclass(frozen=True, slots=True)
class GoalAtAGlance:
    """An active goal with its newest rating (None: not rated yet)."""

    id: int
    title: str
    area: SupportArea
    rating: int | None


@dataclass(frozen=True, slots=True)
class FamilyHome:
    """Everything on the guardian's home page."""

    family_name: str
    status: FamilyStatus
    closed_on: date | None
    worker_name: str
    next_meeting: NextMeeting | None
    proposed_count: int  # meetings the other side proposed, waiting for an answer
    unread_count: int
    goals: tuple[GoalAtAGlance, ...]
    application_status: ApplicationStatus | None  # the newest application's (None: none)
    application_submitted_at: datetime | None
    worker_phone: str = ""  # the worker's work phone ("" when none is saved)
    # name, work phone and reachable hours: only once the family is accepted (issue 17)
    worker_card: WorkerCard | None = None


# The family ids to count unread messages for: a list, or a subquery of ids.
FamilyIds = list[int] | SelectOfScalar[int] | SelectOfScalar[int | None]


def own_family(session: Session, user: object) -> Family:
    """The guardian's own family (authorised through the policy)."""
    if not isinstance(user, User) or user.role != Role.GUARDIAN:
        raise NotAllowed()
    return require_family(session, user, guardian_family_id(session, user))


def latest_ratings(session: Session, goal_ids: list[int]) -> dict[int, int]:
    """The newest rating of each goal that has one."""
    latest: dict[int, int] = {}
    if not goal_ids:
        return latest
    stmt = select(GoalEntry.goal_id, GoalEntry.rating).where(
        col(GoalEntry.goal_id).in_(goal_ids), col(GoalEntry.rating).is_not(None)
    )
    for goal_id, rating in session.exec(stmt.order_by(col(GoalEntry.created_at))):
        if rating is not None:
            latest[goal_id] = rating
    return latest


def unread_by_family(session: Session, family_ids: FamilyIds, reader: User) -> dict[int, int]:
    """Per family (one query): messages the reader's side has not read yet. `family_ids` is a
    list or a subquery of ids."""
    if isinstance(family_ids, list) and not family_ids:
        return {}
    from_guardians = col(User.role) == Role.GUARDIAN
    from_other_side: ColumnElement[bool] = (
        from_guardians if side(reader) == "staff" else ~from_guardians
    )
    stmt = (
        select(Message.family_id, func.count())
        .join(User, col(User.id) == Message.sender_id)
        .where(
            col(Message.family_id).in_(family_ids), col(Message.read_at).is_(None), from_other_side
        )
        .group_by(col(Message.family_id))
    )
    return {family_id: count for family_id, count in session.exec(stmt).all()}


def unread_for(session: Session, family_id: int, reader: User) -> int:
    """Messages to this family's conversation not yet read by the reader's side."""
    return unread_by_family(session, [family_id], reader).get(family_id, 0)


def work_started(session: Session, family_id: int) -> bool:
    """Whether the family's work has begun (a worker assigned; active, or closed since): only
    then do meetings, goals and the work done together have anything to show. For the guardian
    shell, with the family id the policy found for the signed-in guardian."""
    row = session.exec(
        select(Family.status, Family.worker_id).where(Family.id == family_id)
    ).first()
    # a withdrawn application closes the family without a worker: nothing was started
    return row is not None and row[0] != FamilyStatus.APPLIED and row[1] is not None


def _next_meeting(session: Session, family_id: int, worker: User | None) -> NextMeeting | None:
    meeting = session.exec(
        select(Meeting)
        .where(
            Meeting.family_id == family_id,
            Meeting.status == MeetingStatus.AGREED,
            Meeting.starts_at >= utcnow(),
        )
        .order_by(col(Meeting.starts_at))
    ).first()
    if meeting is None:
        return None
    return NextMeeting(
        id=valid_id(meeting.id),
        starts_at=meeting.starts_at,
        ends_at=meeting.ends_at,
        place=MeetingPlace(meeting.place),
        place_detail=meeting.place_detail,
        topic=meeting.topic,
        worker_name=worker.display_name if worker else "",
    )


def _proposed_to(session: Session, family_id: int, user: User) -> int:
    """Upcoming meetings proposed by the other side, waiting for the user's answer."""
    return session.exec(
        select(func.count())
        .select_from(Meeting)
        .where(
            Meeting.family_id == family_id,
            Meeting.status == MeetingStatus.PROPOSED,
            Meeting.proposed_by_id != user.id,
            Meeting.starts_at >= utcnow(),
        )
    ).one()


def _active_goals(session: Session, family_id: int) -> tuple[GoalAtAGlance, ...]:
    goals = session.exec(
        select(Goal)
        .where(Goal.family_id == family_id, Goal.status == GoalStatus.ACTIVE)
        .order_by(col(Goal.id))
    ).all()
    ids = [valid_id(goal.id) for goal in goals]
    ratings = latest_ratings(session, ids)
    return tuple(
        GoalAtAGlance(
            id=goal_id,
            title=goal.title,
            area=SupportArea(goal.support_area),
            rating=ratings.get(goal_id),
        )
        for goal_id, goal in zip(ids, goals, strict=True)
    )


def family_home(session: Session, user: User, ip: str = "") -> FamilyHome:
    """What the family home page shows."""
    family = own_family(session, acting_user(user, ip))
    family_id = valid_id(family.id)
    worker = session.get(User, family.worker_id) if family.worker_id else None
    application = session.exec(
        select(Application)
        .where(Application.family_id == family_id)
        .order_by(col(Application.submitted_at).desc())
    ).first()
    home = FamilyHome(
        family_name=family.name,
        status=FamilyStatus(family.status),
        closed_on=family.closed_on,
        worker_name=worker.display_name if worker else "",
        next_meeting=_next_meeting(session, family_id, worker),
        proposed_count=_proposed_to(session, family_id, user),
        unread_count=unread_for(session, family_id, user),
        goals=_active_goals(session, family_id),
        application_status=ApplicationStatus(application.status) if application else None,
        application_submitted_at=application.submitted_at if application else None,
        worker_phone=worker.phone if worker else "",
        worker_card=worker_card_for(session, family),
    )
    log_access(session, user, family_id, LogAction.VIEW_FAMILY_HOME, ip=ip)
    session.commit()
    return home
