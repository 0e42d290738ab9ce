"""A confirmation step for what cannot be undone: the first button opens a native modal
<dialog> that names the consequence; only its confirming button acts.

The browser gives the dialog its keyboard and screen-reader behaviour: it is announced as a
dialog with its title and consequence (aria-labelledby, aria-describedby), the rest of the page
is inert while it is open, Tab stays inside it, and Escape closes it. assets/app.js opens it
(`data-opens-dialog`), puts the focus on "Cancel" (the safe choice), closes it from either of its
buttons (`data-closes-dialog`, after the confirming button's own click has run) and returns the
focus to the button that opened it.

Inside a form, the confirming button is the form's submit button (`submit=True`): the form is
sent with what was typed in it only once the person has confirmed.
"""

import reflex as rx
from reflex.vars import StringVar

from familywork_app.components.shell import T


def confirm_step(
    dialog_id: StringVar | str,
    *,
    opener: rx.Var,
    title: rx.Var,
    consequence: rx.Var,
    confirm: rx.Var,
    on_confirm=None,
    submit: bool = False,
    opener_name: rx.Var | None = None,
    opener_class: str = "btn btn-danger",
) -> rx.Component:
    """The opening button and its dialog. `opener_name`: a fuller accessible name for the
    opening button (it must begin with the visible text)."""
    title_id, text_id = dialog_id + "-title", dialog_id + "-text"
    closes = {"data-closes-dialog": "true"}
    acting = {"on_click": on_confirm} if on_confirm is not None else {}
    return rx.fragment(
        rx.el.button(
            opener,
            type="button",
            class_name=opener_class,
            aria_haspopup="dialog",
            aria_label=opener_name,
            data_opens_dialog=dialog_id,
        ),
        rx.el.dialog(
            rx.el.h2(title, id=title_id, class_name="h3"),
            rx.el.p(consequence, id=text_id),
            rx.el.div(
                rx.el.button(
                    confirm,
                    type="submit" if submit else "button",
                    class_name="btn btn-danger",
                    custom_attrs=closes,
                    **acting,
                ),
                rx.el.button(
                    T["confirm.cancel"],
                    type="button",
                    class_name="btn btn-secondary",
                    custom_attrs={**closes, "data-initial-focus": "true"},
                ),
                class_name="actions",
            ),
            id=dialog_id,
            aria_labelledby=title_id,
            aria_describedby=text_id,
            class_name="confirm-dialog",
        ),
    )
