"""The supervisor's overview: the application queue, each application opened and read before
the decision, and the decisions (declining only after a confirmation step)."""

import reflex as rx

from familywork_app import routes
from familywork_app.components.charts import bar_table
from familywork_app.components.closing_figures import closing_figures
from familywork_app.components.confirm import confirm_step
from familywork_app.components.deadline_figures import deadline_figures
from familywork_app.components.icons import icon
from familywork_app.components.shell import T, fill, loading_or, staff_page
from familywork_app.components.strong_identity import identity_badge
from familywork_app.components.ui import empty_state, status_badge
from familywork_app.domain import ApplicationStatus
from familywork_app.state.figures import FamilySearchState, FiguresState
from familywork_app.state.staff_home import OverviewState, QueueState


def _decision_forms(q) -> rx.Component:
    """`q`: a `QueueView`."""
    S, app_id = OverviewState, q.id
    worker_id, reason_id = "worker-" + app_id, "reason-" + app_id
    error = S.errors[app_id]
    return rx.el.div(
        rx.cond(
            q.status_key == ApplicationStatus.SUBMITTED.value,
            rx.el.button(
                T["overview.review"],
                type="button",
                class_name="btn btn-secondary",
                on_click=S.review(app_id),
            ),
            rx.fragment(),
        ),
        rx.el.form(
            rx.el.input(type="hidden", name="application_id", value=app_id),
            rx.el.label(T["overview.assign_worker"], html_for=worker_id),
            rx.el.select(
                rx.el.option(T["apply.choose"], value=""),
                rx.foreach(S.workers, lambda w: rx.el.option(w.name, value=w.id)),
                id=worker_id,
                name="worker_id",
                class_name="input",
                default_value="",
            ),
            rx.el.button(T["overview.accept"], type="submit", class_name="btn btn-primary"),
            on_submit=S.accept,
            reset_on_submit=False,
            class_name="form",
        ),
        rx.el.form(
            rx.el.input(type="hidden", name="application_id", value=app_id),
            rx.el.label(T["overview.decline_reason"], html_for=reason_id),
            rx.el.textarea(
                id=reason_id, name="reason", rows=2, class_name="input", max_length=2000
            ),
            confirm_step(
                "decline-" + app_id,
                opener=T["overview.decline"],
                title=fill("confirm.decline_title", name=q.name),
                consequence=T["confirm.decline_text"],
                confirm=T["confirm.decline"],
                submit=True,
            ),
            on_submit=S.decline,
            reset_on_submit=False,
            class_name="form",
        ),
        rx.el.p(rx.cond(error != "", T[error], ""), class_name="field-error", role="alert"),
        class_name="decision",
    )


def _detail_row(label: rx.Var, value: rx.Component | rx.Var) -> list[rx.Component]:
    return [rx.el.dt(label), rx.el.dd(value)]


def _application(q) -> rx.Component:
    """The button that opens (and closes) the application, and the application when open."""
    S = OverviewState
    is_open, d = S.opened.id == q.id, S.opened
    box_id = "application-" + q.id
    return rx.fragment(
        rx.el.button(
            T["queue.open"],
            type="button",
            class_name="btn btn-secondary",
            aria_expanded=rx.cond(is_open, "true", "false"),
            aria_controls=box_id,
            aria_label=fill("queue.open_named", name=q.name),
            on_click=S.open_application(q.id),
        ),
        rx.el.div(
            rx.cond(
                is_open,
                rx.el.dl(
                    *_detail_row(T["queue.submitted"], rx.el.span(d.submitted, " · ", d.channel)),
                    *_detail_row(
                        T["queue.description"], rx.el.span(d.description, class_name="pre")
                    ),
                    *_detail_row(
                        T["apply.children"],
                        rx.el.ul(rx.foreach(d.children, lambda c: rx.el.li(c))),
                    ),
                    *_detail_row(
                        T["queue.contacts"],
                        rx.el.ul(
                            rx.foreach(
                                d.contacts,
                                lambda c: rx.el.li(
                                    rx.el.span(c.name, class_name="block"),
                                    rx.el.span(c.phone, class_name="block"),
                                    rx.el.span(c.email, class_name="block"),
                                ),
                            )
                        ),
                    ),
                    *_detail_row(T["apply.address"], d.address),
                    *_detail_row(T["queue.reachable"], d.reachable),
                    *_detail_row(T["queue.areas"], d.areas),
                    class_name="details-list",
                ),
                rx.fragment(),
            ),
            id=box_id,
        ),
    )


def _queue_item(q, decide: bool = True) -> rx.Component:
    return rx.el.li(
        rx.el.div(rx.el.h3(q.name), status_badge(q.status, q.status_key), class_name="card-head"),
        rx.el.p(
            icon("map-pin"),
            " ",
            q.municipality,
            " · ",
            icon("clock"),
            " ",
            q.waiting,
            " · ",
            q.channel,
        ),
        rx.el.p(q.areas, class_name="muted"),
        rx.el.p(identity_badge(q.identified, q.strongly_identified)),
        _application(q) if decide else rx.fragment(),
        _decision_forms(q) if decide else rx.fragment(),
        class_name="card",
    )


def queue_page() -> rx.Component:
    """The queue for workers: read only (the supervisor decides)."""
    S = QueueState
    return staff_page(
        rx.el.h1(T["overview.queue"]),
        loading_or(
            S.loaded,
            rx.cond(
                S.queue.length() > 0,
                rx.el.ul(
                    rx.foreach(S.queue, lambda q: _queue_item(q, decide=False)),
                    class_name="plain-list",
                ),
                empty_state("clipboard-list", "overview.queue_empty", "empty.queue_next"),
            ),
        ),
    )


def overview_page() -> rx.Component:
    S = OverviewState
    return staff_page(
        rx.el.h1(T["overview.title"]),
        loading_or(
            S.loaded,
            rx.fragment(
                rx.el.section(
                    rx.el.h2(T["overview.queue"], id="queue"),
                    rx.el.p(S.notice, role="status", class_name="ok"),
                    rx.cond(
                        S.queue.length() > 0,
                        rx.el.ul(
                            rx.foreach(S.queue, lambda q: _queue_item(q)), class_name="plain-list"
                        ),
                        empty_state("clipboard-list", "overview.queue_empty", "empty.queue_next"),
                    ),
                    aria_labelledby="queue",
                ),
            ),
        ),
        _family_search(),
        loading_or(FiguresState.loaded, _figures()),
        deadline_figures(),
        closing_figures(),
    )


def _family_search() -> rx.Component:
    R = FamilySearchState
    return rx.el.section(
        rx.el.h2(T["overview.find_family"], id="find"),
        rx.el.form(
            rx.el.label(T["caseload.search"], html_for="family-query"),
            rx.el.input(id="family-query", name="query", type="search", class_name="input"),
            rx.el.button(T["overview.search"], type="submit", class_name="btn btn-secondary"),
            on_submit=R.search,
            reset_on_submit=False,
            class_name="form",
            role="search",
        ),
        rx.cond(
            R.searched,
            rx.el.ul(
                rx.foreach(
                    R.results,
                    lambda r: rx.el.li(
                        rx.el.a(r.name, href=routes.FAMILY_RECORD_PREFIX + r.id),
                        " · ",
                        r.municipality,
                        " · ",
                        r.status,
                        " · ",
                        r.worker,
                    ),
                ),
                class_name="card",
                role="status",
            ),
            rx.fragment(),
        ),
        aria_labelledby="find",
        class_name="card",
    )


def _figures() -> rx.Component:
    F = FiguresState
    return rx.el.section(
        rx.el.h2(T["figures.title"], id="figures"),
        rx.el.p(T["figures.median"], ": ", rx.el.strong(F.median_days)),
        bar_table(F.active, "overview.workers", ["overview.worker"], ["label"]),
        rx.el.table(
            rx.el.caption(T["figures.meetings"]),
            rx.el.thead(
                rx.el.tr(
                    *[
                        rx.el.th(T[k], scope="col")
                        for k in ("overview.worker", "figures.this_week", "figures.next_week")
                    ]
                )
            ),
            rx.el.tbody(
                rx.foreach(
                    F.meetings,
                    lambda m: rx.el.tr(
                        rx.el.td(m.name), rx.el.td(m.this_week), rx.el.td(m.next_week)
                    ),
                )
            ),
            class_name="table figures",
        ),
        bar_table(
            F.by_area, "figures.by_area", ["figures.month", "figures.area"], ["month", "label"]
        ),
        bar_table(
            F.by_municipality,
            "figures.by_municipality",
            ["figures.month", "apply.municipality"],
            ["month", "label"],
        ),
        aria_labelledby="figures",
        class_name="card",
    )
