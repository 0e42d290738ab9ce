"""A worker's caseload and the supervisor's overview, as plain data."""

from sqlmodel import Session, col, func, select

from familywork_app.models import Application, Family, Goal, Meeting, User, utcnow
from familywork_app.services.access_log import log_access
from familywork_app.services.family_home import unread_for
from familywork_app.services.policy import require_staff, require_supervisor


def _next_meeting(session: Session, family_id: int) -> Meeting | None:
    return session.exec(select(Meeting).where(
        Meeting.family_id == family_id, col(Meeting.status).in_(("agreed", "proposed")),
        Meeting.starts_at >= utcnow()).order_by(col(Meeting.starts_at))).first()


def _count(session: Session, model, *conditions) -> int:
    return session.exec(select(func.count()).select_from(model).where(*conditions)).one()


def caseload(session: Session, user: User, ip: str = "") -> list[dict]:
    """The worker's own families, active first, then by name."""
    require_staff(user)
    families = session.exec(select(Family).where(Family.worker_id == user.id)
                            .order_by(col(Family.status), col(Family.name))).all()
    today = utcnow().date()
    rows = []
    for family in families:
        meeting = _next_meeting(session, family.id)
        answers = _count(session, Meeting, Meeting.family_id == family.id,
                         Meeting.status == "change_requested")
        rows.append({
            "id": family.id, "name": family.name, "municipality": family.municipality,
            "status": family.status,
            "next_meeting_at": meeting.starts_at if meeting else None,
            "next_meeting_status": meeting.status if meeting else "",
            "answers": answers,
            "unread": unread_for(session, family.id, user),
            "goals_active": _count(session, Goal, Goal.family_id == family.id,
                                   Goal.status == "active"),
            "weeks": ((today - family.opened_on).days // 7) if family.opened_on else 0,
        })
        log_access(session, user, family.id, "list_caseload", ip=ip)
    session.commit()
    return rows


def overview(session: Session, user: User, ip: str = "") -> dict:
    """The supervisor's overview: the application queue and active families per worker."""
    require_supervisor(user)
    now = utcnow()
    queue = []
    stmt = (select(Application, Family).join(Family, Family.id == Application.family_id)
            .where(col(Application.status).in_(("submitted", "in_review")))
            .order_by(col(Application.submitted_at)))
    for application, family in session.exec(stmt):
        queue.append({
            "application_id": application.id, "family_id": family.id, "name": family.name,
            "municipality": family.municipality, "status": application.status,
            "channel": application.channel,
            "areas": [a for a in application.support_areas.split(",") if a],
            "days_waiting": (now - application.submitted_at).days,
        })
        log_access(session, user, family.id, "view_queue", ip=ip)
    workers = []
    for worker in session.exec(select(User).where(User.role == "worker", User.is_active == True)  # noqa: E712
                               .order_by(col(User.display_name))):
        workers.append({"id": worker.id, "name": worker.display_name,
                        "active": _count(session, Family, Family.worker_id == worker.id,
                                         Family.status == "active")})
    session.commit()
    return {"queue": queue, "workers": workers}
