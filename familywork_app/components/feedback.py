"""The closing feedback on a closed family's home: three 1-5 questions, each a labelled group
of radio buttons, and a free text; once given, a thank-you instead (state/feedback.py)."""

import reflex as rx

from familywork_app.components.forms import field_error
from familywork_app.components.shell import T
from familywork_app.state.feedback import QUESTIONS
from familywork_app.state.feedback import FeedbackState as S

COMMENT_MAX = 2000


def _error(field: str) -> rx.Var:
    return S.errors.get(field, "").to(str)


def _question(field: str) -> rx.Component:
    """`field`'s question as a fieldset: its legend, the scale's meaning, five radio rows."""
    error_id = f"feedback-{field}-error"
    return rx.el.fieldset(
        rx.el.legend(T[f"feedback.{field}"], class_name="legend"),
        *[
            rx.el.div(
                rx.el.input(
                    type="radio",
                    id=f"feedback-{field}-{n}",
                    name=field,
                    value=str(n),
                    class_name="check",
                    aria_describedby=error_id,
                ),
                rx.el.label(T[f"feedback.scale_{n}"], html_for=f"feedback-{field}-{n}"),
                class_name="check-row",
            )
            for n in range(5, 0, -1)
        ],
        field_error(f"feedback-{field}", _error(field)),
        class_name="fieldset",
    )


def _form() -> rx.Component:
    comment_error = _error("comment")
    return rx.el.form(
        rx.el.p(T["feedback.lead"]),
        *[_question(field) for field in QUESTIONS],
        rx.el.div(
            rx.el.label(T["feedback.comment"], html_for="feedback-comment"),
            rx.el.p(T["feedback.comment_hint"], id="feedback-comment-hint", class_name="hint"),
            rx.el.textarea(
                id="feedback-comment",
                name="comment",
                rows=4,
                max_length=COMMENT_MAX,
                class_name="input",
                aria_invalid=rx.cond(comment_error != "", "true", "false"),
                aria_describedby="feedback-comment-error feedback-comment-hint",
            ),
            field_error("feedback-comment", comment_error),
            class_name="field",
        ),
        field_error("feedback-form", _error("form")),
        rx.el.button(T["feedback.send"], type="submit", class_name="btn btn-primary"),
        on_submit=S.submit,
        reset_on_submit=False,
        no_validate=True,
        class_name="form",
    )


def feedback_card() -> rx.Component:
    """The form while the family may answer, thanks once it has; nothing otherwise."""
    return rx.cond(
        S.can_give | S.given,
        rx.el.section(
            rx.el.h2(T["feedback.title"], id="feedback"),
            rx.cond(S.given, rx.el.p(T["feedback.thanks"], role="status"), _form()),
            aria_labelledby="feedback",
            class_name="card",
        ),
        rx.fragment(),
    )
