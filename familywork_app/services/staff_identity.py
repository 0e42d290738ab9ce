"""Staff sign-in with the county's identity provider (issue 15): who the verified identity is
here, with which role, and whether the app still asks for its own second factor.

- The role comes from a group claim (`FAMILYWORK_STAFF_GROUP_CLAIM`, default `groups`), mapped
  by `FAMILYWORK_STAFF_GROUPS` (`name=role,name=role`; default the test provider's two groups).
  Several mapped groups: supervisor wins. No mapped group: no access, whatever else is true.
- An account is found by its link (`StrongIdentity`, provider `county`): a keyed hash of the
  (issuer, subject) pair. The first time, an account is created just in time (only for a mapped
  group). When the e-mail claim names an existing staff account, the claim alone is not proof:
  the pair is linked to that account only after the account's own second factor (TOTP) code is
  given, and an account without one is refused.
- Deactivation in the app wins: a deactivated account never signs in.
- Where `amr` contains `mfa` no TOTP code is asked; otherwise the sign-in page's code step (or,
  for a new account, the enrolment step) follows, as after a right password.
"""

import json
import logging
import os
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum

from sqlmodel import Session, select

from familywork_app.domain import STAFF_ROLES, Language, LogAction, Role
from familywork_app.models import AuthSession, StrongIdentity, User, utcnow
from familywork_app.oidc_profile import (
    AMR_MULTI_FACTOR,
    GROUP_SUPERVISORS,
    GROUP_WORKERS,
    Provider,
)
from familywork_app.services import secret_box
from familywork_app.services.access_log import log_access
from familywork_app.services.auth import email_problem, normalise_email
from familywork_app.services.oidc_client import IdentityClaims, VerifiedIdentity
from familywork_app.services.oidc_settings import provider_settings
from familywork_app.services.policy import saved_id
from familywork_app.services.sign_in_limits import email_digest
from familywork_app.services.strong_identity import subject_hash
from familywork_app.services.totp import is_enrolled

security_log = logging.getLogger("familywork.security")

DEFAULT_GROUPS = f"{GROUP_WORKERS}=worker,{GROUP_SUPERVISORS}=supervisor"
METHOD = "county"  # the sign-in method as the logs name it
HANDOFF_COOKIE = "fw_county_step"  # HttpOnly: the callback's hand-off to the code step
HANDOFF_SECONDS = 300  # as long as the sign-in page gives for the code after a password


class StaffRefusal(StrEnum):
    """Why a county identity gets no access (`staff_identity.refused.<value>` is its message)."""

    NO_GROUP = "no_group"  # the group claim is missing or empty
    UNKNOWN_GROUP = "unknown_group"  # groups, but none of them is mapped to a role here
    DEACTIVATED = "deactivated"  # the account is deactivated in the app
    NO_EMAIL = "no_email"  # a new account needs a valid e-mail address
    ACCOUNT_EXISTS = "account_exists"  # the e-mail is another kind of account, or linked already
    NO_SECOND_FACTOR = "no_second_factor"  # an account to link has no TOTP to prove it yet


@dataclass(frozen=True, slots=True)
class StaffSignIn:
    """The outcome: the account and whether the TOTP step is still due, or a refusal."""

    user_id: int | None = None
    refusal: StaffRefusal | None = None
    needs_code: bool = False  # the app's own second factor is still asked (or enrolled)
    link: bool = False  # the identity is saved on the account only after that code is right

    @property
    def message_key(self) -> str:
        """The i18n key of the refusal's message ("" when signed in)."""
        return f"staff_identity.refused.{self.refusal.value}" if self.refusal else ""


def staff_groups() -> dict[str, Role]:
    """Group name -> role from `FAMILYWORK_STAFF_GROUPS`; a malformed entry is a ValueError
    naming it (a wrong setting must not quietly let nobody, or everybody, in)."""
    raw = os.environ.get("FAMILYWORK_STAFF_GROUPS", "").strip() or DEFAULT_GROUPS
    mapping: dict[str, Role] = {}
    for entry in (part.strip() for part in raw.split(",")):
        name, _, role = entry.rpartition("=")
        if not name.strip() or role.strip() not in STAFF_ROLES:
            raise ValueError(f"FAMILYWORK_STAFF_GROUPS: {entry!r} is not group=worker|supervisor")
        mapping[name.strip()] = Role(role.strip())
    return mapping


def role_from_groups(groups: tuple[str, ...]) -> Role | StaffRefusal:
    """The role the mapped groups give (supervisor wins), or why there is none. The groups are
    those of the claim `FAMILYWORK_STAFF_GROUP_CLAIM` names (services.oidc_client reads it); a
    Keycloak group path (`/name`) counts as its name."""
    if not groups:
        return StaffRefusal.NO_GROUP
    mapping = staff_groups()
    roles = {mapping.get(g) or mapping.get(g.lstrip("/")) for g in groups} - {None}
    if not roles:
        return StaffRefusal.UNKNOWN_GROUP
    return Role.SUPERVISOR if Role.SUPERVISOR in roles else Role.WORKER


def _display_name(claims: IdentityClaims, email: str) -> str:
    name = claims.name or " ".join(p for p in (claims.given_name, claims.family_name) if p)
    return (name.strip() or email)[:120]


def county_issuer() -> str:
    """The county provider's issuer, half of the pair an account is found by."""
    settings = provider_settings(Provider.COUNTY)
    if settings is None:
        raise ValueError("the county identity provider is not configured")
    return settings.issuer


def _refused(identity: VerifiedIdentity, refusal: StaffRefusal, ip: str) -> StaffSignIn:
    security_log.warning(
        "staff sign-in refused: method=%s reason=%s subject_sha256=%s ip=%s",
        METHOD,
        refusal.value,
        email_digest(identity.subject),
        ip or "-",
    )
    return StaffSignIn(refusal=refusal)


def _signed_in(
    db: Session, account: User, mfa: bool, ip: str, *, link: bool = False, new: bool = False
) -> StaffSignIn:
    """The access-log and security-log lines of a sign-in that passed the provider's part."""
    second = "linking, code asked" if link else "mfa" if mfa else "code asked"
    detail = f"{METHOD} ({'new account, ' if new else ''}{second})"
    log_access(db, account, None, LogAction.SIGN_IN_COUNTY, detail, ip)
    db.commit()
    security_log.info(
        "staff sign-in: method=%s user=%s %s ip=%s", METHOD, account.id, detail, ip or "-"
    )
    return StaffSignIn(user_id=saved_id(account.id), needs_code=link or not mfa, link=link)


def _county_key(subject: str) -> str:
    """The look-up hash of a county identity: its issuer and subject together."""
    return subject_hash(Provider.COUNTY, f"{county_issuer()} {subject}")


def _link_of(db: Session, subject: str) -> StrongIdentity | None:
    return db.exec(
        select(StrongIdentity).where(
            StrongIdentity.provider == Provider.COUNTY.value,
            StrongIdentity.subject_hash == _county_key(subject),
        )
    ).first()


def _is_linked(db: Session, user_id: int | None) -> bool:
    """Whether the account already has a strong-identity link (one per account)."""
    found = db.exec(select(StrongIdentity.id).where(StrongIdentity.user_id == user_id)).first()
    return found is not None


def _new_link(account: User, subject: str, claims: IdentityClaims) -> StrongIdentity:
    return StrongIdentity(
        user_id=saved_id(account.id),
        provider=Provider.COUNTY.value,
        subject_hash=_county_key(subject),
        verified_name=_display_name(claims, account.email),
    )


def _sync_role(account: User, role: Role, ip: str) -> None:
    """The county's groups decide the role of a linked account."""
    if account.role != role:
        security_log.warning(
            "staff role changed by county groups: user=%s %s->%s ip=%s",
            account.id,
            account.role.value,
            role.value,
            ip or "-",
        )
        account.role = role


def sign_in_staff(db: Session, identity: VerifiedIdentity, ip: str) -> StaffSignIn:
    """Sign a verified county identity in (see the module docstring for the rules)."""
    if identity.provider != Provider.COUNTY:
        raise ValueError("only identities from the county provider sign staff in")
    claims = identity.claims
    role = role_from_groups(claims.groups)
    if isinstance(role, StaffRefusal):
        return _refused(identity, role, ip)
    mfa = AMR_MULTI_FACTOR in claims.amr
    link = _link_of(db, identity.subject)
    if link is not None:
        account = db.get(User, link.user_id)
        if account is None or not account.is_active or account.role not in STAFF_ROLES:
            return _refused(identity, StaffRefusal.DEACTIVATED, ip)
        _sync_role(account, role, ip)
        link.last_sign_in_at = utcnow()
        return _signed_in(db, account, mfa, ip)
    email = normalise_email(claims.email)
    if email_problem(email):
        return _refused(identity, StaffRefusal.NO_EMAIL, ip)
    same = db.exec(select(User).where(User.email == email)).first()
    if same is not None:
        return _link_or_refuse(db, identity, same, ip)
    account = User(
        email=email, role=role, display_name=_display_name(claims, email), language=Language.FI
    )
    db.add(account)
    db.flush()
    db.add(_new_link(account, identity.subject, claims))
    return _signed_in(db, account, mfa, ip, new=True)


def _link_or_refuse(db: Session, identity: VerifiedIdentity, same: User, ip: str) -> StaffSignIn:
    """An existing account has the claimed e-mail: it may be linked once its own second factor
    proves the person holds it (the e-mail claim alone is not proof)."""
    if same.role not in STAFF_ROLES or _is_linked(db, same.id):
        return _refused(identity, StaffRefusal.ACCOUNT_EXISTS, ip)
    if not same.is_active:
        return _refused(identity, StaffRefusal.DEACTIVATED, ip)
    if not is_enrolled(same):
        return _refused(identity, StaffRefusal.NO_SECOND_FACTOR, ip)
    return _signed_in(db, same, False, ip, link=True)


def link_identity(db: Session, account_id: int, subject: str, ip: str) -> bool:
    """Save the county identity on the account, after its TOTP code was right (the sign-in
    page calls this). False when it can no longer be linked (taken meanwhile, deactivated)."""
    account = db.get(User, account_id)
    if (
        account is None
        or not account.is_active
        or account.role not in STAFF_ROLES
        or _is_linked(db, account.id)
        or _link_of(db, subject) is not None
    ):
        return False
    db.add(_new_link(account, subject, IdentityClaims(name=account.display_name)))
    log_access(db, account, None, LogAction.SIGN_IN_COUNTY, f"{METHOD} (account linked)", ip)
    db.commit()
    security_log.info("county identity linked: user=%s ip=%s", account.id, ip or "-")
    return True


# --- the hand-off from the county callback (HTTP) to the sign-in page's code step ---


@dataclass(frozen=True, slots=True)
class PendingStaff:
    """A county sign-in waiting for the app's own second factor on the sign-in page."""

    user_id: int
    link_subject: str = ""  # the county `sub` to save once the code is right ("" for none)


def handoff_value(result: StaffSignIn, identity: VerifiedIdentity) -> str:
    """The sealed value of the HttpOnly cookie `HANDOFF_COOKIE` the callback sets when a code
    is still due: the account, the subject to link (if any) and when, encrypted."""
    if result.user_id is None or not result.needs_code:
        raise ValueError("a hand-off is only for a sign-in that still needs its code")
    link = identity.subject if result.link else ""
    return secret_box.seal(json.dumps([result.user_id, link, int(time.time())]))


def open_handoff(db: Session, sealed: object) -> PendingStaff | None:
    """The pending sign-in of a hand-off cookie, while it is fresh and not yet used (no session
    began for the account since), and the account still an active staff member."""
    if not isinstance(sealed, str) or not sealed.startswith(secret_box.PREFIX):
        return None
    try:
        user_id, link, issued = json.loads(secret_box.unseal(sealed) or "")
        user_id, link, issued = int(user_id), str(link), int(issued)
    except (RuntimeError, ValueError, TypeError):  # forged, another key's, or malformed
        return None
    if not 0 <= time.time() - issued <= HANDOFF_SECONDS:
        return None
    account = db.get(User, user_id)
    if account is None or not account.is_active or account.role not in STAFF_ROLES:
        return None
    since = datetime.fromtimestamp(issued, UTC)
    used = select(AuthSession.id).where(
        AuthSession.user_id == user_id, AuthSession.created_at >= since
    )
    if db.exec(used).first() is not None:
        return None
    return PendingStaff(user_id=user_id, link_subject=link)
