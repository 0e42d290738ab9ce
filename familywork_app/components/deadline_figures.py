"""The supervisor's deadline figures on the overview: per month of receipt and per worker, the
shares of assessments started and completed in time (a bar beside each percentage), the
medians and the plans overdue for review. Each table is the chart: its cells are what a screen
reader reads, and the bars beside them are hidden from it."""

import reflex as rx

from familywork_app.components.charts import bar_cell
from familywork_app.components.shell import T
from familywork_app.components.ui import empty_state
from familywork_app.state.deadline_figures import DeadlineFiguresState as D
from familywork_app.state.deadline_presenters import DeadlineFigureView

COLUMNS = (
    "deadlines.cases",
    "deadlines.started_in_time",
    "deadlines.completed_in_time",
    "deadlines.median_start",
    "deadlines.median_complete",
    "deadlines.plans_overdue",
)


def _row(r: DeadlineFigureView) -> rx.Component:
    return rx.el.tr(
        rx.el.th(r.label, scope="row"),
        rx.el.td(r.cases),
        bar_cell(r.started, r.started_width),
        bar_cell(r.completed, r.completed_width),
        rx.el.td(r.median_start),
        rx.el.td(r.median_complete),
        rx.el.td(r.plans_overdue),
    )


def _table(rows: rx.Var, caption_key: str, first_key: str) -> rx.Component:
    """A scrolling box on a narrow screen (reachable by keyboard), the page itself never wider."""
    return rx.el.div(
        rx.el.table(
            rx.el.caption(T[caption_key]),
            rx.el.thead(rx.el.tr(*[rx.el.th(T[k], scope="col") for k in (first_key, *COLUMNS)])),
            rx.el.tbody(rx.foreach(rows, _row)),
            class_name="table figures deadline-table",
        ),
        role="region",
        aria_label=T[caption_key],
        tab_index=0,
        class_name="table-scroll",
    )


def deadline_figures() -> rx.Component:
    return rx.cond(
        D.deadlines_loaded,
        rx.el.section(
            rx.el.h2(T["deadlines.title"], id="deadlines"),
            rx.el.p(T["deadlines.note"], class_name="muted"),
            rx.el.p(rx.el.strong(D.plans_overdue)),
            rx.cond(
                D.by_month.length() > 0,
                rx.fragment(
                    _table(D.by_month, "deadlines.by_month", "figures.month"),
                    _table(D.by_worker, "deadlines.by_worker", "worklist.worker"),
                ),
                empty_state("chart-column", "deadlines.empty"),
            ),
            aria_labelledby="deadlines",
            class_name="card",
        ),
        rx.fragment(),
    )
