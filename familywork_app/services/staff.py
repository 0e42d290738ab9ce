"""Staff accounts: the supervisor lists, invites and deactivates workers; anyone holding a
set-password link (an invited worker, a guardian whose application staff registered) sets
their password with it.

These touch no family's data; inviting and deactivating are still logged (without a family).
"""

from dataclasses import dataclass
from datetime import timedelta

from sqlmodel import Session, col, select

from familywork_app import routes
from familywork_app.domain import LogAction, Role, TokenPurpose
from familywork_app.models import OneTimeToken, User, utcnow
from familywork_app.services import NotAllowed, ServiceError
from familywork_app.services.access_log import log_access
from familywork_app.services.auth import email_problem, end_all_sessions, normalise_email
from familywork_app.services.caseload import active_family_counts
from familywork_app.services.mailer import public_url, send_mail
from familywork_app.services.policy import (
    STAFF_ROLES,
    acting_user,
    require_supervisor,
    saved_id,
    valid_id,
)
from familywork_app.services.security import hash_password, new_token, password_problem, token_hash

LINK_DAYS = 7
SET_PASSWORD_PATH = routes.SET_PASSWORD
LINK_PURPOSES = (TokenPurpose.SET_PASSWORD, TokenPurpose.STAFF_INVITE)
# Links from "forgot password" (services.password_reset).
RESET_PURPOSES = (TokenPurpose.PASSWORD_RESET,)
NAME_MAX = 120


@dataclass(frozen=True, slots=True)
class StaffRow:
    """A worker or supervisor on the staff page."""

    id: int
    name: str
    email: str
    role: Role
    is_active: bool
    active_families: int


def new_password_token(
    session: Session,
    purpose: TokenPurpose,
    user: User,
    created_by: User,
    family_id: int | None = None,
) -> str:
    """A 7-day single-use set-password token for `user` (added, not committed)."""
    token = new_token()
    session.add(
        OneTimeToken(
            purpose=purpose,
            token_hash=token_hash(token),
            user_id=user.id,
            family_id=family_id,
            email=user.email,
            created_by_id=created_by.id,
            expires_at=utcnow() + timedelta(days=LINK_DAYS),
        )
    )
    return token


def password_link(token: str) -> str:
    """The absolute link that opens the set-password page for `token`."""
    return public_url(f"{SET_PASSWORD_PATH}?token={token}")


def staff_list(session: Session, user: User, ip: str = "") -> list[StaffRow]:
    """Workers and supervisors, deactivated ones included, by name."""
    require_supervisor(acting_user(user, ip))
    rows = session.exec(
        select(User)
        .where(col(User.role).in_(STAFF_ROLES))
        .order_by(col(User.display_name), col(User.id))
    ).all()
    active = active_family_counts(session)
    return [
        StaffRow(
            id=saved_id(u.id),
            name=u.display_name,
            email=u.email,
            role=Role(u.role),
            is_active=u.is_active,
            active_families=active.get(saved_id(u.id), 0),
        )
        for u in rows
    ]


def _new_staff_fields(session: Session, email: object, name: object) -> tuple[str, str]:
    address = normalise_email(email)
    if problem := email_problem(address):
        raise ServiceError(problem, field="email")
    if session.exec(select(User).where(User.email == address)).first():
        raise ServiceError("error.email_unavailable", field="email")
    display = name.strip() if isinstance(name, str) else ""
    if not display or len(display) > NAME_MAX:
        raise ServiceError("error.name_required", field="name")
    return address, display


def invite_worker(session: Session, user: User, email: object, name: object, ip: str = "") -> None:
    """Create a worker's account (no password yet) and e-mail a 7-day set-password link."""
    require_supervisor(acting_user(user, ip))
    address, display = _new_staff_fields(session, email, name)
    worker = User(email=address, password_hash=None, role=Role.WORKER, display_name=display)
    session.add(worker)
    session.flush()
    token = new_password_token(session, TokenPurpose.STAFF_INVITE, worker, user)
    log_access(session, user, None, LogAction.INVITE_WORKER, detail=f"user {worker.id}", ip=ip)
    session.commit()
    send_mail(
        address,
        "Perhetyö: käyttäjätunnus / användarkonto / account",
        f"{user.display_name} on luonut sinulle perhetyön työntekijän tunnuksen.\n"
        f"{user.display_name} har skapat ett konto för dig som familjearbetare.\n"
        f"{user.display_name} has created a family worker account for you.\n\n"
        f"{password_link(token)}\n",
    )


def deactivate_staff(session: Session, user: User, staff_id: object, ip: str = "") -> None:
    """Deactivate a worker or supervisor (not oneself); their sessions end at once."""
    require_supervisor(acting_user(user, ip))
    target = session.get(User, valid_id(staff_id))
    if target is None or target.role not in STAFF_ROLES:
        raise NotAllowed()
    if target.id == user.id:
        raise ServiceError("error.invalid", field="staff")
    target.is_active = False
    log_access(session, user, None, LogAction.DEACTIVATE_STAFF, detail=f"user {target.id}", ip=ip)
    session.commit()
    end_all_sessions(session, saved_id(target.id))


def _open_link(
    session: Session, token: object, purposes: tuple[TokenPurpose, ...] = LINK_PURPOSES
) -> tuple[OneTimeToken, User]:
    if not isinstance(token, str) or not 20 <= len(token) <= 100:
        raise ServiceError("error.invitation_invalid")
    if purposes not in (LINK_PURPOSES, RESET_PURPOSES):
        raise ServiceError("error.invitation_invalid")
    row = session.exec(
        select(OneTimeToken).where(
            OneTimeToken.token_hash == token_hash(token), col(OneTimeToken.purpose).in_(purposes)
        )
    ).first()
    if row is None or row.used_at is not None or row.expires_at <= utcnow():
        raise ServiceError("error.invitation_invalid")
    account = session.get(User, row.user_id) if row.user_id else None
    if account is None or not account.is_active:
        raise ServiceError("error.invitation_invalid")
    return row, account


def set_password_with_token(
    session: Session,
    token: object,
    password: object,
    purposes: tuple[TokenPurpose, ...] = LINK_PURPOSES,
) -> User:
    """Set the password of the link's account and use the link up; other sessions end.

    `purposes`: the invitation links (default) or the password-reset links (RESET_PURPOSES)."""
    row, account = _open_link(session, token, purposes)
    text = password if isinstance(password, str) else ""  # not text: "too short"
    if problem := password_problem(text):
        raise ServiceError(problem, field="password")
    account.password_hash = hash_password(text)
    row.used_at = utcnow()
    session.commit()
    end_all_sessions(session, saved_id(account.id))
    return account


def token_is_open(
    session: Session, token: object, purposes: tuple[TokenPurpose, ...] = LINK_PURPOSES
) -> bool:
    """Whether a set-password link can still be used (for the page before the form)."""
    try:
        _open_link(session, token, purposes)
    except ServiceError:
        return False
    return True
