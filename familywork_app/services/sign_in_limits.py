"""The brute-force delay on sign-in attempts (password, second factor, current password,
together-mode PIN): every attempt is recorded, and after `FREE_FAILURES` recent failures for an
e-mail or an address each further one doubles the wait, capped at `MAX_WAIT_SECONDS` (never a
lock-out). Hits are written to the security log with a digest of the e-mail, never the address.
"""

import hashlib
import logging
from datetime import UTC, datetime, timedelta

from sqlalchemy import false
from sqlmodel import Session, col, func, select

from familywork_app.models import SignInAttempt, utcnow
from familywork_app.services import ServiceError

security_log = logging.getLogger("familywork.security")

FAILURE_WINDOW = timedelta(minutes=15)
FREE_FAILURES = 10  # then each further failure doubles the wait, capped (never a lock-out)
MAX_WAIT_SECONDS = 300


class TooManyAttempts(ServiceError):
    """Too many recent failures for this e-mail or address: wait `seconds` and try again."""

    def __init__(self, seconds: int, field: str = "") -> None:
        super().__init__("signin.wait", field=field)
        self.seconds = seconds


def _recent_failures(session: Session, email: str, ip: str) -> tuple[int, datetime | None]:
    """The failures in the window (and the last one's time), for the e-mail or the address,
    whichever has more."""
    since = utcnow() - FAILURE_WINDOW
    conditions = [col(SignInAttempt.email) == email]
    if ip:
        conditions.append(col(SignInAttempt.ip) == ip)
    counts: list[tuple[int, datetime | None]] = []
    for condition in conditions:
        stmt = select(func.count(), func.max(SignInAttempt.at)).where(
            condition, col(SignInAttempt.success) == false(), SignInAttempt.at >= since
        )
        counts.append(session.exec(stmt).one())
    return max(counts, key=lambda count: count[0])


def wait_seconds(session: Session, email: str, ip: str) -> int:
    """How long this e-mail/address must still wait before the next attempt is checked."""
    failures, last = _recent_failures(session, email, ip)
    if failures < FREE_FAILURES or last is None:
        return 0
    wait = min(2 ** (failures - FREE_FAILURES), MAX_WAIT_SECONDS)
    if last.tzinfo is None:  # SQLite aggregates may come back naive
        last = last.replace(tzinfo=UTC)
    remaining = wait - (utcnow() - last).total_seconds()
    return max(0, int(remaining + 0.999))


def email_digest(email: str) -> str:
    """A short SHA-256 of an e-mail address, for logs that must not hold the address itself."""
    return hashlib.sha256(email.encode("utf-8")).hexdigest()[:16]


def log_limit_hit(email: str, ip: str, waiting: int, what: str = "password") -> None:
    """Write a warning to the security log when an attempt meets the brute-force delay."""
    security_log.warning(
        "sign-in limit hit: check=%s email_sha256=%s ip=%s wait=%ss",
        what,
        email_digest(email),
        ip or "-",
        waiting,
    )


def record_attempt(session: Session, email: str, ip: str, ok: bool) -> None:
    """Add one attempt row (password, second factor or current password); caller commits."""
    session.add(SignInAttempt(email=email, ip=ip[:64], success=ok))


def check_limit(session: Session, email: str, ip: str, what: str) -> int:
    """The wait still due for `email`/`ip`; when > 0 the attempt is logged, recorded, committed."""
    waiting = wait_seconds(session, email, ip)
    if waiting:
        log_limit_hit(email, ip, waiting, what)
        record_attempt(session, email, ip, False)
        session.commit()
    return waiting
