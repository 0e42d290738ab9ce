"""The supervisor's closing figures on the overview: the closing feedback per quarter (answers
and the mean of each 1-5 question, with the comments) and, per quarter of closing, the median
days from application to start and to close. Each table is the chart: its cells are what a
screen reader reads, and the bars beside them are hidden from it."""

import reflex as rx

from familywork_app.components.charts import bar_cell
from familywork_app.components.shell import T
from familywork_app.components.ui import empty_state
from familywork_app.state.closing_figures import ClosingFiguresState as C
from familywork_app.state.closing_figures import (
    ClosingQuarterView,
    CommentsView,
    FeedbackQuarterView,
)

FEEDBACK_COLUMNS = (
    "closing.quarter_col",
    "closing.answers",
    "feedback.short_helped",
    "feedback.short_listened",
    "feedback.short_meetings",
)
CLOSING_COLUMNS = ("closing.quarter_col", "closing.closed", "closing.to_start", "closing.to_close")


def _feedback_row(r: FeedbackQuarterView) -> rx.Component:
    return rx.el.tr(
        rx.el.th(r.quarter, scope="row"),
        rx.el.td(r.answers),
        bar_cell(r.helped, r.helped_width),
        bar_cell(r.listened, r.listened_width),
        bar_cell(r.meetings, r.meetings_width),
    )


def _closing_row(r: ClosingQuarterView) -> rx.Component:
    return rx.el.tr(
        rx.el.th(r.quarter, scope="row"),
        rx.el.td(r.closed),
        bar_cell(r.to_start, r.to_start_width),
        bar_cell(r.to_close, r.to_close_width),
    )


def _table(rows: rx.Var, caption_key: str, columns: tuple[str, ...], row) -> rx.Component:
    """A scrolling box on a narrow screen (reachable by keyboard), the page itself never wider."""
    return rx.el.div(
        rx.el.table(
            rx.el.caption(T[caption_key]),
            rx.el.thead(rx.el.tr(*[rx.el.th(T[k], scope="col") for k in columns])),
            rx.el.tbody(rx.foreach(rows, row)),
            class_name="table figures",
        ),
        role="region",
        aria_label=T[caption_key],
        tab_index=0,
        class_name="table-scroll",
    )


def _comments(c: CommentsView) -> rx.Component:
    return rx.el.li(
        rx.el.strong(c.quarter),
        rx.el.ul(rx.foreach(c.comments, lambda text: rx.el.li(text, class_name="pre"))),
    )


def _feedback() -> rx.Component:
    return rx.fragment(
        rx.el.h3(T["closing.feedback"]),
        rx.el.p(T["closing.privacy"], class_name="muted"),
        rx.cond(
            C.feedback.length() > 0,
            rx.fragment(
                _table(C.feedback, "closing.feedback_table", FEEDBACK_COLUMNS, _feedback_row),
                rx.cond(
                    C.comments.length() > 0,
                    rx.fragment(
                        rx.el.h4(T["closing.comments"]),
                        rx.el.ul(rx.foreach(C.comments, _comments), class_name="plain-list"),
                    ),
                    rx.fragment(),
                ),
            ),
            empty_state("chart-column", "closing.no_feedback"),
        ),
    )


def _closing() -> rx.Component:
    return rx.fragment(
        rx.el.h3(T["closing.durations"]),
        rx.el.p(T["closing.durations_note"], class_name="muted"),
        rx.cond(
            C.closing.length() > 0,
            _table(C.closing, "closing.durations_table", CLOSING_COLUMNS, _closing_row),
            empty_state("chart-column", "closing.no_closed"),
        ),
    )


def closing_figures() -> rx.Component:
    """The section, once its figures are loaded."""
    return rx.cond(
        C.closing_loaded,
        rx.el.section(
            rx.el.h2(T["closing.title"], id="closing-figures"),
            _feedback(),
            _closing(),
            aria_labelledby="closing-figures",
            class_name="card",
        ),
        rx.fragment(),
    )
