"""Applying for family work, following the application, and deciding on it.

`submit_application` is public: it checks every field on the server and reports all the wrong
ones at once (i18n keys per field; the checks are in `application_checks`), then creates the
guardian's account, the family, its children and the application in one transaction
(`create_applicant_family`, which staff registering a paper or phone application use too).
"""

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, col, select

from familywork_app.domain import (
    ApplicationChannel,
    ApplicationStatus,
    FamilyStatus,
    Language,
    LogAction,
    Role,
    SupportArea,
    language_or_default,
)
from familywork_app.models import Application, Child, Family, FamilyGuardian, User, utcnow
from familywork_app.services import NotAllowed, ServiceError, notifications
from familywork_app.services.access_log import log_access
from familywork_app.services.application_checks import (
    DESCRIPTION_MAX,
    CheckedApplication,
    check_application,
    entry_or_empty,
)
from familywork_app.services.policy import (
    active_worker,
    require_family,
    require_supervisor,
    saved_id,
    valid_id,
)
from familywork_app.services.security import hash_password, new_token

UNDECIDED = (ApplicationStatus.SUBMITTED, ApplicationStatus.IN_REVIEW)


@dataclass(frozen=True, slots=True)
class ApplicationProgress:
    """The family's latest application as the guardian follows it."""

    status: ApplicationStatus
    channel: ApplicationChannel
    submitted_at: datetime
    in_review_at: datetime | None
    decided_at: datetime | None
    decision_note: str
    areas: tuple[SupportArea, ...]
    worker_name: str


def create_applicant_family(
    session: Session,
    checked: CheckedApplication,
    *,
    channel: ApplicationChannel,
    language: Language,
    password_hash: str | None = None,
    submitted_by: User | None = None,
) -> tuple[User, Family]:
    """Add the guardian's account, the family, its children and the application (flushed, not
    committed). `submitted_by`: the staff member who registered it (None: the guardian). A
    guardian without an e-mail address gets a unique one that can receive no mail."""
    guardian = User(
        email=checked.email or f"no-email-{new_token()[:12].lower()}@invalid",
        password_hash=password_hash,
        role=Role.GUARDIAN,
        display_name=checked.name,
        phone=checked.phone,
        language=language,
    )
    family = Family(
        name=checked.name.split()[-1],
        municipality=checked.municipality,
        address=checked.address,
        status=FamilyStatus.APPLIED,
    )
    session.add(guardian)
    session.add(family)
    session.flush()
    family_id = saved_id(family.id)
    session.add(FamilyGuardian(family_id=family_id, user_id=saved_id(guardian.id)))
    for child in checked.children:
        session.add(
            Child(family_id=family_id, first_name=child.first_name, birth_year=child.birth_year)
        )
    session.add(
        Application(
            family_id=family_id,
            channel=channel,
            support_areas=list(checked.support_areas),
            description=checked.description,
            reachable=checked.reachable,
            consent=True,
            status=ApplicationStatus.SUBMITTED,
            submitted_by_id=(submitted_by or guardian).id,
        )
    )
    return guardian, family


def submit_application(
    session: Session, entry: object, language: object = Language.FI, ip: str = ""
) -> User:
    """Create the guardian's account, the family and the application; returns the guardian."""
    checked = check_application(session, entry)
    user, family = create_applicant_family(
        session,
        checked,
        channel=ApplicationChannel.EFORM,
        language=language_or_default(language),
        password_hash=hash_password(entry_or_empty(entry).password),
    )
    log_access(session, user, family.id, LogAction.SUBMIT_APPLICATION, ip=ip)
    session.commit()
    return user


def _application(session: Session, application_id: object) -> Application:
    application = session.get(Application, valid_id(application_id))
    if application is None:
        raise NotAllowed()
    return application


def set_in_review(session: Session, user: User, application_id: object, ip: str = "") -> None:
    """A supervisor takes a submitted application into review."""
    require_supervisor(user)
    application = _application(session, application_id)
    if application.status != ApplicationStatus.SUBMITTED:
        raise ServiceError("error.application_decided")
    application.status = ApplicationStatus.IN_REVIEW
    application.in_review_at = utcnow()
    log_access(session, user, application.family_id, LogAction.REVIEW_APPLICATION, ip=ip)
    session.commit()


def accept_application(
    session: Session,
    user: User,
    application_id: object,
    worker_id: object,
    note: object = "",
    ip: str = "",
) -> None:
    """Accept and assign a worker: the family becomes active."""
    require_supervisor(user)
    application = _application(session, application_id)
    if application.status not in UNDECIDED:
        raise ServiceError("error.application_decided")
    worker = active_worker(session, worker_id)
    family = require_family(session, user, application.family_id)
    application.status, application.decided_at = ApplicationStatus.ACCEPTED, utcnow()
    application.decided_by_id = user.id
    application.decision_note = note.strip()[:DESCRIPTION_MAX] if isinstance(note, str) else ""
    family.status, family.worker_id = FamilyStatus.ACTIVE, worker.id
    family.opened_on = utcnow().date()
    log_access(
        session, user, family.id, LogAction.ACCEPT_APPLICATION, detail=f"worker {worker.id}", ip=ip
    )
    session.commit()
    notifications.application_decided(session, user, saved_id(family.id))


def decline_application(
    session: Session, user: User, application_id: object, reason: object, ip: str = ""
) -> None:
    """Decline with a reason the family sees."""
    require_supervisor(user)
    text = reason.strip() if isinstance(reason, str) else ""
    if not text or len(text) > DESCRIPTION_MAX:
        raise ServiceError("error.reason_required", field="reason")
    application = _application(session, application_id)
    if application.status not in UNDECIDED:
        raise ServiceError("error.application_decided")
    application.status, application.decided_at = ApplicationStatus.DECLINED, utcnow()
    application.decided_by_id, application.decision_note = user.id, text
    log_access(session, user, application.family_id, LogAction.DECLINE_APPLICATION, ip=ip)
    session.commit()
    notifications.application_decided(session, user, application.family_id)


def application_areas(stored: list[str]) -> tuple[SupportArea, ...]:
    """The support areas of an application as stored, known ones only, in their order."""
    return tuple(area for area in SupportArea if area in stored)


def application_status(
    session: Session, user: User, family_id: object, ip: str = ""
) -> ApplicationProgress:
    """The family's latest application with its dates, as the guardian follows it."""
    family = require_family(session, user, family_id)
    application = session.exec(
        select(Application)
        .where(Application.family_id == family.id)
        .order_by(col(Application.submitted_at).desc())
    ).first()
    if application is None:
        raise NotAllowed()
    worker = session.get(User, family.worker_id) if family.worker_id else None
    log_access(session, user, family.id, LogAction.VIEW_APPLICATION, ip=ip)
    session.commit()
    return ApplicationProgress(
        status=ApplicationStatus(application.status),
        channel=ApplicationChannel(application.channel),
        submitted_at=application.submitted_at,
        in_review_at=application.in_review_at,
        decided_at=application.decided_at,
        decision_note=application.decision_note,
        areas=application_areas(application.support_areas),
        worker_name=worker.display_name if worker else "",
    )
