"""A family's page for staff: members and application, meetings, goals, messages, closing."""

import json

import reflex as rx

from familywork_app.components.case_process import process_section, work_list_link
from familywork_app.components.client_plan import client_plan_section
from familywork_app.components.confirm import confirm_step
from familywork_app.components.goals import goal_list
from familywork_app.components.handover import handover_history, transfer_form
from familywork_app.components.identity_check import identity_record_card
from familywork_app.components.interpreter import interpreter_form
from familywork_app.components.messages import composer, poll_button, thread
from familywork_app.components.method_results import all_results
from familywork_app.components.shell import T, fill, loading_or, staff_page
from familywork_app.components.video_meetings import video_section
from familywork_app.components.worker_meetings import meeting_card, propose_form
from familywork_app.domain import FamilyStatus, GoalStatus, SupportArea
from familywork_app.state.goal_presenters import GoalView
from familywork_app.state.method_results import MethodResultsState
from familywork_app.state.worker_family_actions import WorkerFamilyActions as S
from familywork_app.state.worker_together import WorkerTogetherState as W


def _active():
    """Whether the family's work is going on (not applied for, not closed)."""
    return S.family.status == FamilyStatus.ACTIVE.value


def _section(key: str, *children) -> rx.Component:
    return rx.el.section(
        rx.el.h2(T[f"worker.section.{key}"], id=f"sec-{key}"),
        *children,
        aria_labelledby=f"sec-{key}",
        class_name="card",
    )


def _members() -> rx.Component:
    f, a = S.family, S.application
    return _section(
        "family",
        rx.el.p(f.municipality, " · ", f.address, " · ", f.status_label),
        rx.el.p(T["worker.opened"], ": ", f.opened, " · ", T["caseload.worker"], ": ", f.worker),
        rx.el.h3(T["members.guardians"]),
        rx.el.ul(
            rx.foreach(S.guardians, lambda g: rx.el.li(g.name, " · ", g.email, " · ", g.phone))
        ),
        rx.el.h3(T["apply.children"]),
        rx.el.ul(rx.foreach(S.children, lambda c: rx.el.li(c))),
        interpreter_form(),
        rx.el.h3(T["record.application"]),
        rx.el.p(a.status, " · ", a.channel, " · ", a.submitted),
        identity_record_card(),
        rx.el.p(a.areas),
        rx.el.p(a.description, class_name="pre"),
        rx.el.p(T["apply.reachable"], " ", a.reachable, class_name="muted"),
        transfer_form(),
        handover_history(),
    )


def _goal_form() -> rx.Component:
    def field(label, control, fid):
        return rx.el.div(rx.el.label(T[label], html_for=fid), control, class_name="field")

    error = S.errors["goal"]
    return rx.el.form(
        rx.el.h3(T["worker.new_goal"]),
        field(
            "worker.goal_title",
            rx.el.input(id="goal-title", name="title", class_name="input", max_length=200),
            "goal-title",
        ),
        field(
            "worker.goal_area",
            rx.el.select(
                rx.el.option(T["apply.choose"], value=""),
                *[rx.el.option(T[f"area.{a.value}"], value=a.value) for a in SupportArea],
                id="goal-area",
                name="support_area",
                class_name="input",
                default_value="",
            ),
            "goal-area",
        ),
        field(
            "goals.what_we_do",
            rx.el.textarea(
                id="goal-what", name="what_we_do", rows=2, class_name="input", max_length=2000
            ),
            "goal-what",
        ),
        field(
            "worker.goal_target",
            rx.el.input(type="date", id="goal-target", name="target_date", class_name="input"),
            "goal-target",
        ),
        rx.el.p(rx.cond(error != "", T[error], ""), class_name="field-error", role="alert"),
        rx.el.button(T["worker.add_goal"], type="submit", class_name="btn btn-primary"),
        on_submit=S.create_goal,
        reset_on_submit=False,
        class_name="form",
    )


def _end_buttons(g: GoalView) -> rx.Component:
    """Ending a goal closes it to both sides' entries: each end asks for a confirmation."""
    return rx.cond(
        g.status == GoalStatus.ACTIVE.value,
        rx.el.div(
            *[
                confirm_step(
                    f"end-{end}-" + g.id,
                    opener=T[f"worker.goal_{end}"],
                    title=fill(f"confirm.goal_{end}_title", title=g.title),
                    consequence=T["confirm.goal_end_text"],
                    confirm=T[f"confirm.goal_{end}"],
                    on_confirm=S.end_goal(g.id, status.value),
                    opener_class="btn btn-secondary",
                )
                for end, status in (
                    ("achieved", GoalStatus.ACHIEVED),
                    ("dropped", GoalStatus.DROPPED),
                )
            ],
            class_name="actions",
        ),
        rx.fragment(),
    )


def _close_case() -> rx.Component:
    error = S.errors["close"]
    return rx.cond(
        _active(),
        _section(
            "close",
            rx.el.form(
                rx.el.label(T["worker.closing_summary"], html_for="closing-summary"),
                rx.el.textarea(
                    id="closing-summary",
                    name="closing_summary",
                    rows=4,
                    class_name="input",
                    max_length=4000,
                ),
                rx.el.p(rx.cond(error != "", T[error], ""), class_name="field-error", role="alert"),
                confirm_step(
                    "close-case",
                    opener=T["worker.close_case"],
                    title=fill("confirm.close_title", name=S.family.name),
                    consequence=T["confirm.close_text"],
                    confirm=T["confirm.close"],
                    submit=True,
                ),
                on_submit=S.close_case,
                reset_on_submit=False,
                class_name="form",
            ),
        ),
        _section(
            "close",
            rx.el.p(T["worker.closed_on"], ": ", S.family.closed),
            rx.el.p(S.family.closing_summary, class_name="pre"),
        ),
    )


def _start_goal_button(area: str) -> rx.Component:
    """Start a goal in this support area: choose it in the goal form and go there."""
    script = f"fwStartGoal({json.dumps(area)})"  # assets/app.js
    return rx.cond(
        _active(),
        rx.el.button(
            fill("eval.start_goal", area=T[f"area.{area}"]),
            type="button",
            class_name="btn btn-secondary btn-small",
            on_click=rx.call_script(script),
        ),
        rx.fragment(),
    )


def _together() -> rx.Component:
    start = rx.el.form(
        rx.el.p(T["together.intro"]),
        rx.el.label(T["together.pin"], html_for="together-pin"),
        rx.el.input(
            id="together-pin",
            name="pin",
            type="password",
            input_mode="numeric",
            auto_complete="off",
            max_length=8,
            class_name="input",
            aria_describedby="pin-error",
        ),
        rx.el.p(
            rx.cond(W.pin_error != "", T[W.pin_error], ""),
            id="pin-error",
            class_name="field-error",
            role="alert",
        ),
        rx.el.button(T["together.start"], type="submit", class_name="btn btn-primary"),
        on_submit=W.start_together,
        reset_on_submit=False,
        class_name="form",
    )
    return _section(
        "together",
        rx.cond(_active(), start, rx.fragment()),
        all_results(MethodResultsState, _start_goal_button),
    )


def _content() -> rx.Component:
    return rx.cond(
        S.not_found,
        rx.el.p(T["error.not_allowed"]),
        rx.fragment(
            rx.el.h1(S.family.name),
            rx.el.nav(
                *[
                    rx.el.a(T[f"worker.section.{k}"], href=f"#sec-{k}")
                    for k in (
                        "family",
                        "process",
                        "meetings",
                        "together",
                        "goals",
                        "plan",
                        "messages",
                        "close",
                    )
                ],
                work_list_link(),
                aria_label=T["worker.sections"],
                class_name="section-nav",
            ),
            _members(),
            process_section(),
            _section(
                "meetings",
                rx.cond(_active(), propose_form(), rx.fragment()),
                rx.el.ul(rx.foreach(S.meetings, meeting_card), class_name="plain-list"),
                video_section(staff=True),
            ),
            _together(),
            _section(
                "goals",
                rx.cond(_active(), _goal_form(), rx.fragment()),
                goal_list(S, _end_buttons),
            ),
            client_plan_section(_active()),
            _section(
                "messages",
                thread(S.messages, thumbs=True),
                composer(S.draft_length, S.errors["message"], S.count, S.send),
                poll_button(S.poll_messages),
            ),
            _close_case(),
        ),
    )


def worker_family_page() -> rx.Component:
    return staff_page(loading_or(S.loaded, _content()))
