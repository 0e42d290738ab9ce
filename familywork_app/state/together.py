"""Together mode on the worker's tablet: one family's activities and nothing else.

The session is locked to the family on the server (services.together); the family id always
comes from that lock, never from the browser. Only this state acts for a locked session
(`_allows_together`). The evaluation, the child's check-in and leaving the mode are here; the
cards, the role map and the network map are in `together_maps.py`.
"""

import reflex as rx

from familywork_app import routes
from familywork_app.db import session_scope
from familywork_app.services import NotAllowed, ServiceError, methods, together
from familywork_app.services import method_content as mc
from familywork_app.state.app_state import AppState, form_id

ACTIVITIES = ("evaluation", "cards", "rolemap", "network", "child")


class TogetherState(AppState):
    loaded: bool = False
    activity: str = ""  # "" shows the activity menu
    family_name: str = ""
    respondents: list[dict[str, str]] = []  # value, label (guardians, children, the worker)
    children: list[dict[str, str]] = []
    members: list[dict[str, str]] = []  # role-map members: key, label
    errors: dict[str, str] = {}
    saved: bool = False

    def _allows_together(self) -> bool:
        return True

    def _locked(self, db):
        """(the worker, their open lock) or (None, None) when this session is not locked."""
        user = self._user(db)
        lock = together.current(db, user, self._session_token())
        return (user, lock) if lock is not None else (None, None)

    def _people(self, db, user, lock) -> None:
        people = together.family_people(db, user, lock, self._ip())
        self.family_name = people["family_name"]
        self.children = [{"id": str(c["id"]), "name": c["name"]} for c in people["children"]]
        suffix = self.t["eval.child_suffix"]
        self.respondents = (
            [{"value": f"guardian:{g['id']}", "label": g["name"]} for g in people["guardians"]]
            + [
                {"value": f"child:{c['id']}", "label": f"{c['name']} {suffix}"}
                for c in people["children"]
            ]
            + [{"value": "worker", "label": self.t["eval.worker_view"]}]
        )
        self.members = (
            [{"key": f"g{g['id']}", "label": g["name"]} for g in people["guardians"]]
            + [{"key": f"c{c['id']}", "label": c["name"]} for c in people["children"]]
            + [{"key": mc.OTHER_MEMBER, "label": self.t["role.other"]}]
        )

    def load(self):
        """on_load: only a session locked in together mode sees this page."""
        self.loaded, self.activity, self.errors, self.saved = False, "", {}, False
        with session_scope() as db:
            user = self._user(db)
            self._set_shell(user)
            if user is None:
                return rx.redirect(routes.SIGN_IN, replace=True)
            lock = together.current(db, user, self._session_token())
            if lock is None:
                return rx.redirect(routes.home_for(user.role), replace=True)
            self._people(db, user, lock)
        self.loaded = True

    def open_activity(self, name: str):
        if name in ACTIVITIES:
            self.activity, self.errors, self.saved = name, {}, False

    def back(self):
        self.activity, self.errors = "", {}

    def _save(self, call, *args, **kwargs):
        """Run a save service for the locked family; errors go next to their fields."""
        with session_scope() as db:
            user, lock = self._locked(db)
            if lock is None:
                return rx.redirect(routes.SIGN_IN, replace=True)
            try:
                call(db, user, lock.family_id, *args, ip=self._ip(), **kwargs)
            except ServiceError as problem:
                self.errors = {problem.field or "form": problem.code}
                return None
        self.errors, self.saved, self.activity = {}, True, ""
        return rx.call_script("window.scrollTo(0,0)")

    def save_evaluation(self, form_data: dict):
        form = form_data if isinstance(form_data, dict) else {}
        scores = {area: form.get(f"area-{area}", "") for area in mc.EVALUATION_AREAS}
        return self._save(
            methods.save_evaluation,
            form.get("respondent", ""),
            form.get("phase", ""),
            scores,
            child_consent=form.get("consent") == "on",
        )

    def save_child(self, form_data: dict):
        form = form_data if isinstance(form_data, dict) else {}
        answers = {q: form.get(f"q-{q}", "") for q in ("today", *mc.CHILD_QUESTIONS)}
        return self._save(
            methods.save_child_checkin,
            form_id(form.get("child", "")),
            answers,
            form.get("note", ""),
            child_consent=form.get("consent") == "on",
        )

    def end_together(self, form_data: dict):
        """The worker leaves together mode with their PIN or password."""
        form = form_data if isinstance(form_data, dict) else {}
        with session_scope() as db:
            user, lock = self._locked(db)
            if lock is None:
                return rx.redirect(routes.SIGN_IN, replace=True)
            try:
                family_id = together.end(
                    db, user, self._session_token(), form.get("secret", ""), self._ip()
                )
            except NotAllowed:
                return rx.redirect(routes.SIGN_IN, replace=True)
            except ServiceError as problem:
                self.errors = {"secret": problem.code}
                return rx.set_value("together-secret", "")
        self.reset()
        return rx.redirect(routes.FAMILY_RECORD_PREFIX + str(family_id), replace=True)
