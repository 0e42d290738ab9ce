"""The append-only access log (käyttöloki): one row per read or change of a family's data.

There is deliberately no function here that updates or deletes a row.
"""

from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from typing import Any

from sqlalchemy import insert, inspect, literal
from sqlalchemy import select as select_columns  # more columns than sqlmodel's overloads
from sqlmodel import Session, col, select

from familywork_app.domain import LogAction, Role
from familywork_app.models import AccessLog, Family, User, utcnow
from familywork_app.services.policy import acting_user, require_supervisor

SEARCH_LIMIT = 500


@dataclass(frozen=True, slots=True)
class LogEntry:
    """One access-log row as the supervisor's search shows it."""

    at: datetime
    who: str  # the user's name ("" when no user)
    email: str
    role: Role | None
    family: str  # the family's name ("" for a row without a family)
    action: str
    detail: str
    ip: str


def _row(
    user: User | None, family_id: int | None, action: LogAction, detail: str, ip: str
) -> dict[str, Any]:
    """The column values of one new row (for an INSERT); an action that is not a `LogAction`
    (one without a readable name) is refused at once."""
    action = LogAction(action)
    return {
        "user_id": user.id if user else None,
        "role": user.role if user else None,
        "family_id": family_id,
        "action": action[:40],
        "detail": detail[:200],
        "ip": ip[:64],
    }


def log_access(
    session: Session,
    user: User | None,
    family_id: int | None,
    action: LogAction,
    detail: str = "",
    ip: str = "",
) -> None:
    """Add one access-log row; it is committed with the caller's transaction."""
    session.add(AccessLog(**_row(user, family_id, action, detail, ip)))


def log_families(
    session: Session, user: User, family_ids: list[int], action: LogAction, ip: str = ""
) -> None:
    """One row per family listed, as a single INSERT ... SELECT over the families (lists of
    thousands of families stay one statement, with no per-row parameters); committed with the
    caller's transaction."""
    if not family_ids:
        return
    fixed = {"at": utcnow(), **_row(user, None, action, "", ip)}
    del fixed["family_id"]
    # each value as its column's type (the enum and UTC decorators apply)
    table = inspect(AccessLog).local_table
    chosen = select_columns(
        *[literal(value, type_=table.c[name].type).label(name) for name, value in fixed.items()],
        col(Family.id).label("family_id"),
    ).where(col(Family.id).in_(family_ids))
    # INSERT ... SELECT: one statement and no per-row parameters, however long the list
    session.connection().execute(insert(AccessLog).from_select([*fixed, "family_id"], chosen))


def search_log(
    session: Session,
    user: User,
    *,
    family_name: object = "",
    email: object = "",
    day_from: object = None,
    day_to: object = None,
    ip: str = "",
) -> list[LogEntry]:
    """Supervisors search the log by family, by user and by date (newest first, at most 500).

    The search itself is logged: one row, naming the family when the search was for one."""
    require_supervisor(acting_user(user, ip))
    stmt = (
        select(AccessLog, User, Family)
        .join(User, col(User.id) == AccessLog.user_id, isouter=True)
        .join(Family, col(Family.id) == AccessLog.family_id, isouter=True)
    )
    if isinstance(family_name, str) and family_name.strip():
        stmt = stmt.where(Family.name == family_name.strip()[:120])
    if isinstance(email, str) and email.strip():
        stmt = stmt.where(User.email == email.strip().lower()[:254])
    if isinstance(day_from, date):
        stmt = stmt.where(AccessLog.at >= datetime.combine(day_from, time.min, UTC))
    if isinstance(day_to, date):
        stmt = stmt.where(AccessLog.at < datetime.combine(day_to, time.max, UTC))
    rows = session.exec(stmt.order_by(col(AccessLog.at).desc()).limit(SEARCH_LIMIT)).all()
    families = {r.family_id for r, _user, _family in rows if r.family_id}
    log_access(
        session,
        user,
        families.pop() if len(families) == 1 else None,
        LogAction.SEARCH_ACCESS_LOG,
        detail=f"{len(rows)} rows",
        ip=ip,
    )
    session.commit()
    return [
        LogEntry(
            at=r.at,
            who=who.display_name if who else "",
            email=who.email if who else "",
            role=Role(r.role) if r.role else None,
            family=family.name if family else "",
            action=r.action,
            detail=r.detail,
            ip=r.ip,
        )
        for r, who, family in rows
    ]
