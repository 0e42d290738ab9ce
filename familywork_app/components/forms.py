"""Form fields with a visible label and the error right beside the field (aria-linked)."""

from typing import Literal

import reflex as rx

from familywork_app.components.texts import T

InputType = Literal["text", "email", "tel", "password", "number", "date", "time", "search", "url"]


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


def error_summary(summary_id: str, items: rx.Var, intro: rx.Var | None = None) -> rx.Component:
    """The errors of a failed submit at the top of the form, each a link to its field (the
    GOV.UK and Suomi.fi pattern). `items`: a list of `state.error_summary.ErrorLink`. The
    handler that refused moves the focus here (`focus_error_summary`)."""
    title_id = f"{summary_id}-title"

    def line(item) -> rx.Component:
        message = rx.cond(item.key != "", T[item.key], item.text)
        return rx.el.li(rx.cond(item.field != "", rx.el.a(message, href="#" + item.field), message))

    return rx.cond(
        items.to(list).length() > 0,
        rx.el.div(
            rx.el.h2(T["form.error_summary"], id=title_id, class_name="h3"),
            rx.el.p(intro) if intro is not None else rx.fragment(),
            rx.el.ul(rx.foreach(items, line), class_name="error-list"),
            id=summary_id,
            role="group",
            aria_labelledby=title_id,
            tab_index=-1,
            class_name="error-summary",
        ),
        rx.fragment(),
    )
