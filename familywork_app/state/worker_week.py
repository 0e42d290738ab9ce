"""States of the worker's calendar (own agreed and open meetings, a week grid or one day) and
the staff inbox. Which day the calendar shows is plain date arithmetic here (`CalendarPlace`);
the grouping of meetings into days is the presenter's (`present_week`)."""

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

import reflex as rx

from familywork_app.domain import STAFF_ROLES
from familywork_app.i18n import HELSINKI, fmt_date, fmt_datetime, t
from familywork_app.models import utcnow
from familywork_app.services.messages import InboxRow, staff_inbox
from familywork_app.services.visits import worker_week
from familywork_app.state.app_state import AppState
from familywork_app.state.handler import Acting, data_handler
from familywork_app.state.meeting_presenters import CalendarDayView, present_week

WEEKS_EITHER_WAY = 52  # how far the calendar goes from the current week (exclusive)
CalendarMode = Literal["week", "day"]
MODES: tuple[CalendarMode, ...] = ("week", "day")


@dataclass(frozen=True, slots=True)
class WeekHeadingView:
    """The week view's heading, its date range and the text when it has no meetings."""

    heading: str
    dates: str
    empty: str


def week_heading(monday: date, this_monday: date, lang: str) -> WeekHeadingView:
    """The heading says "This week's meetings" only for the current week; any other week is
    "Meetings, week 49", with its dates and its own "no meetings" text."""
    week = monday.isocalendar().week
    current = monday == this_monday
    return WeekHeadingView(
        heading=t(lang, "week.title") if current else t(lang, "week.title_other", week=week),
        dates=t(
            lang,
            "week.title_range",
            start=fmt_date(monday, lang),
            end=fmt_date(monday + timedelta(days=6), lang),
        ),
        empty=t(lang, "week.empty") if current else t(lang, "week.empty_other", week=week),
    )


@dataclass(frozen=True, slots=True)
class CalendarPlace:
    """The day the calendar shows: weeks from the current week, and the weekday (0 Monday)."""

    weeks: int = 0
    weekday: int = 0

    def monday(self, today: date) -> date:
        return today - timedelta(days=today.weekday()) + timedelta(weeks=self.weeks)

    def day(self, today: date) -> date:
        return self.monday(today) + timedelta(days=self.weekday)


def today_place(today: date) -> CalendarPlace:
    return CalendarPlace(0, today.weekday())


def moved(place: CalendarPlace, days: int) -> CalendarPlace | None:
    """The place `days` later (earlier when negative); None beyond a year either way."""
    weeks, weekday = divmod(place.weeks * 7 + place.weekday + days, 7)
    return CalendarPlace(weeks, weekday) if -WEEKS_EITHER_WAY < weeks < WEEKS_EITHER_WAY else None


def one_step(value: object) -> int:
    """-1 or +1 as the buttons send it; anything else (a forged 10**12, "1", True) is 0."""
    return value if type(value) is int and value in (-1, 1) else 0


def helsinki_today() -> date:
    return utcnow().astimezone(HELSINKI).date()


class WeekState(AppState):
    loaded: rx.Field[bool] = rx.field(False)
    offset: rx.Field[int] = rx.field(0)  # weeks from the current one
    weekday: rx.Field[int] = rx.field(0)  # the day of the day view, 0 Monday
    mode: rx.Field[str] = rx.field("week")  # a CalendarMode: the week grid or one day
    heading: rx.Field[str] = rx.field("")
    title: rx.Field[str] = rx.field("")  # the week's dates
    empty: rx.Field[str] = rx.field("")
    has_meetings: rx.Field[bool] = rx.field(False)
    week: rx.Field[list[CalendarDayView]] = rx.field(default_factory=list)  # Monday to Sunday
    day: rx.Field[CalendarDayView] = rx.field(default_factory=CalendarDayView)  # the day view's

    def _show(self, acting: Acting, place: CalendarPlace) -> None:
        """Load the week of `place` (only when it is another week) and pick its day."""
        today = helsinki_today()
        if place.weeks != self.offset or not self.week:
            lang, monday = self.lang, place.monday(today)
            rows = worker_week(acting.db, acting.user, monday, acting.ip)
            shown = week_heading(monday, today_place(today).monday(today), lang)
            self.heading, self.title, self.empty = shown.heading, shown.dates, shown.empty
            self.week = list(present_week(monday, rows, today, lang))
            self.has_meetings = bool(rows)
        self.offset, self.weekday = place.weeks, place.weekday
        self.day = self.week[place.weekday]
        self.loaded = True

    @rx.event
    @data_handler(*STAFF_ROLES, page=True)
    def load(self, acting: Acting):
        self.loaded, self.week = False, []
        self._show(acting, today_place(helsinki_today()))

    @rx.event
    @data_handler(*STAFF_ROLES, page=True)
    def shift(self, acting: Acting, weeks: int):
        """Previous (-1) or next (+1) week, at most a year either way."""
        step = one_step(weeks)
        place = moved(CalendarPlace(self.offset, self.weekday), 7 * step) if step else None
        if place is not None:
            self._show(acting, place)

    @rx.event
    @data_handler(*STAFF_ROLES, page=True)
    def move_day(self, acting: Acting, days: int):
        """Previous (-1) or next (+1) day of the day view, into the next week if need be."""
        step = one_step(days)
        place = moved(CalendarPlace(self.offset, self.weekday), step) if step else None
        if place is not None:
            self._show(acting, place)

    @rx.event
    @data_handler(*STAFF_ROLES, page=True)
    def go_today(self, acting: Acting):
        self._show(acting, today_place(helsinki_today()))

    @rx.event
    @data_handler(*STAFF_ROLES, page=True)
    def show_mode(self, acting: Acting, mode: str):
        """The week grid or the day view ("week" or "day"); anything else changes nothing."""
        if mode in MODES:
            self.mode = mode


@dataclass(frozen=True, slots=True)
class InboxView:
    """One family's conversation in the staff inbox."""

    family_id: str
    name: str
    unread: str  # "2 unread", or ""
    when: str
    preview: str


def present_inbox_row(r: InboxRow, lang: str) -> InboxView:
    return InboxView(
        family_id=str(r.family_id),
        name=r.family_name,
        unread=t(lang, "caseload.unread", count=r.unread) if r.unread else "",
        when=fmt_datetime(r.last_at, lang) if r.last_at else "",
        # A message of only a photo or a PDF has no text to show.
        preview=r.last_preview or (t(lang, "files.only") if r.last_at else ""),
    )


class InboxState(AppState):
    loaded: rx.Field[bool] = rx.field(False)
    rows: rx.Field[list[InboxView]] = rx.field(default_factory=list)

    @rx.event
    @data_handler(*STAFF_ROLES, page=True)
    def load(self, acting: Acting):
        self.loaded = False
        rows = staff_inbox(acting.db, acting.user, acting.ip)
        self.rows = [present_inbox_row(r, self.lang) for r in rows]
        self.loaded = True
