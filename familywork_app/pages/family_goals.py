"""The guardian's shared goals: what we do, entries from both sides, a ratings chart."""

import reflex as rx

from familywork_app import routes
from familywork_app.components.goals import goal_list
from familywork_app.components.shell import GUARDIAN_NAV, T, guardian_page, loading_or
from familywork_app.state.family_goals import FamilyGoalsState as S


def family_goals_page() -> rx.Component:
    return guardian_page(
        rx.el.h1(T["goals.title"]),
        rx.el.p(rx.el.a(T["work.link"], href=routes.FAMILY_WORK)),
        loading_or(S.loaded, goal_list(S)),
        nav=GUARDIAN_NAV,
    )
