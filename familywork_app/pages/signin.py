"""The sign-in page: password; for staff then the second factor (or its enrolment)."""

import reflex as rx

from familywork_app import routes
from familywork_app.components.county_signin import county_link_note, county_sign_in
from familywork_app.components.forms import error_summary, field_error, text_field
from familywork_app.components.shell import T, public_page
from familywork_app.components.strong_identity import suomifi_button
from familywork_app.state.signin import ERROR_SUMMARY
from familywork_app.state.signin import SignInState as S

_WRAP = {"overflowWrap": "anywhere"}


def _form_error() -> rx.Component:
    return field_error("signin-form", S.form_error, translate=False)


def _summary() -> rx.Component:
    return error_summary(ERROR_SUMMARY, S.error_links)


def _cancel() -> rx.Component:
    return rx.el.button(
        T["signin.cancel"], type="button", class_name="btn btn-quiet", on_click=S.cancel
    )


def _password_step() -> rx.Component:
    return rx.fragment(
        rx.el.p(T["signin.lead"], class_name="muted"),
        suomifi_button(),
        rx.el.form(
            _summary(),
            text_field(
                "email",
                T["signin.email"],
                S.email_error,
                input_type="email",
                autocomplete="username",
                default_value=S.email,
            ),
            text_field(
                "password",
                T["signin.password"],
                S.password_error,
                input_type="password",
                autocomplete="current-password",
            ),
            _form_error(),
            rx.el.button(T["signin.submit"], type="submit", class_name="btn btn-primary"),
            on_submit=S.submit,
            class_name="form",
            no_validate=True,
            method="post",
        ),
        rx.el.p(rx.el.a(T["signin.forgot"], href=routes.FORGOT_PASSWORD)),
        rx.el.p(T["signin.no_account"], class_name="muted"),
        rx.el.p(rx.el.a(T["nav.info"], href=routes.INFO)),
        county_sign_in(),
    )


def _code_step() -> rx.Component:
    return rx.el.section(
        rx.el.h2(T["signin.code_title"], id="code-title"),
        rx.el.p(T["signin.code_lead"]),
        county_link_note(),
        rx.el.form(
            _summary(),
            text_field(
                "code",
                T["signin.code"],
                S.code_error,
                autocomplete="one-time-code",
                hint=T["signin.code_hint"],
                max_length=40,
            ),
            _form_error(),
            rx.el.button(T["signin.code_submit"], type="submit", class_name="btn btn-primary"),
            on_submit=S.submit_code,
            reset_on_submit=False,
            class_name="form",
            no_validate=True,
        ),
        _cancel(),
        aria_labelledby="code-title",
    )


def _enrol_step() -> rx.Component:
    return rx.el.section(
        rx.el.h2(T["signin.enrol_title"], id="enrol-title"),
        rx.el.p(T["signin.enrol_lead"]),
        rx.el.img(src=S.enrol_qr, alt=T["signin.enrol_qr"], class_name="qr"),
        rx.el.dl(
            rx.el.dt(T["signin.enrol_secret"]),
            rx.el.dd(rx.el.code(S.enrol_secret, id="totp-secret")),
            rx.el.dt(T["signin.enrol_uri"]),
            rx.el.dd(
                rx.el.a(T["signin.enrol_link"], href=S.enrol_uri),
                rx.el.br(),
                rx.el.code(S.enrol_uri, style=_WRAP),
            ),
        ),
        rx.el.form(
            _summary(),
            text_field(
                "enrol-code",
                T["signin.code"],
                S.code_error,
                autocomplete="one-time-code",
                hint=T["signin.enrol_code_hint"],
                max_length=40,
            ),
            _form_error(),
            rx.el.button(T["signin.enrol_submit"], type="submit", class_name="btn btn-primary"),
            on_submit=S.confirm_enrolment,
            reset_on_submit=False,
            class_name="form",
            no_validate=True,
        ),
        _cancel(),
        aria_labelledby="enrol-title",
    )


def _recovery_step() -> rx.Component:
    return rx.el.section(
        rx.el.h2(T["signin.recovery_title"], id="recovery-title"),
        rx.el.p(T["signin.recovery_lead"]),
        rx.el.ul(
            rx.foreach(S.recovery_codes, lambda code: rx.el.li(rx.el.code(code))),
            class_name="recovery-codes",
            aria_labelledby="recovery-title",
        ),
        _form_error(),
        rx.el.button(
            T["signin.recovery_continue"],
            type="button",
            class_name="btn btn-primary",
            on_click=S.finish,
        ),
        aria_labelledby="recovery-title",
    )


def signin_page() -> rx.Component:
    return public_page(
        rx.el.section(
            rx.el.h1(T["signin.title"]),
            rx.match(
                S.step,
                ("code", _code_step()),
                ("enrol", _enrol_step()),
                ("recovery", _recovery_step()),
                _password_step(),
            ),
            class_name="card narrow",
        ),
    )
