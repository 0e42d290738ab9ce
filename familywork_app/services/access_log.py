"""The append-only access log (käyttöloki): one row per read or change of a family's data.

There is deliberately no function here that updates or deletes a row.
"""

from sqlmodel import Session, col, select

from familywork_app.models import AccessLog, User


def log_access(session: Session, user: User | None, family_id: int | None, action: str,
               detail: str = "", ip: str = "") -> None:
    """Add one access-log row; it is committed with the caller's transaction."""
    session.add(AccessLog(
        user_id=user.id if user else None,
        role=user.role if user else "",
        family_id=family_id,
        action=action[:40],
        detail=detail[:200],
        ip=ip[:64],
    ))


def family_log(session: Session, family_id: int, limit: int = 200) -> list[AccessLog]:
    """The newest rows about one family (the caller has been authorised)."""
    stmt = (select(AccessLog).where(AccessLog.family_id == family_id)
            .order_by(col(AccessLog.at).desc()).limit(limit))
    return list(session.exec(stmt))
