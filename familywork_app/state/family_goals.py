"""State of the guardian's shared goals: entries from both sides, ratings over time."""

import reflex as rx

from familywork_app.db import session_scope
from familywork_app.services import ServiceError
from familywork_app.services import goals as svc
from familywork_app.state.app_state import AppState
from familywork_app.state.app_state import form_id as _form_id
from familywork_app.state.presenters import present_goals


class FamilyGoalsState(AppState):
    loaded: bool = False
    goals: list[dict[str, str]] = []
    entries: dict[str, list[dict[str, str]]] = {}
    points: dict[str, list[dict[str, str]]] = {}
    errors: dict[str, str] = {}  # goal id -> i18n key of the entry form's error
    saved: str = ""  # id of the goal whose entry was just saved

    def _reload(self, db) -> list:
        user, family_id, redirect = self._guard_guardian(db)
        if redirect:
            return redirect
        goals = svc.family_goals(db, user, family_id, self._ip())
        self.goals, self.entries, self.points = present_goals(goals, self.lang)
        self.errors = {g["id"]: self.errors.get(g["id"], "") for g in self.goals}
        self.loaded = True
        return []

    def load(self):
        self.loaded, self.errors, self.saved = False, {}, ""
        with session_scope() as db:
            return self._reload(db)

    def add_entry(self, form_data: dict):
        """Add a progress entry and/or a 0–10 rating to one goal."""
        form = form_data if isinstance(form_data, dict) else {}
        goal_id = _form_id(form.get("goal_id"))
        key = str(goal_id)
        self.saved = ""
        with session_scope() as db:
            try:
                svc.add_goal_entry(
                    db,
                    self._user(db),
                    goal_id,
                    form.get("text", ""),
                    form.get("rating", ""),
                    self._ip(),
                )
            except ServiceError as problem:
                if key in self.errors:
                    self.errors = {**self.errors, key: problem.code}
                return
            self.errors = {**self.errors, key: ""}
            self.saved = key
            # Saved: now empty the form (on an error it keeps what was typed).
            # (the ids are built from a validated integer)
            clear = "".join(
                f"document.getElementById('{f}-{goal_id}').value='';" for f in ("text", "rating")
            )
            return [*self._reload(db), rx.call_script(clear)]
