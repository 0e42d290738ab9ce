"""Form fields with a visible label and the error right beside the field (aria-linked)."""

from typing import Literal

import reflex as rx

from familywork_app.state.app_state import AppState

InputType = Literal["text", "email", "tel", "password", "number", "date", "time", "search", "url"]

T = AppState.t


def field_error(field_id: str, error: rx.Var, translate: bool = True) -> rx.Component:
    """The error text for a field; `error` is an i18n key (or plain text if not `translate`)."""
    text = T[error] if translate else error
    return rx.el.p(
        rx.cond(error != "", text, ""),
        id=f"{field_id}-error",
        class_name="field-error",
        aria_live="polite",
    )


def text_field(
    name: str,
    label: rx.Var,
    error: rx.Var,
    *,
    input_type: InputType = "text",
    autocomplete: str = "off",
    default_value: rx.Var | str = "",
    hint: rx.Var | None = None,
    max_length: int | None = None,
) -> rx.Component:
    """A labelled input; marked invalid and described by its error when there is one."""
    described = f"{name}-error" + (f" {name}-hint" if hint is not None else "")
    return rx.el.div(
        rx.el.label(label, html_for=name),
        rx.el.p(hint, id=f"{name}-hint", class_name="hint") if hint is not None else rx.fragment(),
        rx.el.input(
            id=name,
            name=name,
            type=input_type,
            auto_complete=autocomplete,
            default_value=default_value,
            max_length=max_length,
            aria_invalid=rx.cond(error != "", "true", "false"),
            aria_describedby=described,
            class_name="input",
        ),
        field_error(name, error),
        class_name="field",
    )
