"""The work list: what is due or overdue in the families' cases, soonest first; the supervisor
filters it by worker."""

import reflex as rx

from familywork_app.components.icons import icon
from familywork_app.components.shell import T, fill, loading_or, staff_page
from familywork_app.components.ui import empty_state
from familywork_app.domain import Role
from familywork_app.state.work_list import WorkListState as S
from familywork_app.state.work_list_presenters import WorkItemView


def _item(item: WorkItemView) -> rx.Component:
    """What to do first, then for which family (a link to the right section), then when."""
    return rx.el.li(
        rx.el.div(
            rx.el.h2(item.kind, class_name="h3"),
            rx.el.span(item.status, class_name=item.tag_class),
            class_name="card-head",
        ),
        rx.el.p(icon("users"), " ", rx.el.a(item.family, href=item.href)),
        rx.el.p(
            icon("clock"),
            " ",
            T["worklist.due"],
            " ",
            item.due,
            " · ",
            rx.el.strong(item.days),
            class_name=rx.cond(item.overdue, "attention", ""),
        ),
        rx.cond(
            S.user_role == Role.SUPERVISOR.value,
            rx.el.p(T["worklist.worker"], ": ", item.worker, class_name="muted card-foot"),
            rx.fragment(),
        ),
        class_name="card work-item",
    )


def _worker_filter() -> rx.Component:
    return rx.cond(
        S.user_role == Role.SUPERVISOR.value,
        rx.el.div(
            rx.el.label(T["worklist.filter"], html_for="work-worker"),
            rx.el.select(
                rx.el.option(T["worklist.all_workers"], value=""),
                rx.foreach(S.workers, lambda w: rx.el.option(w.name, value=w.id)),
                id="work-worker",
                class_name="input",
                value=S.worker_filter,
                on_change=S.choose_worker,
            ),
            class_name="field filters",
        ),
        rx.fragment(),
    )


def work_list_page() -> rx.Component:
    return staff_page(
        rx.el.h1(T["worklist.title"]),
        rx.el.p(T["worklist.lead"], class_name="muted"),
        loading_or(
            S.loaded,
            rx.fragment(
                _worker_filter(),
                rx.el.p(
                    fill("worklist.count", count=S.items.length(), overdue=S.overdue_count),
                    class_name="muted",
                    role="status",
                ),
                rx.cond(
                    S.items.length() > 0,
                    rx.el.ul(rx.foreach(S.items, _item), class_name="cards"),
                    empty_state("circle-check", "worklist.empty", "empty.worklist_next"),
                ),
            ),
        ),
    )
