"""The accessibility statement (saavutettavuusseloste), public, linked from every page's foot."""

import reflex as rx

from familywork_app.components.shell import T, fill, public_page
from familywork_app.i18n.a11y_texts import (
    AUTHORITY_EMAIL,
    AUTHORITY_PHONE,
    AUTHORITY_WEB,
    FEEDBACK_EMAIL,
    STATEMENT_DATE,
)


def _section(key: str, *children: rx.Component) -> rx.Component:
    return rx.el.section(
        rx.el.h2(T[f"a11y.{key}.heading"], id=f"a11y-{key}"),
        *children,
        aria_labelledby=f"a11y-{key}",
        class_name="card",
    )


def accessibility_page() -> rx.Component:
    return public_page(
        rx.el.h1(T["a11y.title"]),
        rx.el.p(T["a11y.intro"]),
        _section("status", rx.el.p(T["a11y.status.p1"])),
        _section("tested", rx.el.p(T["a11y.tested.p1"])),
        _section(
            "feedback",
            rx.el.p(T["a11y.feedback.p1"]),
            rx.el.p(
                T["a11y.feedback.email"],
                ": ",
                rx.el.a(FEEDBACK_EMAIL, href=f"mailto:{FEEDBACK_EMAIL}"),
            ),
        ),
        _section(
            "authority",
            rx.el.p(T["a11y.authority.p1"]),
            rx.el.p(rx.el.a(AUTHORITY_WEB, href=AUTHORITY_WEB)),
            rx.el.p(
                T["a11y.feedback.email"],
                ": ",
                rx.el.a(AUTHORITY_EMAIL, href=f"mailto:{AUTHORITY_EMAIL}"),
            ),
            rx.el.p(T["a11y.authority.phone"], ": ", AUTHORITY_PHONE),
        ),
        rx.el.p(fill("a11y.date", date=STATEMENT_DATE), class_name="muted"),
    )
