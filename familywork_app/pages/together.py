"""Together mode on the worker's tablet: the family's activities in large buttons, nothing else —
no navigation, no caseload, no sign-out; leaving needs the worker's PIN or password."""

import reflex as rx

from familywork_app.components.shell import (
    LANG,
    T,
    fill,
    language_switcher,
    loading_or,
    offline_banner,
    skip_link,
)
from familywork_app.components.together_forms import child_checkin_form, error_for, evaluation_form
from familywork_app.components.together_maps import (
    cards_activity,
    network_activity,
    rolemap_activity,
)
from familywork_app.domain import MethodKind
from familywork_app.state.app_state import AppState
from familywork_app.state.together import ACTIVITIES
from familywork_app.state.together import TogetherState as S

_PICTURES = {
    MethodKind.EVALUATION: "/symbols/face-4.svg",
    MethodKind.CARDS: "/symbols/card-feelings-happy.svg",
    MethodKind.ROLEMAP: "/symbols/card-everyday-chores.svg",
    MethodKind.NETWORK: "/symbols/child-friends.svg",
    MethodKind.CHILD: "/symbols/child-home.svg",
}


def _menu() -> rx.Component:
    return rx.el.div(
        rx.el.h2(T["together.choose"], class_name="h3"),
        rx.cond(
            S.saved, rx.el.p(T["together.saved"], role="status", class_name="ok"), rx.fragment()
        ),
        rx.el.div(
            *[
                rx.el.button(
                    rx.el.img(src=_PICTURES[a], alt="", width="64", height="64"),
                    rx.el.span(T[f"activity.{a}"]),
                    type="button",
                    class_name="activity-btn",
                    on_click=S.open_activity(a),
                )
                for a in ACTIVITIES
            ],
            class_name="activity-grid",
        ),
        _end_form(),
    )


def _end_form() -> rx.Component:
    return rx.el.form(
        rx.el.h2(T["together.end_title"], class_name="h4"),
        rx.el.div(
            rx.el.label(T["together.secret"], html_for="together-secret"),
            rx.el.input(
                id="together-secret",
                name="secret",
                type="password",
                auto_complete="off",
                class_name="input",
                max_length=200,
                aria_describedby="secret-error",
            ),
            error_for(S, "secret"),
            class_name="field",
        ),
        rx.el.button(T["together.end"], type="submit", class_name="btn btn-secondary"),
        on_submit=S.end_together,
        reset_on_submit=False,
        class_name="form end-together",
    )


_VIEWS = {
    MethodKind.EVALUATION: lambda: evaluation_form(S),
    MethodKind.CARDS: cards_activity,
    MethodKind.ROLEMAP: rolemap_activity,
    MethodKind.NETWORK: network_activity,
    MethodKind.CHILD: lambda: child_checkin_form(S, with_consent=True),
}


def _activity() -> rx.Component:
    return rx.el.div(
        rx.el.button(
            "← ",
            T["together.back"],
            type="button",
            class_name="btn btn-secondary big-btn",
            on_click=S.back,
        ),
        *[
            rx.cond(
                S.activity == a, rx.fragment(rx.el.h2(T[f"activity.{a}"]), view()), rx.fragment()
            )
            for a, view in _VIEWS.items()
        ],
    )


def together_page() -> rx.Component:
    return rx.el.div(
        skip_link(),
        offline_banner(),
        rx.el.header(
            rx.el.span(T["together.heading"], class_name="brand"),
            rx.el.div(language_switcher(), class_name="header-tools"),
            class_name="topbar",
        ),
        rx.el.main(
            loading_or(
                S.loaded,
                rx.fragment(
                    rx.el.h1(fill("together.family", name=S.family_name)),
                    rx.cond(S.activity == "", _menu(), _activity()),
                ),
            ),
            id="main",
            class_name="page together",
            tab_index=-1,
        ),
        class_name="layout-together",
        data_ready=AppState.ready,
        lang=LANG,
    )
