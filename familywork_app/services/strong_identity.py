"""Guardians' accounts and their Suomi.fi identification (issue 15).

The personal identity code (PIC) is kept only sealed (services.secret_box) with a keyed hash
beside it for look-up; it is never logged, and the guardian sees it masked (`010185-****`).
A first strong sign-in links to an existing guardian account once that account's password has
been given (`link_guardian`); afterwards Suomi.fi alone signs the guardian in (`linked_guardian`).
A strong sign-in writes an access-log row that names the sign-in as strong.
"""

import json
import logging
import time
from dataclasses import dataclass

from sqlmodel import Session, select

from familywork_app.domain import LogAction, Role
from familywork_app.models import FamilyGuardian, StrongIdentity, User, utcnow
from familywork_app.oidc_profile import Provider
from familywork_app.services import auth, secret_box
from familywork_app.services.access_log import log_access
from familywork_app.services.oidc_client import IdentityClaims, VerifiedIdentity
from familywork_app.services.policy import saved_id
from familywork_app.services.secret_box import keyed_hash, seal, unseal

security_log = logging.getLogger("familywork.security")

LINK_COOKIE = "fw_oidc_link"  # HttpOnly: a verified identity waiting to be linked or to apply
LINK_SECONDS = 600


@dataclass(frozen=True, slots=True)
class LinkResult:
    """The outcome of linking: the account, or the i18n key of why not (and any wait)."""

    user: User | None = None
    error: str = ""
    wait_seconds: int = 0


def pic_hash(pic: str) -> str:
    """The keyed look-up hash of a personal identity code."""
    return keyed_hash("pic", pic.strip().upper())


def subject_hash(provider: Provider, subject: str) -> str:
    """The keyed look-up hash of a provider's subject identifier."""
    return keyed_hash("sub", f"{provider.value}:{subject}")


def mask_pic(pic: str) -> str:
    """The code as the guardian sees it: date of birth and century sign, the rest hidden."""
    return f"{pic[:7]}****" if len(pic) >= 7 else "****"


def verified_name(identity: VerifiedIdentity) -> str:
    claims = identity.claims
    return (f"{claims.given_name} {claims.family_name}".strip() or claims.name)[:120]


def _record(db: Session, user: User, identity: VerifiedIdentity, ip: str) -> None:
    """Write the strong sign-in to the access log (one row per family of the guardian)."""
    families = db.exec(select(FamilyGuardian.family_id).where(FamilyGuardian.user_id == user.id))
    detail = f"{identity.provider.value} {identity.claims.acr.rsplit('/', 1)[-1]}"
    for family_id in families.all() or [None]:
        log_access(db, user, family_id, LogAction.STRONG_SIGN_IN, detail, ip)


def linked_user_id(db: Session, identity: VerifiedIdentity) -> int | None:
    """The account this person's identity code is linked to, if any."""
    code = identity.claims.personal_identity_code
    found = db.exec(select(StrongIdentity.user_id).where(StrongIdentity.pic_hash == pic_hash(code)))
    return found.first()


def linked_guardian(db: Session, identity: VerifiedIdentity, ip: str = "") -> User | None:
    """The active guardian account linked to this person, refreshed from the identity."""
    code = identity.claims.personal_identity_code
    link = db.exec(select(StrongIdentity).where(StrongIdentity.pic_hash == pic_hash(code))).first()
    user = db.get(User, link.user_id) if link is not None else None
    if link is None or user is None or not user.is_active or user.role != Role.GUARDIAN:
        return None
    link.verified_name = verified_name(identity)
    link.acr = identity.claims.acr
    link.last_sign_in_at = utcnow()
    _record(db, user, identity, ip)
    db.commit()
    return user


def link_guardian(
    db: Session, identity: VerifiedIdentity, email: object, password: object, ip: str = ""
) -> LinkResult:
    """Link this person to the guardian account whose password is given (once)."""
    checked = auth.authenticate(db, email, password, ip)
    if checked.wait_seconds:
        return LinkResult(error="signin.wait", wait_seconds=checked.wait_seconds)
    user = checked.user
    if user is None or user.role != Role.GUARDIAN:
        return LinkResult(error="identity.link.wrong_password")
    taken = db.exec(select(StrongIdentity).where(StrongIdentity.user_id == user.id)).first()
    code = identity.claims.personal_identity_code
    if (
        taken is not None
        or db.exec(select(StrongIdentity).where(StrongIdentity.pic_hash == pic_hash(code))).first()
    ):
        security_log.warning("strong identity link refused: already linked ip=%s", ip or "-")
        return LinkResult(error="identity.link.already_linked")
    db.add(
        StrongIdentity(
            user_id=saved_id(user.id),
            provider=identity.provider.value,
            subject_hash=subject_hash(identity.provider, identity.subject),
            pic_hash=pic_hash(code),
            pic_sealed=seal(code),
            verified_name=verified_name(identity),
            acr=identity.claims.acr,
        )
    )
    _record(db, user, identity, ip)
    db.commit()
    return LinkResult(user=user)


def new_session_token(db: Session, user: User, user_agent: str = "", ip: str = "") -> str | None:
    """A new sign-in session for a verified user (the same path as the password sign-in)."""
    ticket = auth.issue_signin_ticket(db, user)
    result = auth.redeem_signin_ticket(db, ticket, user_agent, ip)
    return result[0] if result is not None else None


def masked_code(db: Session, user: User) -> str:
    """The user's own personal identity code, masked ("" when the account is not linked)."""
    link = db.exec(select(StrongIdentity).where(StrongIdentity.user_id == user.id)).first()
    if link is None or not link.pic_sealed:
        return ""
    return mask_pic(unseal(link.pic_sealed) or "")


def sealed_identity(identity: VerifiedIdentity) -> str:
    """The `LINK_COOKIE` value: the verified Suomi.fi identity, encrypted, with its time."""
    c = identity.claims
    body = [identity.subject, c.personal_identity_code, c.given_name, c.family_name, c.acr]
    return secret_box.seal(json.dumps([*body, int(time.time())]))


def opened_identity(sealed: object) -> VerifiedIdentity | None:
    """The identity of a `LINK_COOKIE` value while it is fresh (None: none, forged, old)."""
    if not isinstance(sealed, str) or not sealed.startswith(secret_box.PREFIX):
        return None
    try:
        subject, pic, given, family, acr, made = json.loads(secret_box.unseal(sealed) or "")
        fresh = 0 <= time.time() - int(made) <= LINK_SECONDS
    except (RuntimeError, ValueError, TypeError):
        return None
    if not fresh:
        return None
    claims = IdentityClaims(
        given_name=str(given),
        family_name=str(family),
        personal_identity_code=str(pic),
        acr=str(acr),
    )
    return VerifiedIdentity(provider=Provider.SUOMIFI, subject=str(subject), claims=claims)
