"""The guardian's meetings: answer proposals, ask for another time, cancel; past summaries."""

import reflex as rx

from familywork_app import routes
from familywork_app.components.shell import GUARDIAN_NAV, T, fill, guardian_page, loading_or
from familywork_app.components.ui import empty_state, status_badge
from familywork_app.components.video_meetings import video_section
from familywork_app.domain import MeetingStatus
from familywork_app.state.family_meetings import FamilyMeetingsState as S
from familywork_app.state.meeting_presenters import MeetingView


def _answer_form(
    m: MeetingView, kind: str, label_key: str, field: str, submit_key: str, handler
) -> rx.Component:
    field_id = kind + "-" + m.id
    return rx.el.form(
        rx.el.input(type="hidden", name="meeting_id", value=m.id),
        rx.el.label(T[label_key], html_for=field_id),
        rx.el.textarea(
            id=field_id,
            name=field,
            rows=3,
            class_name="input",
            max_length=1000,
            aria_describedby=field_id + "-error",
        ),
        rx.el.p(
            rx.cond(S.form_error != "", T[S.form_error], ""),
            id=field_id + "-error",
            class_name="field-error",
            aria_live="polite",
        ),
        rx.el.div(
            rx.el.button(T[submit_key], type="submit", class_name="btn btn-primary"),
            rx.el.button(
                T["meetings.close"],
                type="button",
                class_name="btn btn-secondary",
                on_click=S.close_form,
            ),
            class_name="actions",
        ),
        on_submit=handler,
        reset_on_submit=False,
        class_name="form answer-form",
    )


def _actions(m: MeetingView) -> rx.Component:
    return rx.el.div(
        rx.cond(
            m.can_answer,
            rx.el.button(
                T["meetings.agree"],
                type="button",
                class_name="btn btn-primary",
                on_click=S.agree(m.id),
            ),
            rx.fragment(),
        ),
        rx.cond(
            m.can_change,
            rx.el.button(
                T["meetings.ask_change"],
                type="button",
                class_name="btn btn-secondary",
                on_click=S.show_form("change-" + m.id),
            ),
            rx.fragment(),
        ),
        rx.cond(
            m.can_cancel,
            rx.el.button(
                T["meetings.cancel"],
                type="button",
                class_name="btn btn-danger",
                on_click=S.show_form("cancel-" + m.id),
            ),
            rx.fragment(),
        ),
        class_name="actions",
    )


def _upcoming_card(m: MeetingView) -> rx.Component:
    return rx.el.li(
        rx.el.p(status_badge(m.status_label, m.status)),
        rx.el.h3(m.when),
        rx.el.p(m.place),
        rx.el.p(m.topic),
        rx.el.p(fill("home.with_worker", name=m.worker), class_name="muted"),
        rx.cond(
            m.status == MeetingStatus.AGREED.value,
            rx.el.p(
                rx.el.a(
                    T["meetings.ics"],
                    href=routes.MEETING_ICS_PREFIX + m.id + ".ics",
                    download="perhetyo.ics",
                    custom_attrs={"reloadDocument": True},
                )
            ),
            rx.fragment(),
        ),
        rx.cond(
            m.status == MeetingStatus.CHANGE_REQUESTED.value,
            rx.el.p(
                fill("meetings.your_note", note=m.change_note),
                " ",
                T["meetings.waiting_worker"],
                class_name="muted",
            ),
            rx.fragment(),
        ),
        rx.match(
            S.open_form,
            (
                "change-" + m.id,
                _answer_form(
                    m,
                    "change",
                    "meetings.change_note",
                    "note",
                    "meetings.send_change",
                    S.request_change,
                ),
            ),
            (
                "cancel-" + m.id,
                _answer_form(
                    m,
                    "cancel",
                    "meetings.cancel_reason",
                    "reason",
                    "meetings.confirm_cancel",
                    S.cancel,
                ),
            ),
            _actions(m),
        ),
        class_name="card",
    )


def _past_card(m: MeetingView) -> rx.Component:
    return rx.el.li(
        rx.el.p(status_badge(m.status_label, m.status)),
        rx.el.h3(m.when),
        rx.el.p(m.place, " · ", m.topic),
        rx.cond(
            m.summary != "",
            rx.el.div(rx.el.h4(T["meetings.summary"]), rx.el.p(m.summary)),
            rx.fragment(),
        ),
        rx.cond(
            m.cancel_reason != "",
            rx.el.p(fill("meetings.cancelled_reason", reason=m.cancel_reason), class_name="muted"),
            rx.fragment(),
        ),
        class_name="card",
    )


def _list(items, render, empty_key: str, next_key: str = "") -> rx.Component:
    return rx.cond(
        items.length() > 0,
        rx.el.ul(rx.foreach(items, render), class_name="plain-list"),
        empty_state("calendar", empty_key, next_key),
    )


def family_meetings_page() -> rx.Component:
    return guardian_page(
        rx.el.h1(T["meetings.title"]),
        loading_or(
            S.loaded,
            rx.fragment(
                video_section(),
                rx.el.section(
                    rx.el.h2(T["meetings.upcoming"], id="upcoming"),
                    _list(
                        S.upcoming, _upcoming_card, "meetings.none_upcoming", "empty.meeting_next"
                    ),
                    aria_labelledby="upcoming",
                ),
                rx.el.section(
                    rx.el.h2(T["meetings.past"], id="past"),
                    _list(S.past, _past_card, "meetings.none_past"),
                    aria_labelledby="past",
                ),
            ),
        ),
        nav=GUARDIAN_NAV,
    )
