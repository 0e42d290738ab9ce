"""Staff register an application that came on paper or by phone (the channel is recorded)."""

import reflex as rx

from familywork_app.components.application_form import (
    areas_field,
    checkbox,
    children_fields,
    contact_fields,
    description_field,
)
from familywork_app.components.forms import error_summary, field_error, text_field
from familywork_app.components.shell import T, fill, staff_page
from familywork_app.domain import ApplicationChannel
from familywork_app.state.register import ERROR_SUMMARY
from familywork_app.state.register import RegisterState as S


def _channel() -> rx.Component:
    return rx.el.fieldset(
        rx.el.legend(T["register.channel"], class_name="legend"),
        *[
            rx.el.div(
                rx.el.input(
                    type="radio",
                    id=f"channel-{c}",
                    name="channel",
                    value=c,
                    class_name="check",
                    default_checked=c == ApplicationChannel.PAPER,
                ),
                rx.el.label(T[f"channel.{c}"], html_for=f"channel-{c}"),
                class_name="check-row",
            )
            for c in (ApplicationChannel.PAPER.value, ApplicationChannel.PHONE.value)
        ],
        rx.el.p(rx.cond(S.channel_error != "", T[S.channel_error], ""), class_name="field-error"),
        class_name="fieldset",
    )


def register_page() -> rx.Component:
    return staff_page(
        rx.el.h1(T["register.title"]),
        rx.el.p(T["register.lead"]),
        rx.cond(
            S.saved_name != "",
            rx.el.p(fill("register.saved", name=S.saved_name), role="status", class_name="card ok"),
            rx.fragment(),
        ),
        rx.el.form(
            error_summary(ERROR_SUMMARY, S.error_links, T["apply.fix_errors"]),
            _channel(),
            *contact_fields(S),
            children_fields(S),
            areas_field(S),
            description_field(S),
            text_field(
                "reachable",
                T["apply.reachable"],
                S.errors["reachable"],
                hint=T["apply.reachable_hint"],
            ),
            checkbox("consent", T["register.consent"], "consent-error"),
            field_error("consent", S.errors["consent"]),
            rx.el.button(T["register.submit"], type="submit", class_name="btn btn-primary"),
            on_submit=S.submit,
            class_name="form",
            no_validate=True,
            method="post",
            id="register-form",
            reset_on_submit=False,
        ),
    )
