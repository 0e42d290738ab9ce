"""The guardian's family home: next meeting, what waits for them, goals at a glance."""

import reflex as rx

from familywork_app import routes
from familywork_app.components.case_process import assessment_card
from familywork_app.components.family_worker_card import worker_card
from familywork_app.components.feedback import feedback_card
from familywork_app.components.pending_application import (
    application_in_full,
    next_step,
    withdrawn_card,
)
from familywork_app.components.shell import GUARDIAN_NAV, T, fill, guardian_page, loading_or
from familywork_app.components.ui import empty_state
from familywork_app.domain import ApplicationStatus, FamilyStatus
from familywork_app.state.family_home import FamilyHomeState as S


def _next_meeting() -> rx.Component:
    return rx.el.section(
        rx.el.h2(T["home.next_meeting"], id="next-meeting"),
        rx.cond(
            S.has_next,
            rx.el.div(
                rx.el.p(S.next_when, class_name="big"),
                rx.el.p(S.next_place),
                rx.el.p(S.next_topic),
                rx.el.p(fill("home.with_worker", name=S.next_worker), class_name="muted"),
            ),
            empty_state("calendar", "home.no_meeting", "empty.meeting_next"),
        ),
        aria_labelledby="next-meeting",
        class_name="card",
    )


def _waiting() -> rx.Component:
    return rx.el.section(
        rx.el.h2(T["home.waiting"], id="waiting"),
        rx.cond(
            (S.proposed_count > 0) | (S.unread_count > 0),
            rx.el.ul(
                rx.cond(
                    S.proposed_count > 0,
                    rx.el.li(fill("home.proposed_count", count=S.proposed_count)),
                    rx.fragment(),
                ),
                rx.cond(
                    S.unread_count > 0,
                    rx.el.li(fill("home.unread_count", count=S.unread_count)),
                    rx.fragment(),
                ),
            ),
            rx.el.p(T["home.nothing_waiting"], class_name="muted"),
        ),
        aria_labelledby="waiting",
        class_name="card",
    )


def _goals() -> rx.Component:
    return rx.el.section(
        rx.el.h2(T["home.goals"], id="goals"),
        rx.cond(
            S.goals.length() > 0,
            rx.el.ul(
                rx.foreach(
                    S.goals,
                    lambda g: rx.el.li(
                        rx.el.strong(g.title),
                        rx.el.span(g.area, class_name="block muted"),
                        rx.el.span(g.rating, class_name="block"),
                        class_name="goal-item",
                    ),
                ),
                class_name="plain-list",
            ),
            empty_state("target", "home.no_goals", "empty.goals_next"),
        ),
        aria_labelledby="goals",
        class_name="card",
    )


def _application() -> rx.Component:
    return rx.fragment(_progress(), next_step(), application_in_full())


def _withdrawn() -> rx.Component:
    return rx.fragment(withdrawn_card(), _progress())


def _progress() -> rx.Component:
    return rx.el.section(
        rx.el.h2(T["home.application"], id="application"),
        rx.el.p(T["status.application." + S.application_status], class_name="big"),
        rx.el.h3(T["app.timeline"]),
        rx.el.ol(rx.foreach(S.application_steps, lambda step: rx.el.li(step)), class_name="steps"),
        rx.cond(S.application_reason != "", rx.el.p(S.application_reason), rx.fragment()),
        rx.cond(
            S.application_status == ApplicationStatus.DECLINED.value,
            rx.el.p(T["app.next_declined"]),
            rx.fragment(),
        ),
        aria_labelledby="application",
        class_name="card",
    )


def _my_data_link() -> rx.Component:
    return rx.el.ul(
        rx.cond(
            S.family_started,
            rx.el.li(rx.el.a(T["plan.title"], href=routes.FAMILY_PLAN)),
            rx.fragment(),
        ),
        rx.cond(
            S.family_started,
            rx.el.li(rx.el.a(T["work.link"], href=routes.FAMILY_WORK)),
            rx.fragment(),
        ),
        rx.el.li(rx.el.a(T["members.link"], href=routes.FAMILY_MEMBERS)),
        rx.el.li(rx.el.a(T["data.link"], href=routes.FAMILY_DATA)),
        rx.el.li(rx.el.a(T["fb.help.link"], href=routes.FAMILY_HELP)),
        class_name="card link-list",
    )


def _install_offer() -> rx.Component:
    """Filled in and shown once by assets/offline.js when the browser can install the app."""
    return rx.el.div(
        rx.el.p(T["pwa.offer"]),
        rx.el.div(
            rx.el.button(
                T["pwa.install"],
                type="button",
                class_name="btn btn-primary",
                custom_attrs={"data-install": "1"},
            ),
            rx.el.button(
                T["pwa.later"],
                type="button",
                class_name="btn btn-secondary",
                custom_attrs={"data-dismiss": "1"},
            ),
            class_name="actions",
        ),
        id="install-offer",
        hidden=True,
        class_name="card",
    )


def _content() -> rx.Component:
    return rx.fragment(
        _install_offer(),
        rx.el.h1(fill("home.greeting", name=S.user_name)),
        rx.el.p(T["status.family." + S.status], class_name="muted"),
        rx.cond(
            S.application_status == ApplicationStatus.WITHDRAWN.value,
            _withdrawn(),
            _by_status(),
        ),
        assessment_card(S.assessment_summary, S.assessment_done),
        _my_data_link(),
    )


def _by_status() -> rx.Component:
    return rx.fragment(
        rx.match(
            S.status,
            (FamilyStatus.APPLIED.value, _application()),
            (
                FamilyStatus.CLOSED.value,
                rx.fragment(
                    rx.el.p(fill("home.closed", date=S.closed_date), class_name="card"),
                    feedback_card(),
                    _goals(),
                ),
            ),
            rx.fragment(
                _next_meeting(),
                rx.cond(
                    S.worker_card,
                    worker_card(S.worker_name, S.worker_phone, S.worker_tel, S.worker_hours),
                    rx.fragment(),
                ),
                _waiting(),
                _goals(),
            ),
        )
    )


def family_home_page() -> rx.Component:
    return guardian_page(loading_or(S.loaded, _content()), nav=GUARDIAN_NAV)
