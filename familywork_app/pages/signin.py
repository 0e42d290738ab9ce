"""The sign-in page."""

import reflex as rx

from familywork_app import routes
from familywork_app.components.forms import field_error, text_field
from familywork_app.components.shell import T, public_page
from familywork_app.state.signin import SignInState


def signin_page() -> rx.Component:
    return public_page(
        rx.el.section(
            rx.el.h1(T["signin.title"]),
            rx.el.p(T["signin.lead"], class_name="muted"),
            rx.el.form(
                text_field("email", T["signin.email"], SignInState.email_error,
                           input_type="email", autocomplete="username",
                           default_value=SignInState.email),
                text_field("password", T["signin.password"], SignInState.password_error,
                           input_type="password", autocomplete="current-password"),
                field_error("signin-form", SignInState.form_error, translate=False),
                rx.el.button(T["signin.submit"], type="submit", class_name="btn btn-primary"),
                on_submit=SignInState.submit, class_name="form", no_validate=True, method="post",
            ),
            rx.el.p(T["signin.no_account"], class_name="muted"),
            rx.el.p(rx.el.a(T["nav.info"], href=routes.INFO)),
            class_name="card narrow",
        ),
    )
