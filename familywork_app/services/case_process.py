"""The timeline of a family's case and its legal deadlines (Social Welfare Act § 36).

A case runs: received (the matter became pending), assessment started, assessment completed
(with a summary for the family and a yes or no on the child's need for special support), plan
made, plan reviewed, closed. Each step is dated and attributed (`models.CaseStep`).

Deadlines, counted from the day the matter was received (that day not counted):
- the assessment starts by the 7th working day (`working_days`: weekends and Finnish public
  holidays skipped). The Act sets this limit where a child may need special support; whether
  one does is known only at the end of the assessment, so the limit is applied to every case;
- it is completed within 3 calendar months.
"Days left" are calendar days from today to the due date (negative: overdue).

The received day is the newest `received` step; a family without one (an application that came
in after revision 0009) counts from its first application's day. Steps of the plan are recorded
by `client_plan.make_plan`, and closing by the closing of the case, so `record_step` takes the
received day and the assessment's two steps only.
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from sqlmodel import Session, col, func, select

from familywork_app.domain import CaseStepKind, LogAction
from familywork_app.models import Application, CaseStep, Family, User
from familywork_app.services import ServiceError
from familywork_app.services.access_log import log_access
from familywork_app.services.policy import acting_user, require_family, require_staff, saved_id
from familywork_app.services.working_days import add_months, add_working_days

HELSINKI = ZoneInfo("Europe/Helsinki")
START_WORKING_DAYS = 7
COMPLETE_MONTHS = 3
SUMMARY_MAX = 4000
ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
RECORDABLE = frozenset(
    {CaseStepKind.RECEIVED, CaseStepKind.ASSESSMENT_STARTED, CaseStepKind.ASSESSMENT_COMPLETED}
)
ONCE = frozenset({CaseStepKind.ASSESSMENT_STARTED, CaseStepKind.ASSESSMENT_COMPLETED})


@dataclass(frozen=True, slots=True)
class CaseStepRow:
    """One step of the timeline; `recorded_by` is "" for a step made from old data."""

    id: int
    kind: CaseStepKind
    on: date
    recorded_by: str
    recorded_at: datetime
    special_support: bool | None
    summary: str


@dataclass(frozen=True, slots=True)
class CaseDeadlines:
    """The assessment's two deadlines. A `*_days_left` is None once the step is done (or when
    nothing was received); `*_in_time` is None until it is done."""

    received_on: date | None
    assessment_start_due: date | None
    assessment_started_on: date | None
    assessment_start_days_left: int | None
    assessment_start_overdue: bool
    assessment_started_in_time: bool | None
    assessment_complete_due: date | None
    assessment_completed_on: date | None
    assessment_complete_days_left: int | None
    assessment_complete_overdue: bool
    assessment_completed_in_time: bool | None


@dataclass(frozen=True, slots=True)
class CaseTimeline:
    """A family's steps (by date, then as recorded) and its deadlines."""

    family_id: int
    steps: tuple[CaseStepRow, ...]
    deadlines: CaseDeadlines


def helsinki_today() -> date:
    return datetime.now(HELSINKI).date()


def start_due(received_on: date) -> date:
    """The last day to start the assessment: the 7th working day after receipt."""
    return add_working_days(received_on, START_WORKING_DAYS)


def complete_due(received_on: date) -> date:
    """The last day to complete the assessment: 3 calendar months after receipt."""
    return add_months(received_on, COMPLETE_MONTHS)


def case_deadlines(
    received_on: date | None, started_on: date | None, completed_on: date | None, today: date
) -> CaseDeadlines:
    """The deadlines from the step days (a pure function: the work list uses it too)."""
    start = start_due(received_on) if received_on else None
    complete = complete_due(received_on) if received_on else None
    open_start = start is not None and started_on is None
    open_complete = complete is not None and completed_on is None
    return CaseDeadlines(
        received_on=received_on,
        assessment_start_due=start,
        assessment_started_on=started_on,
        assessment_start_days_left=(start - today).days if open_start and start else None,
        assessment_start_overdue=open_start and start is not None and today > start,
        assessment_started_in_time=started_on <= start if started_on and start else None,
        assessment_complete_due=complete,
        assessment_completed_on=completed_on,
        assessment_complete_days_left=(
            (complete - today).days if open_complete and complete else None
        ),
        assessment_complete_overdue=open_complete and complete is not None and today > complete,
        assessment_completed_in_time=(
            completed_on <= complete if completed_on and complete else None
        ),
    )


def checked_day(value: object, field: str) -> date:
    """A date, or an ISO "YYYY-MM-DD" string, that is not after today (Helsinki)."""
    day: date | None = None
    if isinstance(value, date) and not isinstance(value, datetime):
        day = value
    elif isinstance(value, str) and ISO_DATE.fullmatch(value.strip()):
        try:
            day = date.fromisoformat(value.strip())
        except ValueError:
            day = None
    if day is None:
        raise ServiceError("error.date_invalid", field=field)
    if day > helsinki_today():
        raise ServiceError("error.step_in_future", field=field)
    return day


def _steps(session: Session, family_id: int) -> list[CaseStep]:
    return list(
        session.exec(
            select(CaseStep)
            .where(CaseStep.family_id == family_id)
            .order_by(col(CaseStep.on), col(CaseStep.recorded_at), col(CaseStep.id))
        )
    )


def _latest(steps: Iterable[CaseStep], kind: CaseStepKind) -> date | None:
    days = [s.on for s in steps if s.kind == kind]
    return max(days) if days else None


def first_application_day(session: Session, family_id: int) -> date | None:
    """The Helsinki day of the family's first application (None: it has none)."""
    first = session.exec(
        select(func.min(Application.submitted_at)).where(Application.family_id == family_id)
    ).one()
    return helsinki_day(first) if first else None


def helsinki_day(moment: datetime) -> date:
    return moment.astimezone(HELSINKI).date()


def received_day(session: Session, steps: list[CaseStep], family_id: int) -> date | None:
    """The newest `received` step's day, else the first application's."""
    return _latest(steps, CaseStepKind.RECEIVED) or first_application_day(session, family_id)


def _check_order(
    kind: CaseStepKind, day: date, steps: list[CaseStep], received_on: date | None
) -> None:
    """Refuse a step whose day is out of order with the family's other steps."""
    started = _latest(steps, CaseStepKind.ASSESSMENT_STARTED)
    if kind in ONCE and _latest(steps, kind) is not None:
        raise ServiceError("error.step_recorded", field="kind")
    if kind == CaseStepKind.RECEIVED and started and day > started:
        raise ServiceError("error.received_after_start", field="on")
    if kind != CaseStepKind.RECEIVED and received_on and day < received_on:
        raise ServiceError("error.step_before_received", field="on")
    if kind == CaseStepKind.ASSESSMENT_COMPLETED:
        if started is None:
            raise ServiceError("error.assessment_not_started", field="kind")
        if day < started:
            raise ServiceError("error.assessment_end_before_start", field="on")
    if kind == CaseStepKind.PLAN_REVIEWED:
        made = _latest(steps, CaseStepKind.PLAN_MADE)
        latest = max(filter(None, (made, _latest(steps, CaseStepKind.PLAN_REVIEWED))), default=None)
        if latest is None or day < latest:
            raise ServiceError("error.review_before_plan", field="on")


def check_step(session: Session, family: Family, kind: CaseStepKind, day: date) -> None:
    """Refuse (ServiceError) a step of an already authorised family that is out of order."""
    family_id = saved_id(family.id)
    steps = _steps(session, family_id)
    _check_order(kind, day, steps, received_day(session, steps, family_id))


def add_step(
    session: Session,
    user: User,
    family: Family,
    kind: CaseStepKind,
    day: date,
    *,
    special_support: bool | None = None,
    summary: str = "",
) -> CaseStep:
    """Check the order of a step of an already authorised family and add it (flushed, not
    committed, not logged: the caller logs and commits)."""
    check_step(session, family, kind, day)
    step = CaseStep(
        family_id=saved_id(family.id),
        kind=kind,
        on=day,
        recorded_by_id=user.id,
        special_support=special_support,
        summary=summary,
    )
    session.add(step)
    session.flush()
    return step


def _completion(special_support: object, summary: object) -> tuple[bool, str]:
    """The completed assessment's yes or no and its summary for the family."""
    if not isinstance(special_support, bool):
        raise ServiceError("error.special_support_required", field="special_support")
    text = summary.strip() if isinstance(summary, str) else ""
    if not text:
        raise ServiceError("error.summary_required", field="summary")
    if len(text) > SUMMARY_MAX:
        raise ServiceError("error.text_long", field="summary")
    return special_support, text


def _row(step: CaseStep, names: dict[int, str]) -> CaseStepRow:
    return CaseStepRow(
        id=saved_id(step.id),
        kind=CaseStepKind(step.kind),
        on=step.on,
        recorded_by=names.get(step.recorded_by_id or 0, ""),
        recorded_at=step.recorded_at,
        special_support=step.special_support,
        summary=step.summary,
    )


def record_step(
    session: Session,
    user: User,
    family_id: object,
    kind: object,
    on: object,
    special_support: object = None,
    summary: object = "",
    ip: str = "",
) -> CaseStepRow:
    """The family's own worker (or a supervisor) records the day the matter was received, the
    assessment started, or the assessment completed (with `special_support` yes/no and a
    `summary` for the family)."""
    require_staff(acting_user(user, ip))
    family = require_family(session, user, family_id, change=True)
    if not isinstance(kind, str) or kind not in RECORDABLE:
        raise ServiceError("error.invalid", field="kind")
    step_kind = CaseStepKind(kind)
    day = checked_day(on, "on")
    support, text = None, ""
    if step_kind == CaseStepKind.ASSESSMENT_COMPLETED:
        support, text = _completion(special_support, summary)
    step = add_step(session, user, family, step_kind, day, special_support=support, summary=text)
    row = _row(step, {saved_id(user.id): user.display_name})
    log_access(session, user, family.id, LogAction.RECORD_CASE_STEP, detail=kind, ip=ip)
    session.commit()
    return row


def case_timeline(
    session: Session, user: User, family_id: object, today: date | None = None, ip: str = ""
) -> CaseTimeline:
    """The family's steps and deadlines: for its guardians, its worker and the supervisors."""
    family = require_family(session, acting_user(user, ip), family_id)
    fid = saved_id(family.id)
    steps = _steps(session, fid)
    recorders = {s.recorded_by_id for s in steps if s.recorded_by_id}
    names = (
        {
            saved_id(u.id): u.display_name
            for u in session.exec(select(User).where(col(User.id).in_(recorders)))
        }
        if recorders
        else {}
    )
    deadlines = case_deadlines(
        received_day(session, steps, fid),
        _latest(steps, CaseStepKind.ASSESSMENT_STARTED),
        _latest(steps, CaseStepKind.ASSESSMENT_COMPLETED),
        today or helsinki_today(),
    )
    log_access(session, user, fid, LogAction.VIEW_CASE_TIMELINE, ip=ip)
    session.commit()
    return CaseTimeline(
        family_id=fid, steps=tuple(_row(s, names) for s in steps), deadlines=deadlines
    )
