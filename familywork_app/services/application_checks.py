"""The application form's field checks: the entry types as typed, every rule on them, and the
clean values once they pass.

`check_application` reports all the wrong fields at once (FormErrors: i18n keys per field); the
e-form and staff registering a paper or phone application (`staff=True`) share it.
"""

import re
from dataclasses import dataclass

from sqlmodel import Session, select

from familywork_app.domain import Municipality, SupportArea, values
from familywork_app.models import User, utcnow
from familywork_app.services import ServiceError
from familywork_app.services.auth import email_problem, normalise_email
from familywork_app.services.security import password_problem

PHONE_RE = re.compile(r"^\+?[0-9 ()-]{6,20}$")
NAME_MAX = 120
ADDRESS_MAX = 200
DESCRIPTION_MAX = 2000
CHILD_NAME_MAX = 60
MAX_CHILDREN = 10
CHILD_AGE_MAX = 18


class FormErrors(ServiceError):
    """Several fields are wrong: `errors` maps field name to i18n key."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__("error.form")
        self.errors = errors


@dataclass(frozen=True, slots=True)
class ChildEntry:
    """A child as typed on the form (the year as text, checked by the service)."""

    first_name: str = ""
    birth_year: str = ""


@dataclass(frozen=True, slots=True)
class ApplicationEntry:
    """The application form as typed (lengths already bounded by the form model); every rule
    is checked by `check_application`. `password` is the e-form's only."""

    name: str = ""
    email: str = ""
    phone: str = ""
    municipality: str = ""
    address: str = ""
    children: tuple[ChildEntry, ...] = ()
    support_areas: tuple[str, ...] = ()
    description: str = ""
    reachable: str = ""
    consent: bool = False
    password: str = ""


@dataclass(frozen=True, slots=True)
class NewChild:
    first_name: str
    birth_year: int


@dataclass(frozen=True, slots=True)
class CheckedApplication:
    """An application whose every field passed the checks ('' e-mail: staff gave none)."""

    name: str
    email: str
    phone: str
    municipality: Municipality
    address: str
    children: tuple[NewChild, ...]
    support_areas: tuple[SupportArea, ...]
    description: str
    reachable: str


def _children(rows: tuple[ChildEntry, ...], errors: dict[str, str]) -> tuple[NewChild, ...]:
    this_year = utcnow().year
    children: list[NewChild] = []
    for index, row in enumerate(rows[:MAX_CHILDREN]):
        name, year_text = row.first_name.strip(), row.birth_year.strip()
        year = int(year_text) if year_text.isascii() and year_text.isdigit() else 0
        if not name or len(name) > CHILD_NAME_MAX:
            errors[f"child_{index}_name"] = "error.child_name"
        if not this_year - CHILD_AGE_MAX <= year <= this_year:
            errors[f"child_{index}_year"] = "error.birth_year"
        else:
            children.append(NewChild(name, year))
    if not rows:
        errors["children"] = "error.children_required"
    return tuple(children)


def _email(
    session: Session, entry: ApplicationEntry, optional: bool, errors: dict[str, str]
) -> str:
    email = normalise_email(entry.email)
    if optional and not email:
        return ""
    if problem := email_problem(email):
        errors["email"] = problem
    elif session.exec(select(User).where(User.email == email)).first():
        errors["email"] = "error.email_unavailable"
    return email


def entry_or_empty(entry: object) -> ApplicationEntry:
    """The entry, or an empty one (every field then wrong) for a forged or missing form."""
    return entry if isinstance(entry, ApplicationEntry) else ApplicationEntry()


def check_application(
    session: Session, entry: object, *, staff: bool = False
) -> CheckedApplication:
    """Every field checked; raises FormErrors listing all problems, else the clean values.

    From staff (`staff=True`) the e-mail is optional and there is no password."""
    entry = entry_or_empty(entry)
    errors: dict[str, str] = {}
    name, address = entry.name.strip(), entry.address.strip()
    if not name or len(name) > NAME_MAX:
        errors["name"] = "error.name_required"
    email = _email(session, entry, staff, errors)
    phone = entry.phone.strip()
    if not PHONE_RE.match(phone):
        errors["phone"] = "error.phone_invalid"
    if entry.municipality not in values(Municipality):
        errors["municipality"] = "error.municipality_required"
    if not address or len(address) > ADDRESS_MAX:
        errors["address"] = "error.address_required"
    areas = tuple(a for a in SupportArea if a in entry.support_areas)
    if not areas:
        errors["support_areas"] = "error.area_required"
    if len(entry.description.strip()) > DESCRIPTION_MAX:
        errors["description"] = "error.text_long"
    if entry.consent is not True:
        errors["consent"] = "error.consent_required"
    if not staff and (problem := password_problem(entry.password)):
        errors["password"] = problem
    children = _children(entry.children, errors)
    if errors:
        raise FormErrors(errors)
    return CheckedApplication(
        name=name,
        email=email,
        phone=phone,
        municipality=Municipality(entry.municipality),
        address=address,
        children=children,
        support_areas=areas,
        description=entry.description.strip(),
        reachable=entry.reachable.strip()[:ADDRESS_MAX],
    )
