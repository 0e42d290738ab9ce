"""A staff member's own work phone number (`User.phone`): the family's home and the message
after a transfer give it, so the family can call its worker. Staff set it on their account page;
an empty number removes it. It is the person's own account data: nothing of a family is read."""

from sqlmodel import Session

from familywork_app.models import User
from familywork_app.services import ServiceError
from familywork_app.services.application_checks import PHONE_RE
from familywork_app.services.policy import acting_user, require_staff


def set_work_phone(session: Session, user: User, phone: object, ip: str = "") -> str:
    """Save the signed-in staff member's work phone ("" removes it); the number saved."""
    require_staff(acting_user(user, ip))
    if not isinstance(phone, str):
        raise ServiceError("error.invalid", field="phone")
    number = " ".join(phone.split())
    if number and not PHONE_RE.match(number):
        raise ServiceError("error.phone_invalid", field="phone")
    user.phone = number
    session.add(user)
    session.commit()
    return number
