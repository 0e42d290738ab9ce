"""State of the closing feedback on a closed family's home (components/feedback.py)."""

from typing import Annotated

import reflex as rx
from pydantic import BeforeValidator

from familywork_app.domain import Role
from familywork_app.services import ServiceError
from familywork_app.services.feedback import SCORES, FeedbackOffer, feedback_offer, give_feedback
from familywork_app.state.app_state import AppState
from familywork_app.state.forms import FormModel, Text, text
from familywork_app.state.handler import Acting, data_handler

QUESTIONS = SCORES  # the form's 1-5 questions, in order (for the component)


def score(value: object) -> int:
    """A radio answer "1".."5" as a number; anything else is 0 (refused by the service)."""
    if isinstance(value, str) and value in ("1", "2", "3", "4", "5"):
        return int(value)
    if isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= 5:
        return value
    return 0


Score = Annotated[int, BeforeValidator(score)]


class FeedbackForm(FormModel):
    helped: Score = 0
    listened: Score = 0
    meetings: Score = 0
    comment: Text = text(2000)


class FeedbackState(AppState):
    can_give: rx.Field[bool] = rx.field(False)  # a closed family that has not answered yet
    given: rx.Field[bool] = rx.field(False)
    errors: rx.Field[dict[str, str]] = rx.field(default_factory=dict)  # field -> i18n key

    @rx.event
    @data_handler(Role.GUARDIAN, page=True)
    def load(self, acting: Acting):
        """on_load of the family home: whether the closed family may still give feedback."""
        self.errors = {}
        self._show(feedback_offer(acting.db, acting.user))

    @rx.event
    @data_handler(Role.GUARDIAN, form=FeedbackForm)
    def submit(self, acting: Acting, form: FeedbackForm):
        give_feedback(
            acting.db,
            acting.user,
            form.helped,
            form.listened,
            form.meetings,
            form.comment,
            acting.ip,
        )
        self.errors = {}
        self._show(FeedbackOffer.GIVEN)
        return self._toast("toast.feedback_given")

    def _refused(self, problem: ServiceError) -> object:
        """Each error beside its field (the form's own when it names none); answers stay."""
        if problem.code == "feedback.already_given":
            self._show(FeedbackOffer.GIVEN)
        self.errors = {problem.field or "form": problem.code}
        return None

    def _show(self, offer: FeedbackOffer) -> None:
        self.can_give = offer == FeedbackOffer.OPEN
        self.given = offer == FeedbackOffer.GIVEN
