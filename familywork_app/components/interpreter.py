"""The interpreter on the family's record (issue 17), for staff.

- `interpreter_form`: the family needs an interpreter (yes/no) and the language.
- `meeting_interpreter`: a meeting card's line (needed, in which language, booked or not) and
  the button that marks it booked or not.
- `booked_question`: the proposal form's checkbox "An interpreter is booked for this meeting",
  shown when the family needs one.
"""

import reflex as rx

from familywork_app.components.forms import field_error
from familywork_app.components.shell import T, fill
from familywork_app.state.family_basics import InterpreterState as S


def interpreter_form() -> rx.Component:
    error = S.interpreter_error
    return rx.cond(
        S.interpreter_loaded,
        rx.el.section(
            rx.el.h3(T["fb.interp.title"], id="interpreter-title"),
            rx.el.p(
                rx.cond(S.needed, fill("fb.interp.line", language=S.language), T["fb.interp.none"]),
                class_name="muted",
            ),
            rx.el.form(
                rx.el.div(
                    rx.el.input(
                        type="checkbox",
                        id="interpreter-needed",
                        name="interpreter-needed",
                        class_name="check",
                        default_checked=S.needed,
                        key=S.needed.to(str),
                    ),
                    rx.el.label(T["fb.interp.needed"], html_for="interpreter-needed"),
                    class_name="check-row",
                ),
                rx.el.div(
                    rx.el.label(T["fb.interp.language"], html_for="interpreter-language"),
                    rx.el.input(
                        id="interpreter-language",
                        name="interpreter-language",
                        class_name="input",
                        max_length=60,
                        auto_complete="off",
                        default_value=S.language,
                        key=S.language,
                        aria_invalid=rx.cond(error != "", "true", "false"),
                        aria_describedby="interpreter-language-error",
                    ),
                    field_error("interpreter-language", error),
                    class_name="field",
                ),
                rx.el.button(T["fb.interp.save"], type="submit", class_name="btn btn-secondary"),
                on_submit=S.save,
                reset_on_submit=False,
                class_name="form",
                no_validate=True,
            ),
            aria_labelledby="interpreter-title",
        ),
        rx.fragment(),
    )


def meeting_interpreter(meeting_id: rx.Var | str) -> rx.Component:
    """`meeting_id`: the meeting view's id (text)."""
    booked = S.booked.contains(meeting_id)
    return rx.cond(
        S.needed,
        rx.el.div(
            rx.el.p(
                rx.el.strong(fill("fb.interp.line", language=S.language)),
                " · ",
                rx.cond(booked, T["fb.interp.booked"], T["fb.interp.not_booked"]),
                class_name=rx.cond(booked, "", "attention"),
            ),
            rx.el.button(
                rx.cond(booked, T["fb.interp.mark_not_booked"], T["fb.interp.mark_booked"]),
                type="button",
                class_name="btn btn-secondary btn-small",
                on_click=S.mark_booked(meeting_id, ~booked),
            ),
        ),
        rx.fragment(),
    )


def booked_question() -> rx.Component:
    return rx.cond(
        S.needed,
        rx.el.div(
            rx.el.input(
                type="checkbox",
                id="propose-interpreter",
                name="interpreter_booked",
                class_name="check",
            ),
            rx.el.label(
                T["fb.interp.booked_question"],
                " (",
                S.language,
                ")",
                html_for="propose-interpreter",
            ),
            class_name="check-row",
        ),
        rx.fragment(),
    )
