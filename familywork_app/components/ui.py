"""Small pieces of the design system every page uses: an empty state that says what to do
next, a card's heading row with its icon, and status badges (assets/styles.css styles them)."""

import reflex as rx

from familywork_app.components.icons import icon
from familywork_app.components.texts import T


def empty_state(icon_name: str, text_key: str, next_key: str = "") -> rx.Component:
    """An empty list: an icon, what is (not) there, and what to do next or when it comes."""
    return rx.el.div(
        icon(icon_name, class_name="icon-large"),
        rx.el.div(
            rx.el.p(T[text_key], class_name="empty-title"),
            rx.el.p(T[next_key], class_name="muted") if next_key else rx.fragment(),
        ),
        class_name="empty-state",
    )


def card_head(icon_name: str, title: rx.Component) -> rx.Component:
    """A card's heading row: the icon beside the heading (h2 or h3, given)."""
    return rx.el.div(icon(icon_name, class_name="icon card-icon"), title, class_name="card-head")


# The tone of each status value: what needs someone's answer stands out, what is over is grey.
STATUS_TONES = {
    "active": "ok",
    "agreed": "ok",
    "achieved": "ok",
    "accepted": "ok",
    "applied": "attention",
    "proposed": "attention",
    "change_requested": "attention",
    "submitted": "attention",
    "in_review": "attention",
    "closed": "neutral",
    "held": "neutral",
    "dropped": "neutral",
    "cancelled": "error",
    "declined": "error",
}


def status_badge(text: rx.Var | str, status_key: rx.Var | str) -> rx.Component:
    """A status as a tinted pill; its colour follows the status value, its text says it."""
    tone_class = rx.match(
        status_key,
        *[(value, f"tag tag-{tone}") for value, tone in STATUS_TONES.items()],
        "tag",
    )
    return rx.el.span(text, class_name=tone_class)
