"""Sign-in, server-side sessions and single-use sign-in tickets.

The browser never holds anything but a random session token in an HttpOnly cookie; the database
holds only its SHA-256. Every event resolves the user from that token again (`resolve_session`).
Password attempts meet the brute-force delay of `sign_in_limits`.
"""

import re
from dataclasses import dataclass
from datetime import timedelta
from typing import TypeGuard

from sqlalchemy import bindparam, event
from sqlalchemy.orm import Session as OrmSession
from sqlmodel import Session, col, select

from familywork_app import config
from familywork_app.domain import Role, TokenPurpose
from familywork_app.models import (
    AuthSession,
    OneTimeToken,
    TogetherSession,
    User,
    utcnow,
)
from familywork_app.services.policy import saved_id
from familywork_app.services.security import new_token, token_hash, verify_password
from familywork_app.services.sign_in_limits import check_limit, record_attempt

SIGNIN_TICKET_SECONDS = 60
_LAST_SEEN_RESOLUTION = timedelta(seconds=30)


@dataclass(frozen=True, slots=True)
class SignInResult:
    """The outcome of a password check: the user when it was right."""

    user: User | None = None
    wait_seconds: int = 0  # > 0: too many recent failures, try again after this long


EMAIL_RE = re.compile(r"^[^@\s]{1,64}@[^@\s]+\.[^@\s]{2,}$")


def email_problem(email: str) -> str:
    """The i18n key of what is wrong with an e-mail address, or ''."""
    if not email:
        return "error.required_email"
    if len(email) > 254 or not EMAIL_RE.match(email):
        return "error.invalid_email"
    return ""


def normalise_email(email: object) -> str:
    return email.strip().lower()[:254] if isinstance(email, str) else ""


def authenticate(session: Session, email: object, password: object, ip: str = "") -> SignInResult:
    """Check an e-mail and password; same work whether or not the e-mail exists."""
    address = normalise_email(email)
    waiting = check_limit(session, address, ip, "password")
    if waiting:
        return SignInResult(wait_seconds=waiting)
    user = session.exec(select(User).where(User.email == address)).first() if address else None
    ok = verify_password(
        password if isinstance(password, str) else "", user.password_hash if user else None
    )
    ok = ok and user is not None and user.is_active
    record_attempt(session, address, ip, ok)
    session.commit()
    return SignInResult(user=user if ok else None)


def issue_signin_ticket(session: Session, user: User) -> str:
    """A one-minute, single-use ticket the browser trades for the session cookie."""
    ticket = new_token()
    session.add(
        OneTimeToken(
            purpose=TokenPurpose.SIGNIN,
            token_hash=token_hash(ticket),
            user_id=saved_id(user.id),
            expires_at=utcnow() + timedelta(seconds=SIGNIN_TICKET_SECONDS),
        )
    )
    session.commit()
    return ticket


def pending_user(session: Session, user_id: int) -> User | None:
    """The account whose password was right a moment ago (the sign-in page keeps only its id
    between the steps), while it is still active."""
    user = session.get(User, user_id) if user_id else None
    return user if user is not None and user.is_active else None


def _lifetimes(user: User) -> tuple[timedelta, timedelta]:
    """How long a session may stay idle, and live at most, for this user's role."""
    if user.role == Role.GUARDIAN:
        return (
            timedelta(minutes=config.GUARDIAN_IDLE_MINUTES),
            timedelta(minutes=config.GUARDIAN_ABSOLUTE_MINUTES),
        )
    return (
        timedelta(minutes=config.STAFF_IDLE_MINUTES),
        timedelta(minutes=config.STAFF_ABSOLUTE_MINUTES),
    )


def redeem_signin_ticket(
    session: Session, ticket: object, user_agent: str = "", ip: str = ""
) -> tuple[str, User] | None:
    """Trade a valid ticket for a new session token (a new token at every sign-in)."""
    if not _well_formed(ticket):
        return None
    row = session.exec(
        select(OneTimeToken).where(
            OneTimeToken.token_hash == token_hash(ticket),
            OneTimeToken.purpose == TokenPurpose.SIGNIN,
        )
    ).first()
    if row is None or row.used_at is not None or row.expires_at <= utcnow():
        return None
    user = session.get(User, row.user_id)
    if user is None or not user.is_active:
        return None
    row.used_at = utcnow()
    token = new_token()
    _idle, absolute = _lifetimes(user)
    session.add(
        AuthSession(
            user_id=saved_id(user.id),
            token_hash=token_hash(token),
            expires_at=utcnow() + absolute,
            user_agent=user_agent[:300],
            ip=ip[:64],
        )
    )
    session.commit()
    return token, user


# Built once: every event resolves its session, and building a statement costs more than
# running it on an indexed column.
_SESSION_AND_USER = (
    select(AuthSession, User)
    .join(User, col(User.id) == AuthSession.user_id)
    .where(AuthSession.token_hash == bindparam("token_hash"), col(AuthSession.ended_at).is_(None))
)
_OPEN_LOCK_ID = (
    select(TogetherSession.id)
    .where(
        TogetherSession.auth_session_id == bindparam("auth_session_id"),
        col(TogetherSession.ended_at).is_(None),
    )
    .limit(1)
)
_RESOLVED = "familywork.resolved_sessions"  # session.info key of resolve_session_once


def _well_formed(token: object) -> TypeGuard[str]:
    """Whether `token` looks like one of ours (random, URL-safe, 20 to 100 characters)."""
    return isinstance(token, str) and 20 <= len(token) <= 100


def resolve_session(session: Session, token: object, *, together: bool = False) -> User | None:
    """The active user of a live session token, or None (ended, expired, idle, deactivated).

    A staff session locked in together mode (services.together) resolves only when `together`
    is asked for: the together-mode page is all such a session can reach."""
    if not _well_formed(token):
        return None
    found = session.exec(_SESSION_AND_USER, params={"token_hash": token_hash(token)}).first()
    if found is None:
        return None
    row, user = found
    now = utcnow()
    if not user.is_active:
        return None
    idle, _absolute = _lifetimes(user)
    if row.expires_at <= now or row.last_seen_at + idle <= now:
        row.ended_at = now
        session.commit()
        return None
    if now - row.last_seen_at > _LAST_SEEN_RESOLUTION:
        row.last_seen_at = now
        session.commit()
    if (
        not together
        and user.role != Role.GUARDIAN
        and session.exec(_OPEN_LOCK_ID, params={"auth_session_id": row.id}).first() is not None
    ):
        return None
    return user


def resolve_session_once(session: Session, token: object, *, together: bool = False) -> User | None:
    """`resolve_session`, remembered for the rest of this database session.

    For callers whose database session lives for one event or request only (the app's event
    handlers resolve the user in their guard and again in the service call). Any change to a
    session, user or together-mode row in this database session forgets what was remembered."""
    memo: dict[tuple[str, bool], User | None] = session.info.setdefault(_RESOLVED, {})
    key = (token if isinstance(token, str) else "", together)
    if key not in memo:
        memo[key] = resolve_session(session, token, together=together)
    return memo[key]


@event.listens_for(OrmSession, "after_flush")
def _forget_resolved(session: OrmSession, _flush_context: object) -> None:
    if _RESOLVED in session.info and any(
        isinstance(obj, (AuthSession, User, TogetherSession))
        for obj in (*session.new, *session.dirty, *session.deleted)
    ):
        del session.info[_RESOLVED]


def open_session_row(session: Session, token: object) -> AuthSession | None:
    """The not-yet-ended session row of a well-formed token (lifetimes are not checked here)."""
    if not _well_formed(token):
        return None
    row = session.exec(
        select(AuthSession).where(AuthSession.token_hash == token_hash(token))
    ).first()
    return row if row is not None and row.ended_at is None else None


def open_lock(session: Session, auth_session_id: int) -> TogetherSession | None:
    """The open together mode (services.together) of a sign-in session, if any."""
    return session.exec(
        select(TogetherSession).where(
            TogetherSession.auth_session_id == auth_session_id,
            col(TogetherSession.ended_at).is_(None),
        )
    ).first()


def _locked(session: Session, auth_session_id: int) -> bool:
    return open_lock(session, auth_session_id) is not None


def is_locked(session: Session, token: object) -> bool:
    """Whether this live session token is locked in together mode."""
    row = open_session_row(session, token)
    return row is not None and _locked(session, saved_id(row.id))


def end_session(session: Session, token: object) -> None:
    """Sign out: the token stops working at once."""
    row = open_session_row(session, token)
    if row is not None:
        row.ended_at = utcnow()
        session.commit()


def end_all_sessions(session: Session, user_id: int, keep_token: object = "") -> int:
    """End every live session of a user (password change, deactivation), except the one of
    `keep_token` if given. Returns how many ended."""
    keep = token_hash(keep_token) if isinstance(keep_token, str) and keep_token else ""
    rows = session.exec(
        select(AuthSession).where(
            AuthSession.user_id == user_id, col(AuthSession.ended_at).is_(None)
        )
    ).all()
    rows = [row for row in rows if row.token_hash != keep]
    for row in rows:
        row.ended_at = utcnow()
    session.commit()
    return len(rows)


def live_sessions(session: Session, user: User) -> list[AuthSession]:
    """The user's sessions that still work (not ended, expired or idle), newest use first."""
    idle, _absolute = _lifetimes(user)
    now = utcnow()
    rows = session.exec(
        select(AuthSession)
        .where(
            AuthSession.user_id == user.id,
            col(AuthSession.ended_at).is_(None),
            AuthSession.expires_at > now,
            AuthSession.last_seen_at > now - idle,
        )
        .order_by(col(AuthSession.last_seen_at).desc(), col(AuthSession.id).desc())
    ).all()
    return list(rows)
