"""State of the supervisor's overview: the application queue and decisions on it."""

from familywork_app.db import session_scope
from familywork_app.services import ServiceError, applications
from familywork_app.services.caseload import application_queue, overview
from familywork_app.state.app_state import AppState
from familywork_app.state.app_state import form_id as _form_id
from familywork_app.state.presenters import present_queue


class OverviewState(AppState):
    loaded: bool = False
    queue: list[dict[str, str]] = []
    workers: list[dict[str, str]] = []
    errors: dict[str, str] = {}  # application id -> i18n key

    def load(self):
        self.loaded, self.errors = False, {}
        with session_scope() as db:
            return self._reload(db)

    def _decide(self, application_id: object, action) -> list:
        key = str(_form_id(application_id))
        with session_scope() as db:
            try:
                action(db, self._user(db), _form_id(application_id))
            except ServiceError as problem:
                self.errors = {**self.errors, key: problem.code}
                return []
            self.errors = {**self.errors, key: ""}
            return self._reload(db)

    def review(self, application_id: str):
        return self._decide(
            application_id,
            lambda db, user, app_id: applications.set_in_review(db, user, app_id, self._ip()),
        )

    def accept(self, form_data: dict):
        form = form_data if isinstance(form_data, dict) else {}
        return self._decide(
            form.get("application_id"),
            lambda db, user, app_id: applications.accept_application(
                db, user, app_id, _form_id(form.get("worker_id")), "", self._ip()
            ),
        )

    def decline(self, form_data: dict):
        form = form_data if isinstance(form_data, dict) else {}
        return self._decide(
            form.get("application_id"),
            lambda db, user, app_id: applications.decline_application(
                db, user, app_id, form.get("reason"), self._ip()
            ),
        )

    def _reload(self, db) -> list:
        user, redirect = self._guard(db, "supervisor")
        if redirect:
            return redirect
        data = overview(db, user, self._ip())
        self.queue = present_queue(data["queue"], self.lang)
        self.workers = [
            {"id": str(w["id"]), "name": w["name"], "active": str(w["active"])}
            for w in data["workers"]
        ]
        self.errors = {q["id"]: self.errors.get(q["id"], "") for q in self.queue}
        self.loaded = True
        return []


class QueueState(AppState):
    """The application queue as workers read it (no decisions)."""

    loaded: bool = False
    queue: list[dict[str, str]] = []

    def load(self):
        self.loaded = False
        with session_scope() as db:
            user, redirect = self._guard(db, "worker", "supervisor")
            if redirect:
                return redirect
            self.queue = present_queue(application_queue(db, user, self._ip()), self.lang)
        self.loaded = True
