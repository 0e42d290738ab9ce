"""A client plan version as the guardian's page and the worker's record show it: every part of
the plan in a description list, its goals, who acknowledged it; earlier versions behind a
disclosure each. `v` is a `PlanVersionView` var."""

import reflex as rx

from familywork_app.components.shell import T
from familywork_app.components.ui import status_badge

_HEADINGS = {2: rx.el.h2, 3: rx.el.h3, 4: rx.el.h4}


def _text(value: rx.Var) -> rx.Component:
    return rx.el.dd(rx.cond(value != "", value, T["plan.not_written"]), class_name="pre")


def _goals(v) -> rx.Component:
    return rx.el.dd(
        rx.cond(
            v.goals.length() > 0,
            rx.el.ul(
                rx.foreach(
                    v.goals,
                    lambda g: rx.el.li(
                        g.title,
                        " · ",
                        rx.el.span(g.area, class_name="muted"),
                        " ",
                        status_badge(g.status_label, g.status),
                    ),
                ),
            ),
            T["plan.not_written"],
        )
    )


def plan_parts(v) -> rx.Component:
    """The plan's parts in the order of the Act's § 39 (the family's view first)."""
    return rx.el.dl(
        rx.el.dt(T["plan.family_view"]),
        _text(v.family_view),
        rx.el.dt(T["plan.family_strengths"]),
        _text(v.family_strengths),
        rx.el.dt(T["plan.worker_view"]),
        _text(v.worker_view),
        rx.el.dt(T["plan.goals"]),
        _goals(v),
        rx.el.dt(T["plan.who_does_what"]),
        _text(v.who_does_what),
        rx.el.dt(T["plan.meeting_rhythm"]),
        _text(v.meeting_rhythm),
        rx.el.dt(T["plan.next_review"]),
        _text(v.next_review),
        rx.el.dt(T["plan.differences"]),
        _text(v.differences),
        class_name="details-list",
    )


def acknowledgements(v, level: int) -> rx.Component:
    """Who of the guardians acknowledged the version, when, and their comments."""
    return rx.fragment(
        _HEADINGS[level](T["plan.acknowledged_by"]),
        rx.cond(
            v.acks.length() > 0,
            rx.el.ul(
                rx.foreach(
                    v.acks,
                    lambda a: rx.el.li(
                        rx.el.span(a.name, " · ", a.on, class_name="block"),
                        rx.cond(
                            a.comment != "",
                            rx.el.q(a.comment, class_name="block pre"),
                            rx.fragment(),
                        ),
                        class_name="goal-item",
                    ),
                ),
                class_name="plain-list",
            ),
            rx.el.p(T["plan.no_acks"], class_name="muted"),
        ),
    )


def plan_version(v, level: int) -> rx.Component:
    """A version: when and by whom it was made, its parts and its acknowledgements (`level`:
    the heading level of its own sub-headings)."""
    return rx.fragment(
        rx.el.p(v.made, class_name="muted"),
        plan_parts(v),
        acknowledgements(v, level),
    )


def earlier_versions(versions: rx.Var, level: int) -> rx.Component:
    """The earlier versions, newest first, each behind its own disclosure."""
    return rx.cond(
        versions.to(list).length() > 0,
        rx.fragment(
            _HEADINGS[level](T["plan.earlier"]),
            rx.foreach(
                versions,
                lambda v: rx.el.details(
                    rx.el.summary(v.heading, " · ", v.made),
                    plan_version(v, min(level + 1, 4)),
                    class_name="plan-earlier",
                ),
            ),
        ),
        rx.fragment(),
    )
