"""Supervisor look-ups: find a family by name or municipality, and the workers to assign."""

from dataclasses import dataclass

from sqlmodel import Session, col, func, select

from familywork_app.domain import FamilyStatus, LogAction, Municipality
from familywork_app.models import Family, User
from familywork_app.services.access_log import log_access
from familywork_app.services.caseload import worker_accounts
from familywork_app.services.policy import acting_user, require_supervisor, saved_id

MAX_RESULTS = 20
QUERY_MAX = 60


@dataclass(frozen=True, slots=True)
class FamilyFound:
    """A family matching the supervisor's search."""

    id: int
    name: str
    municipality: Municipality
    status: FamilyStatus
    worker_name: str  # "" when no worker is assigned


@dataclass(frozen=True, slots=True)
class WorkerName:
    """An active worker a family can be given to."""

    id: int
    name: str


def find_families(session: Session, user: User, query: object, ip: str = "") -> list[FamilyFound]:
    """Up to 20 families whose name or municipality starts with `query` (2+ characters)."""
    require_supervisor(acting_user(user, ip))
    text = query.strip().lower()[:QUERY_MAX] if isinstance(query, str) else ""
    text = text.replace("\\", "").replace("%", "").replace("_", "")  # no LIKE wildcards
    if len(text) < 2:
        return []
    pattern = text + "%"
    rows = session.exec(
        select(Family, User)
        .join(User, col(User.id) == Family.worker_id, isouter=True)
        .where(
            (func.lower(Family.name).like(pattern))
            | (func.lower(Family.municipality).like(pattern))
        )
        .order_by(col(Family.name))
        .limit(MAX_RESULTS)
    ).all()
    found = [
        FamilyFound(
            id=saved_id(family.id),
            name=family.name,
            municipality=Municipality(family.municipality),
            status=FamilyStatus(family.status),
            worker_name=worker.display_name if worker else "",
        )
        for family, worker in rows
    ]
    for family in found:
        log_access(session, user, family.id, LogAction.SEARCH_FAMILY, ip=ip)
    session.commit()
    return found


def active_workers(session: Session, user: User) -> list[WorkerName]:
    """Active workers by name (no family data: nothing to log)."""
    require_supervisor(user)
    return [WorkerName(id=saved_id(w.id), name=w.display_name) for w in worker_accounts(session)]
