"""The worker's week of meetings, and the staff inbox of family conversations."""

import reflex as rx

from familywork_app import routes
from familywork_app.components.shell import T, loading_or, staff_page
from familywork_app.domain import MeetingStatus
from familywork_app.state.meeting_presenters import WeekMeetingView
from familywork_app.state.worker_week import InboxState, InboxView, WeekState


def _meeting_row(m: WeekMeetingView) -> rx.Component:
    return rx.el.li(
        rx.el.p(m.day, " ", m.time, class_name="big"),
        rx.el.p(
            rx.el.a(m.family, href=routes.FAMILY_RECORD_PREFIX + m.family_id + "#sec-meetings"),
            " · ",
            m.place,
            " · ",
            m.topic,
        ),
        rx.el.p(
            m.status,
            class_name=rx.cond(
                m.status_key == MeetingStatus.AGREED.value, "tag", "tag tag-attention"
            ),
        ),
        rx.cond(m.overlap != "", rx.el.p(m.overlap, class_name="attention"), rx.fragment()),
        class_name="card",
    )


def week_page() -> rx.Component:
    S = WeekState
    return staff_page(
        rx.el.h1(rx.cond(S.heading != "", S.heading, T["week.title"])),
        rx.el.div(
            rx.el.button(
                T["week.previous"],
                type="button",
                class_name="btn btn-secondary",
                on_click=S.shift(-1),
            ),
            rx.el.button(
                T["week.next"], type="button", class_name="btn btn-secondary", on_click=S.shift(1)
            ),
            class_name="actions",
        ),
        loading_or(
            S.loaded,
            rx.fragment(
                rx.el.h2(S.title, role="status"),
                rx.cond(
                    S.days.length() > 0,
                    rx.el.ul(rx.foreach(S.days, _meeting_row), class_name="plain-list"),
                    rx.el.p(S.empty, class_name="muted"),
                ),
            ),
        ),
    )


def _inbox_row(r: InboxView) -> rx.Component:
    return rx.el.li(
        rx.el.h2(
            rx.el.a(r.name, href=routes.FAMILY_RECORD_PREFIX + r.family_id + "#sec-messages"),
            class_name="h3",
        ),
        rx.el.p(r.unread, class_name="attention"),
        rx.el.p(r.when, " · ", r.preview, class_name="muted"),
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
