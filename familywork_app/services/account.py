"""The signed-in person's own account: their live sessions and a password change.

Anyone signed in (guardian, worker, supervisor) sees their own sessions only, may end any of
them but the current one (that is sign-out), and may change their password with the current one;
the change ends every other session. Wrong current passwords count as failed sign-in attempts.
"""

import re
from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session

from familywork_app.models import AuthSession, User, utcnow
from familywork_app.services import NotAllowed, ServiceError
from familywork_app.services.auth import end_all_sessions, live_sessions
from familywork_app.services.policy import acting_user, saved_id, valid_id
from familywork_app.services.security import (
    hash_password,
    password_problem,
    token_hash,
    verify_password,
)
from familywork_app.services.sign_in_limits import TooManyAttempts, check_limit, record_attempt

_BROWSERS = (
    ("Edg/", "Edge"),
    ("OPR/", "Opera"),
    ("SamsungBrowser/", "Samsung Internet"),
    ("Firefox/", "Firefox"),
    ("FxiOS/", "Firefox"),
    ("CriOS/", "Chrome"),
    ("Chrome/", "Chrome"),
    ("Safari/", "Safari"),
)
_SYSTEMS = (
    ("Android", "Android"),
    ("iPhone", "iOS"),
    ("iPad", "iPadOS"),
    ("Windows", "Windows"),
    ("Mac OS X", "macOS"),
    ("CrOS", "ChromeOS"),
    ("Linux", "Linux"),
)


def describe_user_agent(user_agent: str) -> str:
    """A short 'browser, system' for a User-Agent header (or the header itself, shortened)."""
    browser = next((name for mark, name in _BROWSERS if mark in user_agent), "")
    system = next((name for mark, name in _SYSTEMS if mark in user_agent), "")
    described = ", ".join(part for part in (browser, system) if part)
    return described or re.sub(r"\s+", " ", user_agent).strip()[:80]


@dataclass(frozen=True, slots=True)
class MySession:
    """One of the signed-in person's live sessions, as the account page lists it."""

    id: int
    created_at: datetime
    last_seen_at: datetime
    user_agent: str
    device: str  # "Chrome, Linux": the user agent, described
    ip: str
    current: bool  # this browser's own session


def _signed_in(user: object, ip: object) -> User:
    acting = acting_user(user, ip)
    if not acting.is_active:
        raise NotAllowed()
    return acting


def my_sessions(
    session: Session, user: User, current_token: object, ip: str = ""
) -> list[MySession]:
    """The user's live sessions, most recently used first; `current` marks this browser's."""
    user = _signed_in(user, ip)
    current = token_hash(current_token) if isinstance(current_token, str) else ""
    return [
        MySession(
            id=saved_id(row.id),
            created_at=row.created_at,
            last_seen_at=row.last_seen_at,
            user_agent=row.user_agent,
            device=describe_user_agent(row.user_agent),
            ip=row.ip,
            current=row.token_hash == current,
        )
        for row in live_sessions(session, user)
    ]


def end_my_session(
    session: Session, user: User, session_id: object, current_token: object, ip: str = ""
) -> None:
    """End one of the user's other sessions: that browser is signed out at its next step."""
    user = _signed_in(user, ip)
    row = session.get(AuthSession, valid_id(session_id))
    if row is None or row.user_id != user.id:
        raise NotAllowed()
    if isinstance(current_token, str) and row.token_hash == token_hash(current_token):
        raise ServiceError("error.invalid", field="list")  # this one: use sign-out
    if row.ended_at is None:
        row.ended_at = utcnow()
        session.commit()


def change_password(
    session: Session,
    user: User,
    current_password: object,
    new_password: object,
    current_token: object,
    ip: str = "",
) -> int:
    """Change the password (the current one must be right); ends every other session.

    Returns how many other sessions ended. Raises ServiceError with field "current" or "new",
    or TooManyAttempts after many wrong passwords."""
    user = _signed_in(user, ip)
    if not isinstance(current_password, str) or not current_password:
        raise ServiceError("error.required_password", field="current")
    if waiting := check_limit(session, user.email, ip, "password change"):
        raise TooManyAttempts(waiting, field="current")
    ok = verify_password(current_password, user.password_hash)
    record_attempt(session, user.email, ip, ok)
    session.commit()
    if not ok:
        raise ServiceError("error.current_password_wrong", field="current")
    if problem := password_problem(new_password):
        raise ServiceError(problem, field="new")
    assert isinstance(new_password, str)  # password_problem refuses anything else
    user.password_hash = hash_password(new_password)
    session.add(user)
    session.commit()
    return end_all_sessions(session, saved_id(user.id), keep_token=current_token)
