"""The public information page: the county's description of family work, in three languages."""

import reflex as rx

from familywork_app import routes
from familywork_app.components.help_numbers import help_numbers
from familywork_app.components.quick_exit import quick_exit_bar
from familywork_app.components.shell import T, public_page
from familywork_app.domain import Method, SupportArea, values
from familywork_app.i18n.info_texts import ADDRESS_LINES, LINK_KAINUU, LINK_THL, PHONE, PHONE_HREF


def _section(key: str, *paragraphs: str, extra: rx.Component | None = None) -> rx.Component:
    return rx.el.section(
        rx.el.h2(T[f"info.{key}.heading"], id=f"info-{key}"),
        *[rx.el.p(T[p]) for p in paragraphs],
        extra if extra is not None else rx.fragment(),
        aria_labelledby=f"info-{key}",
        class_name="card",
    )


def _how_to_apply() -> rx.Component:
    return rx.el.section(
        rx.el.h2(T["info.apply.heading"], id="info-apply"),
        rx.el.p(T["info.apply.intro"]),
        rx.el.h3(T["info.apply.online.heading"]),
        rx.el.p(T["info.apply.online.p1"]),
        rx.el.h3(T["info.apply.paper.heading"]),
        rx.el.p(T["info.apply.paper.p1"]),
        rx.el.p(rx.el.strong(T["info.address.label"])),
        rx.el.address(*[rx.el.span(line, class_name="block") for line in ADDRESS_LINES]),
        rx.el.h3(T["info.apply.phone.heading"]),
        rx.el.p(T["info.apply.phone.p1"]),
        rx.el.p(T["info.phone.label"], ": ", rx.el.a(PHONE, href=PHONE_HREF)),
        aria_labelledby="info-apply",
        class_name="card",
    )


def _links() -> rx.Component:
    return rx.el.section(
        rx.el.h2(T["info.links.heading"], id="info-links"),
        rx.el.ul(
            rx.el.li(rx.el.a(T["info.links.kainuu"], href=LINK_KAINUU, rel="noopener")),
            rx.el.li(rx.el.a(T["info.links.thl"], href=LINK_THL, rel="noopener")),
        ),
        aria_labelledby="info-links",
        class_name="card",
    )


def info_page() -> rx.Component:
    return public_page(
        quick_exit_bar(),
        rx.el.h1(T["info.title"]),
        rx.el.p(T["info.lead"], class_name="lead"),
        rx.el.div(
            rx.el.a(T["info.apply.button"], href=routes.APPLY, class_name="btn btn-primary"),
            rx.el.a(T["info.signin.button"], href=routes.SIGN_IN, class_name="btn btn-secondary"),
            class_name="actions",
        ),
        _section("what", "info.what.p1", "info.what.p2", "info.what.p3"),
        _section("who", "info.who.p1"),
        _section(
            "areas",
            "info.areas.intro",
            extra=rx.el.ul(*[rx.el.li(T[f"area.{a}"]) for a in values(SupportArea)]),
        ),
        _section(
            "methods",
            "info.methods.p1",
            extra=rx.fragment(
                rx.el.ul(*[rx.el.li(T[f"method.{m}"]) for m in values(Method)]),
                rx.el.p(T["info.methods.p2"]),
            ),
        ),
        _section("confidential", "info.confidential.p1"),
        _how_to_apply(),
        help_numbers(),
        _links(),
    )
