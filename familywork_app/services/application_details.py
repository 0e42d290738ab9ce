"""One application in the queue, opened and read by the supervisor before deciding on it:
the family's own description, its children (first name and birth year only), the guardians'
contact details and the support areas asked for. Reading it writes one access-log row."""

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, col, select

from familywork_app.domain import (
    ApplicationChannel,
    ApplicationStatus,
    LogAction,
    Municipality,
    SupportArea,
)
from familywork_app.models import Application, Child, Family, FamilyGuardian, User
from familywork_app.services import NotAllowed
from familywork_app.services.access_log import log_access
from familywork_app.services.applications import application_areas
from familywork_app.services.policy import require_supervisor, valid_id


@dataclass(frozen=True, slots=True)
class ChildRow:
    first_name: str
    birth_year: int


@dataclass(frozen=True, slots=True)
class ContactRow:
    """A guardian as the application gives them (an address with no mail is left out)."""

    name: str
    phone: str
    email: str


@dataclass(frozen=True, slots=True)
class ApplicationDetails:
    application_id: int
    family_id: int
    family_name: str
    municipality: Municipality
    address: str
    status: ApplicationStatus
    channel: ApplicationChannel
    submitted_at: datetime
    areas: tuple[SupportArea, ...]
    description: str
    reachable: str
    children: tuple[ChildRow, ...]
    contacts: tuple[ContactRow, ...]


def _reachable_email(email: str) -> str:
    """An applicant without an e-mail address gets one that can receive no mail: not shown."""
    return "" if email.endswith("@invalid") else email


def application_details(
    session: Session, user: User, application_id: object, ip: str = ""
) -> ApplicationDetails:
    """The supervisor opens an application of the queue (any status: decided ones too)."""
    require_supervisor(user)
    application = session.get(Application, valid_id(application_id))
    family = session.get(Family, application.family_id) if application else None
    if application is None or family is None:
        raise NotAllowed()
    children = session.exec(
        select(Child)
        .where(Child.family_id == family.id)
        .order_by(col(Child.birth_year), col(Child.id))
    ).all()
    guardians = session.exec(
        select(User)
        .join(FamilyGuardian, col(FamilyGuardian.user_id) == User.id)
        .where(FamilyGuardian.family_id == family.id)
        .order_by(col(FamilyGuardian.id))
    ).all()
    log_access(session, user, family.id, LogAction.VIEW_APPLICATION, ip=ip)
    session.commit()
    return ApplicationDetails(
        application_id=valid_id(application.id),
        family_id=valid_id(family.id),
        family_name=family.name,
        municipality=Municipality(family.municipality),
        address=family.address,
        status=ApplicationStatus(application.status),
        channel=ApplicationChannel(application.channel),
        submitted_at=application.submitted_at,
        areas=application_areas(application.support_areas),
        description=application.description,
        reachable=application.reachable,
        children=tuple(ChildRow(c.first_name, c.birth_year) for c in children),
        contacts=tuple(
            ContactRow(g.display_name, g.phone, _reachable_email(g.email)) for g in guardians
        ),
    )
