"""States of the worker's week view (own agreed and open meetings) and the staff inbox."""

from dataclasses import dataclass
from datetime import date, timedelta

import reflex as rx

from familywork_app.domain import STAFF_ROLES
from familywork_app.i18n import HELSINKI, fmt_date, fmt_datetime, t
from familywork_app.models import utcnow
from familywork_app.services.messages import InboxRow, staff_inbox
from familywork_app.services.visits import worker_week
from familywork_app.state.app_state import AppState
from familywork_app.state.handler import Acting, data_handler
from familywork_app.state.meeting_presenters import WeekMeetingView, present_week_meeting

WEEKS_EITHER_WAY = 52  # how far the week view goes from the current week (exclusive)


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


class WeekState(AppState):
    loaded: rx.Field[bool] = rx.field(False)
    offset: rx.Field[int] = rx.field(0)  # weeks from the current one
    heading: rx.Field[str] = rx.field("")
    title: rx.Field[str] = rx.field("")  # the week's dates
    empty: rx.Field[str] = rx.field("")
    # one row per meeting, with its day heading
    days: rx.Field[list[WeekMeetingView]] = rx.field(default_factory=list)

    def _show(self, acting: Acting) -> None:
        lang = self.lang
        today = utcnow().astimezone(HELSINKI).date()
        this_monday = today - timedelta(days=today.weekday())
        monday = this_monday + timedelta(weeks=self.offset)
        rows = worker_week(acting.db, acting.user, monday, acting.ip)
        shown = week_heading(monday, this_monday, lang)
        self.heading, self.title, self.empty = shown.heading, shown.dates, shown.empty
        self.days = [present_week_meeting(r, lang) for r in rows]
        self.loaded = True

    @rx.event
    @data_handler(*STAFF_ROLES, page=True)
    def load(self, acting: Acting):
        self.loaded, self.offset = False, 0
        self._show(acting)

    @rx.event
    @data_handler(*STAFF_ROLES, page=True)
    def shift(self, acting: Acting, weeks: int):
        """Previous (-1) or next (+1) week, at most a year either way."""
        if type(weeks) is not int or weeks not in (-1, 1):
            return
        if not -WEEKS_EITHER_WAY < self.offset + weeks < WEEKS_EITHER_WAY:
            return
        self.offset += weeks
        self._show(acting)


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
        preview=r.last_preview,
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
