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

from familywork_app.domain import (
    ApplicationChannel,
    ApplicationStatus,
    Language,
    LogAction,
    MeetingStatus,
    Municipality,
    SupportArea,
    TokenPurpose,
)
from familywork_app.models import Application, Family, Meeting, User, utcnow
from familywork_app.services import ServiceError
from familywork_app.services.access_log import log_access
from familywork_app.services.application_checks import check_application
from familywork_app.services.applications import application_areas, create_applicant_family
from familywork_app.services.caseload import QUEUE_STATUSES, active_family_counts, worker_accounts
from familywork_app.services.handover import transfer_family
from familywork_app.services.mailer import send_mail
from familywork_app.services.policy import (
    acting_user,
    require_staff,
    require_supervisor,
    saved_id,
)
from familywork_app.services.staff import new_password_token, password_link
from familywork_app.services.supervision_rows import (
    AreaMonth,
    MonthlyApplications,
    MunicipalityMonth,
    QueueWait,
    ServiceFigures,
    WorkerActive,
    WorkerMeetings,
)

HELSINKI = ZoneInfo("Europe/Helsinki")
STAFF_CHANNELS = (ApplicationChannel.PAPER, ApplicationChannel.PHONE)
BOOKED_STATUSES = (MeetingStatus.AGREED, MeetingStatus.HELD)
FIGURE_MONTHS = 12


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


def _active_per_worker(session: Session, workers: list[User]) -> tuple[WorkerActive, ...]:
    """Active families of each listed worker (one grouped query)."""
    active = active_family_counts(session)
    return tuple(
        WorkerActive(worker_id=worker_id, name=w.display_name, active=active.get(worker_id, 0))
        for w in workers
        for worker_id in (saved_id(w.id),)
    )


def _queue(session: Session, today: date) -> tuple[QueueWait, ...]:
    stmt = (
        select(Application, Family)
        .join(Family, col(Family.id) == Application.family_id)
        .where(col(Application.status).in_(QUEUE_STATUSES))
        .order_by(col(Application.submitted_at), col(Application.id))
    )
    return tuple(
        QueueWait(
            application_id=saved_id(application.id),
            family_name=family.name,
            municipality=Municipality(family.municipality),
            days_waiting=(today - _local_date(application.submitted_at)).days,
            status=ApplicationStatus(application.status),
        )
        for application, family in session.exec(stmt)
    )


def _meetings_per_worker(
    session: Session, workers: list[User], today: date
) -> tuple[WorkerMeetings, ...]:
    monday = today - timedelta(days=today.weekday())
    bounds = [_helsinki_midnight(monday + timedelta(days=7 * n)) for n in range(3)]
    stmt = select(Meeting.worker_id, Meeting.starts_at).where(
        col(Meeting.status).in_(BOOKED_STATUSES),
        Meeting.starts_at >= bounds[0],
        Meeting.starts_at < bounds[2],
    )
    this_week: Counter[int | None] = Counter()
    next_week: Counter[int | None] = Counter()
    for worker_id, starts_at in session.exec(stmt):
        (this_week if starts_at < bounds[1] else next_week)[worker_id] += 1
    return tuple(
        WorkerMeetings(
            worker_id=saved_id(w.id),
            name=w.display_name,
            this_week=this_week[w.id],
            next_week=next_week[w.id],
        )
        for w in workers
    )


def _median_days(session: Session) -> float | None:
    """Median days from an accepted application to the first meeting agreed with the family
    after it (agreed_at, or the start when agreed_at is missing); one grouped query."""
    moment = func.coalesce(Meeting.agreed_at, Meeting.starts_at)
    stmt = (
        select(Application.submitted_at, func.min(moment))
        .join(Meeting, col(Meeting.family_id) == Application.family_id)
        .where(
            Application.status == ApplicationStatus.ACCEPTED,
            col(Meeting.status).in_(BOOKED_STATUSES),
            moment >= Application.submitted_at,
        )
        .group_by(col(Application.id), col(Application.submitted_at))
    )
    days = [(first - submitted).total_seconds() / 86400 for submitted, first in session.exec(stmt)]
    return round(median(days), 1) if days else None


def _month_start(today: date, back: int) -> date:
    index = today.year * 12 + today.month - 1 - back
    return date(index // 12, index % 12 + 1, 1)


def _per_month(session: Session, today: date) -> MonthlyApplications:
    """Applications per Helsinki month (last 12 months incl. this one), by area and municipality.

    Only non-zero counts are listed, sorted by month then name.
    """
    start, end = _month_start(today, FIGURE_MONTHS - 1), _month_start(today, -1)
    stmt = (
        select(Application, Family)
        .join(Family, col(Family.id) == Application.family_id)
        .where(
            Application.submitted_at >= _helsinki_midnight(start),
            Application.submitted_at < _helsinki_midnight(end),
        )
    )
    areas: Counter[tuple[str, SupportArea]] = Counter()
    places: Counter[tuple[str, Municipality]] = Counter()
    for application, family in session.exec(stmt):
        month = _local_date(application.submitted_at).strftime("%Y-%m")
        for area in application_areas(application.support_areas):
            areas[(month, area)] += 1
        places[(month, Municipality(family.municipality))] += 1
    return MonthlyApplications(
        by_area=tuple(AreaMonth(m, a, n) for (m, a), n in sorted(areas.items())),
        by_municipality=tuple(MunicipalityMonth(m, p, n) for (m, p), n in sorted(places.items())),
    )


def service_figures(
    session: Session, user: User, today: object = None, ip: str = ""
) -> ServiceFigures:
    """The supervisor's figures: queue, caseloads, meetings this/next week, time to first
    meeting (median days) and applications per month. `today` (a date) is for tests."""
    require_supervisor(acting_user(user, ip))
    day = _today(today)
    workers = worker_accounts(session)
    figures = ServiceFigures(
        queue=_queue(session, day),
        active_per_worker=_active_per_worker(session, workers),
        meetings_per_worker=_meetings_per_worker(session, workers, day),
        median_days_to_first_meeting=_median_days(session),
        applications_per_month=_per_month(session, day),
    )
    log_access(session, user, None, LogAction.VIEW_FIGURES, ip=ip)
    session.commit()
    return figures


# --- Reassigning a family ------------------------------------------------------------------


def reassign_family(
    session: Session, user: User, family_id: object, worker_id: object, ip: str = ""
) -> None:
    """Give an active family to another worker, with its future open meetings: a transfer
    without a handover note (`services.handover.transfer_family`, which keeps the history and
    tells the family)."""
    transfer_family(session, user, family_id, worker_id, "", ip)


# --- Registering a paper or phone application ----------------------------------------------


def register_application(
    session: Session, user: User, entry: object, channel: object, ip: str = ""
) -> int:
    """Staff enter an application received on paper or by phone; returns the new family's id.

    `entry` is the e-form's `ApplicationEntry` (its password unused); e-mail is optional and
    `consent` must be True (the worker confirms the family gave it). The guardian's account
    cannot sign in until they set a password through the link e-mailed to them (only when an
    address was given). Wrong fields raise application_checks.FormErrors, like the e-form.
    """
    require_staff(acting_user(user, ip))
    if not isinstance(channel, str) or channel not in STAFF_CHANNELS:
        raise ServiceError("error.invalid", field="channel")
    checked = check_application(session, entry, staff=True)
    guardian, family = create_applicant_family(
        session,
        checked,
        channel=ApplicationChannel(channel),
        language=Language.FI,
        submitted_by=user,
    )
    family_id = saved_id(family.id)
    token = (
        new_password_token(session, TokenPurpose.SET_PASSWORD, guardian, user, family_id)
        if checked.email
        else ""
    )
    log_access(
        session, user, family_id, LogAction.REGISTER_APPLICATION, detail=f"channel {channel}", ip=ip
    )
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
    return family_id
