"""Who may do what to which family: the one place that answers it.

Roles: a guardian sees only their own family; a worker only families assigned to them; a
supervisor every family plus assignment and staff; a deactivated user nothing.
Unknown ids and forbidden ids raise the same NotAllowed, so ids cannot be probed.
"""

from sqlmodel import Session, select

from familywork_app.models import Family, FamilyGuardian, User
from familywork_app.services import NotAllowed

STAFF_ROLES = ("worker", "supervisor")


def is_active(user: User | None) -> bool:
    return user is not None and user.is_active


def is_staff(user: User | None) -> bool:
    return is_active(user) and user.role in STAFF_ROLES


def is_supervisor(user: User | None) -> bool:
    return is_active(user) and user.role == "supervisor"


def require_staff(user: User | None) -> User:
    if not is_staff(user):
        raise NotAllowed()
    return user


def require_supervisor(user: User | None) -> User:
    if not is_supervisor(user):
        raise NotAllowed()
    return user


def guardian_family_id(session: Session, user: User) -> int | None:
    """The family a guardian belongs to (a guardian has one family space)."""
    link = session.exec(select(FamilyGuardian).where(FamilyGuardian.user_id == user.id)).first()
    return link.family_id if link else None


def may_view_family(session: Session, user: User | None, family: Family | None) -> bool:
    if family is None or not is_active(user):
        return False
    if user.role == "supervisor":
        return True
    if user.role == "worker":
        return family.worker_id == user.id
    if user.role == "guardian":
        return guardian_family_id(session, user) == family.id
    return False


def require_family(session: Session, user: User | None, family_id: object,
                   *, change: bool = False) -> Family:
    """The family if `user` may see it (and change it, when `change`), else NotAllowed.

    A closed family stays readable, but only staff may still change its record.
    """
    if not isinstance(family_id, int) or isinstance(family_id, bool) or family_id <= 0:
        raise NotAllowed()
    family = session.get(Family, family_id)
    if not may_view_family(session, user, family):
        raise NotAllowed()
    if change and family.status == "closed" and user.role == "guardian":
        raise NotAllowed()
    return family
