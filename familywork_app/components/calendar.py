"""The worker's calendar: a week grid (the days side by side on a tablet, one under another on a
phone) and a day view (one day's meetings as a larger list, the time on the left).

Each day is a `section` with a heading and a `ul` of its meetings, in time order. Today's
heading carries aria-current="date" and the word "Today"; an empty day says so quietly. The
layout is in assets/calendar.part.css (classes `cal-*`, and the data-* flags set here).
"""

import reflex as rx
from reflex.vars.object import ObjectVar

from familywork_app import routes
from familywork_app.components.shell import T
from familywork_app.domain import MeetingStatus
from familywork_app.state.meeting_presenters import CalendarDayView, WeekMeetingView


def _flag(value: rx.Var | bool) -> rx.Var:
    return rx.cond(value, "true", "false")


def _family_link(m: ObjectVar[WeekMeetingView]) -> rx.Component:
    return rx.el.a(
        m.family, href=routes.FAMILY_RECORD_PREFIX + m.family_id.to(str) + "#sec-meetings"
    )


def _status_badge(m: ObjectVar[WeekMeetingView]) -> rx.Component:
    return rx.el.span(
        m.status,
        class_name=rx.cond(
            m.status_key == MeetingStatus.AGREED.value,
            "tag cal-badge",
            "tag tag-attention cal-badge",
        ),
    )


def _overlap(m: ObjectVar[WeekMeetingView]) -> rx.Component:
    return rx.cond(m.overlap != "", rx.el.p(m.overlap, class_name="attention"), rx.fragment())


def _interpreter(m: ObjectVar[WeekMeetingView]) -> rx.Component:
    """The family needs an interpreter (issue 17): flagged until one is booked."""
    return rx.cond(
        m.interpreter != "",
        rx.el.p(m.interpreter, class_name=rx.cond(m.interpreter_booked, "muted", "attention")),
        rx.fragment(),
    )


def _today_tag(d: ObjectVar[CalendarDayView]) -> rx.Component:
    return rx.cond(d.today, rx.el.span(T["calendar.today"], class_name="cal-today-tag"))


def _compact_meeting(m: ObjectVar[WeekMeetingView]) -> rx.Component:
    """A meeting in a column of the week grid: time, family, place, status."""
    return rx.el.li(
        rx.el.p(m.time, class_name="cal-time"),
        rx.el.p(_family_link(m), class_name="cal-family"),
        rx.el.p(m.place, class_name="cal-place"),
        _status_badge(m),
        _overlap(m),
        _interpreter(m),
        class_name="cal-meeting",
        data_agreed=_flag(m.status_key == MeetingStatus.AGREED.value),
    )


def _week_day(d: ObjectVar[CalendarDayView]) -> rx.Component:
    """One day of the week grid: its heading and its meetings, or a quiet "No meetings"."""
    return rx.el.section(
        rx.el.h3(
            rx.el.time(
                rx.el.span(d.weekday, class_name="cal-weekday"),
                " ",
                rx.el.span(d.date, class_name="cal-date"),
                date_time=d.iso,
            ),
            " ",
            _today_tag(d),
            class_name="cal-day-heading",
            aria_current=rx.cond(d.today, "date", "false"),
        ),
        rx.cond(
            d.meetings.to(list).length() > 0,
            rx.el.ul(rx.foreach(d.meetings, _compact_meeting), class_name="cal-meetings"),
            rx.el.p(T["calendar.no_meetings"], class_name="cal-none"),
        ),
        class_name="cal-day",
        data_today=_flag(d.today),
        data_rest=_flag(d.rest_day),
        data_empty=_flag(d.meetings.to(list).length() == 0),
    )


def week_grid(days: rx.Var) -> rx.Component:
    """Monday to Sunday: columns on a tablet, stacked sections on a phone."""
    return rx.el.div(rx.foreach(days, _week_day), class_name="cal-week")


def _agenda_item(m: ObjectVar[WeekMeetingView]) -> rx.Component:
    """A meeting of the day view: the time on the left, the rest beside it."""
    return rx.el.li(
        rx.el.p(m.time, class_name="cal-agenda-time"),
        rx.el.div(
            rx.el.p(_family_link(m), class_name="cal-family"),
            rx.el.p(m.topic),
            rx.el.p(m.place, class_name="cal-place"),
            _status_badge(m),
            _overlap(m),
            _interpreter(m),
            class_name="cal-agenda-body",
        ),
        class_name="cal-agenda-item",
        data_agreed=_flag(m.status_key == MeetingStatus.AGREED.value),
    )


def day_view(d: ObjectVar[CalendarDayView]) -> rx.Component:
    """One day: its heading (announced when it changes) and its meetings."""
    return rx.el.section(
        rx.el.h2(
            rx.el.time(d.long, date_time=d.iso),
            " ",
            _today_tag(d),
            role="status",
            class_name="cal-day-heading",
            aria_current=rx.cond(d.today, "date", "false"),
        ),
        rx.cond(
            d.meetings.to(list).length() > 0,
            rx.el.ul(rx.foreach(d.meetings, _agenda_item), class_name="cal-agenda"),
            rx.el.p(T["calendar.day_empty"], class_name="muted"),
        ),
        class_name="cal-day-view",
        data_today=_flag(d.today),
    )


def mode_switch(mode: rx.Var[str], choose) -> rx.Component:
    """The "Day" / "Week" buttons; the one shown is pressed. `choose(mode)` is the event."""
    return rx.el.div(
        *[
            rx.el.button(
                T[f"calendar.{name}"],
                type="button",
                class_name="btn btn-secondary",
                aria_pressed=rx.cond(mode == name, "true", "false"),
                on_click=choose(name),
            )
            for name in ("day", "week")
        ],
        role="group",
        aria_label=T["calendar.mode"],
        class_name="cal-switch",
    )
