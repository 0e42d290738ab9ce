"""States of the worker's week view (own agreed and open meetings) and the staff inbox."""

from datetime import timedelta

from familywork_app.db import session_scope
from familywork_app.i18n import HELSINKI, fmt_date, fmt_datetime, fmt_day, fmt_time, t
from familywork_app.models import utcnow
from familywork_app.services.messages import staff_inbox
from familywork_app.services.visits import worker_week
from familywork_app.state.app_state import AppState


class WeekState(AppState):
    loaded: bool = False
    offset: int = 0  # weeks from the current one
    title: str = ""
    days: list[dict[str, str]] = []  # one row per meeting, with its day heading
    _monday: str = ""

    def _show(self, db, user) -> None:
        lang = self.lang
        today = utcnow().astimezone(HELSINKI).date()
        monday = today - timedelta(days=today.weekday()) + timedelta(weeks=self.offset)
        rows = worker_week(db, user, monday, self._ip())
        self.title = t(
            lang,
            "week.title_range",
            start=fmt_date(monday, lang),
            end=fmt_date(monday + timedelta(days=6), lang),
        )
        self.days = [
            {
                "day": fmt_day(r["starts_at"], lang),
                "time": f"{fmt_time(r['starts_at'], lang)}–{fmt_time(r['ends_at'], lang)}",
                "family": r["family_name"],
                "family_id": str(r["family_id"]),
                "status": t(lang, f"status.meeting.{r['status']}"),
                "status_key": r["status"],
                "place": t(lang, f"place.{r['place']}"),
                "topic": r["topic"],
                "overlap": t(lang, "week.overlap") if r["overlaps"] else "",
            }
            for r in rows
        ]
        self.loaded = True

    def load(self):
        self.loaded, self.offset = False, 0
        with session_scope() as db:
            user, redirect = self._guard(db, "worker", "supervisor")
            if redirect:
                return redirect
            self._show(db, user)

    def shift(self, weeks: int):
        """Previous (-1) or next (+1) week, at most a year either way."""
        if weeks not in (-1, 1) or not -52 < self.offset + weeks < 52:
            return
        with session_scope() as db:
            user, redirect = self._guard(db, "worker", "supervisor")
            if redirect:
                return redirect
            self.offset += weeks
            self._show(db, user)


class InboxState(AppState):
    loaded: bool = False
    rows: list[dict[str, str]] = []

    def load(self):
        self.loaded = False
        with session_scope() as db:
            user, redirect = self._guard(db, "worker", "supervisor")
            if redirect:
                return redirect
            rows = staff_inbox(db, user, self._ip())
        lang = self.lang
        self.rows = [
            {
                "family_id": str(r["family_id"]),
                "name": r["family_name"],
                "unread": t(lang, "caseload.unread", count=r["unread"]) if r["unread"] else "",
                "when": fmt_datetime(r["last_at"], lang) if r["last_at"] else "",
                "preview": r["last_preview"],
            }
            for r in rows
        ]
        self.loaded = True
