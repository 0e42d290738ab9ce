"""The account page: my live sessions (end the others) and a password change.

Guardians see it in their own shell, staff in theirs."""

import reflex as rx

from familywork_app.components.family_worker_card import reachable_hours_form
from familywork_app.components.forms import field_error, text_field
from familywork_app.components.handover import work_phone_form
from familywork_app.components.shell import (
    GUARDIAN_NAV,
    T,
    fill,
    guardian_page,
    loading_or,
    public_page,
    staff_page,
)
from familywork_app.components.strong_identity import identity_code_section
from familywork_app.domain import Role
from familywork_app.state.account import AccountState as S
from familywork_app.state.account_presenters import SessionView
from familywork_app.state.app_state import AppState


def _session_item(s: SessionView) -> rx.Component:
    return rx.el.li(
        rx.el.p(
            rx.el.strong(s.device),
            rx.cond(
                s.current,
                rx.el.span(" · ", T["account.this_device"], class_name="ok"),
                rx.fragment(),
            ),
        ),
        rx.el.p(
            fill("account.started", time=s.started),
            rx.el.br(),
            fill("account.last_seen", time=s.last_seen),
            rx.el.br(),
            fill("account.ip", ip=s.ip),
            class_name="muted",
        ),
        rx.cond(
            ~s.current,
            rx.el.button(
                T["account.end"],
                type="button",
                class_name="btn btn-danger",
                aria_label=fill("account.end_named", device=s.device, time=s.last_seen),
                on_click=S.end_session(s.id),
            ),
            rx.fragment(),
        ),
        class_name="card",
    )


def _sessions() -> rx.Component:
    return rx.el.section(
        rx.el.h2(T["account.sessions"], id="sessions-title"),
        rx.el.p(T["account.sessions_lead"], class_name="muted"),
        rx.el.ul(
            rx.foreach(S.sessions, _session_item),
            class_name="cards",
            aria_labelledby="sessions-title",
        ),
        rx.el.p(
            rx.cond(S.errors["list"] != "", T[S.errors["list"]], ""),
            class_name="field-error",
            role="alert",
        ),
        aria_labelledby="sessions-title",
    )


def _password() -> rx.Component:
    return rx.el.section(
        rx.el.h2(T["account.password"], id="password-title"),
        rx.el.p(T["account.password_lead"], class_name="muted"),
        rx.el.form(
            text_field(
                "current-password",
                T["account.current_password"],
                S.errors["current"],
                input_type="password",
                autocomplete="current-password",
            ),
            field_error("current-password-wait", S.wait_error, translate=False),
            text_field(
                "new-password",
                T["account.new_password"],
                S.errors["new"],
                input_type="password",
                autocomplete="new-password",
                hint=T["apply.password_hint"],
            ),
            rx.el.button(T["account.save_password"], type="submit", class_name="btn btn-primary"),
            on_submit=S.change_password,
            reset_on_submit=False,
            class_name="form",
            no_validate=True,
        ),
        aria_labelledby="password-title",
        class_name="card",
    )


def _content() -> rx.Component:
    return rx.fragment(
        rx.el.h1(T["account.title"]),
        rx.el.p(S.notice, role="status", class_name="ok"),
        loading_or(
            S.loaded,
            rx.fragment(
                _sessions(),
                _password(),
                work_phone_form(),
                reachable_hours_form(),
                rx.cond(S.user_role == Role.GUARDIAN, identity_code_section(S.identity_code)),
            ),
        ),
    )


def account_page() -> rx.Component:
    return rx.cond(
        AppState.user_role == Role.GUARDIAN,
        guardian_page(_content(), nav=GUARDIAN_NAV),
        rx.cond(
            AppState.user_role != "",
            staff_page(_content()),
            public_page(rx.el.p(T["common.loading"], class_name="muted", role="status")),
        ),
    )
