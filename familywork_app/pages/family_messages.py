"""The family's conversation: newest at the bottom, read receipts, a 2,000-character box."""

import reflex as rx

from familywork_app.components.messages import composer, poll_button, thread
from familywork_app.components.shell import GUARDIAN_NAV, T, guardian_page, loading_or
from familywork_app.state.family_messages import FamilyMessagesState as S


def family_messages_page() -> rx.Component:
    return guardian_page(
        rx.el.h1(T["messages.title"]),
        rx.el.p(
            rx.cond(S.family_started, T["messages.reply_time"], T["messages.reply_time_pending"]),
            class_name="muted",
        ),
        loading_or(
            S.loaded,
            rx.fragment(
                thread(S.messages, "empty.messages_next"),
                composer(S.draft_length, S.error, S.count, S.send),
                poll_button(S.poll),
            ),
        ),
        nav=GUARDIAN_NAV,
    )
