"""The worker's caseload and the supervisor's overview."""

import reflex as rx

from familywork_app.components.shell import (SUPERVISOR_NAV, T, WORKER_NAV, fill, loading_or,
                                             staff_page)
from familywork_app.state.staff_home import CaseloadState, OverviewState


def _family_card(f: dict) -> rx.Component:
    return rx.el.li(
        rx.el.h2(f["name"], class_name="h3"),
        rx.el.p(f["municipality"], " · ", f["status"], class_name="muted"),
        rx.el.p(T["caseload.next_meeting"], ": ", f["next"]),
        rx.el.p(f["answers"], " ", f["unread"], class_name="attention"),
        rx.el.p(f["goals"], " · ", f["weeks"], class_name="muted"),
        class_name="card family-card",
    )


def caseload_page() -> rx.Component:
    S = CaseloadState
    return staff_page(
        rx.el.h1(T["caseload.title"]),
        loading_or(S.loaded, rx.cond(
            S.families.length() > 0,
            rx.fragment(
                rx.el.p(fill("caseload.count", count=S.families.length()), class_name="muted"),
                rx.el.ul(rx.foreach(S.families, _family_card), class_name="card-grid"),
            ),
            rx.el.p(T["caseload.empty"]),
        )),
        nav=WORKER_NAV,
    )


def _queue_item(q: dict) -> rx.Component:
    return rx.el.li(
        rx.el.h3(q["name"]),
        rx.el.p(q["municipality"], " · ", q["status"], " · ", q["waiting"]),
        rx.el.p(q["areas"], class_name="muted"),
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
