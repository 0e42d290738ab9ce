"""The family's own application while it waits (issue 17): read it in full, see what happens
next and by when, and withdraw it while it is still pending.

What happens next follows the client process (`services.case_process`): a worker starts the
assessment of service need by the 7th working day after the application arrived.

Withdrawing: only a guardian of the family, only an application not yet decided (submitted or
in review). The application is kept, marked `withdrawn`, dated and signed by the guardian; the
family's record is closed without a closing day (the work never started, so it counts in no
closing figure) and leaves the supervisor's queue and work list. The family can still sign in,
read and download its data. The withdrawal is in the access log.
"""

from dataclasses import dataclass
from datetime import date

from sqlmodel import Session, col, select

from familywork_app.domain import ApplicationStatus, FamilyStatus, LogAction, Municipality
from familywork_app.models import Application, Child, Family, User, utcnow
from familywork_app.services import NotAllowed, ServiceError
from familywork_app.services.access_log import log_access
from familywork_app.services.application_details import ChildRow
from familywork_app.services.applications import (
    UNDECIDED,
    ApplicationProgress,
    application_status,
)
from familywork_app.services.case_process import helsinki_day, start_due
from familywork_app.services.family_home import own_family
from familywork_app.services.policy import acting_user, valid_id


@dataclass(frozen=True, slots=True)
class ApplicationInFull:
    """The family's newest application as it was sent, with its progress."""

    application_id: int
    progress: ApplicationProgress
    municipality: Municipality
    address: str
    description: str
    reachable: str
    children: tuple[ChildRow, ...]
    start_by: date  # the assessment starts by this day (7 working days after receipt)
    withdrawable: bool  # still pending: the family may withdraw it


def _newest(session: Session, family_id: int) -> Application:
    application = session.exec(
        select(Application)
        .where(Application.family_id == family_id)
        .order_by(col(Application.submitted_at).desc(), col(Application.id).desc())
    ).first()
    if application is None:
        raise NotAllowed()
    return application


def application_in_full(session: Session, user: User, ip: str = "") -> ApplicationInFull:
    """The guardian's own family's newest application, in full (one access-log row: the
    progress read of `applications.application_status`)."""
    family = own_family(session, acting_user(user, ip))
    family_id = valid_id(family.id)
    progress = application_status(session, user, family_id, ip)
    application = _newest(session, family_id)
    children = session.exec(
        select(Child).where(Child.family_id == family_id).order_by(col(Child.birth_year))
    ).all()
    return ApplicationInFull(
        application_id=valid_id(application.id),
        progress=progress,
        municipality=Municipality(family.municipality),
        address=family.address,
        description=application.description,
        reachable=application.reachable,
        children=tuple(ChildRow(c.first_name, c.birth_year) for c in children),
        start_by=start_due(helsinki_day(application.submitted_at)),
        withdrawable=application.status in UNDECIDED,
    )


def withdraw_application(
    session: Session, user: User, application_id: object, ip: str = ""
) -> None:
    """A guardian withdraws the family's own pending application (see the module's text)."""
    family: Family = own_family(session, acting_user(user, ip))
    application = session.get(Application, valid_id(application_id))
    if application is None or application.family_id != family.id:
        raise NotAllowed()
    if application.status not in UNDECIDED:
        raise ServiceError("error.application_decided")
    application.status, application.decided_at = ApplicationStatus.WITHDRAWN, utcnow()
    application.decided_by_id = user.id
    if family.status == FamilyStatus.APPLIED:
        family.status, family.closed_on = FamilyStatus.CLOSED, None
    session.add_all([application, family])
    log_access(session, user, family.id, LogAction.WITHDRAW_APPLICATION, ip=ip)
    session.commit()
