"""The append-only access log (käyttöloki): one row per read or change of a family's data.

There is deliberately no function here that updates or deletes a row.
"""

from datetime import UTC, date, datetime, time

from sqlalchemy import insert
from sqlmodel import Session, col, select

from familywork_app.models import AccessLog, Family, User, utcnow
from familywork_app.services.policy import acting_user, require_supervisor


def _row(user: User | None, family_id: int | None, action: str, detail: str, ip: str) -> dict:
    return {
        "user_id": user.id if user else None,
        "role": user.role if user else "",
        "family_id": family_id,
        "action": action[:40],
        "detail": detail[:200],
        "ip": ip[:64],
    }


def log_access(
    session: Session,
    user: User | None,
    family_id: int | None,
    action: str,
    detail: str = "",
    ip: str = "",
) -> None:
    """Add one access-log row; it is committed with the caller's transaction."""
    session.add(AccessLog(**_row(user, family_id, action, detail, ip)))


def log_families(
    session: Session, user: User, family_ids: list[int], action: str, ip: str = ""
) -> None:
    """One row per family listed, sent as a single executemany INSERT (lists of thousands of
    families stay one statement); committed with the caller's transaction."""
    if not family_ids:
        return
    at = utcnow()
    session.execute(
        insert(AccessLog),
        [{"at": at, **_row(user, family_id, action, "", ip)} for family_id in family_ids],
    )


def search_log(
    session: Session,
    user: User,
    *,
    family_name: object = "",
    email: object = "",
    day_from: object = None,
    day_to: object = None,
    ip: str = "",
) -> list[dict]:
    """Supervisors search the log by family, by user and by date (newest first, at most 500).

    The search itself is logged: one row, naming the family when the search was for one."""
    require_supervisor(acting_user(user, ip))
    stmt = (
        select(AccessLog, User.display_name, User.email, Family.name)
        .join(User, User.id == AccessLog.user_id, isouter=True)
        .join(Family, Family.id == AccessLog.family_id, isouter=True)
    )
    if isinstance(family_name, str) and family_name.strip():
        stmt = stmt.where(Family.name == family_name.strip()[:120])
    if isinstance(email, str) and email.strip():
        stmt = stmt.where(User.email == email.strip().lower()[:254])
    if isinstance(day_from, date):
        stmt = stmt.where(AccessLog.at >= datetime.combine(day_from, time.min, UTC))
    if isinstance(day_to, date):
        stmt = stmt.where(AccessLog.at < datetime.combine(day_to, time.max, UTC))
    rows = session.exec(stmt.order_by(col(AccessLog.at).desc()).limit(500)).all()
    families = {r.family_id for r, *_ in rows if r.family_id}
    log_access(
        session,
        user,
        families.pop() if len(families) == 1 else None,
        "search_access_log",
        detail=f"{len(rows)} rows",
        ip=ip,
    )
    session.commit()
    return [
        {
            "at": r.at,
            "who": name or "",
            "email": mail or "",
            "role": r.role,
            "family": fam or "",
            "action": r.action,
            "detail": r.detail,
            "ip": r.ip,
        }
        for r, name, mail, fam in rows
    ]
