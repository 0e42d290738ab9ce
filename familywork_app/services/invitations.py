"""A guardian invites the family's other guardian: a single-use link that expires in 7 days.

The invitee opens the link, gives their name and a password, and joins the same family space
with their own login.
"""

from dataclasses import dataclass
from datetime import timedelta

from sqlmodel import Session, col, select

from familywork_app import routes
from familywork_app.domain import (
    FamilyStatus,
    Language,
    LogAction,
    Role,
    TokenPurpose,
    language_or_default,
)
from familywork_app.models import Family, FamilyGuardian, OneTimeToken, User, utcnow
from familywork_app.services import ServiceError
from familywork_app.services.access_log import log_access
from familywork_app.services.auth import email_problem, normalise_email
from familywork_app.services.family_home import own_family
from familywork_app.services.mailer import public_url, send_mail
from familywork_app.services.policy import saved_id
from familywork_app.services.security import hash_password, new_token, password_problem, token_hash

INVITATION_DAYS = 7
PURPOSE = TokenPurpose.GUARDIAN_INVITE


@dataclass(frozen=True, slots=True)
class FamilyMembers:
    """Who shares the family space (names only) and the addresses invited but not yet joined."""

    guardians: tuple[str, ...]
    pending: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Invitation:
    """What the invitation page may show before sign-up."""

    email: str
    family_name: str


def family_members(session: Session, user: User, ip: str = "") -> FamilyMembers:
    """The guardians of the user's family (names only) and open invitations' addresses."""
    family = own_family(session, user)
    guardians = session.exec(
        select(User)
        .join(FamilyGuardian, col(FamilyGuardian.user_id) == User.id)
        .where(FamilyGuardian.family_id == family.id)
    ).all()
    pending = session.exec(
        select(OneTimeToken).where(
            OneTimeToken.family_id == family.id,
            OneTimeToken.purpose == PURPOSE,
            col(OneTimeToken.used_at).is_(None),
            OneTimeToken.expires_at > utcnow(),
        )
    ).all()
    log_access(session, user, family.id, LogAction.VIEW_MEMBERS, ip=ip)
    session.commit()
    return FamilyMembers(
        guardians=tuple(g.display_name for g in guardians),
        pending=tuple(p.email for p in pending),
    )


def invite_guardian(session: Session, user: User, email: object, ip: str = "") -> None:
    """Create the invitation and e-mail its link (guardians of an open family only)."""
    family = own_family(session, user)
    if family.status == FamilyStatus.CLOSED:
        raise ServiceError("error.not_allowed")
    address = normalise_email(email)
    if problem := email_problem(address):
        raise ServiceError(problem, field="email")
    if session.exec(select(User).where(User.email == address)).first():
        raise ServiceError("error.email_unavailable", field="email")
    token = new_token()
    session.add(
        OneTimeToken(
            purpose=PURPOSE,
            token_hash=token_hash(token),
            family_id=saved_id(family.id),
            email=address,
            created_by_id=saved_id(user.id),
            expires_at=utcnow() + timedelta(days=INVITATION_DAYS),
        )
    )
    log_access(session, user, family.id, LogAction.INVITE_GUARDIAN, ip=ip)
    session.commit()
    send_mail(
        address,
        "Perhetyö: kutsu / inbjudan / invitation",
        f"{user.display_name} kutsuu sinut perheen yhteiseen perhetyön asiointiin.\n"
        f"{user.display_name} bjuder in dig till familjens e-tjänst för familjearbete.\n"
        f"{user.display_name} invites you to the family's family work space.\n\n"
        f"{public_url(routes.INVITE)}?token={token}\n",
    )


def _open_invitation(session: Session, token: object) -> OneTimeToken | None:
    if not isinstance(token, str) or not 20 <= len(token) <= 100:
        return None
    row = session.exec(
        select(OneTimeToken).where(
            OneTimeToken.token_hash == token_hash(token), OneTimeToken.purpose == PURPOSE
        )
    ).first()
    if row is None or row.used_at is not None or row.expires_at <= utcnow():
        return None
    return row


def invitation_info(session: Session, token: object) -> Invitation | None:
    """What the invitation page may show before sign-up: the address and the family name."""
    row = _open_invitation(session, token)
    family = session.get(Family, row.family_id) if row is not None and row.family_id else None
    if row is None or family is None:
        return None
    return Invitation(email=row.email, family_name=family.name)


def accept_invitation(
    session: Session,
    token: object,
    name: object,
    password: object,
    language: Language | str = Language.FI,
    ip: str = "",
) -> User:
    """Create the invitee's account, link it to the family and use up the invitation."""
    row = _open_invitation(session, token)
    if row is None:
        raise ServiceError("error.invitation_invalid")
    display = name.strip() if isinstance(name, str) else ""
    if not display or len(display) > 120:
        raise ServiceError("error.name_required", field="name")
    if problem := password_problem(password):
        raise ServiceError(problem, field="password")
    assert isinstance(password, str)  # password_problem refuses anything else
    if row.family_id is None or session.exec(select(User).where(User.email == row.email)).first():
        raise ServiceError("error.invitation_invalid")
    user = User(
        email=row.email,
        password_hash=hash_password(password),
        role=Role.GUARDIAN,
        display_name=display,
        language=language_or_default(language),
    )
    session.add(user)
    session.flush()
    session.add(FamilyGuardian(family_id=row.family_id, user_id=saved_id(user.id)))
    row.used_at = utcnow()
    log_access(session, user, row.family_id, LogAction.ACCEPT_INVITATION, ip=ip)
    session.commit()
    return user
