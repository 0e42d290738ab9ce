"""Goal cards shared by the family's and the worker's pages: what we do, a ratings chart with a
table for screen readers, entries from both sides, and the form to add an entry.

`S` is a state class with `goals` (a list of `GoalView`), `errors` (goal id -> i18n key),
`saved` (the goal id just saved) and `add_entry`.
"""

import reflex as rx
from reflex.vars.object import ObjectVar

from familywork_app.components.shell import T
from familywork_app.components.ui import empty_state, status_badge
from familywork_app.state.goal_presenters import GoalView


def _chart(points: rx.Var) -> rx.Component:
    """`points` (`RatingBarView`s) as bars for the eye (hidden from screen readers) and as a
    table with the same figures. Each bar's short date sits below it in the flow of its column
    (not positioned over it), so on a narrow phone two dates never overlap: the columns widen
    and the chart scrolls sideways instead; the table has the full dates."""
    return rx.el.div(
        rx.el.h4(T["goals.chart"]),
        rx.cond(
            points.to(list).length() > 0,
            rx.fragment(
                rx.el.div(
                    rx.foreach(
                        points,
                        lambda p: rx.el.div(
                            rx.el.div(
                                rx.el.span(p.rating, class_name="bar-value"),
                                rx.el.div(class_name="bar", style={"height": p.height}),
                                class_name="bar-area",
                            ),
                            rx.el.span(p.short_date, class_name="bar-label"),
                            class_name="bar-col",
                        ),
                    ),
                    class_name="chart goal-chart",
                    aria_hidden="true",
                ),
                rx.el.table(
                    rx.el.caption(T["goals.chart"]),
                    rx.el.thead(
                        rx.el.tr(
                            rx.el.th(T["goals.date"], scope="col"),
                            rx.el.th(T["goals.rating"], scope="col"),
                        )
                    ),
                    rx.el.tbody(
                        rx.foreach(points, lambda p: rx.el.tr(rx.el.td(p.date), rx.el.td(p.rating)))
                    ),
                    class_name="sr-only",
                ),
            ),
            rx.el.p(T["goals.chart_empty"], class_name="muted"),
        ),
    )


def _entry_form(S, goal_id: rx.Var) -> rx.Component:
    rating_id, text_id = "rating-" + goal_id.to(str), "text-" + goal_id.to(str)
    error = S.errors[goal_id]
    return rx.el.form(
        rx.el.input(type="hidden", name="goal_id", value=goal_id),
        rx.el.div(
            rx.el.label(T["goals.rating_label"], html_for=rating_id),
            rx.el.select(
                rx.el.option(T["goals.no_rating"], value=""),
                *[rx.el.option(str(n), value=str(n)) for n in range(11)],
                id=rating_id,
                name="rating",
                class_name="input",
                default_value="",
            ),
            class_name="field",
        ),
        rx.el.div(
            rx.el.label(T["goals.entry_text"], html_for=text_id),
            rx.el.textarea(
                id=text_id,
                name="text",
                rows=2,
                class_name="input",
                max_length=2000,
                aria_describedby=text_id + "-error",
            ),
            rx.el.p(
                rx.cond(error != "", T[error], ""),
                id=text_id + "-error",
                class_name="field-error",
                aria_live="polite",
            ),
            class_name="field",
        ),
        rx.cond(
            S.saved == goal_id,
            rx.el.p(T["goals.saved"], class_name="ok"),  # the toast announces it
            rx.fragment(),
        ),
        rx.el.button(T["goals.save"], type="submit", class_name="btn btn-primary"),
        on_submit=S.add_entry,
        reset_on_submit=False,
        class_name="form",
    )


def _goal(S, g: ObjectVar[GoalView], extra) -> rx.Component:
    """One `GoalView` as a card."""
    return rx.el.li(
        rx.el.p(status_badge(g.status_label, g.status)),
        rx.el.h2(g.title, class_name="h3"),
        rx.el.p(g.area, class_name="muted"),
        rx.el.p(rx.el.strong(T["goals.what_we_do"]), ": ", g.what),
        rx.el.p(g.target, class_name="muted"),
        _chart(g.chart),
        rx.el.h4(T["goals.entries"]),
        rx.el.ul(
            rx.foreach(
                g.progress,
                lambda e: rx.el.li(
                    rx.el.span(e.who, " · ", e.when, class_name="muted block"),
                    rx.el.span(e.rating, class_name="block"),
                    rx.el.span(e.text),
                    class_name="goal-item",
                ),
            ),
            class_name="plain-list",
        ),
        rx.cond(g.open, _entry_form(S, g.id), rx.fragment()),
        extra(g) if extra is not None else rx.fragment(),
        class_name="card",
    )


def goal_list(S, extra=None) -> rx.Component:
    """Every goal as a card; `extra(goal)` adds controls (the worker's end buttons)."""
    return rx.cond(
        S.goals.length() > 0,
        rx.el.ul(rx.foreach(S.goals, lambda g: _goal(S, g, extra)), class_name="plain-list"),
        empty_state("target", "goals.none"),
    )
