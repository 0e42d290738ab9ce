"""The family's application while it waits (issue 17): what happens next and by when, the whole
application as it was sent, and withdrawing it (with a confirmation); after a withdrawal, what
that means."""

import reflex as rx

from familywork_app import routes
from familywork_app.components.confirm import confirm_step
from familywork_app.components.shell import T, fill
from familywork_app.state.family_home import FamilyHomeState as S
from familywork_app.state.family_home import LabelledText


def next_step() -> rx.Component:
    """What happens next and roughly when (the client process's deadline)."""
    return rx.el.section(
        rx.el.h2(T["fb.app.next_title"], id="app-next"),
        rx.el.p(S.application_next, class_name=rx.cond(S.application_late, "attention", "")),
        aria_labelledby="app-next",
        class_name="card",
    )


def _line(line: LabelledText) -> rx.Component:
    return rx.fragment(rx.el.dt(line.label), rx.el.dd(line.text, class_name="pre"))


def application_in_full() -> rx.Component:
    """The whole application in a disclosure; the withdraw button while it is pending."""
    return rx.el.section(
        rx.el.h2(T["fb.app.full_title"], id="app-full"),
        rx.el.details(
            rx.el.summary(T["fb.app.show"]),
            rx.el.dl(rx.foreach(S.application_lines, _line)),
            rx.el.h3(T["fb.app.areas"]),
            rx.el.ul(rx.foreach(S.application_areas, lambda a: rx.el.li(a))),
            rx.el.h3(T["fb.app.children"]),
            rx.el.ul(rx.foreach(S.application_children, lambda c: rx.el.li(c))),
        ),
        rx.cond(
            S.withdrawable,
            rx.el.div(
                confirm_step(
                    "withdraw-confirm",
                    opener=T["fb.app.withdraw"],
                    title=T["fb.app.withdraw_title"],
                    consequence=T["fb.app.withdraw_text"],
                    confirm=T["fb.app.withdraw_confirm"],
                    on_confirm=S.withdraw,
                ),
                class_name="actions",
            ),
            rx.fragment(),
        ),
        aria_labelledby="app-full",
        class_name="card",
    )


def withdrawn_card() -> rx.Component:
    """After a withdrawal: when, what it means, and where to apply again."""
    return rx.el.section(
        rx.el.h2(T["fb.app.withdrawn_title"], id="app-withdrawn"),
        rx.el.p(fill("fb.app.withdrawn_text", date=S.withdrawn_on)),
        rx.el.p(rx.el.a(T["fb.app.apply_again"], href=routes.INFO)),
        aria_labelledby="app-withdrawn",
        class_name="card",
    )
