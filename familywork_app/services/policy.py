"""Who may do what to which family: the one place that answers it.

Roles: a guardian sees only their own family; a worker only families assigned to them; a
supervisor every family plus assignment and staff; a deactivated user nothing.
Unknown ids and forbidden ids raise the same NotAllowed, so ids cannot be probed.
"""

from typing import Literal, Protocol, TypeGuard, TypeVar

from sqlalchemy import bindparam
from sqlmodel import Session, select

from familywork_app.domain import STAFF_ROLES, FamilyStatus, Role
from familywork_app.models import Family, FamilyGuardian, User
from familywork_app.services import NotAllowed, ServiceError

MAX_ID = 2**31 - 1  # ids are 32-bit integers on PostgreSQL: larger ones would be a DB error

Side = Literal["guardian", "staff"]


class FamilyRow(Protocol):
    """A table row that belongs to one family (meeting, goal, application...)."""

    @property
    def family_id(self) -> int: ...


R = TypeVar("R", bound=FamilyRow)


def valid_id(value: object) -> int:
    """A positive integer id, or NotAllowed (strings, bools, floats and dicts are refused)."""
    if not isinstance(value, int) or isinstance(value, bool) or not 0 < value <= MAX_ID:
        raise NotAllowed()
    return value


def saved_id(row_id: int | None) -> int:
    """The id of a row read from (or flushed to) the database, which is never None there; a row
    that was never saved is refused like any unknown row."""
    if row_id is None:
        raise NotAllowed()
    return row_id


def side(user: User) -> Side:
    """Which side of the family work a user is on: "guardian" or "staff"."""
    return side_of_role(user.role)


def side_of_role(role: str) -> Side:
    """The side of a role: "guardian" or "staff"."""
    return "guardian" if role == Role.GUARDIAN else "staff"


def acting_user(user: object, ip: object) -> User:
    """The acting user, if it is a user at all; `ip` must be a string."""
    if not isinstance(user, User):
        raise NotAllowed()
    if not isinstance(ip, str):
        raise ServiceError("error.invalid", field="ip")
    return user


def is_active(user: User | None) -> TypeGuard[User]:
    return user is not None and user.is_active


def is_staff(user: User | None) -> TypeGuard[User]:
    return is_active(user) and user.role in STAFF_ROLES


def is_supervisor(user: User | None) -> TypeGuard[User]:
    return is_active(user) and user.role == Role.SUPERVISOR


def require_staff(user: User | None) -> User:
    if not is_staff(user):
        raise NotAllowed()
    return user


def require_supervisor(user: User | None) -> User:
    if not is_supervisor(user):
        raise NotAllowed()
    return user


_GUARDIAN_FAMILY = (
    select(FamilyGuardian.family_id).where(FamilyGuardian.user_id == bindparam("user_id")).limit(1)
)
_FAMILY_OF = "familywork.guardian_family"  # session.info key: user id -> family id


def guardian_family_id(session: Session, user: User) -> int | None:
    """The family a guardian belongs to (a guardian has one family space).

    Found links are remembered for the database session: a link is never moved or removed."""
    known: dict[int | None, int] = session.info.setdefault(_FAMILY_OF, {})
    if user.id not in known:
        family_id = session.exec(_GUARDIAN_FAMILY, params={"user_id": user.id}).first()
        if family_id is None:
            return None
        known[user.id] = family_id
    return known[user.id]


def may_view_family(session: Session, user: User | None, family: Family | None) -> bool:
    if family is None or not is_active(user):
        return False
    if user.role == Role.SUPERVISOR:
        return True
    if user.role == Role.WORKER:
        return family.worker_id == user.id
    if user.role == Role.GUARDIAN:
        return guardian_family_id(session, user) == family.id
    return False


def require_family(
    session: Session, user: User | None, family_id: object, *, change: bool = False
) -> Family:
    """The family if `user` may see it (and change it, when `change`), else NotAllowed.

    A closed family stays readable, but only staff may still change its record.
    """
    family = session.get(Family, valid_id(family_id))
    if family is None or user is None or not may_view_family(session, user, family):
        raise NotAllowed()
    if change and family.status == FamilyStatus.CLOSED and user.role == Role.GUARDIAN:
        raise NotAllowed()
    return family


def require_record(
    session: Session, user: User | None, model: type[R], record_id: object, *, change: bool = False
) -> R:
    """A row of a table with a `family_id` (meeting, goal...) if its family passes the policy."""
    record = session.get(model, valid_id(record_id))
    if record is None:
        raise NotAllowed()
    require_family(session, user, record.family_id, change=change)
    return record


def active_worker(session: Session, worker_id: object) -> User:
    """An active family worker by id, or the "choose a worker" error."""
    try:
        worker = session.get(User, valid_id(worker_id))
    except NotAllowed:
        worker = None
    if worker is None or worker.role != Role.WORKER or not worker.is_active:
        raise ServiceError("error.worker_required", field="worker")
    return worker
