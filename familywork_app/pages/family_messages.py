"""The family's conversation: newest at the bottom, read receipts, a 2,000-character box."""

import reflex as rx

from familywork_app.components.shell import GUARDIAN_NAV, T, guardian_page, loading_or
from familywork_app.state.family_messages import FamilyMessagesState as S

MAX_LENGTH = 2000


def _message(m: dict) -> rx.Component:
    return rx.el.li(
        rx.el.p(rx.el.strong(m["who"]), " · ", m["when"], class_name="msg-meta"),
        rx.el.p(m["body"], class_name="msg-body"),
        rx.cond(m["mine"] != "", rx.el.p(m["receipt"], class_name="msg-receipt"), rx.fragment()),
        class_name=rx.cond(m["mine"] != "", "msg msg-mine", "msg"),
    )


def _composer() -> rx.Component:
    return rx.el.form(
        rx.el.label(T["messages.body"], html_for="body"),
        rx.el.textarea(id="body", name="body", rows=3, class_name="input", max_length=MAX_LENGTH,
                       on_change=S.count.debounce(300),
                       aria_describedby="body-count body-error"),
        rx.el.p(S.draft_length.to_string() + f" / {MAX_LENGTH}", id="body-count",
                class_name="hint counter"),
        rx.el.p(rx.cond(S.error != "", T[S.error], ""), id="body-error", class_name="field-error",
                role="alert"),
        rx.el.button(T["messages.send"], type="submit", class_name="btn btn-primary"),
        on_submit=S.send, reset_on_submit=False, class_name="form composer",
    )


def family_messages_page() -> rx.Component:
    return guardian_page(
        rx.el.h1(T["messages.title"]),
        rx.el.p(T["messages.reply_time"], class_name="muted"),
        loading_or(S.loaded, rx.fragment(
            rx.cond(S.messages.length() > 0,
                    rx.el.ol(rx.foreach(S.messages, _message), class_name="plain-list thread"),
                    rx.el.p(T["messages.none"], class_name="muted")),
            _composer(),
        )),
        nav=GUARDIAN_NAV,
    )
