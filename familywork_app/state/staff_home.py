"""States of the worker's caseload and the supervisor's overview."""

from familywork_app.db import session_scope
from familywork_app.i18n import fmt_datetime, t
from familywork_app.services.caseload import caseload, overview
from familywork_app.state.app_state import AppState


class CaseloadState(AppState):
    loaded: bool = False
    families: list[dict[str, str]] = []

    def load(self):
        self.loaded = False
        with session_scope() as db:
            user, redirect = self._guard(db, "worker")
            if redirect:
                return redirect
            rows = caseload(db, user, self._ip())
        lang = self.lang
        self.families = [{
            "id": str(r["id"]), "name": r["name"], "municipality": r["municipality"],
            "status": t(lang, f"status.family.{r['status']}"),
            "next": (f"{fmt_datetime(r['next_meeting_at'], lang)} · "
                     f"{t(lang, 'status.meeting.' + r['next_meeting_status'])}")
            if r["next_meeting_at"] else t(lang, "common.none"),
            "answers": t(lang, "caseload.answers", count=r["answers"]) if r["answers"] else "",
            "unread": t(lang, "caseload.unread", count=r["unread"]) if r["unread"] else "",
            "goals": t(lang, "caseload.goals_active", count=r["goals_active"]),
            "weeks": t(lang, "caseload.weeks", weeks=r["weeks"]),
        } for r in rows]
        self.loaded = True


class OverviewState(AppState):
    loaded: bool = False
    queue: list[dict[str, str]] = []
    workers: list[dict[str, str]] = []

    def load(self):
        self.loaded = False
        with session_scope() as db:
            user, redirect = self._guard(db, "supervisor")
            if redirect:
                return redirect
            data = overview(db, user, self._ip())
        lang = self.lang
        self.queue = [{
            "id": str(q["application_id"]), "name": q["name"], "municipality": q["municipality"],
            "status": t(lang, f"status.application.{q['status']}"),
            "areas": ", ".join(t(lang, f"area.{a}") for a in q["areas"]),
            "waiting": t(lang, "overview.waiting_days", days=q["days_waiting"]),
        } for q in data["queue"]]
        self.workers = [{"name": w["name"], "active": str(w["active"])} for w in data["workers"]]
        self.loaded = True
