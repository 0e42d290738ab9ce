"""The guardian's "Our work": the results of the methods done together (read-only), and the
child's check-in a child can answer on the guardian's phone."""

import reflex as rx

from familywork_app.components.method_results import all_results
from familywork_app.components.shell import GUARDIAN_NAV, T, guardian_page, loading_or
from familywork_app.components.together_forms import child_checkin_form
from familywork_app.state.method_results import FamilyWorkState as S


def _checkin() -> rx.Component:
    return rx.el.details(
        rx.el.summary(T["work.child_link"], class_name="btn btn-secondary"),
        rx.el.p(T["work.child_intro"]),
        rx.cond(
            S.saved, rx.el.p(T["together.saved"], role="status", class_name="ok"), rx.fragment()
        ),
        child_checkin_form(S, with_consent=False),
        class_name="card checkin-details",
    )


def family_work_page() -> rx.Component:
    return guardian_page(
        rx.el.h1(T["work.title"]),
        rx.el.p(T["work.intro"]),
        loading_or(S.results_loaded, rx.fragment(_checkin(), all_results(S))),
        nav=GUARDIAN_NAV,
    )
