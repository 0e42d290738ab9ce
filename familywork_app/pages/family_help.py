"""The guardian's help page (/family/help, issue 17): help numbers to call at once, and how
the quick exit works."""

import reflex as rx

from familywork_app.components.help_numbers import help_numbers
from familywork_app.components.shell import GUARDIAN_NAV, T, guardian_page, loading_or
from familywork_app.state.family_basics import FamilyHelpState as S


def _leaving_quickly() -> rx.Component:
    return rx.el.section(
        rx.el.h2(T["fb.help.exit_title"], id="leaving-quickly"),
        rx.el.p(T["fb.help.exit_text"]),
        rx.el.p(T["fb.help.private_text"]),
        aria_labelledby="leaving-quickly",
        class_name="card",
    )


def family_help_page() -> rx.Component:
    return guardian_page(
        loading_or(
            S.help_loaded,
            rx.fragment(rx.el.h1(T["fb.help.page_title"]), help_numbers(), _leaving_quickly()),
        ),
        nav=GUARDIAN_NAV,
    )
