"""State of the guardian's family home page."""

import json

import reflex as rx

from familywork_app.db import session_scope
from familywork_app.i18n import fmt_date, fmt_datetime, fmt_time, t
from familywork_app.services.applications import application_status
from familywork_app.services.family_home import family_home
from familywork_app.state.app_state import AppState


class FamilyHomeState(AppState):
    loaded: bool = False
    family_name: str = ""
    status: str = ""
    closed_date: str = ""
    has_next: bool = False
    next_when: str = ""
    next_place: str = ""
    next_topic: str = ""
    next_worker: str = ""
    proposed_count: int = 0
    unread_count: int = 0
    goals: list[dict[str, str]] = []
    application_status: str = ""
    application_steps: list[str] = []
    application_reason: str = ""

    def load(self):
        """on_load: guardians only; everyone else goes to their own home."""
        self.loaded = False
        with session_scope() as db:
            user, family_id, redirect = self._guard_guardian(db, badge=False)
            if redirect:
                return redirect
            data = family_home(db, user, self._ip())
            self.unread = data["unread_count"]
            application = (
                application_status(db, user, family_id, self._ip())
                if data["status"] == "applied"
                else None
            )
        self._show(data)
        if application:
            self._show_application(application)
        self.loaded = True
        return self._store_offline_copy()

    def _store_offline_copy(self):
        """What the family last saw, for the offline view (removed again at sign-out)."""
        snapshot = {
            "next": f"{t(self.lang, 'home.next_meeting')}: {self.next_when} {self.next_place}"
            if self.has_next
            else "",
            "goals": [f"{g['title']} – {g['rating']}" for g in self.goals],
        }
        return rx.call_script(
            f"try{{localStorage.setItem('fw_offline',{json.dumps(json.dumps(snapshot))})}}catch(e){{}}"
        )

    def _show(self, data: dict) -> None:
        lang = self.lang
        self.family_name = data["family_name"]
        self.status = data["status"]
        self.closed_date = fmt_date(data["closed_on"], lang)
        meeting = data["next_meeting"]
        self.has_next = meeting is not None
        if meeting:
            self.next_when = (
                f"{fmt_datetime(meeting['starts_at'], lang)}–{fmt_time(meeting['ends_at'], lang)}"
            )
            place = t(lang, f"place.{meeting['place']}")
            self.next_place = (
                f"{place}, {meeting['place_detail']}" if meeting["place_detail"] else place
            )
            self.next_topic = meeting["topic"]
            self.next_worker = meeting["worker_name"]
        self.proposed_count = data["proposed_count"]
        self.unread_count = data["unread_count"]
        self.goals = [
            {
                "id": str(g["id"]),
                "title": g["title"],
                "area": t(lang, f"area.{g['area']}"),
                "rating": t(lang, "home.latest_rating", rating=g["rating"])
                if g["rating"] is not None
                else t(lang, "home.not_rated"),
            }
            for g in data["goals"]
        ]
        self.application_status = data["application_status"]

    def _show_application(self, a: dict) -> None:
        lang = self.lang
        steps = [t(lang, "app.step_submitted", date=fmt_date(a["submitted_at"], lang))]
        if a["in_review_at"]:
            steps.append(t(lang, "app.step_in_review", date=fmt_date(a["in_review_at"], lang)))
        if a["status"] == "accepted":
            steps.append(
                t(
                    lang,
                    "app.step_accepted",
                    date=fmt_date(a["decided_at"], lang),
                    worker=a["worker_name"],
                )
            )
        if a["status"] == "declined":
            steps.append(t(lang, "app.step_declined", date=fmt_date(a["decided_at"], lang)))
        self.application_steps = steps
        self.application_reason = (
            t(lang, "app.reason", reason=a["decision_note"]) if a["status"] == "declined" else ""
        )
