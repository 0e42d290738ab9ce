"""State of the worker's caseload: their families, with search and filters (no extra reads)."""

from familywork_app.db import session_scope
from familywork_app.i18n import fmt_datetime, t
from familywork_app.models import FAMILY_STATUSES, MUNICIPALITIES
from familywork_app.services.caseload import caseload
from familywork_app.state.app_state import AppState


class CaseloadState(AppState):
    loaded: bool = False
    families: list[dict[str, str]] = []  # the rows that pass the filters
    total: int = 0
    query: str = ""
    municipality: str = ""
    status: str = ""
    attention_only: bool = False
    _rows: list[dict] = []

    def load(self):
        self.loaded = False
        with session_scope() as db:
            user, redirect = self._guard(db, "worker")
            if redirect:
                return redirect
            rows = caseload(db, user, self._ip())
        lang = self.lang
        self._rows = [
            {
                "id": str(r["id"]),
                "name": r["name"],
                "municipality": r["municipality"],
                "status_key": r["status"],
                "status": t(lang, f"status.family.{r['status']}"),
                "next": (
                    f"{fmt_datetime(r['next_meeting_at'], lang)} · "
                    f"{t(lang, 'status.meeting.' + r['next_meeting_status'])}"
                )
                if r["next_meeting_at"]
                else t(lang, "common.none"),
                "answers": t(lang, "caseload.answers", count=r["answers"]) if r["answers"] else "",
                "unread": t(lang, "caseload.unread", count=r["unread"]) if r["unread"] else "",
                "goals": t(lang, "caseload.goals_active", count=r["goals_active"]),
                "weeks": t(lang, "caseload.weeks", weeks=r["weeks"]),
            }
            for r in rows
        ]
        self.total = len(self._rows)
        self._filter()
        self.loaded = True

    def _filter(self) -> None:
        query = self.query.strip().lower()
        self.families = [
            r
            for r in self._rows
            if (not query or query in r["name"].lower() or query in r["municipality"].lower())
            and (not self.municipality or r["municipality"] == self.municipality)
            and (not self.status or r["status_key"] == self.status)
            and (not self.attention_only or r["answers"] or r["unread"])
        ]

    def search(self, value: str):
        self.query = value[:100] if isinstance(value, str) else ""
        self._filter()

    def filter_municipality(self, value: str):
        self.municipality = value if value in MUNICIPALITIES else ""
        self._filter()

    def filter_status(self, value: str):
        self.status = value if value in FAMILY_STATUSES else ""
        self._filter()

    def toggle_attention(self, value: bool):
        self.attention_only = value is True
        self._filter()
