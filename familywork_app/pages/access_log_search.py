"""The supervisor's access-log search: who read or changed which family's data, and when."""

from typing import Literal

import reflex as rx

from familywork_app.components.shell import T, fill, loading_or, staff_page
from familywork_app.state.access_log_search import AccessLogState as S


def _input(
    name: str, label_key: str, input_type: Literal["text", "email", "date"] = "text"
) -> rx.Component:
    return rx.el.div(
        rx.el.label(T[label_key], html_for=f"log-{name}"),
        rx.el.input(id=f"log-{name}", name=name, type=input_type, class_name="input"),
        class_name="field",
    )


def access_log_page() -> rx.Component:
    columns = (
        "log.col.at",
        "log.col.who",
        "log.col.role",
        "log.col.family",
        "log.col.action",
        "log.col.ip",
    )
    return staff_page(
        rx.el.h1(T["log.title"]),
        loading_or(
            S.loaded,
            rx.fragment(
                rx.el.form(
                    rx.el.div(
                        _input("family", "log.col.family"),
                        _input("email", "signin.email", "email"),
                        _input("from", "log.from", "date"),
                        _input("to", "log.to", "date"),
                        class_name="filters",
                    ),
                    rx.el.button(T["overview.search"], type="submit", class_name="btn btn-primary"),
                    on_submit=S.search,
                    reset_on_submit=False,
                    class_name="form card",
                    role="search",
                ),
                rx.cond(
                    S.searched,
                    rx.fragment(
                        rx.el.p(fill("log.count", count=S.rows.length()), role="status"),
                        rx.el.div(
                            rx.el.table(
                                rx.el.thead(
                                    rx.el.tr(*[rx.el.th(T[c], scope="col") for c in columns])
                                ),
                                rx.el.tbody(
                                    rx.foreach(
                                        S.rows,
                                        lambda r: rx.el.tr(
                                            rx.el.td(r.at),
                                            rx.el.td(r.who, rx.el.br(), r.email),
                                            rx.el.td(r.role),
                                            rx.el.td(r.family),
                                            rx.el.td(r.action),
                                            rx.el.td(r.ip),
                                        ),
                                    )
                                ),
                                class_name="table",
                            ),
                            class_name="table-scroll",
                            tab_index=0,
                            role="region",
                            aria_label=T["log.title"],
                        ),
                    ),
                    rx.fragment(),
                ),
            ),
        ),
    )
