"""A worker's caseload and the supervisor's overview, as plain data.

Both views run a fixed number of SQL statements whatever the number of families, meetings or
messages: the per-family figures come from grouped queries (one per figure), and the
access-log rows (one per family shown) go in one executemany INSERT and one commit.
"""

from sqlmodel import Session, col, func, select

from familywork_app.models import Application, Family, Goal, Meeting, User, utcnow
from familywork_app.services.access_log import log_families
from familywork_app.services.family_home import unread_by_family
from familywork_app.services.policy import require_staff, require_supervisor

OPEN_MEETING_STATUSES = ("agreed", "proposed")
QUEUE_STATUSES = ("submitted", "in_review")


def _counts(session: Session, model, family_ids, *conditions) -> dict[int, int]:
    """Rows of `model` per family (only families with at least one are in the dict)."""
    stmt = (
        select(model.family_id, func.count())
        .where(col(model.family_id).in_(family_ids), *conditions)
        .group_by(model.family_id)
    )
    return dict(session.exec(stmt).all())


def _next_meetings(session: Session, family_ids, now) -> dict[int, tuple]:
    """Each family's next open meeting from `now` on, as (starts_at, status)."""
    ranked = (
        select(
            Meeting.family_id,
            Meeting.starts_at,
            Meeting.status,
            func.row_number()
            .over(
                partition_by=Meeting.family_id, order_by=(col(Meeting.starts_at), col(Meeting.id))
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


def caseload(session: Session, user: User, ip: str = "") -> list[dict]:
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
    own = select(Family.id).where(Family.worker_id == user.id)
    now = utcnow()
    today = now.date()
    meetings = _next_meetings(session, own, now)
    answers = _counts(session, Meeting, own, Meeting.status == "change_requested")
    unread = unread_by_family(session, own, user)
    goals = _counts(session, Goal, own, Goal.status == "active")
    rows = []
    for family in families:
        starts_at, status = meetings.get(family.id, (None, ""))
        rows.append(
            {
                "id": family.id,
                "name": family.name,
                "municipality": family.municipality,
                "status": family.status,
                "next_meeting_at": starts_at,
                "next_meeting_status": status,
                "answers": answers.get(family.id, 0),
                "unread": unread.get(family.id, 0),
                "goals_active": goals.get(family.id, 0),
                "weeks": ((today - family.opened_on).days // 7) if family.opened_on else 0,
            }
        )
    log_families(session, user, [f.id for f in families], "list_caseload", ip)
    session.commit()
    return rows


def _queue(session: Session) -> list[dict]:
    """Applications waiting for a decision, oldest first."""
    now = utcnow()
    stmt = (
        select(
            Application.id,
            Application.status,
            Application.channel,
            Application.support_areas,
            Application.submitted_at,
            Family.id,
            Family.name,
            Family.municipality,
        )
        .join(Family, Family.id == Application.family_id)
        .where(col(Application.status).in_(QUEUE_STATUSES))
        .order_by(col(Application.submitted_at))
    )
    queue = [
        {
            "application_id": application_id,
            "family_id": family_id,
            "name": name,
            "municipality": municipality,
            "status": status,
            "channel": channel,
            "areas": [a for a in areas.split(",") if a],
            "days_waiting": (now - submitted_at).days,
        }
        for (
            application_id,
            status,
            channel,
            areas,
            submitted_at,
            family_id,
            name,
            municipality,
        ) in session.exec(stmt)
    ]
    return queue


def application_queue(session: Session, user: User, ip: str = "") -> list[dict]:
    """The queue for workers to read (decisions are the supervisor's)."""
    require_staff(user)
    queue = _queue(session)
    log_families(session, user, [q["family_id"] for q in queue], "view_queue", ip)
    session.commit()
    return queue


def overview(session: Session, user: User, ip: str = "") -> dict:
    """The supervisor's overview: the application queue and active families per worker."""
    require_supervisor(user)
    queue = _queue(session)
    active = dict(
        session.exec(
            select(Family.worker_id, func.count())
            .where(Family.status == "active", col(Family.worker_id).is_not(None))
            .group_by(Family.worker_id)
        ).all()
    )
    workers = [
        {"id": worker_id, "name": name, "active": active.get(worker_id, 0)}
        for worker_id, name in session.exec(
            select(User.id, User.display_name)
            .where(User.role == "worker", User.is_active == True)  # noqa: E712
            .order_by(col(User.display_name))
        )
    ]
    log_families(session, user, [q["family_id"] for q in queue], "view_queue", ip)
    session.commit()
    return {"queue": queue, "workers": workers}
