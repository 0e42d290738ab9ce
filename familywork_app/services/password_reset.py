"""Forgotten password: a single-use link by e-mail that works for 30 minutes.

The answer to a request never tells whether the address has an account. Setting the new
password uses the link up, makes the account's other open reset links unusable and ends every
session of the account (`staff.set_password_with_token`). Staff still need their second factor
at the next sign-in.
"""

from datetime import timedelta

from sqlmodel import Session, col, select

from familywork_app import routes
from familywork_app.domain import TokenPurpose
from familywork_app.models import OneTimeToken, User, utcnow
from familywork_app.services import ServiceError
from familywork_app.services.auth import email_problem, normalise_email
from familywork_app.services.mailer import public_url, send_mail
from familywork_app.services.policy import saved_id
from familywork_app.services.security import new_token, token_hash
from familywork_app.services.staff import RESET_PURPOSES, set_password_with_token, token_is_open

PURPOSE = TokenPurpose.PASSWORD_RESET
LINK_MINUTES = 30
MAX_OPEN_LINKS = 3  # at most this many unused links per account at a time (no mail flooding)


def reset_link(token: str) -> str:
    """The absolute address of the reset page for `token`."""
    return public_url(f"{routes.RESET_PASSWORD}?token={token}")


def _open_links(session: Session, user: User) -> list[OneTimeToken]:
    return list(
        session.exec(
            select(OneTimeToken).where(
                OneTimeToken.user_id == user.id,
                OneTimeToken.purpose == PURPOSE,
                col(OneTimeToken.used_at).is_(None),
                OneTimeToken.expires_at > utcnow(),
            )
        ).all()
    )


def request_reset(session: Session, email: object, ip: str = "") -> None:
    """E-mail a reset link if the address belongs to an active account; otherwise nothing.

    Raises ServiceError only for a malformed address (said about the form, not the account)."""
    address = normalise_email(email)
    if problem := email_problem(address):
        raise ServiceError(problem, field="email")
    user = session.exec(select(User).where(User.email == address)).first()
    if user is None or not user.is_active or len(_open_links(session, user)) >= MAX_OPEN_LINKS:
        return
    token = new_token()
    session.add(
        OneTimeToken(
            purpose=PURPOSE,
            token_hash=token_hash(token),
            user_id=saved_id(user.id),
            email=user.email,
            expires_at=utcnow() + timedelta(minutes=LINK_MINUTES),
        )
    )
    session.commit()
    send_mail(
        user.email,
        "Perhetyö: salasanan vaihto / byte av lösenord / password reset",
        "Joku pyysi tämän osoitteen perhetyön tunnuksen salasanan vaihtoa. Linkki toimii "
        f"kerran ja {LINK_MINUTES} minuuttia. Jos et pyytänyt vaihtoa, älä tee mitään.\n"
        "Någon bad om att byta lösenordet för familjearbetets konto med den här adressen. "
        f"Länken fungerar en gång i {LINK_MINUTES} minuter. Om det inte var du, gör "
        "ingenting.\n"
        "Someone asked to reset the password of the family work account with this address. "
        f"The link works once, for {LINK_MINUTES} minutes. If it was not you, do nothing.\n\n"
        f"{reset_link(token)}\n",
    )


def reset_link_is_open(session: Session, token: object) -> bool:
    """Whether a reset link can still be used (for the page before the form)."""
    return token_is_open(session, token, RESET_PURPOSES)


def reset_password(session: Session, token: object, password: object) -> User:
    """Set a new password with a reset link; every session of the account ends."""
    user = set_password_with_token(session, token, password, RESET_PURPOSES)
    for row in _open_links(session, user):
        row.used_at = utcnow()
    session.commit()
    return user
