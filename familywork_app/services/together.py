"""Together mode: the worker hands the tablet to the family for one activity at a time.

Starting it locks the worker's signed-in session to one family: `auth.resolve_session` then
refuses that session everywhere except the together-mode page, so neither the caseload nor
another family's data can be reached from the tablet — whatever is typed in the address bar or
sent over the websocket. Ending it needs the worker: the PIN they set at the start (only its
argon2 hash is kept; five wrong PINs and only the password works) or their password (under the
same brute-force delays as sign-in).
"""

import re
from dataclasses import dataclass

from sqlmodel import Session, col, select

from familywork_app.domain import FamilyStatus, LogAction
from familywork_app.models import AuthSession, Child, FamilyGuardian, TogetherSession, User, utcnow
from familywork_app.services import NotAllowed, ServiceError
from familywork_app.services.access_log import log_access
from familywork_app.services.auth import open_lock, open_session_row
from familywork_app.services.method_rows import Person
from familywork_app.services.policy import acting_user, require_family, require_staff, saved_id
from familywork_app.services.security import hash_password, verify_password
from familywork_app.services.sign_in_limits import check_limit, record_attempt

PIN_RE = re.compile(r"[0-9]{4,8}")
MAX_PIN_FAILURES = 5


@dataclass(frozen=True, slots=True)
class TogetherFamily:
    """The locked family as the tablet shows it: its name and who is in it, by first name."""

    family_id: int
    family_name: str
    guardians: tuple[Person, ...]
    children: tuple[Person, ...]


def _auth_session(session: Session, token: object) -> AuthSession:
    row = open_session_row(session, token)
    if row is None:
        raise NotAllowed()
    return row


def current(session: Session, user: User | None, token: object) -> TogetherSession | None:
    """The open together mode of this user's session `token`, or None."""
    if user is None:
        return None
    try:
        row = _auth_session(session, token)
    except NotAllowed:
        return None
    lock = open_lock(session, saved_id(row.id))
    return lock if lock is not None and lock.worker_id == user.id else None


def start(
    session: Session, user: User, family_id: object, pin: object, token: object, ip: str = ""
) -> int:
    """Lock this session to the family (assigned worker or supervisor, family active)."""
    require_staff(acting_user(user, ip))
    family = require_family(session, user, family_id, change=True)
    if family.status != FamilyStatus.ACTIVE:
        raise ServiceError("together.family_not_active")
    if not isinstance(pin, str) or not PIN_RE.fullmatch(pin.strip()):
        raise ServiceError("together.pin_invalid", field="pin")
    row = _auth_session(session, token)
    if row.user_id != user.id or open_lock(session, saved_id(row.id)) is not None:
        raise NotAllowed()
    session.add(
        TogetherSession(
            auth_session_id=saved_id(row.id),
            family_id=saved_id(family.id),
            worker_id=saved_id(user.id),
            pin_hash=hash_password(pin.strip()),
        )
    )
    log_access(session, user, family.id, LogAction.START_TOGETHER, ip=ip)
    session.commit()
    return saved_id(family.id)


def family_people(
    session: Session, user: User, lock: TogetherSession | None, ip: str = ""
) -> TogetherFamily:
    """Who is in the family, for choosing who answers and for the role map (first names only)."""
    if lock is None:
        raise NotAllowed()
    family = require_family(session, user, lock.family_id, change=True)
    guardians = session.exec(
        select(User)
        .join(FamilyGuardian, col(FamilyGuardian.user_id) == col(User.id))
        .where(FamilyGuardian.family_id == family.id)
        .order_by(col(User.id))
    ).all()
    children = session.exec(
        select(Child)
        .where(Child.family_id == family.id)
        .order_by(col(Child.birth_year), col(Child.id))
    ).all()
    log_access(session, user, family.id, LogAction.VIEW_TOGETHER, ip=ip)
    session.commit()
    return TogetherFamily(
        family_id=saved_id(family.id),
        family_name=family.name,
        guardians=tuple(Person(saved_id(g.id), g.display_name.split(" ")[0]) for g in guardians),
        children=tuple(Person(saved_id(c.id), c.first_name) for c in children),
    )


def _pin_ok(lock: TogetherSession, secret: str) -> bool:
    if lock.failed_unlocks >= MAX_PIN_FAILURES:
        return False
    return verify_password(secret, lock.pin_hash)


def end(session: Session, user: User, token: object, secret: object, ip: str = "") -> int:
    """Leave together mode with the worker's PIN or password; returns the family id."""
    lock = current(session, acting_user(user, ip), token)
    if lock is None:
        raise NotAllowed()
    if not isinstance(secret, str) or not secret.strip() or len(secret) > 200:
        raise ServiceError("together.unlock_required", field="secret")
    secret = secret.strip()
    if PIN_RE.fullmatch(secret):  # a PIN (passwords are longer: see security.password_problem)
        ok = _pin_ok(lock, secret)
    else:
        if check_limit(session, user.email, ip, "together"):
            raise ServiceError("together.unlock_wait", field="secret")
        ok = verify_password(secret, user.password_hash)
        record_attempt(session, user.email, ip, ok)
    if not ok:
        lock.failed_unlocks += 1
        session.add(lock)
        session.commit()
        raise ServiceError("together.unlock_wrong", field="secret")
    lock.ended_at = utcnow()
    session.add(lock)
    log_access(session, user, lock.family_id, LogAction.END_TOGETHER, ip=ip)
    session.commit()
    return lock.family_id
