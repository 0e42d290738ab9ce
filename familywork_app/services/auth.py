"""Sign-in, server-side sessions and single-use sign-in tickets.

The browser never holds anything but a random session token in an HttpOnly cookie; the database
holds only its SHA-256. Every event resolves the user from that token again (`resolve_session`).
"""

import re
from dataclasses import dataclass
from datetime import timedelta, timezone

from sqlmodel import Session, col, func, select

from familywork_app import config
from familywork_app.models import AuthSession, OneTimeToken, SignInAttempt, User, utcnow
from familywork_app.services.security import new_token, token_hash, verify_password

SIGNIN_TICKET_SECONDS = 60
FAILURE_WINDOW = timedelta(minutes=15)
FREE_FAILURES = 10  # then each further failure doubles the wait, capped (never a lock-out)
MAX_WAIT_SECONDS = 300
_LAST_SEEN_RESOLUTION = timedelta(seconds=30)


@dataclass
class SignInResult:
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


def _recent_failures(session: Session, email: str, ip: str) -> tuple[int, object]:
    since = utcnow() - FAILURE_WINDOW
    conditions = [SignInAttempt.email == email]
    if ip:
        conditions.append(SignInAttempt.ip == ip)
    counts = []
    for condition in conditions:
        stmt = select(func.count(), func.max(SignInAttempt.at)).where(
            condition, SignInAttempt.success == False, SignInAttempt.at >= since)  # noqa: E712
        counts.append(session.exec(stmt).one())
    worst = max(counts, key=lambda c: c[0])
    return worst[0], worst[1]


def wait_seconds(session: Session, email: str, ip: str) -> int:
    """How long this e-mail/address must still wait before the next attempt is checked."""
    failures, last = _recent_failures(session, email, ip)
    if failures < FREE_FAILURES or last is None:
        return 0
    wait = min(2 ** (failures - FREE_FAILURES), MAX_WAIT_SECONDS)
    if last.tzinfo is None:  # SQLite aggregates may come back naive
        last = last.replace(tzinfo=timezone.utc)
    remaining = wait - (utcnow() - last).total_seconds()
    return max(0, int(remaining + 0.999))


def authenticate(session: Session, email: object, password: object, ip: str = "") -> SignInResult:
    """Check an e-mail and password; same work whether or not the e-mail exists."""
    address = normalise_email(email)
    waiting = wait_seconds(session, address, ip)
    if waiting:
        session.add(SignInAttempt(email=address, ip=ip[:64], success=False))
        session.commit()
        return SignInResult(wait_seconds=waiting)
    user = session.exec(select(User).where(User.email == address)).first() if address else None
    ok = verify_password(password if isinstance(password, str) else "",
                         user.password_hash if user else None)
    ok = ok and user is not None and user.is_active
    session.add(SignInAttempt(email=address, ip=ip[:64], success=ok))
    session.commit()
    return SignInResult(user=user if ok else None)


def issue_signin_ticket(session: Session, user: User) -> str:
    """A one-minute, single-use ticket the browser trades for the session cookie."""
    ticket = new_token()
    session.add(OneTimeToken(purpose="signin", token_hash=token_hash(ticket), user_id=user.id,
                             expires_at=utcnow() + timedelta(seconds=SIGNIN_TICKET_SECONDS)))
    session.commit()
    return ticket


def _lifetimes(user: User) -> tuple[timedelta, timedelta]:
    if user.role == "guardian":
        return (timedelta(minutes=config.GUARDIAN_IDLE_MINUTES),
                timedelta(minutes=config.GUARDIAN_ABSOLUTE_MINUTES))
    return (timedelta(minutes=config.STAFF_IDLE_MINUTES),
            timedelta(minutes=config.STAFF_ABSOLUTE_MINUTES))


def redeem_signin_ticket(session: Session, ticket: object, user_agent: str = "",
                         ip: str = "") -> tuple[str, User] | None:
    """Trade a valid ticket for a new session token (a new token at every sign-in)."""
    if not isinstance(ticket, str) or not 20 <= len(ticket) <= 100:
        return None
    row = session.exec(select(OneTimeToken).where(
        OneTimeToken.token_hash == token_hash(ticket), OneTimeToken.purpose == "signin")).first()
    if row is None or row.used_at is not None or row.expires_at <= utcnow():
        return None
    user = session.get(User, row.user_id)
    if user is None or not user.is_active:
        return None
    row.used_at = utcnow()
    token = new_token()
    _idle, absolute = _lifetimes(user)
    session.add(AuthSession(user_id=user.id, token_hash=token_hash(token),
                            expires_at=utcnow() + absolute,
                            user_agent=user_agent[:300], ip=ip[:64]))
    session.commit()
    return token, user


def resolve_session(session: Session, token: object) -> User | None:
    """The active user of a live session token, or None (ended, expired, idle, deactivated)."""
    if not isinstance(token, str) or not 20 <= len(token) <= 100:
        return None
    row = session.exec(select(AuthSession).where(
        AuthSession.token_hash == token_hash(token))).first()
    if row is None or row.ended_at is not None:
        return None
    user = session.get(User, row.user_id)
    now = utcnow()
    if user is None or not user.is_active:
        return None
    idle, _absolute = _lifetimes(user)
    if row.expires_at <= now or row.last_seen_at + idle <= now:
        row.ended_at = now
        session.commit()
        return None
    if now - row.last_seen_at > _LAST_SEEN_RESOLUTION:
        row.last_seen_at = now
        session.commit()
    return user


def end_session(session: Session, token: object) -> None:
    """Sign out: the token stops working at once."""
    if not isinstance(token, str):
        return
    row = session.exec(select(AuthSession).where(
        AuthSession.token_hash == token_hash(token))).first()
    if row is not None and row.ended_at is None:
        row.ended_at = utcnow()
        session.commit()


def end_all_sessions(session: Session, user_id: int) -> int:
    """End every live session of a user (password change, deactivation). Returns how many."""
    rows = session.exec(select(AuthSession).where(
        AuthSession.user_id == user_id, col(AuthSession.ended_at).is_(None))).all()
    for row in rows:
        row.ended_at = utcnow()
    session.commit()
    return len(rows)
