"""Whom a notification concerns (see `notifications`): the other side of the one who acted (the
family's worker when a guardian acted, else the family's guardians), or all of the family's
guardians. Active accounts only; the actor is left out later, when the recipients become
delivery targets.
"""

from enum import StrEnum

from sqlmodel import Session, col, select

from familywork_app.domain import Role
from familywork_app.models import Family, FamilyGuardian, User


class Recipients(StrEnum):
    """Whom a change concerns: the other side of the actor, or the family's guardians."""

    OTHER_SIDE = "other_side"
    GUARDIANS = "guardians"


def family_guardians(session: Session, family_id: int) -> list[User]:
    """The family's active guardians, in the order of their accounts."""
    return list(
        session.exec(
            select(User)
            .join(FamilyGuardian, col(FamilyGuardian.user_id) == User.id)
            .where(FamilyGuardian.family_id == family_id, col(User.is_active).is_(True))
            .order_by(col(User.id))
        )
    )


def _worker(session: Session, family: Family) -> list[User]:
    worker = session.get(User, family.worker_id) if family.worker_id else None
    return [worker] if worker is not None and worker.is_active else []


def other_side(session: Session, actor_id: int, family_id: int) -> list[User]:
    """The family's worker when the actor is a guardian, else the family's guardians."""
    actor, family = session.get(User, actor_id), session.get(Family, family_id)
    if actor is None or family is None:
        return []
    if actor.role == Role.GUARDIAN:
        return _worker(session, family)
    return family_guardians(session, family_id)


def recipients(
    session: Session, actor_id: int, family_id: int, everyone_of: Recipients
) -> list[User]:
    """The accounts a change concerns, by `everyone_of`."""
    if everyone_of == Recipients.GUARDIANS:
        return family_guardians(session, family_id)
    return other_side(session, actor_id, family_id)
