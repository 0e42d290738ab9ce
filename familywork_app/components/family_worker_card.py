"""The family's worker (issue 17).

- `worker_card`: the family home names its worker once accepted, with the work phone as a call
  link and the hours they are usually reachable.
- `reachable_hours_form`: staff save those hours on their account page, beside the work phone.
"""

import reflex as rx

from familywork_app import routes
from familywork_app.components.forms import field_error
from familywork_app.components.shell import T, fill
from familywork_app.domain import Role
from familywork_app.state.app_state import AppState
from familywork_app.state.family_basics import ReachableHoursState


def worker_card(name: rx.Var, phone: rx.Var, tel: rx.Var, hours: rx.Var) -> rx.Component:
    """The card: name, phone (`tel`: its call link) or "reach them through messages", and the
    reachable hours."""
    return rx.el.section(
        rx.el.h2(T["fb.worker.title"], id="family-worker"),
        rx.el.p(name, class_name="big"),
        rx.cond(
            phone != "",
            rx.el.p(
                rx.el.span(T["fb.worker.phone"], class_name="block muted"),
                rx.el.a(
                    phone,
                    href=tel,
                    class_name="btn btn-secondary",
                    aria_label=fill("fb.worker.call", phone=phone),
                ),
            ),
            rx.el.p(T["fb.worker.no_phone"]),
        ),
        rx.cond(hours != "", rx.el.p(fill("fb.worker.reachable", hours=hours)), rx.fragment()),
        rx.el.p(rx.el.a(T["fb.worker.messages"], href=routes.FAMILY_MESSAGES)),
        aria_labelledby="family-worker",
        class_name="card",
    )


def _day_box(day: int) -> rx.Component:
    S = ReachableHoursState
    fid = f"reachable-day-{day}"
    return rx.el.div(
        rx.el.input(
            type="checkbox",
            id=fid,
            name=fid,
            class_name="check",
            default_checked=S.days.contains(str(day)),
        ),
        rx.el.label(T[f"fb.day.{day}"], html_for=fid),
        class_name="check-row",
    )


def _time_field(fid: str, label_key: str, value: rx.Var) -> rx.Component:
    S = ReachableHoursState
    error = rx.cond(S.hours_error_field == fid, S.hours_error, "")
    return rx.el.div(
        rx.el.label(T[label_key], html_for=fid),
        rx.el.input(
            type="time",
            id=fid,
            name=fid,
            step=900,
            default_value=value,
            class_name="input",
            aria_invalid=rx.cond(error != "", "true", "false"),
            aria_describedby=f"{fid}-error",
        ),
        field_error(fid, error),
        class_name="field",
    )


def reachable_hours_form() -> rx.Component:
    """Staff only: weekdays and a span, shown to the worker's families."""
    S = ReachableHoursState
    days_error = rx.cond(S.hours_error_field == "reachable-days", S.hours_error, "")
    return rx.cond(
        ((AppState.user_role == Role.WORKER.value) | (AppState.user_role == Role.SUPERVISOR.value))
        & S.hours_loaded,
        rx.el.section(
            rx.el.h2(T["fb.hours.title"], id="hours-title"),
            rx.el.p(T["fb.hours.lead"], class_name="muted"),
            rx.el.form(
                rx.el.fieldset(
                    rx.el.legend(T["fb.hours.days"]),
                    rx.el.div(*[_day_box(day) for day in range(7)], class_name="form-grid"),
                    field_error("reachable-days", days_error),
                    aria_describedby="reachable-days-error",
                ),
                rx.el.div(
                    _time_field("reachable-from", "fb.hours.from", S.start),
                    _time_field("reachable-until", "fb.hours.until", S.end),
                    class_name="form-grid",
                ),
                rx.el.button(T["fb.hours.save"], type="submit", class_name="btn btn-primary"),
                on_submit=S.save_hours,
                reset_on_submit=False,
                class_name="form",
                no_validate=True,
            ),
            aria_labelledby="hours-title",
            class_name="card",
        ),
        rx.fragment(),
    )
