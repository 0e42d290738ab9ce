"""State of the supervisor's overview: the application queue and decisions on it."""

from familywork_app.db import session_scope
from familywork_app.i18n import t
from familywork_app.services import ServiceError, applications
from familywork_app.services.caseload import overview
from familywork_app.state.app_state import AppState, form_id as _form_id


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
        return self._decide(application_id, lambda db, user, app_id: applications.set_in_review(
            db, user, app_id, self._ip()))

    def accept(self, form_data: dict):
        form = form_data if isinstance(form_data, dict) else {}
        return self._decide(form.get("application_id"), lambda db, user, app_id:
                            applications.accept_application(
                                db, user, app_id, _form_id(form.get("worker_id")), "", self._ip()))

    def decline(self, form_data: dict):
        form = form_data if isinstance(form_data, dict) else {}
        return self._decide(form.get("application_id"), lambda db, user, app_id:
                            applications.decline_application(
                                db, user, app_id, form.get("reason"), self._ip()))

    def _reload(self, db) -> list:
        user, redirect = self._guard(db, "supervisor")
        if redirect:
            return redirect
        data = overview(db, user, self._ip())
        lang = self.lang
        self.queue = [{
            "id": str(q["application_id"]), "name": q["name"], "municipality": q["municipality"],
            "status": t(lang, f"status.application.{q['status']}"), "status_key": q["status"],
            "channel": t(lang, f"channel.{q['channel']}"),
            "areas": ", ".join(t(lang, f"area.{a}") for a in q["areas"]),
            "waiting": t(lang, "overview.waiting_days", days=q["days_waiting"]),
        } for q in data["queue"]]
        self.workers = [{"id": str(w["id"]), "name": w["name"], "active": str(w["active"])}
                        for w in data["workers"]]
        self.errors = {q["id"]: self.errors.get(q["id"], "") for q in self.queue}
        self.loaded = True
        return []
