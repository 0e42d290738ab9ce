"""State of a family's page for staff: members, application, meetings, goals, messages.

The family id comes from the URL; every service call checks again that this worker (or a
supervisor) may see that family. The id is kept server-side (`_fid`).
"""

from familywork_app.db import session_scope
from familywork_app.i18n import fmt_date, t
from familywork_app.services import NotAllowed
from familywork_app.services import goals as goal_svc
from familywork_app.services import meetings as meeting_svc
from familywork_app.services import messages as message_svc
from familywork_app.services.family_search import active_workers
from familywork_app.services.visits import family_record
from familywork_app.state.app_state import AppState, form_id
from familywork_app.state.presenters import present_goals, present_meeting, present_message


class WorkerFamilyState(AppState):
    loaded: bool = False
    not_found: bool = False
    family: dict[str, str] = {}
    guardians: list[dict[str, str]] = []
    children: list[str] = []
    application: dict[str, str] = {}
    meetings: list[dict[str, str]] = []
    goals: list[dict[str, str]] = []
    entries: dict[str, list[dict[str, str]]] = {}
    points: dict[str, list[dict[str, str]]] = {}
    messages: list[dict[str, str]] = []
    workers: list[dict[str, str]] = []  # for a supervisor's reassignment
    _fid: int = 0
    _latest: int = 0  # id of the newest message shown

    def _present_record(self, record: dict) -> None:
        lang = self.lang
        self.family = {
            "id": str(record["id"]),
            "name": record["name"],
            "municipality": record["municipality"],
            "address": record["address"],
            "status": record["status"],
            "status_label": t(lang, f"status.family.{record['status']}"),
            "worker": record["worker_name"],
            "opened": fmt_date(record["opened_on"], lang),
            "closed": fmt_date(record["closed_on"], lang),
            "closing_summary": record["closing_summary"],
        }
        self.guardians = [
            {"name": g["name"], "email": g["email"], "phone": g["phone"]}
            for g in record["guardians"]
        ]
        self.children = [f"{c['first_name']} ({c['birth_year']})" for c in record["children"]]
        a = record["application"]
        self.application = (
            {}
            if a is None
            else {
                "channel": t(lang, f"channel.{a['channel']}"),
                "areas": ", ".join(t(lang, f"area.{x}") for x in a["support_areas"]),
                "description": a["description"],
                "reachable": a["reachable"],
                "status": t(lang, f"status.application.{a['status']}"),
                "submitted": fmt_date(a["submitted_at"], lang),
                "decision": a["decision_note"],
            }
        )

    def _reload(self, db, user) -> None:
        """Everything on the page, each read authorised and logged by its service."""
        ip, lang = self._ip(), self.lang
        self._present_record(family_record(db, user, self._fid, ip))
        data = meeting_svc.family_meetings(db, user, self._fid, ip)
        self.meetings = [present_meeting(m, lang) for m in data["upcoming"] + data["past"]]
        self.goals, self.entries, self.points = present_goals(
            goal_svc.family_goals(db, user, self._fid, ip), lang
        )
        self._show_messages(db, user)
        self.workers = (
            [{"id": str(w["id"]), "name": w["name"]} for w in active_workers(db, user)]
            if user.role == "supervisor"
            else []
        )
        self.loaded = True

    def _show_messages(self, db, user) -> None:
        data = message_svc.conversation(db, user, self._fid, self._ip())
        self.messages = [present_message(m, self.lang) for m in data]
        self._latest = max((m["id"] for m in data), default=0)

    def poll_messages(self):
        """Clicked every few seconds by assets/offline.js: show a newly arrived message."""
        if not self.loaded or self.not_found:
            return
        with session_scope() as db:
            user = self._user(db)
            if user is None or user.role not in ("worker", "supervisor") or not self._fid:
                return
            try:
                if message_svc.latest_message_id(db, user, self._fid) != self._latest:
                    self._show_messages(db, user)
            except NotAllowed:
                return

    def load(self):
        """on_load: staff only; the family must be one this user may see."""
        self.loaded, self.not_found = False, False
        with session_scope() as db:
            user, redirect = self._guard(db, "worker", "supervisor")
            if redirect:
                return redirect
            self._fid = form_id(self.router.page.params.get("fid", ""))
            try:
                self._reload(db, user)
            except NotAllowed:
                self.not_found = True
                self.loaded = True

    def _acting(self, db):
        """The signed-in staff user for an action on this page's family."""
        user = self._user(db)
        if user is None or user.role not in ("worker", "supervisor") or not self._fid:
            raise NotAllowed()
        return user
