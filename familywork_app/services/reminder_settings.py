# pyright: strict
"""A guardian's meeting-reminder choices on /settings: push (on by default: it reaches the
devices that opted in to notifications), e-mail, SMS (to the phone number of the guardian's
account, only when an SMS gateway is configured) and a second reminder two hours before.
These are the user's own settings: no family data, no access-log row."""

from dataclasses import dataclass

from sqlmodel import Session, select

from familywork_app.domain import Role
from familywork_app.models import MeetingReminderChoice, User, utcnow
from familywork_app.services import NotAllowed, ServiceError
from familywork_app.services.policy import acting_user, saved_id
from familywork_app.services.sms_gateway import normalise_phone, sms_enabled


@dataclass(frozen=True, slots=True)
class ReminderChoices:
    """What the guardian chose, and whether SMS can be offered to them at all."""

    push: bool
    email: bool
    sms: bool
    two_hours: bool
    sms_available: bool  # a gateway is configured
    phone: str  # the number an SMS goes to ("" when the account has no usable one)


DEFAULTS = MeetingReminderChoice(user_id=0)


def stored_choice(session: Session, user_id: int) -> MeetingReminderChoice:
    """The guardian's stored row, or the defaults (not added to the session)."""
    row = session.exec(
        select(MeetingReminderChoice).where(MeetingReminderChoice.user_id == user_id)
    ).first()
    return row or DEFAULTS


def sms_number(user: User) -> str:
    """The number an SMS reminder goes to, in E.164, or ""."""
    return normalise_phone(user.phone) or ""


def _guardian(user: User, ip: str) -> User:
    acting_user(user, ip)
    if user.role != Role.GUARDIAN:
        raise NotAllowed()
    return user


def reminder_choices(session: Session, user: User, ip: str = "") -> ReminderChoices:
    """The guardian's own choices as the settings page shows them."""
    _guardian(user, ip)
    row = stored_choice(session, saved_id(user.id))
    return ReminderChoices(
        push=row.push,
        email=row.email,
        sms=row.sms and sms_enabled(),
        two_hours=row.two_hours,
        sms_available=sms_enabled(),
        phone=sms_number(user),
    )


def set_reminder_choices(
    session: Session,
    user: User,
    *,
    push: object,
    email: object,
    sms: object,
    two_hours: object,
    ip: str = "",
) -> ReminderChoices:
    """Save the guardian's choices. SMS needs a configured gateway and a phone number."""
    _guardian(user, ip)
    flags = (push, email, sms, two_hours)
    if not all(isinstance(flag, bool) for flag in flags):
        raise ServiceError("error.invalid", field="reminders")
    if sms is True and (not sms_enabled() or not sms_number(user)):
        raise ServiceError("error.sms_no_phone", field="sms")
    row = session.exec(
        select(MeetingReminderChoice).where(MeetingReminderChoice.user_id == user.id)
    ).first() or MeetingReminderChoice(user_id=saved_id(user.id))
    row.push, row.email, row.sms, row.two_hours = (
        push is True,
        email is True,
        sms is True,
        (two_hours is True),
    )
    row.updated_at = utcnow()
    session.add(row)
    session.commit()
    return reminder_choices(session, user, ip)
