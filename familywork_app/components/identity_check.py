"""The family record's identification (issue 15), for staff: "Strongly identified (Suomi.fi):
name", or "Not identified" with the button that records an in-person identity check."""

import reflex as rx

from familywork_app.components.forms import field_error
from familywork_app.components.shell import T
from familywork_app.components.strong_identity import identity_badge
from familywork_app.state.identity_check import IdentityCheckState as S


def identity_record_card() -> rx.Component:
    return rx.cond(
        S.identity_loaded,
        rx.el.section(
            rx.el.h3(T["identity.record.title"], id="identity-record-title"),
            rx.el.p(
                identity_badge(
                    rx.cond(S.identity_strong, T["identity.strong"], T["identity.not_identified"]),
                    S.identity_strong,
                ),
                " ",
                S.identity_line,
                id="identity-record-line",
            ),
            rx.cond(
                S.identity_open,
                rx.el.div(
                    rx.el.p(T["identity.check.lead"], class_name="muted"),
                    rx.el.button(
                        T["identity.check.button"],
                        type="button",
                        class_name="btn btn-secondary",
                        on_click=S.record_check,
                    ),
                ),
                rx.fragment(),
            ),
            field_error("identity-check", S.identity_error),
            aria_labelledby="identity-record-title",
        ),
        rx.fragment(),
    )
