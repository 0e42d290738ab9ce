# pyright: strict
"""The supervisor's figures of closed cases, per quarter, over the last `QUARTERS` quarters:
- the closing feedback (`feedback`): the number of answers per quarter given, and the mean of
  each of the three scores only for a quarter with at least `MIN_ANSWERS` answers, so that no
  single family's answers can be recognised; the comments likewise, as a list per quarter in
  alphabetical order (not the order they came in), without names or dates;
- per quarter of closing, the median days from the family's first application to the start of
  the work (the day of the first agreed or held meeting with the family after it, or the day
  the assessment started, whichever came first) and to the close.

Two SQL reads (the cases' days grouped in the database; the feedback rows of the quarters shown,
summed here) and one access-log row without a family, however
many families there are. The figures are aggregates: the log names no family.
"""

from dataclasses import dataclass
from datetime import date, datetime
from statistics import median
from zoneinfo import ZoneInfo

from sqlmodel import Session, col, func, select

from familywork_app.domain import CaseStepKind, FamilyStatus, LogAction, MeetingStatus
from familywork_app.models import Application, CaseStep, Family, Feedback, Meeting, User, utcnow
from familywork_app.services.access_log import log_access
from familywork_app.services.policy import acting_user, require_supervisor

HELSINKI = ZoneInfo("Europe/Helsinki")
MIN_ANSWERS = 3
QUARTERS = 8
BOOKED = (MeetingStatus.AGREED, MeetingStatus.HELD)


@dataclass(frozen=True, slots=True)
class FeedbackQuarter:
    """The answers given in a quarter; the means are None below `MIN_ANSWERS` answers."""

    quarter: str  # "2026Q4"
    answers: int
    helped: float | None
    listened: float | None
    meetings: float | None


@dataclass(frozen=True, slots=True)
class QuarterComments:
    """The comments given in a quarter with enough answers, in alphabetical order."""

    quarter: str
    comments: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ClosingQuarter:
    """The cases closed in a quarter and their median days (None: nothing to measure)."""

    quarter: str
    closed: int
    days_to_start: float | None
    days_to_close: float | None


@dataclass(frozen=True, slots=True)
class ClosingFigures:
    feedback: tuple[FeedbackQuarter, ...]
    comments: tuple[QuarterComments, ...]
    closing: tuple[ClosingQuarter, ...]


def quarter_name(day: date) -> str:
    return f"{day.year}Q{(day.month - 1) // 3 + 1}"


def first_quarter_day(today: date, back: int = QUARTERS - 1) -> date:
    """The first day of the quarter `back` quarters before today's."""
    index = today.year * 4 + (today.month - 1) // 3 - back
    return date(index // 4, index % 4 * 3 + 1, 1)


def _mean(total: int, answers: int) -> float | None:
    return round(total / answers, 1) if answers >= MIN_ANSWERS else None


def _feedback(
    session: Session, since: str
) -> tuple[tuple[FeedbackQuarter, ...], tuple[QuarterComments, ...]]:
    """Per quarter: the answers and means, and the comments (quarters with enough answers)."""
    stmt = select(Feedback).where(col(Feedback.quarter) >= since)
    answers: dict[str, list[Feedback]] = {}
    for row in session.exec(stmt):
        answers.setdefault(row.quarter, []).append(row)
    quarters = tuple(
        FeedbackQuarter(
            quarter=q,
            answers=len(rows),
            helped=_mean(sum(r.helped for r in rows), len(rows)),
            listened=_mean(sum(r.listened for r in rows), len(rows)),
            meetings=_mean(sum(r.meetings for r in rows), len(rows)),
        )
        for q, rows in sorted(answers.items())
    )
    comments = tuple(
        QuarterComments(q, tuple(sorted(r.comment for r in rows if r.comment)))
        for q, rows in sorted(answers.items())
        if len(rows) >= MIN_ANSWERS and any(r.comment for r in rows)
    )
    return quarters, comments


def _case_days(session: Session, since: date) -> list[tuple[date, date, date | None]]:
    """(closed on, first application day, start day or None) of each case closed since."""
    first_app = (
        select(Application.family_id, func.min(Application.submitted_at).label("at"))
        .group_by(col(Application.family_id))
        .subquery()
    )
    moment = col(Meeting.starts_at)
    first_meeting = (
        select(Meeting.family_id, func.min(moment).label("at"))
        .join(first_app, first_app.c.family_id == Meeting.family_id)
        .where(col(Meeting.status).in_(BOOKED), moment >= first_app.c.at)
        .group_by(col(Meeting.family_id))
        .subquery()
    )
    started = (
        select(CaseStep.family_id, func.min(CaseStep.on).label("on"))
        .where(col(CaseStep.kind) == CaseStepKind.ASSESSMENT_STARTED)
        .group_by(col(CaseStep.family_id))
        .subquery()
    )
    stmt = (
        select(col(Family.closed_on), first_app.c.at, first_meeting.c.at, started.c.on)
        .join(first_app, first_app.c.family_id == Family.id)
        .join(first_meeting, first_meeting.c.family_id == Family.id, isouter=True)
        .join(started, started.c.family_id == Family.id, isouter=True)
        .where(col(Family.status) == FamilyStatus.CLOSED, col(Family.closed_on) >= since)
    )
    rows: list[tuple[date, date, date | None]] = []
    for closed_on, applied, met, step in session.exec(stmt):
        if closed_on is None:
            continue
        starts = [d for d in (_day(met), step) if isinstance(d, date)]
        rows.append((closed_on, _day(applied) or closed_on, min(starts) if starts else None))
    return rows


def _day(moment: object) -> date | None:
    return moment.astimezone(HELSINKI).date() if isinstance(moment, datetime) else None


def _median(days: list[int]) -> float | None:
    return round(float(median(days)), 1) if days else None


def _closing(session: Session, since: date) -> tuple[ClosingQuarter, ...]:
    by_quarter: dict[str, tuple[list[int], list[int]]] = {}
    for closed_on, applied, start in _case_days(session, since):
        to_start, to_close = by_quarter.setdefault(quarter_name(closed_on), ([], []))
        to_close.append((closed_on - applied).days)
        if start is not None:
            to_start.append((start - applied).days)
    return tuple(
        ClosingQuarter(q, len(to_close), _median(to_start), _median(to_close))
        for q, (to_start, to_close) in sorted(by_quarter.items())
    )


def closing_figures(
    session: Session, user: User, today: date | None = None, ip: str = ""
) -> ClosingFigures:
    """The figures of closed cases (see the module docstring); supervisors only."""
    require_supervisor(acting_user(user, ip))
    day = today or utcnow().astimezone(HELSINKI).date()
    since = first_quarter_day(day)
    feedback, comments = _feedback(session, quarter_name(since))
    figures = ClosingFigures(
        feedback=feedback,
        comments=comments,
        closing=_closing(session, since),
    )
    log_access(session, user, None, LogAction.VIEW_FIGURES, detail="closing", ip=ip)
    session.commit()
    return figures
