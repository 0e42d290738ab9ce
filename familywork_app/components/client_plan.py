"""The client plan section of a family's record (staff, on the tablet): the version in force
with the guardians' acknowledgements, the form that saves the draft or makes the plan, and the
earlier versions behind disclosures.

The form's inputs are uncontrolled (`default_value` from the draft): a refusal never clears
them. A new `form_key` after a save remounts the form with the saved values.
"""

import reflex as rx

from familywork_app.components.forms import error_summary, field_error
from familywork_app.components.plan_view import earlier_versions, plan_version
from familywork_app.components.shell import T, fill
from familywork_app.components.ui import empty_state
from familywork_app.services.client_plan_checks import RHYTHM_MAX, TEXT_MAX
from familywork_app.state.client_plan import GOAL_PREFIX, PLAN_ERRORS
from familywork_app.state.client_plan import ClientPlanState as P

# "Make the plan": submit the same form with the intent "make" (then back to "save", which an
# Enter in a field or the draft button sends).
MAKE_SCRIPT = (
    "(() => { const intent = document.getElementById('plan-intent');"
    " intent.value = 'make'; document.getElementById('plan-form').requestSubmit();"
    " intent.value = 'save'; })()"
)


def _described(fid: str, hint: bool) -> str:
    return f"{fid}-error" + (f" {fid}-hint" if hint else "")


def _hint(fid: str, key: str) -> rx.Component:
    return rx.el.p(T[key], id=f"{fid}-hint", class_name="hint") if key else rx.fragment()


def _area(name: str, fid: str, label: str, hint: str = "", rows: int = 3) -> rx.Component:
    """A labelled text box starting from the form's default, its error beside it."""
    error = P.errors[name]
    return rx.el.div(
        rx.el.label(T[label], html_for=fid),
        _hint(fid, hint),
        rx.el.textarea(
            id=fid,
            name=name,
            rows=rows,
            default_value=getattr(P.defaults, name),
            max_length=TEXT_MAX,
            aria_invalid=rx.cond(error != "", "true", "false"),
            aria_describedby=_described(fid, bool(hint)),
            class_name="input",
        ),
        field_error(fid, error),
        class_name="field",
    )


def _input(name: str, fid: str, label: str, hint: str, **attrs) -> rx.Component:
    error = P.errors[name]
    return rx.el.div(
        rx.el.label(T[label], html_for=fid),
        _hint(fid, hint),
        rx.el.input(
            id=fid,
            name=name,
            default_value=getattr(P.defaults, name),
            aria_invalid=rx.cond(error != "", "true", "false"),
            aria_describedby=_described(fid, True),
            class_name="input",
            **attrs,
        ),
        field_error(fid, error),
        class_name="field",
    )


def _goal_choice(g) -> rx.Component:
    fid = "plan-goal-" + g.id
    return rx.el.div(
        rx.el.input(
            type="checkbox",
            id=fid,
            name=GOAL_PREFIX + g.id,
            default_checked=g.chosen,
            class_name="check",
        ),
        rx.el.label(g.title, " · ", g.area, html_for=fid),
        class_name="check-row",
    )


def _goals() -> rx.Component:
    return rx.el.fieldset(
        rx.el.legend(T["plan.goals_legend"], class_name="legend"),
        rx.el.p(T["plan.goals_hint"], id="plan-goals-hint", class_name="hint"),
        rx.cond(
            P.goal_choices.length() > 0,
            rx.foreach(P.goal_choices, _goal_choice),
            rx.el.p(T["plan.no_active_goals"]),
        ),
        field_error("plan-goals", P.errors["goals"]),
        id="plan-goals",
        aria_describedby="plan-goals-hint plan-goals-error",
        class_name="fieldset",
    )


def _form() -> rx.Component:
    return rx.el.form(
        rx.el.h3(
            rx.cond(
                P.has_current,
                fill("plan.form_review", version=P.next_version),
                T["plan.form_first"],
            )
        ),
        rx.el.p(T["plan.form_lead"]),
        error_summary(PLAN_ERRORS, P.error_links, T["plan.staff_fix_errors"]),
        _area("family_view", "plan-family-view", "plan.family_view", "plan.family_hint"),
        _area("family_strengths", "plan-family-strengths", "plan.family_strengths", "", 2),
        _area("worker_view", "plan-worker-view", "plan.worker_view"),
        _goals(),
        _area("who_does_what", "plan-who", "plan.who_does_what"),
        _input(
            "meeting_rhythm",
            "plan-rhythm",
            "plan.meeting_rhythm",
            "plan.rhythm_hint",
            max_length=RHYTHM_MAX,
        ),
        _input(
            "next_review",
            "plan-review",
            "plan.next_review",
            "plan.review_hint",
            type="date",
            min=P.today,
        ),
        _area("differences", "plan-differences", "plan.differences", "", 2),
        field_error("plan-form", P.errors["form"]),
        rx.el.input(type="hidden", id="plan-intent", name="intent", default_value="save"),
        rx.el.div(
            rx.el.button(T["plan.save_draft"], type="submit", class_name="btn btn-secondary"),
            rx.el.button(
                rx.cond(P.has_current, T["plan.make_review"], T["plan.make"]),
                type="button",
                class_name="btn btn-primary",
                on_click=rx.call_script(MAKE_SCRIPT),
            ),
            class_name="actions",
        ),
        id="plan-form",
        key=P.form_key,
        on_submit=P.submit_plan,
        reset_on_submit=False,
        no_validate=True,
        class_name="form plan-form",
    )


def _current() -> rx.Component:
    return rx.cond(
        P.has_current,
        rx.fragment(
            rx.el.h3(T["plan.in_force"], ": ", P.current.heading),
            plan_version(P.current, 4),
        ),
        empty_state("file-text", "plan.none_yet"),
    )


def client_plan_section(active: rx.Var) -> rx.Component:
    """The record's section `sec-plan`; the form only while the family's work goes on."""
    return rx.el.section(
        rx.el.h2(T["worker.section.plan"], id="sec-plan"),
        rx.cond(
            P.loaded,
            rx.fragment(
                _current(),
                rx.cond(
                    P.has_draft,
                    rx.el.p(fill("plan.draft_open", version=P.draft.version), class_name="muted"),
                    rx.fragment(),
                ),
                rx.cond(active, _form(), rx.fragment()),
                earlier_versions(P.earlier, 3),
            ),
            rx.el.p(T["common.loading"], class_name="muted"),
        ),
        aria_labelledby="sec-plan",
        class_name="card",
    )
