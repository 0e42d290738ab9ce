"""The public application form, built for one thumb on a phone."""

import reflex as rx

from familywork_app import routes
from familywork_app.components.application_form import (
    areas_field,
    checkbox,
    children_fields,
    contact_fields,
    description_field,
)
from familywork_app.components.forms import error_summary, field_error, text_field
from familywork_app.components.shell import T, public_page
from familywork_app.components.strong_identity import apply_identity
from familywork_app.state.apply import ERROR_SUMMARY
from familywork_app.state.apply import ApplyState as S

E = S.errors


def apply_page() -> rx.Component:
    return public_page(
        rx.el.h1(T["apply.title"]),
        rx.el.p(T["apply.lead"], class_name="lead"),
        rx.el.p(T["apply.no_client_status"], class_name="card"),
        apply_identity(S.identified_name),
        rx.el.form(
            error_summary(ERROR_SUMMARY, S.error_links, T["apply.fix_errors"]),
            *contact_fields(S),
            children_fields(S),
            areas_field(S),
            description_field(S),
            text_field(
                "reachable", T["apply.reachable"], E["reachable"], hint=T["apply.reachable_hint"]
            ),
            text_field(
                "password",
                T["apply.password"],
                E["password"],
                input_type="password",
                autocomplete="new-password",
                hint=T["apply.password_hint"],
            ),
            checkbox("consent", T["apply.consent"], "consent-error"),
            field_error("consent", E["consent"]),
            rx.el.button(T["apply.submit"], type="submit", class_name="btn btn-primary"),
            on_submit=S.submit,
            class_name="form",
            no_validate=True,
            method="post",
            reset_on_submit=False,
        ),
        rx.el.p(rx.el.a(T["common.signin"], href=routes.SIGN_IN)),
    )
