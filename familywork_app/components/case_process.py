"""The case-process section of a family's record (`#sec-process`): the dated, attributed steps,
the assessment's deadlines with the days left (or done in time / late), and the forms that
record the assessment's start and its completion."""

import reflex as rx

from familywork_app import routes
from familywork_app.components.forms import error_summary, field_error
from familywork_app.components.shell import T
from familywork_app.components.ui import card_head
from familywork_app.state.case_process import ERROR_SUMMARY
from familywork_app.state.case_process import CaseProcessState as P
from familywork_app.state.case_process_presenters import DeadlineView, ProcessStepView

SECTION_ID = "sec-process"


def _step(step: ProcessStepView) -> rx.Component:
    return rx.el.li(
        rx.el.strong(step.label),
        " · ",
        step.day,
        rx.cond(step.who != "", rx.el.span(" · ", step.who), rx.fragment()),
    )


def _deadline(deadline: DeadlineView) -> rx.Component:
    return rx.el.li(
        rx.el.span(deadline.label, class_name="block"),
        rx.el.span(deadline.state, class_name=deadline.tag_class),
    )


def _date_field(field_id: str, label_key: str, error: rx.Var) -> rx.Component:
    return rx.el.div(
        rx.el.label(T[label_key], html_for=field_id),
        rx.el.input(
            id=field_id,
            name="on",
            type="date",
            default_value=P.today_iso,
            max=P.today_iso,
            aria_invalid=rx.cond(error != "", "true", "false"),
            aria_describedby=f"{field_id}-error",
            class_name="input",
        ),
        field_error(field_id, error),
        class_name="field",
    )


def _form_error(form_id: str) -> rx.Component:
    return field_error(form_id, P.errors["form"])


def _start_form() -> rx.Component:
    return rx.el.form(
        rx.el.h3(T["process.start_form"]),
        _date_field("process-start-on", "process.start_on", P.errors["start_on"]),
        _form_error("process-start"),
        rx.el.button(T["process.start_save"], type="submit", class_name="btn btn-primary"),
        on_submit=P.start_assessment,
        reset_on_submit=False,
        no_validate=True,
        class_name="form",
    )


def _support_choice() -> rx.Component:
    error = P.errors["special_support"]
    return rx.el.fieldset(
        rx.el.legend(T["process.special_support"], class_name="legend"),
        *[
            rx.el.div(
                rx.el.input(
                    type="radio",
                    id=f"process-support-{answer}",
                    name="special_support",
                    value=answer,
                    class_name="check",
                    aria_describedby="process-support-error",
                ),
                rx.el.label(T[f"process.{answer}"], html_for=f"process-support-{answer}"),
                class_name="check-row",
            )
            for answer in ("yes", "no")
        ],
        field_error("process-support", error),
        class_name="fieldset",
    )


def _complete_form() -> rx.Component:
    error = P.errors["summary"]
    return rx.el.form(
        rx.el.h3(T["process.complete_form"]),
        error_summary(ERROR_SUMMARY, P.error_links, T["process.fix_errors"]),
        _date_field("process-done-on", "process.complete_on", P.errors["done_on"]),
        _support_choice(),
        rx.el.div(
            rx.el.label(T["process.summary"], html_for="process-summary"),
            rx.el.p(T["process.summary_hint"], id="process-summary-hint", class_name="hint"),
            rx.el.textarea(
                id="process-summary",
                name="summary",
                rows=5,
                max_length=4000,
                aria_invalid=rx.cond(error != "", "true", "false"),
                aria_describedby="process-summary-error process-summary-hint",
                class_name="input",
            ),
            field_error("process-summary", error),
            class_name="field",
        ),
        _form_error("process-complete"),
        rx.el.button(T["process.complete_save"], type="submit", class_name="btn btn-primary"),
        on_submit=P.complete_assessment,
        reset_on_submit=False,
        no_validate=True,
        class_name="form",
    )


def _completed() -> rx.Component:
    return rx.fragment(
        rx.el.h3(T["process.summary"]),
        rx.el.p(P.summary, class_name="pre"),
        rx.el.p(P.special_support),
    )


def process_section() -> rx.Component:
    """The section, once this user's timeline of the family is loaded (else nothing)."""
    return rx.cond(
        P.process_loaded,
        rx.el.section(
            rx.el.h2(T["worker.section.process"], id=SECTION_ID),
            rx.el.p(P.received),
            rx.el.h3(T["process.deadlines"]),
            rx.el.ul(rx.foreach(P.deadlines, _deadline), class_name="plain-list deadlines"),
            rx.el.h3(T["process.steps"]),
            rx.cond(
                P.steps.length() > 0,
                rx.el.ol(rx.foreach(P.steps, _step), class_name="steps"),
                rx.el.p(T["process.no_steps"], class_name="muted"),
            ),
            rx.match(
                P.phase,
                ("start", _start_form()),
                ("complete", _complete_form()),
                _completed(),
            ),
            aria_labelledby=SECTION_ID,
            class_name="card",
        ),
        rx.fragment(),
    )


def work_list_link() -> rx.Component:
    """Back to the work list, from the record's section navigation."""
    return rx.el.a(T["nav.work_list"], href=routes.WORK_LIST)


def assessment_card(summary: rx.Var, done: rx.Var) -> rx.Component:
    """The family's home: the summary of the completed assessment of service need."""
    return rx.cond(
        summary != "",
        rx.el.section(
            card_head("file-text", rx.el.h2(T["home.assessment_summary"], id="assessment")),
            rx.el.p(summary, class_name="pre"),
            rx.el.p(done, class_name="muted"),
            aria_labelledby="assessment",
            class_name="card",
        ),
        rx.fragment(),
    )
