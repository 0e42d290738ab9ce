"""How a family's applicant was identified (issue 15): strongly (Suomi.fi) when applying, or in
person by the worker at the first meeting. An application without either is "not identified".

A strongly identified application carries the verified name; the new guardian account is linked
to the identification at once (services.strong_identity), so Suomi.fi signs them in next time.
"""

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, col, select

from familywork_app.domain import LogAction, Role
from familywork_app.models import (
    Application,
    ApplicationIdentity,
    StrongIdentity,
    User,
    utcnow,
)
from familywork_app.services import NotAllowed, ServiceError
from familywork_app.services.access_log import log_access
from familywork_app.services.oidc_client import VerifiedIdentity
from familywork_app.services.policy import (
    acting_user,
    guardian_family_id,
    require_family,
    require_staff,
    saved_id,
)
from familywork_app.services.secret_box import seal
from familywork_app.services.strong_identity import (
    linked_user_id,
    pic_hash,
    subject_hash,
    verified_name,
)


@dataclass(frozen=True, slots=True)
class FamilyIdentification:
    """What the family record says about the applicant's identity."""

    strong: bool  # the application was made strongly identified
    verified_name: str  # the name Suomi.fi gave ("" unless strong)
    checked_by: str  # the worker who checked identity in person ("" when nobody)
    checked_at: datetime | None


def _latest_application(session: Session, family_id: int) -> Application | None:
    return session.exec(
        select(Application)
        .where(Application.family_id == family_id)
        .order_by(col(Application.submitted_at).desc(), col(Application.id).desc())
    ).first()


def identify_application(
    session: Session, user: User, identity: VerifiedIdentity, ip: str = ""
) -> None:
    """Mark the application the guardian `user` just made as strongly identified, and link
    the new account to the identification (unless the person is linked to another already)."""
    family_id = guardian_family_id(session, user) if user.role == Role.GUARDIAN else None
    application = _latest_application(session, family_id) if family_id is not None else None
    if application is None or application.submitted_by_id != user.id:
        raise NotAllowed()
    code = identity.claims.personal_identity_code
    name = verified_name(identity)
    linked = linked_user_id(session, identity)
    if linked not in (None, user.id):  # the person is another account's: not this one's name
        raise NotAllowed()
    if linked is None:
        session.add(
            StrongIdentity(
                user_id=saved_id(user.id),
                provider=identity.provider.value,
                subject_hash=subject_hash(identity.provider, identity.subject),
                pic_hash=pic_hash(code),
                pic_sealed=seal(code),
                verified_name=name,
                acr=identity.claims.acr,
            )
        )
    session.add(
        ApplicationIdentity(
            application_id=saved_id(application.id),
            strong=True,
            verified_name=name,
            acr=identity.claims.acr,
        )
    )
    detail = f"{identity.provider.value} {identity.claims.acr.rsplit('/', 1)[-1]}"
    log_access(session, user, family_id, LogAction.STRONG_SIGN_IN, detail, ip)
    session.commit()


def _identification(session: Session, family_id: int) -> FamilyIdentification:
    application = _latest_application(session, family_id)
    row = (
        session.exec(
            select(ApplicationIdentity).where(ApplicationIdentity.application_id == application.id)
        ).first()
        if application is not None
        else None
    )
    if row is None:
        return FamilyIdentification(False, "", "", None)
    checker = session.get(User, row.checked_by_id) if row.checked_by_id else None
    return FamilyIdentification(
        strong=row.strong,
        verified_name=row.verified_name,
        checked_by=checker.display_name if checker else "",
        checked_at=row.checked_at,
    )


def family_identification(
    session: Session, user: User, family_id: object, ip: str = ""
) -> FamilyIdentification:
    """Staff: how the family's applicant was identified (for the family record)."""
    require_staff(acting_user(user, ip))
    family = require_family(session, user, family_id)
    log_access(
        session, user, family.id, LogAction.VIEW_FAMILY_RECORD, detail="identification", ip=ip
    )
    session.commit()
    return _identification(session, saved_id(family.id))


def record_identity_check(
    session: Session, user: User, family_id: object, ip: str = ""
) -> FamilyIdentification:
    """The family's worker (or a supervisor) records that they checked the applicant's identity
    in person, at the first meeting."""
    require_staff(acting_user(user, ip))
    family = require_family(session, user, family_id, change=True)
    application = _latest_application(session, saved_id(family.id))
    if application is None:
        raise ServiceError("identity.check.no_application")
    row = session.exec(
        select(ApplicationIdentity).where(ApplicationIdentity.application_id == application.id)
    ).first()
    if row is not None and (row.strong or row.checked_at is not None):
        raise ServiceError("identity.check.already")
    if row is None:
        row = ApplicationIdentity(application_id=saved_id(application.id))
        session.add(row)
    row.checked_by_id, row.checked_at = user.id, utcnow()
    log_access(session, user, family.id, LogAction.CHECK_IDENTITY, ip=ip)
    session.commit()
    return _identification(session, saved_id(family.id))
