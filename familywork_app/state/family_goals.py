"""State of the guardian's shared goals: entries from both sides, ratings over time."""

from typing import ClassVar

import reflex as rx

from familywork_app.domain import Role
from familywork_app.services import ServiceError
from familywork_app.services import goals as svc
from familywork_app.state.app_state import AppState
from familywork_app.state.forms import FormId, FormModel, Text
from familywork_app.state.forms import text as limited
from familywork_app.state.goal_presenters import GoalView, present_goals
from familywork_app.state.handler import Acting, data_handler

ENTRY_TEXT_MAX = 2000  # GoalEntry.text
RATING_CHARS = 2  # "" or "0"–"10" from the select


class EntryForm(FormModel):
    """A progress entry on one goal: a text, a 0–10 rating or both. The rating stays the text
    the select sent; the service checks that it is 0–10."""

    goal_id: FormId = 0
    text: Text = limited(ENTRY_TEXT_MAX)
    rating: Text = limited(RATING_CHARS)
    error_codes: ClassVar[dict[str, str]] = {"rating": "error.rating_range"}


def cleared_entry_form(goal_id: int) -> rx.event.EventSpec:
    """Empty a goal's entry form once its entry is saved (on an error it keeps what was typed).
    The ids are built from a validated integer."""
    return rx.call_script(f"fwClearFields(['text-{goal_id}', 'rating-{goal_id}'])")  # app.js


class FamilyGoalsState(AppState):
    loaded: rx.Field[bool] = rx.field(False)
    goals: rx.Field[list[GoalView]] = rx.field(default_factory=list)
    # goal id -> i18n key of the entry form's error
    errors: rx.Field[dict[str, str]] = rx.field(default_factory=dict)
    saved: rx.Field[str] = rx.field("")  # id of the goal whose entry was just saved
    _form_key: str = ""  # id of the goal whose entry is being saved

    def _reload(self, acting: Acting) -> None:
        goals = svc.family_goals(acting.db, acting.user, acting.family_id, acting.ip)
        self.goals = present_goals(goals, self.lang)
        self.errors = {g.id: self.errors.get(g.id, "") for g in self.goals}
        self.loaded = True

    def _refused(self, problem: ServiceError) -> None:
        """Show the refusal beside the form of the goal being saved (a form refused before
        that, which only a forged event can send, shows nothing)."""
        key, self._form_key = self._form_key, ""
        if key in self.errors:
            self.errors = {**self.errors, key: problem.code}

    @rx.event
    @data_handler(Role.GUARDIAN, page=True, family=True)
    def load(self, acting: Acting):
        self.loaded, self.errors, self.saved = False, {}, ""
        self._reload(acting)

    @rx.event
    @data_handler(Role.GUARDIAN, form=EntryForm, family=True)
    def add_entry(self, acting: Acting, form: EntryForm):
        """Add a progress entry and/or a 0–10 rating to one goal."""
        key = self._form_key = str(form.goal_id)
        self.saved = ""
        svc.add_goal_entry(acting.db, acting.user, form.goal_id, form.text, form.rating, acting.ip)
        self._form_key = ""
        self.errors = {**self.errors, key: ""}
        self.saved = key
        self._reload(acting)
        return [cleared_entry_form(form.goal_id), self._toast("toast.entry_saved")]
