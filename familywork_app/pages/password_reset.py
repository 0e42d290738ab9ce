"""The forgotten-password page and the page a reset link opens."""

import reflex as rx

from familywork_app import routes
from familywork_app.components.forms import text_field
from familywork_app.components.shell import T, public_page
from familywork_app.state.password_reset import ForgotPasswordState, ResetPasswordState


def forgot_password_page() -> rx.Component:
    S = ForgotPasswordState
    return public_page(
        rx.el.section(
            rx.el.h1(T["forgot.title"]),
            rx.el.p(T["forgot.lead"]),
            rx.el.form(
                text_field(
                    "email",
                    T["signin.email"],
                    S.email_error,
                    input_type="email",
                    autocomplete="username",
                ),
                rx.el.p(
                    rx.cond(S.sent, T["forgot.sent"], ""),
                    role="status",
                    class_name=rx.cond(S.sent, "ok", ""),
                ),
                rx.el.button(T["forgot.submit"], type="submit", class_name="btn btn-primary"),
                on_submit=S.submit,
                reset_on_submit=False,
                class_name="form",
                no_validate=True,
            ),
            rx.el.p(rx.el.a(T["forgot.back"], href=routes.SIGN_IN)),
            class_name="card narrow",
        ),
    )


def reset_password_page() -> rx.Component:
    S = ResetPasswordState
    return public_page(
        rx.el.section(
            rx.el.h1(T["reset.title"]),
            rx.cond(
                S.done,
                rx.fragment(
                    rx.el.p(T["reset.done"], role="status", class_name="ok"),
                    rx.el.p(rx.el.a(T["common.signin"], href=routes.SIGN_IN)),
                ),
                rx.cond(
                    S.valid,
                    rx.el.form(
                        text_field(
                            "new-password",
                            T["reset.new_password"],
                            S.error,
                            input_type="password",
                            autocomplete="new-password",
                            hint=T["apply.password_hint"],
                        ),
                        rx.el.button(
                            T["reset.submit"], type="submit", class_name="btn btn-primary"
                        ),
                        on_submit=S.submit,
                        reset_on_submit=False,
                        class_name="form",
                        no_validate=True,
                    ),
                    rx.fragment(
                        rx.el.p(T["reset.invalid"]),
                        rx.el.p(rx.el.a(T["reset.new_link"], href=routes.FORGOT_PASSWORD)),
                    ),
                ),
            ),
            class_name="card narrow",
        ),
    )
