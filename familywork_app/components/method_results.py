"""The results of the methods done together, read-only: evaluation charts per support area (the
family's and the worker's views side by side), cards picked, the role map beside the earlier one,
the network map as a picture and a table, and the children's check-ins.

`S` is `MethodResultsState` (vars: the fields of `method_presenters.ResultsView`). Each
picture is hidden from screen readers and followed by the same figures as a table.
"""

import reflex as rx

from familywork_app import method_content as mc
from familywork_app.components.shell import T
from familywork_app.domain import SupportArea


def _table(caption, headers: list[str], rows, cells: list[str], sr_only: bool = False):
    return rx.el.table(
        rx.el.caption(caption),
        rx.el.thead(rx.el.tr(*[rx.el.th(T[h], scope="col") for h in headers])),
        rx.el.tbody(
            rx.foreach(rows, lambda r: rx.el.tr(*[rx.el.td(getattr(r, c)) for c in cells]))
        ),
        class_name="sr-only" if sr_only else "table fit",
    )


def _area_chart(S, area: SupportArea, goal_button) -> rx.Component:
    points = S.eval_points[area.value]
    return rx.el.div(
        rx.el.h4(T[f"area.{area}"]),
        rx.el.div(
            rx.foreach(
                points,
                lambda p: rx.el.div(
                    rx.el.span(p.score, class_name="bar-value"),
                    rx.el.div(class_name="bar bar-" + p.side, style={"height": p.height}),
                    rx.el.span(p.side_label, class_name="bar-label"),
                    class_name="bar-col",
                ),
            ),
            class_name="chart",
            aria_hidden="true",
        ),
        _table(
            T[f"area.{area}"],
            ["goals.date", "eval.phase", "eval.respondent", "eval.score"],
            points,
            ["date", "phase", "who", "score"],
            sr_only=True,
        ),
        goal_button(area) if goal_button is not None else rx.fragment(),
        class_name="area-chart",
    )


def evaluation_results(S, goal_button=None) -> rx.Component:
    """One small chart per support area; `goal_button(area)` adds the worker's goal start."""
    return rx.el.section(
        rx.el.h2(T["eval.title"], class_name="h3"),
        rx.cond(
            S.eval_count > 0,
            rx.el.div(
                rx.el.p(
                    rx.el.span("■ ", class_name="key-family", aria_hidden="true"),
                    T["eval.family"],
                    " ",
                    rx.el.span("▨ ", class_name="key-worker", aria_hidden="true"),
                    T["eval.worker"],
                    class_name="muted",
                    aria_hidden="true",
                ),
                *[_area_chart(S, area, goal_button) for area in mc.EVALUATION_AREAS],
                class_name="area-charts",
            ),
            rx.el.p(T["eval.none"], class_name="muted"),
        ),
        class_name="card",
    )


def _listed(title_key: str, rows, item, none_key: str) -> rx.Component:
    """A card with a heading and one list item per row, or a "none yet" line."""
    return rx.el.section(
        rx.el.h2(T[title_key], class_name="h3"),
        rx.cond(
            rows.length() > 0,
            rx.el.ul(rx.foreach(rows, item), class_name="plain-list"),
            rx.el.p(T[none_key], class_name="muted"),
        ),
        class_name="card",
    )


def cards_results(S) -> rx.Component:
    return _listed(
        "cards.title",
        S.card_sets,
        lambda c: rx.el.li(
            rx.el.span(c.date, class_name="muted block"),
            rx.el.span(c.cards, class_name="block"),
            rx.el.span(c.note, class_name="pre"),
            class_name="goal-item",
        ),
        "cards.none",
    )


def rolemap_results(S) -> rx.Component:
    rows = S.role_rows
    dates = S.role_dates
    return rx.el.section(
        rx.el.h2(T["role.title"], class_name="h3"),
        rx.cond(
            rows.length() > 0,
            rx.el.table(
                rx.el.caption(T["role.title"], " ", dates.latest),
                rx.el.thead(
                    rx.el.tr(
                        rx.el.th(T["role.task"], scope="col"),
                        rx.el.th(T["role.who"], " ", dates.latest, scope="col"),
                        rx.cond(
                            dates.earlier != "",
                            rx.fragment(
                                rx.el.th(dates.earlier, scope="col"),
                                rx.el.th(T["role.changed"], scope="col"),
                            ),
                            rx.fragment(),
                        ),
                    )
                ),
                rx.el.tbody(
                    rx.foreach(
                        rows,
                        lambda r: rx.el.tr(
                            rx.el.th(r.task, scope="row"),
                            rx.el.td(r.who),
                            rx.cond(
                                dates.earlier != "",
                                rx.fragment(rx.el.td(r.earlier), rx.el.td(r.change)),
                                rx.fragment(),
                            ),
                        ),
                    )
                ),
                class_name="table fit",
            ),
            rx.el.p(T["role.none"], class_name="muted"),
        ),
        class_name="card",
    )


def network_picture(nodes) -> rx.Component:
    """The family in the middle, three rings by closeness; + helps, − strains, ± both."""
    return rx.el.svg(
        *[rx.el.circle(cx="160", cy="160", r=str(r), class_name="ring") for r in (62, 102, 140)],
        rx.el.circle(cx="160", cy="160", r="26", class_name="net-family"),
        rx.el.text(T["net.family"], x="160", y="165", text_anchor="middle", class_name="net-text"),
        rx.foreach(
            nodes,
            lambda n: rx.el.g(
                rx.el.circle(cx=n.x, cy=n.y, r="15", class_name="net-node net-" + n.effect),
                rx.el.text(n.sign, x=n.x, y=n.sign_y, text_anchor="middle", class_name="net-sign"),
                rx.el.text(n.name, x=n.x, y=n.label_y, text_anchor="middle", class_name="net-text"),
            ),
        ),
        view_box="0 0 320 340",
        class_name="net-map",
        aria_hidden="true",
    )


def network_table(rows, caption) -> rx.Component:
    return _table(
        caption,
        ["net.name", "net.category", "net.closeness", "net.effect"],
        rows,
        ["name", "category", "closeness", "effect"],
    )


def network_results(S) -> rx.Component:
    rows = S.net_rows
    changes = S.net_changes

    def change(key: str) -> rx.Component:
        return rx.cond(
            getattr(changes, key) != "",
            rx.el.li(T[f"net.{key}"], ": ", getattr(changes, key)),
            rx.fragment(),
        )

    return rx.el.section(
        rx.el.h2(T["net.title"], class_name="h3"),
        rx.cond(
            rows.length() > 0,
            rx.fragment(
                rx.el.p(changes.date, class_name="muted"),
                network_picture(S.net_nodes),
                network_table(rows, T["net.title"]),
                rx.cond(
                    changes.since != "",
                    rx.fragment(
                        rx.el.h3(changes.since, class_name="h4"),
                        rx.el.ul(change("added"), change("gone"), change("changed")),
                    ),
                    rx.fragment(),
                ),
            ),
            rx.el.p(T["net.none"], class_name="muted"),
        ),
        class_name="card",
    )


def checkin_results(S) -> rx.Component:
    return _listed(
        "child.title",
        S.checkins,
        lambda c: rx.el.li(
            rx.el.img(src=c.face, alt="", width="48", height="48", class_name="face-small"),
            rx.el.div(
                rx.el.span(c.who, " · ", c.date, class_name="muted block"),
                rx.el.span(T["child.today"], " ", c.today, class_name="block"),
                rx.el.span(c.answers, class_name="block"),
                rx.el.span(c.note, class_name="pre"),
            ),
            class_name="goal-item checkin",
        ),
        "child.none",
    )


def all_results(S, goal_button=None) -> rx.Component:
    return rx.fragment(
        evaluation_results(S, goal_button),
        checkin_results(S),
        rolemap_results(S),
        network_results(S),
        cards_results(S),
    )
