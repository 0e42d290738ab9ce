"""Simple charts that are tables first: every figure is a table cell a screen reader can read,
with a bar beside it for the eye."""

import reflex as rx

from familywork_app.components.shell import T


def bar_cell(text: rx.Var | str, width: rx.Var | str) -> rx.Component:
    """A figure in its table cell with a bar beside it (hidden from screen readers)."""
    return rx.el.td(
        rx.el.span(text, class_name="bar-num"),
        rx.el.span(class_name="hbar", style={"width": width}, aria_hidden="true"),
        class_name="bar-cell",
    )


def bar_table(rows: rx.Var, caption_key: str, headers: list[str], cells: list[str]) -> rx.Component:
    """`rows`: a list of `state.presenters.BarRow`; `cells` names the attributes shown before
    the count (e.g. `["month", "label"]`)."""
    return rx.el.table(
        rx.el.caption(T[caption_key]),
        rx.el.thead(
            rx.el.tr(
                *[rx.el.th(T[h], scope="col") for h in headers],
                rx.el.th(T["figures.count"], scope="col"),
            )
        ),
        rx.el.tbody(
            rx.foreach(
                rows,
                lambda r: rx.el.tr(
                    *[rx.el.td(getattr(r, c)) for c in cells],
                    bar_cell(r.value, r.width),
                ),
            )
        ),
        class_name="table figures",
    )
