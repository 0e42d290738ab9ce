"""The supervisor's overview: the application queue and decisions on it."""

import reflex as rx

from familywork_app.components.shell import (SUPERVISOR_NAV, T, loading_or,
                                             staff_page)
from familywork_app.state.staff_home import OverviewState


def _decision_forms(q: dict) -> rx.Component:
    S, app_id = OverviewState, q["id"]
    worker_id, reason_id = "worker-" + app_id, "reason-" + app_id
    error = S.errors[app_id]
    return rx.el.div(
        rx.cond(q["status_key"] == "submitted",
                rx.el.button(T["overview.review"], type="button", class_name="btn btn-secondary",
                             on_click=S.review(app_id)), rx.fragment()),
        rx.el.form(
            rx.el.input(type="hidden", name="application_id", value=app_id),
            rx.el.label(T["overview.assign_worker"], html_for=worker_id),
            rx.el.select(rx.el.option(T["apply.choose"], value=""),
                         rx.foreach(S.workers, lambda w: rx.el.option(w["name"], value=w["id"])),
                         id=worker_id, name="worker_id", class_name="input", default_value=""),
            rx.el.button(T["overview.accept"], type="submit", class_name="btn btn-primary"),
            on_submit=S.accept, reset_on_submit=False, class_name="form",
        ),
        rx.el.form(
            rx.el.input(type="hidden", name="application_id", value=app_id),
            rx.el.label(T["overview.decline_reason"], html_for=reason_id),
            rx.el.textarea(id=reason_id, name="reason", rows=2, class_name="input", max_length=2000),
            rx.el.button(T["overview.decline"], type="submit", class_name="btn btn-danger"),
            on_submit=S.decline, reset_on_submit=False, class_name="form",
        ),
        rx.el.p(rx.cond(error != "", T[error], ""), class_name="field-error", role="alert"),
        class_name="decision",
    )


def _queue_item(q: dict) -> rx.Component:
    return rx.el.li(
        rx.el.h3(q["name"]),
        rx.el.p(q["municipality"], " · ", q["status"], " · ", q["waiting"]),
        rx.el.p(q["areas"], class_name="muted"),
        _decision_forms(q),
        class_name="card",
    )


def overview_page() -> rx.Component:
    S = OverviewState
    return staff_page(
        rx.el.h1(T["overview.title"]),
        loading_or(S.loaded, rx.fragment(
            rx.el.section(
                rx.el.h2(T["overview.queue"], id="queue"),
                rx.cond(S.queue.length() > 0,
                        rx.el.ul(rx.foreach(S.queue, _queue_item), class_name="plain-list"),
                        rx.el.p(T["overview.queue_empty"])),
                aria_labelledby="queue",
            ),
            rx.el.section(
                rx.el.h2(T["overview.workers"], id="workers"),
                rx.el.table(
                    rx.el.thead(rx.el.tr(rx.el.th(T["overview.worker"], scope="col"),
                                         rx.el.th(T["overview.families"], scope="col"))),
                    rx.el.tbody(rx.foreach(S.workers, lambda w: rx.el.tr(
                        rx.el.td(w["name"]), rx.el.td(w["active"])))),
                    class_name="table",
                ),
                aria_labelledby="workers",
            ),
        )),
        nav=SUPERVISOR_NAV,
    )
