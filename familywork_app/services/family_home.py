"""What a guardian sees first: their family's status, next meeting, open items and goals."""

from sqlmodel import Session, col, func, select

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
from familywork_app.services.policy import guardian_family_id, require_family, side


def own_family(session: Session, user: User) -> Family:
    """The guardian's own family (authorised through the policy)."""
    if user is None or user.role != "guardian":
        raise NotAllowed()
    return require_family(session, user, guardian_family_id(session, user))


def latest_ratings(session: Session, goal_ids: list[int]) -> dict[int, int]:
    """The newest rating of each goal that has one."""
    latest: dict[int, int] = {}
    if not goal_ids:
        return latest
    stmt = (
        select(GoalEntry)
        .where(col(GoalEntry.goal_id).in_(goal_ids), col(GoalEntry.rating).is_not(None))
        .order_by(col(GoalEntry.created_at))
    )
    for entry in session.exec(stmt):
        latest[entry.goal_id] = entry.rating
    return latest


def unread_by_family(session: Session, family_ids, reader: User) -> dict[int, int]:
    """Per family (one query): messages the reader's side has not read yet. `family_ids` is a
    list or a subquery of ids."""
    if isinstance(family_ids, list) and not family_ids:
        return {}
    from_other_side = (
        User.role == "guardian" if side(reader) == "staff" else User.role != "guardian"
    )
    stmt = (
        select(Message.family_id, func.count())
        .join(User, col(User.id) == Message.sender_id)
        .where(
            col(Message.family_id).in_(family_ids), col(Message.read_at).is_(None), from_other_side
        )
        .group_by(Message.family_id)
    )
    return dict(session.exec(stmt).all())


def unread_for(session: Session, family_id: int, reader: User) -> int:
    """Messages to this family's conversation not yet read by the reader's side."""
    return unread_by_family(session, [family_id], reader).get(family_id, 0)


def family_home(session: Session, user: User, ip: str = "") -> dict:
    """Plain data for the family home page."""
    family = own_family(session, user)
    now = utcnow()
    next_meeting = session.exec(
        select(Meeting)
        .where(Meeting.family_id == family.id, Meeting.status == "agreed", Meeting.starts_at >= now)
        .order_by(col(Meeting.starts_at))
    ).first()
    proposed = session.exec(
        select(func.count())
        .select_from(Meeting)
        .where(
            Meeting.family_id == family.id,
            Meeting.status == "proposed",
            Meeting.proposed_by_id != user.id,
            Meeting.starts_at >= now,
        )
    ).one()
    goals = list(
        session.exec(
            select(Goal)
            .where(Goal.family_id == family.id, Goal.status == "active")
            .order_by(col(Goal.id))
        )
    )
    ratings = latest_ratings(session, [g.id for g in goals])
    application = session.exec(
        select(Application)
        .where(Application.family_id == family.id)
        .order_by(col(Application.submitted_at).desc())
    ).first()
    worker = session.get(User, family.worker_id) if family.worker_id else None
    log_access(session, user, family.id, "view_family_home", ip=ip)
    session.commit()
    return {
        "family_name": family.name,
        "status": family.status,
        "closed_on": family.closed_on,
        "worker_name": worker.display_name if worker else "",
        "next_meeting": _meeting_data(next_meeting, worker) if next_meeting else None,
        "proposed_count": proposed,
        "unread_count": unread_for(session, family.id, user),
        "goals": [
            {"id": g.id, "title": g.title, "area": g.support_area, "rating": ratings.get(g.id)}
            for g in goals
        ],
        "application_status": application.status if application else "",
        "application_submitted_at": application.submitted_at if application else None,
    }


def _meeting_data(meeting: Meeting, worker: User | None) -> dict:
    return {
        "id": meeting.id,
        "starts_at": meeting.starts_at,
        "ends_at": meeting.ends_at,
        "place": meeting.place,
        "place_detail": meeting.place_detail,
        "topic": meeting.topic,
        "worker_name": worker.display_name if worker else "",
    }
