"""The supervisor's work: service figures, moving a family to another worker, and staff
registering an application that came on paper or by phone.

Figures are aggregates: reading them writes one access-log row without a family. Moving a
family and registering an application change one family's data and are logged for that family.
Staff management (inviting, deactivating, setting passwords) lives in `services.staff`.
"""

from collections import Counter
from datetime import date, datetime, time, timedelta
from statistics import median
from zoneinfo import ZoneInfo

from sqlmodel import Session, col, func, select

from familywork_app.models import (
    LANGUAGES,
    SUPPORT_AREAS,
    Application,
    Child,
    Family,
    FamilyGuardian,
    Meeting,
    User,
    utcnow,
)
from familywork_app.services import ServiceError
from familywork_app.services.access_log import log_access
from familywork_app.services.applications import check_application
from familywork_app.services.mailer import send_mail
from familywork_app.services.meetings import OPEN_STATUSES
from familywork_app.services.policy import (
    acting_user,
    active_worker,
    require_family,
    require_staff,
    require_supervisor,
)
from familywork_app.services.security import new_token
from familywork_app.services.staff import new_password_token, password_link

HELSINKI = ZoneInfo("Europe/Helsinki")
STAFF_CHANNELS = ("paper", "phone")
QUEUE_STATUSES = ("submitted", "in_review")
BOOKED_STATUSES = ("agreed", "held")
FIGURE_MONTHS = 12
# Only satisfies check_application's password rule; never stored (the guardian sets their own).
_PLACEHOLDER_PASSWORD = "registered by staff, no password yet"


# --- Figures -------------------------------------------------------------------------------


def _local_date(moment: datetime) -> date:
    return moment.astimezone(HELSINKI).date()


def _helsinki_midnight(day: date) -> datetime:
    """Midnight in Helsinki at the start of `day`, as an aware datetime."""
    return datetime.combine(day, time(0), tzinfo=HELSINKI)


def _today(today: object) -> date:
    if today is None:
        return _local_date(utcnow())
    if isinstance(today, datetime):
        return _local_date(today) if today.tzinfo else today.date()
    if isinstance(today, date):
        return today
    raise ServiceError("error.invalid", field="today")


def _active_per_worker(session: Session, workers: list[User]) -> list[dict]:
    """Active families of each listed worker (one grouped query)."""
    active = dict(
        session.exec(
            select(Family.worker_id, func.count())
            .where(Family.status == "active", col(Family.worker_id).is_not(None))
            .group_by(Family.worker_id)
        ).all()
    )
    return [
        {"worker_id": w.id, "name": w.display_name, "active": active.get(w.id, 0)} for w in workers
    ]


def _active_workers(session: Session) -> list[User]:
    return list(
        session.exec(
            select(User)
            .where(User.role == "worker", User.is_active == True)  # noqa: E712
            .order_by(col(User.display_name), col(User.id))
        )
    )


def _queue(session: Session, today: date) -> list[dict]:
    stmt = (
        select(
            Application.id,
            Application.submitted_at,
            Application.status,
            Family.name,
            Family.municipality,
        )
        .join(Family, Family.id == Application.family_id)
        .where(col(Application.status).in_(QUEUE_STATUSES))
        .order_by(col(Application.submitted_at), col(Application.id))
    )
    return [
        {
            "application_id": app_id,
            "family_name": name,
            "municipality": municipality,
            "days_waiting": (today - _local_date(submitted_at)).days,
            "status": status,
        }
        for app_id, submitted_at, status, name, municipality in session.exec(stmt)
    ]


def _meetings_per_worker(session: Session, workers: list[User], today: date) -> list[dict]:
    monday = today - timedelta(days=today.weekday())
    bounds = [_helsinki_midnight(monday + timedelta(days=7 * n)) for n in range(3)]
    stmt = select(Meeting.worker_id, Meeting.starts_at).where(
        col(Meeting.status).in_(BOOKED_STATUSES),
        Meeting.starts_at >= bounds[0],
        Meeting.starts_at < bounds[2],
    )
    this_week, next_week = Counter(), Counter()
    for worker_id, starts_at in session.exec(stmt):
        (this_week if starts_at < bounds[1] else next_week)[worker_id] += 1
    return [
        {
            "worker_id": w.id,
            "name": w.display_name,
            "this_week": this_week[w.id],
            "next_week": next_week[w.id],
        }
        for w in workers
    ]


def _median_days(session: Session) -> float | None:
    """Median days from an accepted application to the first meeting agreed with the family
    after it (agreed_at, or the start when agreed_at is missing); one grouped query."""
    moment = func.coalesce(Meeting.agreed_at, Meeting.starts_at)
    stmt = (
        select(Application.submitted_at, func.min(moment))
        .join(Meeting, Meeting.family_id == Application.family_id)
        .where(
            Application.status == "accepted",
            col(Meeting.status).in_(BOOKED_STATUSES),
            moment >= Application.submitted_at,
        )
        .group_by(Application.id, Application.submitted_at)
    )
    days = [(first - submitted).total_seconds() / 86400 for submitted, first in session.exec(stmt)]
    return round(median(days), 1) if days else None


def _month_start(today: date, back: int) -> date:
    index = today.year * 12 + today.month - 1 - back
    return date(index // 12, index % 12 + 1, 1)


def _per_month(session: Session, today: date) -> dict:
    """Applications per Helsinki month (last 12 months incl. this one), by area and municipality.

    Only non-zero counts are listed, sorted by month then name.
    """
    start, end = _month_start(today, FIGURE_MONTHS - 1), _month_start(today, -1)
    stmt = (
        select(Application.submitted_at, Application.support_areas, Family.municipality)
        .join(Family, Family.id == Application.family_id)
        .where(
            Application.submitted_at >= _helsinki_midnight(start),
            Application.submitted_at < _helsinki_midnight(end),
        )
    )
    areas, places = Counter(), Counter()
    known = set(SUPPORT_AREAS)
    for submitted_at, support_areas, municipality in session.exec(stmt):
        month = _local_date(submitted_at).strftime("%Y-%m")
        for area in set(support_areas.split(",")) & known:
            areas[(month, area)] += 1
        places[(month, municipality)] += 1
    return {
        "by_area": [{"month": m, "area": a, "count": n} for (m, a), n in sorted(areas.items())],
        "by_municipality": [
            {"month": m, "municipality": p, "count": n} for (m, p), n in sorted(places.items())
        ],
    }


def service_figures(session: Session, user: User, today: object = None, ip: str = "") -> dict:
    """The supervisor's figures: queue, caseloads, meetings this/next week, time to first
    meeting (median days) and applications per month. `today` (a date) is for tests."""
    require_supervisor(acting_user(user, ip))
    day = _today(today)
    workers = _active_workers(session)
    figures = {
        "queue": _queue(session, day),
        "active_per_worker": _active_per_worker(session, workers),
        "meetings_per_worker": _meetings_per_worker(session, workers, day),
        "median_days_to_first_meeting": _median_days(session),
        "applications_per_month": _per_month(session, day),
    }
    log_access(session, user, None, "view_figures", ip=ip)
    session.commit()
    return figures


# --- Reassigning a family ------------------------------------------------------------------


def reassign_family(
    session: Session, user: User, family_id: object, worker_id: object, ip: str = ""
) -> None:
    """Give an active family to another worker, with its future open meetings."""
    require_supervisor(acting_user(user, ip))
    family = require_family(session, user, family_id, change=True)
    if family.status != "active":
        raise ServiceError("error.invalid", field="family")
    worker = active_worker(session, worker_id)
    family.worker_id = worker.id
    for meeting in session.exec(
        select(Meeting).where(
            Meeting.family_id == family.id,
            col(Meeting.status).in_(OPEN_STATUSES),
            Meeting.starts_at > utcnow(),
        )
    ):
        meeting.worker_id = worker.id
    log_access(session, user, family.id, "reassign_family", detail=f"worker {worker.id}", ip=ip)
    session.commit()


# --- Registering a paper or phone application ----------------------------------------------


def _checked_form(session: Session, form: object) -> dict:
    """check_application's clean values; e-mail optional ('' when not given), no password."""
    given = dict(form) if isinstance(form, dict) else {}
    address = given.get("email")
    has_email = not (address is None or isinstance(address, str) and not address.strip())
    if not has_email:  # a unique valid address only to pass the check; dropped below
        given["email"] = f"placeholder-{new_token()[:16].lower()}@example.org"
    given["password"] = _PLACEHOLDER_PASSWORD
    clean = check_application(session, given)
    clean["email"] = clean["email"] if has_email else ""
    clean.pop("password")
    language = given.get("language")
    clean["language"] = language if isinstance(language, str) and language in LANGUAGES else "fi"
    return clean


def _create_family(session: Session, clean: dict, channel: str, staff: User) -> tuple[User, Family]:
    email = clean["email"] or f"no-email-{new_token()[:12].lower()}@invalid"
    guardian = User(
        email=email,
        password_hash=None,
        role="guardian",
        display_name=clean["name"],
        phone=clean["phone"],
        language=clean["language"],
    )
    family = Family(
        name=clean["name"].split()[-1],
        municipality=clean["municipality"],
        address=clean["address"],
        status="applied",
    )
    session.add(guardian)
    session.add(family)
    session.flush()
    session.add(FamilyGuardian(family_id=family.id, user_id=guardian.id))
    for name, year in clean["children"]:
        session.add(Child(family_id=family.id, first_name=name, birth_year=year))
    session.add(
        Application(
            family_id=family.id,
            channel=channel,
            support_areas=",".join(clean["areas"]),
            description=clean["description"],
            reachable=clean["reachable"],
            consent=True,
            status="submitted",
            submitted_by_id=staff.id,
        )
    )
    return guardian, family


def register_application(
    session: Session, user: User, form: object, channel: object, ip: str = ""
) -> int:
    """Staff enter an application received on paper or by phone; returns the new family's id.

    The form is the e-form's without a password; e-mail is optional and `consent` must be True
    (the worker confirms the family gave it). The guardian's account cannot sign in until they
    set a password through the link e-mailed to them (only when an address was given).
    Wrong fields raise applications.FormErrors, like the e-form.
    """
    require_staff(acting_user(user, ip))
    if not isinstance(channel, str) or channel not in STAFF_CHANNELS:
        raise ServiceError("error.invalid", field="channel")
    clean = _checked_form(session, form)
    guardian, family = _create_family(session, clean, channel, user)
    token = (
        new_password_token(session, "set_password", guardian, user, family.id)
        if clean["email"]
        else ""
    )
    log_access(session, user, family.id, "register_application", detail=f"channel {channel}", ip=ip)
    session.commit()
    if token:
        send_mail(
            guardian.email,
            "Perhetyö: aseta salasana / ange lösenord / set a password",
            "Perhetyön hakemuksesi on kirjattu. Aseta salasana tästä linkistä:\n"
            "Din ansökan om familjearbete har registrerats. Ange ett lösenord här:\n"
            "Your application for family work has been registered. Set a password here:\n\n"
            f"{password_link(token)}\n",
        )
    return family.id
