"""Supervisor look-ups: find a family by name or municipality, and the workers to assign."""

from sqlmodel import Session, col, func, select

from familywork_app.models import Family, User
from familywork_app.services.access_log import log_access
from familywork_app.services.policy import acting_user, require_supervisor

MAX_RESULTS = 20


def find_families(session: Session, user: User, query: object, ip: str = "") -> list[dict]:
    """Up to 20 families whose name or municipality starts with `query` (2+ characters)."""
    require_supervisor(acting_user(user, ip))
    text = query.strip().lower()[:60] if isinstance(query, str) else ""
    text = text.replace("\\", "").replace("%", "").replace("_", "")  # no LIKE wildcards
    if len(text) < 2:
        return []
    pattern = text + "%"
    rows = session.exec(
        select(Family, User.display_name)
        .join(User, User.id == Family.worker_id, isouter=True)
        .where(
            (func.lower(Family.name).like(pattern))
            | (func.lower(Family.municipality).like(pattern))
        )
        .order_by(col(Family.name))
        .limit(MAX_RESULTS)
    ).all()
    for family, _worker in rows:
        log_access(session, user, family.id, "search_family", ip=ip)
    session.commit()
    return [
        {
            "id": f.id,
            "name": f.name,
            "municipality": f.municipality,
            "status": f.status,
            "worker_name": worker or "",
        }
        for f, worker in rows
    ]


def active_workers(session: Session, user: User) -> list[dict]:
    """Active workers by name (no family data: nothing to log)."""
    require_supervisor(user)
    workers = session.exec(
        select(User)
        .where(User.role == "worker", User.is_active == True)  # noqa: E712
        .order_by(col(User.display_name))
    ).all()
    return [{"id": w.id, "name": w.display_name} for w in workers]
