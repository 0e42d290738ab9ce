"""Simple charts that are tables first: every figure is a table cell a screen reader can read,
with a bar beside it for the eye."""

import reflex as rx

from familywork_app.components.shell import T


def bar_table(rows: rx.Var, caption_key: str, headers: list[str], cells: list[str]) -> rx.Component:
    """`rows`: dicts with the `cells` keys, plus `value` and `width` (a CSS percentage)."""
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
                    *[rx.el.td(r[c]) for c in cells],
                    rx.el.td(
                        rx.el.span(r["value"], class_name="bar-num"),
                        rx.el.span(
                            class_name="hbar", style={"width": r["width"]}, aria_hidden="true"
                        ),
                        class_name="bar-cell",
                    ),
                ),
            )
        ),
        class_name="table figures",
    )


def with_widths(rows: list[dict], key: str = "value") -> list[dict[str, str]]:
    """Add `width` (share of the largest value) and stringify every value."""
    top = max((int(r[key]) for r in rows), default=0) or 1
    return [
        {**{k: str(v) for k, v in r.items()}, "width": f"{int(r[key]) * 100 // top}%"} for r in rows
    ]
