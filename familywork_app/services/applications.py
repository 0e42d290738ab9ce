"""Applying for family work, following the application, and deciding on it.

`submit_application` is public: it checks every field on the server and reports all the wrong
ones at once (i18n keys per field), then creates the guardian's account, the family, its
children and the application in one transaction.
"""

import re

from sqlmodel import Session, col, select

from familywork_app.models import (
    MUNICIPALITIES,
    SUPPORT_AREAS,
    Application,
    Child,
    Family,
    FamilyGuardian,
    User,
    utcnow,
)
from familywork_app.services import NotAllowed, ServiceError, notifications
from familywork_app.services.access_log import log_access
from familywork_app.services.auth import email_problem, normalise_email
from familywork_app.services.policy import (
    active_worker,
    require_family,
    require_supervisor,
    valid_id,
)
from familywork_app.services.security import hash_password, password_problem

PHONE_RE = re.compile(r"^\+?[0-9 ()-]{6,20}$")
DESCRIPTION_MAX = 2000
MAX_CHILDREN = 10


class FormErrors(ServiceError):
    """Several fields are wrong: `errors` maps field name to i18n key."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__("error.form")
        self.errors = errors


def _text(form: dict, key: str, limit: int) -> str:
    value = form.get(key)
    return value.strip()[: limit + 1] if isinstance(value, str) else ""


def _children(raw: object, errors: dict[str, str]) -> list[tuple[str, int]]:
    this_year = utcnow().year
    children = []
    rows = raw if isinstance(raw, list) else []
    for index, row in enumerate(rows[:MAX_CHILDREN]):
        row = row if isinstance(row, dict) else {}
        name = row.get("first_name").strip() if isinstance(row.get("first_name"), str) else ""
        year = row.get("birth_year")
        year = int(year) if isinstance(year, str) and year.strip().isdigit() else year
        if not name or len(name) > 60:
            errors[f"child_{index}_name"] = "error.child_name"
        if (
            not isinstance(year, int)
            or isinstance(year, bool)
            or not this_year - 18 <= year <= this_year
        ):
            errors[f"child_{index}_year"] = "error.birth_year"
        else:
            children.append((name, year))
    if not rows:
        errors["children"] = "error.children_required"
    return children


def check_application(session: Session, form: object) -> dict:
    """Every field checked; raises FormErrors listing all problems, else the clean values."""
    form = form if isinstance(form, dict) else {}
    errors: dict[str, str] = {}
    clean = {
        key: _text(form, key, limit)
        for key, limit in (
            ("name", 120),
            ("phone", 20),
            ("address", 200),
            ("reachable", 200),
            ("description", DESCRIPTION_MAX),
        )
    }
    clean["email"] = normalise_email(form.get("email"))
    if not clean["name"] or len(clean["name"]) > 120:
        errors["name"] = "error.name_required"
    if problem := email_problem(clean["email"]):
        errors["email"] = problem
    elif session.exec(select(User).where(User.email == clean["email"])).first():
        errors["email"] = "error.email_unavailable"
    if not PHONE_RE.match(clean["phone"]):
        errors["phone"] = "error.phone_invalid"
    clean["municipality"] = form.get("municipality")
    if clean["municipality"] not in MUNICIPALITIES:
        errors["municipality"] = "error.municipality_required"
    if not clean["address"] or len(clean["address"]) > 200:
        errors["address"] = "error.address_required"
    areas = form.get("support_areas")
    clean["areas"] = [a for a in SUPPORT_AREAS if isinstance(areas, list) and a in areas]
    if not clean["areas"]:
        errors["support_areas"] = "error.area_required"
    if len(clean["description"]) > DESCRIPTION_MAX:
        errors["description"] = "error.text_long"
    if form.get("consent") is not True:
        errors["consent"] = "error.consent_required"
    password = form.get("password") if isinstance(form.get("password"), str) else ""
    if problem := password_problem(password):
        errors["password"] = problem
    clean["password"] = password
    clean["children"] = _children(form.get("children"), errors)
    if errors:
        raise FormErrors(errors)
    return clean


def submit_application(session: Session, form: object, language: str = "fi", ip: str = "") -> User:
    """Create the guardian's account, the family and the application; returns the guardian."""
    clean = check_application(session, form)
    user = User(
        email=clean["email"],
        password_hash=hash_password(clean["password"]),
        role="guardian",
        display_name=clean["name"],
        phone=clean["phone"],
        language=language if language in ("fi", "sv", "en") else "fi",
    )
    family = Family(
        name=clean["name"].split()[-1],
        municipality=clean["municipality"],
        address=clean["address"],
        status="applied",
    )
    session.add(user)
    session.add(family)
    session.flush()
    session.add(FamilyGuardian(family_id=family.id, user_id=user.id))
    for name, year in clean["children"]:
        session.add(Child(family_id=family.id, first_name=name, birth_year=year))
    session.add(
        Application(
            family_id=family.id,
            channel="eform",
            support_areas=",".join(clean["areas"]),
            description=clean["description"],
            reachable=clean["reachable"],
            consent=True,
            status="submitted",
            submitted_by_id=user.id,
        )
    )
    log_access(session, user, family.id, "submit_application", ip=ip)
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
    if application.status != "submitted":
        raise ServiceError("error.application_decided")
    application.status = "in_review"
    application.in_review_at = utcnow()
    log_access(session, user, application.family_id, "review_application", ip=ip)
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
    if application.status not in ("submitted", "in_review"):
        raise ServiceError("error.application_decided")
    worker = active_worker(session, worker_id)
    family = require_family(session, user, application.family_id)
    application.status, application.decided_at = "accepted", utcnow()
    application.decided_by_id = user.id
    application.decision_note = note.strip()[:2000] if isinstance(note, str) else ""
    family.status, family.worker_id, family.opened_on = "active", worker.id, utcnow().date()
    log_access(session, user, family.id, "accept_application", detail=f"worker {worker.id}", ip=ip)
    session.commit()
    notifications.application_decided(session, user, family.id)


def decline_application(
    session: Session, user: User, application_id: object, reason: object, ip: str = ""
) -> None:
    """Decline with a reason the family sees."""
    require_supervisor(user)
    text = reason.strip() if isinstance(reason, str) else ""
    if not text or len(text) > 2000:
        raise ServiceError("error.reason_required", field="reason")
    application = _application(session, application_id)
    if application.status not in ("submitted", "in_review"):
        raise ServiceError("error.application_decided")
    application.status, application.decided_at = "declined", utcnow()
    application.decided_by_id, application.decision_note = user.id, text
    log_access(session, user, application.family_id, "decline_application", ip=ip)
    session.commit()
    notifications.application_decided(session, user, application.family_id)


def application_status(session: Session, user: User, family_id: object, ip: str = "") -> dict:
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
    log_access(session, user, family.id, "view_application", ip=ip)
    session.commit()
    return {
        "status": application.status,
        "submitted_at": application.submitted_at,
        "in_review_at": application.in_review_at,
        "decided_at": application.decided_at,
        "decision_note": application.decision_note,
        "channel": application.channel,
        "areas": [a for a in application.support_areas.split(",") if a],
        "worker_name": worker.display_name if worker else "",
    }
