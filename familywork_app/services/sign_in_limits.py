"""Delays on sign-in attempts (password, second factor, current password, together-mode
password) that slow guessing without letting anyone's failures shut other people out.

Two limits, both over the failures of the last `FAILURE_WINDOW` (15 minutes), both delays and
never a lock-out (OWASP ASVS 4.0 V2.2.1, NIST SP 800-63B 5.2.2):

- Per account. After `ACCOUNT_FREE_FAILURES` (10) failures for one e-mail, from any address,
  the next attempt for that e-mail waits 1 s after its last failure; each further failure
  doubles the wait (2, 4, 8 …) up to `ACCOUNT_MAX_WAIT_SECONDS` (300 s).
- Per address, only against many accounts (password spraying, credential stuffing). Once
  failures for `ADDRESS_FREE_ACCOUNTS` (20) distinct e-mails have come from one address, every
  attempt from it waits 1 s after the address's last failure, doubling with each further
  distinct e-mail up to `ADDRESS_MAX_WAIT_SECONDS` (60 s). One account's failures, however
  many, count once: one person's typos, or an attack on one account, slow only that account.
  20 accounts failing within 15 minutes is beyond what an honest shared address (a county
  office, carrier-grade NAT) reaches. Without an address (`ip` empty) only the account limit
  applies.

So a right password is never refused because of other accounts' failures from the same
address, except while that address is spraying: then it passes after the address's wait (at
most 60 s). A free pass for accounts without failures of their own would leave unlimited the
one guess per account that spraying needs, and checking the password before deciding would tell
the attacker which guess was right; a short delay keeps both closed.

An attempt refused because of a wait is not checked and not recorded, only logged: waiting
attempts neither extend the wait nor count as failures. Each hit goes to the security log with
a digest of the e-mail, never the address itself. The clock is this module's `utcnow` (tests
move it): the waits and the recorded attempts' times both come from it.
"""

import hashlib
import logging
from datetime import UTC, datetime, timedelta

from sqlalchemy import ColumnElement, false
from sqlmodel import Session, col, func, select

from familywork_app.models import SignInAttempt, utcnow
from familywork_app.services import ServiceError

security_log = logging.getLogger("familywork.security")

FAILURE_WINDOW = timedelta(minutes=15)
ACCOUNT_FREE_FAILURES = 10  # failures for one e-mail before its waits start
ACCOUNT_MAX_WAIT_SECONDS = 300
ADDRESS_FREE_ACCOUNTS = 20  # distinct e-mails failing from one address before its waits start
ADDRESS_MAX_WAIT_SECONDS = 60
# The names of the account limit from before the address limit existed.
FREE_FAILURES = ACCOUNT_FREE_FAILURES
MAX_WAIT_SECONDS = ACCOUNT_MAX_WAIT_SECONDS


class TooManyAttempts(ServiceError):
    """Too many recent failures for this e-mail or address: wait `seconds` and try again."""

    def __init__(self, seconds: int, field: str = "") -> None:
        super().__init__("signin.wait", field=field)
        self.seconds = seconds


def delay_left(count: int, free: int, cap: int, last: datetime | None, now: datetime) -> int:
    """Seconds still to wait after `count` counted failures, the last at `last`: none below
    `free`, then 1 s at `free`, doubling with each one more, at most `cap`."""
    if count < free or last is None:
        return 0
    if last.tzinfo is None:  # SQLite aggregates come back naive
        last = last.replace(tzinfo=UTC)
    wait = min(2 ** min(count - free, 16), cap)
    return max(0, int(wait - (now - last).total_seconds() + 0.999))


def _failures(
    session: Session, where: ColumnElement[bool], since: datetime, distinct_emails: bool
) -> tuple[int, datetime | None]:
    """How many failures since `since` match `where` (or how many distinct e-mails they are
    for), and when the last one was."""
    counted = func.count(col(SignInAttempt.email).distinct()) if distinct_emails else func.count()
    stmt = select(counted, func.max(SignInAttempt.at)).where(
        where, col(SignInAttempt.success) == false(), SignInAttempt.at >= since
    )
    return session.exec(stmt).one()


def _wait(session: Session, email: str, ip: str) -> tuple[int, str]:
    """The longer of the account's and the address's waits, and which limit it is."""
    now = utcnow()
    since = now - FAILURE_WINDOW
    failures, last = _failures(session, col(SignInAttempt.email) == email, since, False)
    account = delay_left(failures, ACCOUNT_FREE_FAILURES, ACCOUNT_MAX_WAIT_SECONDS, last, now)
    if not ip:
        return account, "account"
    accounts, last = _failures(session, col(SignInAttempt.ip) == ip[:64], since, True)
    address = delay_left(accounts, ADDRESS_FREE_ACCOUNTS, ADDRESS_MAX_WAIT_SECONDS, last, now)
    return (account, "account") if account >= address else (address, "address")


def wait_seconds(session: Session, email: str, ip: str) -> int:
    """How long this e-mail/address must still wait before the next attempt is checked."""
    return _wait(session, email, ip)[0]


def email_digest(email: str) -> str:
    """A short SHA-256 of an e-mail address, for logs that must not hold the address itself."""
    return hashlib.sha256(email.encode("utf-8")).hexdigest()[:16]


def log_limit_hit(
    email: str, ip: str, waiting: int, what: str = "password", limit: str = "account"
) -> None:
    """Write a warning to the security log when an attempt meets a sign-in delay."""
    security_log.warning(
        "sign-in limit hit: check=%s limit=%s email_sha256=%s ip=%s wait=%ss",
        what,
        limit,
        email_digest(email),
        ip or "-",
        waiting,
    )


def record_attempt(session: Session, email: str, ip: str, ok: bool) -> None:
    """Add one checked attempt (password, second factor or current password); caller commits."""
    session.add(SignInAttempt(email=email, ip=ip[:64], success=ok, at=utcnow()))


def check_limit(session: Session, email: str, ip: str, what: str) -> int:
    """The wait still due for `email`/`ip`; when > 0 the attempt is only logged (not recorded:
    the caller refuses it unchecked, and it does not lengthen anyone's wait)."""
    waiting, limit = _wait(session, email, ip)
    if waiting:
        log_limit_hit(email, ip, waiting, what, limit)
    return waiting
