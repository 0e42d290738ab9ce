"""The worker's calendar (a week grid or one day) and the staff inbox of family conversations."""

import reflex as rx
from reflex.event import EventType

from familywork_app import routes
from familywork_app.components.calendar import day_view, mode_switch, week_grid
from familywork_app.components.shell import T, loading_or, staff_page
from familywork_app.state.worker_week import InboxState, InboxView, WeekState


def _button(label: rx.Var, event: EventType[()]) -> rx.Component:
    return rx.el.button(label, type="button", class_name="btn btn-secondary", on_click=event)


def _steps() -> rx.Component:
    """Previous and next week in the week grid; previous day, today, next day in the day view."""
    S = WeekState
    return rx.cond(
        S.mode == "day",
        rx.el.div(
            _button(T["calendar.previous_day"], S.move_day(-1)),
            _button(T["calendar.today"], S.go_today),
            _button(T["calendar.next_day"], S.move_day(1)),
            class_name="actions cal-steps",
        ),
        rx.el.div(
            _button(T["week.previous"], S.shift(-1)),
            _button(T["week.next"], S.shift(1)),
            class_name="actions cal-steps",
        ),
    )


def _week() -> rx.Component:
    S = WeekState
    return rx.fragment(
        rx.el.h2(S.title, role="status"),
        rx.cond(S.has_meetings, rx.fragment(), rx.el.p(S.empty, class_name="muted")),
        week_grid(S.week),
    )


def week_page() -> rx.Component:
    S = WeekState
    return staff_page(
        rx.el.h1(rx.cond(S.heading != "", S.heading, T["week.title"])),
        rx.el.div(mode_switch(S.mode, S.show_mode), _steps(), class_name="cal-toolbar"),
        loading_or(S.loaded, rx.cond(S.mode == "day", day_view(S.day), _week())),
    )


def _inbox_row(r: InboxView) -> rx.Component:
    return rx.el.li(
        rx.el.h2(
            rx.el.a(r.name, href=routes.FAMILY_RECORD_PREFIX + r.family_id + "#sec-messages"),
            class_name="h3",
        ),
        rx.el.p(r.unread, class_name="attention"),
        rx.cond(r.when != "", rx.el.p(r.when, " · ", r.preview, class_name="muted"), rx.fragment()),
        class_name="card",
    )


def inbox_page() -> rx.Component:
    S = InboxState
    return staff_page(
        rx.el.h1(T["inbox.title"]),
        loading_or(
            S.loaded,
            rx.cond(
                S.rows.length() > 0,
                rx.el.ul(rx.foreach(S.rows, _inbox_row), class_name="plain-list"),
                rx.el.p(T["messages.none"], class_name="muted"),
            ),
        ),
    )
