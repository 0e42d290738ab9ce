"""Meetings turned into display rows in the user's language: the guardian's meetings page, the
meetings on a family's page for staff, and the worker's calendar (a week of days, each with its
meetings in time order). Pure functions: no database, no state.

The rows are frozen dataclasses that Reflex sends as plain objects; pages read their attributes
(`meeting.when`, `row.overlap`). Field names avoid the names of Reflex's object-var methods
(`entries`, `keys`, `values`, `length`...), which would shadow them in a page.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from familywork_app.domain import MeetingStatus
from familywork_app.i18n import fmt_date, fmt_datetime, fmt_day_month, fmt_time, local, t
from familywork_app.models import utcnow
from familywork_app.services.meetings import OPEN_STATUSES, MeetingRow
from familywork_app.services.visit_rows import WeekRow


@dataclass(frozen=True, slots=True)
class MeetingView:
    """One meeting as shown; the answer flags are for the viewer's side."""

    id: str
    status: str  # a MeetingStatus value (the pages compare it)
    status_label: str
    when: str  # "Tue 1.12.2026 9.30–10.30"
    place: str  # the place type, and its detail when given
    topic: str
    worker: str
    can_answer: bool  # a proposal from the other side: agree or ask for another time
    can_change: bool
    can_cancel: bool
    change_note: str
    cancel_reason: str
    summary: str
    internal_note: str  # staff only; always "" on the family's side
    started: bool
    methods: str  # the methods used, in words


@dataclass(frozen=True, slots=True)
class WeekMeetingView:
    """One meeting of the worker's calendar (its day is the heading it is listed under)."""

    time: str  # "09:30–10:30"
    family: str
    family_id: str
    status: str  # the status in words
    status_key: str  # a MeetingStatus value
    place: str
    topic: str
    overlap: str  # "Overlaps another meeting", or ""
    interpreter: str = ""  # "Interpreter needed: Arabic · not booked", or "" (issue 17)
    interpreter_booked: bool = False


@dataclass(frozen=True, slots=True)
class CalendarDayView:
    """One day of the worker's calendar: its headings and its meetings in time order."""

    iso: str = ""  # "2026-11-30", for the <time> element
    weekday: str = ""  # "maanantai"
    date: str = ""  # "30.11."
    long: str = ""  # "maanantai 30.11.2026", the day view's heading
    today: bool = False
    rest_day: bool = False  # Saturday or Sunday
    meetings: tuple[WeekMeetingView, ...] = ()


def present_meeting(m: MeetingRow, lang: str) -> MeetingView:
    """One meeting as display strings."""
    place = t(lang, f"place.{m.place}")
    proposal_to_answer = m.status == MeetingStatus.PROPOSED and m.proposed_by_other_side
    return MeetingView(
        id=str(m.id),
        status=m.status.value,
        status_label=t(lang, f"status.meeting.{m.status}"),
        when=f"{fmt_datetime(m.starts_at, lang)}–{fmt_time(m.ends_at, lang)}",
        place=f"{place}, {m.place_detail}" if m.place_detail else place,
        topic=m.topic,
        worker=m.worker_name,
        can_answer=proposal_to_answer,
        can_change=m.status == MeetingStatus.AGREED or proposal_to_answer,
        can_cancel=m.status in OPEN_STATUSES,
        change_note=m.change_note,
        cancel_reason=m.cancel_reason,
        summary=m.summary,
        internal_note=m.internal_note or "",
        started=m.starts_at <= utcnow(),
        methods=", ".join(t(lang, f"method.{x}") for x in m.methods),
    )


def present_week_meeting(r: WeekRow, lang: str) -> WeekMeetingView:
    """One meeting of the calendar."""
    return WeekMeetingView(
        time=f"{fmt_time(r.starts_at, lang)}–{fmt_time(r.ends_at, lang)}",
        family=r.family_name,
        family_id=str(r.family_id),
        status=t(lang, f"status.meeting.{r.status}"),
        status_key=r.status.value,
        place=t(lang, f"place.{r.place}"),
        topic=r.topic,
        overlap=t(lang, "week.overlap") if r.overlaps else "",
        interpreter=_interpreter_line(r, lang),
        interpreter_booked=r.interpreter_booked,
    )


def _interpreter_line(r: WeekRow, lang: str) -> str:
    if not r.interpreter:
        return ""
    booked = (
        t(lang, "fb.interp.booked") if r.interpreter_booked else t(lang, "fb.interp.not_booked")
    )
    return f"{t(lang, 'fb.interp.line', language=r.interpreter)} · {booked}"


def present_day(day: date, rows: list[WeekRow], today: date, lang: str) -> CalendarDayView:
    """`day` with those of `rows` that start on it (Helsinki time), earliest first."""
    weekday = t(lang, f"calendar.weekday_{day.weekday()}")
    own = sorted((r for r in rows if local(r.starts_at).date() == day), key=lambda r: r.starts_at)
    return CalendarDayView(
        iso=day.isoformat(),
        weekday=weekday,
        date=fmt_day_month(day, lang),
        long=f"{weekday} {fmt_date(day, lang)}",
        today=day == today,
        rest_day=day.weekday() >= 5,
        meetings=tuple(present_week_meeting(r, lang) for r in own),
    )


def present_week(
    monday: date, rows: list[WeekRow], today: date, lang: str
) -> tuple[CalendarDayView, ...]:
    """The seven days from `monday`, each with its own meetings. A meeting outside the week
    (the service never gives one) is in no day."""
    return tuple(present_day(monday + timedelta(days=n), rows, today, lang) for n in range(7))
