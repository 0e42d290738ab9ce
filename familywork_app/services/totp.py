"""The staff second factor: RFC 6238 time-based codes (pyotp) and single-use recovery codes.

Workers and supervisors sign in with their password and then a six-digit code from an
authenticator app (or one of ten recovery codes, stored as SHA-256). A staff member without a
second factor enrols at their first sign-in: the app shows a new secret, and it is saved only once
the person has typed a code their app made from it. Each code is accepted once (the last accepted
time step is kept); wrong codes count as failed sign-in attempts, so the brute-force delays of
`sign_in_limits` apply to them too.

`python -m familywork_app.services.totp code [SECRET]` prints the current code (of the demo
secret unless another is given).
"""

import hmac
import re
import secrets
import sys
import time
from dataclasses import dataclass

import pyotp
import segno
from pyotp.totp import TOTP
from sqlmodel import Session, col, select

from familywork_app.models import RecoveryCode, User, utcnow
from familywork_app.services import NotAllowed, ServiceError
from familywork_app.services.policy import STAFF_ROLES, acting_user, saved_id
from familywork_app.services.secret_box import seal, unseal
from familywork_app.services.security import token_hash
from familywork_app.services.sign_in_limits import check_limit, record_attempt

ISSUER = "Perhetyö"
STEP_SECONDS = 30
DIGITS = 6
VALID_WINDOW = 1  # the previous and the next 30-second step are accepted too (clock drift)
RECOVERY_CODE_COUNT = 10
_RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"  # no 0/o, 1/l/i
# The demo staff accounts share this secret (see README); never used outside the demo data.
DEMO_SECRET = "PERHETYODEMOTOTPKAINUUKAJAANI234"
_SECRET_RE = re.compile(r"^[A-Z2-7]{32}$")


@dataclass(frozen=True, slots=True)
class CodeResult:
    """The outcome of a second-factor code (or of confirming an enrolment)."""

    ok: bool = False
    wait_seconds: int = 0  # > 0: too many recent failures, try again after this long
    recovery_codes: tuple[str, ...] = ()  # only right after enrolment


def needs_second_factor(user: User) -> bool:
    """Workers and supervisors sign in with a second factor; guardians do not."""
    return user.role in STAFF_ROLES


def is_enrolled(user: User) -> bool:
    """Whether the user has a confirmed second factor."""
    return bool(user.totp_secret) and user.totp_enabled_at is not None


def new_secret() -> str:
    """A random base32 secret of 160 bits (32 characters)."""
    return pyotp.random_base32(32)


def provisioning_uri(secret: str, email: str) -> str:
    """The otpauth:// address an authenticator app reads (from a QR code or a link)."""
    return TOTP(secret).provisioning_uri(name=email, issuer_name=ISSUER)


def qr_data_uri(uri: str) -> str:
    """The otpauth address as an SVG QR code in a data: URI (drawn here, nothing fetched)."""
    return segno.make(uri, error="m").svg_data_uri(scale=4, border=2)


def current_step(now: float | None = None) -> int:
    """The 30-second time step of `now` (default: this moment)."""
    return int((time.time() if now is None else now) // STEP_SECONDS)


def code_at(secret: str, step: int) -> str:
    """The code of one 30-second time step."""
    return TOTP(secret).generate_otp(step)


def current_code(secret: str = DEMO_SECRET) -> str:
    """The code of this moment (the demo secret's, unless another is given)."""
    return code_at(secret, current_step())


def _clean(code: object) -> str:
    """A typed code without spaces and dashes, lower-case ("" for anything but short text)."""
    if not isinstance(code, str) or len(code) > 40:
        return ""
    return re.sub(r"[\s-]", "", code).lower()


def _matching_step(secret: str, code: str, last_step: int | None) -> int | None:
    """The time step `code` belongs to, within the window and after the last accepted one."""
    if len(code) != DIGITS or not code.isdigit():
        return None
    now = current_step()
    match = None
    for step in range(now - VALID_WINDOW, now + VALID_WINDOW + 1):
        if hmac.compare_digest(code_at(secret, step), code):
            match = step
    if match is None or (last_step is not None and match <= last_step):
        return None
    return match


def _new_recovery_codes(session: Session, user: User) -> tuple[str, ...]:
    """Replace the user's recovery codes with ten new ones; returns them (shown once)."""
    for old in session.exec(select(RecoveryCode).where(RecoveryCode.user_id == user.id)).all():
        session.delete(old)
    codes: list[str] = []
    for _ in range(RECOVERY_CODE_COUNT):
        raw = "".join(secrets.choice(_RECOVERY_ALPHABET) for _ in range(10))
        codes.append(f"{raw[:5]}-{raw[5:]}")
        session.add(RecoveryCode(user_id=saved_id(user.id), code_hash=token_hash(raw)))
    return tuple(codes)


def _use_recovery_code(session: Session, user: User, code: str) -> bool:
    if len(code) != 10:
        return False
    row = session.exec(
        select(RecoveryCode).where(
            RecoveryCode.user_id == user.id,
            RecoveryCode.code_hash == token_hash(code),
            col(RecoveryCode.used_at).is_(None),
        )
    ).first()
    if row is None:
        return False
    row.used_at = utcnow()
    return True


def _staff(user: object, ip: object) -> User:
    """The acting user if an active staff member (who signs in with a second factor)."""
    acting = acting_user(user, ip)
    if not needs_second_factor(acting) or not acting.is_active:
        raise NotAllowed()
    return acting


def confirm_enrolment(
    session: Session, user: User, secret: object, code: object, ip: str = ""
) -> CodeResult:
    """Save `secret` as the user's second factor once `code` proves their app has it.

    Only for staff without a second factor yet (an enrolled factor cannot be replaced here).
    On success the result carries the ten new recovery codes, to show once."""
    user = _staff(user, ip)
    if is_enrolled(user):
        raise NotAllowed()
    if not isinstance(secret, str) or not _SECRET_RE.match(secret):
        raise ServiceError("error.invalid", field="code")
    if waiting := check_limit(session, user.email, ip, "second factor enrolment"):
        return CodeResult(wait_seconds=waiting)
    step = _matching_step(secret, _clean(code), None)
    record_attempt(session, user.email, ip, step is not None)
    if step is None:
        session.commit()
        return CodeResult()
    user.totp_secret, user.totp_enabled_at, user.totp_last_step = seal(secret), utcnow(), step
    codes = _new_recovery_codes(session, user)
    session.commit()
    return CodeResult(ok=True, recovery_codes=codes)


def verify_code(session: Session, user: User, code: object, ip: str = "") -> CodeResult:
    """Check a code from the authenticator app, or an unused recovery code (used up here)."""
    user = _staff(user, ip)
    secret = unseal(user.totp_secret) if is_enrolled(user) else None
    if secret is None:
        raise NotAllowed()
    if waiting := check_limit(session, user.email, ip, "second factor"):
        return CodeResult(wait_seconds=waiting)
    text = _clean(code)
    step = _matching_step(secret, text, user.totp_last_step)
    if step is not None:
        user.totp_last_step = step
        ok = True
    else:
        ok = _use_recovery_code(session, user, text)
    record_attempt(session, user.email, ip, ok)
    session.commit()
    return CodeResult(ok=ok)


def unused_recovery_codes(session: Session, user: User) -> int:
    """How many of the user's recovery codes are still unused."""
    return len(
        session.exec(
            select(RecoveryCode.id).where(
                RecoveryCode.user_id == user.id, col(RecoveryCode.used_at).is_(None)
            )
        ).all()
    )


def main(argv: list[str]) -> int:
    """`code [SECRET]`: print the current code of SECRET (default: the demo staff secret)."""
    if not argv or argv[0] != "code" or len(argv) > 2:
        print("usage: python -m familywork_app.services.totp code [SECRET]", file=sys.stderr)
        return 2
    secret = argv[1].strip().upper().replace(" ", "") if len(argv) == 2 else DEMO_SECRET
    print(current_code(secret))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
