"""The conversation thread and the message box, shared by the family's and the worker's pages."""

import reflex as rx
from reflex.vars.object import ObjectVar

from familywork_app.components.message_files import file_field, message_files
from familywork_app.components.shell import T
from familywork_app.components.ui import empty_state
from familywork_app.state.goal_presenters import MessageView

MAX_LENGTH = 2000


def _message(m: ObjectVar[MessageView], thumbs: bool = False) -> rx.Component:
    """One `MessageView`, its photos full width (or as thumbnails, `thumbs`)."""
    return rx.el.li(
        rx.el.p(rx.el.strong(m.who), " · ", m.when, class_name="msg-meta"),
        rx.cond(m.body != "", rx.el.p(m.body, class_name="msg-body"), rx.fragment()),
        message_files(m.files, thumbs),
        rx.cond(m.mine, rx.el.p(m.receipt, class_name="msg-receipt"), rx.fragment()),
        class_name=rx.cond(m.mine, "msg msg-mine", "msg"),
    )


def thread(messages: rx.Var, next_key: str = "", thumbs: bool = False) -> rx.Component:
    """`messages` (a list of `MessageView`) oldest first, so the newest is at the bottom next to
    the box; none yet says what to do (`next_key`). `thumbs`: photos as thumbnails (staff)."""
    return rx.cond(
        messages.to(list).length() > 0,
        rx.el.ol(
            rx.foreach(messages, lambda m: _message(m, thumbs)), class_name="plain-list thread"
        ),
        empty_state("message-circle", "messages.none", next_key),
    )


def composer(draft_length: rx.Var, error: rx.Var, on_count, on_send) -> rx.Component:
    """The message box with its counter and the file field; on an error the text stays in the
    box (and a refused file leaves the text alone)."""
    return rx.el.form(
        rx.el.label(T["messages.body"], html_for="body"),
        rx.el.textarea(
            id="body",
            name="body",
            rows=3,
            class_name="input",
            max_length=MAX_LENGTH,
            on_change=on_count.debounce(300),
            aria_describedby="body-count body-error",
        ),
        rx.el.p(
            draft_length.to_string() + f" / {MAX_LENGTH}",
            id="body-count",
            class_name="hint counter",
        ),
        rx.el.p(
            rx.cond(error != "", T[error], ""),
            id="body-error",
            class_name="field-error",
            role="alert",
        ),
        file_field(),
        rx.el.button(T["messages.send"], type="submit", class_name="btn btn-primary"),
        on_submit=on_send,
        reset_on_submit=False,
        class_name="form composer",
    )


def poll_button(handler) -> rx.Component:
    """Hidden; assets/offline.js clicks it every few seconds while the page is visible and online,
    so a new message shows up without reloading (whichever backend worker received it)."""
    return rx.el.button(
        type="button",
        hidden=True,
        tab_index=-1,
        on_click=handler,
        custom_attrs={"data-poll": "messages"},
    )
