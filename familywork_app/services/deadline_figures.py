# pyright: strict
"""The supervisor's deadline figures (Social Welfare Act § 36 and § 39), per month of receipt
and per worker:
- the share of assessments started within 7 working days of receipt, and completed within
  3 months;
- the median calendar days from receipt to the start and to the completion;
- the client plans overdue for review (the newest made version's `next_review` before today).

A case counts towards a share once its answer is known: it was done (in time or late), or it
is still open after its due date (late). A case still open before its due date is not counted
yet. The month is the Helsinki month the matter was received (the newest `received` step, else
the first application's day, as in `case_process`); the last `FIGURE_MONTHS` months are shown.
The worker is the family's worker now; a family without one (still in the queue) is listed
under `worker_id` None.

Reading them runs a fixed number of SQL statements whatever the number of families (four
grouped reads, the workers' names and one access-log row without a family).
"""

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date, datetime
from statistics import median

from sqlmodel import Session, col, func, select

from familywork_app.domain import CaseStepKind, FamilyStatus, LogAction
from familywork_app.models import Application, CaseStep, Family
from familywork_app.services.access_log import log_access
from familywork_app.services.case_process import (
    complete_due,
    helsinki_day,
    helsinki_today,
    start_due,
)
from familywork_app.services.caseload import worker_accounts
from familywork_app.services.policy import acting_user, require_supervisor, saved_id
from familywork_app.services.work_list_queries import made_plans

FIGURE_MONTHS = 12
STEP_KINDS = (
    CaseStepKind.RECEIVED,
    CaseStepKind.ASSESSMENT_STARTED,
    CaseStepKind.ASSESSMENT_COMPLETED,
)


@dataclass(frozen=True, slots=True)
class DeadlineRow:
    """The figures of one month (`month` "YYYY-MM", `worker_id` None) or one worker (`month`
    "", `worker_id` None for the families without a worker). A share or a median is None when
    no case counts towards it yet."""

    month: str
    worker_id: int | None
    worker_name: str
    cases: int
    start_known: int
    started_in_time: int
    complete_known: int
    completed_in_time: int
    median_days_to_start: float | None
    median_days_to_complete: float | None
    plans_overdue: int

    @property
    def started_in_time_share(self) -> float | None:
        return self.started_in_time / self.start_known if self.start_known else None

    @property
    def completed_in_time_share(self) -> float | None:
        return self.completed_in_time / self.complete_known if self.complete_known else None


@dataclass(frozen=True, slots=True)
class DeadlineFigures:
    """Rows by month (oldest first) and by worker (by name; the unassigned last)."""

    by_month: tuple[DeadlineRow, ...]
    by_worker: tuple[DeadlineRow, ...]
    plans_overdue: int


@dataclass(frozen=True, slots=True)
class _Case:
    """One family's assessment, as the figures see it."""

    worker_id: int | None
    month: str
    start_known: bool
    started_in_time: bool
    complete_known: bool
    completed_in_time: bool
    days_to_start: int | None
    days_to_complete: int | None
    plan_overdue: bool


def _steps(session: Session) -> dict[int, dict[CaseStepKind, date]]:
    """Each family's newest received day and its first assessment start and completion."""
    stmt = (
        select(CaseStep.family_id, CaseStep.kind, func.min(CaseStep.on), func.max(CaseStep.on))
        .where(col(CaseStep.kind).in_(STEP_KINDS))
        .group_by(col(CaseStep.family_id), col(CaseStep.kind))
    )
    found: dict[int, dict[CaseStepKind, date]] = defaultdict(dict)
    for family_id, kind, first, last in session.exec(stmt):
        step = CaseStepKind(kind)
        found[family_id][step] = last if step == CaseStepKind.RECEIVED else first
    return found


def _first_applications(session: Session) -> dict[int, datetime]:
    stmt = select(Application.family_id, func.min(Application.submitted_at)).group_by(
        col(Application.family_id)
    )
    return dict(session.exec(stmt).all())


def _month_start(today: date, back: int) -> date:
    index = today.year * 12 + today.month - 1 - back
    return date(index // 12, index % 12 + 1, 1)


def _case(
    worker_id: int | None,
    days: dict[CaseStepKind, date],
    received: date,
    plan_overdue: bool,
    today: date,
) -> _Case:
    started = days.get(CaseStepKind.ASSESSMENT_STARTED)
    completed = days.get(CaseStepKind.ASSESSMENT_COMPLETED)
    by_start, by_complete = start_due(received), complete_due(received)
    return _Case(
        worker_id=worker_id,
        month=received.strftime("%Y-%m"),
        start_known=started is not None or today > by_start,
        started_in_time=started is not None and started <= by_start,
        complete_known=completed is not None or today > by_complete,
        completed_in_time=completed is not None and completed <= by_complete,
        days_to_start=(started - received).days if started else None,
        days_to_complete=(completed - received).days if completed else None,
        plan_overdue=plan_overdue,
    )


def _cases(
    session: Session,
    families: list[tuple[int, int | None]],
    plans: dict[int, date | None],
    today: date,
) -> list[_Case]:
    """The cases received in the last `FIGURE_MONTHS` months (this one included)."""
    steps, applied = _steps(session), _first_applications(session)
    first_day = _month_start(today, FIGURE_MONTHS - 1)
    cases: list[_Case] = []
    for family_id, worker_id in families:
        days = steps.get(family_id, {})
        first = applied.get(family_id)
        received = days.get(CaseStepKind.RECEIVED) or (helsinki_day(first) if first else None)
        if received is None or received < first_day:
            continue
        review = plans.get(family_id)
        overdue = review is not None and review < today
        cases.append(_case(worker_id, days, received, overdue, today))
    return cases


def _median(values: Iterable[int | None]) -> float | None:
    known = [v for v in values if v is not None]
    return round(float(median(known)), 1) if known else None


def _row(month: str, worker_id: int | None, name: str, cases: list[_Case]) -> DeadlineRow:
    return DeadlineRow(
        month=month,
        worker_id=worker_id,
        worker_name=name,
        cases=len(cases),
        start_known=sum(c.start_known for c in cases),
        started_in_time=sum(c.started_in_time for c in cases),
        complete_known=sum(c.complete_known for c in cases),
        completed_in_time=sum(c.completed_in_time for c in cases),
        median_days_to_start=_median(c.days_to_start for c in cases),
        median_days_to_complete=_median(c.days_to_complete for c in cases),
        plans_overdue=sum(c.plan_overdue for c in cases),
    )


def deadline_figures(
    session: Session, user: object, today: date | None = None, ip: str = ""
) -> DeadlineFigures:
    """The supervisor's deadline figures (see the module docstring); `today` is for tests."""
    supervisor = require_supervisor(acting_user(user, ip))
    day = today or helsinki_today()
    families = [
        (saved_id(family_id), worker_id)
        for family_id, worker_id in session.exec(select(Family.id, Family.worker_id))
    ]
    # the newest made plan of each family whose work goes on (a closed case needs no review)
    plans = made_plans(
        session, select(col(Family.id)).where(col(Family.status) != FamilyStatus.CLOSED)
    )
    by_month: dict[str, list[_Case]] = defaultdict(list)
    by_worker: dict[int | None, list[_Case]] = defaultdict(list)
    for case in _cases(session, families, plans, day):
        by_month[case.month].append(case)
        by_worker[case.worker_id].append(case)
    overdue: Counter[int | None] = Counter(
        worker_id
        for family_id, worker_id in families
        if (review := plans.get(family_id)) is not None and review < day
    )
    names = {saved_id(w.id): w.display_name for w in worker_accounts(session)}
    worker_rows = [
        # a worker's row counts every overdue plan of theirs, not only this window's cases
        replace(
            _row("", worker_id, names.get(worker_id or 0, ""), by_worker.get(worker_id, [])),
            plans_overdue=overdue[worker_id],
        )
        for worker_id in [*names, None]
    ]
    log_access(session, supervisor, None, LogAction.VIEW_FIGURES, detail="deadlines", ip=ip)
    session.commit()
    return DeadlineFigures(
        by_month=tuple(_row(m, None, "", by_month[m]) for m in sorted(by_month)),
        by_worker=tuple(r for r in worker_rows if r.worker_id is not None or r.cases),
        plans_overdue=sum(overdue.values()),
    )
